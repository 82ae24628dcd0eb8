#include "accrue/domain/ledger/postings.h"

#include <gtest/gtest.h>

#include "accrue/domain/ledger/account.h"
#include "testing/status_matchers.h"

namespace accrue::ledger {
namespace {

const Currency kEur = Currency::FromCodeOrDie("EUR");
const absl::TimeZone kUtc = absl::UTCTimeZone();

struct Fixture {
  UuidV7Generator ids{5};
  TenantId tenant = TenantId(ids.Next(absl::UnixEpoch()));
  PlanId plan = PlanId(ids.Next(absl::UnixEpoch()));
  absl::flat_hash_map<PlanId, std::string> codes{{plan, "pro"}};

  InvoiceLine Line(int64_t amount, std::optional<absl::CivilDay> from = std::nullopt,
                   std::optional<absl::CivilDay> to = std::nullopt, bool with_plan = true) {
    InvoiceLine l;
    l.id = InvoiceLineId(ids.Next(absl::UnixEpoch()));
    l.quantity = Decimal::FromInt(1);
    l.unit_price = Decimal::FromMinor(amount, 2);
    l.amount_minor = amount;
    if (from.has_value()) l.period_start = absl::FromCivil(*from, kUtc);
    if (to.has_value()) l.period_end = absl::FromCivil(*to, kUtc);
    if (with_plan) l.plan_id = plan;
    return l;
  }

  Invoice Make(std::vector<InvoiceLine> lines) {
    Invoice inv;
    inv.id = InvoiceId(ids.Next(absl::UnixEpoch()));
    inv.tenant_id = tenant;
    inv.currency = kEur;
    inv.number = "INV-1";
    inv.lines = std::move(lines);
    EXPECT_OK(ComputeTotals(inv));
    return inv;
  }

  InvoicePostingContext Ctx(std::optional<absl::CivilMonth> closed = std::nullopt) {
    return InvoicePostingContext{absl::FromUnixSeconds(1767225600),
                                 absl::CivilDay(2026, 1, 1),
                                 kUtc,
                                 &codes,
                                 closed,
                                 std::nullopt};
  }
};

TEST(PostingsTest, FinalizationDefersServicePeriodsAndRecognizesPointInTimeLines) {
  Fixture f;
  Invoice inv = f.Make({f.Line(120000, absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 4, 1)),
                        f.Line(500, std::nullopt, std::nullopt, false)});
  InvoicePosting p = PostInvoiceFinalized(inv, f.Ctx());
  ASSERT_TRUE(p.entry.has_value());
  EXPECT_EQ(p.entry->kind, EntryKind::kInvoiceFinalized);
  EXPECT_EQ(p.entry->source_id, inv.id.ToString());
  EXPECT_EQ(p.entry->lines,
            (std::vector<JournalLine>{
                {"1100", kEur, 120500, 0}, {"2100", kEur, 0, 120000}, {"4000", kEur, 0, 500}}));
  ASSERT_EQ(p.schedule.size(), 3u);
  for (const ScheduleItem& s : p.schedule) {
    EXPECT_EQ(s.amount_minor, 40000);
    EXPECT_EQ(s.account, "4000-pro");
    EXPECT_FALSE(s.recognized_at_posting);
  }
}

TEST(PostingsTest, MonthsAlreadyRecognizedAreCreditedToRevenueAtOnce) {
  Fixture f;
  Invoice inv = f.Make({f.Line(120000, absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 4, 1))});
  InvoicePosting p = PostInvoiceFinalized(inv, f.Ctx(absl::CivilMonth(2026, 2)));
  EXPECT_EQ(p.entry->lines, (std::vector<JournalLine>{{"1100", kEur, 120000, 0},
                                                      {"2100", kEur, 0, 40000},
                                                      {"4000-pro", kEur, 0, 80000}}));
  EXPECT_TRUE(p.schedule[0].recognized_at_posting);
  EXPECT_TRUE(p.schedule[1].recognized_at_posting);
  EXPECT_FALSE(p.schedule[2].recognized_at_posting);
}

TEST(PostingsTest, ZeroInvoicePostsNothing) {
  Fixture f;
  Invoice inv = f.Make({f.Line(0)});
  EXPECT_FALSE(PostInvoiceFinalized(inv, f.Ctx()).entry.has_value());
}

TEST(PostingsTest, VoidReversesEverythingPostedAndTheRecognizedRevenue) {
  Fixture f;
  Invoice inv = f.Make({f.Line(120000, absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 4, 1))});
  JournalEntry fin = *PostInvoiceFinalized(inv, f.Ctx()).entry;
  inv.amount_due_minor = inv.total_minor;
  JournalEntry wo = *PostInvoiceWrittenOff(inv, absl::FromUnixSeconds(1770000000),
                                           absl::CivilDay(2026, 2, 2), std::nullopt);
  EXPECT_EQ(wo.lines,
            (std::vector<JournalLine>{{"6100", kEur, 120000, 0}, {"1100", kEur, 0, 120000}}));
  std::optional<JournalEntry> v =
      PostInvoiceVoided(inv, {fin, wo}, {{"4000-pro", kEur, 40000}},
                        absl::FromUnixSeconds(1772000000), absl::CivilDay(2026, 2, 25));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->kind, EntryKind::kInvoiceVoided);
  // Net over all three entries: every account is back to zero for this invoice.
  std::map<std::string, int64_t> net;
  for (const JournalEntry* e : {&fin, &wo, &*v}) {
    for (const JournalLine& l : e->lines) net[l.account] += l.debit_minor - l.credit_minor;
  }
  // ... except what recognition moved, which the void moves back: 2100 was debited 40000 by
  // the run (not in this list), so here it shows -40000 and 4000-pro +40000.
  EXPECT_EQ(net["1100"], 0);
  EXPECT_EQ(net["6100"], 0);
  EXPECT_EQ(net["2100"], -40000);
  EXPECT_EQ(net["4000-pro"], 40000);
  EXPECT_FALSE(
      PostInvoiceVoided(inv, {}, {}, absl::FromUnixSeconds(1772000000), absl::CivilDay(2026, 2, 25))
          .has_value());
}

TEST(PostingsTest, RecognitionMovesDeferredToEachRevenueAccount) {
  Fixture f;
  const Currency usd = Currency::FromCodeOrDie("USD");
  std::optional<JournalEntry> e = PostRevenueRecognized(
      JournalEntryId(f.ids.Next(absl::UnixEpoch())), f.tenant, absl::CivilMonth(2026, 2),
      {{"4000-pro", kEur, 700}, {"4000-basic", kEur, 300}, {"4000-pro", usd, 50}},
      absl::FromUnixSeconds(1772000000));
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->effective_date, absl::CivilDay(2026, 2, 28));
  EXPECT_EQ(e->source_id, "2026-02");
  EXPECT_EQ(e->lines, (std::vector<JournalLine>{{"2100", kEur, 1000, 0},
                                                {"2100", usd, 50, 0},
                                                {"4000-pro", kEur, 0, 700},
                                                {"4000-basic", kEur, 0, 300},
                                                {"4000-pro", usd, 0, 50}}));
  EXPECT_FALSE(PostRevenueRecognized(JournalEntryId(f.ids.Next(absl::UnixEpoch())), f.tenant,
                                     absl::CivilMonth(2026, 2), {}, absl::UnixEpoch())
                   .has_value());
}

}  // namespace
}  // namespace accrue::ledger
