// Payments over HTTP against the real binary: record and apply, partial and over-payment, the
// invoice's payments, refund and reversal, idempotent retries, another tenant's ids, and bad
// input on every payment endpoint (a clear 4xx naming the field, and nothing written).
#include <gtest/gtest.h>

#include <simdjson.h>

#include "harness.h"
#include "testing/temp_dir.h"

namespace accrue::testing {
namespace {

class PaymentsApiTest : public BilledCustomerApiTest {
 protected:
  size_t PaymentCount() { return JsonArraySize(api_->Get("/v1/payments?limit=100").body, "data"); }
};

TEST_F(PaymentsApiTest, RecordApplyRefundReverse) {
  auto paid = api_->Post("/v1/payments",
                         R"({"customer":")" + customer_ +
                             R"(","amount":"60.00","method":"bank_transfer","reference":"INV 1",)"
                             R"("apply_to":[{"invoice":")" + invoices_[0] + R"("}]})",
                         "pay-1");
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(JsonString(paid.body, "object"), "payment");
  EXPECT_EQ(JsonString(paid.body, "amount_applied"), "49.00");
  EXPECT_EQ(JsonString(paid.body, "amount_unapplied"), "11.00");
  const std::string payment = JsonString(paid.body, "id");
  EXPECT_EQ(JsonString(api_->Get("/v1/invoices/" + invoices_[0]).body, "status"), "paid");

  // A retry with the same key replays; nothing is recorded twice.
  auto again = api_->Post("/v1/payments",
                          R"({"customer":")" + customer_ +
                              R"(","amount":"60.00","method":"bank_transfer","reference":"INV 1",)"
                              R"("apply_to":[{"invoice":")" + invoices_[0] + R"("}]})",
                          "pay-1");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(JsonString(again.body, "id"), payment);
  EXPECT_EQ(PaymentCount(), 1u);

  // The rest goes to February, partially.
  auto applied = api_->Post("/v1/payments/" + payment + "/apply",
                            R"({"apply_to":[{"invoice":")" + invoices_[1] + R"("}]})");
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(JsonString(applied.body, "amount_unapplied"), "0.00");
  auto feb = api_->Get("/v1/invoices/" + invoices_[1]);
  EXPECT_EQ(JsonString(feb.body, "status"), "partially_paid");
  EXPECT_EQ(JsonString(feb.body, "amount_due"), "38.00");
  auto on_feb = api_->Get("/v1/invoices/" + invoices_[1] + "/payments");
  ASSERT_EQ(JsonArraySize(on_feb.body, "data"), 1u) << on_feb.body;

  // Nothing unapplied is left to refund; take February's part back first.
  ExpectError(api_->Post("/v1/payments/" + payment + "/refund", R"({"amount":"1.00"})"), 400,
              "amount", "payment.refund_exceeds_unapplied");
  auto unapplied = api_->Post("/v1/payments/" + payment + "/unapply",
                              R"({"invoice":")" + invoices_[1] + R"(","reason":"wrong invoice"})");
  ASSERT_EQ(unapplied.status, 200) << unapplied.body;
  EXPECT_EQ(JsonString(api_->Get("/v1/invoices/" + invoices_[1]).body, "status"), "open");
  auto refunded = api_->Post("/v1/payments/" + payment + "/refund", R"({"reason":"overpaid"})");
  ASSERT_EQ(refunded.status, 200) << refunded.body;
  EXPECT_EQ(JsonString(refunded.body, "amount_refunded"), "11.00");

  // A chargeback of what is left: January is due again.
  auto reversed = api_->Post("/v1/payments/" + payment + "/reverse", R"({"reason":"chargeback"})");
  ASSERT_EQ(reversed.status, 200) << reversed.body;
  EXPECT_EQ(JsonString(reversed.body, "status"), "reversed");
  EXPECT_EQ(JsonString(api_->Get("/v1/invoices/" + invoices_[0]).body, "status"), "open");
  auto events = api_->Get("/v1/payments/" + payment + "/events");
  EXPECT_EQ(JsonArraySize(events.body, "data"), 6u) << events.body;

  // The ledger balanced through all of it.
  auto tb = api_->Get("/v1/reports/trial_balance");
  ASSERT_EQ(tb.status, 200) << tb.body;
  EXPECT_EQ(tb.body.find("\"balanced\":false"), std::string::npos) << tb.body;
}

TEST_F(PaymentsApiTest, BadInputIsA4xxNamingTheFieldAndWritesNothing) {
  const std::string c = customer_;
  struct Case {
    std::string path;
    std::string body;
    int status;
    std::string param;
    std::string code;
  };
  const std::string missing_invoice = "01900000-0000-7000-8000-000000000000";
  const std::vector<Case> cases = {
      {"/v1/payments", "{", 400, "", "request.malformed_json"},
      {"/v1/payments", R"({"customer":")" + c + R"(","amount":"1.00","colour":"red"})", 400,
       "colour", "parameter.unknown"},
      {"/v1/payments", R"({"customer":")" + c + R"("})", 400, "amount", "parameter.missing"},
      {"/v1/payments", R"({"amount":"1.00"})", 400, "customer", "parameter.missing"},
      {"/v1/payments", R"({"customer":")" + c + R"(","amount":1})", 400, "amount",
       "parameter.invalid_type"},
      {"/v1/payments", R"({"customer":")" + c + R"(","amount":"1.001"})", 400, "amount",
       "amount.too_many_decimals"},
      {"/v1/payments", R"({"customer":")" + c + R"(","amount":"-5.00"})", 400, "amount",
       "parameter.out_of_range"},
      {"/v1/payments", R"({"customer":")" + c + R"(","amount":"1.00","currency":"XXY"})", 400,
       "currency", "currency.unknown"},
      {"/v1/payments", R"({"customer":")" + c + R"(","amount":"1.00","method":"gold"})", 400,
       "method", "payment_method.unknown"},
      {"/v1/payments", R"({"customer":")" + c + R"(","amount":"1.00","received_at":"soon"})",
       400, "received_at", "instant.malformed"},
      {"/v1/payments", R"({"customer":")" + missing_invoice + R"(","amount":"1.00"})", 404,
       "customer", "customer.not_found"},
      {"/v1/payments",
       R"({"customer":")" + c + R"(","amount":"1.00","apply_to":[{"invoice":")" +
           missing_invoice + R"("}]})",
       404, "apply_to[0].invoice", "invoice.not_found"},
      {"/v1/payments",
       R"({"customer":")" + c + R"(","amount":"100.00","apply_to":[{"invoice":")" +
           invoices_[0] + R"(","amount":"50.00"}]})",
       400, "apply_to[0].amount", "payment.exceeds_amount_due"},
      {"/v1/payments",
       R"({"customer":")" + c + R"(","currency":"USD","amount":"49.00","apply_to":[{"invoice":")" +
           invoices_[0] + R"("}]})",
       400, "apply_to[0].invoice", "payment.currency_mismatch"},
      {"/v1/payments/not-an-id/refund", "{}", 400, "id", ""},
      {"/v1/payments/" + missing_invoice + "/refund", "{}", 404, "id", "payment.not_found"},
  };
  for (const Case& k : cases) {
    auto r = api_->Post(k.path, k.body);
    EXPECT_EQ(r.status, k.status) << k.path << " " << k.body << " -> " << r.body;
    EXPECT_EQ(JsonString(r.body, "error.param"), k.param) << k.body << " -> " << r.body;
    if (!k.code.empty()) {
      EXPECT_EQ(JsonString(r.body, "error.code"), k.code) << r.body;
    }
  }
  EXPECT_EQ(PaymentCount(), 0u);
  EXPECT_EQ(JsonString(api_->Get("/v1/invoices/" + invoices_[0]).body, "amount_due"), "49.00");
  ExpectError(api_->Get("/v1/payments?status=lost"), 400, "status", "payment_status.unknown");
}

TEST_F(PaymentsApiTest, AnotherTenantGets404) {
  auto paid = api_->Post("/v1/payments", R"({"customer":")" + customer_ + R"(","amount":"5.00"})");
  ASSERT_EQ(paid.status, 200) << paid.body;
  const std::string payment = JsonString(paid.body, "id");
  CliResult second = RunCli({"init", "--data", dir_.path(), "--name", "Other", "--json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  ApiClient other(server_->port(), JsonString(second.out, "api_key"));
  EXPECT_EQ(other.Get("/v1/payments/" + payment).status, 404);
  EXPECT_EQ(other.Get("/v1/payments/" + payment + "/events").status, 404);
  EXPECT_EQ(other.Get("/v1/invoices/" + invoices_[0] + "/payments").status, 404);
  EXPECT_EQ(other.Post("/v1/payments/" + payment + "/refund", "{}").status, 404);
  EXPECT_EQ(other.Post("/v1/payments", R"({"customer":")" + customer_ + R"(","amount":"5.00"})")
                .status,
            404);
  EXPECT_EQ(JsonArraySize(other.Get("/v1/payments").body, "data"), 0u);
}

}  // namespace
}  // namespace accrue::testing
