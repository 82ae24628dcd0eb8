#include "accrue/domain/ledger/journal_entry.h"

#include <gtest/gtest.h>

#include <set>

#include "accrue/domain/ledger/account.h"
#include "testing/status_matchers.h"

namespace accrue::ledger {
namespace {

const Currency kEur = Currency::FromCodeOrDie("EUR");
const Currency kUsd = Currency::FromCodeOrDie("USD");

TenantId Tenant() { return TenantId(UuidV7Generator(7).Next(absl::UnixEpoch())); }

JournalEntryBuilder Builder() {
  return JournalEntryBuilder(JournalEntryId(UuidV7Generator(3).Next(absl::UnixEpoch())), Tenant(),
                             EntryKind::kInvoiceFinalized, absl::FromUnixSeconds(1767225600),
                             absl::CivilDay(2026, 1, 1));
}

TEST(JournalEntryTest, BuildsBalancedEntryWithSignedPosts) {
  JournalEntry e = Builder()
                       .Debit("1100", Money::FromMinor(12000, kEur))
                       .Credit("2100", Money::FromMinor(10000, kEur))
                       .Post("4000-pro", Money::FromMinor(-2000, kEur))
                       .Credit("2200", Money::FromMinor(0, kEur))  // zero adds no line
                       .Build();
  ASSERT_EQ(e.lines.size(), 3u);
  EXPECT_EQ(e.lines[0], (JournalLine{"1100", kEur, 12000, 0}));
  EXPECT_EQ(e.lines[2], (JournalLine{"4000-pro", kEur, 0, 2000}));
  EXPECT_OK(CheckEntry(e));
}

TEST(JournalEntryTest, BalancesPerCurrencyNotAcrossCurrencies) {
  JournalEntry e = Builder()
                       .Debit("1100", Money::FromMinor(100, kEur))
                       .Credit("4000", Money::FromMinor(100, kEur))
                       .Debit("1100", Money::FromMinor(7, kUsd))
                       .Credit("4000", Money::FromMinor(7, kUsd))
                       .Build();
  EXPECT_OK(CheckEntry(e));
  e.lines[3].credit_minor = 6;
  e.lines[1].credit_minor = 101;  // the totals over all currencies still agree: not enough
  EXPECT_THAT(CheckEntry(e), testing::HasReason("ledger.unbalanced_entry"));
}

TEST(JournalEntryTest, CheckEntryRefusesMalformedLines) {
  JournalEntry e = Builder()
                       .Debit("1100", Money::FromMinor(100, kEur))
                       .Credit("4000", Money::FromMinor(100, kEur))
                       .Build();
  JournalEntry both = e;
  both.lines[0].credit_minor = 1;
  both.lines[1].credit_minor = 101;
  EXPECT_THAT(CheckEntry(both), testing::HasReason("ledger.malformed_entry"));
  JournalEntry zero = e;
  zero.lines[0].debit_minor = 0;
  zero.lines[1].credit_minor = 0;
  EXPECT_THAT(CheckEntry(zero), testing::HasReason("ledger.malformed_entry"));
  JournalEntry unknown = e;
  unknown.lines[1].account = "4999";
  EXPECT_THAT(CheckEntry(unknown), testing::HasReason("ledger.malformed_entry"));
  JournalEntry empty = e;
  empty.lines.clear();
  EXPECT_THAT(CheckEntry(empty), testing::HasReason("ledger.malformed_entry"));
}

TEST(JournalEntryDeathTest, BuildingAnUnbalancedEntryIsABug) {
  EXPECT_DEATH(Builder()
                   .Debit("1100", Money::FromMinor(100, kEur))
                   .Credit("4000", Money::FromMinor(99, kEur))
                   .Build(),
               "unbalanced|differ");
}

TEST(JournalEntryTest, ReversedSwapsSides) {
  std::vector<JournalLine> lines{{"1100", kEur, 5, 0}, {"4000", kEur, 0, 5}};
  std::vector<JournalLine> r = Reversed(lines);
  EXPECT_EQ(r[0], (JournalLine{"1100", kEur, 0, 5}));
  EXPECT_EQ(r[1], (JournalLine{"4000", kEur, 5, 0}));
}

TEST(JournalEntryTest, DerivedIdsAreDeterministicTimeOrderedV7) {
  UuidV7Generator ids(9);
  const Uuid inv1 = ids.Next(absl::UnixEpoch());
  const Uuid inv2 = ids.Next(absl::UnixEpoch());
  absl::Time at = absl::FromUnixMillis(1767225600123);
  JournalEntryId a = DeriveEntryId(EntryKind::kInvoiceFinalized, inv1, at);
  EXPECT_EQ(a, DeriveEntryId(EntryKind::kInvoiceFinalized, inv1, at));
  std::set<JournalEntryId> kinds;
  for (EntryKind k : {EntryKind::kInvoiceFinalized, EntryKind::kInvoiceVoided,
                      EntryKind::kInvoiceWrittenOff, EntryKind::kRevenueRecognized}) {
    kinds.insert(DeriveEntryId(k, inv1, at));
  }
  EXPECT_EQ(kinds.size(), 4u);
  EXPECT_NE(a, DeriveEntryId(EntryKind::kInvoiceFinalized, inv2, at));
  // The same kind of event at another time (a second write-off, later) is another entry.
  EXPECT_NE(a, DeriveEntryId(EntryKind::kInvoiceFinalized, inv1, at + absl::Milliseconds(1)));
  EXPECT_EQ(a.uuid().Version(), 7);
  // Entries of invoices made in order sort in that order (appends in storage).
  const Uuid later = ids.Next(absl::UnixEpoch() + absl::Milliseconds(5));
  EXPECT_LT(a, DeriveEntryId(EntryKind::kInvoiceFinalized, later, at));
}

TEST(JournalEntryTest, KindNamesRoundTrip) {
  for (EntryKind k : {EntryKind::kInvoiceFinalized, EntryKind::kInvoiceVoided,
                      EntryKind::kInvoiceWrittenOff, EntryKind::kRevenueRecognized}) {
    ASSERT_OK_AND_ASSIGN(EntryKind parsed, ParseEntryKind(EntryKindName(k)));
    EXPECT_EQ(parsed, k);
  }
  EXPECT_THAT(ParseEntryKind("payment"), testing::HasReason("ledger.kind_unknown"));
}

TEST(AccountTest, ResolvesDefaultsAndSubAccounts) {
  ASSERT_OK_AND_ASSIGN(Account ar, ResolveAccount("1100"));
  EXPECT_EQ(ar.type, AccountType::kAsset);
  EXPECT_TRUE(ar.monetary);
  EXPECT_EQ(NormalSide(ar.type), Side::kDebit);
  ASSERT_OK_AND_ASSIGN(Account plan, ResolveAccount("4000-pro.monthly_v2"));
  EXPECT_EQ(plan.type, AccountType::kRevenue);
  EXPECT_EQ(plan.parent, "4000");
  EXPECT_EQ(NormalSide(plan.type), Side::kCredit);
  ASSERT_OK_AND_ASSIGN(Account tax, ResolveAccount("2200-DE-19"));
  EXPECT_EQ(tax.type, AccountType::kLiability);
  for (const char* bad : {"", "4000-", "9999", "4001-x", "4000x", "4000-a b", "400"}) {
    EXPECT_THAT(ResolveAccount(bad), testing::HasReason("ledger.account_unknown")) << bad;
  }
  EXPECT_EQ(RevenueAccountFor(std::nullopt), "4000");
  EXPECT_EQ(RevenueAccountFor("pro"), "4000-pro");
  EXPECT_EQ(DefaultAccounts().size(), 10u);
}

}  // namespace
}  // namespace accrue::ledger
