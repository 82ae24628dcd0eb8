// Proration kernels: what a plan change costs (domain/proration).
//   build/release/bench/proration_benchmark
#include <benchmark/benchmark.h>

#include "accrue/domain/proration/change.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

SubscriptionTerms BerlinMonthly() {
  SubscriptionTerms terms;
  terms.currency = Currency::FromCodeOrDie("EUR");
  terms.price = RecurringPrice{
      std::nullopt, "Pro", {CurrencyPrice{terms.currency, *Decimal::Parse("29.99")}}};
  terms.quantity = Decimal::FromInt(7);
  terms.cycle = BillingCycle{absl::CivilDay(2026, 1, 31), IntervalUnit::kMonth, 1};
  terms.tz = *LoadTimeZone("Europe/Berlin");
  terms.current_period_index = 1;  // Feb 28 → Mar 31, across the spring DST change
  return terms;
}

// A full upgrade: period lookup, two factors, two exact amounts, descriptions, totals.
void BM_PlanUpgrade(benchmark::State& state) {
  const SubscriptionTerms terms = BerlinMonthly();
  const SubscriptionChange change = PriceChange{
      RecurringPrice{
          std::nullopt, "Business", {CurrencyPrice{terms.currency, *Decimal::Parse("79.99")}}},
      Decimal::FromInt(9), ChangeTiming::kDefault};
  const ProrationOptions options{static_cast<ProrationUnit>(state.range(0)), RoundingMode::kHalfUp,
                                 StubBase::kCycle};
  const absl::Time start = PeriodAt(terms.cycle, 1, terms.tz).start;
  int64_t i = 0;
  for (auto _ : state) {
    // Walk through the period so every iteration prorates a different instant.
    const absl::Time at = start + absl::Seconds((++i * 7919) % 2'600'000);
    benchmark::DoNotOptimize(PlanSubscriptionChange(terms, change, at, options));
  }
}
BENCHMARK(BM_PlanUpgrade)
    ->Arg(static_cast<int>(ProrationUnit::kSecond))
    ->Arg(static_cast<int>(ProrationUnit::kDay));

// The factor alone (period already known), in both units.
void BM_Factor(benchmark::State& state) {
  const SubscriptionTerms terms = BerlinMonthly();
  const Period period = PeriodAt(terms.cycle, 1, terms.tz);
  const ProrationUnit unit = static_cast<ProrationUnit>(state.range(0));
  int64_t i = 0;
  for (auto _ : state) {
    const absl::Time at = period.start + absl::Seconds((++i * 7919) % 2'600'000);
    benchmark::DoNotOptimize(FactorWithin(period, at, period.end, unit, terms.tz));
  }
}
BENCHMARK(BM_Factor)
    ->Arg(static_cast<int>(ProrationUnit::kSecond))
    ->Arg(static_cast<int>(ProrationUnit::kDay));

// The exact amount: 192-bit multiply-divide and one rounding.
void BM_ProratedAmount(benchmark::State& state) {
  const Decimal price = *Decimal::Parse("29.99");
  const Decimal quantity = Decimal::FromInt(7);
  const Currency eur = Currency::FromCodeOrDie("EUR");
  int64_t i = 0;
  for (auto _ : state) {
    const ProrationFactor f{ProrationUnit::kSecond, (++i * 7919) % 2'674'800, 2'674'800};
    benchmark::DoNotOptimize(ProratedAmount(price, quantity, f, eur, RoundingMode::kHalfUp));
  }
}
BENCHMARK(BM_ProratedAmount);

}  // namespace
}  // namespace accrue

BENCHMARK_MAIN();
