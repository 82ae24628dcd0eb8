// Payment: money received from a customer, and what became of it.
//
// A payment is recorded once, in one currency, for its full amount, and never edited. What
// happens to it afterwards is an append-only list of events: applied to an invoice, unapplied
// from one (a mistaken match undone), refunded (money sent back), reversed (a bank return or a
// chargeback: the money never stayed). The payment row carries the running sums so that
//
//   unapplied = amount − applied − refunded − reversed      (never negative)
//
// is read without replaying the events. Money that is not applied is never lost: it stays on the
// payment as unapplied cash (the ledger holds it in account 1200) until it is applied, refunded
// or reversed.
//
// Every function here is pure: it checks the move against the payment and invoice values it is
// given, applies it to them and returns the event; the caller persists all of it in one
// transaction, with its journal entry.
#pragma once

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "accrue/domain/ids.h"
#include "accrue/domain/invoice.h"
#include "accrue/money/currency.h"

namespace accrue {

enum class PaymentMethod { kBankTransfer, kCard, kDirectDebit, kCash, kCheck, kOther };
std::string_view PaymentMethodName(PaymentMethod method);
Result<PaymentMethod> ParsePaymentMethod(std::string_view text);

enum class PaymentStatus {
  kSucceeded,  // money received; some or all of it may still be unapplied
  kRefunded,   // everything not applied was refunded, and nothing is applied
  kReversed,   // returned by the bank or charged back: the payment no longer counts
};
std::string_view PaymentStatusName(PaymentStatus status);
Result<PaymentStatus> ParsePaymentStatus(std::string_view text);

struct Payment {
  PaymentId id;
  TenantId tenant_id;
  CustomerId customer_id;
  Currency currency = Currency::FromCodeOrDie("EUR");
  int64_t amount_minor = 0;  // > 0
  int64_t applied_minor = 0;
  int64_t refunded_minor = 0;
  int64_t reversed_minor = 0;
  PaymentMethod method = PaymentMethod::kBankTransfer;
  std::string reference;    // the bank's or provider's reference, free text
  std::string description;
  PaymentStatus status = PaymentStatus::kSucceeded;
  absl::Time received_at;   // when the money arrived (value date), not when it was recorded
  absl::Time created_at;
  absl::Time updated_at;

  int64_t unapplied_minor() const {
    return amount_minor - applied_minor - refunded_minor - reversed_minor;
  }
};

enum class PaymentEventKind { kApplied, kUnapplied, kRefunded, kReversed };
std::string_view PaymentEventKindName(PaymentEventKind kind);
Result<PaymentEventKind> ParsePaymentEventKind(std::string_view text);

// What an application credited: the receivable, or — for an invoice already written off as
// uncollectible — bad debt (a recovery). Kept on the event so an unapplication reverses the
// same account.
enum class AppliedAgainst { kReceivable, kBadDebt };
std::string_view AppliedAgainstName(AppliedAgainst against);  // "receivable", "bad_debt"
Result<AppliedAgainst> ParseAppliedAgainst(std::string_view text);

struct PaymentEvent {
  PaymentEventId id;
  TenantId tenant_id;
  PaymentId payment_id;
  PaymentEventKind kind = PaymentEventKind::kApplied;
  std::optional<InvoiceId> invoice_id;  // for applied / unapplied
  Currency currency = Currency::FromCodeOrDie("EUR");  // the payment's
  int64_t amount_minor = 0;             // > 0; the kind says which way it moves
  AppliedAgainst against = AppliedAgainst::kReceivable;
  std::string actor;
  std::string reason;
  absl::Time at;
};

inline constexpr size_t kPaymentReferenceLengthMax = 500;
inline constexpr size_t kPaymentDescriptionLengthMax = 2000;
// Invoices one request may apply a payment to.
inline constexpr size_t kPaymentApplicationsPerRequestMax = 100;

// Checks a payment about to be recorded (amount > 0, texts within limits). Errors name the field.
Status CheckNewPayment(const Payment& payment);

// What one move did to the invoice, if it touched one.
struct PaymentMove {
  PaymentEvent event;
  std::optional<InvoiceStatusChange> status_change;  // when the invoice's status moved
};

// Applies `amount_minor` of the payment's unapplied money to `invoice`. The invoice must be
// finalized and collectible (open, sent, partially paid, or uncollectible — a late payment is a
// recovery), in the payment's currency and of the same customer; the amount at most the
// payment's unapplied money and at most the invoice's amount due. The invoice becomes paid when
// nothing is due any more, partially paid otherwise.
Result<PaymentMove> ApplyToInvoice(Payment& payment, Invoice& invoice, int64_t amount_minor,
                                   PaymentEventId event_id, const std::string& actor,
                                   const std::string& reason, absl::Time now);

// Takes back `amount_minor` applied earlier from `invoice` (at most what this payment applied to
// it, `applied_to_invoice`): the money returns to the payment's unapplied cash and the invoice
// to partially paid, or to open/sent when nothing is paid any more. `against` is what the
// applications credited.
Result<PaymentMove> UnapplyFromInvoice(Payment& payment, Invoice& invoice, int64_t amount_minor,
                                       int64_t applied_to_invoice, AppliedAgainst against,
                                       PaymentEventId event_id, const std::string& actor,
                                       const std::string& reason, absl::Time now);

// Sends back `amount_minor` of the unapplied money. Applied money must be unapplied first (or
// corrected with a credit note), so an invoice never shows a payment that was returned.
Result<PaymentEvent> Refund(Payment& payment, int64_t amount_minor, PaymentEventId event_id,
                            const std::string& actor, const std::string& reason, absl::Time now);

// The bank returned the payment or the card network charged it back: everything still held is
// reversed. The caller unapplies every application first (the invoices are due again).
Result<PaymentEvent> Reverse(Payment& payment, PaymentEventId event_id, const std::string& actor,
                             const std::string& reason, absl::Time now);

}  // namespace accrue
