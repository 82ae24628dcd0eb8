#include "accrue/domain/invoice_lifecycle.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue {
namespace {

using S = InvoiceStatus;

Invoice DraftWithOneLine(int64_t amount_minor) {
  Invoice inv;
  inv.id = InvoiceId(UuidV7Generator(1).Next(absl::UnixEpoch()));
  inv.currency = Currency::FromCodeOrDie("EUR");
  inv.net_terms_days = 14;
  InvoiceLine line;
  line.description = "Pro";
  line.quantity = Decimal::FromInt(1);
  line.unit_price = Decimal::FromMinor(amount_minor, 2);
  line.amount_minor = amount_minor;
  inv.lines.push_back(line);
  EXPECT_OK(ComputeTotals(inv));
  return inv;
}

TransitionContext Ctx() { return {"test", "", absl::FromUnixSeconds(1767225600)}; }

TEST(InvoiceLifecycleTest, FinalizeNumbersAndDatesTheDraft) {
  Invoice inv = DraftWithOneLine(4900);
  ASSERT_OK_AND_ASSIGN(InvoiceStatusChange change,
                       Finalize(inv, "INV-2026-000001", 1, absl::CivilDay(2026, 1, 1), Ctx()));
  EXPECT_EQ(inv.status, S::kOpen);
  EXPECT_EQ(*inv.number, "INV-2026-000001");
  EXPECT_EQ(*inv.sequence, 1);
  EXPECT_EQ(*inv.due_date, absl::CivilDay(2026, 1, 15));
  EXPECT_EQ(change.from, S::kDraft);
  EXPECT_EQ(change.to, S::kOpen);
  EXPECT_EQ(change.actor, "test");
  EXPECT_EQ(inv.amount_due_minor, 4900);
}

TEST(InvoiceLifecycleTest, FinalizeRefusesNonDraftsAndEmptyInvoices) {
  Invoice inv = DraftWithOneLine(100);
  ASSERT_OK(Finalize(inv, "A-1", 1, absl::CivilDay(2026, 1, 1), Ctx()).status());
  EXPECT_THAT(Finalize(inv, "A-2", 2, absl::CivilDay(2026, 1, 1), Ctx()),
              testing::HasReason("invoice.not_draft"));
  EXPECT_EQ(*inv.number, "A-1");  // untouched by the refused call
  Invoice empty = DraftWithOneLine(100);
  empty.lines.clear();
  EXPECT_THAT(Finalize(empty, "A-3", 3, absl::CivilDay(2026, 1, 1), Ctx()),
              testing::HasReason("invoice.no_lines"));
  EXPECT_FALSE(empty.number.has_value());
}

TEST(InvoiceLifecycleTest, ZeroInvoiceIsPaidOnIssue) {
  Invoice inv = DraftWithOneLine(0);
  ASSERT_OK_AND_ASSIGN(InvoiceStatusChange change,
                       Finalize(inv, "A-1", 1, absl::CivilDay(2026, 1, 1), Ctx()));
  EXPECT_EQ(inv.status, S::kPaid);
  EXPECT_EQ(change.to, S::kPaid);
}

TEST(InvoiceLifecycleTest, VoidOnlyWithoutPayments) {
  Invoice inv = DraftWithOneLine(100);
  ASSERT_OK(Finalize(inv, "A-1", 1, absl::CivilDay(2026, 1, 1), Ctx()).status());
  Invoice paid_some = inv;
  paid_some.amount_paid_minor = 10;
  EXPECT_THAT(Void(paid_some, Ctx()), testing::HasReason("invoice.has_payments"));
  ASSERT_OK(Void(inv, Ctx()).status());
  EXPECT_EQ(inv.status, S::kVoid);
  EXPECT_EQ(inv.amount_due_minor, 0);
  EXPECT_TRUE(inv.voided_at.has_value());
  EXPECT_THAT(Void(inv, Ctx()), testing::HasReason("invoice.invalid_transition"));
}

TEST(InvoiceLifecycleTest, MoveWithFactsRecordsRealMovesAndRefusesMissingEdges) {
  Invoice inv = DraftWithOneLine(100);
  ASSERT_OK(Finalize(inv, "A-1", 1, absl::CivilDay(2026, 1, 1), Ctx()).status());
  const TransitionContext later{"payments", "why", Ctx().now + absl::Hours(1)};
  // Already there: nothing recorded, but the invoice was touched.
  ASSERT_OK_AND_ASSIGN(std::optional<InvoiceStatusChange> none,
                       MoveWithFacts(inv, S::kOpen, later));
  EXPECT_FALSE(none.has_value());
  EXPECT_EQ(inv.updated_at, later.now);
  ASSERT_OK_AND_ASSIGN(std::optional<InvoiceStatusChange> paid,
                       MoveWithFacts(inv, S::kPaid, later));
  ASSERT_TRUE(paid.has_value());
  EXPECT_EQ(paid->from, S::kOpen);
  EXPECT_EQ(paid->to, S::kPaid);
  EXPECT_EQ(paid->actor, "payments");
  EXPECT_EQ(paid->reason, "why");
  EXPECT_EQ(inv.status, S::kPaid);
  // paid -> draft is no edge of the graph: an internal error, the status stays.
  EXPECT_THAT(MoveWithFacts(inv, S::kDraft, later),
              testing::HasReason("invoice.invalid_transition"));
  EXPECT_EQ(inv.status, S::kPaid);
}

TEST(InvoiceLifecycleTest, SendThenUncollectibleThenArchive) {
  Invoice inv = DraftWithOneLine(100);
  EXPECT_THAT(MarkSent(inv, Ctx()), testing::HasReason("invoice.not_finalized"));
  ASSERT_OK(Finalize(inv, "A-1", 1, absl::CivilDay(2026, 1, 1), Ctx()).status());
  EXPECT_THAT(Archive(inv, Ctx()), testing::HasReason("invoice.invalid_transition"));
  ASSERT_OK(MarkSent(inv, Ctx()).status());
  EXPECT_EQ(inv.delivery_status, DeliveryStatus::kSent);
  ASSERT_OK(MarkUncollectible(inv, Ctx()).status());
  ASSERT_OK(Archive(inv, Ctx()).status());
  EXPECT_EQ(inv.status, S::kArchived);
  // Archived is terminal.
  for (S to : {S::kDraft, S::kOpen, S::kSent, S::kPartiallyPaid, S::kPaid, S::kDisputed,
               S::kCredited, S::kVoid, S::kUncollectible, S::kArchived}) {
    EXPECT_FALSE(IsTransitionAllowed(S::kArchived, to));
  }
}

TEST(InvoiceLifecycleTest, NothingReturnsToDraft) {
  for (S from : {S::kOpen, S::kSent, S::kPartiallyPaid, S::kPaid, S::kDisputed, S::kCredited,
                 S::kVoid, S::kUncollectible, S::kArchived}) {
    EXPECT_FALSE(IsTransitionAllowed(from, S::kDraft)) << InvoiceStatusName(from);
  }
  EXPECT_TRUE(IsTransitionAllowed(S::kPaid, S::kDisputed));
  EXPECT_FALSE(IsTransitionAllowed(S::kVoid, S::kPaid));
}

TEST(InvoiceTotalsTest, CheckTotalsDetectsTampering) {
  Invoice inv = DraftWithOneLine(1234);
  EXPECT_OK(CheckTotals(inv));
  inv.total_minor += 1;
  EXPECT_THAT(CheckTotals(inv), testing::HasReason("invoice.totals_mismatch"));
}

TEST(InvoiceStatusTest, NamesRoundTrip) {
  for (S s : {S::kDraft, S::kOpen, S::kSent, S::kPartiallyPaid, S::kPaid, S::kDisputed,
              S::kCredited, S::kVoid, S::kUncollectible, S::kArchived}) {
    ASSERT_OK_AND_ASSIGN(S parsed, ParseInvoiceStatus(InvoiceStatusName(s)));
    EXPECT_EQ(parsed, s);
  }
  EXPECT_THAT(ParseInvoiceStatus("posted"), testing::HasParam("status"));
}

}  // namespace
}  // namespace accrue
