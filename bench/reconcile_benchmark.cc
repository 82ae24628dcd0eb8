// Bank reconciliation at the scale of issue 6:
//   - BM_ReconcileEndToEnd  index 1,000,000 open invoices and match a 100,000-line statement
//                           (target: under 5 s on the reference machine);
//   - BM_BuildIndex         the indexing part alone;
//   - BM_MatchLines         the matching part alone, against a built index;
//   - BM_ParseCamt053/N     camt.053 parse throughput for a statement of N entries (bytes/s).
// The data are generated in memory (seeded), with the line mix of the reconciliation test:
// mangled invoice numbers, RF references, one payment for three invoices, amount-only lines
// from known accounts, and unknown payers. Sizes: ACCRUE_BENCH_RECONCILE_INVOICES (1000000),
// ACCRUE_BENCH_RECONCILE_LINES (100000).
//
//   build/release/bench/reconcile_benchmark --benchmark_repetitions=3
//       --benchmark_report_aggregates_only=true       (one command line)
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "accrue/base/split_mix64.h"
#include "accrue/domain/banking/creditor_reference.h"
#include "accrue/domain/banking/matcher.h"
#include "accrue/formats/bank/camt.h"

namespace accrue::banking {
namespace {

const Currency kEur = Currency::FromCodeOrDie("EUR");

int64_t Env(const char* name, int64_t fallback) {
  const char* v = std::getenv(name);
  return v == nullptr ? fallback : std::atoll(v);
}

using Rng = SplitMix64;

struct World {
  std::vector<OpenInvoice> invoices;
  std::vector<KnownPayer> payers;
  Statement statement;
  std::vector<PaymentLine> lines;
  InvoiceNumberPattern pattern;
};

World& TheWorld() {
  static World* world = [] {
    auto* w = new World;
    const auto invoices = static_cast<size_t>(Env("ACCRUE_BENCH_RECONCILE_INVOICES", 1'000'000));
    const auto lines = static_cast<size_t>(Env("ACCRUE_BENCH_RECONCILE_LINES", 100'000));
    const size_t customers = invoices / 5 + 1;
    Rng rng(20260301);
    static constexpr int64_t kCommonPrices[] = {1900, 2900, 4900, 9900, 14900, 19900, 29900};
    w->invoices.reserve(invoices);
    for (size_t i = 0; i < invoices; ++i) {
      const size_t c = rng.Below(customers);
      OpenInvoice inv;
      inv.id = fmt::format("inv_{}", i);
      inv.number = fmt::format("INV-2026-{:07d}", i + 1);
      inv.customer_id = fmt::format("cus_{}", c);
      inv.customer_name = fmt::format("Customer {} Trading GmbH", c);
      const int64_t cents = rng.Below(2) == 0 ? kCommonPrices[rng.Below(std::size(kCommonPrices))]
                                              : static_cast<int64_t>(1000 + rng.Below(1'000'000));
      inv.amount_due = Money::FromMinor(cents, kEur);
      inv.due_date = absl::CivilDay(2026, 1, 1) + static_cast<int>(rng.Below(180));
      if (rng.Below(5) == 0) inv.rf_reference = *MakeRf(fmt::format("{}", i + 1));
      w->invoices.push_back(std::move(inv));
    }
    for (size_t c = 0; c < customers; c += 2) {
      w->payers.push_back({fmt::format("DE89{:018d}", c), fmt::format("cus_{}", c)});
    }
    w->statement.currency = kEur;
    w->statement.entries.reserve(lines);
    std::vector<bool> taken(invoices, false);
    auto pick = [&] {
      for (;;) {
        const size_t i = rng.Below(invoices);
        if (!taken[i]) {
          taken[i] = true;
          return i;
        }
      }
    };
    for (size_t k = 0; k < lines; ++k) {
      Entry e;
      e.booking_date = absl::CivilDay(2026, 3, 1) + static_cast<int>(rng.Below(30));
      const size_t kind = rng.Below(100);
      const size_t i = pick();
      const OpenInvoice& inv = w->invoices[i];
      const std::string compact = CompactReference(inv.number);
      e.amount = inv.amount_due;
      if (kind < 60) {  // a mangled number
        e.remittance_lines = {
            fmt::format("Rechnung inv {} {}", compact.substr(3, 4), compact.substr(7)),
            "vielen Dank"};
        e.counterparty.name = inv.customer_name;
      } else if (kind < 70) {  // RF or the number as end-to-end id
        if (!inv.rf_reference.empty()) {
          e.creditor_reference = FormatRfForPrint(inv.rf_reference);
        } else {
          e.end_to_end_id = inv.number;
        }
      } else if (kind < 75) {  // one payment, three invoices
        const size_t j = pick(), l = pick();
        e.amount = Money::FromMinor(inv.amount_due.minor_units() +
                                        w->invoices[j].amount_due.minor_units() +
                                        w->invoices[l].amount_due.minor_units(),
                                    kEur);
        e.remittance_lines = {fmt::format("{} {}", inv.number, w->invoices[j].number),
                              w->invoices[l].number};
      } else if (kind < 90) {  // amount from a (maybe) known account
        const std::string c = inv.customer_id.substr(4);
        e.counterparty.iban = fmt::format("DE89{:018d}", std::stoull(c));
        e.counterparty.name = fmt::format("CUSTOMER {} TRADING", c);
        e.remittance_lines = {"Dauerauftrag"};
      } else {  // unknown payer
        e.amount = Money::FromMinor(static_cast<int64_t>(100 + rng.Below(100000)), kEur);
        e.counterparty.name = fmt::format("Private {}", k);
        e.remittance_lines = {"Spende"};
      }
      w->statement.entries.push_back(std::move(e));
    }
    w->lines = PaymentLines(w->statement);
    w->pattern = *InvoiceNumberPattern::FromFormat("INV-{YYYY}-{SEQ:7}");
    return w;
  }();
  return *world;
}

void BM_ReconcileEndToEnd(benchmark::State& state) {
  World& w = TheWorld();
  size_t applied = 0;
  for (auto _ : state) {
    Result<InvoiceIndex> index = InvoiceIndex::Build(w.invoices, w.payers, w.pattern);
    if (!index.ok()) {
      std::cerr << index.status() << "\n";
      std::abort();
    }
    std::vector<MatchResult> results = Reconcile(w.lines, *index, MatchPolicy{});
    applied = 0;
    for (const MatchResult& r : results) applied += r.decision == Decision::kApplied ? 1u : 0u;
    benchmark::DoNotOptimize(results.data());
  }
  state.counters["lines"] = static_cast<double>(w.lines.size());
  state.counters["invoices"] = static_cast<double>(w.invoices.size());
  state.counters["applied_share"] =
      static_cast<double>(applied) / static_cast<double>(w.lines.size());
}
BENCHMARK(BM_ReconcileEndToEnd)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_BuildIndex(benchmark::State& state) {
  World& w = TheWorld();
  for (auto _ : state) {
    Result<InvoiceIndex> index = InvoiceIndex::Build(w.invoices, w.payers, w.pattern);
    benchmark::DoNotOptimize(index.ok());
  }
}
BENCHMARK(BM_BuildIndex)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_MatchLines(benchmark::State& state) {
  World& w = TheWorld();
  Result<InvoiceIndex> index = InvoiceIndex::Build(w.invoices, w.payers, w.pattern);
  for (auto _ : state) {
    std::vector<MatchResult> results = Reconcile(w.lines, *index, MatchPolicy{});
    benchmark::DoNotOptimize(results.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.lines.size()));
}
BENCHMARK(BM_MatchLines)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

std::string Camt053(int entries) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
      "xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
      "camt.053.001.08\"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId></GrpHdr><Stmt><Id>S</Id>"
      "<Acct><Id><IBAN>DE44500105175407324931</IBAN></Id><Ccy>EUR</Ccy></Acct>"
      "<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">0.00</Amt>"
      "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-01</Dt></Dt></Bal>";
  int64_t total = 0;
  std::string body;
  for (int i = 0; i < entries; ++i) {
    const int64_t cents = 1000 + i % 90000;
    total += cents;
    body += fmt::format(
        "<Ntry><Amt Ccy=\"EUR\">{}.{:02d}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
        "<BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt>"
        "<AcctSvcrRef>REF{}</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>E2E-{}</EndToEndId></"
        "Refs>"
        "<RltdPties><Dbtr><Pty><Nm>Customer {} GmbH</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>"
        "DE89370400440532013000</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>INV-2026-{:07d}"
        "</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>",
        cents / 100, cents % 100, i, i, i, i);
  }
  xml += fmt::format(
      "<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{}.{:02d}</Amt>"
      "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-31</Dt></Dt></Bal>",
      total / 100, total % 100);
  return xml + body + "</Stmt></BkToCstmrStmt></Document>";
}

void BM_ParseCamt053(benchmark::State& state) {
  const std::string xml = Camt053(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto doc = formats::bank::ParseCamt(xml);
    if (!doc.ok()) {
      std::cerr << doc.status() << "\n";
      std::abort();
    }
    benchmark::DoNotOptimize(doc->statements.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(xml.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ParseCamt053)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace accrue::banking

BENCHMARK_MAIN();
