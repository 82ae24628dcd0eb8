// Credit notes against a real store: each note is numbered in its own gapless series, updates
// the invoice and its history, returns the paid part through the payments, and posts one
// balanced entry whose revenue side undoes the invoice's schedule — after every move the
// receivable, cash, unapplied cash and deferred revenue agree with the documents.
#include <gtest/gtest.h>

#include <algorithm>

#include "accrue/app/billing_run.h"
#include "accrue/app/credit_notes.h"
#include "accrue/app/invoices.h"
#include "accrue/app/payments.h"
#include "accrue/app/recognition.h"
#include "accrue/app/reports.h"
#include "accrue/base/strings.h"
#include "accrue/storage/contract/billed_customer_fixture.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using testing::HasReason;

class CreditNotesTest : public testing::BilledCustomerTest {
 protected:
  CreditNotesTest() { f_.clock().Set(testing::NoonUtc(2026, 3, 10)); }

  Result<CreditNote> Credit(const Invoice& inv, std::optional<std::string> amount,
                            bool refund = false) {
    CreditNoteFields f;
    f.invoice = inv.id.ToString();
    f.amount = std::move(amount);
    f.reason = "order_change";
    f.refund = refund;
    return f_.TryWrite<CreditNote>(
        [&](StoreTx& tx) { return IssueCreditNote(tx, f_.services(), actor_, f); });
  }

  Result<Payment> Pay(const Invoice& inv, const std::string& amount) {
    PaymentFields f;
    f.customer = customer_.id.ToString();
    f.amount = amount;
    f.apply_to = {{inv.id.ToString(), std::nullopt}};
    return f_.TryWrite<Payment>(
        [&](StoreTx& tx) { return RecordPayment(tx, f_.services(), actor_, f); });
  }

  Payment LoadPayment(PaymentId id) {
    return *f_.Read<Payment>([&](StoreTx& tx) { return GetPayment(tx, actor_, id); });
  }

  // Receivable, cash and unapplied cash (the fixture's checks), and revenue: with no tax here,
  // revenue recognized plus deferred is what was billed less what was credited.
  void ExpectBooksAgree() {
    ExpectLedgerConsistent();
    int64_t billed_net = 0;
    for (const Invoice& inv : invoices_) {
      const Invoice now = Load(inv);
      billed_net += now.total_minor - now.amount_credited_minor;
    }
    const ledger::TrialBalance tb = Tb();
    EXPECT_EQ(-(Net(tb, "2100") + Net(tb, "4000")), billed_net);
  }
};

TEST_F(CreditNotesTest, FullCreditOfAnOpenInvoice) {
  ASSERT_EQ(invoices_.size(), 3u);
  ASSERT_OK_AND_ASSIGN(CreditNote n, Credit(invoices_[0], std::nullopt));
  EXPECT_EQ(n.number, "CN-2026-000001");
  EXPECT_EQ(n.total_minor, 4900);
  EXPECT_EQ(n.due_reduced_minor, 4900);
  EXPECT_EQ(n.returned_minor, 0);
  const Invoice inv = Load(invoices_[0]);
  EXPECT_EQ(inv.status, InvoiceStatus::kCredited);
  EXPECT_EQ(inv.amount_due_minor, 0);
  EXPECT_EQ(inv.amount_credited_minor, 4900);
  ExpectBooksAgree();
  // Stored as issued, and listed with its invoice.
  ASSERT_OK_AND_ASSIGN(CreditNote back, f_.Read<CreditNote>([&](StoreTx& tx) {
    return GetCreditNote(tx, actor_, n.id);
  }));
  EXPECT_EQ(back.number, n.number);
  ASSERT_EQ(back.lines.size(), 1u);
  EXPECT_EQ(back.lines[0].invoice_line_id, inv.lines[0].id);
  EXPECT_EQ(back.reason, CreditNoteReason::kOrderChange);
  auto history = *f_.Read<std::vector<InvoiceStatusChange>>(
      [&](StoreTx& tx) { return tx.invoices().ListStatusChanges(actor_.tenant, inv.id); });
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().to, InvoiceStatus::kCredited);
  EXPECT_EQ(history.back().reason, "credit note CN-2026-000001");
  // Nothing left to credit, and a credited invoice cannot be voided.
  EXPECT_THAT(Credit(invoices_[0], std::nullopt), HasReason("invoice.not_creditable"));
}

TEST_F(CreditNotesTest, NumbersAreGaplessAndFailedAttemptsTakeNone) {
  ASSERT_OK_AND_ASSIGN(CreditNote a, Credit(invoices_[0], "10.00"));
  EXPECT_THAT(Credit(invoices_[1], "100.00"), HasReason("credit_note.exceeds_creditable"));
  ASSERT_OK_AND_ASSIGN(CreditNote b, Credit(invoices_[1], "10.00"));
  ASSERT_OK_AND_ASSIGN(CreditNote c, Credit(invoices_[0], "5.00"));
  EXPECT_EQ(a.number, "CN-2026-000001");
  EXPECT_EQ(b.number, "CN-2026-000002");
  EXPECT_EQ(c.number, "CN-2026-000003");
  EXPECT_EQ(Load(invoices_[0]).amount_due_minor, 4900 - 1500);
  ExpectBooksAgree();
  Page<CreditNote> of_first = *f_.Read<Page<CreditNote>>([&](StoreTx& tx) {
    CreditNoteFilter filter;
    filter.invoice = invoices_[0].id;
    return ListCreditNotes(tx, actor_, filter, PageRequest{10, {}});
  });
  ASSERT_EQ(of_first.items.size(), 2u);
  EXPECT_EQ(of_first.items[0].id, c.id);  // newest first
}

TEST_F(CreditNotesTest, CreditingAPaidInvoiceLeavesTheMoneyWithTheCustomer) {
  ASSERT_OK_AND_ASSIGN(Payment p, Pay(invoices_[0], "49.00"));
  ASSERT_EQ(Load(invoices_[0]).status, InvoiceStatus::kPaid);
  ASSERT_OK_AND_ASSIGN(CreditNote n, Credit(invoices_[0], "20.00"));
  EXPECT_EQ(n.due_reduced_minor, 0);
  EXPECT_EQ(n.returned_minor, 2000);
  EXPECT_FALSE(n.refunded);
  const Invoice inv = Load(invoices_[0]);
  EXPECT_EQ(inv.status, InvoiceStatus::kPaid);
  EXPECT_EQ(inv.amount_paid_minor, 2900);
  EXPECT_EQ(inv.amount_due_minor, 0);
  EXPECT_EQ(LoadPayment(p.id).unapplied_minor(), 2000);  // customer credit
  ExpectBooksAgree();
  // The customer credit pays the next invoice.
  ASSERT_OK(f_.TryWrite<Payment>([&](StoreTx& tx) {
                return ApplyPayment(tx, f_.services(), actor_, p.id,
                                    {{invoices_[1].id.ToString(), std::nullopt}});
              })
                .status());
  EXPECT_EQ(Load(invoices_[1]).amount_due_minor, 2900);
  ExpectBooksAgree();
}

TEST_F(CreditNotesTest, RefundSendsThePaidPartBack) {
  ASSERT_OK_AND_ASSIGN(Payment p, Pay(invoices_[0], "30.00"));  // partially paid
  ASSERT_OK_AND_ASSIGN(CreditNote n, Credit(invoices_[0], std::nullopt, /*refund=*/true));
  EXPECT_EQ(n.total_minor, 4900);
  EXPECT_EQ(n.due_reduced_minor, 1900);
  EXPECT_EQ(n.returned_minor, 3000);
  EXPECT_TRUE(n.refunded);
  EXPECT_EQ(Load(invoices_[0]).status, InvoiceStatus::kCredited);
  const Payment after = LoadPayment(p.id);
  EXPECT_EQ(after.refunded_minor, 3000);
  EXPECT_EQ(after.status, PaymentStatus::kRefunded);
  ExpectBooksAgree();
}

TEST_F(CreditNotesTest, CreditedRevenueIsNotRecognizedLater) {
  // January's invoice is credited by half before any month is closed: closing January
  // recognizes only the other half, and the schedule's deferred balance is gone afterwards.
  ASSERT_OK(Credit(invoices_[0], "24.50").status());
  ExpectBooksAgree();
  ASSERT_OK(f_.TryWrite<RecognitionRun>([&](StoreTx& tx) {
                return RunRecognition(tx, f_.services(), actor_, absl::CivilMonth(2026, 3));
              })
                .status());
  ledger::TrialBalance tb = Tb();
  EXPECT_EQ(Net(tb, "2100"), 0);  // every service month is recognized, nothing left deferred
  EXPECT_EQ(-Net(tb, "4000"), 3 * 4900 - 2450);
  ExpectBooksAgree();
  // After the close, a credit takes revenue back directly.
  ASSERT_OK(Credit(invoices_[1], "10.00").status());
  EXPECT_EQ(-Net(Tb(), "4000"), 3 * 4900 - 2450 - 1000);
  EXPECT_EQ(Net(Tb(), "2100"), 0);
  ExpectBooksAgree();
}

TEST_F(CreditNotesTest, AnotherTenantsInvoiceIsNotFound) {
  Actor other = f_.NewTenant();
  CreditNoteFields f;
  f.invoice = invoices_[0].id.ToString();
  EXPECT_THAT(f_.TryWrite<CreditNote>(
                  [&](StoreTx& tx) { return IssueCreditNote(tx, f_.services(), other, f); }),
              HasReason("invoice.not_found"));
  EXPECT_EQ(Load(invoices_[0]).amount_credited_minor, 0);
}

}  // namespace
}  // namespace accrue
