// Use cases for subscriptions: subscribe a customer to a plan from a start date, read, list and
// cancel. The first period starts at the start date's local midnight in the customer's zone;
// billing runs invoice each period when it starts (fixed fees are billed in advance).
#pragma once

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "accrue/app/services.h"

namespace accrue {

struct SubscriptionFields {
  std::optional<CustomerId> customer;
  std::optional<PlanId> plan;
  std::optional<absl::CivilDay> start_date;  // default: today in the customer's zone
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<Tags> tags;
  std::optional<Metadata> metadata;
  std::optional<int> net_terms_days;
};

Result<Subscription> CreateSubscription(StoreTx& tx, const Services& services, const Actor& actor,
                                        const SubscriptionFields& fields);
Result<Subscription> GetSubscription(StoreTx& tx, const Actor& actor, SubscriptionId id,
                                     std::string_view param = "id");
Result<Page<Subscription>> ListSubscriptions(StoreTx& tx, const Actor& actor,
                                             std::optional<CustomerId> customer,
                                             const PageRequest& page);
// Stops billing now: periods already invoiced stay invoiced; no further periods are billed.
Result<Subscription> CancelSubscription(StoreTx& tx, const Services& services, const Actor& actor,
                                        SubscriptionId id);

}  // namespace accrue
