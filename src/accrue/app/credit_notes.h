// Use cases for credit notes: issue one against a finalized invoice, read them back. Issuing runs
// inside the caller's transaction and writes the note, the invoice (with its status history), the
// payment moves that return the paid part, and the balanced journal entries together. The rules
// live in domain/credit_note.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accrue/app/ports/credit_note_store.h"
#include "accrue/app/services.h"

namespace accrue {

// Credit notes are numbered in their own gapless series, restarting with the tenant's invoice
// series policy (yearly by default) under the series key "credit_note:<key>".
inline constexpr std::string_view kCreditNoteNumberFormat = "CN-{YYYY}-{SEQ:6}";
inline constexpr size_t kCreditNoteLinesPerRequestMax = 1000;

struct CreditNoteLineFields {
  std::optional<std::string> invoice_line;  // id of a line of the invoice, required
  std::optional<std::string> amount;        // net, in the invoice currency ("-5.00" for a
                                            // discount line); required
};

struct CreditNoteFields {
  std::optional<std::string> invoice;  // id, required
  std::optional<std::string> reason;   // default "other"
  std::optional<std::string> memo;
  // At most one of the two; neither credits everything not yet credited.
  std::optional<std::string> amount;  // gross (tax included), > 0
  std::vector<CreditNoteLineFields> lines;
  // What was already paid and comes back: refunded at once (true), or left with the customer
  // as unapplied money on the payments, applicable to other invoices (false, the default).
  bool refund = false;
};

Result<CreditNote> IssueCreditNote(StoreTx& tx, const Services& services, const Actor& actor,
                                   const CreditNoteFields& fields);
// NotFound (reason "credit_note.not_found", param `param`) when absent or another tenant's.
Result<CreditNote> GetCreditNote(StoreTx& tx, const Actor& actor, CreditNoteId id,
                                 std::string_view param = "id");
Result<Page<CreditNote>> ListCreditNotes(StoreTx& tx, const Actor& actor,
                                         const CreditNoteFilter& filter, const PageRequest& page);
// The notes of one invoice, oldest first.
Result<std::vector<CreditNote>> ListInvoiceCreditNotes(StoreTx& tx, const Actor& actor,
                                                       InvoiceId invoice);

}  // namespace accrue
