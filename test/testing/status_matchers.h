// GoogleTest helpers for Status and Result<T>.
//   EXPECT_OK(status_or_result);
//   ASSERT_OK_AND_ASSIGN(auto value, MakeValue());
//   EXPECT_THAT(status, accrue::testing::StatusIs(absl::StatusCode::kInvalidArgument));
//   EXPECT_THAT(status, accrue::testing::HasReason("invoice.not_draft"));
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accrue/base/status.h"

namespace accrue::testing {

inline const Status& GetStatus(const Status& s) { return s; }
template <typename T>
Status GetStatus(const Result<T>& r) {
  return r.status();
}

MATCHER_P(StatusIs, code, "") { return GetStatus(arg).code() == code; }
MATCHER_P(HasReason, reason, "") {
  *result_listener << "reason is '" << ErrorReason(GetStatus(arg)) << "' (" << GetStatus(arg)
                   << ")";
  return ErrorReason(GetStatus(arg)) == reason;
}
MATCHER_P(HasParam, param, "") {
  *result_listener << "param is '" << ErrorParam(GetStatus(arg)) << "'";
  return ErrorParam(GetStatus(arg)) == param;
}

}  // namespace accrue::testing

#define EXPECT_OK(expr) EXPECT_TRUE(::accrue::testing::GetStatus(expr).ok()) << ::accrue::testing::GetStatus(expr)
#define ASSERT_OK(expr) ASSERT_TRUE(::accrue::testing::GetStatus(expr).ok()) << ::accrue::testing::GetStatus(expr)
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(ACCRUE_STATUS_CONCAT_(_accrue_test_result_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(result, lhs, expr) \
  auto result = (expr);                               \
  ASSERT_TRUE(result.ok()) << result.status();        \
  lhs = std::move(result).value()
