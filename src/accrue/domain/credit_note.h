// Credit note: the only way to take money off a finalized invoice.
//
// An invoice never changes after finalization; a credit note is a document of its own, numbered
// in its own gapless series, that credits part or all of one invoice with a reason. Each of its
// lines credits one line of the invoice (net of tax); the tax it credits follows the invoice's
// tax in proportion to the net credited so far, rounded on the running total so that crediting
// everything credits the invoice's tax exactly, however many notes it takes.
//
// What the credit does to the money:
//   - first it reduces what is still due on the invoice (`due_reduced`);
//   - the rest (`returned`) was already paid: the caller takes that much of the payments back
//     off the invoice (newest application first), where it becomes unapplied money of the
//     customer's — customer credit, applicable to other invoices — or is refunded at once.
// A fully credited invoice is `credited`; a partly credited one stays open / sent / partially
// paid, or becomes paid when nothing is left due.
//
// Every function here is pure; the caller persists the note, the invoice, the payment moves and
// the journal entry in one transaction.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "accrue/domain/ids.h"
#include "accrue/domain/invoice.h"
#include "accrue/money/currency.h"

namespace accrue {

enum class CreditNoteReason {
  kDuplicate,              // the invoice was issued twice
  kFraudulent,             // the order was fraudulent
  kOrderChange,            // less was delivered or the order changed
  kProductUnsatisfactory,  // goodwill: the customer was not satisfied
  kBillingError,           // wrong price, quantity or period on the invoice
  kOther,
};
std::string_view CreditNoteReasonName(CreditNoteReason reason);
Result<CreditNoteReason> ParseCreditNoteReason(std::string_view text);

struct CreditNoteLine {
  CreditNoteLineId id;
  InvoiceLineId invoice_line_id;
  std::string description;  // the invoice line's
  // Net credited on the invoice line; has the sign of the invoice line (a discount line is
  // credited with a negative amount, i.e. the discount is taken back).
  int64_t amount_minor = 0;
  // Net earlier credit notes took off the same invoice line: the ledger splits this note's part
  // of the line's service period as (before + amount) − before, so all notes together undo the
  // invoice's revenue schedule exactly.
  int64_t credited_before_minor = 0;
};

struct CreditNote {
  CreditNoteId id;
  TenantId tenant_id;
  InvoiceId invoice_id;
  CustomerId customer_id;
  std::string number;    // from the credit note series, at issue
  int64_t sequence = 0;  // the gapless counter value behind `number`
  Currency currency = Currency::FromCodeOrDie("EUR");  // the invoice's
  CreditNoteReason reason = CreditNoteReason::kOther;
  std::string memo;
  std::vector<CreditNoteLine> lines;
  int64_t subtotal_minor = 0;  // Σ lines
  int64_t tax_minor = 0;
  int64_t total_minor = 0;  // subtotal + tax, > 0
  int64_t due_reduced_minor = 0;  // taken off the invoice's amount due
  int64_t returned_minor = 0;     // taken back from payments: customer credit, or refunded
  bool refunded = false;          // `returned_minor` was refunded
  absl::CivilDay issue_date;      // the tenant's day at issue
  absl::Time created_at;
};

inline constexpr size_t kCreditNoteMemoLengthMax = 500;

// What the caller asks to credit. At most one of `lines` and `amount_minor`; neither credits
// everything not yet credited.
struct CreditRequest {
  // Invoice line → net amount, with the line's sign, at most what is left of the line.
  std::vector<std::pair<InvoiceLineId, int64_t>> lines;
  // A gross amount (tax included) spread over the lines in proportion to what is left of each.
  std::optional<int64_t> amount_minor;
  CreditNoteReason reason = CreditNoteReason::kOther;
  std::string memo;
};

// What earlier credit notes of an invoice took off it.
struct PriorCredits {
  absl::flat_hash_map<InvoiceLineId, int64_t> net_by_line;
  int64_t net_minor = 0;
  int64_t tax_minor = 0;
  int64_t total_minor = 0;
};
PriorCredits SumCredits(const std::vector<CreditNote>& notes);

// The tax credited once `net_minor` of the invoice's subtotal has been credited in all: the
// invoice's tax × net / subtotal, rounded half away from zero. Exact at net = subtotal.
int64_t TaxForCreditedNet(const Invoice& invoice, int64_t net_minor);

// Builds the note (without number, sequence and the due/returned split) for `invoice`, which
// must be open, sent, partially paid or paid; `prior` are its earlier notes. Errors name the
// request field: "lines[i].invoice_line", "lines[i].amount", "amount".
Result<CreditNote> PlanCreditNote(const Invoice& invoice, const std::vector<CreditNote>& prior,
                                  const CreditRequest& request, CreditNoteId id,
                                  const std::function<CreditNoteLineId()>& new_line_id,
                                  absl::Time now);

// Applies an issued note to its invoice once `returned_minor` has been taken back from the
// payments: adds to the amount credited, recomputes what is due and moves the status (credited
// when everything is credited, paid when nothing is left due). Returns the status change, if any.
Result<std::optional<InvoiceStatusChange>> ApplyCreditNote(Invoice& invoice, const CreditNote& note,
                                                           const std::string& actor,
                                                           absl::Time now);

}  // namespace accrue
