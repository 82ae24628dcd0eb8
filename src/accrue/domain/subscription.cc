#include "accrue/domain/subscription.h"

#include "accrue/base/strings.h"
#include "accrue/domain/customer.h"

namespace accrue {

std::string_view SubscriptionStatusName(SubscriptionStatus status) {
  switch (status) {
    case SubscriptionStatus::kActive:
      return "active";
    case SubscriptionStatus::kCanceled:
      return "canceled";
  }
  return "active";
}

Result<SubscriptionStatus> ParseSubscriptionStatus(std::string_view text) {
  if (text == "active") return SubscriptionStatus::kActive;
  if (text == "canceled") return SubscriptionStatus::kCanceled;
  return InvalidArgument("status", "subscription.status_unknown",
                         fmt::format("unknown subscription status '{}'", text));
}

Status ValidateSubscription(const Subscription& s) {
  if (s.start_date.year() < 2000 || s.start_date.year() > 2200) {
    return InvalidArgument("start_date", "parameter.out_of_range",
                           "start_date must be between 2000 and 2200");
  }
  if (s.title.size() > 200) {
    return InvalidArgument("title", "parameter.too_long", "title has at most 200 characters");
  }
  if (s.description.size() > 1000) {
    return InvalidArgument("description", "parameter.too_long",
                           "description has at most 1000 characters");
  }
  if (s.net_terms_days.has_value() &&
      (*s.net_terms_days < 0 || *s.net_terms_days > kNetTermsDaysMax)) {
    return InvalidArgument("net_terms_days", "parameter.out_of_range",
                           fmt::format("net_terms_days is between 0 and {}", kNetTermsDaysMax));
  }
  return ValidateMetadata(s.metadata);
}

}  // namespace accrue
