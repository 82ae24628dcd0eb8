#include "accrue/domain/tax/rate_table.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

#include "accrue/base/check.h"
#include "accrue/base/strings.h"
#include "accrue/domain/country.h"
#include "accrue/domain/tax/name_table.h"

namespace accrue::tax {
namespace {

constexpr internal::NameTable<RateKind, 5> kKindNames = {{
    {RateKind::kStandard, "standard"},
    {RateKind::kReduced, "reduced"},
    {RateKind::kReduced2, "reduced2"},
    {RateKind::kSuperReduced, "super_reduced"},
    {RateKind::kParking, "parking"},
}};

struct BuiltInRow {
  const char* country;
  RateKind kind;
  const char* percent;
  int from_year, from_month, from_day;
  int until_year, until_month, until_day;  // 0, 0, 0: open-ended
};

constexpr BuiltInRow kBuiltIn[] = {
#include "accrue/domain/tax/eu_vat_rates.inc"
};

auto SortKey(const RateEntry& e) { return std::tie(e.country, e.region, e.kind, e.effective_from); }

bool Covers(const RateEntry& e, absl::CivilDay day) {
  return e.effective_from <= day && (!e.effective_until || day < *e.effective_until);
}

Status RowError(size_t i, std::string_view field, std::string_view reason, std::string message) {
  return InvalidArgument(fmt::format("rates[{}].{}", i, field), reason, message);
}

Status ValidateRow(size_t i, const RateEntry& e) {
  if (!IsIsoCountryCode(e.country)) {
    return RowError(i, "country", "tax.rate.bad_country",
                    fmt::format("'{}' is not an ISO 3166-1 alpha-2 code", e.country));
  }
  if (!e.region.empty()) {
    // ISO 3166-2: the country code, '-', and 1-3 letters or digits.
    bool ok = e.region.size() >= 4 && e.region.size() <= 6 &&
              e.region.compare(0, 2, e.country) == 0 && e.region[2] == '-';
    for (size_t k = 3; ok && k < e.region.size(); ++k) {
      const char c = e.region[k];
      ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    if (!ok) {
      return RowError(i, "region", "tax.rate.bad_region",
                      fmt::format("'{}' is not an ISO 3166-2 code of {}", e.region, e.country));
    }
  }
  if (e.percent.Sign() < 0 || e.percent >= Decimal::FromInt(100) ||
      !e.percent.HasAtMostFractionDigits(kRatePercentFractionDigitsMax)) {
    return RowError(i, "percent", "tax.rate.bad_percent",
                    fmt::format("{} is not a percentage in [0, 100) with at most {} decimals",
                                e.percent.ToString(), kRatePercentFractionDigitsMax));
  }
  if (e.effective_until && *e.effective_until <= e.effective_from) {
    return RowError(i, "effective_until", "tax.rate.bad_dates",
                    "effective_until must be after effective_from");
  }
  return OkStatus();
}

}  // namespace

std::string_view RateKindName(RateKind kind) { return internal::NameOf(kKindNames, kind); }

Result<RateKind> ParseRateKind(std::string_view name) {
  return internal::ParseName(kKindNames, name, "tax.rate_kind_unknown",
                             "rate kind (standard, reduced, reduced2, super_reduced, parking)");
}

const RateTable& RateTable::BuiltInEu() {
  static const RateTable* const table = [] {
    auto layer = std::make_shared<Layer>();
    layer->reserve(std::size(kBuiltIn));
    for (const BuiltInRow& row : kBuiltIn) {
      RateEntry e;
      e.country = row.country;
      e.kind = row.kind;
      Result<Decimal> percent = Decimal::Parse(row.percent);
      ACCRUE_CHECK(percent.ok(), "bad percent in eu_vat_rates.inc");
      e.percent = *percent;
      e.effective_from = absl::CivilDay(row.from_year, row.from_month, row.from_day);
      if (row.until_year != 0) {
        e.effective_until = absl::CivilDay(row.until_year, row.until_month, row.until_day);
      }
      layer->push_back(std::move(e));
    }
    std::sort(layer->begin(), layer->end(),
              [](const RateEntry& a, const RateEntry& b) { return SortKey(a) < SortKey(b); });
    return new RateTable({std::move(layer)});
  }();
  return *table;
}

RateTable RateTable::Empty() { return RateTable({}); }

Result<RateTable> RateTable::WithOverrides(const RateTable& base,
                                           std::vector<RateEntry> overrides) {
  if (overrides.size() > kRateOverridesMax) {
    return LimitExceeded("tax.rate.too_many",
                         fmt::format("at most {} tenant rates", kRateOverridesMax), "rates");
  }
  for (size_t i = 0; i < overrides.size(); ++i) {
    RETURN_IF_ERROR(ValidateRow(i, overrides[i]));
  }
  // Sort an index so an overlap error can name the row the caller sent.
  std::vector<size_t> order(overrides.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return SortKey(overrides[a]) < SortKey(overrides[b]); });
  for (size_t k = 1; k < order.size(); ++k) {
    const RateEntry& prev = overrides[order[k - 1]];
    const RateEntry& cur = overrides[order[k]];
    const bool same_key =
        prev.country == cur.country && prev.region == cur.region && prev.kind == cur.kind;
    if (same_key && (!prev.effective_until || *prev.effective_until > cur.effective_from)) {
      return RowError(order[k], "effective_from", "tax.rate.overlap",
                      fmt::format("overlaps another {} rate of {}{}", RateKindName(cur.kind),
                                  cur.country, cur.region.empty() ? "" : " " + cur.region));
    }
  }
  auto layer = std::make_shared<Layer>();
  layer->reserve(overrides.size());
  for (size_t i : order) layer->push_back(std::move(overrides[i]));
  std::vector<std::shared_ptr<const Layer>> layers;
  layers.push_back(std::move(layer));
  layers.insert(layers.end(), base.layers_.begin(), base.layers_.end());
  return RateTable(std::move(layers));
}

const RateEntry* RateTable::FindInLayer(const Layer& layer, std::string_view country,
                                        std::string_view region, RateKind kind,
                                        absl::CivilDay day) {
  // Both sides as string_view tuples: comparing a tuple of std::string with one of string_view
  // compiles with GCC but not with clang 14's synthesized three-way comparison.
  using Key = std::tuple<std::string_view, std::string_view, RateKind>;
  const Key wanted(country, region, kind);
  auto it = std::lower_bound(layer.begin(), layer.end(), 0, [&](const RateEntry& e, int) {
    return Key(e.country, e.region, e.kind) < wanted;
  });
  for (; it != layer.end() && it->country == country && it->region == region && it->kind == kind;
       ++it) {
    if (Covers(*it, day)) return &*it;
  }
  return nullptr;
}

Result<Decimal> RateTable::Find(std::string_view country, std::string_view region, RateKind kind,
                                absl::CivilDay day) const {
  for (const auto& layer : layers_) {
    if (!region.empty()) {
      if (const RateEntry* e = FindInLayer(*layer, country, region, kind, day)) return e->percent;
    }
    if (const RateEntry* e = FindInLayer(*layer, country, "", kind, day)) return e->percent;
  }
  return MakeError(
      absl::StatusCode::kFailedPrecondition, "tax.rate_not_found",
      fmt::format("no {} VAT rate for {}{} on {}; add one to the tenant's rates",
                  RateKindName(kind), country, region.empty() ? "" : fmt::format(" ({})", region),
                  absl::FormatCivilTime(day)));
}

std::vector<RateEntry> RateTable::AllEntries() const {
  std::vector<RateEntry> out;
  for (const auto& layer : layers_) out.insert(out.end(), layer->begin(), layer->end());
  return out;
}

}  // namespace accrue::tax
