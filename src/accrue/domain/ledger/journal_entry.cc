#include "accrue/domain/ledger/journal_entry.h"

#include <array>
#include <map>

#include "accrue/base/check.h"
#include "accrue/base/strings.h"
#include "accrue/domain/ledger/account.h"

namespace accrue::ledger {
namespace {

constexpr std::array<std::pair<EntryKind, std::string_view>, 10> kKindNames = {{
    {EntryKind::kInvoiceFinalized, "invoice_finalized"},
    {EntryKind::kInvoiceVoided, "invoice_voided"},
    {EntryKind::kInvoiceWrittenOff, "invoice_written_off"},
    {EntryKind::kRevenueRecognized, "revenue_recognized"},
    {EntryKind::kPaymentReceived, "payment_received"},
    {EntryKind::kPaymentApplied, "payment_applied"},
    {EntryKind::kPaymentUnapplied, "payment_unapplied"},
    {EntryKind::kPaymentRefunded, "payment_refunded"},
    {EntryKind::kPaymentReversed, "payment_reversed"},
    {EntryKind::kCreditNoteIssued, "credit_note_issued"},
}};

Status Malformed(std::string_view what) {
  return InternalError("ledger.malformed_entry", fmt::format("journal entry: {}", what));
}

}  // namespace

std::string_view EntryKindName(EntryKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

Result<EntryKind> ParseEntryKind(std::string_view name) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) return k;
  }
  return InvalidArgument("", "ledger.kind_unknown",
                         fmt::format("unknown entry kind '{}'", name.substr(0, 64)));
}

Status CheckEntry(const JournalEntry& entry) {
  if (entry.lines.empty() || entry.lines.size() > kJournalLinesMax) {
    return Malformed(fmt::format("{} lines (1..{} allowed)", entry.lines.size(), kJournalLinesMax));
  }
  if (entry.memo.size() > kJournalMemoLengthMax) return Malformed("memo too long");
  // Sums in 128 bits: kJournalLinesMax lines of at most INT64_MAX cannot overflow them.
  std::map<Currency, Int128> balance;
  for (const JournalLine& line : entry.lines) {
    if (!ResolveAccount(line.account).ok()) {
      return Malformed(fmt::format("unknown account '{}'", line.account));
    }
    const bool debit = line.debit_minor > 0 && line.credit_minor == 0;
    const bool credit = line.credit_minor > 0 && line.debit_minor == 0;
    if (!debit && !credit) {
      return Malformed(fmt::format("line on {} must have exactly one positive side", line.account));
    }
    balance[line.currency] += Int128{line.debit_minor} - Int128{line.credit_minor};
  }
  for (const auto& [currency, net] : balance) {
    if (net != 0) {
      return InternalError(
          "ledger.unbalanced_entry",
          fmt::format("journal entry {} ({}): debits and credits differ in {} by {} minor units",
                      entry.id.ToString(), EntryKindName(entry.kind), currency.code(),
                      static_cast<int64_t>(net)));
    }
  }
  return OkStatus();
}

std::vector<JournalLine> Reversed(const std::vector<JournalLine>& lines) {
  std::vector<JournalLine> out = lines;
  for (JournalLine& line : out) std::swap(line.debit_minor, line.credit_minor);
  return out;
}

JournalEntryId DeriveEntryId(EntryKind kind, const Uuid& source, absl::Time occurred_at) {
  std::array<uint8_t, 16> b = source.bytes();
  // Version 7 and the kind in the nibble beside it; RFC 9562 variant.
  b[6] = static_cast<uint8_t>(0x70 | (static_cast<uint8_t>(kind) & 0x0F));
  b[8] = static_cast<uint8_t>(0x80 | (b[8] & 0x3F));
  const int64_t ms = absl::ToUnixMillis(occurred_at);
  for (size_t i = 0; i < 6; ++i) {
    b[10 + i] = static_cast<uint8_t>(b[10 + i] ^ static_cast<uint8_t>(ms >> (40 - 8 * i)));
  }
  return JournalEntryId(Uuid(b));
}

JournalEntryBuilder::JournalEntryBuilder(JournalEntryId id, TenantId tenant, EntryKind kind,
                                         absl::Time occurred_at, absl::CivilDay effective_date) {
  entry_.id = id;
  entry_.tenant_id = tenant;
  entry_.kind = kind;
  entry_.occurred_at = occurred_at;
  entry_.effective_date = effective_date;
}

JournalEntryBuilder& JournalEntryBuilder::Source(std::string type, std::string id) {
  entry_.source_type = std::move(type);
  entry_.source_id = std::move(id);
  return *this;
}

JournalEntryBuilder& JournalEntryBuilder::Memo(std::string memo) {
  entry_.memo = std::move(memo);
  return *this;
}

JournalEntryBuilder& JournalEntryBuilder::Fx(std::optional<FxNote> fx) {
  entry_.fx = std::move(fx);
  return *this;
}

JournalEntryBuilder& JournalEntryBuilder::Post(std::string_view account, Money signed_amount) {
  if (signed_amount.IsZero()) return *this;
  JournalLine line;
  line.account = std::string(account);
  line.currency = signed_amount.currency();
  if (signed_amount.Sign() > 0) {
    line.debit_minor = signed_amount.minor_units();
  } else {
    line.credit_minor = -signed_amount.minor_units();
  }
  entry_.lines.push_back(std::move(line));
  return *this;
}

JournalEntryBuilder& JournalEntryBuilder::Lines(const std::vector<JournalLine>& lines) {
  entry_.lines.insert(entry_.lines.end(), lines.begin(), lines.end());
  return *this;
}

JournalEntry JournalEntryBuilder::Build() {
  Status ok = CheckEntry(entry_);
  ACCRUE_CHECK(ok.ok(), std::string(ok.message()).c_str());
  return std::move(entry_);
}

}  // namespace accrue::ledger
