// JSON representations of Accrue resources for API v1. Stripe-like: every object has "id" and
// "object"; amounts are decimal strings with exactly the currency's ISO 4217 digits ("12.50",
// "1000" for JPY, "1.500" for KWD) plus the same amount in integer minor units ("_minor");
// instants are RFC 3339 UTC; civil dates are "YYYY-MM-DD"; absent values are null.
#pragma once

#include <string>
#include <vector>

#include "accrue/api/json/json_writer.h"
#include "accrue/app/billing_run_record.h"
#include "accrue/app/ports/store.h"
#include "accrue/domain/credit_note.h"
#include "accrue/domain/payment.h"

namespace accrue::api {

void WriteCustomer(JsonWriter& w, const Customer& customer);
void WritePlan(JsonWriter& w, const Plan& plan);
void WriteSubscription(JsonWriter& w, const Subscription& subscription);
void WriteInvoice(JsonWriter& w, const Invoice& invoice);
void WriteStatusChange(JsonWriter& w, const InvoiceStatusChange& change);
void WritePayment(JsonWriter& w, const Payment& payment);
void WritePaymentEvent(JsonWriter& w, const PaymentEvent& event);
void WriteCreditNote(JsonWriter& w, const CreditNote& note);
void WriteBillingRun(JsonWriter& w, const BillingRun& run,
                     const std::vector<BillingRunFailure>* failures);

template <typename T>
std::string RenderOne(const T& item, void (*write)(JsonWriter&, const T&)) {
  JsonWriter w;
  write(w, item);
  return w.Take();
}

// {"object":"list","data":[...],"has_more":bool}
template <typename T>
std::string RenderList(const std::vector<T>& items, bool has_more,
                       void (*write)(JsonWriter&, const T&)) {
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "list");
  w.Key("data");
  w.BeginArray();
  for (const T& item : items) write(w, item);
  w.EndArray();
  w.Field("has_more", has_more);
  w.EndObject();
  return w.Take();
}

}  // namespace accrue::api
