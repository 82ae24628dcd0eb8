// Kernels of the time layer that run once per subscription in a billing run.
//   build/release/bench/time_benchmark
#include <benchmark/benchmark.h>

#include "accrue/time/billing_period.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

void BM_PeriodIndexAt(benchmark::State& state) {
  const BillingCycle cycle{absl::CivilDay(2024, 1, 31), IntervalUnit::kMonth, 1};
  const absl::TimeZone tz = *LoadTimeZone("Europe/Berlin");
  const absl::Time base = absl::FromUnixSeconds(1767225600);
  int64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(PeriodIndexAt(cycle, base + absl::Seconds(++i * 2711), tz));
  }
}
BENCHMARK(BM_PeriodIndexAt);

void BM_PeriodAt(benchmark::State& state) {
  const BillingCycle cycle{absl::CivilDay(2024, 1, 31), IntervalUnit::kMonth, 1};
  const absl::TimeZone tz = *LoadTimeZone("America/New_York");
  int64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(PeriodAt(cycle, ++i % 600, tz));
}
BENCHMARK(BM_PeriodAt);

void BM_LoadTimeZoneCached(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(LoadTimeZone("Asia/Tokyo"));
}
BENCHMARK(BM_LoadTimeZoneCached);

}  // namespace
}  // namespace accrue

BENCHMARK_MAIN();
