// String helpers shared by every layer.
//
// Debian's abseil (20220623) is built with its own absl::string_view, distinct from
// std::string_view (ABSL_OPTION_USE_STD_STRING_VIEW is 0). Our interfaces use std::string_view;
// convert at the abseil boundary with AsAbsl(), and format messages with fmt::format rather than
// absl::StrCat (which does not accept std::string_view here).
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace accrue {

inline absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view AsStd(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace accrue
