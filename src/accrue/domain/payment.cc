#include "accrue/domain/payment.h"

#include <array>
#include <utility>

#include "accrue/base/check.h"
#include "accrue/base/enum_names.h"
#include "accrue/base/strings.h"
#include "accrue/domain/invoice_lifecycle.h"

namespace accrue {
namespace {

constexpr std::array<std::pair<PaymentMethod, std::string_view>, 6> kMethodNames{{
    {PaymentMethod::kBankTransfer, "bank_transfer"},
    {PaymentMethod::kCard, "card"},
    {PaymentMethod::kDirectDebit, "direct_debit"},
    {PaymentMethod::kCash, "cash"},
    {PaymentMethod::kCheck, "check"},
    {PaymentMethod::kOther, "other"},
}};

constexpr std::array<std::pair<PaymentStatus, std::string_view>, 3> kStatusNames{{
    {PaymentStatus::kSucceeded, "succeeded"},
    {PaymentStatus::kRefunded, "refunded"},
    {PaymentStatus::kReversed, "reversed"},
}};

constexpr std::array<std::pair<PaymentEventKind, std::string_view>, 4> kEventNames{{
    {PaymentEventKind::kApplied, "applied"},
    {PaymentEventKind::kUnapplied, "unapplied"},
    {PaymentEventKind::kRefunded, "refunded"},
    {PaymentEventKind::kReversed, "reversed"},
}};

constexpr std::array<std::pair<AppliedAgainst, std::string_view>, 2> kAgainstNames{{
    {AppliedAgainst::kReceivable, "receivable"},
    {AppliedAgainst::kBadDebt, "bad_debt"},
}};


Status RequirePositive(int64_t amount_minor) {
  if (amount_minor <= 0) {
    return InvalidArgument("amount", "parameter.out_of_range",
                           "the amount must be greater than zero");
  }
  return OkStatus();
}

Status RequireSucceeded(const Payment& p) {
  if (p.status != PaymentStatus::kSucceeded) {
    return WrongState("payment.not_usable",
                      fmt::format("payment {} is {}", p.id.ToString(), PaymentStatusName(p.status)));
  }
  return OkStatus();
}

// The status an invoice returns to when payments are taken back from it.
InvoiceStatus UnpaidStatus(const Invoice& inv) {
  if (inv.amount_paid_minor > 0) return InvoiceStatus::kPartiallyPaid;
  if (inv.marked_uncollectible_at.has_value()) return InvoiceStatus::kUncollectible;
  return inv.delivery_status == DeliveryStatus::kSent ? InvoiceStatus::kSent
                                                      : InvoiceStatus::kOpen;
}

}  // namespace

std::string_view PaymentMethodName(PaymentMethod method) { return EnumName(kMethodNames, method); }
Result<PaymentMethod> ParsePaymentMethod(std::string_view text) {
  return ParseEnumName(kMethodNames, text, "method", "payment_method");
}
std::string_view PaymentStatusName(PaymentStatus status) { return EnumName(kStatusNames, status); }
Result<PaymentStatus> ParsePaymentStatus(std::string_view text) {
  return ParseEnumName(kStatusNames, text, "status", "payment_status");
}
std::string_view PaymentEventKindName(PaymentEventKind kind) { return EnumName(kEventNames, kind); }
Result<PaymentEventKind> ParsePaymentEventKind(std::string_view text) {
  return ParseEnumName(kEventNames, text, "kind", "payment_event");
}
std::string_view AppliedAgainstName(AppliedAgainst against) {
  return EnumName(kAgainstNames, against);
}
Result<AppliedAgainst> ParseAppliedAgainst(std::string_view text) {
  return ParseEnumName(kAgainstNames, text, "applied_against", "applied_against");
}

Status CheckNewPayment(const Payment& p) {
  RETURN_IF_ERROR(RequirePositive(p.amount_minor));
  if (p.reference.size() > kPaymentReferenceLengthMax) {
    return InvalidArgument("reference", "parameter.too_long",
                           fmt::format("at most {} bytes", kPaymentReferenceLengthMax));
  }
  if (p.description.size() > kPaymentDescriptionLengthMax) {
    return InvalidArgument("description", "parameter.too_long",
                           fmt::format("at most {} bytes", kPaymentDescriptionLengthMax));
  }
  if (p.applied_minor != 0 || p.refunded_minor != 0 || p.reversed_minor != 0 ||
      p.status != PaymentStatus::kSucceeded) {
    return InternalError("payment.not_new", "a new payment has no history");
  }
  return OkStatus();
}

Result<PaymentMove> ApplyToInvoice(Payment& p, Invoice& inv, int64_t amount_minor,
                                   PaymentEventId event_id, const std::string& actor,
                                   const std::string& reason, absl::Time now) {
  RETURN_IF_ERROR(RequireSucceeded(p));
  if (inv.customer_id != p.customer_id) {
    return InvalidArgument("invoice", "payment.other_customer",
                           fmt::format("invoice {} belongs to another customer than the payment",
                                       inv.id.ToString()));
  }
  if (inv.currency != p.currency) {
    return InvalidArgument(
        "invoice", "payment.currency_mismatch",
        fmt::format("invoice {} is in {} and the payment in {}; record the payment in the "
                    "invoice's currency",
                    inv.id.ToString(), inv.currency.code(), p.currency.code()));
  }
  switch (inv.status) {
    case InvoiceStatus::kOpen:
    case InvoiceStatus::kSent:
    case InvoiceStatus::kPartiallyPaid:
    case InvoiceStatus::kUncollectible:
      break;
    default:
      return WrongState("invoice.not_payable",
                        fmt::format("invoice {} is {}; payments apply to open, sent, partially "
                                    "paid or uncollectible invoices",
                                    inv.id.ToString(), InvoiceStatusName(inv.status)));
  }
  RETURN_IF_ERROR(RequirePositive(amount_minor));
  if (amount_minor > p.unapplied_minor()) {
    return InvalidArgument("amount", "payment.exceeds_unapplied",
                           fmt::format("the payment has {} minor units unapplied, {} asked",
                                       p.unapplied_minor(), amount_minor));
  }
  if (amount_minor > inv.amount_due_minor) {
    return InvalidArgument("amount", "payment.exceeds_amount_due",
                           fmt::format("invoice {} has {} minor units due, {} asked",
                                       inv.id.ToString(), inv.amount_due_minor, amount_minor));
  }
  PaymentMove move;
  move.event = PaymentEvent{event_id, p.tenant_id, p.id, PaymentEventKind::kApplied, inv.id,
                            p.currency, amount_minor,
                            inv.marked_uncollectible_at.has_value() ? AppliedAgainst::kBadDebt
                                                                    : AppliedAgainst::kReceivable,
                            actor, reason, now};
  p.applied_minor += amount_minor;
  p.updated_at = now;
  inv.amount_paid_minor += amount_minor;
  RETURN_IF_ERROR(ComputeTotals(inv));
  if (inv.amount_due_minor == 0) inv.paid_at = now;
  const InvoiceStatus to =
      inv.amount_due_minor == 0 ? InvoiceStatus::kPaid : InvoiceStatus::kPartiallyPaid;
  ASSIGN_OR_RETURN(move.status_change,
                   MoveWithFacts(inv, to, TransitionContext{actor, reason, now}));
  return move;
}

Result<PaymentMove> UnapplyFromInvoice(Payment& p, Invoice& inv, int64_t amount_minor,
                                       int64_t applied_to_invoice, AppliedAgainst against,
                                       PaymentEventId event_id, const std::string& actor,
                                       const std::string& reason, absl::Time now) {
  RETURN_IF_ERROR(RequirePositive(amount_minor));
  RETURN_IF_ERROR(RequireSucceeded(p));
  if (amount_minor > applied_to_invoice) {
    return InvalidArgument("amount", "payment.exceeds_applied",
                           fmt::format("the payment applied {} minor units to invoice {}, {} asked",
                                       applied_to_invoice, inv.id.ToString(), amount_minor));
  }
  switch (inv.status) {
    case InvoiceStatus::kPartiallyPaid:
    case InvoiceStatus::kPaid:
      break;
    default:
      return WrongState("invoice.payment_locked",
                        fmt::format("invoice {} is {}; its payments can no longer be unapplied",
                                    inv.id.ToString(), InvoiceStatusName(inv.status)));
  }
  ACCRUE_CHECK(inv.amount_paid_minor >= amount_minor, "the invoice holds what was applied");
  PaymentMove move;
  move.event = PaymentEvent{event_id, p.tenant_id, p.id, PaymentEventKind::kUnapplied, inv.id,
                            p.currency, amount_minor, against, actor, reason, now};
  p.applied_minor -= amount_minor;
  p.updated_at = now;
  inv.amount_paid_minor -= amount_minor;
  inv.paid_at.reset();
  RETURN_IF_ERROR(ComputeTotals(inv));
  ASSIGN_OR_RETURN(move.status_change,
                   MoveWithFacts(inv, UnpaidStatus(inv), TransitionContext{actor, reason, now}));
  return move;
}

Result<PaymentEvent> Refund(Payment& p, int64_t amount_minor, PaymentEventId event_id,
                            const std::string& actor, const std::string& reason, absl::Time now) {
  RETURN_IF_ERROR(RequirePositive(amount_minor));
  RETURN_IF_ERROR(RequireSucceeded(p));
  if (amount_minor > p.unapplied_minor()) {
    return InvalidArgument(
        "amount", "payment.refund_exceeds_unapplied",
        fmt::format("the payment has {} minor units unapplied, {} asked; unapply it from invoices "
                    "first",
                    p.unapplied_minor(), amount_minor));
  }
  p.refunded_minor += amount_minor;
  p.updated_at = now;
  if (p.unapplied_minor() == 0 && p.applied_minor == 0) p.status = PaymentStatus::kRefunded;
  return PaymentEvent{event_id, p.tenant_id, p.id, PaymentEventKind::kRefunded, std::nullopt,
                      p.currency, amount_minor, AppliedAgainst::kReceivable, actor, reason, now};
}

Result<PaymentEvent> Reverse(Payment& p, PaymentEventId event_id, const std::string& actor,
                             const std::string& reason, absl::Time now) {
  RETURN_IF_ERROR(RequireSucceeded(p));
  if (p.applied_minor != 0) {
    return WrongState("payment.still_applied",
                      "unapply the payment from its invoices before reversing it");
  }
  const int64_t amount = p.unapplied_minor();
  if (amount == 0) {
    return WrongState("payment.nothing_to_reverse", "the whole payment was refunded");
  }
  p.reversed_minor += amount;
  p.status = PaymentStatus::kReversed;
  p.updated_at = now;
  return PaymentEvent{event_id, p.tenant_id, p.id, PaymentEventKind::kReversed, std::nullopt,
                      p.currency, amount, AppliedAgainst::kReceivable, actor, reason, now};
}

}  // namespace accrue
