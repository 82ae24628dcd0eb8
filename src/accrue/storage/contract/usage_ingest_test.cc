// Ingest through the real store: per-event outcomes and reasons, exactly-once, late usage, the
// dedupe horizon, and the order-independence property.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>

#include "accrue/app/subscriptions.h"
#include "accrue/storage/contract/usage_fixture.h"

namespace accrue::testing {
namespace {

class UsageIngestTest : public UsageTestBase {};

std::string Reason(const EventResult& r) {
  return r.outcome == EventOutcome::kRejected ? ErrorReason(r.error)
                                              : std::string(EventOutcomeName(r.outcome));
}

TEST_F(UsageIngestTest, SameIdTwiceInOneBatchIsADuplicate) {
  Meter m = NewMeter("calls", "count");
  IngestBatchResult r =
      Ingest({Ev("a", "calls", "2026-01-02T00:00:00Z"), Ev("a", "calls", "2026-01-03T00:00:00Z"),
              Ev("b", "calls", "2026-01-03T00:00:00Z")});
  EXPECT_EQ(Reason(r.results[0]), "accepted");
  EXPECT_EQ(Reason(r.results[1]), "duplicate");
  EXPECT_EQ(r.accepted, 2);
  EXPECT_EQ(r.duplicates, 1);
  EXPECT_EQ(Quantity(m, 0), "2");
}

TEST_F(UsageIngestTest, DuplicatesAcrossBatchesAndIngestorsChangeNothing) {
  Meter m = NewMeter("bytes", "sum", "n");
  std::vector<UsageEvent> events = {Ev("a", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("1")}}),
                                    Ev("b", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("2")}})};
  EXPECT_EQ(Ingest(events).accepted, 2);
  EXPECT_EQ(Ingest(events).duplicates, 2);
  // A second ingestor (another process, e.g. `accrue import` next to the server) sees them too.
  UsageIngestor other;
  EXPECT_EQ(Ingest(events, &other).duplicates, 2);
  // And the first one sees what the second accepted.
  EXPECT_EQ(Ingest({Ev("c", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("4")}})}, &other).accepted,
            1);
  EXPECT_EQ(Ingest({Ev("c", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("4")}})}).duplicates, 1);
  EXPECT_EQ(Quantity(m, 0), "7");
  EXPECT_EQ(*f_.Read<int64_t>([&](StoreTx& tx) { return tx.usage().CountEvents(actor_.tenant); }),
            3);
}

TEST_F(UsageIngestTest, ADuplicateIsRecognizedEvenWhenItsContentDiffers) {
  Meter m = NewMeter("bytes", "sum", "n");
  Ingest({Ev("a", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("1")}})});
  IngestBatchResult r = Ingest({Ev("a", "bytes", "2026-02-02T00:00:00Z", {{"n", Num("100")}})});
  EXPECT_EQ(Reason(r.results[0]), "duplicate");
  EXPECT_EQ(Quantity(m, 0), "1");
  EXPECT_EQ(Quantity(m, 1), "none");
}

TEST_F(UsageIngestTest, ARejectedEventDoesNotReserveItsId) {
  NewMeter("bytes", "sum", "n");
  IngestBatchResult r = Ingest({Ev("a", "bytes", "2026-01-02T00:00:00Z", {{"n", Str("x")}}),
                                Ev("a", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("3")}})});
  EXPECT_EQ(Reason(r.results[0]), "event.invalid_value");
  EXPECT_EQ(Reason(r.results[1]), "accepted");
}

TEST_F(UsageIngestTest, DuplicatesAreDetectedInAFreshIngestorAfterManyBatches) {
  NewMeter("calls", "count");
  for (int b = 0; b < 5; ++b) {
    std::vector<UsageEvent> events;
    for (int i = 0; i < 100; ++i) {
      events.push_back(Ev(fmt::format("e{}-{}", b, i), "calls", "2026-01-02T00:00:00Z"));
    }
    EXPECT_EQ(Ingest(events).accepted, 100);
  }
  UsageIngestor fresh;
  EXPECT_EQ(Ingest({Ev("e3-77", "calls", "2026-01-02T00:00:00Z")}, &fresh).duplicates, 1);
  EXPECT_EQ(fresh.IndexedEventCount(), 500u);
}

TEST_F(UsageIngestTest, EachBadEventGetsItsReasonAndTheOthersAreAccepted) {
  NewMeter("calls", "count");
  NewMeter("bytes", "sum", "n");
  NewMeter("users", "unique_count", "user");
  Customer lonely = f_.NewCustomer(actor_, "EUR", "UTC");  // no subscription
  std::vector<IngestItem> items;
  auto add = [&](UsageEvent e) { items.push_back(IngestItem{std::move(e), OkStatus()}); };
  add(Ev("ok1", "calls", "2026-01-02T00:00:00Z"));
  add(Ev("", "calls", "2026-01-02T00:00:00Z"));
  add(Ev(std::string(256, 'x'), "calls", "2026-01-02T00:00:00Z"));
  add(Ev("m", "nope", "2026-01-02T00:00:00Z"));
  UsageEvent unknown = Ev("u", "calls", "2026-01-02T00:00:00Z");
  unknown.customer = "01900000-0000-7000-8000-000000000000";
  add(unknown);
  UsageEvent malformed = Ev("v", "calls", "2026-01-02T00:00:00Z");
  malformed.customer = "not-a-uuid";
  add(malformed);
  add(Ev("n", "calls", "2026-01-02T00:00:00Z", {}, &lonely));
  add(Ev("s", "calls", "2025-12-31T23:59:59Z"));
  add(Ev("f", "calls", "2026-03-15T12:05:01Z"));   // clock + 5 min + 1 s
  add(Ev("f2", "calls", "2026-03-15T12:04:59Z"));  // within the skew: fine
  add(Ev("p", "bytes", "2026-01-02T00:00:00Z"));
  add(Ev("q", "bytes", "2026-01-02T00:00:00Z", {{"n", Str("12,5")}}));
  add(Ev("r", "bytes", "2026-01-02T00:00:00Z",
         {{"n", PropertyValue{PropertyKind::kBool, "true"}}}));
  add(Ev("t", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("1e3")}}));
  add(Ev("w", "users", "2026-01-02T00:00:00Z"));
  UsageEvent sub = Ev("x", "calls", "2026-01-02T00:00:00Z");
  sub.subscription = "01900000-0000-7000-8000-000000000000";
  add(sub);
  items.push_back(IngestItem{Ev("y", "calls", "2026-01-02T00:00:00Z"),
                             InvalidArgument("", "event.malformed", "from the parser")});
  add(Ev("ok2", "bytes", "2026-01-02T00:00:00Z", {{"n", Num("2")}}));

  IngestBatchResult r = IngestItems(items);
  std::vector<std::string> reasons;
  for (const EventResult& e : r.results) reasons.push_back(Reason(e));
  EXPECT_EQ(reasons,
            (std::vector<std::string>{
                "accepted", "event.missing_id", "event.id_too_long", "event.unknown_meter",
                "event.unknown_customer", "event.unknown_customer", "event.no_subscription",
                "event.before_subscription_start", "event.timestamp_in_future", "accepted",
                "event.missing_property", "event.invalid_value", "event.invalid_value",
                "event.invalid_value", "event.missing_property", "event.unknown_subscription",
                "event.malformed", "accepted"}));
  EXPECT_EQ(r.accepted, 3);
  EXPECT_EQ(r.rejected, 15);
  EXPECT_EQ(ErrorParam(r.results[3].error), "meter");
  EXPECT_EQ(ErrorParam(r.results[11].error), "properties.n");
}

TEST_F(UsageIngestTest, LateEventsAreKeptFlaggedAndStillCounted) {
  Meter m = NewMeter("calls", "count");
  Ingest({Ev("a", "calls", "2026-01-10T00:00:00Z")});
  // Periods 0 and 1 invoiced: usage of period 0 went onto the invoice of period 1.
  ASSERT_TRUE(f_.store()
                  .Write([&](StoreTx& tx) -> Status {
                    return tx.subscriptions()
                        .AdvanceBilling(actor_.tenant, sub_.id, 0, 2,
                                        *ParseInstant("2026-03-01T00:00:00Z"))
                        .status();
                  })
                  .ok());
  IngestBatchResult r = Ingest(
      {Ev("late", "calls", "2026-01-20T00:00:00Z"), Ev("open", "calls", "2026-02-20T00:00:00Z")});
  EXPECT_EQ(r.accepted, 2);
  EXPECT_EQ(Quantity(m, 0), "2");
  Result<std::vector<LateUsageEvent>> late = f_.Read<std::vector<LateUsageEvent>>(
      [&](StoreTx& tx) { return ListLateUsage(tx, actor_.tenant, sub_.id, 0, 100); });
  ASSERT_TRUE(late.ok());
  ASSERT_EQ(late->size(), 1u);
  EXPECT_EQ((*late)[0].event_id, "late");
  EXPECT_EQ((*late)[0].period_index, 0);
  EXPECT_EQ((*late)[0].meter, m.id);
  // The cursor skips what was seen.
  late = f_.Read<std::vector<LateUsageEvent>>([&](StoreTx& tx) {
    return ListLateUsage(tx, actor_.tenant, sub_.id, (*late)[0].sequence, 100);
  });
  EXPECT_TRUE(late->empty());
}

TEST_F(UsageIngestTest, CanceledSubscriptionsTakeEventsFromBeforeTheCancellation) {
  Meter m = NewMeter("calls", "count");
  f_.clock().Set(*ParseInstant("2026-01-20T00:00:00Z"));
  f_.Write<Subscription>(
      [&](StoreTx& tx) { return CancelSubscription(tx, f_.services(), actor_, sub_.id); });
  IngestBatchResult r = Ingest({Ev("before", "calls", "2026-01-19T00:00:00Z"),
                                Ev("after", "calls", "2026-01-20T00:00:01Z")});
  EXPECT_EQ(Reason(r.results[0]), "accepted");
  EXPECT_EQ(Reason(r.results[1]), "event.no_subscription");
  EXPECT_EQ(Quantity(m, 0), "1");
}

TEST_F(UsageIngestTest, NewCatalogRowsAreSeenByAWarmIngestor) {
  Ingest({Ev("warm", "calls", "2026-01-02T00:00:00Z")});  // caches "no meter calls"
  Meter m = NewMeter("calls", "count");
  Customer later = f_.NewCustomer(actor_, "EUR", "UTC");
  f_.NewSubscription(actor_, later, plan_, absl::CivilDay(2026, 1, 1));
  IngestBatchResult r = Ingest({Ev("a", "calls", "2026-01-02T00:00:00Z"),
                                Ev("b", "calls", "2026-01-02T00:00:00Z", {}, &later)});
  EXPECT_EQ(r.accepted, 2);
  EXPECT_EQ(Quantity(m, 0), "1");
}

TEST_F(UsageIngestTest, DedupeHorizonRefusesOlderEventsAndForgetsTheirKeys) {
  NewMeter("calls", "count");
  Ingest({Ev("old", "calls", "2026-01-02T00:00:00Z"), Ev("new", "calls", "2026-03-10T00:00:00Z")});
  // Nothing billed yet: period 0 (January) is still open, so the horizon stays at Jan 1.
  Result<absl::Time> horizon = f_.TryWrite<absl::Time>(
      [&](StoreTx& tx) { return AdvanceDedupeHorizon(tx, f_.services(), actor_.tenant); });
  ASSERT_TRUE(horizon.ok());
  EXPECT_EQ(FormatInstant(*horizon), "2026-01-01T00:00:00Z");
  // Periods 0..2 invoiced (next = 3): the usage of periods 0 and 1 is billed, period 2 (March)
  // is open, so the horizon is min(now − 35 days, Mar 1) = Feb 8 12:00.
  ASSERT_TRUE(f_.store()
                  .Write([&](StoreTx& tx) -> Status {
                    return tx.subscriptions()
                        .AdvanceBilling(actor_.tenant, sub_.id, 0, 3,
                                        *ParseInstant("2026-04-01T00:00:00Z"))
                        .status();
                  })
                  .ok());
  horizon = f_.TryWrite<absl::Time>(
      [&](StoreTx& tx) { return AdvanceDedupeHorizon(tx, f_.services(), actor_.tenant); });
  EXPECT_EQ(FormatInstant(*horizon), "2026-02-08T12:00:00Z");
  // The warm ingestor notices the move and drops the keys behind the horizon.
  IngestBatchResult r = Ingest({Ev("old", "calls", "2026-01-02T00:00:00Z"),
                                Ev("new", "calls", "2026-03-10T00:00:00Z"),
                                Ev("feb", "calls", "2026-02-10T00:00:00Z")});
  EXPECT_EQ(Reason(r.results[0]), "event.too_old");
  EXPECT_EQ(Reason(r.results[1]), "duplicate");
  EXPECT_EQ(Reason(r.results[2]), "accepted");
  EXPECT_EQ(ingestor_.IndexedEventCount(), 1u);  // "new"; "feb" is indexed at the next batch
  UsageIngestor fresh;
  r = Ingest(
      {Ev("old", "calls", "2026-01-02T00:00:00Z"), Ev("new", "calls", "2026-03-10T00:00:00Z")},
      &fresh);
  EXPECT_EQ(Reason(r.results[0]), "event.too_old");
  EXPECT_EQ(Reason(r.results[1]), "duplicate");
  EXPECT_EQ(fresh.IndexedEventCount(), 2u);  // "new" and "feb"; "old" is behind the horizon
}

// The property: however events arrive (order, batching, repetition), the aggregates are the same.
struct World {
  Actor actor;
  std::vector<Customer> customers;
  std::vector<Subscription> subs;
  std::vector<Meter> meters;
};

World BuildWorld(StoreFixture& f) {
  World w;
  w.actor = f.NewTenant();
  Plan plan = f.NewPlan(w.actor, "basic");
  for (int i = 0; i < 20; ++i) {
    w.customers.push_back(f.NewCustomer(w.actor, "EUR", i % 2 ? "UTC" : "Europe/Berlin"));
    w.subs.push_back(
        f.NewSubscription(w.actor, w.customers.back(), plan, absl::CivilDay(2025, 12, 1 + i)));
  }
  const std::vector<std::tuple<std::string, std::string, std::string, std::vector<std::string>>>
      specs = {{"calls", "count", "", {"region"}}, {"bytes", "sum", "n", {"region", "tier"}},
               {"peak", "max", "n", {"tier"}},     {"users", "unique_count", "user", {"region"}},
               {"seats", "latest", "n", {}},       {"storage", "weighted_sum", "n", {"tier"}}};
  for (const auto& [code, aggregation, property, group_by] : specs) {
    MeterFields fields;
    fields.code = code;
    fields.name = code;
    fields.aggregation = aggregation;
    if (!property.empty()) fields.property = property;
    fields.group_by = group_by;
    w.meters.push_back(f.Write<Meter>(
        [&](StoreTx& tx) { return CreateMeter(tx, f.services(), w.actor, fields); }));
  }
  f.clock().Set(*ParseInstant("2026-03-15T12:00:00Z"));
  return w;
}

// Every quantity of every subscription, meter, period and group, keyed by positions (not ids).
std::map<std::string, std::string> Snapshot(StoreFixture& f, const World& w) {
  std::map<std::string, std::string> out;
  Status s = f.store().Read([&](StoreTx& tx) -> Status {
    for (size_t i = 0; i < w.subs.size(); ++i) {
      for (const Meter& m : w.meters) {
        for (int64_t p = 0; p < 4; ++p) {
          ASSIGN_OR_RETURN(std::vector<UsageQuantity> q,
                           UsageForPeriod(tx, w.actor.tenant, w.subs[i].id, m.id, p));
          for (const UsageQuantity& u : q) {
            std::string key = fmt::format("{}/{}/{}", i, m.code, p);
            for (const auto& [k, v] : u.group.values) key += "/" + v;
            out[key] = fmt::format("{} ({})", u.quantity.ToString(), u.event_count);
          }
        }
      }
    }
    return OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  return out;
}

struct Spec {
  std::string id;
  size_t customer;
  size_t meter;
  absl::Time timestamp;
  std::vector<std::pair<std::string, PropertyValue>> properties;
};

std::vector<IngestItem> Items(const World& w, const std::vector<Spec>& specs, size_t from,
                              size_t to) {
  std::vector<IngestItem> items;
  for (size_t i = from; i < to; ++i) {
    UsageEvent e;
    e.id = specs[i].id;
    e.customer = w.customers[specs[i].customer].id.ToString();
    e.meter = w.meters[specs[i].meter].code;
    e.timestamp = specs[i].timestamp;
    e.properties = specs[i].properties;
    items.push_back(IngestItem{std::move(e), OkStatus()});
  }
  return items;
}

IngestBatchResult IngestInto(StoreFixture& f, const World& w, UsageIngestor& ingestor,
                             const std::vector<IngestItem>& items) {
  return f.Write<IngestBatchResult>(
      [&](StoreTx& tx) { return ingestor.Ingest(tx, f.services(), w.actor.tenant, items); });
}

// 50,000 events by default (seconds); ACCRUE_USAGE_PROPERTY_EVENTS=1000000 for the big run
// (bench/usage_property.sh).
size_t PropertyEvents() {
  const char* env = std::getenv("ACCRUE_USAGE_PROPERTY_EVENTS");
  return env != nullptr ? static_cast<size_t>(std::strtoull(env, nullptr, 10)) : 50'000;
}

TEST(UsagePropertyTest, OrderBatchingAndRepetitionDoNotChangeAggregates) {
  const size_t kEvents = PropertyEvents();
  StoreFixture in_order_store;
  StoreFixture shuffled_store;
  const World a = BuildWorld(in_order_store);
  const World b = BuildWorld(shuffled_store);
  std::mt19937_64 rng(42);
  const char* regions[] = {"eu", "us", "ap"};
  const char* tiers[] = {"free", "pro"};
  const absl::Time start = *ParseInstant("2026-01-01T00:00:00Z");
  std::vector<Spec> specs;
  specs.reserve(kEvents);
  for (size_t i = 0; i < kEvents; ++i) {
    const uint64_t r = rng();
    Spec s;
    s.id = fmt::format("e{}", i);
    s.customer = (r >> 8) % a.customers.size();
    s.meter = r % a.meters.size();
    // Distinct instants (whole seconds over 70 days plus a per-event microsecond): with ties,
    // "latest" and weighted_sum legitimately depend on arrival order.
    s.timestamp = start + absl::Seconds(static_cast<int64_t>((r >> 16) % (70 * 86400))) +
                  absl::Microseconds(static_cast<int64_t>(i % 1'000'000));
    s.properties = {{"region", Str(regions[(r >> 40) % 3])},
                    {"tier", Str(tiers[(r >> 42) % 2])},
                    {"n", Num(fmt::format("{}.{:02}", static_cast<int>((r >> 44) % 2000) - 1000,
                                          (r >> 56) % 100))},
                    {"user", Str(fmt::format("u{}", (r >> 50) % 300))}};
    specs.push_back(std::move(s));
  }

  // Store A: in order, in batches of 10,000.
  UsageIngestor ingest_a;
  for (size_t i = 0; i < kEvents; i += kIngestBatchEventsMax) {
    const size_t to = std::min(kEvents, i + kIngestBatchEventsMax);
    EXPECT_EQ(IngestInto(in_order_store, a, ingest_a, Items(a, specs, i, to)).accepted,
              static_cast<int64_t>(to - i));
  }

  // Store B: shuffled, a third of the events twice, in batches of random size.
  std::vector<Spec> shuffled = specs;
  for (size_t i = 0; i < kEvents / 3; ++i) shuffled.push_back(specs[rng() % kEvents]);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  UsageIngestor ingest_b;
  int64_t accepted = 0;
  int64_t duplicates = 0;
  for (size_t i = 0; i < shuffled.size();) {
    const size_t n = std::min<size_t>(shuffled.size() - i, 1 + rng() % kIngestBatchEventsMax);
    IngestBatchResult r = IngestInto(shuffled_store, b, ingest_b, Items(b, shuffled, i, i + n));
    accepted += r.accepted;
    duplicates += r.duplicates;
    i += n;
  }
  EXPECT_EQ(accepted, static_cast<int64_t>(kEvents));
  EXPECT_EQ(duplicates, static_cast<int64_t>(kEvents / 3));

  const std::map<std::string, std::string> expected = Snapshot(in_order_store, a);
  EXPECT_GT(expected.size(), 1000u);
  EXPECT_EQ(Snapshot(shuffled_store, b), expected);

  // Re-importing everything into A changes nothing.
  for (size_t i = 0; i < kEvents; i += kIngestBatchEventsMax) {
    const size_t to = std::min(kEvents, i + kIngestBatchEventsMax);
    EXPECT_EQ(IngestInto(in_order_store, a, ingest_a, Items(a, specs, i, to)).duplicates,
              static_cast<int64_t>(to - i));
  }
  EXPECT_EQ(Snapshot(in_order_store, a), expected);
}

}  // namespace
}  // namespace accrue::testing
