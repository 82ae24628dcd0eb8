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

InvoicePosting PostCreditNoteIssued(const CreditNote& note, const Invoice& inv,
                                    const InvoicePostingContext& ctx) {
  InvoicePosting out;
  const Currency cur = note.currency;
  std::map<std::string, int64_t> debits;  // revenue accounts
  int64_t deferred = 0;
  const InvoiceId schedule_doc(note.id.uuid());
  for (const CreditNoteLine& cl : note.lines) {
    const InvoiceLine* line = FindLine(inv, cl.invoice_line_id);
    ACCRUE_CHECK(line != nullptr, "a credit note line credits a line of its invoice");
    const std::string account = RevenueAccountFor(PlanCode(*line, ctx.plan_codes));
    if (!HasServicePeriod(*line)) {
      debits[account] += cl.amount_minor;
      continue;
    }
    const absl::CivilDay start = absl::ToCivilDay(*line->period_start, ctx.customer_zone);
    const absl::CivilDay end = absl::ToCivilDay(*line->period_end, ctx.customer_zone);
    const std::vector<MonthAmount> after =
        SplitOverPeriod(cl.credited_before_minor + cl.amount_minor, start, end);
    const std::vector<MonthAmount> before = SplitOverPeriod(cl.credited_before_minor, start, end);
    ACCRUE_CHECK(after.size() == before.size(), "one period splits into the same months");
    for (size_t m = 0; m < after.size(); ++m) {
      const int64_t part = after[m].amount_minor - before[m].amount_minor;
      const bool closed =
          ctx.recognized_through.has_value() && after[m].month <= *ctx.recognized_through;
      if (closed) {
        debits[account] += part;
      } else {
        deferred += part;
      }
      out.schedule.push_back(ScheduleItem{schedule_doc, InvoiceLineId(cl.id.uuid()),
                                          after[m].month, account, cur, -part, closed});
    }
  }
  JournalEntryBuilder b(DeriveEntryId(EntryKind::kCreditNoteIssued, note.id.uuid(),
                                      ctx.occurred_at),
                        note.tenant_id, EntryKind::kCreditNoteIssued, ctx.occurred_at,
                        ctx.effective_date);
  b.Source(std::string(kSourceCreditNote), note.id.ToString())
      .Memo(fmt::format("Credit note {} for invoice {}", note.number, InvoiceLabel(inv)))
      .Fx(ctx.fx);
  b.Debit(codes::kDeferredRevenue, Money::FromMinor(deferred, cur));
  for (const auto& [account, amount] : debits) b.Debit(account, Money::FromMinor(amount, cur));
  b.Debit(codes::kTaxPayable, Money::FromMinor(note.tax_minor, cur));
  b.Credit(codes::kReceivable, Money::FromMinor(note.total_minor, cur));
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

JournalEntry PostPaymentReceived(const Payment& p, absl::Time occurred_at,
                                 absl::CivilDay effective_date, std::optional<FxNote> fx) {
  const Money amount = Money::FromMinor(p.amount_minor, p.currency);
  JournalEntryBuilder b(DeriveEntryId(EntryKind::kPaymentReceived, p.id.uuid(), occurred_at),
                        p.tenant_id, EntryKind::kPaymentReceived, occurred_at, effective_date);
  b.Source(std::string(kSourcePayment), p.id.ToString())
      .Memo(p.reference.empty() ? std::string("Payment received")
                                : fmt::format("Payment received, reference {}",
                                              p.reference.substr(0, 200)))
      .Fx(std::move(fx));
  b.Debit(codes::kCash, amount).Credit(codes::kUnappliedCash, amount);
  return std::move(b).Build();
}

JournalEntry PostPaymentEvent(const Payment& p, const PaymentEvent& e,
                              std::string_view invoice_label, absl::CivilDay effective_date,
                              std::optional<FxNote> fx) {
  const Money amount = Money::FromMinor(e.amount_minor, p.currency);
  const std::string_view settled =
      e.against == AppliedAgainst::kBadDebt ? codes::kBadDebt : codes::kReceivable;
  EntryKind kind = EntryKind::kPaymentApplied;
  std::string memo;
  std::string_view debit;
  std::string_view credit;
  switch (e.kind) {
    case PaymentEventKind::kApplied:
      kind = EntryKind::kPaymentApplied;
      memo = fmt::format("Payment applied to invoice {}", invoice_label);
      debit = codes::kUnappliedCash;
      credit = settled;
      break;
    case PaymentEventKind::kUnapplied:
      kind = EntryKind::kPaymentUnapplied;
      memo = fmt::format("Payment unapplied from invoice {}", invoice_label);
      debit = settled;
      credit = codes::kUnappliedCash;
      break;
    case PaymentEventKind::kRefunded:
      kind = EntryKind::kPaymentRefunded;
      memo = "Payment refunded";
      debit = codes::kUnappliedCash;
      credit = codes::kCash;
      break;
    case PaymentEventKind::kReversed:
      kind = EntryKind::kPaymentReversed;
      memo = "Payment reversed (returned or charged back)";
      debit = codes::kUnappliedCash;
      credit = codes::kCash;
      break;
  }
  JournalEntryBuilder b(DeriveEntryId(kind, e.id.uuid(), e.at), p.tenant_id, kind, e.at,
                        effective_date);
  b.Source(std::string(kSourcePayment), p.id.ToString()).Memo(std::move(memo)).Fx(std::move(fx));
  b.Debit(debit, amount).Credit(credit, amount);
  return std::move(b).Build();
}

}  // namespace accrue::ledger
