// Use cases for payments: record money received, apply it to invoices, take it back, refund it,
// reverse it. Each runs inside the caller's transaction and writes the payment, its events, the
// invoices it touches (with their status history) and the balanced journal entries together;
// none commits by itself. The rules themselves live in domain/payment.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accrue/app/ports/payment_store.h"
#include "accrue/app/services.h"

namespace accrue {

// One application: `amount` in the payment's currency ("12.50"); absent = as much as possible
// (the smaller of the invoice's amount due and the payment's unapplied money).
struct PaymentApplicationFields {
  std::optional<std::string> invoice;  // id
  std::optional<std::string> amount;
};

struct PaymentFields {
  std::optional<std::string> customer;  // id, required
  std::optional<std::string> currency;  // default: the customer's
  std::optional<std::string> amount;    // required, > 0, exact in the currency's minor units
  std::optional<std::string> method;    // default "bank_transfer"
  std::optional<std::string> reference;
  std::optional<std::string> description;
  std::optional<std::string> received_at;  // RFC 3339 or a date; default now; not in the future
  std::vector<PaymentApplicationFields> apply_to;  // applied in order, after recording
};

Result<Payment> RecordPayment(StoreTx& tx, const Services& services, const Actor& actor,
                              const PaymentFields& fields);
// Applies unapplied money to invoices, in order; all or nothing.
Result<Payment> ApplyPayment(StoreTx& tx, const Services& services, const Actor& actor,
                             PaymentId id, const std::vector<PaymentApplicationFields>& to);
// Takes back `amount` (absent: all) of what the payment applied to `invoice`.
Result<Payment> UnapplyPayment(StoreTx& tx, const Services& services, const Actor& actor,
                               PaymentId id, InvoiceId invoice,
                               const std::optional<std::string>& amount, std::string reason);
// Takes `amount_minor` of what payments applied to `invoice` back off it, newest application
// first, and refunds that much of each payment at once when `refund` (else it stays on the
// payments as the customer's unapplied money). For a credit note that returns the paid part.
Status ReturnPaidPart(StoreTx& tx, const Services& services, const Actor& actor,
                      InvoiceId invoice, int64_t amount_minor, bool refund,
                      const std::string& reason);

// Refunds `amount` (absent: all the unapplied money).
Result<Payment> RefundPayment(StoreTx& tx, const Services& services, const Actor& actor,
                              PaymentId id, const std::optional<std::string>& amount,
                              std::string reason);
// A bank return or chargeback: unapplies the payment from every invoice, then reverses it.
Result<Payment> ReversePayment(StoreTx& tx, const Services& services, const Actor& actor,
                               PaymentId id, std::string reason);

// NotFound (reason "payment.not_found", param `param`) when absent or another tenant's.
Result<Payment> GetPayment(StoreTx& tx, const Actor& actor, PaymentId id,
                           std::string_view param = "id");
Result<Page<Payment>> ListPayments(StoreTx& tx, const Actor& actor, const PaymentFilter& filter,
                                   const PageRequest& page);
Result<std::vector<PaymentEvent>> ListPaymentEvents(StoreTx& tx, const Actor& actor, PaymentId id);
// The applications and unapplications of every payment on one invoice.
Result<std::vector<PaymentEvent>> ListInvoicePaymentEvents(StoreTx& tx, const Actor& actor,
                                                           InvoiceId invoice);

}  // namespace accrue
