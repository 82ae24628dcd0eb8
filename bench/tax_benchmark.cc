// Micro-benchmarks for the tax module: taxing a 10-line invoice (rules + calculator, and the
// calculator alone) and validating VAT ids. Run with
//   build/release/bench/tax_benchmark --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include <string_view>
#include <vector>

#include "accrue/domain/tax/invoice_tax.h"
#include "accrue/domain/tax/vat_id.h"

namespace accrue::tax {
namespace {

// Ten lines (the nets of EN 16931 example 8), every third one at the reduced rate.
InvoiceTaxRequest TenLineInvoice(CustomerTaxProfile customer, TaxSettings settings) {
  const Currency eur = Currency::FromCodeOrDie("EUR");
  InvoiceTaxRequest r{eur,
                      settings,
                      SellerTaxProfile{"DE", {{"DE", "DE136308783"}}, false},
                      std::move(customer),
                      {}};
  const int64_t amounts[] = {14080, 1616, 16764, 8874, 3675, 5650, 8334, 19031, 6421, 6446};
  for (int i = 0; i < 10; ++i) {
    r.lines.push_back(InvoiceTaxLine{ItemKind::kLine, Money::FromMinor(amounts[i], eur),
                                     SupplyType::kDigitalService,
                                     i % 3 == 2 ? TaxClass::kReduced : TaxClass::kStandard,
                                     std::nullopt, absl::CivilDay(2026, 3, 31)});
  }
  return r;
}

// Arg 0: a French consumer (OSS, per document); 1: the same, tax-inclusive per line;
// 2: a French business (reverse charge, includes parsing its VAT id).
void BM_ComputeInvoiceTax10Lines(benchmark::State& state) {
  CustomerTaxProfile customer{CustomerKind::kConsumer, "FR", "", "", std::nullopt};
  TaxSettings settings;
  if (state.range(0) == 1) {
    settings = TaxSettings{PriceMode::kInclusive, {RoundingLevel::kPerLine, RoundingMode::kHalfUp}};
  }
  if (state.range(0) == 2) {
    customer = CustomerTaxProfile{CustomerKind::kBusiness, "FR", "", "FR40303265045", std::nullopt};
  }
  const InvoiceTaxRequest request = TenLineInvoice(customer, settings);
  const RateTable& rates = RateTable::BuiltInEu();
  for (auto _ : state) {
    benchmark::DoNotOptimize(ComputeInvoiceTax(request, rates));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ComputeInvoiceTax10Lines)->Arg(0)->Arg(1)->Arg(2);

void BM_CalculateTax10Lines(benchmark::State& state) {
  const Currency eur = Currency::FromCodeOrDie("EUR");
  std::vector<TaxableItem> items;
  for (int i = 0; i < 10; ++i) {
    const bool reduced = i % 3 == 2;
    items.push_back(TaxableItem{ItemKind::kLine, Money::FromMinor(1000 + 137 * i, eur),
                                reduced ? TaxCategory::kReduced : TaxCategory::kStandard,
                                Decimal::FromInt(reduced ? 7 : 19), std::nullopt});
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(CalculateTax(eur, PriceMode::kExclusive, RoundingPolicy{}, items));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CalculateTax10Lines);

void BM_ParseVatId(benchmark::State& state) {
  constexpr std::string_view kIds[] = {"DE136308783",        "FR 40 303 265 045", "ATU13585627",
                                       "NL 8225.69.759 b01", "ES X-5253868-R",    "IE6433435IH",
                                       "IT 00118439991",     "PL 584-030-44-72"};
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ParseVatId(kIds[i++ % std::size(kIds)]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseVatId);

}  // namespace
}  // namespace accrue::tax

BENCHMARK_MAIN();
