#include "accrue/money/rounding.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "testing/status_matchers.h"

namespace accrue {
namespace {

using ::accrue::testing::HasReason;
using ::accrue::testing::StatusIs;

TEST(RoundingModeTest, NamesAreStableAndRoundTrip) {
  EXPECT_EQ(RoundingModeName(RoundingMode::kHalfUp), "half_up");
  EXPECT_EQ(RoundingModeName(RoundingMode::kHalfEven), "half_even");
  EXPECT_EQ(RoundingModeName(RoundingMode::kHalfDown), "half_down");
  EXPECT_EQ(RoundingModeName(RoundingMode::kDown), "down");
  EXPECT_EQ(RoundingModeName(RoundingMode::kUp), "up");
  EXPECT_EQ(RoundingModeName(RoundingMode::kFloor), "floor");
  EXPECT_EQ(RoundingModeName(RoundingMode::kCeiling), "ceiling");
  std::set<std::string> names;
  for (RoundingMode mode : kAllRoundingModes) {
    names.emplace(RoundingModeName(mode));
    ASSERT_OK_AND_ASSIGN(RoundingMode parsed, ParseRoundingMode(RoundingModeName(mode)));
    EXPECT_EQ(parsed, mode);
  }
  EXPECT_EQ(names.size(), kAllRoundingModes.size());
}

TEST(RoundingModeTest, ParseRejectsUnknownNames) {
  for (std::string_view name : {"", "HALF_UP", "half-up", "halfup", " half_up", "banker"}) {
    Result<RoundingMode> mode = ParseRoundingMode(name);
    EXPECT_THAT(mode, StatusIs(absl::StatusCode::kInvalidArgument)) << name;
    EXPECT_THAT(mode, HasReason("rounding_mode.unknown")) << name;
  }
  EXPECT_NE(ParseRoundingMode("HALF_UP").status().message().find("'HALF_UP'"), std::string::npos);
}

}  // namespace
}  // namespace accrue
