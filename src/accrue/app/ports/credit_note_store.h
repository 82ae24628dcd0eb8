// The credit notes' storage port. A credit note is written once, when issued, with its lines,
// and never changes. Reached as StoreTx::credit_notes(), so a note, its invoice, the payment
// moves and the journal entry commit together. Scoped by tenant like every port.
#pragma once

#include <optional>
#include <vector>

#include "accrue/app/ports/store.h"
#include "accrue/domain/credit_note.h"

namespace accrue {

struct CreditNoteFilter {
  std::optional<InvoiceId> invoice;
  std::optional<CustomerId> customer;
};

class CreditNoteRepository {
 public:
  virtual ~CreditNoteRepository() = default;
  virtual Status Insert(const CreditNote& note) = 0;
  virtual Result<std::optional<CreditNote>> Find(TenantId tenant, CreditNoteId id) = 0;
  // Newest first.
  virtual Result<Page<CreditNote>> List(TenantId tenant, const CreditNoteFilter& filter,
                                        const PageRequest& page) = 0;
  // Every note of one invoice, oldest first.
  virtual Result<std::vector<CreditNote>> ListForInvoice(TenantId tenant, InvoiceId invoice) = 0;
};

}  // namespace accrue
