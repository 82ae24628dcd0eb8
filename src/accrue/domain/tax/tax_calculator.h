// The tax calculator: line amounts with their VAT category and rate in, net amounts, VAT per
// line, the VAT breakdown and the document totals out, exact to the minor unit.
//
// Follows EN 16931. Items are invoice lines (BG-25) and document-level allowances (BG-20) and
// charges (BG-21), each already rounded to the currency's minor unit (BT-131, BT-92, BT-99).
// Items are grouped by (EN 16931 category code, rate): one VAT breakdown entry (BG-23) each,
// whose taxable amount (BT-116) is Σ line nets − allowances + charges of the group and whose
// VAT (BT-117) is:
//   per document: round(taxable × rate / 100) once per group — BR-CO-17 exactly;
//   per line:     Σ round(line net × rate / 100) — what some tenants' ERPs expect; may differ
//                 from round(taxable × rate) by up to half a unit per line, which
//                 TaxGroup::rounding_difference reports (BR-CO-17 tolerates less than 1.00).
// Tax-inclusive prices are gross amounts; the net is derived: net = round(gross × 100 / (100 +
// rate)) and VAT = gross − net, so the gross the customer saw never changes. Of the nets within
// one unit of that quotient, the one whose round(net × rate) equals gross − net is preferred,
// which keeps BR-CO-17 exact whenever such a net exists. Per document, the group's gross is
// split once and the nets of its lines are adjusted so they add up to the group's net.
// VAT per line is always returned; per document it is the group's VAT spread over its lines by
// largest remainder, so it sums to the group VAT exactly (EN 16931 has no line VAT; it is for
// display and for crediting single lines).
// Totals: BT-106 Σ line nets, BT-107 allowances, BT-108 charges, BT-109 = 106 − 107 + 108,
// BT-110 = Σ group VAT, BT-112 = 109 + 110; Σ BT-116 = BT-109 is checked.
//
// Every rounding uses the caller's RoundingMode; EN 16931 means kHalfUp (half away from zero:
// its XPath rounds abs(amount)). Amounts are integer minor units of the document currency, so
// JPY (0 decimals) and KWD (3) work the same as EUR.
//
// Pure function; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "accrue/base/status.h"
#include "accrue/domain/tax/tax_category.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"
#include "accrue/money/money.h"
#include "accrue/money/rounding.h"

namespace accrue::tax {

enum class PriceMode { kExclusive, kInclusive };
enum class RoundingLevel { kPerLine, kPerDocument };

struct RoundingPolicy {
  RoundingLevel level = RoundingLevel::kPerDocument;
  RoundingMode mode = RoundingMode::kHalfUp;  // EN 16931
};

enum class ItemKind {
  kLine,       // BG-25
  kAllowance,  // BG-20: amount given as a positive number, reduces the taxable amount
  kCharge,     // BG-21
};

struct TaxableItem {
  ItemKind kind = ItemKind::kLine;
  Money amount;  // net (exclusive prices) or gross (inclusive); lines may be negative
  TaxCategory category = TaxCategory::kStandard;
  Decimal percent;                        // > 0 for S/AA, 0 for every other category
  std::optional<TaxExemption> exemption;  // required where NeedsExemptionReason(category)
};

struct TaxedItem {
  Money net;              // BT-131 / BT-92 / BT-99, same sign convention as the input
  Money tax;              // this item's share of its group's VAT (same sign convention)
  Money gross;            // net + tax
  std::size_t group = 0;  // index into TaxResult::breakdown
};

struct TaxGroup {                                 // BG-23
  TaxCategory category = TaxCategory::kStandard;  // kReduced only if all its items are AA
  Decimal percent;                                // BT-119
  std::optional<TaxExemption> exemption;          // BT-120/121
  Money taxable;                                  // BT-116
  Money tax;                                      // BT-117
  // tax − round(taxable × percent / 100) in minor units: 0 per document (except an
  // inclusive price that no net can reproduce exactly), the accumulated line rounding per line.
  int64_t rounding_difference_minor = 0;
};

struct TaxTotals {
  Money line_net;    // BT-106
  Money allowances;  // BT-107
  Money charges;     // BT-108
  Money net;         // BT-109
  Money tax;         // BT-110
  Money gross;       // BT-112
};

struct TaxResult {
  std::vector<TaxedItem> items;     // parallel to the input
  std::vector<TaxGroup> breakdown;  // in order of first appearance
  TaxTotals totals;
};

// Bounds that keep every sum far from int64 overflow.
inline constexpr std::size_t kTaxItemsMax = 5000;
inline constexpr int64_t kTaxItemAmountMinorMax = 1'000'000'000'000'000;  // 10^15

// Errors (InvalidArgument, param "items[i].<field>"): "tax.currency_mismatch",
// "tax.amount_too_large", "tax.rate.bad_percent" (negative, >= 100, more than 4 decimals, or
// not matching the category), "tax.exemption.*" (missing where required), and
// "tax.exemption.conflict" (two items in one group with different reasons); more than
// kTaxItemsMax items is ResourceExhausted "tax.too_many_items".
Result<TaxResult> CalculateTax(Currency currency, PriceMode prices, RoundingPolicy rounding,
                               std::span<const TaxableItem> items);

// round(taxable × percent / 100) in `mode`: the VAT of a breakdown group (BR-CO-17).
Money GroupTax(Money taxable, Decimal percent, RoundingMode mode);

// EN 16931 BR-CO-17 as the CEN validation artefacts check it: |tax| must be strictly within
// one currency unit (1.00, not one cent; 1 JPY) of round(|taxable| × percent / 100, 2), half
// up. For JPY 999 at 19 % (189.81) both 189 and 190 pass.
// Error: InvalidArgument "tax.br_co_17".
Status CheckBrCo17(Money taxable, Decimal percent, Money tax);

}  // namespace accrue::tax
