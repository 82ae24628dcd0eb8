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
#include "accrue/storage/contract/store_fixture.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using testing::HasReason;
using testing::StoreFixture;

const Currency kEur = Currency::FromCodeOrDie("EUR");

absl::Time At(int y, int m, int d) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, 12, 0, 0), absl::UTCTimeZone());
}

class CreditNotesTest : public ::testing::Test {
 protected:
  CreditNotesTest() {
    f_.clock().Set(At(2026, 1, 2));
    actor_ = f_.NewTenant();
    customer_ = f_.NewCustomer(actor_);
    Plan plan = f_.NewPlan(actor_, "pro", "EUR", "49.00");
    f_.NewSubscription(actor_, customer_, plan, absl::CivilDay(2026, 1, 1));
    BillingRunOptions options;
    options.billing_at = At(2026, 3, 2);  // January, February, March
    EXPECT_TRUE(RunBilling(f_.services(), actor_, options).ok());
    Page<Invoice> page = *f_.Read<Page<Invoice>>([&](StoreTx& tx) {
      return ListInvoices(tx, actor_, InvoiceFilter{}, PageRequest{100, {}});
    });
    invoices_ = page.items;
    std::reverse(invoices_.begin(), invoices_.end());  // oldest first
    f_.clock().Set(At(2026, 3, 10));
  }

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

  Invoice Load(const Invoice& inv) {
    return *f_.Read<Invoice>([&](StoreTx& tx) { return GetInvoice(tx, actor_, inv.id); });
  }

  Payment LoadPayment(PaymentId id) {
    return *f_.Read<Payment>([&](StoreTx& tx) { return GetPayment(tx, actor_, id); });
  }

  ledger::TrialBalance Tb() {
    return *f_.Read<ledger::TrialBalance>([&](StoreTx& tx) {
      return TrialBalanceReport(tx, actor_, absl::CivilDay(2026, 12, 31), false);
    });
  }

  static int64_t Net(const ledger::TrialBalance& tb, std::string_view account) {
    int64_t net = 0;
    for (const ledger::TrialBalanceRow& r : tb.rows) {
      if (r.account.code.starts_with(account) && r.currency == kEur) {
        net += r.debit_minor - r.credit_minor;
      }
    }
    return net;
  }

  void ExpectLedgerConsistent() {
    ledger::TrialBalance tb = Tb();
    EXPECT_TRUE(tb.balanced);
    ASSERT_OK(
        f_.store().Read([&](StoreTx& tx) { return tx.ledger().VerifyBalances(actor_.tenant); }));
    int64_t due = 0;
    int64_t billed_net = 0;
    for (const Invoice& inv : invoices_) {
      const Invoice now = Load(inv);
      due += now.amount_due_minor;
      billed_net += now.total_minor - now.amount_credited_minor;
    }
    EXPECT_EQ(Net(tb, "1100"), due);
    // No tax here: revenue (recognized + deferred) is what was billed less what was credited.
    EXPECT_EQ(-(Net(tb, "2100") + Net(tb, "4000")), billed_net);
    Page<Payment> payments = *f_.Read<Page<Payment>>([&](StoreTx& tx) {
      return ListPayments(tx, actor_, PaymentFilter{}, PageRequest{100, {}});
    });
    int64_t kept = 0;
    int64_t unapplied = 0;
    for (const Payment& p : payments.items) {
      kept += p.amount_minor - p.refunded_minor - p.reversed_minor;
      unapplied += p.unapplied_minor();
    }
    EXPECT_EQ(Net(tb, "1000"), kept);
    EXPECT_EQ(Net(tb, "1200"), -unapplied);
  }

  StoreFixture f_;
  Actor actor_;
  Customer customer_;
  std::vector<Invoice> invoices_;
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
  ExpectLedgerConsistent();
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
  ExpectLedgerConsistent();
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
  ExpectLedgerConsistent();
  // The customer credit pays the next invoice.
  ASSERT_OK(f_.TryWrite<Payment>([&](StoreTx& tx) {
                return ApplyPayment(tx, f_.services(), actor_, p.id,
                                    {{invoices_[1].id.ToString(), std::nullopt}});
              })
                .status());
  EXPECT_EQ(Load(invoices_[1]).amount_due_minor, 2900);
  ExpectLedgerConsistent();
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
  ExpectLedgerConsistent();
}

TEST_F(CreditNotesTest, CreditedRevenueIsNotRecognizedLater) {
  // January's invoice is credited by half before any month is closed: closing January
  // recognizes only the other half, and the schedule's deferred balance is gone afterwards.
  ASSERT_OK(Credit(invoices_[0], "24.50").status());
  ExpectLedgerConsistent();
  ASSERT_OK(f_.TryWrite<RecognitionRun>([&](StoreTx& tx) {
                return RunRecognition(tx, f_.services(), actor_, absl::CivilMonth(2026, 3));
              })
                .status());
  ledger::TrialBalance tb = Tb();
  EXPECT_EQ(Net(tb, "2100"), 0);  // every service month is recognized, nothing left deferred
  EXPECT_EQ(-Net(tb, "4000"), 3 * 4900 - 2450);
  ExpectLedgerConsistent();
  // After the close, a credit takes revenue back directly.
  ASSERT_OK(Credit(invoices_[1], "10.00").status());
  EXPECT_EQ(-Net(Tb(), "4000"), 3 * 4900 - 2450 - 1000);
  EXPECT_EQ(Net(Tb(), "2100"), 0);
  ExpectLedgerConsistent();
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
