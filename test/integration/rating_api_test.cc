// Usage charges over HTTP against the real binary: a plan with charges, events, a billing run
// whose invoice bills last period's usage with its tier breakdown, the upcoming invoice, and bad
// charge input answered with the exact param path.
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "harness.h"
#include "testing/temp_dir.h"

namespace accrue::testing {
namespace {

// A value of `json` by JSON pointer ("/lines/1/usage/tiers/0/amount"): strings as they are,
// integers and null as text, "<missing>" when absent.
std::string At(const std::string& json, const std::string& pointer) {
  simdjson::dom::parser parser;
  simdjson::dom::element e;
  if (parser.parse(json).at_pointer(pointer).get(e) != simdjson::SUCCESS) return "<missing>";
  if (e.is_null()) return "null";
  std::string_view s;
  if (e.get(s) == simdjson::SUCCESS) return std::string(s);
  int64_t i = 0;
  if (e.get(i) == simdjson::SUCCESS) return std::to_string(i);
  return "<other>";
}

std::string Day(absl::Time t) { return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone()); }
std::string Instant(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

class RatingApiTest : public ServedTenantTest {
 protected:
  void SetUp() override {
    ServedTenantTest::SetUp();
    if (HasFatalFailure()) return;
    auto meter = api_->Post("/v1/meters", R"({"code":"api_calls","name":"API calls"})");
    ASSERT_EQ(meter.status, 200) << meter.body;
  }

  ApiClient::Response PostPlan(const std::string& code, const std::string& charges) {
    return api_->Post("/v1/plans", R"({"code":")" + code +
                                       R"(","name":"Usage","currency":"EUR","amount":"49.00",)"
                                       R"("charges":)" +
                                       charges + "}");
  }
};

constexpr char kGraduated[] =
    R"([{"meter":"api_calls","model":"graduated","description":"API calls","tiers":[)"
    R"({"up_to":"100","unit_price":"0"},)"
    R"({"up_to":"1000","unit_price":"0.015","flat_fee":"2.00"},)"
    R"({"up_to":null,"unit_price":"0.000000000001"}]}])";

TEST_F(RatingApiTest, UsageIsBilledInArrearsWithItsTiers) {
  auto plan = PostPlan("usage", kGraduated);
  ASSERT_EQ(plan.status, 200) << plan.body;
  EXPECT_EQ(At(plan.body, "/charges/0/model"), "graduated");
  EXPECT_EQ(At(plan.body, "/charges/0/meter_code"), "api_calls");
  EXPECT_EQ(At(plan.body, "/charges/0/billing_timing"), "in_arrears");
  EXPECT_EQ(At(plan.body, "/charges/0/tiers/1/flat_fee"), "2.00");
  EXPECT_EQ(At(plan.body, "/charges/0/tiers/2/up_to"), "null");
  const std::string plan_id = JsonString(plan.body, "id");
  EXPECT_EQ(At(api_->Get("/v1/plans/" + plan_id).body, "/charges/0/tiers/1/unit_price"), "0.015");

  // Started 45 days ago (UTC): period 0 has ended and period 1 has started.
  const absl::Time now = absl::Now();
  const absl::Time start = absl::FromCivil(
      absl::CivilDay(absl::ToCivilDay(now, absl::UTCTimeZone()) - 45), absl::UTCTimeZone());
  auto customer =
      api_->Post("/v1/customers", R"({"name":"Acme","currency":"EUR","time_zone":"UTC"})");
  ASSERT_EQ(customer.status, 200) << customer.body;
  const std::string customer_id = JsonString(customer.body, "id");
  auto sub =
      api_->Post("/v1/subscriptions", R"({"customer":")" + customer_id + R"(","plan":")" + plan_id +
                                          R"(","start_date":")" + Day(start) + R"("})");
  ASSERT_EQ(sub.status, 200) << sub.body;
  const std::string sub_id = JsonString(sub.body, "id");

  auto ingest = [&](int first, int count, absl::Time at) {
    std::string events = "[";
    for (int i = first; i < first + count; ++i) {
      if (i > first) events += ',';
      events += R"({"id":"e)";
      events += std::to_string(i);
      events += R"(","customer":")";
      events += customer_id;
      events += R"(","meter":"api_calls","timestamp":")";
      events += Instant(at + absl::Seconds(i - first));
      events += R"("})";
    }
    events += "]";
    auto r = api_->Post("/v1/events", events);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(JsonInt(r.body, "accepted"), count) << r.body;
  };
  ingest(0, 250, start + absl::Hours(24));

  auto run = api_->Post("/v1/billing_runs", "{}");
  ASSERT_EQ(run.status, 200) << run.body;
  EXPECT_EQ(JsonInt(run.body, "invoices_created"), 2) << run.body;
  auto list = api_->Get("/v1/invoices?subscription=" + sub_id);
  ASSERT_EQ(JsonArraySize(list.body, "data"), 2u);
  // Newest first: the invoice of period 1 carries period 0's usage.
  const std::string invoice = api_->Get("/v1/invoices/" + At(list.body, "/data/0/id")).body;
  EXPECT_EQ(At(invoice, "/lines/0/amount"), "49.00");
  EXPECT_EQ(At(invoice, "/lines/0/usage"), "null");
  EXPECT_EQ(At(invoice, "/lines/1/quantity"), "250");
  EXPECT_EQ(At(invoice, "/lines/1/unit_price"), "null");
  // 100 free, 150 × 0.015 + 2.00 = 4.25.
  EXPECT_EQ(At(invoice, "/lines/1/amount"), "4.25");
  EXPECT_EQ(At(invoice, "/lines/1/usage/model"), "graduated");
  EXPECT_EQ(At(invoice, "/lines/1/usage/usage_period_index"), "0");
  EXPECT_EQ(At(invoice, "/lines/1/usage/amount_unrounded"), "4.25");
  EXPECT_EQ(At(invoice, "/lines/1/usage/tiers/1/from"), "100");
  EXPECT_EQ(At(invoice, "/lines/1/usage/tiers/1/to"), "1000");
  EXPECT_EQ(At(invoice, "/lines/1/usage/tiers/1/units"), "150");
  EXPECT_EQ(At(invoice, "/lines/1/usage/tiers/1/flat_fee"), "2");
  EXPECT_EQ(At(invoice, "/lines/1/usage/tiers/1/amount"), "4.25");
  EXPECT_EQ(At(invoice, "/rounding/mode"), "half_up");
  EXPECT_EQ(At(invoice, "/total"), "53.25");

  // Usage of the current period (1): 150 calls, priced so far at 50 × 0.015 + 2.00.
  ingest(1000, 150, now - absl::Hours(3));
  auto usage_now = api_->Get("/v1/customers/" + customer_id + "/usage");
  ASSERT_EQ(usage_now.status, 200) << usage_now.body;
  EXPECT_EQ(At(usage_now.body, "/subscriptions/0/meters/0/groups/0/quantity"), "150");
  EXPECT_EQ(At(usage_now.body, "/subscriptions/0/meters/0/groups/0/amount"), "2.75");
  // The upcoming invoice: period 2's fee and period 1's usage so far.
  auto upcoming = api_->Get("/v1/subscriptions/" + sub_id + "/upcoming_invoice");
  ASSERT_EQ(upcoming.status, 200) << upcoming.body;
  EXPECT_EQ(At(upcoming.body, "/status"), "draft");
  EXPECT_EQ(At(upcoming.body, "/number"), "null");
  EXPECT_EQ(At(upcoming.body, "/lines/1/quantity"), "150");
  EXPECT_EQ(At(upcoming.body, "/lines/1/usage/usage_period_index"), "1");
  EXPECT_EQ(At(upcoming.body, "/total"), "51.75");
  EXPECT_EQ(JsonArraySize(api_->Get("/v1/invoices").body, "data"), 2u);  // nothing written
  EXPECT_EQ(api_->Get("/v1/subscriptions/nope/upcoming_invoice").status, 400);
}

TEST_F(RatingApiTest, BadChargesNameTheField) {
  struct Case {
    std::string charges;
    std::string param;
    std::string code;
  } cases[] = {
      {R"([{"meter":"api_calls","model":"graduated","tiers":[{"up_to":"10","unit_price":"1"},)"
       R"({"up_to":"5","unit_price":"1"},{"unit_price":"1"}]}])",
       "charges[0].tiers[1].up_to", "charge.tiers_not_ascending"},
      {R"([{"meter":"api_calls","model":"per_unit","unit_price":"1"},)"
       R"({"meter":"api_calls","model":"volume","tiers":[{"up_to":"1e3","unit_price":"1"}]}])",
       "charges[1].tiers[0].up_to", "decimal.malformed"},
      {R"([{"meter":"api_calls","model":"per_unit","unit_price":0.001}])", "charges[0].unit_price",
       "parameter.invalid_type"},
      {R"([{"meter":"api_calls","model":"per_unit","unit_price":"1","colour":"red"}])",
       "charges[0].colour", "parameter.unknown"},
      {R"([{"meter":"api_calls","model":"volume","tiers":[{"unit_price":"1","flat_fee":"0.001"}]}])",
       "charges[0].tiers[0].flat_fee", "amount.too_many_decimals"},
      {R"([{"meter":"api_calls","model":"package","package_size":"0","package_price":"1"}])",
       "charges[0].package_size", "parameter.out_of_range"},
      {R"([{"meter":"nope","model":"per_unit","unit_price":"1"}])", "charges[0].meter",
       "meter.not_found"},
      {R"([{"meter":"api_calls","model":"percentage","rate_percent":"2.9"}])", "charges[0].meter",
       "charge.meter_aggregation_mismatch"},
  };
  int n = 0;
  for (const Case& c : cases) {
    auto r = PostPlan("bad" + std::to_string(n++), c.charges);
    EXPECT_GE(r.status, 400) << r.body;
    EXPECT_LT(r.status, 500) << r.body;
    EXPECT_EQ(JsonString(r.body, "error.param"), c.param) << r.body;
    EXPECT_EQ(JsonString(r.body, "error.code"), c.code) << r.body;
  }
  EXPECT_EQ(JsonArraySize(api_->Get("/v1/plans").body, "data"), 0u);
}

}  // namespace
}  // namespace accrue::testing
