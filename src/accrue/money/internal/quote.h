// Quoting user input inside error messages. Internal to the money layer: callers must not
// include it.
//
// Error messages echo the offending text so a caller can see what was rejected, but that text
// is untrusted: it may be megabytes long or contain newlines and control bytes that would break
// log lines. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace accrue::money_internal {

// How much of the input an error message repeats; enough to recognise a number.
inline constexpr std::size_t kQuotedInputMax = 40;

// Returns `text` in single quotes, cut to kQuotedInputMax bytes (marked "...") with bytes that
// are not printable ASCII replaced by '?'.
inline std::string QuoteInput(std::string_view text) {
  std::string out = "'";
  for (std::size_t i = 0; i < text.size() && i < kQuotedInputMax; ++i) {
    const char c = text[i];
    out += (c >= ' ' && c <= '~') ? c : '?';
  }
  if (text.size() > kQuotedInputMax) out += "...";
  out += "'";
  return out;
}

}  // namespace accrue::money_internal
