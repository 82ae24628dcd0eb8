// Each aggregation through the real store: events in, UsageForPeriod out, against hand-computed
// values.
#include <map>

#include "accrue/storage/contract/usage_fixture.h"

namespace accrue::testing {
namespace {

class UsageAggregationTest : public UsageTestBase {};

TEST_F(UsageAggregationTest, ZeroUsageIsAnEmptyList) {
  Meter m = NewMeter("calls", "count");
  EXPECT_TRUE(Usage(m, 0).empty());
  EXPECT_TRUE(Usage(m, 5).empty());
}

TEST_F(UsageAggregationTest, CountPerPeriod) {
  Meter m = NewMeter("calls", "count");
  IngestBatchResult r = Ingest({Ev("a", "calls", "2026-01-01T00:00:00Z"),
                                Ev("b", "calls", "2026-01-31T23:59:59.999999Z"),
                                Ev("c", "calls", "2026-02-01T00:00:00Z")});
  EXPECT_EQ(r.accepted, 3);
  EXPECT_EQ(Quantity(m, 0), "2");
  EXPECT_EQ(Quantity(m, 1), "1");
  EXPECT_EQ(Usage(m, 0)[0].event_count, 2);
}

TEST_F(UsageAggregationTest, SumWithNegativesAndLargeValuesIsExact) {
  Meter m = NewMeter("bytes", "sum", "n");
  Ingest({Ev("a", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("0.1")}}),
          Ev("b", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("0.2")}}),
          Ev("c", "bytes", "2026-01-03T00:00:00Z", {{"n", Num("-0.3")}}),
          Ev("d", "bytes", "2026-01-03T00:00:00Z", {{"n", Num("-7.25")}})});
  EXPECT_EQ(Quantity(m, 0), "-7.25");
  // Large: 10^20 + 10^20 + 0.000000000001 across two batches (merge with the stored aggregate).
  Ingest({Ev("e", "bytes", "2026-02-02T00:00:00Z", {{"n", Num("100000000000000000000")}})});
  Ingest({Ev("f", "bytes", "2026-02-02T00:00:00Z", {{"n", Num("100000000000000000000")}}),
          Ev("g", "bytes", "2026-02-02T00:00:00Z", {{"n", Num("0.000000000001")}})});
  EXPECT_EQ(Quantity(m, 1), "200000000000000000000.000000000001");
}

TEST_F(UsageAggregationTest, SumAcceptsNumericStrings) {
  Meter m = NewMeter("bytes", "sum", "n");
  IngestBatchResult r = Ingest({Ev("a", "bytes", "2026-01-02T00:00:00Z", {{"n", Str("2.5")}})});
  EXPECT_EQ(r.accepted, 1);
  EXPECT_EQ(Quantity(m, 0), "2.5");
}

TEST_F(UsageAggregationTest, MaxAcrossBatches) {
  Meter m = NewMeter("peak", "max", "n");
  Ingest({Ev("a", "peak", "2026-01-02T00:00:00Z", {{"n", Num("-5")}}),
          Ev("b", "peak", "2026-01-02T00:00:00Z", {{"n", Num("-9")}})});
  EXPECT_EQ(Quantity(m, 0), "-5");
  Ingest({Ev("c", "peak", "2026-01-09T00:00:00Z", {{"n", Num("17.5")}})});
  Ingest({Ev("d", "peak", "2026-01-10T00:00:00Z", {{"n", Num("3")}})});
  EXPECT_EQ(Quantity(m, 0), "17.5");
}

TEST_F(UsageAggregationTest, UniqueCountIgnoresRepeatedValuesWithinAndAcrossBatches) {
  Meter m = NewMeter("users", "unique_count", "user");
  Ingest({Ev("a", "users", "2026-01-02T00:00:00Z", {{"user", Str("u1")}}),
          Ev("b", "users", "2026-01-02T00:00:00Z", {{"user", Str("u2")}}),
          Ev("c", "users", "2026-01-03T00:00:00Z", {{"user", Str("u1")}})});
  Ingest({Ev("d", "users", "2026-01-04T00:00:00Z", {{"user", Str("u2")}}),
          Ev("e", "users", "2026-01-05T00:00:00Z", {{"user", Str("u3")}}),
          // A number and the same text are the same value.
          Ev("f", "users", "2026-01-05T00:00:00Z", {{"user", Num("7")}}),
          Ev("g", "users", "2026-01-05T00:00:00Z", {{"user", Str("7")}}),
          Ev("h", "users", "2026-02-05T00:00:00Z", {{"user", Str("u1")}})});
  EXPECT_EQ(Quantity(m, 0), "4");  // u1 u2 u3 7
  EXPECT_EQ(Usage(m, 0)[0].event_count, 7);
  EXPECT_EQ(Quantity(m, 1), "1");  // distinct per period
}

TEST_F(UsageAggregationTest, LatestGoesByTimestampNotArrival) {
  Meter m = NewMeter("seats", "latest", "n");
  Ingest({Ev("a", "seats", "2026-01-20T00:00:00Z", {{"n", Num("20")}})});
  Ingest({Ev("b", "seats", "2026-01-05T00:00:00Z", {{"n", Num("5")}}),  // earlier, arrives later
          Ev("c", "seats", "2026-01-10T00:00:00Z", {{"n", Num("10")}})});
  EXPECT_EQ(Quantity(m, 0), "20");
  Ingest({Ev("d", "seats", "2026-01-25T00:00:00Z", {{"n", Num("-1")}})});
  EXPECT_EQ(Quantity(m, 0), "-1");
}

TEST_F(UsageAggregationTest, WeightedSumAcrossAPeriodBoundary) {
  Meter m = NewMeter("storage", "weighted_sum", "gb");
  // January has 31 days. 10 GB from Jan 1, 40 GB from Jan 16 12:00 (15.5 days in):
  //   (10 × 15.5 + 40 × 15.5) / 31 = 25.
  // The 40 carries into February (28 days); 12 GB from Feb 8 (7 days in):
  //   (40 × 7 + 12 × 21) / 28 = 19.
  Ingest({Ev("a", "storage", "2026-01-01T00:00:00Z", {{"gb", Num("10")}}),
          Ev("b", "storage", "2026-01-16T12:00:00Z", {{"gb", Num("40")}})});
  Ingest({Ev("c", "storage", "2026-02-08T00:00:00Z", {{"gb", Num("12")}})});
  EXPECT_EQ(Quantity(m, 0), "25");
  EXPECT_EQ(Quantity(m, 1), "19");
  EXPECT_EQ(Usage(m, 1)[0].event_count, 1);
  // March has no change: the 12 GB hold all month.
  EXPECT_EQ(Quantity(m, 2), "12");
  EXPECT_EQ(Usage(m, 2)[0].event_count, 0);
}

TEST_F(UsageAggregationTest, WeightedSumLateChangeIsCountedWherever) {
  Meter m = NewMeter("storage", "weighted_sum", "gb");
  Ingest({Ev("a", "storage", "2026-01-01T00:00:00Z", {{"gb", Num("10")}})});
  Ingest({Ev("b", "storage", "2026-01-01T00:00:00Z", {{"gb", Num("31")}})});  // same instant: last
  EXPECT_EQ(Quantity(m, 0), "31");
}

TEST_F(UsageAggregationTest, GroupByMakesOneQuantityPerGroup) {
  Meter m = NewMeter("bytes", "sum", "n", {"region", "tier"});
  Ingest({Ev("a", "bytes", "2026-01-02T00:00:00Z",
             {{"n", Num("1")}, {"region", Str("eu")}, {"tier", Str("pro")}}),
          Ev("b", "bytes", "2026-01-02T00:00:00Z",
             {{"n", Num("2")}, {"region", Str("eu")}, {"tier", Str("pro")}}),
          Ev("c", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("4")}, {"region", Str("us")}}),
          Ev("d", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("8")}})});
  std::vector<UsageQuantity> q = Usage(m, 0);
  ASSERT_EQ(q.size(), 3u);
  std::map<std::string, std::string> by_group;
  for (const UsageQuantity& u : q) {
    ASSERT_EQ(u.group.values.size(), 2u);
    EXPECT_EQ(u.group.values[0].first, "region");
    EXPECT_EQ(u.group.values[1].first, "tier");
    by_group[u.group.values[0].second + "/" + u.group.values[1].second] = u.quantity.ToString();
  }
  EXPECT_EQ(by_group["eu/pro"], "3");
  EXPECT_EQ(by_group["us/"], "4");
  EXPECT_EQ(by_group["/"], "8");
}

TEST_F(UsageAggregationTest, FiltersKeepOnlyMatchingEventsButStoreAll) {
  Meter m = NewMeter("bytes", "sum", "n", {}, {MeterFilter{"region", {"eu", "us"}}});
  IngestBatchResult r =
      Ingest({Ev("a", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("1")}, {"region", Str("eu")}}),
              Ev("b", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("2")}, {"region", Str("ap")}}),
              // Filtered out, so its missing value is no error.
              Ev("c", "bytes", "2026-01-02T00:00:00Z", {{"region", Str("ap")}}),
              Ev("d", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("4")}, {"region", Str("us")}})});
  EXPECT_EQ(r.accepted, 4);
  EXPECT_EQ(Quantity(m, 0), "5");
  EXPECT_EQ(*f_.Read<int64_t>([&](StoreTx& tx) { return tx.usage().CountEvents(actor_.tenant); }),
            4);
}

TEST_F(UsageAggregationTest, EventsCountForEverySubscriptionActiveAtTheirTime) {
  Meter m = NewMeter("calls", "count");
  Plan other = f_.NewPlan(actor_, "addon");
  Subscription second = f_.NewSubscription(actor_, customer_, other, absl::CivilDay(2026, 1, 15));
  Ingest({Ev("a", "calls", "2026-01-10T00:00:00Z"), Ev("b", "calls", "2026-01-20T00:00:00Z")});
  EXPECT_EQ(Quantity(m, 0), "2");
  EXPECT_EQ(Quantity(m, 0, &second), "1");  // only b is after its start
  // Naming the subscription restricts attribution to it.
  UsageEvent only = Ev("c", "calls", "2026-01-21T00:00:00Z");
  only.customer = "";
  only.subscription = second.id.ToString();
  EXPECT_EQ(Ingest({only}).accepted, 1);
  EXPECT_EQ(Quantity(m, 0), "2");
  EXPECT_EQ(Quantity(m, 0, &second), "2");
}

TEST_F(UsageAggregationTest, PeriodsFollowTheCustomersTimeZone) {
  Meter m = NewMeter("calls", "count");
  Customer tokyo = f_.NewCustomer(actor_, "JPY", "Asia/Tokyo");
  Plan yen = f_.NewPlan(actor_, "yen", "JPY", "1000");
  Subscription sub = f_.NewSubscription(actor_, tokyo, yen, absl::CivilDay(2026, 1, 1));
  // 2026-01-31T15:30Z is Feb 1 00:30 in Tokyo: period 1 there.
  Ingest({Ev("a", "calls", "2026-01-31T15:30:00Z", {}, &tokyo),
          Ev("b", "calls", "2026-01-31T14:30:00Z", {}, &tokyo)});
  EXPECT_EQ(Quantity(m, 0, &sub), "1");
  EXPECT_EQ(Quantity(m, 1, &sub), "1");
}

TEST_F(UsageAggregationTest, CurrentUsageReportsEveryMeterWithUsage) {
  Meter calls = NewMeter("calls", "count");
  Meter storage = NewMeter("storage", "weighted_sum", "gb");
  NewMeter("idle", "count");
  // Clock: 2026-03-15T12:00Z, period 2 (March, 31 days).
  Ingest({Ev("a", "calls", "2026-03-02T00:00:00Z"), Ev("b", "calls", "2026-02-02T00:00:00Z"),
          Ev("c", "storage", "2026-03-01T00:00:00Z", {{"gb", Num("31")}})});
  Result<std::vector<SubscriptionUsage>> usage = f_.Read<std::vector<SubscriptionUsage>>(
      [&](StoreTx& tx) { return CurrentUsage(tx, actor_, customer_.id, f_.clock().Now()); });
  ASSERT_TRUE(usage.ok()) << usage.status();
  ASSERT_EQ(usage->size(), 1u);
  const SubscriptionUsage& su = (*usage)[0];
  EXPECT_EQ(su.period_index, 2);
  ASSERT_EQ(su.meters.size(), 2u);
  for (const MeterUsage& mu : su.meters) {
    ASSERT_EQ(mu.groups.size(), 1u);
    if (mu.meter.id == calls.id) {
      EXPECT_EQ(mu.groups[0].quantity.ToString(), "1");
    }
    // 31 GB for 14.5 of 31 days so far.
    if (mu.meter.id == storage.id) {
      EXPECT_EQ(mu.groups[0].quantity.ToString(), "14.5");
    }
  }
}

}  // namespace
}  // namespace accrue::testing
