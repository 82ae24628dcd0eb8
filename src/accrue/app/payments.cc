#include "accrue/app/payments.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "accrue/app/customers.h"
#include "accrue/app/fields.h"
#include "accrue/app/invoices.h"
#include "accrue/app/ledger.h"
#include "accrue/base/strings.h"
#include "accrue/time/instant.h"

namespace accrue {
namespace {

Result<std::optional<int64_t>> ParseOptionalAmount(const std::optional<std::string>& text,
                                                   Currency currency, std::string_view param) {
  if (!text.has_value()) return std::optional<int64_t>();
  ASSIGN_OR_RETURN(int64_t minor, ParseMinorUnits(*text, currency, param));
  return std::optional<int64_t>(minor);
}

// Writes one move: the event, the invoice with its status change, and the journal entry.
Status Persist(StoreTx& tx, const Payment& payment, const PaymentMove& move, const Invoice& inv) {
  RETURN_IF_ERROR(tx.invoices().Update(inv));
  if (move.status_change.has_value()) {
    RETURN_IF_ERROR(tx.invoices().InsertStatusChange(*move.status_change));
  }
  RETURN_IF_ERROR(tx.payments().InsertEvent(move.event));
  return PostPaymentEvent(tx, payment, move.event, inv.number.value_or(inv.id.ToString()));
}

Status ApplyAll(StoreTx& tx, const Services& services, const Actor& actor, Payment& payment,
                const std::vector<PaymentApplicationFields>& to, std::string_view param) {
  if (to.size() > kPaymentApplicationsPerRequestMax) {
    return InvalidArgument(param, "parameter.too_many_items",
                           fmt::format("at most {} applications per request",
                                       kPaymentApplicationsPerRequestMax));
  }
  const absl::Time now = services.clock.Now();
  for (size_t i = 0; i < to.size(); ++i) {
    const std::string prefix = fmt::format("{}[{}]", param, i);
    ASSIGN_OR_RETURN(std::string invoice_text, Required(to[i].invoice, prefix + ".invoice"));
    Result<InvoiceId> id = InvoiceId::Parse(invoice_text);
    if (!id.ok()) return WithParamPrefix(id.status(), prefix + ".invoice");
    ASSIGN_OR_RETURN(Invoice inv, GetInvoice(tx, actor, *id, prefix + ".invoice"));
    ASSIGN_OR_RETURN(std::optional<int64_t> amount,
                     ParseOptionalAmount(to[i].amount, payment.currency, prefix + ".amount"));
    const int64_t minor =
        amount.value_or(std::min(inv.amount_due_minor, payment.unapplied_minor()));
    Result<PaymentMove> move = ApplyToInvoice(payment, inv, minor,
                                              services.NewId<PaymentEventId>(), actor.name, "", now);
    if (!move.ok()) {
      // The domain names "amount" or "invoice"; the request names the application.
      if (ErrorParam(move.status()).empty()) return move.status();
      return WithParamPrefix(move.status(), prefix);
    }
    RETURN_IF_ERROR(Persist(tx, payment, *move, inv));
  }
  return OkStatus();
}

}  // namespace

Result<Payment> GetPayment(StoreTx& tx, const Actor& actor, PaymentId id, std::string_view param) {
  ASSIGN_OR_RETURN(std::optional<Payment> found, tx.payments().Find(actor.tenant, id));
  if (!found.has_value()) {
    return NotFound("payment.not_found", fmt::format("no payment {}", id.ToString()), param);
  }
  return *std::move(found);
}

Result<Page<Payment>> ListPayments(StoreTx& tx, const Actor& actor, const PaymentFilter& filter,
                                   const PageRequest& page) {
  return tx.payments().List(actor.tenant, filter, page);
}

Result<std::vector<PaymentEvent>> ListPaymentEvents(StoreTx& tx, const Actor& actor, PaymentId id) {
  RETURN_IF_ERROR(GetPayment(tx, actor, id).status());
  return tx.payments().ListEvents(actor.tenant, id);
}

Result<std::vector<PaymentEvent>> ListInvoicePaymentEvents(StoreTx& tx, const Actor& actor,
                                                           InvoiceId invoice) {
  RETURN_IF_ERROR(GetInvoice(tx, actor, invoice).status());
  return tx.payments().ListEventsForInvoice(actor.tenant, invoice);
}

Result<Payment> RecordPayment(StoreTx& tx, const Services& services, const Actor& actor,
                              const PaymentFields& f) {
  ASSIGN_OR_RETURN(std::string customer_text, Required(f.customer, "customer"));
  Result<CustomerId> customer_id = CustomerId::Parse(customer_text);
  if (!customer_id.ok()) return WithParamPrefix(customer_id.status(), "customer");
  ASSIGN_OR_RETURN(Customer customer, GetCustomer(tx, actor, *customer_id, "customer"));

  const absl::Time now = services.clock.Now();
  Payment p;
  p.id = services.NewId<PaymentId>();
  p.tenant_id = actor.tenant;
  p.customer_id = customer.id;
  p.currency = customer.currency;
  if (f.currency.has_value()) {
    Result<Currency> c = Currency::Find(*f.currency);
    if (!c.ok()) return WithParamPrefix(c.status(), "currency");
    p.currency = *c;
  }
  ASSIGN_OR_RETURN(std::string amount_text, Required(f.amount, "amount"));
  ASSIGN_OR_RETURN(p.amount_minor, ParseMinorUnits(amount_text, p.currency, "amount"));
  if (f.method.has_value()) {
    ASSIGN_OR_RETURN(p.method, ParsePaymentMethod(*f.method));
  }
  p.reference = f.reference.value_or("");
  p.description = f.description.value_or("");
  p.received_at = now;
  if (f.received_at.has_value()) {
    Result<absl::Time> at = ParseInstant(*f.received_at);
    if (!at.ok()) return WithParamPrefix(at.status(), "received_at");
    if (*at > now) {
      return InvalidArgument("received_at", "payment.received_in_future",
                             "a payment cannot be received after now");
    }
    p.received_at = *at;
  }
  p.created_at = now;
  p.updated_at = now;
  RETURN_IF_ERROR(CheckNewPayment(p));
  RETURN_IF_ERROR(tx.payments().Insert(p));
  RETURN_IF_ERROR(PostPaymentReceived(tx, p));
  RETURN_IF_ERROR(ApplyAll(tx, services, actor, p, f.apply_to, "apply_to"));
  if (!f.apply_to.empty()) RETURN_IF_ERROR(tx.payments().Update(p));
  return p;
}

Result<Payment> ApplyPayment(StoreTx& tx, const Services& services, const Actor& actor,
                             PaymentId id, const std::vector<PaymentApplicationFields>& to) {
  if (to.empty()) {
    return InvalidArgument("apply_to", "parameter.missing", "name at least one invoice");
  }
  ASSIGN_OR_RETURN(Payment p, GetPayment(tx, actor, id));
  RETURN_IF_ERROR(ApplyAll(tx, services, actor, p, to, "apply_to"));
  RETURN_IF_ERROR(tx.payments().Update(p));
  return p;
}

namespace {

// What is still applied (applications minus unapplications), and what the applications
// credited, per key: per invoice of one payment's events, or per payment of one invoice's.
struct AppliedTo {
  int64_t amount_minor = 0;
  AppliedAgainst against = AppliedAgainst::kReceivable;
};

template <typename Key, typename KeyOf>
absl::flat_hash_map<Key, AppliedTo> NetApplied(const std::vector<PaymentEvent>& events,
                                               KeyOf key_of) {
  absl::flat_hash_map<Key, AppliedTo> out;
  for (const PaymentEvent& e : events) {
    const std::optional<Key> key = key_of(e);
    if (!key.has_value()) continue;
    AppliedTo& a = out[*key];
    if (e.kind == PaymentEventKind::kApplied) {
      a.amount_minor += e.amount_minor;
      a.against = e.against;
    } else if (e.kind == PaymentEventKind::kUnapplied) {
      a.amount_minor -= e.amount_minor;
    }
  }
  return out;
}

absl::flat_hash_map<InvoiceId, AppliedTo> AppliedByInvoice(
    const std::vector<PaymentEvent>& events) {
  return NetApplied<InvoiceId>(events, [](const PaymentEvent& e) { return e.invoice_id; });
}

Status Unapply(StoreTx& tx, const Services& services, const Actor& actor, Payment& p,
               InvoiceId invoice, std::optional<int64_t> amount, const AppliedTo& applied,
               const std::string& reason) {
  ASSIGN_OR_RETURN(Invoice inv, GetInvoice(tx, actor, invoice, "invoice"));
  ASSIGN_OR_RETURN(PaymentMove move,
                   UnapplyFromInvoice(p, inv, amount.value_or(applied.amount_minor),
                                      applied.amount_minor, applied.against,
                                      services.NewId<PaymentEventId>(), actor.name, reason,
                                      services.clock.Now()));
  return Persist(tx, p, move, inv);
}

}  // namespace

Result<Payment> UnapplyPayment(StoreTx& tx, const Services& services, const Actor& actor,
                               PaymentId id, InvoiceId invoice,
                               const std::optional<std::string>& amount, std::string reason) {
  ASSIGN_OR_RETURN(Payment p, GetPayment(tx, actor, id));
  ASSIGN_OR_RETURN(std::optional<int64_t> minor, ParseOptionalAmount(amount, p.currency, "amount"));
  ASSIGN_OR_RETURN(std::vector<PaymentEvent> events, tx.payments().ListEvents(actor.tenant, id));
  const auto applied = AppliedByInvoice(events);
  auto it = applied.find(invoice);
  if (it == applied.end() || it->second.amount_minor == 0) {
    return InvalidArgument("invoice", "payment.not_applied_to_invoice",
                           fmt::format("payment {} is not applied to invoice {}", id.ToString(),
                                       invoice.ToString()));
  }
  RETURN_IF_ERROR(Unapply(tx, services, actor, p, invoice, minor, it->second, reason));
  RETURN_IF_ERROR(tx.payments().Update(p));
  return p;
}

Status ReturnPaidPart(StoreTx& tx, const Services& services, const Actor& actor,
                      InvoiceId invoice, int64_t amount_minor, bool refund,
                      const std::string& reason) {
  ASSIGN_OR_RETURN(std::vector<PaymentEvent> events,
                   tx.payments().ListEventsForInvoice(actor.tenant, invoice));
  // Per payment: what it still has applied here; payments in order of their latest application,
  // newest first.
  const auto applied = NetApplied<PaymentId>(
      events, [](const PaymentEvent& e) { return std::optional<PaymentId>(e.payment_id); });
  std::vector<PaymentId> newest_first;
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->kind == PaymentEventKind::kApplied &&
        std::find(newest_first.begin(), newest_first.end(), it->payment_id) ==
            newest_first.end()) {
      newest_first.push_back(it->payment_id);
    }
  }
  int64_t left = amount_minor;
  for (const PaymentId& id : newest_first) {
    if (left == 0) break;
    const AppliedTo& a = applied.at(id);
    const int64_t take = std::min(left, a.amount_minor);
    if (take <= 0) continue;
    ASSIGN_OR_RETURN(Payment p, GetPayment(tx, actor, id));
    RETURN_IF_ERROR(Unapply(tx, services, actor, p, invoice, take, a, reason));
    if (refund) {
      ASSIGN_OR_RETURN(PaymentEvent e, Refund(p, take, services.NewId<PaymentEventId>(),
                                              actor.name, reason, services.clock.Now()));
      RETURN_IF_ERROR(tx.payments().InsertEvent(e));
      RETURN_IF_ERROR(PostPaymentEvent(tx, p, e, ""));
    }
    RETURN_IF_ERROR(tx.payments().Update(p));
    left -= take;
  }
  if (left != 0) {
    return InternalError("payment.applied_mismatch",
                         fmt::format("invoice {} shows more paid than its payments applied",
                                     invoice.ToString()));
  }
  return OkStatus();
}

Result<Payment> RefundPayment(StoreTx& tx, const Services& services, const Actor& actor,
                              PaymentId id, const std::optional<std::string>& amount,
                              std::string reason) {
  ASSIGN_OR_RETURN(Payment p, GetPayment(tx, actor, id));
  ASSIGN_OR_RETURN(std::optional<int64_t> minor, ParseOptionalAmount(amount, p.currency, "amount"));
  if (!minor.has_value() && p.unapplied_minor() == 0) {
    return WrongState("payment.nothing_to_refund",
                      "the payment has no unapplied money; unapply it from invoices first");
  }
  ASSIGN_OR_RETURN(PaymentEvent e, Refund(p, minor.value_or(p.unapplied_minor()),
                                          services.NewId<PaymentEventId>(), actor.name, reason,
                                          services.clock.Now()));
  RETURN_IF_ERROR(tx.payments().InsertEvent(e));
  RETURN_IF_ERROR(PostPaymentEvent(tx, p, e, ""));
  RETURN_IF_ERROR(tx.payments().Update(p));
  return p;
}

Result<Payment> ReversePayment(StoreTx& tx, const Services& services, const Actor& actor,
                               PaymentId id, std::string reason) {
  ASSIGN_OR_RETURN(Payment p, GetPayment(tx, actor, id));
  // A payment no longer succeeded has nothing applied (it was refunded or reversed whole), so
  // the loop below does nothing and Reverse refuses it with "payment.not_usable".
  ASSIGN_OR_RETURN(std::vector<PaymentEvent> events, tx.payments().ListEvents(actor.tenant, id));
  // In the order the invoices were first paid, so the history reads naturally.
  std::vector<InvoiceId> order;
  for (const PaymentEvent& e : events) {
    if (e.invoice_id.has_value() &&
        std::find(order.begin(), order.end(), *e.invoice_id) == order.end()) {
      order.push_back(*e.invoice_id);
    }
  }
  const auto applied = AppliedByInvoice(events);
  for (const InvoiceId& invoice : order) {
    const AppliedTo& a = applied.at(invoice);
    if (a.amount_minor == 0) continue;
    RETURN_IF_ERROR(Unapply(tx, services, actor, p, invoice, std::nullopt, a, reason));
  }
  ASSIGN_OR_RETURN(PaymentEvent e, Reverse(p, services.NewId<PaymentEventId>(), actor.name, reason,
                                           services.clock.Now()));
  RETURN_IF_ERROR(tx.payments().InsertEvent(e));
  RETURN_IF_ERROR(PostPaymentEvent(tx, p, e, ""));
  RETURN_IF_ERROR(tx.payments().Update(p));
  return p;
}

}  // namespace accrue
