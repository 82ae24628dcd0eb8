#include "accrue/domain/ledger/fx.h"

#include <set>

#include "absl/strings/numbers.h"
#include "accrue/base/strings.h"
#include "accrue/time/instant.h"

namespace accrue::ledger {
namespace {

// absl::StrSplit yields absl::string_view on Debian's abseil; this keeps std::string_view.
std::vector<std::string_view> Split(std::string_view text, char sep, bool skip_empty) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(sep, start);
    std::string_view part = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (!skip_empty || !part.empty()) out.push_back(part);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

Status Malformed(std::string_view what) {
  return InvalidArgument("", "rates.malformed", fmt::format("rates file: {}", what));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// The value of attribute `name` ('...' or "...") in `tag`, or empty.
std::optional<std::string_view> Attribute(std::string_view tag, std::string_view name) {
  size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    const size_t eq = pos + name.size();
    const bool boundary = pos == 0 || tag[pos - 1] == ' ' || tag[pos - 1] == '\t' ||
                          tag[pos - 1] == '\n' || tag[pos - 1] == '\r';
    if (boundary && eq + 1 < tag.size() && tag[eq] == '=' &&
        (tag[eq + 1] == '\'' || tag[eq + 1] == '"')) {
      const char quote = tag[eq + 1];
      const size_t end = tag.find(quote, eq + 2);
      if (end == std::string_view::npos) return std::nullopt;
      return tag.substr(eq + 2, end - eq - 2);
    }
    pos = eq;
  }
  return std::nullopt;
}

// Adds one rate, or records the code as skipped; a malformed rate or date is an error.
Status AddRate(ParsedRates& out, std::set<std::string>& skipped, std::string_view code,
               absl::CivilDay day, std::string_view rate_text) {
  Result<Currency> c = Currency::Find(code);
  if (!c.ok()) {
    if (code.size() == 3) {
      skipped.insert(std::string(code));
      return OkStatus();
    }
    return Malformed(fmt::format("'{}' is not a currency code", code.substr(0, 16)));
  }
  Result<Decimal> rate = Decimal::Parse(rate_text);
  if (!rate.ok() || rate->Sign() <= 0) {
    return Malformed(fmt::format("bad rate '{}' for {}", rate_text.substr(0, 32), code));
  }
  out.rates.push_back(ReferenceRate{*c, day, *rate});
  return OkStatus();
}

Result<ParsedRates> ParseXml(std::string_view text) {
  ParsedRates out;
  std::set<std::string> skipped;
  std::optional<absl::CivilDay> day;
  size_t pos = 0;
  while ((pos = text.find("<Cube", pos)) != std::string_view::npos) {
    const size_t end = text.find('>', pos);
    if (end == std::string_view::npos) return Malformed("unterminated <Cube> tag");
    const std::string_view tag = text.substr(pos + 5, end - pos - 5);
    pos = end + 1;
    if (std::optional<std::string_view> time = Attribute(tag, "time")) {
      Result<absl::CivilDay> d = ParseDate(*time);
      if (!d.ok()) return Malformed(fmt::format("bad date '{}'", time->substr(0, 32)));
      day = *d;
      continue;
    }
    std::optional<std::string_view> code = Attribute(tag, "currency");
    std::optional<std::string_view> rate = Attribute(tag, "rate");
    if (!code.has_value() && !rate.has_value()) continue;  // the outer <Cube>
    if (!code.has_value() || !rate.has_value()) return Malformed("<Cube> without currency/rate");
    if (!day.has_value()) return Malformed("a rate before any <Cube time=...>");
    RETURN_IF_ERROR(AddRate(out, skipped, *code, *day, *rate));
  }
  out.skipped_currencies.assign(skipped.begin(), skipped.end());
  return out;
}

// "19 February 2024" (eurofxref.csv) or "2024-02-19" (eurofxref-hist.csv).
Result<absl::CivilDay> ParseCsvDate(std::string_view text) {
  if (Result<absl::CivilDay> iso = ParseDate(text); iso.ok()) return *iso;
  static constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};
  std::vector<std::string_view> parts = Split(text, ' ', true);
  if (parts.size() == 3) {
    int day = 0;
    int year = 0;
    int month = 0;
    for (int i = 0; i < 12; ++i) {
      if (parts[1] == kMonths[i]) month = i + 1;
    }
    if (month > 0 && absl::SimpleAtoi(AsAbsl(parts[0]), &day) &&
        absl::SimpleAtoi(AsAbsl(parts[2]), &year)) {
      Result<absl::CivilDay> d = ParseDate(fmt::format("{:04d}-{:02d}-{:02d}", year, month, day));
      if (d.ok()) return *d;
    }
  }
  return Malformed(fmt::format("bad date '{}'", text.substr(0, 32)));
}

Result<ParsedRates> ParseCsv(std::string_view text) {
  ParsedRates out;
  std::set<std::string> skipped;
  std::vector<std::string_view> lines = Split(text, '\n', false);
  std::vector<std::string_view> header;
  for (std::string_view raw : lines) {
    std::string_view line = Trim(raw);
    if (line.empty()) continue;
    std::vector<std::string_view> cells = Split(line, ',', false);
    for (std::string_view& cell : cells) cell = Trim(cell);
    if (header.empty()) {
      if (cells.empty() || cells[0] != "Date") return Malformed("the header must start with Date");
      header = cells;
      continue;
    }
    ASSIGN_OR_RETURN(absl::CivilDay day, ParseCsvDate(cells[0]));
    for (size_t i = 1; i < cells.size() && i < header.size(); ++i) {
      if (header[i].empty() || cells[i].empty() || cells[i] == "N/A") continue;
      RETURN_IF_ERROR(AddRate(out, skipped, header[i], day, cells[i]));
    }
  }
  out.skipped_currencies.assign(skipped.begin(), skipped.end());
  return out;
}

}  // namespace

Result<ParsedRates> ParseEcbRates(std::string_view text) {
  if (text.size() > kRatesFileBytesMax) return Malformed("file too large");
  std::string_view body = Trim(text);
  while (!body.empty() && (body.front() == '\n')) body.remove_prefix(1);
  // A UTF-8 byte order mark is harmless.
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  ASSIGN_OR_RETURN(ParsedRates parsed,
                   !body.empty() && body.front() == '<' ? ParseXml(body) : ParseCsv(body));
  if (parsed.rates.empty()) return Malformed("no rate found");
  return parsed;
}

RateTable::RateTable(const std::vector<ReferenceRate>& rates) {
  for (const ReferenceRate& r : rates) by_currency_[r.currency][r.date] = r.per_eur;
}

std::optional<std::pair<absl::CivilDay, Decimal>> RateTable::PerEur(Currency currency,
                                                                    absl::CivilDay day) const {
  if (currency.code() == "EUR") return std::make_pair(day, Decimal::FromInt(1));
  auto c = by_currency_.find(currency);
  if (c == by_currency_.end()) return std::nullopt;
  auto it = c->second.upper_bound(day);
  if (it == c->second.begin()) return std::nullopt;
  --it;
  return std::make_pair(it->first, it->second);
}

std::optional<std::pair<absl::CivilDay, Decimal>> RateTable::Cross(Currency from, Currency to,
                                                                   absl::CivilDay day) const {
  auto f = PerEur(from, day);
  auto t = PerEur(to, day);
  if (!f.has_value() || !t.has_value()) return std::nullopt;
  Result<Decimal> rate = Decimal::Div(t->second, f->second, RoundingMode::kHalfEven);
  if (!rate.ok()) return std::nullopt;
  // The EUR side carries the day asked for; the date that matters is the published one.
  absl::CivilDay date = day;
  if (from.code() != "EUR") date = std::min(date, f->first);
  if (to.code() != "EUR") date = std::min(date, t->first);
  return std::make_pair(date, *rate);
}

Result<Money> Convert(Money amount, Decimal rate, Currency to) {
  ASSIGN_OR_RETURN(Decimal value, Decimal::Mul(amount.ToDecimal(), rate, RoundingMode::kHalfEven));
  return Money::FromDecimal(value, to, RoundingMode::kHalfEven);
}

}  // namespace accrue::ledger
