// Usage events as ingest sees them, and the pure rules applied to one event: which meter group it
// belongs to, whether a meter's filters keep it, its canonical stored form, and the stable hashes
// used for dedupe keys and distinct values.
//
// A property value is a string, a number or a boolean. Numbers are kept as exact decimal text,
// never as a double: the JSON token as sent, canonicalized through Decimal when it fits ("12.50"
// becomes "12.5", "1e3" stays "1e3" and is then not numeric for sum/max). Filters, group_by and
// unique_count compare values as that text, so true and "true" are the same value.
//
// Thread-safe: value types and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "accrue/base/status.h"
#include "accrue/domain/metering/meter.h"
#include "accrue/money/decimal.h"

namespace accrue {

// Named limits of one event.
inline constexpr size_t kEventIdLengthMax = 255;
inline constexpr size_t kEventPropertiesMax = 100;
// How far ahead of the ingesting clock a timestamp may be (clients' clocks drift).
inline constexpr absl::Duration kEventFutureSkewMax = absl::Minutes(5);

enum class PropertyKind : uint8_t { kString, kNumber, kBool };

struct PropertyValue {
  PropertyKind kind = PropertyKind::kString;
  std::string text;  // the string; the number's decimal text; "true" / "false"

  friend bool operator==(const PropertyValue&, const PropertyValue&) = default;
};

// A number token's text: canonical Decimal text when it parses as one, else the token as is.
std::string CanonicalNumberText(std::string_view token);

// One event as received, before it is checked against meters, customers and subscriptions.
// Customer and subscription are raw text here: a malformed one is reported like an unknown one.
struct UsageEvent {
  std::string id;
  std::string customer;      // customer id; or empty when `subscription` is given
  std::string subscription;  // optional: attribute to this subscription only
  std::string meter;         // meter code
  absl::Time timestamp;
  std::vector<std::pair<std::string, PropertyValue>> properties;

  // The value of property `name`, or nullptr.
  const PropertyValue* Find(std::string_view name) const;
};

// Checks what needs no lookup: id present and at most kEventIdLengthMax bytes, meter and
// customer-or-subscription present, property count and sizes. InvalidArgument with reasons
// "event.missing_id", "event.id_too_long", "event.missing_meter", "event.missing_customer",
// "event.too_many_properties", "event.property_too_long".
Status ValidateEventShape(const UsageEvent& event);

// Whether every filter of `meter` matches `event`.
bool MeterFiltersMatch(const Meter& meter, const UsageEvent& event);

// The event's values of the meter's group_by properties ("" for a missing one), in order.
std::vector<std::string> EventGroupValues(const Meter& meter, const UsageEvent& event);

// Group keys: an unambiguous text encoding of a list of values, "" for the empty list. Each
// value is written as its byte length, ':', the bytes (so "a" and "" give "1:a0:").
std::string EncodeGroupKey(const std::vector<std::string>& values);
Result<std::vector<std::string>> DecodeGroupKey(std::string_view key);

// The canonical stored form of an accepted event: one compact JSON object, e.g.
// {"seq":7,"id":"e1","customer":"0190…","meter":"api_calls","timestamp":"2026-01-05T10:00:00Z",
//  "properties":{"region":"eu","bytes":12.5,"ok":true}}
// `customer_id` is the resolved customer (canonical UUID text). A late event (its period was
// already billed for one of its subscriptions) ends with ,"late":true.
std::string EncodeStoredEvent(int64_t sequence, const UsageEvent& event,
                              std::string_view customer_id, bool late = false);

// A stable 64-bit hash (MurmurHash64A with a fixed seed). Stable across processes, builds and
// versions, because it is persisted: never change it.
uint64_t StableHash64(std::string_view bytes);

}  // namespace accrue
