// JournalEntry: one balanced, immutable posting to the books.
//
// Every financial event (an invoice finalized, voided or written off, a month's revenue
// recognized; later payments, refunds and credit notes) writes exactly one entry, in the same
// transaction as the event itself. An entry has lines; each line moves an amount of one currency
// to the debit or the credit side of one account (see account.h). Within an entry, debits equal
// credits for every currency separately: lines keep their transaction currency and are never
// converted when posted (translation to a reporting currency is a report, fx.h). Entries are
// never changed or deleted; a correction is another entry that reverses the first (Reversed()).
//
// Invariants are checked on both sides of storage: JournalEntryBuilder::Build() aborts on an
// unbalanced entry (a bug in a posting rule), and the store calls CheckEntry() again before it
// writes one and reports a violation as an internal error for that request instead of crashing.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "accrue/base/strong_id.h"
#include "accrue/domain/ids.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"
#include "accrue/money/money.h"

namespace accrue::ledger {

using JournalEntryId = StrongId<struct JournalEntryTag>;

// What happened. The names are API and storage spelling. Payments, refunds and credit notes add
// their kinds here when they arrive; the storage and export code need no change for that.
enum class EntryKind {
  kInvoiceFinalized,
  kInvoiceVoided,
  kInvoiceWrittenOff,
  kRevenueRecognized,
  kPaymentReceived,
  kPaymentApplied,
  kPaymentUnapplied,
  kPaymentRefunded,
  kPaymentReversed,
  kCreditNoteIssued,
};
std::string_view EntryKindName(EntryKind kind);
Result<EntryKind> ParseEntryKind(std::string_view name);

struct JournalLine {
  std::string account;  // a code of the chart, e.g. "1100" or "4000-pro"
  Currency currency = Currency::FromCodeOrDie("EUR");
  // Exactly one of the two is positive; the other is zero.
  int64_t debit_minor = 0;
  int64_t credit_minor = 0;

  friend bool operator==(const JournalLine&, const JournalLine&) = default;
};

// The exchange rate an entry was valued at, when its currency differs from the tenant's
// reporting currency: one unit of `currency` is `rate` units of `reporting_currency`, from the
// reference rates of `rate_date` published by `source` ("ECB"). Recorded so that realized FX
// gain/loss can be computed against it when the invoice is paid.
struct FxNote {
  Currency currency = Currency::FromCodeOrDie("EUR");
  Currency reporting_currency = Currency::FromCodeOrDie("EUR");
  Decimal rate;
  absl::CivilDay rate_date;
  std::string source;

  friend bool operator==(const FxNote&, const FxNote&) = default;
};

// A recognition entry has a line per revenue account and currency, so this is generous.
inline constexpr size_t kJournalLinesMax = 65536;
inline constexpr size_t kJournalMemoLengthMax = 500;

struct JournalEntry {
  JournalEntryId id;
  TenantId tenant_id;
  // The tenant's journal sequence (1, 2, 3 ...), assigned by the store when posted; 0 before.
  int64_t number = 0;
  absl::Time occurred_at;         // when the event happened (UTC instant)
  absl::CivilDay effective_date;  // the accounting day, in the tenant's time zone
  EntryKind kind = EntryKind::kInvoiceFinalized;
  std::string source_type;  // "invoice", "recognition"
  std::string source_id;    // the invoice id, the recognized month "2026-03"
  std::string memo;
  std::optional<FxNote> fx;
  std::vector<JournalLine> lines;

  friend bool operator==(const JournalEntry&, const JournalEntry&) = default;
};

// Verifies the invariants: 1..kJournalLinesMax lines, each with a known account and exactly one
// positive side, debits equal to credits per currency, a memo within its limit. The error is
// Internal "ledger.unbalanced_entry" or "ledger.malformed_entry": an entry is built by code, so
// a violation is a bug or corruption, never the caller's input.
Status CheckEntry(const JournalEntry& entry);

// The lines with debits and credits swapped: the reversal of `lines`.
std::vector<JournalLine> Reversed(const std::vector<JournalLine>& lines);

// A deterministic UUIDv7 for the entry that records `kind` of `source` (an invoice id) at
// `occurred_at`: the source's timestamp, then its random bits with the kind and the millisecond
// of `occurred_at` mixed in. Posting the same event twice therefore collides on the primary key
// instead of double-counting; a posting that happens where no id generator is at hand (inside
// invoice finalization) still gets an id; and the entries of a billing run sort, and are
// appended, in invoice order. Distinct sources collide only as often as two UUIDv7s do.
JournalEntryId DeriveEntryId(EntryKind kind, const Uuid& source, absl::Time occurred_at);

// Builds an entry line by line and checks it once complete.
class JournalEntryBuilder {
 public:
  JournalEntryBuilder(JournalEntryId id, TenantId tenant, EntryKind kind, absl::Time occurred_at,
                      absl::CivilDay effective_date);

  JournalEntryBuilder& Source(std::string type, std::string id);
  JournalEntryBuilder& Memo(std::string memo);
  JournalEntryBuilder& Fx(std::optional<FxNote> fx);
  // A positive amount is a debit, a negative one a credit, zero adds nothing.
  JournalEntryBuilder& Post(std::string_view account, Money signed_amount);
  JournalEntryBuilder& Debit(std::string_view account, Money amount) {
    return Post(account, amount);
  }
  JournalEntryBuilder& Credit(std::string_view account, Money amount) {
    return Post(account, amount.Negated());
  }
  JournalEntryBuilder& Lines(const std::vector<JournalLine>& lines);

  // No line yet (every amount posted was zero): there is nothing to record.
  bool empty() const { return entry_.lines.empty(); }
  // The finished entry. ACCRUE_CHECKs CheckEntry: an unbalanced entry is a bug in a posting rule.
  // (The builder is empty afterwards.)
  JournalEntry Build();

 private:
  JournalEntry entry_;
};

}  // namespace accrue::ledger
