// Micro-benchmarks of the pricing kernels (domain/pricing): one period's usage priced under each
// model, the per-transaction walk of a percentage charge, a grouped charge with its period
// minimum, and the one rounding of a line. Run with
//   build/release/bench/pricing_benchmark --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "accrue/domain/pricing/charge.h"
#include "accrue/domain/pricing/pricing.h"

namespace accrue {
namespace {

Decimal D(std::string_view text) { return *Decimal::Parse(text); }

PriceTier Tier(const char* up_to, const char* price, const char* flat = "0") {
  PriceTier t;
  if (up_to != nullptr) t.up_to = D(up_to);
  t.unit_price = D(price);
  t.flat_fee = D(flat);
  return t;
}

// Five tiers; the quantity reaches the last one, the worst case for graduated pricing.
std::vector<PriceTier> FiveTiers() {
  return {Tier("1000", "0"), Tier("10000", "0.002", "1.50"), Tier("100000", "0.0015"),
          Tier("1000000", "0.001"), Tier(nullptr, "0.000123456789")};
}

const UsageAmount kUsage{D("1234567.123456789012"), 1234567, {}};

void Run(benchmark::State& state, const ChargePricing& pricing, const UsageAmount& usage) {
  for (auto _ : state) {
    Result<PricedUsage> priced = PriceUsage(pricing, usage);
    benchmark::DoNotOptimize(priced);
  }
}

void BM_PricePerUnit(benchmark::State& state) {
  Run(state, ChargePricing{PerUnitPricing{D("0.000123456789")}, D("1000"), {}, {}}, kUsage);
}
BENCHMARK(BM_PricePerUnit);

void BM_PriceGraduated5Tiers(benchmark::State& state) {
  Run(state, ChargePricing{GraduatedPricing{FiveTiers()}, D("0"), {}, {}}, kUsage);
}
BENCHMARK(BM_PriceGraduated5Tiers);

void BM_PriceVolume5Tiers(benchmark::State& state) {
  Run(state, ChargePricing{VolumePricing{FiveTiers()}, D("0"), {}, {}}, kUsage);
}
BENCHMARK(BM_PriceVolume5Tiers);

void BM_PricePackage(benchmark::State& state) {
  Run(state, ChargePricing{PackagePricing{D("1000"), D("5")}, D("1000"), {}, {}}, kUsage);
}
BENCHMARK(BM_PricePackage);

void BM_PricePercentage(benchmark::State& state) {
  Run(state, ChargePricing{PercentagePricing{D("2.9"), D("0.30"), {}, {}}, D("0"), {}, {}},
      UsageAmount{D("98765.43"), 321, {}});
}
BENCHMARK(BM_PricePercentage);

// Arg: number of transactions walked for per-transaction minimum and maximum.
void BM_PricePercentagePerTransaction(benchmark::State& state) {
  std::vector<Decimal> tx;
  Decimal sum;
  for (int64_t i = 0; i < state.range(0); ++i) {
    tx.push_back(Decimal::FromMinor(100 + (i * 7919) % 100000, 2));
    sum = sum + tx.back();
  }
  const ChargePricing pricing{
      PercentagePricing{D("2.99"), D("0.25"), D("1.75"), D("12")}, D("50"), {}, {}};
  Run(state, pricing,
      UsageAmount{sum, static_cast<int64_t>(tx.size()), std::span<const Decimal>(tx)});
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_PricePercentagePerTransaction)->Arg(1000);

// A charge whose meter groups by region: 10 groups, with a period minimum.
void BM_PriceCharge10Groups(benchmark::State& state) {
  Charge charge;
  charge.pricing = ChargePricing{GraduatedPricing{FiveTiers()}, D("0"), D("100"), {}};
  std::vector<GroupUsage> groups;
  for (int i = 0; i < 10; ++i) {
    std::string region = "r";
    region += std::to_string(i);
    groups.push_back(GroupUsage{{{"region", region}},
                                UsageAmount{Decimal::FromInt(1000 * (i + 1) * (i + 1)), 1, {}}});
  }
  const Currency eur = Currency::FromCodeOrDie("EUR");
  for (auto _ : state) {
    Result<PricedCharge> priced = PriceCharge(charge, groups, eur);
    benchmark::DoNotOptimize(priced);
  }
}
BENCHMARK(BM_PriceCharge10Groups);

void BM_RoundLineAmount(benchmark::State& state) {
  const ExactAmount amount = *ExactAmount::Parse("152415.787532388367504953");
  const Currency eur = Currency::FromCodeOrDie("EUR");
  for (auto _ : state) {
    benchmark::DoNotOptimize(RoundLineAmount(amount, eur));
  }
}
BENCHMARK(BM_RoundLineAmount);

}  // namespace
}  // namespace accrue

BENCHMARK_MAIN();
