// Shared setup of the metering contract tests: a tenant with a UTC customer on a monthly plan
// from 2026-01-01 (period 0 = January, 1 = February, ...), an ingestor and helpers.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accrue/app/meters.h"
#include "accrue/app/usage.h"
#include "accrue/app/usage_ingest.h"
#include "accrue/base/strings.h"
#include "accrue/storage/contract/store_fixture.h"
#include "accrue/time/instant.h"

namespace accrue::testing {

inline PropertyValue Num(std::string_view text) {
  return PropertyValue{PropertyKind::kNumber, CanonicalNumberText(text)};
}
inline PropertyValue Str(std::string_view text) {
  return PropertyValue{PropertyKind::kString, std::string(text)};
}

class UsageTestBase : public ::testing::Test {
 protected:
  UsageTestBase() {
    actor_ = f_.NewTenant();
    customer_ = f_.NewCustomer(actor_, "EUR", "UTC");
    plan_ = f_.NewPlan(actor_, "basic");
    sub_ = f_.NewSubscription(actor_, customer_, plan_, absl::CivilDay(2026, 1, 1));
    f_.clock().Set(*ParseInstant("2026-03-15T12:00:00Z"));
  }

  Meter NewMeter(const std::string& code, const std::string& aggregation,
                 const std::string& property = "", std::vector<std::string> group_by = {},
                 std::vector<MeterFilter> filters = {}) {
    MeterFields fields;
    fields.code = code;
    fields.name = code;
    fields.aggregation = aggregation;
    if (!property.empty()) fields.property = property;
    fields.group_by = std::move(group_by);
    fields.filters = std::move(filters);
    return f_.Write<Meter>(
        [&](StoreTx& tx) { return CreateMeter(tx, f_.services(), actor_, fields); });
  }

  UsageEvent Ev(const std::string& id, const std::string& meter, const std::string& timestamp,
                std::vector<std::pair<std::string, PropertyValue>> properties = {},
                const Customer* customer = nullptr) {
    UsageEvent e;
    e.id = id;
    e.customer = (customer ? *customer : customer_).id.ToString();
    e.meter = meter;
    e.timestamp = *ParseInstant(timestamp);
    e.properties = std::move(properties);
    return e;
  }

  IngestBatchResult Ingest(const std::vector<UsageEvent>& events,
                           UsageIngestor* ingestor = nullptr) {
    std::vector<IngestItem> items;
    for (const UsageEvent& e : events) items.push_back(IngestItem{e, OkStatus()});
    return IngestItems(items, ingestor);
  }

  IngestBatchResult IngestItems(const std::vector<IngestItem>& items,
                                UsageIngestor* ingestor = nullptr) {
    UsageIngestor& ing = ingestor != nullptr ? *ingestor : ingestor_;
    return f_.Write<IngestBatchResult>(
        [&](StoreTx& tx) { return ing.Ingest(tx, f_.services(), actor_.tenant, items); });
  }

  std::vector<UsageQuantity> Usage(const Meter& meter, int64_t period,
                                   const Subscription* sub = nullptr) {
    Result<std::vector<UsageQuantity>> q = f_.Read<std::vector<UsageQuantity>>([&](StoreTx& tx) {
      return UsageForPeriod(tx, actor_.tenant, (sub ? *sub : sub_).id, meter.id, period);
    });
    EXPECT_TRUE(q.ok()) << q.status();
    return q.ok() ? *q : std::vector<UsageQuantity>{};
  }

  // The single ungrouped quantity of a period ("none" when there was no usage).
  std::string Quantity(const Meter& meter, int64_t period, const Subscription* sub = nullptr) {
    std::vector<UsageQuantity> q = Usage(meter, period, sub);
    if (q.empty()) return "none";
    EXPECT_EQ(q.size(), 1u);
    return q[0].quantity.ToString();
  }

  StoreFixture f_;
  Actor actor_;
  Customer customer_;
  Plan plan_;
  Subscription sub_;
  UsageIngestor ingestor_;
};

}  // namespace accrue::testing
