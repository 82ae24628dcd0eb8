// Money: a rounded amount in one currency, counted in integer minor units.
//
// A Money is what appears on an invoice, a payment or a ledger entry: an int64 count of the
// currency's minor units (cents for EUR, yen for JPY, fils for KWD) plus the Currency. It is
// always exactly representable in that currency; unrounded values (unit prices, quantities,
// proportional charges) are Decimals, and Money::FromDecimal is the one place where a Decimal
// becomes an amount, so that is where the rounding mode is named. The range is symmetric,
// ±INT64_MAX minor units (±92 quadrillion EUR), so Negated() never overflows.
//
// Mixing currencies is a bug, not an input error: Add/Sub/operators ACCRUE_CHECK that both
// sides have the same currency. Convert explicitly before combining. Overflow is an input
// error ("amount.overflow"), never a wrap-around.
//
// Lifecycle: a 16-byte value type; copy it freely. Thread-safety: immutable, safe to share.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

#include "accrue/base/status.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"
#include "accrue/money/rounding.h"

namespace accrue {

class Money {
 public:
  // `minor_units` must be within ±INT64_MAX (checked: INT64_MIN is a bug).
  static Money FromMinor(int64_t minor_units, Currency currency);
  // Rounds `amount` to the currency's exponent with `mode`. Error: "amount.overflow" when the
  // result does not fit in int64 minor units.
  static Result<Money> FromDecimal(Decimal amount, Currency currency, RoundingMode mode);
  // Parses decimal text (see Decimal::Parse) that must already be exact in the currency:
  // "12.34" and "12.340" are fine in EUR, "12.345" in EUR or "1.5" in JPY is
  // "amount.too_many_decimals". Other reasons: "amount.malformed", "amount.overflow". Errors are
  // InvalidArgument with an empty param; the caller adds its field name with WithParamPrefix.
  static Result<Money> ParseExact(std::string_view text, Currency currency);

  int64_t minor_units() const { return minor_units_; }
  Currency currency() const { return currency_; }
  Decimal ToDecimal() const;
  // Exactly exponent() fractional digits, no currency code: "12.30" EUR, "1000" JPY, "1.500"
  // KWD, "-0.05" EUR.
  std::string ToString() const;

  bool IsZero() const { return minor_units_ == 0; }
  int Sign() const { return minor_units_ < 0 ? -1 : (minor_units_ > 0 ? 1 : 0); }
  Money Negated() const { return Money(-minor_units_, currency_); }

  // Error: "amount.overflow". Different currencies: ACCRUE_CHECK.
  static Result<Money> Add(Money a, Money b);
  static Result<Money> Sub(Money a, Money b);

  // For amounts already validated against bounds; ACCRUE_CHECK on overflow or currency mismatch.
  friend Money operator+(Money a, Money b);
  friend Money operator-(Money a, Money b);
  friend Money operator-(Money a) { return a.Negated(); }
  // Equal when both currency and amount are equal (EUR 0 != USD 0). There is no ordering:
  // comparing amounts of different currencies is meaningless; compare minor_units() after
  // checking the currency.
  friend bool operator==(const Money&, const Money&) = default;

  template <typename H>
  friend H AbslHashValue(H h, const Money& m) {
    return H::combine(std::move(h), m.minor_units_, m.currency_);
  }

 private:
  Money(int64_t minor_units, Currency currency) : minor_units_(minor_units), currency_(currency) {}

  int64_t minor_units_;
  Currency currency_;
};

// Writes "12.30 EUR"; for logs and test failure messages.
std::ostream& operator<<(std::ostream& os, const Money& money);

}  // namespace accrue
