// The payments' storage port: payments and the append-only list of what became of each one.
//
// Reached from a transaction as StoreTx::payments(), so a payment, its events, the invoices they
// touch and their journal entries commit together. Events are never updated or deleted; the
// payment row's running sums (applied, refunded, reversed) are updated with them. Scoped by
// tenant like every port.
#pragma once

#include <optional>
#include <vector>

#include "accrue/app/ports/store.h"
#include "accrue/domain/payment.h"

namespace accrue {

struct PaymentFilter {
  std::optional<CustomerId> customer;
  std::optional<PaymentStatus> status;
};

class PaymentRepository {
 public:
  virtual ~PaymentRepository() = default;
  virtual Status Insert(const Payment& payment) = 0;
  // Writes the running sums, status and updated_at; identity, amount, currency and the recorded
  // facts never change.
  virtual Status Update(const Payment& payment) = 0;
  virtual Result<std::optional<Payment>> Find(TenantId tenant, PaymentId id) = 0;
  // Newest first.
  virtual Result<Page<Payment>> List(TenantId tenant, const PaymentFilter& filter,
                                     const PageRequest& page) = 0;
  virtual Status InsertEvent(const PaymentEvent& event) = 0;
  // Oldest first.
  virtual Result<std::vector<PaymentEvent>> ListEvents(TenantId tenant, PaymentId payment) = 0;
  // Applied/unapplied events of every payment on one invoice, oldest first.
  virtual Result<std::vector<PaymentEvent>> ListEventsForInvoice(TenantId tenant,
                                                                 InvoiceId invoice) = 0;
};

}  // namespace accrue
