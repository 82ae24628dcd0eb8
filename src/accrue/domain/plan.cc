#include "accrue/domain/plan.h"

#include "accrue/base/strings.h"

namespace accrue {

Status ValidatePlan(const Plan& p) {
  if (p.code.empty() || p.code.size() > kPlanCodeLengthMax) {
    return InvalidArgument("code", "parameter.invalid",
                           fmt::format("code has 1 to {} characters", kPlanCodeLengthMax));
  }
  for (char c : p.code) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) {
      return InvalidArgument("code", "parameter.invalid",
                             "code may contain letters, digits, '-', '_' and '.' only");
    }
  }
  if (p.name.empty() || p.name.size() > kPlanNameLengthMax) {
    return InvalidArgument("name", "parameter.invalid",
                           fmt::format("name has 1 to {} characters", kPlanNameLengthMax));
  }
  if (p.description.size() > 1000) {
    return InvalidArgument("description", "parameter.too_long",
                           "description has at most 1000 characters");
  }
  if (p.amount.minor_units() < 0) {
    return InvalidArgument("amount", "amount.negative", "a plan's amount may not be negative");
  }
  if (p.interval_count < 1 || p.interval_count > kPlanIntervalCountMax) {
    return InvalidArgument("interval_count", "parameter.out_of_range",
                           fmt::format("interval_count is between 1 and {}", kPlanIntervalCountMax));
  }
  return ValidateMetadata(p.metadata);
}

}  // namespace accrue
