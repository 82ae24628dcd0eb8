#include "accrue/time/instant.h"

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <iterator>

namespace accrue {
namespace {

// "2026-01-31T10:00:00.123456789+01:00" is 35 characters; anything longer is not an instant.
constexpr std::size_t kInstantLengthMax = 35;
constexpr std::size_t kDateLength = 10;
constexpr std::size_t kFractionDigitsMax = 9;
// Error messages quote the input; this keeps a hostile megabyte out of logs.
constexpr std::size_t kShownLengthMax = 64;

std::string_view Shown(std::string_view text) { return text.substr(0, kShownLengthMax); }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` ASCII digits starting at `pos`.
bool ReadDigits(std::string_view s, std::size_t pos, std::size_t n, int* out) {
  if (pos > s.size() || n > s.size() - pos) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return false;
    value = value * 10 + (s[i] - '0');
  }
  *out = value;
  return true;
}

// Reads "YYYY-MM-DD" at the start of `s` without judging the ranges.
bool ReadDateFields(std::string_view s, int* year, int* month, int* day) {
  return s.size() >= kDateLength && ReadDigits(s, 0, 4, year) && s[4] == '-' &&
         ReadDigits(s, 5, 2, month) && s[7] == '-' && ReadDigits(s, 8, 2, day);
}

// abseil's civil types normalize (Feb 30 becomes Mar 2); a day is valid when nothing moved.
bool IsCalendarDay(int year, int month, int day) {
  const absl::CivilDay civil(year, month, day);
  return month >= 1 && month <= 12 && civil.year() == year && civil.month() == month &&
         civil.day() == day;
}

Status MalformedInstant(std::string_view text, std::string_view detail) {
  return InvalidArgument({}, "instant.malformed",
                         fmt::format("'{}' is not an RFC 3339 instant such as "
                                     "'2026-01-31T10:00:00Z': {}",
                                     Shown(text), detail));
}

// Parses ".fraction" at `*pos` if present, advancing `*pos` past it.
Result<absl::Duration> ReadFraction(std::string_view text, std::size_t* pos) {
  if (*pos >= text.size() || text[*pos] != '.') return absl::ZeroDuration();
  const std::size_t first = ++*pos;
  int64_t nanos = 0;
  while (*pos < text.size() && IsDigit(text[*pos])) {
    if (*pos - first == kFractionDigitsMax) {
      return MalformedInstant(text, "more than 9 fractional digits");
    }
    nanos = nanos * 10 + (text[*pos] - '0');
    ++*pos;
  }
  const std::size_t digits = *pos - first;
  if (digits == 0) return MalformedInstant(text, "no digits after '.'");
  for (std::size_t i = digits; i < kFractionDigitsMax; ++i) nanos *= 10;
  return absl::Nanoseconds(nanos);
}

// Parses "Z" or "+HH:MM"/"-HH:MM" at `pos`, which must end the text; returns the offset east of
// UTC.
Result<absl::Duration> ReadUtcOffset(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return MalformedInstant(text, "missing 'Z' or UTC offset");
  const char sign = text[pos];
  if (sign == 'Z' || sign == 'z') {
    if (pos + 1 != text.size()) return MalformedInstant(text, "unexpected text after 'Z'");
    return absl::ZeroDuration();
  }
  int hours = 0;
  int minutes = 0;
  if ((sign != '+' && sign != '-') || pos + 6 != text.size() ||
      !ReadDigits(text, pos + 1, 2, &hours) || text[pos + 3] != ':' ||
      !ReadDigits(text, pos + 4, 2, &minutes)) {
    return MalformedInstant(text, "expected 'Z' or a UTC offset such as '+01:00'");
  }
  if (hours > 23 || minutes > 59) return MalformedInstant(text, "UTC offset out of range");
  const absl::Duration offset = absl::Hours(hours) + absl::Minutes(minutes);
  return sign == '-' ? -offset : offset;
}

}  // namespace

Result<absl::Time> ParseInstant(std::string_view text) {
  if (text.size() > kInstantLengthMax) return MalformedInstant(text, "too long");
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadDateFields(text, &year, &month, &day) || text.size() < 19 ||
      (text[10] != 'T' && text[10] != 't') || !ReadDigits(text, 11, 2, &hour) || text[13] != ':' ||
      !ReadDigits(text, 14, 2, &minute) || text[16] != ':' || !ReadDigits(text, 17, 2, &second)) {
    return MalformedInstant(text, "expected YYYY-MM-DDTHH:MM:SS followed by 'Z' or an offset");
  }
  std::size_t pos = 19;
  ASSIGN_OR_RETURN(const absl::Duration fraction, ReadFraction(text, &pos));
  ASSIGN_OR_RETURN(const absl::Duration offset, ReadUtcOffset(text, pos));
  if (!IsCalendarDay(year, month, day)) return MalformedInstant(text, "no such calendar day");
  if (hour > 23 || minute > 59) return MalformedInstant(text, "time of day out of range");
  if (second > 59) return MalformedInstant(text, "seconds out of range (no leap seconds)");
  const absl::CivilSecond local(year, month, day, hour, minute, second);
  return absl::FromCivil(local, absl::UTCTimeZone()) - offset + fraction;
}

std::string FormatInstant(absl::Time t) {
  if (t == absl::InfiniteFuture()) return "infinite-future";
  if (t == absl::InfinitePast()) return "infinite-past";
  // ToUnixSeconds rounds toward negative infinity, so the remainder is in [0, 1s) also before
  // 1970.
  const absl::Time whole = absl::FromUnixSeconds(absl::ToUnixSeconds(t));
  const int64_t nanos = absl::ToInt64Nanoseconds(t - whole);
  const absl::CivilSecond cs = absl::ToCivilSecond(whole, absl::UTCTimeZone());
  std::string out = fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", cs.year(), cs.month(),
                                cs.day(), cs.hour(), cs.minute(), cs.second());
  if (nanos % 1'000'000 == 0) {
    if (nanos != 0) fmt::format_to(std::back_inserter(out), ".{:03d}", nanos / 1'000'000);
  } else if (nanos % 1'000 == 0) {
    fmt::format_to(std::back_inserter(out), ".{:06d}", nanos / 1'000);
  } else {
    fmt::format_to(std::back_inserter(out), ".{:09d}", nanos);
  }
  out += 'Z';
  return out;
}

Result<absl::CivilDay> ParseDate(std::string_view text) {
  int year = 0, month = 0, day = 0;
  if (text.size() != kDateLength || !ReadDateFields(text, &year, &month, &day)) {
    return InvalidArgument({}, "date.malformed",
                           fmt::format("'{}' is not a date of the form YYYY-MM-DD", Shown(text)));
  }
  if (!IsCalendarDay(year, month, day)) {
    return InvalidArgument({}, "date.invalid",
                           fmt::format("'{}' is not a day of the calendar", text));
  }
  return absl::CivilDay(year, month, day);
}

std::string FormatDate(absl::CivilDay day) {
  // Written by hand for the years every document has: dates are bound on every stored row, and
  // this is a tenth of the cost of the general formatter.
  if (day.year() >= 0 && day.year() <= 9999) {
    std::string out = "0000-00-00";
    auto put = [&out](size_t end, int64_t value) {
      for (size_t i = end; value > 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
    };
    put(3, day.year());
    put(6, day.month());
    put(9, day.day());
    return out;
  }
  return fmt::format("{:04d}-{:02d}-{:02d}", day.year(), day.month(), day.day());
}

Result<absl::Time> ParseInstantOrDate(std::string_view text, absl::TimeZone tz) {
  if (text.find_first_of("Tt") != std::string_view::npos) return ParseInstant(text);
  ASSIGN_OR_RETURN(const absl::CivilDay day, ParseDate(text));
  return StartOfLocalDay(day, tz);
}

absl::Time StartOfLocalDay(absl::CivilDay day, absl::TimeZone tz) {
  const absl::TimeZone::TimeInfo info = tz.At(absl::CivilSecond(day));
  // For a skipped midnight `pre` and `post` are both fictitious readings; `trans` is the instant
  // the clocks jumped, which is the first one that shows this day. For a repeated midnight `pre`
  // is the earlier of the two; for a unique one all three are equal.
  return info.kind == absl::TimeZone::TimeInfo::SKIPPED ? info.trans : info.pre;
}

}  // namespace accrue
