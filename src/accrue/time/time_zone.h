// Loading IANA time zones ("Europe/Berlin") for customers and accounts.
//
// Billing periods are computed in the customer's zone, so a zone name arrives from API input and
// must be validated before it is stored. abseil's loader is too forgiving for that: it accepts
// fixed offsets ("Fixed/UTC+01:00:00"), file paths ("/etc/localtime", "file:...") and "localtime",
// and quietly hands back UTC on failure. LoadTimeZone accepts only names that look like IANA names
// and that the installed tzdata (/usr/share/zoneinfo, or $TZDIR) knows; "UTC" and "Etc/UTC" are
// real IANA names and accepted.
//
// Loaded zones are cached for the life of the process (a zone is a small immutable object; tzdata
// updates need a restart, as they do for abseil itself). Thread-safe: callers may load the same
// or different zones from any number of threads.
#pragma once

#include <cstddef>
#include <string_view>

#include "absl/time/time.h"
#include "accrue/base/status.h"

namespace accrue {

// Longest accepted name. The longest IANA name today is 32 characters
// ("America/Argentina/ComodRivadavia"); the limit keeps junk input out of the loader and the
// error message short.
inline constexpr std::size_t kTimeZoneNameLengthMax = 64;

// Returns the zone named `iana_name`, e.g. "Europe/Berlin", "America/New_York", "UTC".
// Errors: InvalidArgument with reason "time_zone.unknown" and no param (the caller knows which
// field it passed; prefix with WithParamPrefix or re-wrap) for an empty, malformed, non-IANA or
// unknown name. The message names the zone.
Result<absl::TimeZone> LoadTimeZone(std::string_view iana_name);

}  // namespace accrue
