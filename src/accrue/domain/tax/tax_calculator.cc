#include "accrue/domain/tax/tax_calculator.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>

#include "accrue/base/check.h"
#include "accrue/base/strings.h"

namespace accrue::tax {
namespace {

// A percentage p is p.units() / 10^12, so amount × p / 100 = amount × p.units() / kPercentDen.
constexpr Int128 kPercentDen = static_cast<Int128>(100) * 1'000'000'000'000;

// num / den (den > 0) rounded to an integer in `mode`; exact, no intermediate rounding.
Int128 RoundDiv(Int128 num, Int128 den, RoundingMode mode) {
  Int128 q = num / den;
  Int128 r = num % den;
  if (r == 0) return q;
  const Int128 away = num < 0 ? -1 : 1;
  const Int128 twice = (r < 0 ? -r : r) * 2;
  switch (mode) {
    case RoundingMode::kDown:
      return q;
    case RoundingMode::kUp:
      return q + away;
    case RoundingMode::kFloor:
      return num < 0 ? q - 1 : q;
    case RoundingMode::kCeiling:
      return num > 0 ? q + 1 : q;
    case RoundingMode::kHalfUp:
      return twice >= den ? q + away : q;
    case RoundingMode::kHalfDown:
      return twice > den ? q + away : q;
    case RoundingMode::kHalfEven:
      if (twice != den) return twice > den ? q + away : q;
      return (q % 2 == 0) ? q : q + away;
  }
  return q;
}

int64_t TaxOf(int64_t net_minor, Decimal percent, RoundingMode mode) {
  return static_cast<int64_t>(
      RoundDiv(static_cast<Int128>(net_minor) * percent.units(), kPercentDen, mode));
}

// The exact net of a gross amount is gross × kPercentDen / (kPercentDen + p.units()).
Int128 NetDen(Decimal percent) { return kPercentDen + percent.units(); }

// Splits a gross amount into (net, tax) with tax = gross − net (see the header).
std::pair<int64_t, int64_t> SplitGross(int64_t gross, Decimal percent, RoundingMode mode) {
  const int64_t n0 = static_cast<int64_t>(
      RoundDiv(static_cast<Int128>(gross) * kPercentDen, NetDen(percent), mode));
  for (int64_t n : {n0, n0 - 1, n0 + 1}) {
    if (n + TaxOf(n, percent, mode) == gross) return {n, gross - n};
  }
  return {n0, gross - n0};
}

// Adds or takes away single minor units until Σ rounded == target, choosing the parts whose
// exact values (num[i] / den) were rounded the furthest in the other direction; ties go to the
// earliest part. Used to make line shares add up to a group amount.
void Distribute(std::vector<int64_t>& rounded, const std::vector<Int128>& num, Int128 den,
                int64_t target) {
  int64_t diff = target - std::accumulate(rounded.begin(), rounded.end(), int64_t{0});
  if (diff == 0) return;
  ACCRUE_CHECK(!rounded.empty(), "nothing to distribute a remainder over");
  std::vector<size_t> order(rounded.size());
  std::iota(order.begin(), order.end(), size_t{0});
  auto remainder = [&](size_t i) { return num[i] - static_cast<Int128>(rounded[i]) * den; };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return diff > 0 ? remainder(a) > remainder(b) : remainder(a) < remainder(b);
  });
  const int64_t step = diff > 0 ? 1 : -1;
  for (size_t k = 0; diff != 0; k = (k + 1) % order.size()) {
    rounded[order[k]] += step;
    diff -= step;
  }
}

Status ItemError(size_t i, std::string_view field, std::string_view reason,
                 const std::string& message) {
  return InvalidArgument(fmt::format("items[{}].{}", i, field), reason, message);
}

Status ValidateItem(size_t i, const TaxableItem& item, Currency currency) {
  if (item.amount.currency() != currency) {
    return ItemError(i, "amount", "tax.currency_mismatch",
                     fmt::format("amount is in {}, the document in {}",
                                 item.amount.currency().code(), currency.code()));
  }
  const int64_t minor = item.amount.minor_units();
  if (minor > kTaxItemAmountMinorMax || minor < -kTaxItemAmountMinorMax) {
    return ItemError(i, "amount", "tax.amount_too_large",
                     fmt::format("at most {} minor units per item", kTaxItemAmountMinorMax));
  }
  const Decimal p = item.percent;
  const bool in_range = p.Sign() >= 0 && p < Decimal::FromInt(100) && p.HasAtMostFractionDigits(4);
  const bool fits = ChargesVat(item.category) ? p.Sign() > 0 : p.IsZero();
  if (!in_range || !fits) {
    return ItemError(
        i, "percent", "tax.rate.bad_percent",
        fmt::format("{} % does not fit category {}", p.ToString(), TaxCategoryCode(item.category)));
  }
  if (NeedsExemptionReason(item.category)) {
    if (!item.exemption) {
      return ItemError(
          i, "exemption", "tax.exemption.missing",
          fmt::format("category {} needs an exemption reason", TaxCategoryCode(item.category)));
    }
    Status s = ValidateExemption(*item.exemption);
    if (!s.ok()) return WithParamPrefix(s, fmt::format("items[{}].exemption", i));
  }
  return OkStatus();
}

int64_t Signed(const TaxableItem& item) {
  return item.kind == ItemKind::kAllowance ? -item.amount.minor_units() : item.amount.minor_units();
}

struct Group {
  std::string_view code;  // EN 16931 code: AA and S at the same rate share a group
  Decimal percent;
  bool all_reduced = true;
  std::optional<TaxExemption> exemption;
  std::vector<size_t> members;
};

// Signed net and tax of each member of one group.
void ComputeGroup(const Group& g, std::span<const TaxableItem> items, PriceMode prices,
                  RoundingPolicy rounding, std::vector<int64_t>& net, std::vector<int64_t>& tax,
                  int64_t& group_net, int64_t& group_tax) {
  const size_t n = g.members.size();
  std::vector<int64_t> nets(n), taxes(n);
  std::vector<Int128> exact(n);
  int64_t amount_sum = 0;
  for (size_t k = 0; k < n; ++k) amount_sum += Signed(items[g.members[k]]);
  const RoundingMode mode = rounding.mode;

  if (prices == PriceMode::kExclusive) {
    for (size_t k = 0; k < n; ++k) {
      nets[k] = Signed(items[g.members[k]]);
      taxes[k] = TaxOf(nets[k], g.percent, mode);
      exact[k] = static_cast<Int128>(nets[k]) * g.percent.units();
    }
    group_net = amount_sum;
    if (rounding.level == RoundingLevel::kPerDocument) {
      group_tax = TaxOf(group_net, g.percent, mode);
      Distribute(taxes, exact, kPercentDen, group_tax);
    } else {
      group_tax = std::accumulate(taxes.begin(), taxes.end(), int64_t{0});
    }
  } else {
    const bool per_line = rounding.level == RoundingLevel::kPerLine;
    for (size_t k = 0; k < n; ++k) {
      const int64_t gross = Signed(items[g.members[k]]);
      exact[k] = static_cast<Int128>(gross) * kPercentDen;
      // Per line each line must reproduce its own gross; per document only the group must.
      nets[k] = per_line ? SplitGross(gross, g.percent, mode).first
                         : static_cast<int64_t>(RoundDiv(exact[k], NetDen(g.percent), mode));
    }
    if (!per_line) {
      group_net = SplitGross(amount_sum, g.percent, mode).first;
      Distribute(nets, exact, NetDen(g.percent), group_net);
    } else {
      group_net = std::accumulate(nets.begin(), nets.end(), int64_t{0});
    }
    for (size_t k = 0; k < n; ++k) taxes[k] = Signed(items[g.members[k]]) - nets[k];
    group_tax = amount_sum - group_net;
  }
  for (size_t k = 0; k < n; ++k) {
    net[g.members[k]] = nets[k];
    tax[g.members[k]] = taxes[k];
  }
}

// Validates the items and groups them by (EN 16931 code, rate); group_of[i] is item i's group.
Result<std::vector<Group>> GroupItems(std::span<const TaxableItem> items, Currency currency,
                                      std::vector<size_t>& group_of) {
  std::vector<Group> groups;
  group_of.assign(items.size(), 0);
  for (size_t i = 0; i < items.size(); ++i) {
    const TaxableItem& item = items[i];
    RETURN_IF_ERROR(ValidateItem(i, item, currency));
    const std::string_view code = En16931Code(item.category);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return g.code == code && g.percent == item.percent;
    });
    // S, AA and Z state no reason; one given anyway is ignored rather than printed.
    std::optional<TaxExemption> exemption =
        NeedsExemptionReason(item.category) ? item.exemption : std::nullopt;
    if (it == groups.end()) {
      groups.push_back(Group{code, item.percent, true, std::move(exemption), {}});
      it = groups.end() - 1;
    } else if (it->exemption != exemption) {
      return ItemError(i, "exemption", "tax.exemption.conflict",
                       fmt::format("items of category {} at {} % need one exemption reason", code,
                                   item.percent.ToString()));
    }
    it->all_reduced = it->all_reduced && item.category == TaxCategory::kReduced;
    it->members.push_back(i);
    group_of[i] = static_cast<size_t>(it - groups.begin());
  }
  return groups;
}

}  // namespace

Money GroupTax(Money taxable, Decimal percent, RoundingMode mode) {
  return Money::FromMinor(TaxOf(taxable.minor_units(), percent, mode), taxable.currency());
}

Status CheckBrCo17(Money taxable, Decimal percent, Money tax) {
  // The artefact's XPath, in currency units whatever the currency's exponent:
  // abs(tax) − 1 < round(abs(taxable) × rate / 100, 2) < abs(tax) + 1, round() half up. The
  // products are exact: amounts have at most 4 decimals and rates at most 4.
  const Decimal abs_taxable = taxable.ToDecimal().Abs();
  const Result<Decimal> product = Decimal::Mul(abs_taxable, percent, RoundingMode::kHalfUp);
  ACCRUE_CHECK(product.ok(), "a Money times a percentage fits in a Decimal");
  const Result<Decimal> exact =
      Decimal::Div(*product, Decimal::FromInt(100), RoundingMode::kHalfUp);
  ACCRUE_CHECK(exact.ok(), "division by 100");
  const Decimal expected = exact->Rounded(2, RoundingMode::kHalfUp);
  const Decimal abs_tax = tax.ToDecimal().Abs();
  const Decimal one = Decimal::FromInt(1);
  if (abs_tax - one < expected && expected < abs_tax + one) return OkStatus();
  return InvalidArgument("", "tax.br_co_17",
                         fmt::format("[BR-CO-17] VAT {} is not {} × {} % rounded ({})",
                                     tax.ToString(), taxable.ToString(), percent.ToString(),
                                     expected.ToFixed(2, RoundingMode::kHalfUp)));
}

Result<TaxResult> CalculateTax(Currency currency, PriceMode prices, RoundingPolicy rounding,
                               std::span<const TaxableItem> items) {
  if (items.size() > kTaxItemsMax) {
    return LimitExceeded("tax.too_many_items",
                         fmt::format("at most {} items per document", kTaxItemsMax), "items");
  }
  std::vector<size_t> group_of;
  ASSIGN_OR_RETURN(std::vector<Group> groups, GroupItems(items, currency, group_of));

  std::vector<int64_t> net(items.size()), tax(items.size());
  std::vector<TaxGroup> breakdown;
  breakdown.reserve(groups.size());
  int64_t sum_taxable = 0, sum_tax = 0;
  for (const Group& g : groups) {
    int64_t group_net = 0, group_tax = 0;
    ComputeGroup(g, items, prices, rounding, net, tax, group_net, group_tax);
    // Every member of a non-S group has the same category; an S group is AA only if all are.
    TaxCategory category = items[g.members.front()].category;
    if (g.code == "S") category = g.all_reduced ? TaxCategory::kReduced : TaxCategory::kStandard;
    breakdown.push_back(TaxGroup{category, g.percent, g.exemption,
                                 Money::FromMinor(group_net, currency),
                                 Money::FromMinor(group_tax, currency),
                                 group_tax - TaxOf(group_net, g.percent, rounding.mode)});
    sum_taxable += group_net;
    sum_tax += group_tax;
  }

  int64_t line_net = 0, allowances = 0, charges = 0;
  std::vector<TaxedItem> taxed;
  taxed.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    // Back to the input's sign convention: allowances are positive amounts that reduce.
    const int64_t sign = items[i].kind == ItemKind::kAllowance ? -1 : 1;
    const int64_t item_net = sign * net[i];
    const int64_t item_tax = sign * tax[i];
    taxed.push_back(TaxedItem{Money::FromMinor(item_net, currency),
                              Money::FromMinor(item_tax, currency),
                              Money::FromMinor(item_net + item_tax, currency), group_of[i]});
    switch (items[i].kind) {
      case ItemKind::kLine:
        line_net += item_net;
        break;
      case ItemKind::kAllowance:
        allowances += item_net;
        break;
      case ItemKind::kCharge:
        charges += item_net;
        break;
    }
  }
  const int64_t doc_net = line_net - allowances + charges;
  ACCRUE_CHECK(doc_net == sum_taxable, "VAT breakdown does not add up to the document net");
  TaxTotals totals{
      Money::FromMinor(line_net, currency), Money::FromMinor(allowances, currency),
      Money::FromMinor(charges, currency),  Money::FromMinor(doc_net, currency),
      Money::FromMinor(sum_tax, currency),  Money::FromMinor(doc_net + sum_tax, currency)};
  return TaxResult{std::move(taxed), std::move(breakdown), totals};
}

}  // namespace accrue::tax
