#include "accrue/formats/einvoice/values.h"

#include <fmt/format.h>

namespace accrue::einvoice::internal {

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

std::string FormatAmount(const Money& amount) {
  if (amount.currency().exponent() <= 2) return amount.ToString();
  Decimal value = amount.ToDecimal();
  if (value.HasAtMostFractionDigits(2)) return value.ToFixed(2, RoundingMode::kHalfUp);
  return value.ToString();
}

std::string FormatDecimal(Decimal value) { return value.ToString(); }

std::string IsoDate(absl::CivilDay day) {
  return fmt::format("{:04}-{:02}-{:02}", day.year(), day.month(), day.day());
}

std::string CompactDate(absl::CivilDay day) {
  return fmt::format("{:04}{:02}{:02}", day.year(), day.month(), day.day());
}

}  // namespace accrue::einvoice::internal
