// Helpers for the `*Fields` inputs of the use cases (optional values as the caller sent them).
#pragma once

#include <optional>
#include <string_view>

#include "accrue/base/status.h"
#include "accrue/base/strings.h"
#include "accrue/money/currency.h"

namespace accrue {

// The value of a required field, or InvalidArgument "parameter.missing" naming `param`.
template <typename T>
Result<T> Required(const std::optional<T>& value, std::string_view param) {
  if (!value.has_value()) {
    return InvalidArgument(param, "parameter.missing", fmt::format("{} is required", param));
  }
  return *value;
}

// Which amounts a field accepts besides its currency's exact minor units.
enum class AmountSign {
  kPositive,  // > 0 (a payment, a refund, a gross credit)
  kNonZero,   // either sign, not zero (a credit of a discount line is negative)
};

// `text` ("12.50") as exact minor units of `currency`. Errors name `param`: malformed text or too
// many decimals as Money::ParseExact says, and "parameter.out_of_range" for a sign `sign` refuses.
Result<int64_t> ParseMinorUnits(const std::string& text, Currency currency, std::string_view param,
                                AmountSign sign = AmountSign::kPositive);

}  // namespace accrue
