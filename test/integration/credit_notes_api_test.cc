// Credit notes over HTTP against the real binary: partial by line, the rest in full, a paid
// invoice credited with a refund, idempotent retries, another tenant's ids, and bad input (a
// clear 4xx naming the field, and nothing written).
#include <gtest/gtest.h>

#include <simdjson.h>

#include "harness.h"

namespace accrue::testing {
namespace {

class CreditNotesApiTest : public BilledCustomerApiTest {
 protected:
  size_t NoteCount() { return JsonArraySize(api_->Get("/v1/credit_notes").body, "data"); }
};

TEST_F(CreditNotesApiTest, PartialByLineThenTheRest) {
  const std::string body = R"({"invoice":")" + invoices_[0] +
                           R"(","reason":"billing_error","memo":"wrong seat count",)"
                           R"("lines":[{"invoice_line":")" + lines_[0] + R"(","amount":"9.00"}]})";
  auto first = api_->Post("/v1/credit_notes", body, "cn-1");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(JsonString(first.body, "object"), "credit_note");
  EXPECT_EQ(JsonString(first.body, "total"), "9.00");
  EXPECT_EQ(JsonString(first.body, "amount_due_reduced"), "9.00");
  EXPECT_EQ(JsonString(first.body, "returned_as"), "none");
  EXPECT_EQ(JsonString(first.body, "reason"), "billing_error");
  const std::string number = JsonString(first.body, "number");
  EXPECT_EQ(number.substr(0, 3), "CN-");
  // A retry replays the same note.
  auto again = api_->Post("/v1/credit_notes", body, "cn-1");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(JsonString(again.body, "id"), JsonString(first.body, "id"));
  EXPECT_EQ(NoteCount(), 1u);
  auto inv = api_->Get("/v1/invoices/" + invoices_[0]);
  EXPECT_EQ(JsonString(inv.body, "amount_due"), "40.00");
  EXPECT_EQ(JsonString(inv.body, "status"), "open");

  auto rest = api_->Post("/v1/credit_notes", R"({"invoice":")" + invoices_[0] + R"("})");
  ASSERT_EQ(rest.status, 200) << rest.body;
  EXPECT_EQ(JsonString(rest.body, "total"), "40.00");
  EXPECT_EQ(JsonString(api_->Get("/v1/invoices/" + invoices_[0]).body, "status"), "credited");
  EXPECT_EQ(JsonArraySize(api_->Get("/v1/invoices/" + invoices_[0] + "/credit_notes").body,
                          "data"),
            2u);
  auto one = api_->Get("/v1/credit_notes/" + JsonString(rest.body, "id"));
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(JsonString(one.body, "invoice"), invoices_[0]);
  // The ledger still balances.
  auto tb = api_->Get("/v1/reports/trial_balance");
  ASSERT_EQ(tb.status, 200) << tb.body;
  EXPECT_NE(tb.body.find("\"balanced\":true"), std::string::npos) << tb.body;
}

TEST_F(CreditNotesApiTest, PaidInvoiceCreditedWithARefund) {
  auto paid = api_->Post("/v1/payments", R"({"customer":")" + customer_ +
                                             R"(","amount":"49.00","apply_to":[{"invoice":")" +
                                             invoices_[1] + R"("}]})");
  ASSERT_EQ(paid.status, 200) << paid.body;
  auto note = api_->Post("/v1/credit_notes", R"({"invoice":")" + invoices_[1] +
                                                 R"(","amount":"49.00","refund":true})");
  ASSERT_EQ(note.status, 200) << note.body;
  EXPECT_EQ(JsonString(note.body, "amount_returned"), "49.00");
  EXPECT_EQ(JsonString(note.body, "returned_as"), "refund");
  auto payment = api_->Get("/v1/payments/" + JsonString(paid.body, "id"));
  EXPECT_EQ(JsonString(payment.body, "status"), "refunded");
  EXPECT_EQ(JsonString(payment.body, "amount_refunded"), "49.00");
  EXPECT_EQ(JsonString(api_->Get("/v1/invoices/" + invoices_[1]).body, "status"), "credited");
}

TEST_F(CreditNotesApiTest, BadInputNamesTheFieldAndWritesNothing) {
  const std::string inv = invoices_[0];
  ExpectError(api_->Post("/v1/credit_notes", "{"), 400, "", "");
  ExpectError(api_->Post("/v1/credit_notes", R"({})"), 400, "invoice", "parameter.missing");
  ExpectError(api_->Post("/v1/credit_notes", R"({"invoice":"nope"})"), 400, "invoice");
  ExpectError(api_->Post("/v1/credit_notes", R"({"invoice":")" + inv + R"(","colour":"red"})"),
              400, "colour");
  ExpectError(api_->Post("/v1/credit_notes", R"({"invoice":")" + inv + R"(","amount":1})"), 400,
              "amount");
  ExpectError(api_->Post("/v1/credit_notes", R"({"invoice":")" + inv + R"(","amount":"1.001"})"),
              400, "amount");
  ExpectError(api_->Post("/v1/credit_notes", R"({"invoice":")" + inv + R"(","amount":"60.00"})"),
              400, "amount", "credit_note.exceeds_creditable");
  ExpectError(api_->Post("/v1/credit_notes", R"({"invoice":")" + inv + R"(","reason":"meh"})"),
              400, "reason", "credit_note_reason.unknown");
  ExpectError(api_->Post("/v1/credit_notes", R"({"invoice":")" + inv +
                                                  R"(","lines":[{"invoice_line":")" + lines_[1] +
                                                  R"(","amount":"1.00"}]})"),
              400, "lines[0].invoice_line", "credit_note.unknown_line");
  ExpectError(api_->Post("/v1/credit_notes", R"({"invoice":")" + inv +
                                                  R"(","lines":[{"invoice_line":")" + lines_[0] +
                                                  R"("}]})"),
              400, "lines[0].amount", "parameter.missing");
  ExpectError(
      api_->Post("/v1/credit_notes", R"({"invoice":")" + inv + R"(","lines":[{"invoice_line":")" +
                                         lines_[0] + R"(","amount":"0.00"}]})"),
      400, "lines[0].amount", "parameter.out_of_range");
  ExpectError(api_->Post("/v1/credit_notes", R"({"invoice":")" + inv + R"(","amount":"-1.00"})"),
              400, "amount", "parameter.out_of_range");
  ExpectError(api_->Post("/v1/credit_notes",
                         R"({"invoice":"01a20000-0000-7000-8000-000000000000"})"),
              404, "invoice", "invoice.not_found");
  ExpectError(api_->Get("/v1/credit_notes/01a20000-0000-7000-8000-000000000000"), 404, "id",
              "credit_note.not_found");
  EXPECT_EQ(NoteCount(), 0u);
  EXPECT_EQ(JsonString(api_->Get("/v1/invoices/" + inv).body, "amount_due"), "49.00");
}

TEST_F(CreditNotesApiTest, AnotherTenantSeesNothing) {
  auto note = api_->Post("/v1/credit_notes", R"({"invoice":")" + invoices_[0] + R"("})");
  ASSERT_EQ(note.status, 200) << note.body;
  CliResult second = RunCli({"init", "--data", dir_.path(), "--name", "Other", "--json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  ApiClient other(server_->port(), JsonString(second.out, "api_key"));
  EXPECT_EQ(other.Get("/v1/credit_notes/" + JsonString(note.body, "id")).status, 404);
  EXPECT_EQ(JsonArraySize(other.Get("/v1/credit_notes").body, "data"), 0u);
  EXPECT_EQ(other.Post("/v1/credit_notes", R"({"invoice":")" + invoices_[1] + R"("})").status,
            404);
}

}  // namespace
}  // namespace accrue::testing
