// The finance reports on a small hand-built history whose every number is worked out below.
//
// Tenant and customers in UTC, net terms 30 days. Plans: pro 49.00 EUR/month, annual 1200.00
// EUR/year, us 100.00 USD/month.
//   Jan 10  bill: A1 Alice Jan 1-Feb 1 4900 EUR; C1 Carol Jan 10-Feb 10 10000 USD (due Feb 9)
//   Feb 2   recognize January: A1 4900; C1 by day 22/31 = 7096 (Feb keeps 2904)
//   Feb 15  bill: A2 Alice Feb 4900; B1 Bob Feb 15 2026-Feb 15 2027 120000 EUR by day over 365
//           days (Feb 4602, Mar 10191, Apr 9863 ...); C2 Carol Feb 10-Mar 10 (19/28 = 6785, Mar
//           3215)
//   Mar 5   Carol cancels;  Mar 10 bill: A3 Alice Mar 4900 (due Apr 9)
//   Mar 12  void A2 (before February was recognized: its whole amount is still deferred)
//   Mar 20  write off C1;   Mar 31 recognize March (catches up February first)
#include <gtest/gtest.h>

#include "accrue/app/billing_run.h"
#include "accrue/app/invoices.h"
#include "accrue/app/ledger.h"
#include "accrue/app/recognition.h"
#include "accrue/app/reports.h"
#include "accrue/base/strings.h"
#include "accrue/storage/contract/store_fixture.h"
#include "accrue/time/instant.h"

namespace accrue {
namespace {

using testing::StoreFixture;

const Currency kEur = Currency::FromCodeOrDie("EUR");
const Currency kUsd = Currency::FromCodeOrDie("USD");

absl::Time At(int m, int d, int h = 12) {
  return absl::FromCivil(absl::CivilSecond(2026, m, d, h, 0, 0), absl::UTCTimeZone());
}

class LedgerReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a_ = f_.NewTenant();
    Customer alice = Named("Alice", "EUR");
    Customer bob = Named("Bob", "EUR");
    Customer carol = Named("Carol", "USD");
    Plan pro = f_.NewPlan(a_, "pro", "EUR", "49.00", "month");
    Plan annual = f_.NewPlan(a_, "annual", "EUR", "1200.00", "year");
    Plan us = f_.NewPlan(a_, "us", "USD", "100.00", "month");
    f_.NewSubscription(a_, alice, pro, absl::CivilDay(2026, 1, 1));
    f_.NewSubscription(a_, bob, annual, absl::CivilDay(2026, 2, 15));
    Subscription carol_sub = f_.NewSubscription(a_, carol, us, absl::CivilDay(2026, 1, 10));

    Bill(At(1, 10));
    Recognize(At(2, 2), absl::CivilMonth(2026, 1));
    Bill(At(2, 15));
    f_.clock().Set(At(3, 5));
    f_.Write<Subscription>(
        [&](StoreTx& tx) { return CancelSubscription(tx, f_.services(), a_, carol_sub.id); });
    Bill(At(3, 10));
    f_.clock().Set(At(3, 12));
    f_.Write<Invoice>([&](StoreTx& tx) {
      return VoidInvoice(tx, f_.services(), a_, Find(alice.id, absl::CivilDay(2026, 2, 15)), "");
    });
    f_.clock().Set(At(3, 20));
    f_.Write<Invoice>([&](StoreTx& tx) {
      return MarkInvoiceUncollectible(tx, f_.services(), a_,
                                      Find(carol.id, absl::CivilDay(2026, 1, 10)), "");
    });
    Recognize(At(3, 31, 23), absl::CivilMonth(2026, 3));
  }

  Customer Named(const std::string& name, const char* currency) {
    CustomerFields fields;
    fields.name = name;
    fields.currency = currency;
    fields.time_zone = "UTC";
    return f_.Write<Customer>(
        [&](StoreTx& tx) { return CreateCustomer(tx, f_.services(), a_, fields); });
  }

  void Bill(absl::Time at) {
    f_.clock().Set(at);
    BillingRunOptions options;
    options.billing_at = at;
    ASSERT_OK(RunBilling(f_.services(), a_, options).status());
  }

  void Recognize(absl::Time at, absl::CivilMonth m) {
    f_.clock().Set(at);
    f_.Write<RecognitionRun>([&](StoreTx& tx) { return RunRecognition(tx, f_.services(), a_, m); });
  }

  InvoiceId Find(CustomerId customer, absl::CivilDay issued) {
    InvoiceFilter filter;
    filter.customer = customer;
    Result<Page<Invoice>> page = f_.Read<Page<Invoice>>([&](StoreTx& tx) {
      return ListInvoices(tx, a_, filter, PageRequest{100, {}});
    });
    for (const Invoice& inv : page->items) {
      if (inv.issue_date == issued) return inv.id;
    }
    ADD_FAILURE() << "no invoice issued " << FormatDate(issued);
    return InvoiceId();
  }

  template <typename T>
  T Read(const std::function<Result<T>(StoreTx&)>& fn) {
    Result<T> r = f_.Read<T>(fn);
    EXPECT_TRUE(r.ok()) << r.status();
    return *std::move(r);
  }

  StoreFixture f_;
  Actor a_;
};

TEST_F(LedgerReportsTest, TrialBalance) {
  auto tb = Read<ledger::TrialBalance>(
      [&](StoreTx& tx) { return TrialBalanceReport(tx, a_, absl::CivilDay(2026, 3, 31), false); });
  EXPECT_TRUE(tb.balanced);
  std::vector<std::tuple<std::string, std::string, int64_t, int64_t>> rows;
  for (const ledger::TrialBalanceRow& r : tb.rows) {
    rows.emplace_back(r.account.code, std::string(r.currency.code()), r.debit_minor,
                      r.credit_minor);
  }
  using Row = std::tuple<std::string, std::string, int64_t, int64_t>;
  EXPECT_EQ(rows, (std::vector<Row>{{"1100", "EUR", 129800, 0},
                                    {"1100", "USD", 10000, 0},
                                    {"2100", "EUR", 0, 105207},
                                    {"2100", "USD", 0, 0},
                                    {"4000-annual", "EUR", 0, 14793},
                                    {"4000-pro", "EUR", 0, 9800},
                                    {"4000-us", "USD", 0, 20000},
                                    {"6100", "USD", 10000, 0}}));
  ASSERT_EQ(tb.totals.size(), 2u);
  EXPECT_EQ(tb.totals[0].debit_minor, 129800);
  EXPECT_EQ(tb.totals[1].credit_minor, 20000);
  // Before anything happened in March.
  auto feb = Read<ledger::TrialBalance>(
      [&](StoreTx& tx) { return TrialBalanceReport(tx, a_, absl::CivilDay(2026, 2, 28), false); });
  EXPECT_TRUE(feb.balanced);
  EXPECT_EQ(feb.totals[0].debit_minor, 4900 + 4900 + 120000);
}

TEST_F(LedgerReportsTest, ArAging) {
  auto aging = Read<ledger::AgingReport>(
      [&](StoreTx& tx) { return ArAgingReport(tx, a_, absl::CivilDay(2026, 3, 31)); });
  ASSERT_EQ(aging.rows.size(), 3u);
  EXPECT_EQ(aging.rows[0].customer_name, "Alice");  // A1 due Feb 9 (50 days), A3 due Apr 9
  EXPECT_EQ(aging.rows[0].buckets_minor, (std::array<int64_t, 5>{4900, 0, 4900, 0, 0}));
  EXPECT_EQ(aging.rows[1].customer_name, "Bob");  // B1 due Mar 17: 14 days
  EXPECT_EQ(aging.rows[1].buckets_minor, (std::array<int64_t, 5>{0, 120000, 0, 0, 0}));
  EXPECT_EQ(aging.rows[2].customer_name, "Carol");  // C2 only: C1 was written off
  EXPECT_EQ(aging.rows[2].currency, kUsd);
  EXPECT_EQ(aging.rows[2].buckets_minor, (std::array<int64_t, 5>{0, 10000, 0, 0, 0}));
  ASSERT_EQ(aging.totals.size(), 2u);
  EXPECT_EQ(aging.totals[0].total_minor, 129800);  // = AR in the trial balance
  EXPECT_EQ(aging.totals[1].total_minor, 10000);
  // As of Feb 20 only what was issued by then, and A1 is 11 days late.
  auto earlier = Read<ledger::AgingReport>(
      [&](StoreTx& tx) { return ArAgingReport(tx, a_, absl::CivilDay(2026, 2, 20)); });
  EXPECT_EQ(earlier.rows[0].buckets_minor, (std::array<int64_t, 5>{0, 4900, 0, 0, 0}));
}

TEST_F(LedgerReportsTest, Dso) {
  auto dso = Read<DsoReport>(
      [&](StoreTx& tx) { return DsoReportFor(tx, a_, absl::CivilDay(2026, 3, 31), 90); });
  ASSERT_EQ(dso.rows.size(), 2u);
  EXPECT_EQ(dso.rows[0].receivable_minor, 129800);
  EXPECT_EQ(dso.rows[0].sales_minor, 134700);
  EXPECT_EQ(dso.rows[0].dso_days->ToString(), "86.7");  // 129800 / 134700 × 90
  EXPECT_EQ(dso.rows[1].dso_days->ToString(), "45");    // 10000 / 20000 × 90
  EXPECT_THAT(f_.Read<DsoReport>([&](StoreTx& tx) {
    return DsoReportFor(tx, a_, absl::CivilDay(2026, 3, 31), 0);
  }),
              testing::HasReason("parameter.out_of_range"));
}

TEST_F(LedgerReportsTest, DeferredRevenueWaterfall) {
  auto w =
      Read<DeferredRevenueReport>([&](StoreTx& tx) { return DeferredRevenueWaterfall(tx, a_); });
  EXPECT_EQ(w.recognized_through, absl::CivilMonth(2026, 3));
  std::vector<int64_t> amounts;
  for (const DeferredMonth& m : w.months) amounts.push_back(m.amount_minor);
  EXPECT_EQ(amounts, (std::vector<int64_t>{9863, 10191, 9863, 10191, 10191, 9863, 10191, 9863,
                                           10191, 10191, 4609}));
  EXPECT_EQ(w.months.front().month, absl::CivilMonth(2026, 4));
  EXPECT_EQ(w.months.back().month, absl::CivilMonth(2027, 2));
  ASSERT_EQ(w.totals.size(), 1u);
  EXPECT_EQ(w.totals[0].amount_minor, 105207);  // = deferred revenue in the trial balance
}

TEST_F(LedgerReportsTest, RecognizedRevenueByMonthAndPlan) {
  auto rows = Read<std::vector<RevenueRow>>([&](StoreTx& tx) {
    return RecognizedRevenueReport(tx, a_, absl::CivilMonth(2026, 1), absl::CivilMonth(2026, 3));
  });
  std::vector<std::tuple<std::string, std::string, std::string, int64_t>> got;
  for (const RevenueRow& r : rows) {
    got.emplace_back(ledger::FormatMonth(r.month), r.plan, std::string(r.currency.code()),
                     r.amount_minor);
  }
  using Row = std::tuple<std::string, std::string, std::string, int64_t>;
  EXPECT_EQ(got, (std::vector<Row>{{"2026-01", "pro", "EUR", 4900},
                                   {"2026-01", "us", "USD", 7096},
                                   {"2026-02", "annual", "EUR", 4602},
                                   {"2026-02", "us", "USD", 2904 + 6785},
                                   {"2026-03", "annual", "EUR", 10191},
                                   {"2026-03", "pro", "EUR", 4900},
                                   {"2026-03", "us", "USD", 3215}}));
}

TEST_F(LedgerReportsTest, MrrAndMovements) {
  auto months = Read<std::vector<ledger::MrrMonth>>([&](StoreTx& tx) {
    return MrrReport(tx, a_, absl::CivilMonth(2026, 1), absl::CivilMonth(2026, 3));
  });
  ASSERT_EQ(months.size(), 3u);
  // January: Alice 49 EUR and Carol 100 USD are new.
  ASSERT_EQ(months[0].by_currency.size(), 2u);
  EXPECT_EQ(months[0].by_currency[0].new_minor, 4900);
  EXPECT_EQ(months[0].by_currency[0].arr_minor, 58800);
  EXPECT_EQ(months[0].by_currency[1].new_minor, 10000);
  // February: Bob's 1200/year adds 100/month.
  EXPECT_EQ(months[1].by_currency[0].opening_minor, 4900);
  EXPECT_EQ(months[1].by_currency[0].new_minor, 10000);
  EXPECT_EQ(months[1].by_currency[0].closing_minor, 14900);
  EXPECT_EQ(months[1].by_currency[0].customers, 2);
  // March: Carol churned.
  EXPECT_EQ(months[2].by_currency[0].closing_minor, 14900);
  EXPECT_EQ(months[2].by_currency[1].churn_minor, 10000);
  EXPECT_EQ(months[2].by_currency[1].closing_minor, 0);
  EXPECT_EQ(months[2].by_currency[1].customers, 0);
}

TEST_F(LedgerReportsTest, JournalExportPagesInDateOrder) {
  std::vector<ledger::JournalEntry> all;
  JournalQuery q{absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 3, 31), {}, 3};
  while (true) {
    auto page = Read<Page<ledger::JournalEntry>>(
        [&](StoreTx& tx) { return ListJournalEntries(tx, a_, q); });
    all.insert(all.end(), page.items.begin(), page.items.end());
    if (!page.has_more) break;
    q.after = JournalCursor{page.items.back().effective_date, page.items.back().number};
  }
  // 6 finalizations, 1 void, 1 write-off, 3 recognition months.
  ASSERT_EQ(all.size(), 11u);
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_LE(std::make_pair(all[i - 1].effective_date, all[i - 1].number),
              std::make_pair(all[i].effective_date, all[i].number));
  }
  EXPECT_EQ(all.front().effective_date, absl::CivilDay(2026, 1, 10));
  EXPECT_EQ(all.back().kind, ledger::EntryKind::kRevenueRecognized);
  EXPECT_THAT(f_.Read<Page<ledger::JournalEntry>>([&](StoreTx& tx) {
    return ListJournalEntries(
        tx, a_, JournalQuery{absl::CivilDay(2026, 3, 1), absl::CivilDay(2026, 2, 1), {}, 10});
  }),
              testing::HasParam("to"));
}

}  // namespace
}  // namespace accrue
