#include "accrue/api/v1/render.h"

#include "accrue/api/v1/charges_json.h"
#include "accrue/money/money.h"
#include "accrue/time/instant.h"

namespace accrue::api {
namespace {

void TimeField(JsonWriter& w, std::string_view key, absl::Time t) {
  w.Field(key, FormatInstant(t));
}

void TimeField(JsonWriter& w, std::string_view key, const std::optional<absl::Time>& t) {
  if (t.has_value()) {
    w.Field(key, FormatInstant(*t));
  } else {
    w.FieldNull(key);
  }
}

void DateField(JsonWriter& w, std::string_view key, const std::optional<absl::CivilDay>& d) {
  if (d.has_value()) {
    w.Field(key, FormatDate(*d));
  } else {
    w.FieldNull(key);
  }
}

template <typename Id>
void IdField(JsonWriter& w, std::string_view key, const std::optional<Id>& id) {
  if (id.has_value()) {
    w.Field(key, id->ToString());
  } else {
    w.FieldNull(key);
  }
}

void IntField(JsonWriter& w, std::string_view key, const std::optional<int>& v) {
  if (v.has_value()) {
    w.Field(key, static_cast<int64_t>(*v));
  } else {
    w.FieldNull(key);
  }
}

// "total": "12.50", "total_minor": 1250
void AmountField(JsonWriter& w, std::string_view key, int64_t minor, Currency currency) {
  w.Field(key, Money::FromMinor(minor, currency).ToString());
  w.Field(std::string(key) + "_minor", minor);
}

void WriteMetadata(JsonWriter& w, const Metadata& metadata) {
  w.Key("metadata");
  w.BeginObject();
  for (const auto& [k, v] : metadata) w.Field(k, v);
  w.EndObject();
}

void WriteTags(JsonWriter& w, const Tags& tags) {
  w.Key("tags");
  w.BeginArray();
  for (const std::string& t : tags) w.String(t);
  w.EndArray();
}

void WriteAddress(JsonWriter& w, const PostalAddress& a) {
  w.Key("address");
  if (a.IsEmpty()) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Field("line1", a.line1);
  w.Field("line2", a.line2);
  w.Field("city", a.city);
  w.Field("postal_code", a.postal_code);
  w.Field("region", a.region);
  w.Field("country", a.country);
  w.EndObject();
}

void WriteTaxIds(JsonWriter& w, const std::vector<TaxIdentifier>& tax_ids) {
  w.Key("tax_ids");
  w.BeginArray();
  for (const TaxIdentifier& t : tax_ids) {
    w.BeginObject();
    w.Field("type", t.type);
    w.Field("value", t.value);
    w.EndObject();
  }
  w.EndArray();
}

// A unit price as a person reads it on an invoice: never fewer fractional digits than the
// currency's minor unit (12.5 EUR is "12.50", 12.75 KWD is "12.750"), and every further digit it
// really has (0.015 stays "0.015"). Padding only appends zeros, so nothing is rounded.
std::string PriceText(const Decimal& price, Currency currency) {
  std::string text = price.ToString();
  const size_t dot = text.find('.');
  const int digits = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
  if (digits >= currency.exponent()) return text;
  return price.ToFixed(currency.exponent(), RoundingMode::kHalfEven);
}

void WriteLine(JsonWriter& w, const InvoiceLine& line, Currency currency) {
  w.BeginObject();
  w.Field("id", line.id.ToString());
  w.Field("object", "invoice_line");
  w.Field("description", line.description);
  w.Field("quantity", line.quantity.ToString());
  // A usage line priced in tiers, packages or by percentage has no single unit price: its
  // "usage.tiers" explain the amount.
  if (line.usage.has_value() && line.usage->kind == UsageLineKind::kUsage &&
      line.usage->model != PricingModel::kPerUnit) {
    w.FieldNull("unit_price");
  } else {
    w.Field("unit_price", PriceText(line.unit_price, currency));
  }
  AmountField(w, "amount", line.amount_minor, currency);
  TimeField(w, "period_start", line.period_start);
  TimeField(w, "period_end", line.period_end);
  IdField(w, "plan", line.plan_id);
  WriteLineUsage(w, line, currency);
  w.EndObject();
}

}  // namespace

void WriteCustomer(JsonWriter& w, const Customer& c) {
  w.BeginObject();
  w.Field("id", c.id.ToString());
  w.Field("object", "customer");
  w.Field("name", c.name);
  w.Field("email", c.email);
  WriteAddress(w, c.address);
  w.Field("country", c.country);
  w.Field("currency", c.currency.code());
  w.Field("time_zone", c.time_zone);
  w.Field("locale", c.locale);
  WriteTaxIds(w, c.tax_ids);
  IntField(w, "net_terms_days", c.net_terms_days);
  WriteMetadata(w, c.metadata);
  TimeField(w, "created_at", c.created_at);
  TimeField(w, "updated_at", c.updated_at);
  w.EndObject();
}

void WritePayment(JsonWriter& w, const Payment& p) {
  w.BeginObject();
  w.Field("id", p.id.ToString());
  w.Field("object", "payment");
  w.Field("customer", p.customer_id.ToString());
  w.Field("status", PaymentStatusName(p.status));
  w.Field("currency", p.currency.code());
  AmountField(w, "amount", p.amount_minor, p.currency);
  AmountField(w, "amount_applied", p.applied_minor, p.currency);
  AmountField(w, "amount_refunded", p.refunded_minor, p.currency);
  AmountField(w, "amount_reversed", p.reversed_minor, p.currency);
  AmountField(w, "amount_unapplied", p.unapplied_minor(), p.currency);
  w.Field("method", PaymentMethodName(p.method));
  w.Field("reference", p.reference);
  w.Field("description", p.description);
  TimeField(w, "received_at", p.received_at);
  TimeField(w, "created_at", p.created_at);
  TimeField(w, "updated_at", p.updated_at);
  w.EndObject();
}

void WriteCreditNote(JsonWriter& w, const CreditNote& n) {
  w.BeginObject();
  w.Field("id", n.id.ToString());
  w.Field("object", "credit_note");
  w.Field("number", n.number);
  w.Field("invoice", n.invoice_id.ToString());
  w.Field("customer", n.customer_id.ToString());
  w.Field("reason", CreditNoteReasonName(n.reason));
  w.Field("memo", n.memo);
  w.Field("currency", n.currency.code());
  AmountField(w, "subtotal", n.subtotal_minor, n.currency);
  AmountField(w, "tax", n.tax_minor, n.currency);
  AmountField(w, "total", n.total_minor, n.currency);
  AmountField(w, "amount_due_reduced", n.due_reduced_minor, n.currency);
  AmountField(w, "amount_returned", n.returned_minor, n.currency);
  w.Field("returned_as", n.returned_minor == 0 ? "none"
                         : n.refunded          ? "refund"
                                               : "customer_credit");
  w.Key("lines");
  w.BeginArray();
  for (const CreditNoteLine& l : n.lines) {
    w.BeginObject();
    w.Field("id", l.id.ToString());
    w.Field("invoice_line", l.invoice_line_id.ToString());
    w.Field("description", l.description);
    AmountField(w, "amount", l.amount_minor, n.currency);
    w.EndObject();
  }
  w.EndArray();
  DateField(w, "issue_date", n.issue_date);
  TimeField(w, "created_at", n.created_at);
  w.EndObject();
}

void WritePaymentEvent(JsonWriter& w, const PaymentEvent& e) {
  w.BeginObject();
  w.Field("id", e.id.ToString());
  w.Field("object", "payment_event");
  w.Field("payment", e.payment_id.ToString());
  w.Field("kind", PaymentEventKindName(e.kind));
  IdField(w, "invoice", e.invoice_id);
  w.Field("currency", e.currency.code());
  AmountField(w, "amount", e.amount_minor, e.currency);
  w.Field("applied_against", AppliedAgainstName(e.against));
  w.Field("actor", e.actor);
  w.Field("reason", e.reason);
  TimeField(w, "at", e.at);
  w.EndObject();
}

void WritePlan(JsonWriter& w, const Plan& p) {
  w.BeginObject();
  w.Field("id", p.id.ToString());
  w.Field("object", "plan");
  w.Field("code", p.code);
  w.Field("name", p.name);
  w.Field("description", p.description);
  w.Field("currency", p.amount.currency().code());
  AmountField(w, "amount", p.amount.minor_units(), p.amount.currency());
  w.Field("interval", IntervalUnitName(p.interval_unit));
  w.Field("interval_count", static_cast<int64_t>(p.interval_count));
  w.Field("billing_timing", "in_advance");
  WriteCharges(w, p);
  WriteMetadata(w, p.metadata);
  TimeField(w, "created_at", p.created_at);
  w.EndObject();
}

void WriteSubscription(JsonWriter& w, const Subscription& s) {
  w.BeginObject();
  w.Field("id", s.id.ToString());
  w.Field("object", "subscription");
  w.Field("customer", s.customer_id.ToString());
  w.Field("plan", s.plan_id.ToString());
  w.Field("status", SubscriptionStatusName(s.status));
  w.Field("start_date", FormatDate(s.start_date));
  w.Field("billing_anchor", FormatDate(s.billing_anchor));
  w.Field("interval", IntervalUnitName(s.interval_unit));
  w.Field("interval_count", static_cast<int64_t>(s.interval_count));
  w.Field("next_period_index", s.next_period_index);
  TimeField(w, "next_period_start", s.next_period_start);
  IntField(w, "net_terms_days", s.net_terms_days);
  w.Field("title", s.title);
  w.Field("description", s.description);
  WriteTags(w, s.tags);
  WriteMetadata(w, s.metadata);
  TimeField(w, "created_at", s.created_at);
  TimeField(w, "canceled_at", s.canceled_at);
  w.EndObject();
}

void WriteInvoice(JsonWriter& w, const Invoice& inv) {
  w.BeginObject();
  w.Field("id", inv.id.ToString());
  w.Field("object", "invoice");
  w.OptionalField("number", inv.number);
  w.Field("status", InvoiceStatusName(inv.status));
  w.Field("customer", inv.customer_id.ToString());
  IdField(w, "subscription", inv.subscription_id);
  IdField(w, "billing_run", inv.billing_run_id);
  w.Field("currency", inv.currency.code());
  w.Field("title", inv.title);
  w.Field("description", inv.description);
  WriteTags(w, inv.tags);
  WriteMetadata(w, inv.metadata);
  w.Key("buyer");
  w.BeginObject();
  w.Field("name", inv.buyer.name);
  w.Field("email", inv.buyer.email);
  WriteAddress(w, inv.buyer.address);
  WriteTaxIds(w, inv.buyer.tax_ids);
  w.EndObject();
  TimeField(w, "period_start", inv.period_start);
  TimeField(w, "period_end", inv.period_end);
  w.Key("lines");
  w.BeginArray();
  for (const InvoiceLine& line : inv.lines) WriteLine(w, line, inv.currency);
  w.EndArray();
  // Where and how amounts were rounded, so a customer can recompute every figure.
  w.Key("rounding");
  w.BeginObject();
  w.Field("mode", "half_up");
  w.Field("applied", "per_line");
  w.Field("minor_unit_digits", static_cast<int64_t>(inv.currency.exponent()));
  w.EndObject();
  AmountField(w, "subtotal", inv.subtotal_minor, inv.currency);
  AmountField(w, "tax", inv.tax_minor, inv.currency);
  AmountField(w, "total", inv.total_minor, inv.currency);
  AmountField(w, "amount_paid", inv.amount_paid_minor, inv.currency);
  AmountField(w, "amount_credited", inv.amount_credited_minor, inv.currency);
  AmountField(w, "amount_due", inv.amount_due_minor, inv.currency);
  w.Field("net_terms_days", static_cast<int64_t>(inv.net_terms_days));
  DateField(w, "issue_date", inv.issue_date);
  DateField(w, "due_date", inv.due_date);
  w.Field("delivery_status", DeliveryStatusName(inv.delivery_status));
  w.Field("dispute_status", DisputeStatusName(inv.dispute_status));
  TimeField(w, "created_at", inv.created_at);
  TimeField(w, "updated_at", inv.updated_at);
  TimeField(w, "finalized_at", inv.finalized_at);
  TimeField(w, "sent_at", inv.sent_at);
  TimeField(w, "paid_at", inv.paid_at);
  TimeField(w, "voided_at", inv.voided_at);
  TimeField(w, "marked_uncollectible_at", inv.marked_uncollectible_at);
  TimeField(w, "archived_at", inv.archived_at);
  w.EndObject();
}

void WriteStatusChange(JsonWriter& w, const InvoiceStatusChange& ch) {
  w.BeginObject();
  w.Field("object", "invoice_status_change");
  if (ch.from.has_value()) {
    w.Field("from", InvoiceStatusName(*ch.from));
  } else {
    w.FieldNull("from");
  }
  w.Field("to", InvoiceStatusName(ch.to));
  w.Field("actor", ch.actor);
  w.Field("reason", ch.reason);
  TimeField(w, "at", ch.at);
  w.EndObject();
}

void WriteBillingRun(JsonWriter& w, const BillingRun& r,
                     const std::vector<BillingRunFailure>* failures) {
  w.BeginObject();
  w.Field("id", r.id.ToString());
  w.Field("object", "billing_run");
  TimeField(w, "billing_at", r.billing_at);
  w.Field("finalize", r.finalize);
  w.Field("status", BillingRunStatusName(r.status));
  w.Field("subscriptions_processed", r.subscriptions_processed);
  w.Field("invoices_created", r.invoices_created);
  w.Field("invoices_finalized", r.invoices_finalized);
  w.Field("periods_already_invoiced", r.periods_already_invoiced);
  w.Field("failure_count", r.failures);
  if (failures != nullptr) {
    w.Key("failures");
    w.BeginArray();
    for (const BillingRunFailure& f : *failures) {
      w.BeginObject();
      w.Field("subscription", f.subscription_id.ToString());
      w.Field("reason", f.reason);
      w.Field("message", f.message);
      TimeField(w, "at", f.at);
      w.EndObject();
    }
    w.EndArray();
  }
  w.Field("actor", r.actor);
  TimeField(w, "started_at", r.started_at);
  TimeField(w, "finished_at", r.finished_at);
  if (r.finished_at.has_value()) {
    w.Field("duration_ms", absl::ToInt64Milliseconds(*r.finished_at - r.started_at));
  } else {
    w.FieldNull("duration_ms");
  }
  w.EndObject();
}

}  // namespace accrue::api
