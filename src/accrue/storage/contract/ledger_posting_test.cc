// The ledger against a real store: every invoice event posts one balanced entry in its own
// transaction, voids and write-offs reverse exactly, recognition is exact and idempotent, and
// corruption is reported instead of served.
#include <gtest/gtest.h>

#include "accrue/app/billing_run.h"
#include "accrue/app/invoices.h"
#include "accrue/app/ledger.h"
#include "accrue/app/recognition.h"
#include "accrue/app/reports.h"
#include "accrue/base/strings.h"
#include "accrue/storage/contract/store_fixture.h"

namespace accrue {
namespace {

using ledger::JournalEntry;
using ledger::JournalLine;
using testing::StoreFixture;

const Currency kEur = Currency::FromCodeOrDie("EUR");

absl::Time At(int y, int m, int d) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, 12, 0, 0), absl::UTCTimeZone());
}

std::vector<Invoice> Bill(StoreFixture& f, const Actor& a, absl::Time at, bool finalize = true) {
  BillingRunOptions options;
  options.billing_at = at;
  options.finalize = finalize;
  Result<BillingRun> run = RunBilling(f.services(), a, options);
  EXPECT_TRUE(run.ok()) << run.status();
  Result<Page<Invoice>> page = f.Read<Page<Invoice>>([&](StoreTx& tx) {
    return ListInvoices(tx, a, InvoiceFilter{}, PageRequest{100, {}});
  });
  return page->items;
}

std::vector<JournalEntry> EntriesFor(StoreFixture& f, const Actor& a, const Invoice& inv) {
  return *f.Read<std::vector<JournalEntry>>([&](StoreTx& tx) {
    return tx.ledger().EntriesForSource(a.tenant, ledger::kSourceInvoice, inv.id.ToString());
  });
}

ledger::TrialBalance Tb(StoreFixture& f, const Actor& a, absl::CivilDay day) {
  return *f.Read<ledger::TrialBalance>(
      [&](StoreTx& tx) { return TrialBalanceReport(tx, a, day, false); });
}

int64_t Net(const ledger::TrialBalance& tb, std::string_view account, Currency c = kEur) {
  for (const ledger::TrialBalanceRow& r : tb.rows) {
    if (r.account.code == account && r.currency == c) return r.debit_minor - r.credit_minor;
  }
  return 0;
}

RecognitionRun Recognize(StoreFixture& f, const Actor& a, absl::CivilMonth m) {
  return f.Write<RecognitionRun>(
      [&](StoreTx& tx) { return RunRecognition(tx, f.services(), a, m); });
}

TEST(LedgerPostingTest, BillingRunPostsOneBalancedEntryPerInvoice) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Plan plan = f.NewPlan(a, "pro");
  for (int i = 0; i < 3; ++i) {
    f.NewSubscription(a, f.NewCustomer(a), plan, absl::CivilDay(2026, 1, 1));
  }
  std::vector<Invoice> invoices = Bill(f, a, At(2026, 1, 2));
  ASSERT_EQ(invoices.size(), 3u);
  for (const Invoice& inv : invoices) {
    std::vector<JournalEntry> entries = EntriesFor(f, a, inv);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].kind, ledger::EntryKind::kInvoiceFinalized);
    EXPECT_EQ(entries[0].effective_date, *inv.issue_date);
    // A monthly plan billed for January 1 - 31 (Berlin days): all deferred, recognized in January.
    EXPECT_EQ(entries[0].lines,
              (std::vector<JournalLine>{{"1100", kEur, 4900, 0}, {"2100", kEur, 0, 4900}}));
    EXPECT_FALSE(entries[0].fx.has_value());  // EUR is the reporting currency
  }
  ledger::TrialBalance tb = Tb(f, a, absl::CivilDay(2026, 1, 31));
  EXPECT_TRUE(tb.balanced);
  EXPECT_EQ(Net(tb, "1100"), 3 * 4900);
  EXPECT_EQ(Net(tb, "2100"), -3 * 4900);
  EXPECT_EQ(Net(Tb(f, a, absl::CivilDay(2025, 12, 31)), "1100"), 0);  // nothing before
  ASSERT_OK(f.store().Read([&](StoreTx& tx) { return tx.ledger().VerifyBalances(a.tenant); }));
  // Entries are numbered in posting order without gaps.
  Result<Page<JournalEntry>> page = f.Read<Page<JournalEntry>>([&](StoreTx& tx) {
    return ListJournalEntries(
        tx, a, JournalQuery{absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 12, 31), {}, 100});
  });
  ASSERT_EQ(page->items.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(page->items[i].number, static_cast<int64_t>(i + 1));
}

TEST(LedgerPostingTest, VoidReversesFinalizationAndRecognizedRevenue) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Plan plan = f.NewPlan(a, "q", "EUR", "300.00", "quarter");
  f.NewSubscription(a, f.NewCustomer(a, "EUR", "UTC"), plan, absl::CivilDay(2026, 1, 1));
  std::vector<Invoice> invoices = Bill(f, a, At(2026, 1, 1));
  ASSERT_EQ(invoices.size(), 1u);
  f.clock().Set(At(2026, 2, 10));
  Recognize(f, a, absl::CivilMonth(2026, 1));  // 100.00 of 300.00 recognized
  Invoice voided = f.Write<Invoice>(
      [&](StoreTx& tx) { return VoidInvoice(tx, f.services(), a, invoices[0].id, "duplicate"); });
  std::vector<JournalEntry> entries = EntriesFor(f, a, voided);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].kind, ledger::EntryKind::kInvoiceVoided);
  EXPECT_EQ(entries[1].effective_date, absl::CivilDay(2026, 2, 10));
  EXPECT_EQ(entries[1].lines, (std::vector<JournalLine>{{"1100", kEur, 0, 30000},
                                                        {"2100", kEur, 30000, 0},
                                                        {"4000-q", kEur, 10000, 0},
                                                        {"2100", kEur, 0, 10000}}));
  ledger::TrialBalance tb = Tb(f, a, absl::CivilDay(2026, 2, 28));
  EXPECT_TRUE(tb.balanced);
  for (const char* account : {"1100", "2100", "4000-q"}) EXPECT_EQ(Net(tb, account), 0) << account;
  // Its schedule is cancelled: February recognizes nothing.
  f.clock().Set(At(2026, 3, 2));
  RecognitionRun feb = Recognize(f, a, absl::CivilMonth(2026, 2));
  ASSERT_EQ(feb.months.size(), 1u);
  EXPECT_FALSE(feb.months[0].entry.has_value());
  EXPECT_EQ(feb.months[0].items, 0);
}

TEST(LedgerPostingTest, WriteOffThenVoidNetsToZero) {
  StoreFixture f;
  Actor a = f.NewTenant();
  f.NewSubscription(a, f.NewCustomer(a), f.NewPlan(a, "pro"), absl::CivilDay(2026, 1, 1));
  Invoice inv = Bill(f, a, At(2026, 1, 2))[0];
  f.clock().Set(At(2026, 3, 15));
  Invoice written = f.Write<Invoice>(
      [&](StoreTx& tx) { return MarkInvoiceUncollectible(tx, f.services(), a, inv.id, "gone"); });
  std::vector<JournalEntry> entries = EntriesFor(f, a, written);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].kind, ledger::EntryKind::kInvoiceWrittenOff);
  EXPECT_EQ(entries[1].lines,
            (std::vector<JournalLine>{{"6100", kEur, 4900, 0}, {"1100", kEur, 0, 4900}}));
  ledger::TrialBalance tb = Tb(f, a, absl::CivilDay(2026, 3, 15));
  EXPECT_EQ(Net(tb, "1100"), 0);
  EXPECT_EQ(Net(tb, "6100"), 4900);
  f.Write<Invoice>([&](StoreTx& tx) { return VoidInvoice(tx, f.services(), a, inv.id, "oops"); });
  tb = Tb(f, a, absl::CivilDay(2026, 3, 15));
  for (const ledger::TrialBalanceRow& r : tb.rows) {
    EXPECT_EQ(r.debit_minor - r.credit_minor, 0) << r.account.code;
  }
  ASSERT_OK(f.store().Read([&](StoreTx& tx) { return tx.ledger().VerifyBalances(a.tenant); }));
}

TEST(LedgerPostingTest, TwelveThousandAYearRecognizesExactlyOneThousandAMonth) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Plan plan = f.NewPlan(a, "annual", "EUR", "12000.00", "year");
  f.NewSubscription(a, f.NewCustomer(a, "EUR", "Europe/Berlin"), plan, absl::CivilDay(2026, 1, 1));
  ASSERT_EQ(Bill(f, a, At(2026, 1, 1)).size(), 1u);
  for (int m = 1; m <= 12; ++m) {
    f.clock().Set(At(2026, m, 28));
    RecognitionRun run = Recognize(f, a, absl::CivilMonth(2026, m));
    ASSERT_EQ(run.months.size(), 1u);
    ASSERT_TRUE(run.months[0].entry.has_value());
    EXPECT_EQ(run.months[0].entry->effective_date, ledger::LastDayOf(absl::CivilMonth(2026, m)));
    EXPECT_EQ(
        run.months[0].entry->lines,
        (std::vector<JournalLine>{{"2100", kEur, 100000, 0}, {"4000-annual", kEur, 0, 100000}}));
    // Recognizing the month again posts nothing new.
    EXPECT_TRUE(Recognize(f, a, absl::CivilMonth(2026, m)).months.empty());
  }
  ledger::TrialBalance tb = Tb(f, a, absl::CivilDay(2026, 12, 31));
  EXPECT_EQ(Net(tb, "2100"), 0);
  EXPECT_EQ(Net(tb, "4000-annual"), -1200000);
  EXPECT_EQ(Net(Tb(f, a, absl::CivilDay(2026, 6, 30)), "4000-annual"), -600000);
}

TEST(LedgerPostingTest, RecognitionCatchesUpSkippedMonthsAndRefusesTheFuture) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Plan plan = f.NewPlan(a, "annual", "EUR", "12000.00", "year");
  f.NewSubscription(a, f.NewCustomer(a, "EUR", "UTC"), plan, absl::CivilDay(2026, 1, 1));
  Bill(f, a, At(2026, 1, 1));
  f.clock().Set(At(2026, 4, 5));
  EXPECT_THAT(f.TryWrite<RecognitionRun>([&](StoreTx& tx) {
    return RunRecognition(tx, f.services(), a, absl::CivilMonth(2026, 5));
  }),
              testing::HasReason("recognition.month_in_future"));
  RecognitionRun run = Recognize(f, a, absl::CivilMonth(2026, 3));
  ASSERT_EQ(run.months.size(), 3u);  // January, February, March, each dated in its own month
  for (const RecognizedMonth& m : run.months) {
    EXPECT_EQ(m.entry->effective_date, ledger::LastDayOf(m.month));
    EXPECT_EQ(m.items, 1);
  }
  EXPECT_EQ(Net(Tb(f, a, absl::CivilDay(2026, 2, 28)), "4000-annual"), -200000);
}

TEST(LedgerPostingTest, InvoiceFinalizedIntoAClosedMonthRecognizesItAtOnce) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Plan plan = f.NewPlan(a, "q", "EUR", "300.00", "quarter");
  f.NewSubscription(a, f.NewCustomer(a, "EUR", "UTC"), plan, absl::CivilDay(2026, 1, 1));
  f.clock().Set(At(2026, 2, 3));
  Recognize(f, a, absl::CivilMonth(2026, 1));  // January closed before the invoice exists
  Invoice inv = Bill(f, a, At(2026, 1, 1))[0];
  std::vector<JournalEntry> entries = EntriesFor(f, a, inv);
  EXPECT_EQ(entries[0].lines,
            (std::vector<JournalLine>{
                {"1100", kEur, 30000, 0}, {"2100", kEur, 0, 20000}, {"4000-q", kEur, 0, 10000}}));
  f.clock().Set(At(2026, 3, 3));
  RecognitionRun feb = Recognize(f, a, absl::CivilMonth(2026, 2));
  EXPECT_EQ(feb.months[0].entry->lines[0], (JournalLine{"2100", kEur, 10000, 0}));
  // Voiding reverses the catch-up (in the finalization) and February (from the run).
  f.Write<Invoice>([&](StoreTx& tx) { return VoidInvoice(tx, f.services(), a, inv.id, ""); });
  ledger::TrialBalance tb = Tb(f, a, absl::CivilDay(2026, 3, 31));
  for (const ledger::TrialBalanceRow& r : tb.rows) {
    EXPECT_EQ(r.debit_minor - r.credit_minor, 0) << r.account.code;
  }
}

TEST(LedgerPostingTest, PointInTimeLinesGoStraightToRevenue) {
  StoreFixture f;
  Actor a = f.NewTenant();
  Customer c = f.NewCustomer(a);
  Invoice draft;
  draft.id = f.services().NewId<InvoiceId>();
  draft.tenant_id = a.tenant;
  draft.customer_id = c.id;
  draft.currency = kEur;
  draft.created_at = draft.updated_at = f.clock().Now();
  InvoiceLine setup;
  setup.id = f.services().NewId<InvoiceLineId>();
  setup.description = "Setup fee";
  setup.quantity = Decimal::FromInt(1);
  setup.unit_price = Decimal::FromInt(250);
  setup.amount_minor = 25000;
  draft.lines.push_back(setup);
  ASSERT_OK(ComputeTotals(draft));
  ASSERT_OK(f.store().Write([&](StoreTx& tx) { return tx.invoices().Insert(draft).status(); }));
  Invoice inv =
      f.Write<Invoice>([&](StoreTx& tx) { return FinalizeInvoice(tx, f.services(), a, draft.id); });
  std::vector<JournalEntry> entries = EntriesFor(f, a, inv);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].lines,
            (std::vector<JournalLine>{{"1100", kEur, 25000, 0}, {"4000", kEur, 0, 25000}}));
  // Posting the same event twice collides on the entry id instead of double-counting.
  EXPECT_THAT(f.store().Write([&](StoreTx& tx) {
    std::vector<JournalEntry> again = entries;
    return tx.ledger().Post(a.tenant, again, {});
  }),
              testing::StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST(LedgerPostingTest, DraftsAndVoidedDraftsPostNothing) {
  StoreFixture f;
  Actor a = f.NewTenant();
  f.NewSubscription(a, f.NewCustomer(a), f.NewPlan(a, "pro"), absl::CivilDay(2026, 1, 1));
  Invoice draft = Bill(f, a, At(2026, 1, 2), false)[0];
  EXPECT_TRUE(EntriesFor(f, a, draft).empty());
  f.Write<Invoice>([&](StoreTx& tx) { return VoidInvoice(tx, f.services(), a, draft.id, ""); });
  EXPECT_TRUE(EntriesFor(f, a, draft).empty());
}

TEST(LedgerPostingTest, UnbalancedEntryIsRefusedAndCorruptionReported) {
  StoreFixture f;
  Actor a = f.NewTenant();
  f.NewSubscription(a, f.NewCustomer(a), f.NewPlan(a, "pro"), absl::CivilDay(2026, 1, 1));
  Invoice inv = Bill(f, a, At(2026, 1, 2))[0];
  std::vector<JournalEntry> entries = EntriesFor(f, a, inv);
  JournalEntry bad = entries[0];
  bad.id = f.services().NewId<ledger::JournalEntryId>();
  bad.lines[0].debit_minor += 1;
  EXPECT_THAT(f.store().Write([&](StoreTx& tx) {
    std::vector<JournalEntry> one{bad};
    return tx.ledger().Post(a.tenant, one, {});
  }),
              testing::HasReason("ledger.unbalanced_entry"));
  auto& db = dynamic_cast<SqliteStore&>(f.store()).database();
  ASSERT_OK(db.Write([](sqlite::Connection& c) {
    return c.Exec("UPDATE journal_lines SET debit_minor = debit_minor + 1 WHERE debit_minor > 0");
  }));
  EXPECT_THAT(f.Read<std::vector<JournalEntry>>([&](StoreTx& tx) {
    return tx.ledger().EntriesForSource(a.tenant, ledger::kSourceInvoice, inv.id.ToString());
  }),
              testing::StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(f.store().Read([&](StoreTx& tx) { return tx.ledger().VerifyBalances(a.tenant); }),
              testing::HasReason("ledger.balances_mismatch"));
}

TEST(LedgerPostingTest, ForeignCurrencyInvoiceRecordsTheRateAndTranslates) {
  StoreFixture f;
  Actor a = f.NewTenant();
  ASSERT_OK(f.store().Write([&](StoreTx& tx) {
    return ImportReferenceRates(tx, a,
                                "Date, USD, JPY,\n2 January 2026, 1.25, 160,\n"
                                "30 January 2026, 1.00, 150,\n27 February 2026, 2.00, 150,\n")
        .status();
  }));
  f.NewSubscription(a, f.NewCustomer(a, "USD", "UTC"), f.NewPlan(a, "us", "USD", "100.00"),
                    absl::CivilDay(2026, 1, 1));
  f.clock().Set(At(2026, 1, 5));
  Invoice inv = Bill(f, a, At(2026, 1, 5))[0];
  JournalEntry fin = EntriesFor(f, a, inv)[0];
  ASSERT_TRUE(fin.fx.has_value());
  EXPECT_EQ(fin.fx->currency, Currency::FromCodeOrDie("USD"));
  EXPECT_EQ(fin.fx->reporting_currency, kEur);
  EXPECT_EQ(fin.fx->rate.ToString(), "0.8");
  EXPECT_EQ(fin.fx->rate_date, absl::CivilDay(2026, 1, 2));
  EXPECT_EQ(fin.fx->source, "ECB");
  EXPECT_EQ(fin.lines[0].currency, Currency::FromCodeOrDie("USD"));  // lines keep their currency
  f.clock().Set(At(2026, 2, 3));
  Recognize(f, a, absl::CivilMonth(2026, 1));
  auto translated = [&](absl::CivilDay day) {
    return *f.Read<ledger::TrialBalance>(
        [&](StoreTx& tx) { return TrialBalanceReport(tx, a, day, true); });
  };
  ledger::TrialBalance jan = translated(absl::CivilDay(2026, 1, 31));
  EXPECT_TRUE(jan.balanced);
  EXPECT_EQ(jan.reporting_currency, kEur);
  EXPECT_EQ(Net(jan, "1100"), 10000);      // 100 USD at the closing rate (Jan 30: 1.00)
  EXPECT_EQ(Net(jan, "4000-us"), -10000);  // recognized Jan 31, at that day's rate
  EXPECT_EQ(Net(jan, "2100"), 0);
  EXPECT_EQ(Net(jan, "3900"), 0);
  // A month later the dollar halved: the receivable is worth 50 EUR, the revenue stays 100 EUR,
  // and the translation reserve shows the difference.
  ledger::TrialBalance feb = translated(absl::CivilDay(2026, 2, 28));
  EXPECT_TRUE(feb.balanced);
  EXPECT_EQ(Net(feb, "1100"), 5000);
  EXPECT_EQ(Net(feb, "4000-us"), -10000);
  EXPECT_EQ(Net(feb, "3900"), 5000);
  // A tenant reporting in USD sees the same books in dollars.
  ASSERT_OK(f.store().Write([&](StoreTx& tx) {
    return SetReportingCurrency(tx, a, Currency::FromCodeOrDie("USD")).status();
  }));
  ledger::TrialBalance usd = translated(absl::CivilDay(2026, 1, 31));
  EXPECT_EQ(usd.reporting_currency, Currency::FromCodeOrDie("USD"));
  EXPECT_EQ(Net(usd, "1100", Currency::FromCodeOrDie("USD")), 10000);
}

}  // namespace
}  // namespace accrue
