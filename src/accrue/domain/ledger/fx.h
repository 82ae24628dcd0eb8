// Foreign exchange: ECB euro reference rates and the conversions the ledger makes with them.
//
// The ECB publishes, for each TARGET business day, how many units of ~30 currencies one euro
// buys ("1 EUR = 1.0776 USD"). Accrue stores those rates per tenant as published (EUR-based) and
// derives every other pair through the euro: one USD in JPY is rate(JPY) / rate(USD). A rate
// "as of" a day is the latest published on or before it (weekends and holidays have none).
//
// Parsers accept the two formats the ECB offers for download: the XML "gesmes" envelope
// (eurofxref-daily.xml, eurofxref-hist.xml: any number of <Cube time='...'> days) and the CSV
// (eurofxref.csv, eurofxref-hist.csv: a "Date, USD, JPY, ..." header and one row per day, dates
// "19 February 2024" or "2024-02-19", "N/A" for a missing rate). Currencies that ISO 4217 list
// one no longer has (HRK, the old rates of CYP ...) are skipped and counted, not an error.
//
// Thread-safety: value types and pure functions; RateTable is immutable after construction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"
#include "accrue/money/money.h"

namespace accrue::ledger {

inline constexpr std::string_view kEcbSource = "ECB";
// A rates file larger than this is refused (the whole ECB history since 1999 is about 1.5 MB
// of CSV, 6 MB of XML).
inline constexpr size_t kRatesFileBytesMax = 64 << 20;

struct ReferenceRate {
  Currency currency = Currency::FromCodeOrDie("USD");
  absl::CivilDay date;
  Decimal per_eur;  // units of `currency` one euro buys; > 0
  friend bool operator==(const ReferenceRate&, const ReferenceRate&) = default;
};

struct ParsedRates {
  std::vector<ReferenceRate> rates;
  std::vector<std::string> skipped_currencies;  // distinct codes not billable today
};

// Detects the format (XML if the first non-blank character is '<', else CSV). InvalidArgument
// "rates.malformed" (empty param) for text that is neither, or that holds no rate at all.
Result<ParsedRates> ParseEcbRates(std::string_view text);

// Rates by currency and day; EUR is always 1.
class RateTable {
 public:
  RateTable() = default;
  explicit RateTable(const std::vector<ReferenceRate>& rates);

  // The EUR-based rate of `currency` published on or before `day`, and its date.
  std::optional<std::pair<absl::CivilDay, Decimal>> PerEur(Currency currency,
                                                           absl::CivilDay day) const;
  // Units of `to` for one unit of `from` as of `day` (rate(to) / rate(from), 12 decimals, half
  // even), with the older of the two rate dates. Empty when either rate is missing.
  std::optional<std::pair<absl::CivilDay, Decimal>> Cross(Currency from, Currency to,
                                                          absl::CivilDay day) const;

 private:
  std::map<Currency, std::map<absl::CivilDay, Decimal>> by_currency_;
};

// `amount` × `rate`, rounded half-even to the minor unit of `to` (the one rounding of a
// translation; error "amount.overflow" for absurd amounts).
Result<Money> Convert(Money amount, Decimal rate, Currency to);

}  // namespace accrue::ledger
