#include "accrue/base/status.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue {
namespace {

TEST(StatusTest, CarriesReasonAndParam) {
  Status s = InvalidArgument("currency", "currency.unknown", "unknown currency 'ABC'");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(s), "currency.unknown");
  EXPECT_EQ(ErrorParam(s), "currency");
  EXPECT_EQ(s.message(), "unknown currency 'ABC'");
}

TEST(StatusTest, DefaultReasonComesFromCode) {
  EXPECT_EQ(ErrorReason(absl::InternalError("x")), "internal");
  EXPECT_EQ(ErrorReason(OkStatus()), "");
}

TEST(StatusTest, ParamPrefixNestsFieldNames) {
  Status s = WithParamPrefix(InvalidArgument("country", "country.unknown", "bad"), "address");
  EXPECT_EQ(ErrorParam(s), "address.country");
  EXPECT_EQ(ErrorParam(WithParamPrefix(NotFound("x", "y"), "plan")), "plan");
}

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("x", "x.odd", "odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int half, Half(x));
  ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(StatusTest, MacrosPropagate) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_THAT(Quarter(6), testing::HasReason("x.odd"));
}

}  // namespace
}  // namespace accrue
