// PDF rendering throughput: a 10-line invoice (one page: parties, table, VAT breakdown, totals,
// payment instructions with the EPC QR code) rendered by RenderPdf in several locales, without
// the QR code, and the QR payload + encoding alone. Target (issue): at least 200 PDFs/s per
// core for the 10-line invoice. The first call on a thread builds its Pango font map and ICU
// formatters; the benchmark loop measures the steady state a worker thread sees. Rendering the
// same invoice again finds every paragraph already shaped (canvas.h, kTextCacheEntries), so
// EnGbBillingRun renders 500 different invoices in turn (other number, buyer, quantities and
// amounts), which is the figure to hold against the target.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "accrue/formats/pdf/pdf_renderer.h"

namespace accrue::pdf {
namespace {

using namespace einvoice;  // NOLINT: the model's many types

Money Eur(int64_t cents) { return Money::FromMinor(cents, Currency::FromCodeOrDie("EUR")); }

Party MakeParty(const char* name, const char* vat, const char* city) {
  Party p;
  p.name = name;
  p.vat_id = vat;
  p.legal_registration = {"HRB 4711", ""};
  p.address = {"Hauptstraße 1", "", city, "10115", "", "DE"};
  return p;
}

// Ten standard-rated lines at 19 %, one period each, SEPA transfer with an RF reference.
// `variant` > 0 changes what differs between the invoices of one seller's billing run: the
// number, the buyer, the quantities and so every amount (labels, the seller, dates, unit prices
// and item names stay).
EInvoiceDocument TenLineInvoice(int variant = 0) {
  EInvoiceDocument doc;
  doc.number = "INV-2024-" + std::to_string(1000123 + variant).substr(1);
  doc.issue_date = absl::CivilDay(2024, 3, 1);
  doc.due_date = absl::CivilDay(2024, 3, 31);
  doc.currency = Currency::FromCodeOrDie("EUR");
  doc.seller = MakeParty("Accrue Demo GmbH", "DE123456789", "Berlin");
  doc.buyer = MakeParty("Käufer KG", "DE987654321", "München");
  if (variant > 0) {
    doc.buyer.name = "Customer " + std::to_string(variant) + " GmbH";
    doc.buyer.vat_id = "DE" + std::to_string(900000000 + variant * 7919);
    doc.buyer.address.street = "Ringstraße " + std::to_string(variant);
  }
  doc.invoice_period = Period{absl::CivilDay(2024, 2, 1), absl::CivilDay(2024, 2, 29)};
  doc.payment_means = PaymentMeans{
      "58", "RF18539007547034", "DE89370400440532013000", "Accrue Demo GmbH", "COBADEFFXXX", "", "",
      ""};
  doc.payment_terms = "Payable within 30 days.";
  int64_t sum = 0;
  for (int i = 0; i < 10; ++i) {
    Line line;
    line.id = std::to_string(i + 1);
    line.item_name = "Subscription item " + std::to_string(i + 1);
    const int64_t quantity = variant > 0 ? 1 + (variant * 37 + i * 101) % 997 : i + 1;
    line.quantity = Decimal::FromInt(quantity);
    line.unit_code = "C62";
    line.net_price = Decimal::FromMinor(1999, 2);
    line.net_amount = Eur(1999 * quantity);
    line.period = doc.invoice_period;
    line.vat_rate = Decimal::FromInt(19);
    sum += 1999 * quantity;
    doc.lines.push_back(line);
  }
  const int64_t vat = (sum * 19 + 50) / 100;  // half up, positive amounts
  doc.vat_breakdown.push_back(
      VatBreakdown{VatCategory::kStandard, Decimal::FromInt(19), Eur(sum), Eur(vat), "", ""});
  doc.totals.line_net_sum = Eur(sum);
  doc.totals.tax_exclusive = Eur(sum);
  doc.totals.tax_amount = Eur(vat);
  doc.totals.tax_inclusive = Eur(sum + vat);
  doc.totals.payable = Eur(sum + vat);
  return doc;
}

// `documents` > 1: a billing run, each iteration the next of that many different invoices (see
// TenLineInvoice), so only what repeats between invoices is already shaped.
void Render(benchmark::State& state, const char* locale, bool qr, int documents = 1) {
  std::vector<EInvoiceDocument> docs;
  for (int i = 0; i < documents; ++i) docs.push_back(TenLineInvoice(documents > 1 ? i + 1 : 0));
  PdfOptions options;
  options.locale = locale;
  options.show_payment_qr = qr;
  options.footer = "Accrue Demo GmbH · Amtsgericht Berlin HRB 4711";
  size_t bytes = 0;
  size_t next = 0;
  for (auto _ : state) {
    Result<std::string> pdf = RenderPdf(docs[next], options);
    next = (next + 1) % docs.size();
    if (!pdf.ok()) {
      state.SkipWithError(pdf.status().ToString().c_str());
      return;
    }
    bytes = pdf->size();
    benchmark::DoNotOptimize(pdf);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["pdf_bytes"] = static_cast<double>(bytes);
}

void BM_RenderPdf_EnGb(benchmark::State& state) { Render(state, "en-GB", true); }
void BM_RenderPdf_EnGbBillingRun(benchmark::State& state) { Render(state, "en-GB", true, 500); }
void BM_RenderPdf_DeDe(benchmark::State& state) { Render(state, "de-DE", true); }
void BM_RenderPdf_JaJp(benchmark::State& state) { Render(state, "ja-JP", true); }
void BM_RenderPdf_EnGbNoQr(benchmark::State& state) { Render(state, "en-GB", false); }

void BM_EpcQrPayloadAndEncode(benchmark::State& state) {
  const EInvoiceDocument doc = TenLineInvoice();
  const EpcCreditTransfer transfer = *EpcTransferFor(doc);
  for (auto _ : state) {
    Result<QrMatrix> qr = EncodeQr(*EpcQrPayload(transfer));
    benchmark::DoNotOptimize(qr);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_RenderPdf_EnGb)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RenderPdf_EnGbBillingRun)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RenderPdf_DeDe)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RenderPdf_JaJp)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RenderPdf_EnGbNoQr)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EpcQrPayloadAndEncode)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace accrue::pdf

BENCHMARK_MAIN();
