// The HTTP API end to end, against the real binary: a full billing flow, authentication, tenant
// isolation, idempotency, pagination, and bad input on every endpoint (a clear 4xx naming the
// field, and nothing written).
#include <gtest/gtest.h>

#include <set>

#include "harness.h"
#include "testing/temp_dir.h"

namespace accrue::testing {
namespace {

class ApiTest : public ServedTenantTest {
 protected:
  std::string CreateCustomer(const std::string& currency = "EUR",
                             const std::string& tz = "Europe/Berlin") {
    auto r = api_->Post("/v1/customers", R"({"name":"Müller GmbH","email":"ap@mueller.example",)"
                                         R"("currency":")" + currency + R"(","time_zone":")" + tz +
                                             R"(","address":{"country":"DE","city":"Berlin"}})");
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonString(r.body, "id");
  }
  std::string CreatePlan(const std::string& code, const std::string& currency = "EUR",
                         const std::string& amount = "49.00") {
    auto r = api_->Post("/v1/plans", R"({"code":")" + code + R"(","name":"Pro","currency":")" +
                                         currency + R"(","amount":")" + amount +
                                         R"(","interval":"month"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonString(r.body, "id");
  }
  std::string CreateSubscription(const std::string& customer, const std::string& plan,
                                 const std::string& start = "2026-01-31") {
    auto r = api_->Post("/v1/subscriptions", R"({"customer":")" + customer + R"(","plan":")" +
                                                 plan + R"(","start_date":")" + start +
                                                 R"(","tags":["enterprise"]})");
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonString(r.body, "id");
  }
  size_t Count(const std::string& path) {
    return JsonArraySize(api_->Get(path + "?limit=100").body, "data");
  }
};

TEST_F(ApiTest, FullBillingFlow) {
  std::string customer = CreateCustomer();
  std::string plan = CreatePlan("pro");
  std::string sub = CreateSubscription(customer, plan);
  auto run = api_->Post("/v1/billing_runs", R"({"billing_at":"2026-04-01T00:00:00Z"})");
  ASSERT_EQ(run.status, 200) << run.body;
  EXPECT_EQ(JsonInt(run.body, "invoices_created"), 3);  // Jan 31, Feb 28, Mar 31
  EXPECT_EQ(JsonString(run.body, "status"), "completed");
  auto list = api_->Get("/v1/invoices?customer=" + customer + "&tag=enterprise");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(JsonArraySize(list.body, "data"), 3u);
  auto again = api_->Post("/v1/billing_runs", R"({"billing_at":"2026-04-01T00:00:00Z"})");
  EXPECT_EQ(JsonInt(again.body, "invoices_created"), 0);

  auto first = api_->Get("/v1/invoices?limit=1");
  simdjson::dom::parser p;
  std::string invoice_id(p.parse(first.body)["data"].at(0)["id"].get_string().value());
  auto inv = api_->Get("/v1/invoices/" + invoice_id);
  ASSERT_EQ(inv.status, 200);
  EXPECT_EQ(JsonString(inv.body, "total"), "49.00");
  EXPECT_EQ(JsonInt(inv.body, "total_minor"), 4900);
  EXPECT_EQ(JsonString(inv.body, "number").rfind("INV-", 0), 0u);
  EXPECT_EQ(JsonString(inv.body, "rounding.mode"), "half_up");
  auto voided = api_->Post("/v1/invoices/" + invoice_id + "/void", R"({"reason":"test"})");
  ASSERT_EQ(voided.status, 200) << voided.body;
  EXPECT_EQ(JsonString(voided.body, "status"), "void");
  EXPECT_EQ(JsonString(voided.body, "amount_due"), "0.00");
  auto refused = api_->Post("/v1/invoices/" + invoice_id + "/finalize", "");
  ExpectError(refused, 409, "", "invoice.not_draft");
  auto history = api_->Get("/v1/invoices/" + invoice_id + "/history");
  // Created open by the run (one entry), then voided.
  EXPECT_EQ(JsonArraySize(history.body, "data"), 2u) << history.body;
}

TEST_F(ApiTest, AuthenticationIsRequired) {
  httplib::Client c("127.0.0.1", server_->port());
  auto none = c.Get("/v1/invoices");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(JsonString(none->body, "error.type"), "authentication_error");
  auto bad = c.Get("/v1/invoices", {{"Authorization", "Bearer ak_not-a-real-key-at-all"}});
  EXPECT_EQ(bad->status, 401);
  auto health = c.Get("/healthz");
  EXPECT_EQ(health->status, 200);
}

TEST_F(ApiTest, TenantsAreIsolated) {
  std::string customer = CreateCustomer();
  std::string plan = CreatePlan("pro");
  std::string sub = CreateSubscription(customer, plan);
  api_->Post("/v1/billing_runs", R"({"billing_at":"2026-02-01T00:00:00Z"})");
  simdjson::dom::parser p;
  auto list = api_->Get("/v1/invoices");
  std::string invoice(p.parse(list.body)["data"].at(0)["id"].get_string().value());
  auto runs = api_->Get("/v1/billing_runs");
  std::string run(p.parse(runs.body)["data"].at(0)["id"].get_string().value());

  // A second tenant in the same data directory, served by the same server.
  CliResult second = RunCli({"init", "--data", dir_.path(), "--name", "Other", "--json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  ApiClient other(server_->port(), JsonString(second.out, "api_key"));
  for (const std::string& path :
       {"/v1/customers/" + customer, "/v1/plans/" + plan, "/v1/subscriptions/" + sub,
        "/v1/invoices/" + invoice, "/v1/invoices/" + invoice + "/history",
        "/v1/billing_runs/" + run}) {
    auto r = other.Get(path);
    EXPECT_EQ(r.status, 404) << path << " " << r.body;
  }
  for (const char* verb : {"finalize", "void", "mark_sent", "mark_uncollectible", "archive"}) {
    EXPECT_EQ(other.Post("/v1/invoices/" + invoice + "/" + std::string(verb), "").status, 404)
        << verb;
  }
  EXPECT_EQ(other.Post("/v1/subscriptions/" + sub + "/cancel", "").status, 404);
  EXPECT_EQ(other.Post("/v1/customers/" + customer, R"({"name":"x"})").status, 404);
  EXPECT_EQ(JsonArraySize(other.Get("/v1/invoices").body, "data"), 0u);
  EXPECT_EQ(JsonArraySize(other.Get("/v1/customers").body, "data"), 0u);
  // Referencing A's customer and plan from B is "not found", naming the field.
  std::string own_customer = JsonString(
      other.Post("/v1/customers", R"({"name":"B","currency":"EUR"})").body, "id");
  ExpectError(other.Post("/v1/subscriptions", R"({"customer":")" + own_customer +
                                                 R"(","plan":")" + plan + R"("})"),
              404, "plan");
  ExpectError(other.Post("/v1/subscriptions", R"({"customer":")" + customer + R"(","plan":")" +
                                                 plan + R"("})"),
              404, "customer");
}

TEST_F(ApiTest, IdempotencyKeyReplaysAndRefusesADifferentBody) {
  const std::string body = R"({"name":"Acme","currency":"USD"})";
  auto first = api_->Post("/v1/customers", body, "key-1");
  auto replay = api_->Post("/v1/customers", body, "key-1");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(replay.body, first.body);
  EXPECT_EQ(replay.headers.count("Idempotent-Replayed"), 1u);
  auto conflict = api_->Post("/v1/customers", R"({"name":"Other","currency":"USD"})", "key-1");
  ExpectError(conflict, 409, "Idempotency-Key", "idempotency.key_reused");
  EXPECT_EQ(Count("/v1/customers"), 1u);
  auto run1 = api_->Post("/v1/billing_runs", R"({"billing_at":"2026-02-01T00:00:00Z"})", "run-1");
  auto run2 = api_->Post("/v1/billing_runs", R"({"billing_at":"2026-02-01T00:00:00Z"})", "run-1");
  EXPECT_EQ(run1.body, run2.body);
  EXPECT_EQ(Count("/v1/billing_runs"), 1u);
}

TEST_F(ApiTest, PaginationWalksEveryItemOnce) {
  for (int i = 0; i < 7; ++i) {
    api_->Post("/v1/customers", R"({"name":"C)" + std::to_string(i) + R"(","currency":"EUR"})");
  }
  std::set<std::string> seen;
  std::string after;
  simdjson::dom::parser p;
  for (int page = 0; page < 10; ++page) {
    auto r = api_->Get("/v1/customers?limit=3" + (after.empty() ? "" : "&starting_after=" + after));
    ASSERT_EQ(r.status, 200);
    simdjson::dom::element doc = p.parse(r.body);
    for (simdjson::dom::element item : doc["data"].get_array()) {
      after = std::string(item["id"].get_string().value());
      EXPECT_TRUE(seen.insert(after).second);
    }
    if (!doc["has_more"].get_bool().value()) break;
  }
  EXPECT_EQ(seen.size(), 7u);
  ExpectError(api_->Get("/v1/customers?limit=0"), 400, "limit");
  ExpectError(api_->Get("/v1/customers?limit=101"), 400, "limit");
  ExpectError(api_->Get("/v1/customers?starting_after=xyz"), 400, "starting_after");
  ExpectError(api_->Get("/v1/invoices?status=posted"), 400, "status");
  ExpectError(api_->Get("/v1/invoices?customer=nope"), 400, "customer");
}

TEST_F(ApiTest, BadInputGetsAClear4xxAndWritesNothing) {
  struct Case {
    std::string path;
    std::string body;
    int status;
    std::string param;
  };
  std::string customer = CreateCustomer();
  std::string plan = CreatePlan("pro");
  std::string usd_plan = CreatePlan("pro-usd", "USD", "10.00");
  const std::string missing_id = "0190f3a2-7b1c-7d2e-8f00-123456789abc";
  const std::vector<Case> cases = {
      {"/v1/customers", "{", 400, ""},
      {"/v1/customers", "[1,2]", 400, ""},
      {"/v1/customers", R"({"name":"A"})", 400, "currency"},
      {"/v1/customers", R"({"currency":"EUR"})", 400, "name"},
      {"/v1/customers", R"({"name":5,"currency":"EUR"})", 400, "name"},
      {"/v1/customers", R"({"name":"A","currency":"EUR","colour":"blue"})", 400, "colour"},
      {"/v1/customers", R"({"name":"A","currency":"ABC"})", 400, "currency"},
      {"/v1/customers", R"({"name":"A","currency":"XAU"})", 400, "currency"},
      {"/v1/customers", R"({"name":"A","currency":"EUR","time_zone":"Mars/Base"})", 400, "time_zone"},
      {"/v1/customers", R"({"name":"A","currency":"EUR","email":"nope"})", 400, "email"},
      {"/v1/customers", R"({"name":"A","currency":"EUR","address":{"country":"ZZ"}})", 400,
       "address.country"},
      {"/v1/customers", R"({"name":"A","currency":"EUR","address":{"zip":"1"}})", 400,
       "address.zip"},
      {"/v1/customers", R"({"name":"A","currency":"EUR","metadata":{"k":1}})", 400, "metadata.k"},
      {"/v1/customers", R"({"name":"A","currency":"EUR","net_terms_days":-1})", 400,
       "net_terms_days"},
      {"/v1/customers", R"({"name":"A","currency":"EUR","tax_ids":[{"type":"eu_vat"}]})", 400,
       "tax_ids[0].value"},
      {"/v1/customers", std::string(40, '[') + std::string(40, ']'), 400, ""},
      {"/v1/customers/" + missing_id, R"({"name":"A"})", 404, "id"},
      {"/v1/customers/not-a-uuid", R"({"name":"A"})", 400, "id"},
      {"/v1/customers/" + customer, R"({"currency":"USD"})", 400, "currency"},
      {"/v1/plans", R"({"code":"x","name":"X","currency":"EUR","amount":"12.345"})", 400, "amount"},
      {"/v1/plans", R"({"code":"x","name":"X","currency":"JPY","amount":"100.5"})", 400, "amount"},
      {"/v1/plans", R"({"code":"x","name":"X","currency":"EUR","amount":12.5})", 400, "amount"},
      {"/v1/plans", R"({"code":"x","name":"X","currency":"EUR","amount":"-1.00"})", 400, "amount"},
      {"/v1/plans", R"({"code":"x","name":"X","currency":"EUR","amount":"1e3"})", 400, "amount"},
      {"/v1/plans", R"({"code":"x","name":"X","currency":"EUR","amount":"1","interval":"fortnight"})",
       400, "interval"},
      {"/v1/plans", R"({"code":"x","name":"X","currency":"EUR","amount":"1","interval_count":0})",
       400, "interval_count"},
      {"/v1/plans", R"({"code":"pro","name":"X","currency":"EUR","amount":"1"})", 409, "code"},
      {"/v1/plans", R"({"code":"a b","name":"X","currency":"EUR","amount":"1"})", 400, "code"},
      {"/v1/subscriptions", R"({"plan":")" + plan + R"("})", 400, "customer"},
      {"/v1/subscriptions", R"({"customer":")" + missing_id + R"(","plan":")" + plan + R"("})",
       404, "customer"},
      {"/v1/subscriptions", R"({"customer":")" + customer + R"(","plan":")" + missing_id + R"("})",
       404, "plan"},
      {"/v1/subscriptions", R"({"customer":")" + customer + R"(","plan":")" + usd_plan + R"("})",
       400, "plan"},
      {"/v1/subscriptions",
       R"({"customer":")" + customer + R"(","plan":")" + plan + R"(","start_date":"2026-02-30"})",
       400, "start_date"},
      {"/v1/subscriptions",
       R"({"customer":")" + customer + R"(","plan":")" + plan + R"(","tags":["a,b"]})", 400, "tags"},
      {"/v1/subscriptions/" + missing_id + "/cancel", "", 404, "id"},
      {"/v1/invoices/" + missing_id + "/finalize", "", 404, "id"},
      {"/v1/invoices/" + missing_id + "/void", R"({"reason":7})", 400, "reason"},
      {"/v1/invoices/" + missing_id + "/finalize", R"({"reason":"x"})", 400, "reason"},
      {"/v1/billing_runs", R"({"billing_at":"yesterday"})", 400, "billing_at"},
      {"/v1/billing_runs", R"({"finalize":"yes"})", 400, "finalize"},
  };
  const size_t customers = Count("/v1/customers"), plans = Count("/v1/plans"),
               subs = Count("/v1/subscriptions"), runs = Count("/v1/billing_runs");
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path + " " + c.body);
    ExpectError(api_->Post(c.path, c.body), c.status, c.param);
  }
  EXPECT_EQ(Count("/v1/customers"), customers);
  EXPECT_EQ(Count("/v1/plans"), plans);
  EXPECT_EQ(Count("/v1/subscriptions"), subs);
  EXPECT_EQ(Count("/v1/billing_runs"), runs);
  ExpectError(api_->Get("/v1/invoices/" + missing_id), 404, "id");
  ExpectError(api_->Get("/v1/invoices/123"), 400, "id");
  EXPECT_EQ(api_->Get("/v1/nothing-here").status, 404);
  EXPECT_EQ(api_->Post("/v1/invoices", "{}").status, 405);
}

TEST_F(ApiTest, AmountsFollowTheCurrencyMinorUnits) {
  std::string jpy = CreateCustomer("JPY", "Asia/Tokyo");
  std::string kwd = CreateCustomer("KWD", "Asia/Kuwait");
  CreateSubscription(jpy, CreatePlan("jp", "JPY", "12000"), "2026-01-01");
  CreateSubscription(kwd, CreatePlan("kw", "KWD", "12.750"), "2026-01-01");
  api_->Post("/v1/billing_runs", R"({"billing_at":"2026-01-02T00:00:00Z"})");
  auto j = api_->Get("/v1/invoices?customer=" + jpy);
  auto k = api_->Get("/v1/invoices?customer=" + kwd);
  simdjson::dom::parser p;
  EXPECT_EQ(std::string(p.parse(j.body)["data"].at(0)["total"].get_string().value()), "12000");
  EXPECT_EQ(std::string(p.parse(k.body)["data"].at(0)["total"].get_string().value()), "12.750");
  EXPECT_EQ(p.parse(k.body)["data"].at(0)["total_minor"].get_int64().value(), 12750);
  // Unit prices show at least the currency's minor digits, and never lose one.
  EXPECT_EQ(std::string(p.parse(k.body)["data"].at(0)["lines"].at(0)["unit_price"].get_string().value()),
            "12.750");
  EXPECT_EQ(std::string(p.parse(j.body)["data"].at(0)["lines"].at(0)["unit_price"].get_string().value()),
            "12000");
}

TEST_F(ApiTest, GracefulShutdownOnSigterm) {
  int status = server_->Signal(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace accrue::testing
