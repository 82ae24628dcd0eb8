#include "accrue/money/currency.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <ostream>

#include "accrue/base/check.h"
#include "accrue/money/internal/quote.h"

namespace accrue {
namespace {

// Exponent of the codes ISO lists with minor unit "N.A."; matches the generator.
constexpr int kNotBillable = -1;

struct CurrencyRow {
  std::string_view code;
  int numeric_code;
  int exponent;
};

constexpr CurrencyRow kTable[] = {
#include "accrue/money/iso4217_table.inc"
};
constexpr std::size_t kTableSize = std::size(kTable);
static_assert(kTableSize > 0 && kTableSize <= UINT16_MAX, "Currency stores a 16-bit index");

// Binary search relies on the generator's ordering; verified once at compile time.
constexpr bool IsSortedByCode() {
  for (std::size_t i = 1; i < kTableSize; ++i) {
    if (!(kTable[i - 1].code < kTable[i].code)) return false;
  }
  return true;
}
static_assert(IsSortedByCode(), "iso4217_table.inc must be sorted by code; regenerate it");

const CurrencyRow* FindRow(std::string_view code) {
  const auto* it = std::lower_bound(
      std::begin(kTable), std::end(kTable), code,
      [](const CurrencyRow& row, std::string_view wanted) { return row.code < wanted; });
  return (it != std::end(kTable) && it->code == code) ? it : nullptr;
}

}  // namespace

Result<Currency> Currency::Find(std::string_view code) {
  const CurrencyRow* row = FindRow(code);
  if (row == nullptr) {
    return InvalidArgument("", "currency.unknown",
                           fmt::format("unknown currency {}: expected an ISO 4217 code in upper "
                                       "case, like EUR",
                                       money_internal::QuoteInput(code)));
  }
  if (row->exponent == kNotBillable) {
    return InvalidArgument(
        "", "currency.not_billable",
        fmt::format("currency '{}' cannot be billed in: ISO 4217 lists no minor unit for it "
                    "(precious metals, SDR, test and similar codes)",
                    row->code));
  }
  return Currency(static_cast<uint16_t>(row - std::begin(kTable)));
}

Currency Currency::FromCodeOrDie(std::string_view code) {
  Result<Currency> currency = Find(code);
  ACCRUE_CHECK(currency.ok(), "Currency::FromCodeOrDie with a code that is not billable");
  return *currency;
}

const std::vector<Currency>& Currency::All() {
  static const std::vector<Currency>* const all = [] {
    auto* currencies = new std::vector<Currency>();
    for (std::size_t i = 0; i < kTableSize; ++i) {
      if (kTable[i].exponent != kNotBillable) {
        currencies->push_back(Currency(static_cast<uint16_t>(i)));
      }
    }
    return currencies;
  }();
  return *all;
}

std::string_view Currency::code() const { return kTable[index_].code; }
int Currency::exponent() const { return kTable[index_].exponent; }
int Currency::numeric_code() const { return kTable[index_].numeric_code; }

std::ostream& operator<<(std::ostream& os, const Currency& currency) {
  return os << currency.code();
}

}  // namespace accrue
