#include "accrue/domain/pricing/usage_line.h"

#include <iterator>

namespace accrue {
namespace {

constexpr std::string_view kKindNames[] = {"usage", "minimum_true_up", "maximum_cap"};

}  // namespace

std::string_view UsageLineKindName(UsageLineKind kind) {
  return kKindNames[static_cast<size_t>(kind)];
}

Result<UsageLineKind> ParseUsageLineKind(std::string_view name) {
  for (size_t i = 0; i < std::size(kKindNames); ++i) {
    if (kKindNames[i] == name) return static_cast<UsageLineKind>(i);
  }
  return InvalidArgument("", "usage_line.kind_unknown", "unknown usage line kind");
}

}  // namespace accrue
