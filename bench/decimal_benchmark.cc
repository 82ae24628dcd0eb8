// Micro-benchmarks for the money layer's hot paths: parsing prices, multiplying a unit price by
// a quantity with rounding, and rounding a Decimal into a Money. Run with
//   build/release/bench/decimal_benchmark --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include <string_view>

#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"
#include "accrue/money/money.h"

namespace accrue {
namespace {

void BM_DecimalParse(benchmark::State& state) {
  constexpr std::string_view kText = "-123456.000000123456";
  for (auto _ : state) {
    benchmark::DoNotOptimize(Decimal::Parse(kText));
  }
}
BENCHMARK(BM_DecimalParse);

// Arg 0: a product that fits in 128 bits; arg 1: one that needs the 256-bit path.
void BM_DecimalMulRounded(benchmark::State& state) {
  const Decimal price = *Decimal::Parse("0.000000123457");
  const Decimal quantity =
      *Decimal::Parse(state.range(0) == 0 ? "123456789012.3" : "12345678901234567890.3");
  for (auto _ : state) {
    benchmark::DoNotOptimize(Decimal::Mul(price, quantity, RoundingMode::kHalfEven));
  }
}
BENCHMARK(BM_DecimalMulRounded)->Arg(0)->Arg(1);

void BM_MoneyFromDecimal(benchmark::State& state) {
  const Decimal amount = *Decimal::Parse("15241.604801091521");
  const Currency eur = Currency::FromCodeOrDie("EUR");
  for (auto _ : state) {
    benchmark::DoNotOptimize(Money::FromDecimal(amount, eur, RoundingMode::kHalfUp));
  }
}
BENCHMARK(BM_MoneyFromDecimal);

}  // namespace
}  // namespace accrue

BENCHMARK_MAIN();
