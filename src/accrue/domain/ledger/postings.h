// Posting rules: the journal entry each financial event writes. Pure functions of the event and
// what the ledger already holds for it; the app layer (app/ledger.h) gathers the inputs and
// stores the result in the event's own transaction.
//
//   invoice finalized    Dr 1100 AR                  total
//                        Cr 2100 deferred revenue    lines with a service period (recognized
//                                                    month by month, revenue_schedule.h)
//                        Cr 4000[-plan] revenue      lines without one (point in time), and the
//                                                    months of a service period that were already
//                                                    closed for recognition (catch-up)
//                        Cr 2200 tax payable         tax (0 until tax lands)
//   revenue recognized   Dr 2100 / Cr 4000[-plan]    per account and currency, one entry per
//                                                    tenant and month, dated the month's last day
//   invoice written off  Dr 6100 bad debt / Cr 1100  the amount due
//   invoice voided       the exact reversal of every entry posted for the invoice (its
//                        finalization and any write-off), plus the reversal of the revenue
//                        recognized for it since finalization (Dr 4000[-plan] / Cr 2100); its
//                        unrecognized schedule is cancelled. Afterwards the invoice nets to zero
//                        on every account.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "accrue/domain/credit_note.h"
#include "accrue/domain/invoice.h"
#include "accrue/domain/payment.h"
#include "accrue/domain/ledger/journal_entry.h"
#include "accrue/domain/ledger/revenue_schedule.h"

namespace accrue::ledger {

inline constexpr std::string_view kSourceInvoice = "invoice";
inline constexpr std::string_view kSourcePayment = "payment";
inline constexpr std::string_view kSourceRecognition = "recognition";
inline constexpr std::string_view kSourceCreditNote = "credit_note";

struct InvoicePostingContext {
  absl::Time occurred_at;
  absl::CivilDay effective_date;  // the event's day in the tenant's zone
  absl::TimeZone customer_zone;   // service periods are days in the customer's zone
  const absl::flat_hash_map<PlanId, std::string>* plan_codes = nullptr;  // plan id → code
  // The last month the tenant has run recognition for, if any: months up to it are closed.
  std::optional<absl::CivilMonth> recognized_through;
  std::optional<FxNote> fx;
};

struct InvoicePosting {
  std::optional<JournalEntry> entry;  // empty when every amount is zero
  std::vector<ScheduleItem> schedule;
};

// The finalization entry and the revenue schedule of a finalized invoice.
InvoicePosting PostInvoiceFinalized(const Invoice& invoice, const InvoicePostingContext& ctx);

// A credit note undoes its share of the invoice's finalization entry: it credits the receivable
// with its total and debits tax payable, and for each line the revenue of the months already
// recognized (revenue account) and of the others (deferred revenue) — the latter also as
// negative schedule items keyed by the note, so later recognition moves that much less. The
// months are split as for the invoice, on the line's cumulative credit (see CreditNoteLine).
// (The paid part the note returns was moved back to the receivable by the payment moves first.)
InvoicePosting PostCreditNoteIssued(const CreditNote& note, const Invoice& invoice,
                                    const InvoicePostingContext& ctx);

// Revenue recognized for one account and currency (from the schedule).
struct RecognizedAmount {
  std::string account;
  Currency currency = Currency::FromCodeOrDie("EUR");
  int64_t amount_minor = 0;
};

// The write-off of what is still due. Empty when nothing is due.
std::optional<JournalEntry> PostInvoiceWrittenOff(const Invoice& invoice, absl::Time occurred_at,
                                                  absl::CivilDay effective_date,
                                                  std::optional<FxNote> fx);

// The void: reverses `posted` (every entry recorded for the invoice so far) and
// `recognized_since_posting` (revenue the recognition runs moved out of deferred revenue for
// it). Empty when nothing was ever posted.
std::optional<JournalEntry> PostInvoiceVoided(
    const Invoice& invoice, const std::vector<JournalEntry>& posted,
    const std::vector<RecognizedAmount>& recognized_since_posting, absl::Time occurred_at,
    absl::CivilDay effective_date);

// One month's recognition for a tenant: moves `amounts` out of deferred revenue. Empty when all
// amounts are zero.
std::optional<JournalEntry> PostRevenueRecognized(JournalEntryId id, TenantId tenant,
                                                  absl::CivilMonth month,
                                                  const std::vector<RecognizedAmount>& amounts,
                                                  absl::Time occurred_at);

// Money received: debit cash, credit unapplied cash (1200) until it is applied.
JournalEntry PostPaymentReceived(const Payment& payment, absl::Time occurred_at,
                                 absl::CivilDay effective_date, std::optional<FxNote> fx);

// One event of a payment (domain/payment.h):
//   applied    debit unapplied cash, credit receivable (bad debt for a written-off invoice)
//   unapplied  the reverse of applied
//   refunded   debit unapplied cash, credit cash
//   reversed   debit unapplied cash, credit cash
// `invoice_label` names the invoice in the memo (empty for refunds and reversals).
JournalEntry PostPaymentEvent(const Payment& payment, const PaymentEvent& event,
                              std::string_view invoice_label, absl::CivilDay effective_date,
                              std::optional<FxNote> fx);

}  // namespace accrue::ledger
