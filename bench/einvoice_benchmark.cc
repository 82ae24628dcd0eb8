// E-invoice throughput: a 10-line invoice written as UBL 2.1 (Peppol BIS 3.0) and as CII D16B
// (XRechnung 3.0), rule checks included (the writers always run them), and the checks alone.
// Target: at least 5,000 UBL documents/s per core (issue 5).
#include <benchmark/benchmark.h>

#include "accrue/formats/einvoice/cii_writer.h"
#include "accrue/formats/einvoice/rules.h"
#include "accrue/formats/einvoice/ubl_writer.h"

namespace accrue::einvoice {
namespace {

Money Eur(int64_t cents) { return Money::FromMinor(cents, Currency::FromCodeOrDie("EUR")); }

Party MakeParty(const char* name, const char* vat, const char* email, const char* city) {
  Party p;
  p.name = name;
  p.vat_id = vat;
  p.legal_registration = {"HRB 4711", ""};
  p.electronic_address = {email, "EM"};
  p.address = {"Hauptstraße 1", "", city, "10115", "", "DE"};
  p.contact = Contact{"Billing", "+49 30 1234567", email};
  return p;
}

// Ten standard-rated lines at 19 %, one period each, SEPA payment: a typical subscription
// invoice.
EInvoiceDocument TenLineInvoice() {
  EInvoiceDocument doc;
  doc.number = "INV-2024-000123";
  doc.issue_date = absl::CivilDay(2024, 3, 1);
  doc.due_date = absl::CivilDay(2024, 3, 31);
  doc.currency = Currency::FromCodeOrDie("EUR");
  doc.buyer_reference = "04011000-12345-03";
  doc.seller = MakeParty("Accrue Demo GmbH", "DE123456789", "billing@accrue.example", "Berlin");
  doc.buyer = MakeParty("Käufer KG", "DE987654321", "ap@kaeufer.example", "München");
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
    line.quantity = Decimal::FromInt(i + 1);
    line.unit_code = "C62";
    line.net_price = Decimal::FromMinor(1999, 2);
    line.net_amount = Eur(1999 * (i + 1));
    line.period = doc.invoice_period;
    line.vat_rate = Decimal::FromInt(19);
    sum += 1999 * (i + 1);
    doc.lines.push_back(line);
  }
  int64_t vat = (sum * 19 + 50) / 100;  // half up, positive amounts
  doc.vat_breakdown.push_back(
      VatBreakdown{VatCategory::kStandard, Decimal::FromInt(19), Eur(sum), Eur(vat), "", ""});
  doc.totals.line_net_sum = Eur(sum);
  doc.totals.tax_exclusive = Eur(sum);
  doc.totals.tax_amount = Eur(vat);
  doc.totals.tax_inclusive = Eur(sum + vat);
  doc.totals.payable = Eur(sum + vat);
  return doc;
}

void BM_UblPeppol10Lines(benchmark::State& state) {
  EInvoiceDocument doc = TenLineInvoice();
  size_t bytes = 0;
  for (auto _ : state) {
    Result<std::string> xml = WriteUbl(doc, Profile::kPeppolBis3);
    if (!xml.ok()) state.SkipWithError(std::string(xml.status().message()).c_str());
    bytes += xml->size();
    benchmark::DoNotOptimize(xml);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_UblPeppol10Lines);

void BM_CiiXRechnung10Lines(benchmark::State& state) {
  EInvoiceDocument doc = TenLineInvoice();
  size_t bytes = 0;
  for (auto _ : state) {
    Result<std::string> xml = WriteCii(doc, Profile::kXRechnung3);
    if (!xml.ok()) state.SkipWithError(std::string(xml.status().message()).c_str());
    bytes += xml->size();
    benchmark::DoNotOptimize(xml);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_CiiXRechnung10Lines);

void BM_RuleChecks10Lines(benchmark::State& state) {
  EInvoiceDocument doc = TenLineInvoice();
  for (auto _ : state) {
    Status s = CheckDocument(doc, Profile::kPeppolBis3);
    if (!s.ok()) state.SkipWithError(std::string(s.message()).c_str());
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RuleChecks10Lines);

}  // namespace
}  // namespace accrue::einvoice

BENCHMARK_MAIN();
