// Text forms of instants and calendar dates, and the first instant of a local day.
//
// An instant is an absl::Time: a point on the UTC timeline, never a local wall-clock reading.
// On the wire instants are RFC 3339 ("2026-01-31T10:00:00Z", "2026-01-31T10:00:00.123+01:00") and
// dates are ISO 8601 calendar dates ("2026-01-31"). Parsing is strict: out-of-range fields are
// errors, never normalized (abseil's civil types would silently turn Feb 30 into Mar 2, which in
// billing means charging for the wrong month). Formatting always emits UTC with a 'Z'.
//
// Errors are InvalidArgument without a param; callers add the field name with WithParamPrefix.
// Thread-safe: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "accrue/base/status.h"

namespace accrue {

// Parses an RFC 3339 date-time: "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)", fraction 1-9
// digits; 'T' and 'Z' may be lowercase as RFC 3339 allows. Leap seconds (":60") are rejected:
// absl::Time has none, and no billing decision hinges on one. Reason "instant.malformed" for
// anything else, including out-of-range fields (month 13, Feb 30, hour 24, offset +24:00).
Result<absl::Time> ParseInstant(std::string_view text);

// "2026-01-31T10:00:00Z"; fractional seconds only when non-zero, as 3, 6 or 9 digits (the fewest
// that are exact), so output round-trips through ParseInstant. Sub-nanosecond parts are dropped.
// The infinite instants format as "infinite-past" / "infinite-future" (for logs; they do not
// parse).
std::string FormatInstant(absl::Time t);

// Parses "YYYY-MM-DD" exactly. Reason "date.malformed" when the text is not of that shape,
// "date.invalid" when it is but names no day ("2026-02-29", "2026-13-01", "2026-04-31").
Result<absl::CivilDay> ParseDate(std::string_view text);

// "2026-01-31". Years outside 0..9999 are printed with as many digits as they need.
std::string FormatDate(absl::CivilDay day);

// Accepts either an instant or a bare date; a date means the start of that day in `tz` (see
// StartOfLocalDay). Text containing 'T' or 't' is parsed as an instant, anything else as a date,
// so the error reason says which form the caller was attempting.
Result<absl::Time> ParseInstantOrDate(std::string_view text, absl::TimeZone tz);

// The first instant of `day` in `tz`: local midnight, except where the zone skips midnight (a DST
// change at 00:00, as in America/Havana, America/Santiago or Asia/Beirut): then the first instant
// that exists on that day, i.e. the transition (01:00 local). Where midnight occurs twice, the
// earlier instant. Monotonic in `day`; two days may share a start when a zone skips a whole day
// (Pacific/Apia, 2011-12-30).
absl::Time StartOfLocalDay(absl::CivilDay day, absl::TimeZone tz);

}  // namespace accrue
