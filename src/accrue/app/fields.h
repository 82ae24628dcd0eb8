// Helpers for the `*Fields` inputs of the use cases (optional values as the caller sent them).
#pragma once

#include <optional>
#include <string_view>

#include "accrue/base/status.h"
#include "accrue/base/strings.h"

namespace accrue {

// The value of a required field, or InvalidArgument "parameter.missing" naming `param`.
template <typename T>
Result<T> Required(const std::optional<T>& value, std::string_view param) {
  if (!value.has_value()) {
    return InvalidArgument(param, "parameter.missing", fmt::format("{} is required", param));
  }
  return *value;
}

}  // namespace accrue
