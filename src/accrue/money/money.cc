#include "accrue/money/money.h"

#include <fmt/format.h>

#include <ostream>

#include "accrue/base/check.h"
#include "accrue/money/internal/quote.h"

namespace accrue {
namespace {

void CheckSameCurrency(Money a, Money b) {
  ACCRUE_CHECK(a.currency() == b.currency(),
               "arithmetic on amounts of different currencies; convert first");
}

Status AmountOverflow(std::string_view what, Currency currency) {
  return InvalidArgument("", "amount.overflow",
                         fmt::format("{} {} is out of range for an amount", what, currency.code()));
}

Status TooManyDecimals(std::string_view quoted, Currency currency) {
  return InvalidArgument("", "amount.too_many_decimals",
                         fmt::format("{} amounts have at most {} decimal places; got {}",
                                     currency.code(), currency.exponent(), quoted));
}

// Restates a Decimal::Parse error in terms of amounts, so callers see one family of reasons.
Status ParseError(const Status& decimal_error, std::string_view quoted, Currency currency) {
  const std::string reason = ErrorReason(decimal_error);
  if (reason == "decimal.overflow") return AmountOverflow(quoted, currency);
  // More than 12 decimals is too precise for every currency.
  if (reason == "decimal.too_many_fraction_digits") return TooManyDecimals(quoted, currency);
  return InvalidArgument("", "amount.malformed",
                         fmt::format("{} is not an amount: expected digits with an optional sign "
                                     "and decimal point, like 12.34",
                                     quoted));
}

}  // namespace

Money Money::FromMinor(int64_t minor_units, Currency currency) {
  ACCRUE_CHECK(minor_units != INT64_MIN, "Money::FromMinor(INT64_MIN): outside ±INT64_MAX");
  return Money(minor_units, currency);
}

Result<Money> Money::FromDecimal(Decimal amount, Currency currency, RoundingMode mode) {
  Result<int64_t> minor_units = amount.ToMinorUnits(currency.exponent(), mode);
  if (!minor_units.ok()) return AmountOverflow(amount.ToString(), currency);
  return Money(*minor_units, currency);
}

Result<Money> Money::ParseExact(std::string_view text, Currency currency) {
  Result<Decimal> amount = Decimal::Parse(text);
  if (!amount.ok()) return ParseError(amount.status(), money_internal::QuoteInput(text), currency);
  if (!amount->HasAtMostFractionDigits(currency.exponent())) {
    return TooManyDecimals(money_internal::QuoteInput(text), currency);
  }
  // Exact by the check above, so the rounding mode never applies.
  return FromDecimal(*amount, currency, RoundingMode::kDown);
}

Decimal Money::ToDecimal() const { return Decimal::FromMinor(minor_units_, currency_.exponent()); }

std::string Money::ToString() const {
  // Exact: a Money has exactly exponent() fractional digits, so nothing is rounded.
  return ToDecimal().ToFixed(currency_.exponent(), RoundingMode::kDown);
}

Result<Money> Money::Add(Money a, Money b) {
  CheckSameCurrency(a, b);
  int64_t sum = 0;
  if (__builtin_add_overflow(a.minor_units_, b.minor_units_, &sum) || sum == INT64_MIN) {
    return AmountOverflow(fmt::format("{} + {}", a.ToString(), b.ToString()), a.currency_);
  }
  return Money(sum, a.currency_);
}

Result<Money> Money::Sub(Money a, Money b) {
  CheckSameCurrency(a, b);
  int64_t difference = 0;
  if (__builtin_sub_overflow(a.minor_units_, b.minor_units_, &difference) ||
      difference == INT64_MIN) {
    return AmountOverflow(fmt::format("{} - {}", a.ToString(), b.ToString()), a.currency_);
  }
  return Money(difference, a.currency_);
}

Money operator+(Money a, Money b) {
  Result<Money> sum = Money::Add(a, b);
  ACCRUE_CHECK(sum.ok(), "Money operator+ overflowed; use Money::Add for unbounded input");
  return *sum;
}

Money operator-(Money a, Money b) {
  Result<Money> difference = Money::Sub(a, b);
  ACCRUE_CHECK(difference.ok(), "Money operator- overflowed; use Money::Sub for unbounded input");
  return *difference;
}

std::ostream& operator<<(std::ostream& os, const Money& money) {
  return os << money.ToString() << ' ' << money.currency().code();
}

}  // namespace accrue
