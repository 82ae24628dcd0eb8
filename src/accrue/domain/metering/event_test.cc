#include "accrue/domain/metering/event.h"

#include <gtest/gtest.h>

#include "accrue/domain/metering/meter.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using testing::HasParam;
using testing::HasReason;

UsageEvent Event() {
  UsageEvent e;
  e.id = "e1";
  e.customer = "c";
  e.meter = "calls";
  e.timestamp = absl::FromUnixSeconds(1775001600);
  e.properties = {{"region", {PropertyKind::kString, "eu"}},
                  {"bytes", {PropertyKind::kNumber, "12.5"}},
                  {"ok", {PropertyKind::kBool, "true"}}};
  return e;
}

TEST(EventTest, CanonicalNumbersAreExactDecimalText) {
  EXPECT_EQ(CanonicalNumberText("12.50"), "12.5");
  EXPECT_EQ(CanonicalNumberText("-0.000000000001"), "-0.000000000001");
  EXPECT_EQ(CanonicalNumberText("100000000000000000000.1"), "100000000000000000000.1");
  EXPECT_EQ(CanonicalNumberText("1e3"), "1e3");  // not a Decimal: kept as sent
}

TEST(EventTest, ShapeErrorsNameTheField) {
  UsageEvent e = Event();
  EXPECT_TRUE(ValidateEventShape(e).ok());
  e.id = "";
  EXPECT_THAT(ValidateEventShape(e), HasReason("event.missing_id"));
  e.id = std::string(256, 'x');
  EXPECT_THAT(ValidateEventShape(e), HasReason("event.id_too_long"));
  e.id = std::string(255, 'x');
  EXPECT_TRUE(ValidateEventShape(e).ok());
  e.meter = "";
  EXPECT_THAT(ValidateEventShape(e), HasParam("meter"));
  e = Event();
  e.customer = "";
  EXPECT_THAT(ValidateEventShape(e), HasReason("event.missing_customer"));
  e.subscription = "s";
  EXPECT_TRUE(ValidateEventShape(e).ok());
  e = Event();
  e.properties.resize(kEventPropertiesMax + 1, {"p", {}});
  EXPECT_THAT(ValidateEventShape(e), HasReason("event.too_many_properties"));
}

TEST(EventTest, FiltersNeedEveryPropertyToMatchOneValue) {
  Meter m;
  m.filters = {{"region", {"eu", "us"}}, {"ok", {"true"}}};
  UsageEvent e = Event();
  EXPECT_TRUE(MeterFiltersMatch(m, e));
  e.properties[0].second.text = "ap";
  EXPECT_FALSE(MeterFiltersMatch(m, e));
  e = Event();
  e.properties.pop_back();  // no "ok"
  EXPECT_FALSE(MeterFiltersMatch(m, e));
}

TEST(EventTest, GroupValuesFollowGroupByOrderWithEmptyForMissing) {
  Meter m;
  m.group_by = {"missing", "region"};
  EXPECT_EQ(EventGroupValues(m, Event()), (std::vector<std::string>{"", "eu"}));
}

TEST(EventTest, GroupKeysRoundTripAndAreUnambiguous) {
  const std::vector<std::vector<std::string>> cases = {
      {}, {""}, {"", ""}, {"a"}, {"a:b", "1:2"}, {"12", ""}, {std::string("\0x", 2)}};
  for (const auto& values : cases) {
    Result<std::vector<std::string>> back = DecodeGroupKey(EncodeGroupKey(values));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, values);
  }
  EXPECT_NE(EncodeGroupKey({"a", "b"}), EncodeGroupKey({"ab", ""}));
  EXPECT_EQ(EncodeGroupKey({"a", ""}), "1:a0:");
  EXPECT_THAT(DecodeGroupKey("3:ab").status(), HasReason("usage.bad_group_key"));
  EXPECT_THAT(DecodeGroupKey("x").status(), HasReason("usage.bad_group_key"));
}

TEST(EventTest, StoredFormIsCanonicalJson) {
  UsageEvent e = Event();
  e.id = "a\"b";
  EXPECT_EQ(EncodeStoredEvent(7, e, "cust"),
            "{\"seq\":7,\"id\":\"a\\\"b\",\"customer\":\"cust\",\"meter\":\"calls\","
            "\"timestamp\":\"2026-04-01T00:00:00Z\",\"properties\":{\"region\":\"eu\","
            "\"bytes\":12.5,\"ok\":true}}");
  EXPECT_TRUE(EncodeStoredEvent(7, e, "cust", true).ends_with("true},\"late\":true}"));
  // A number that is not valid JSON (from a CSV cell) is stored as a string.
  e.properties = {{"n", {PropertyKind::kNumber, "1e"}}};
  EXPECT_NE(EncodeStoredEvent(1, e, "c").find("\"n\":\"1e\""), std::string::npos);
}

TEST(EventTest, StableHashNeverChanges) {
  // Persisted (dedupe keys, distinct values): these values are part of the storage format.
  // Values from an independent implementation of MurmurHash64A (seed "accrue64").
  EXPECT_EQ(StableHash64(""), 0x07e6a9bd1fd9dd17ULL);
  EXPECT_EQ(StableHash64("evt-1"), 0x9a56fb4b4ae82c08ULL);
  EXPECT_EQ(StableHash64("0190abcd-event-id-123"), 0xc486534ecf52c029ULL);
  EXPECT_NE(StableHash64("evt-1"), StableHash64("evt-2"));
  EXPECT_NE(StableHash64("12345678"), StableHash64("123456789"));
}

TEST(MeterTest, AggregationNamesRoundTrip) {
  for (Aggregation a :
       {Aggregation::kCount, Aggregation::kSum, Aggregation::kMax, Aggregation::kUniqueCount,
        Aggregation::kLatest, Aggregation::kWeightedSum}) {
    EXPECT_EQ(*ParseAggregation(AggregationName(a)), a);
  }
  EXPECT_THAT(ParseAggregation("avg").status(), HasReason("meter.unknown_aggregation"));
}

TEST(MeterTest, Validation) {
  Meter m;
  m.code = "api_calls";
  m.name = "API calls";
  EXPECT_TRUE(ValidateMeter(m).ok());
  m.property = "n";
  EXPECT_THAT(ValidateMeter(m), HasReason("meter.property_not_allowed"));
  m.aggregation = Aggregation::kSum;
  EXPECT_TRUE(ValidateMeter(m).ok());
  m.property = "";
  EXPECT_THAT(ValidateMeter(m), HasParam("property"));
  m.property = "n";
  m.code = "bad code";
  EXPECT_THAT(ValidateMeter(m), HasReason("meter.invalid_code"));
  m.code = "ok";
  m.group_by = {"a", "b", "c"};
  EXPECT_THAT(ValidateMeter(m), HasReason("parameter.too_many_items"));
  m.group_by = {"a", "a"};
  EXPECT_THAT(ValidateMeter(m), HasReason("parameter.duplicate"));
  m.group_by = {};
  m.filters = {{"region", {}}};
  EXPECT_THAT(ValidateMeter(m), HasParam("filters[0].values"));
}

}  // namespace
}  // namespace accrue
