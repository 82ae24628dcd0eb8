#include "accrue/formats/bank/bank_parse.h"

namespace accrue::formats::bank {
namespace {

bool ReadDigits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<absl::CivilDay> MakeDay(int64_t year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1 || year > 9999)
    return std::nullopt;
  const absl::CivilDay d(year, month, day);
  // CivilDay normalises (Feb 30 → Mar 2); a day that moved did not exist.
  if (d.year() != year || d.month() != month || d.day() != day) return std::nullopt;
  return d;
}

std::optional<absl::CivilDay> ParseIsoDate(std::string_view text) {
  text = Trim(text);
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !ReadDigits(text, 0, 4, &y) ||
      !ReadDigits(text, 5, 2, &m) || !ReadDigits(text, 8, 2, &d)) {
    return std::nullopt;
  }
  if (text.size() > 10 && text[10] != 'T' && text[10] != '+' && text[10] != '-' &&
      text[10] != 'Z') {
    return std::nullopt;
  }
  return MakeDay(y, m, d);
}

int ExpandTwoDigitYear(int yy) { return yy >= 70 ? 1900 + yy : 2000 + yy; }

std::string_view Trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace accrue::formats::bank
