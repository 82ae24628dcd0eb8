// Builders for pricing tests (test-only header; not compiled into the library).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accrue/base/check.h"
#include "accrue/domain/pricing/charge.h"
#include "accrue/domain/pricing/pricing.h"

namespace accrue::pricing_test {

inline Decimal D(std::string_view text) {
  Result<Decimal> d = Decimal::Parse(text);
  ACCRUE_CHECK(d.ok(), "bad decimal in a test");
  return *d;
}

// A tier: up_to nullptr means open.
inline PriceTier Tier(const char* up_to, const char* unit_price, const char* flat_fee = "0",
                      const char* package_size = nullptr) {
  PriceTier t;
  if (up_to != nullptr) t.up_to = D(up_to);
  t.unit_price = D(unit_price);
  t.flat_fee = D(flat_fee);
  if (package_size != nullptr) t.package_size = D(package_size);
  return t;
}

inline ChargePricing PerUnit(const char* price, const char* free_units = "0") {
  return ChargePricing{PerUnitPricing{D(price)}, D(free_units), {}, {}};
}
inline ChargePricing Graduated(std::vector<PriceTier> tiers, const char* free_units = "0") {
  return ChargePricing{GraduatedPricing{std::move(tiers)}, D(free_units), {}, {}};
}
inline ChargePricing Volume(std::vector<PriceTier> tiers, const char* free_units = "0") {
  return ChargePricing{VolumePricing{std::move(tiers)}, D(free_units), {}, {}};
}
inline ChargePricing Package(const char* size, const char* price, const char* free_units = "0") {
  return ChargePricing{PackagePricing{D(size), D(price)}, D(free_units), {}, {}};
}
inline ChargePricing Percentage(const char* rate, const char* fixed = "0",
                                const char* free_units = "0", const char* tx_min = nullptr,
                                const char* tx_max = nullptr) {
  PercentagePricing m{D(rate), D(fixed), {}, {}};
  if (tx_min != nullptr) m.transaction_min = D(tx_min);
  if (tx_max != nullptr) m.transaction_max = D(tx_max);
  return ChargePricing{m, D(free_units), {}, {}};
}

// The unrounded amount as exact text, or the error reason prefixed with "error:".
inline std::string Amount(const ChargePricing& pricing, const char* quantity,
                          int64_t event_count = 0) {
  Result<PricedUsage> priced = PriceUsage(pricing, UsageAmount{D(quantity), event_count, {}});
  if (!priced.ok()) return "error:" + ErrorReason(priced.status());
  return priced->amount.ToString();
}

inline std::string AmountOfTransactions(const ChargePricing& pricing,
                                        const std::vector<std::string>& amounts) {
  std::vector<Decimal> tx;
  Decimal sum;
  for (const std::string& a : amounts) {
    tx.push_back(D(a));
    sum = sum + tx.back();
  }
  Result<PricedUsage> priced = PriceUsage(
      pricing, UsageAmount{sum, static_cast<int64_t>(tx.size()), std::span<const Decimal>(tx)});
  if (!priced.ok()) return "error:" + ErrorReason(priced.status());
  return priced->amount.ToString();
}

}  // namespace accrue::pricing_test
