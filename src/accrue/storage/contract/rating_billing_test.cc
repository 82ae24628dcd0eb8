// Rating against a real store: charges on plans (validation, storage round trip), usage billed in
// arrears by the billing run, the final usage invoice of a canceled subscription, and the
// upcoming invoice.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "accrue/app/billing_run.h"
#include "accrue/app/invoices.h"
#include "accrue/app/meters.h"
#include "accrue/app/upcoming_invoice.h"
#include "accrue/app/usage_ingest.h"
#include "accrue/base/strings.h"
#include "accrue/storage/contract/store_fixture.h"
#include "accrue/storage/sqlite/sqlite_db.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

using testing::HasParam;
using testing::HasReason;
using testing::StoreFixture;

const absl::TimeZone kBerlin = *LoadTimeZone("Europe/Berlin");

absl::Time Berlin(int y, int m, int d, int hh = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), kBerlin);
}

class RatingTest : public ::testing::Test {
 protected:
  RatingTest() : a_(f_.NewTenant()) {}

  Meter NewMeter(const std::string& code, const char* aggregation = "count",
                 const char* property = nullptr, std::vector<std::string> group_by = {}) {
    MeterFields m;
    m.code = code;
    m.name = "Meter " + code;
    m.aggregation = aggregation;
    if (property != nullptr) m.property = property;
    if (!group_by.empty()) m.group_by = std::move(group_by);
    return f_.Write<Meter>([&](StoreTx& tx) { return CreateMeter(tx, f_.services(), a_, m); });
  }

  Result<Plan> TryPlan(const std::string& code, std::vector<ChargeFields> charges) {
    PlanFields p;
    p.code = code;
    p.name = "Plan " + code;
    p.currency = "EUR";
    p.amount = "49.00";
    p.charges = std::move(charges);
    return f_.TryWrite<Plan>([&](StoreTx& tx) { return CreatePlan(tx, f_.services(), a_, p); });
  }

  Plan NewPlan(const std::string& code, std::vector<ChargeFields> charges) {
    Result<Plan> p = TryPlan(code, std::move(charges));
    EXPECT_TRUE(p.ok()) << p.status();
    return *p;
  }

  // `count` events of `meter` for `customer`, spread over the hour after `at`.
  void Ingest(const Customer& customer, const std::string& meter, absl::Time at, int count,
              std::vector<std::pair<std::string, std::string>> properties = {}) {
    std::vector<IngestItem> items;
    for (int i = 0; i < count; ++i) {
      IngestItem item;
      item.event.id = fmt::format("ev-{}", next_event_++);
      item.event.customer = customer.id.ToString();
      item.event.meter = meter;
      item.event.timestamp = at + absl::Seconds(i % 3600);
      for (const auto& [k, v] : properties) {
        const bool number =
            !v.empty() && (std::isdigit(static_cast<unsigned char>(v[0])) || v[0] == '-');
        item.event.properties.push_back(
            {k, PropertyValue{number ? PropertyKind::kNumber : PropertyKind::kString, v}});
      }
      items.push_back(std::move(item));
    }
    const absl::Time saved = f_.clock().Now();
    f_.clock().Set(std::max(saved, at + absl::Hours(2)));
    ASSERT_OK(f_.store().Write([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(IngestBatchResult r, ingestor_.Ingest(tx, f_.services(), a_.tenant, items));
      EXPECT_EQ(r.accepted, count) << (r.results.empty() ? Status() : r.results[0].error);
      return OkStatus();
    }));
    f_.clock().Set(saved);
  }

  BillingRun Bill(absl::Time at) {
    f_.clock().Set(std::max(f_.clock().Now(), at));
    BillingRunOptions options;
    options.billing_at = at;
    Result<BillingRun> run = RunBilling(f_.services(), a_, options);
    EXPECT_TRUE(run.ok()) << run.status();
    return *run;
  }

  std::vector<Invoice> Invoices(const Subscription& s) {
    InvoiceFilter filter;
    filter.subscription = s.id;
    Result<Page<Invoice>> page = f_.Read<Page<Invoice>>([&](StoreTx& tx) {
      return ListInvoices(tx, a_, filter, PageRequest{kPageLimitMax, {}});
    });
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<Invoice> out = page->items;
    std::reverse(out.begin(), out.end());  // oldest first
    return out;
  }

  StoreFixture f_;
  Actor a_;
  UsageIngestor ingestor_;
  int next_event_ = 0;
};

ChargeFields PerUnitCharge(const std::string& meter, const char* price) {
  ChargeFields c;
  c.meter = meter;
  c.model = "per_unit";
  c.unit_price = price;
  return c;
}

ChargeFields TieredCharge(const std::string& meter, const char* model) {
  ChargeFields c;
  c.meter = meter;
  c.model = model;
  c.tiers = std::vector<TierFields>{{"1000", "0", std::nullopt, std::nullopt},
                                    {"10000", "0.002", "1.50", std::nullopt},
                                    {std::nullopt, "0.001", std::nullopt, "100"}};
  return c;
}

TEST_F(RatingTest, ChargesAreStoredWithThePlan) {
  Meter calls = NewMeter("api_calls");
  Meter payments = NewMeter("payments", "sum", "amount");
  ChargeFields pkg;
  pkg.meter = calls.id.ToString();  // by id
  pkg.model = "package";
  pkg.package_size = "1000";
  pkg.package_price = "5.00";
  pkg.free_units = "1000";
  pkg.min_amount = "10.00";
  pkg.max_amount = "500";
  pkg.description = "Calls in packs";
  ChargeFields pct;
  pct.meter = "payments";
  pct.model = "percentage";
  pct.rate_percent = "2.9";
  pct.fixed_fee = "0.30";
  Plan plan = NewPlan("usage", {PerUnitCharge("api_calls", "0.000000000001"),
                                TieredCharge("api_calls", "graduated"),
                                TieredCharge("api_calls", "volume"), pkg, pct});
  ASSERT_OK_AND_ASSIGN(Plan stored,
                       f_.Read<Plan>([&](StoreTx& tx) { return GetPlan(tx, a_, plan.id); }));
  ASSERT_EQ(stored.charges.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(stored.charges[i].id, plan.charges[i].id);
    EXPECT_EQ(stored.charges[i].pricing.model(), plan.charges[i].pricing.model());
  }
  EXPECT_EQ(stored.charges[0].meter_code, "api_calls");
  EXPECT_EQ(std::get<PerUnitPricing>(stored.charges[0].pricing.terms).unit_price,
            *Decimal::Parse("0.000000000001"));
  const auto& tiers = std::get<GraduatedPricing>(stored.charges[1].pricing.terms).tiers;
  ASSERT_EQ(tiers.size(), 3u);
  EXPECT_EQ(*tiers[1].up_to, *Decimal::Parse("10000"));
  EXPECT_EQ(tiers[1].flat_fee, *Decimal::Parse("1.5"));
  EXPECT_FALSE(tiers[2].up_to.has_value());
  EXPECT_EQ(*tiers[2].package_size, *Decimal::Parse("100"));
  const Charge& p = stored.charges[3];
  EXPECT_EQ(p.meter_id, calls.id);
  EXPECT_EQ(p.description, "Calls in packs");
  EXPECT_EQ(p.pricing.free_units, *Decimal::Parse("1000"));
  EXPECT_EQ(*p.pricing.min_amount, *Decimal::Parse("10"));
  EXPECT_EQ(*p.pricing.max_amount, *Decimal::Parse("500"));
  EXPECT_EQ(stored.charges[4].meter_id, payments.id);
  EXPECT_EQ(std::get<PercentagePricing>(stored.charges[4].pricing.terms).fixed_fee,
            *Decimal::Parse("0.3"));
  ASSERT_OK_AND_ASSIGN(Page<Plan> listed, f_.Read<Page<Plan>>([&](StoreTx& tx) {
    return ListPlans(tx, a_, PageRequest{});
  }));
  ASSERT_EQ(listed.items.size(), 1u);
  EXPECT_EQ(listed.items[0].charges.size(), 5u);
}

TEST_F(RatingTest, ChargeErrorsNameTheirPath) {
  NewMeter("api_calls");
  NewMeter("payments", "sum", "amount");
  ChargeFields bad_tier = TieredCharge("api_calls", "graduated");
  (*bad_tier.tiers)[1].up_to = "500";
  EXPECT_THAT(TryPlan("p1", {PerUnitCharge("api_calls", "1"), bad_tier}),
              HasParam("charges[1].tiers[1].up_to"));
  ChargeFields malformed = TieredCharge("api_calls", "volume");
  (*malformed.tiers)[0].up_to = "1e3";
  EXPECT_THAT(TryPlan("p2", {malformed}), HasParam("charges[0].tiers[0].up_to"));
  EXPECT_THAT(TryPlan("p2", {malformed}), HasReason("decimal.malformed"));
  ChargeFields flat = TieredCharge("api_calls", "volume");
  (*flat.tiers)[1].flat_fee = "1.505";
  EXPECT_THAT(TryPlan("p3", {flat}), HasParam("charges[0].tiers[1].flat_fee"));
  ChargeFields extra = PerUnitCharge("api_calls", "1");
  extra.tiers = std::vector<TierFields>{};
  EXPECT_THAT(TryPlan("p4", {extra}), HasReason("parameter.not_allowed"));
  EXPECT_THAT(TryPlan("p4", {extra}), HasParam("charges[0].tiers"));
  EXPECT_THAT(TryPlan("p5", {PerUnitCharge("nope", "1")}), HasReason("meter.not_found"));
  EXPECT_THAT(TryPlan("p5", {PerUnitCharge("nope", "1")}), HasParam("charges[0].meter"));
  ChargeFields pct;
  pct.meter = "api_calls";
  pct.model = "percentage";
  pct.rate_percent = "2.9";
  EXPECT_THAT(TryPlan("p6", {pct}), HasReason("charge.meter_aggregation_mismatch"));
  ChargeFields thirteen = PerUnitCharge("api_calls", "0.0000000000001");
  EXPECT_THAT(TryPlan("p7", {thirteen}), HasParam("charges[0].unit_price"));
  ChargeFields no_price = PerUnitCharge("api_calls", "1");
  no_price.unit_price.reset();
  EXPECT_THAT(TryPlan("p8", {no_price}), HasReason("parameter.missing"));
  ChargeFields model = PerUnitCharge("api_calls", "1");
  model.model = "tiered";
  EXPECT_THAT(TryPlan("p9", {model}), HasParam("charges[0].model"));
  // Nothing was written by the failed attempts.
  ASSERT_OK_AND_ASSIGN(Page<Plan> listed, f_.Read<Page<Plan>>([&](StoreTx& tx) {
    return ListPlans(tx, a_, PageRequest{});
  }));
  EXPECT_TRUE(listed.items.empty());
}

TEST_F(RatingTest, BillingRunBillsUsageInArrears) {
  NewMeter("api_calls");
  Plan plan = NewPlan("pro", {TieredCharge("api_calls", "graduated")});
  Customer c = f_.NewCustomer(a_);
  Subscription s = f_.NewSubscription(a_, c, plan, absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(Bill(Berlin(2026, 1, 1, 1)).invoices_created, 1);  // January's fee, no usage yet
  Ingest(c, "api_calls", Berlin(2026, 1, 10), 2500);
  Ingest(c, "api_calls", Berlin(2026, 1, 31, 22), 8000);  // still January in Berlin
  Ingest(c, "api_calls", Berlin(2026, 2, 1, 5), 7);       // February: next invoice
  BillingRun run = Bill(Berlin(2026, 2, 1, 6));
  EXPECT_EQ(run.invoices_created, 1);
  std::vector<Invoice> invoices = Invoices(s);
  ASSERT_EQ(invoices.size(), 2u);
  EXPECT_EQ(invoices[0].lines.size(), 1u);  // period 0: fee only
  const Invoice& feb = invoices[1];
  ASSERT_EQ(feb.lines.size(), 2u);
  EXPECT_EQ(feb.lines[0].amount_minor, 4900);
  // 10500 calls: 1000 free, 9000 × 0.002 + 1.50, 500 in started blocks of 100 × 0.001.
  const InvoiceLine& usage = feb.lines[1];
  EXPECT_EQ(usage.quantity, *Decimal::Parse("10500"));
  EXPECT_EQ(usage.usage->exact_amount.ToString(), "19.505");  // 0 + (18 + 1.50) + 5 × 0.001
  EXPECT_EQ(usage.amount_minor, 1951);                        // rounded once, half-up
  ASSERT_TRUE(usage.usage.has_value());
  EXPECT_EQ(usage.usage->usage_period_index, 0);
  EXPECT_EQ(usage.usage->event_count, 10500);
  ASSERT_EQ(usage.usage->steps.size(), 3u);
  EXPECT_EQ(usage.usage->steps[2].billed_units, *Decimal::Parse("5"));
  EXPECT_EQ(*usage.period_start, Berlin(2026, 1, 1));
  EXPECT_EQ(*usage.period_end, Berlin(2026, 2, 1));
  EXPECT_EQ(feb.status, InvoiceStatus::kOpen);
  EXPECT_EQ(feb.total_minor, 4900 + usage.amount_minor);
  // Read back through the use case: the details survived the store.
  ASSERT_OK_AND_ASSIGN(Invoice again,
                       f_.Read<Invoice>([&](StoreTx& tx) { return GetInvoice(tx, a_, feb.id); }));
  ASSERT_TRUE(again.lines[1].usage.has_value());
  EXPECT_EQ(again.lines[1].usage->exact_amount, usage.usage->exact_amount);
  EXPECT_EQ(again.lines[1].usage->steps.size(), 3u);
}

TEST_F(RatingTest, TamperedLineDetailsAreReportedNotServed) {
  NewMeter("api_calls");
  Plan plan = NewPlan("tamper", {PerUnitCharge("api_calls", "0.01")});
  Customer c = f_.NewCustomer(a_);
  Subscription s = f_.NewSubscription(a_, c, plan, absl::CivilDay(2026, 1, 1));
  Ingest(c, "api_calls", Berlin(2026, 1, 10), 3);
  Bill(Berlin(2026, 2, 1, 1));
  std::vector<Invoice> invoices = Invoices(s);
  ASSERT_EQ(invoices.size(), 2u);
  {
    sqlite::OpenOptions options;
    options.path = f_.dir() + "/accrue.db";
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<sqlite::Connection> db, sqlite::Connection::Open(options));
    ASSERT_OK(
        db->Exec("UPDATE invoice_lines SET details = '[\"usage/1\",\"usage\"]' "
                 "WHERE details IS NOT NULL"));
  }
  EXPECT_THAT(f_.Read<Invoice>([&](StoreTx& tx) { return GetInvoice(tx, a_, invoices[1].id); }),
              HasReason("storage.corrupt"));
}

TEST_F(RatingTest, GroupsAndMinimumTrueUp) {
  NewMeter("calls", "count", nullptr, {"region"});
  ChargeFields charge = PerUnitCharge("calls", "0.01");
  charge.min_amount = "5.00";
  charge.description = "Calls";
  Plan plan = NewPlan("grouped", {charge});
  Customer c = f_.NewCustomer(a_);
  Subscription s = f_.NewSubscription(a_, c, plan, absl::CivilDay(2026, 1, 1));
  Ingest(c, "calls", Berlin(2026, 1, 5), 30, {{"region", "eu"}});
  Ingest(c, "calls", Berlin(2026, 1, 6), 45, {{"region", "us"}});
  Bill(Berlin(2026, 2, 1, 1));
  std::vector<Invoice> invoices = Invoices(s);
  ASSERT_EQ(invoices.size(), 2u);
  const Invoice& feb = invoices[1];
  ASSERT_EQ(feb.lines.size(), 4u);
  EXPECT_EQ(feb.lines[1].description, "Calls · region=eu (2026-01-01 – 2026-01-31)");
  EXPECT_EQ(feb.lines[1].amount_minor, 30);
  EXPECT_EQ(feb.lines[2].amount_minor, 45);
  EXPECT_EQ(feb.lines[3].usage->kind, UsageLineKind::kMinimumTrueUp);
  EXPECT_EQ(feb.lines[3].amount_minor, 500 - 75);
  EXPECT_EQ(feb.total_minor, 4900 + 500);
}

TEST_F(RatingTest, CanceledSubscriptionGetsAFinalUsageInvoice) {
  NewMeter("api_calls");
  Plan plan = NewPlan("final", {PerUnitCharge("api_calls", "0.10")});
  Customer c = f_.NewCustomer(a_);
  Subscription s = f_.NewSubscription(a_, c, plan, absl::CivilDay(2026, 1, 1));
  Bill(Berlin(2026, 1, 1, 1));
  Ingest(c, "api_calls", Berlin(2026, 1, 12), 40);
  f_.clock().Set(Berlin(2026, 1, 20));
  f_.Write<Subscription>(
      [&](StoreTx& tx) { return CancelSubscription(tx, f_.services(), a_, s.id); });
  // Not before the period of cancellation has ended (late events may still arrive).
  EXPECT_EQ(Bill(Berlin(2026, 1, 25)).invoices_created, 0);
  BillingRun run = Bill(Berlin(2026, 2, 1, 1));
  EXPECT_EQ(run.invoices_created, 1);
  std::vector<Invoice> invoices = Invoices(s);
  ASSERT_EQ(invoices.size(), 2u);
  const Invoice& final_invoice = invoices[1];
  EXPECT_EQ(*final_invoice.period_index, 1);
  ASSERT_EQ(final_invoice.lines.size(), 1u);  // no fixed fee
  EXPECT_EQ(final_invoice.lines[0].amount_minor, 400);
  EXPECT_EQ(final_invoice.total_minor, 400);
  EXPECT_EQ(final_invoice.status, InvoiceStatus::kOpen);
  EXPECT_EQ(*final_invoice.period_start, Berlin(2026, 1, 1));
  EXPECT_EQ(*final_invoice.period_end, Berlin(2026, 2, 1));
  EXPECT_EQ(Bill(Berlin(2026, 3, 1, 1)).invoices_created, 0);  // once only
  ASSERT_OK_AND_ASSIGN(Subscription after, f_.Read<Subscription>([&](StoreTx& tx) {
    return GetSubscription(tx, a_, s.id);
  }));
  EXPECT_EQ(after.next_period_index, 2);
  EXPECT_THAT(
      f_.Read<Invoice>([&](StoreTx& tx) { return UpcomingInvoice(tx, f_.services(), a_, s.id); }),
      HasReason("invoice.upcoming_none"));
}

TEST_F(RatingTest, CanceledWithoutUsageGetsNoFinalInvoice) {
  NewMeter("api_calls");
  Plan plan = NewPlan("quiet", {PerUnitCharge("api_calls", "0.10")});
  Subscription s = f_.NewSubscription(a_, f_.NewCustomer(a_), plan, absl::CivilDay(2026, 1, 1));
  Bill(Berlin(2026, 1, 1, 1));
  f_.clock().Set(Berlin(2026, 1, 20));
  f_.Write<Subscription>(
      [&](StoreTx& tx) { return CancelSubscription(tx, f_.services(), a_, s.id); });
  EXPECT_EQ(Bill(Berlin(2026, 2, 2)).invoices_created, 0);
  EXPECT_EQ(Invoices(s).size(), 1u);
}

TEST_F(RatingTest, UpcomingInvoicePricesTheCurrentPeriodAndWritesNothing) {
  NewMeter("api_calls");
  ChargeFields volume = TieredCharge("api_calls", "volume");
  Plan plan = NewPlan("up", {volume});
  Customer c = f_.NewCustomer(a_);
  Subscription s = f_.NewSubscription(a_, c, plan, absl::CivilDay(2026, 1, 1));
  Bill(Berlin(2026, 1, 1, 1));
  Ingest(c, "api_calls", Berlin(2026, 1, 3), 1500);
  f_.clock().Set(Berlin(2026, 1, 15));
  ASSERT_OK_AND_ASSIGN(Invoice upcoming, f_.Read<Invoice>([&](StoreTx& tx) {
    return UpcomingInvoice(tx, f_.services(), a_, s.id);
  }));
  EXPECT_EQ(*upcoming.period_index, 1);
  EXPECT_EQ(*upcoming.period_start, Berlin(2026, 2, 1));
  ASSERT_EQ(upcoming.lines.size(), 2u);
  EXPECT_EQ(upcoming.lines[1].quantity, *Decimal::Parse("1500"));
  EXPECT_EQ(upcoming.lines[1].amount_minor, 450);  // volume: 1500 × 0.002 + 1.50
  EXPECT_EQ(upcoming.total_minor, 4900 + 450);
  EXPECT_FALSE(upcoming.number.has_value());
  EXPECT_EQ(Invoices(s).size(), 1u);
}

}  // namespace
}  // namespace accrue
