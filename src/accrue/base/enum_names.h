// Spelling of enums in the API and in storage: one table of (value, name) pairs per enum, and the
// two look-ups every such enum needs. A name that is not in the table is refused with a message
// listing the names that are.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "accrue/base/status.h"
#include "accrue/base/strings.h"

namespace accrue {

template <typename E, size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

// The name of `value`, or "unknown" for a value the table lacks (a bug the tests catch).
template <typename E, size_t N>
std::string_view EnumName(const EnumNames<E, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "unknown";
}

// The value named `text`; otherwise InvalidArgument on `param` with reason "<what>.unknown".
template <typename E, size_t N>
Result<E> ParseEnumName(const EnumNames<E, N>& names, std::string_view text,
                        std::string_view param, std::string_view what) {
  std::string allowed;
  for (const auto& [v, name] : names) {
    if (name == text) return v;
    allowed += allowed.empty() ? "" : ", ";
    allowed += name;
  }
  return InvalidArgument(param, fmt::format("{}.unknown", what),
                         fmt::format("unknown {} '{}' (one of: {})", what, text.substr(0, 64),
                                     allowed));
}

}  // namespace accrue
