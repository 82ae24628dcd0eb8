// Internal to domain/tax: the enum <-> stable-name tables behind TaxCategoryCode, RateKindName,
// TaxClassName and friends, so each enum states its names once and every lookup and error
// message works the same way. Not for use outside this folder.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

#include "accrue/base/status.h"
#include "accrue/base/strings.h"

namespace accrue::tax::internal {

template <typename E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

// The name of `value`, or "?" for a value missing from the table (a bug caught by the tests).
template <typename E, std::size_t N>
std::string_view NameOf(const NameTable<E, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "?";
}

// The value named `text` (exact match). Error: InvalidArgument with `reason`, empty param, and
// a message that says what `text` is not (`what`, e.g. "rate kind (standard, reduced, ...)").
template <typename E, std::size_t N>
Result<E> ParseName(const NameTable<E, N>& names, std::string_view text, std::string_view reason,
                    std::string_view what) {
  for (const auto& [v, name] : names) {
    if (name == text) return v;
  }
  return InvalidArgument("", reason, fmt::format("'{}' is not a {}", text.substr(0, 32), what));
}

}  // namespace accrue::tax::internal
