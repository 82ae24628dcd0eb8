#include "accrue/domain/banking/statement.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue::banking {
namespace {

using ::accrue::testing::HasReason;

const Currency kEur = Currency::FromCodeOrDie("EUR");
Money Eur(int64_t cents) { return Money::FromMinor(cents, kEur); }

Entry MakeEntry(int64_t cents, EntryStatus status = EntryStatus::kBooked) {
  Entry e;
  e.amount = Eur(cents);
  e.status = status;
  return e;
}

Statement MakeStatement() {
  Statement s;
  s.id = "S1";
  s.currency = kEur;
  s.opening = Balance{Eur(10000), absl::CivilDay(2026, 1, 1)};
  s.closing = Balance{Eur(10500), absl::CivilDay(2026, 1, 31)};
  s.entries = {MakeEntry(1000), MakeEntry(-500)};
  return s;
}

TEST(CheckBalancesTest, OpeningPlusEntriesIsClosing) { EXPECT_OK(CheckBalances(MakeStatement())); }

TEST(CheckBalancesTest, PendingEntriesDoNotMoveTheBookedBalance) {
  Statement s = MakeStatement();
  s.entries.push_back(MakeEntry(99999, EntryStatus::kPending));
  EXPECT_OK(CheckBalances(s));
}

TEST(CheckBalancesTest, OneCentOffIsUnbalanced) {
  Statement s = MakeStatement();
  s.closing->amount = Eur(10501);
  Status status = CheckBalances(s);
  EXPECT_THAT(status, HasReason("bank.statement.unbalanced"));
  EXPECT_EQ(ErrorParam(status), "balance");
  EXPECT_NE(status.message().find("difference 0.01"), absl::string_view::npos) << status;
}

TEST(CheckBalancesTest, BalanceInAnotherCurrency) {
  Statement s = MakeStatement();
  s.closing->amount = Money::FromMinor(10500, Currency::FromCodeOrDie("SEK"));
  EXPECT_THAT(CheckBalances(s), HasReason("bank.statement.balance_currency"));
}

TEST(CheckBalancesTest, EntryInAnotherCurrency) {
  Statement s = MakeStatement();
  s.entries[0].amount = Money::FromMinor(1000, Currency::FromCodeOrDie("USD"));
  EXPECT_THAT(CheckBalances(s), HasReason("bank.statement.balance_currency"));
}

TEST(CheckBalancesTest, NothingToCheckWithoutBothBalances) {
  Statement s = MakeStatement();
  s.closing.reset();
  s.entries.push_back(MakeEntry(12345));
  EXPECT_OK(CheckBalances(s));
}

TEST(CheckBalancesTest, OverflowIsAnErrorNotAWrap) {
  Statement s = MakeStatement();
  s.entries = {MakeEntry(INT64_MAX), MakeEntry(INT64_MAX)};
  EXPECT_THAT(CheckBalances(s), HasReason("amount.overflow"));
}

}  // namespace
}  // namespace accrue::banking
