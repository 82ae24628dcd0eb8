#include "accrue/domain/ledger/postings.h"

#include <map>

#include "accrue/base/check.h"
#include "accrue/base/strings.h"
#include "accrue/domain/ledger/account.h"

namespace accrue::ledger {
namespace {

std::string InvoiceLabel(const Invoice& inv) {
  return inv.number.has_value() ? *inv.number : inv.id.ToString();
}

std::optional<std::string_view> PlanCode(const InvoiceLine& line,
                                         const absl::flat_hash_map<PlanId, std::string>* codes) {
  if (!line.plan_id.has_value() || codes == nullptr) return std::nullopt;
  auto it = codes->find(*line.plan_id);
  if (it == codes->end()) return std::nullopt;
  return std::string_view(it->second);
}

bool HasServicePeriod(const InvoiceLine& line) {
  return line.period_start.has_value() && line.period_end.has_value() &&
         *line.period_end > *line.period_start;
}

}  // namespace

InvoicePosting PostInvoiceFinalized(const Invoice& inv, const InvoicePostingContext& ctx) {
  InvoicePosting out;
  const Currency cur = inv.currency;
  // Credits per account, in a stable order (deferred revenue first, then revenue accounts).
  std::map<std::string, int64_t> credits;
  int64_t deferred = 0;
  for (const InvoiceLine& line : inv.lines) {
    const std::string account = RevenueAccountFor(PlanCode(line, ctx.plan_codes));
    if (!HasServicePeriod(line)) {
      credits[account] += line.amount_minor;
      continue;
    }
    const absl::CivilDay start = absl::ToCivilDay(*line.period_start, ctx.customer_zone);
    const absl::CivilDay end = absl::ToCivilDay(*line.period_end, ctx.customer_zone);
    for (const MonthAmount& part : SplitOverPeriod(line.amount_minor, start, end)) {
      const bool closed =
          ctx.recognized_through.has_value() && part.month <= *ctx.recognized_through;
      if (closed) {
        credits[account] += part.amount_minor;
      } else {
        deferred += part.amount_minor;
      }
      out.schedule.push_back(
          ScheduleItem{inv.id, line.id, part.month, account, cur, part.amount_minor, closed});
    }
  }
  JournalEntryBuilder b(DeriveEntryId(EntryKind::kInvoiceFinalized, inv.id.uuid(), ctx.occurred_at),
                        inv.tenant_id, EntryKind::kInvoiceFinalized, ctx.occurred_at,
                        ctx.effective_date);
  b.Source(std::string(kSourceInvoice), inv.id.ToString())
      .Memo(fmt::format("Invoice {} finalized", InvoiceLabel(inv)))
      .Fx(ctx.fx);
  b.Debit(codes::kReceivable, Money::FromMinor(inv.total_minor, cur));
  b.Credit(codes::kDeferredRevenue, Money::FromMinor(deferred, cur));
  for (const auto& [account, amount] : credits) b.Credit(account, Money::FromMinor(amount, cur));
  b.Credit(codes::kTaxPayable, Money::FromMinor(inv.tax_minor, cur));
  if (!b.empty()) out.entry = std::move(b).Build();
  return out;
}

std::optional<JournalEntry> PostInvoiceWrittenOff(const Invoice& inv, absl::Time occurred_at,
                                                  absl::CivilDay effective_date,
                                                  std::optional<FxNote> fx) {
  if (inv.amount_due_minor == 0) return std::nullopt;
  JournalEntryBuilder b(DeriveEntryId(EntryKind::kInvoiceWrittenOff, inv.id.uuid(), occurred_at),
                        inv.tenant_id, EntryKind::kInvoiceWrittenOff, occurred_at, effective_date);
  const Money due = Money::FromMinor(inv.amount_due_minor, inv.currency);
  b.Source(std::string(kSourceInvoice), inv.id.ToString())
      .Memo(fmt::format("Invoice {} written off as uncollectible", InvoiceLabel(inv)))
      .Fx(std::move(fx));
  b.Debit(codes::kBadDebt, due).Credit(codes::kReceivable, due);
  return std::move(b).Build();
}

std::optional<JournalEntry> PostInvoiceVoided(
    const Invoice& inv, const std::vector<JournalEntry>& posted,
    const std::vector<RecognizedAmount>& recognized_since_posting, absl::Time occurred_at,
    absl::CivilDay effective_date) {
  if (posted.empty()) return std::nullopt;
  JournalEntryBuilder b(DeriveEntryId(EntryKind::kInvoiceVoided, inv.id.uuid(), occurred_at),
                        inv.tenant_id, EntryKind::kInvoiceVoided, occurred_at, effective_date);
  b.Source(std::string(kSourceInvoice), inv.id.ToString())
      .Memo(fmt::format("Invoice {} voided", InvoiceLabel(inv)));
  for (const JournalEntry& e : posted) {
    ACCRUE_CHECK(e.kind != EntryKind::kInvoiceVoided, "an invoice is voided once");
    b.Lines(Reversed(e.lines));
  }
  for (const RecognizedAmount& r : recognized_since_posting) {
    const Money amount = Money::FromMinor(r.amount_minor, r.currency);
    b.Debit(r.account, amount).Credit(codes::kDeferredRevenue, amount);
  }
  if (b.empty()) return std::nullopt;
  return std::move(b).Build();
}

std::optional<JournalEntry> PostRevenueRecognized(JournalEntryId id, TenantId tenant,
                                                  absl::CivilMonth month,
                                                  const std::vector<RecognizedAmount>& amounts,
                                                  absl::Time occurred_at) {
  JournalEntryBuilder b(id, tenant, EntryKind::kRevenueRecognized, occurred_at, LastDayOf(month));
  b.Source(std::string(kSourceRecognition), FormatMonth(month))
      .Memo(fmt::format("Revenue recognized for {}", FormatMonth(month)));
  // One deferred-revenue line per currency, then one credit per revenue account.
  std::map<Currency, int64_t> deferred;
  for (const RecognizedAmount& r : amounts) deferred[r.currency] += r.amount_minor;
  for (const auto& [currency, amount] : deferred) {
    b.Debit(codes::kDeferredRevenue, Money::FromMinor(amount, currency));
  }
  for (const RecognizedAmount& r : amounts) {
    b.Credit(r.account, Money::FromMinor(r.amount_minor, r.currency));
  }
  if (b.empty()) return std::nullopt;
  return std::move(b).Build();
}

}  // namespace accrue::ledger
