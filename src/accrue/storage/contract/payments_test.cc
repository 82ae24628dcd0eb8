// Payments against a real store: money received, applied, taken back, refunded and reversed —
// each move updates the payment, the invoice and its history, and posts one balanced entry, in
// one transaction; nothing is half-applied and nothing is lost.
#include <gtest/gtest.h>

#include <algorithm>

#include "accrue/app/billing_run.h"
#include "accrue/app/invoices.h"
#include "accrue/app/payments.h"
#include "accrue/app/reports.h"
#include "accrue/base/strings.h"
#include "accrue/storage/contract/billed_customer_fixture.h"
#include "testing/status_matchers.h"

namespace accrue {
namespace {

using testing::HasReason;

const Currency kEur = Currency::FromCodeOrDie("EUR");

class PaymentsTest : public testing::BilledCustomerTest {
 protected:
  Result<Payment> Record(const std::string& amount,
                         std::vector<PaymentApplicationFields> apply_to = {}) {
    PaymentFields f;
    f.customer = customer_.id.ToString();
    f.amount = amount;
    f.reference = "RF18 5390 0754 7034";
    f.apply_to = std::move(apply_to);
    return f_.TryWrite<Payment>(
        [&](StoreTx& tx) { return RecordPayment(tx, f_.services(), actor_, f); });
  }
};

TEST_F(PaymentsTest, RecordedMoneyIsUnappliedCashUntilApplied) {
  ASSERT_EQ(invoices_.size(), 3u);
  ASSERT_OK_AND_ASSIGN(Payment p, Record("100.00"));
  EXPECT_EQ(p.amount_minor, 10000);
  EXPECT_EQ(p.unapplied_minor(), 10000);
  EXPECT_EQ(p.currency, kEur);  // the customer's
  EXPECT_EQ(p.received_at, f_.clock().Now());
  ExpectLedgerConsistent();
  EXPECT_EQ(Net(Tb(), "1000"), 10000);
  EXPECT_EQ(Net(Tb(), "1200"), -10000);
}

TEST_F(PaymentsTest, OnePaymentForSeveralInvoicesPartialLast) {
  // 49 + 49 + 2: the third invoice is partially paid.
  ASSERT_OK_AND_ASSIGN(Payment p, Record("100.00", {{invoices_[0].id.ToString(), std::nullopt},
                                                    {invoices_[1].id.ToString(), std::nullopt},
                                                    {invoices_[2].id.ToString(), std::nullopt}}));
  EXPECT_EQ(p.applied_minor, 10000);
  EXPECT_EQ(p.unapplied_minor(), 0);
  EXPECT_EQ(Load(invoices_[0]).status, InvoiceStatus::kPaid);
  EXPECT_TRUE(Load(invoices_[0]).paid_at.has_value());
  EXPECT_EQ(Load(invoices_[1]).status, InvoiceStatus::kPaid);
  Invoice third = Load(invoices_[2]);
  EXPECT_EQ(third.status, InvoiceStatus::kPartiallyPaid);
  EXPECT_EQ(third.amount_paid_minor, 200);
  EXPECT_EQ(third.amount_due_minor, 4700);
  ExpectLedgerConsistent();

  std::vector<InvoiceStatusChange> history = *f_.Read<std::vector<InvoiceStatusChange>>(
      [&](StoreTx& tx) { return InvoiceHistory(tx, actor_, invoices_[0].id); });
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].from, InvoiceStatus::kOpen);
  EXPECT_EQ(history[1].to, InvoiceStatus::kPaid);

  std::vector<PaymentEvent> on_third = *f_.Read<std::vector<PaymentEvent>>(
      [&](StoreTx& tx) { return ListInvoicePaymentEvents(tx, actor_, invoices_[2].id); });
  ASSERT_EQ(on_third.size(), 1u);
  EXPECT_EQ(on_third[0].amount_minor, 200);
  EXPECT_EQ(on_third[0].payment_id, p.id);
}

TEST_F(PaymentsTest, OverpaymentStaysOnThePaymentAndCanBeAppliedLater) {
  ASSERT_OK_AND_ASSIGN(Payment p, Record("60.00", {{invoices_[0].id.ToString(), std::nullopt}}));
  EXPECT_EQ(p.unapplied_minor(), 1100);  // 60.00 - 49.00: not lost
  Payment later = f_.Write<Payment>([&](StoreTx& tx) {
    return ApplyPayment(tx, f_.services(), actor_, p.id,
                        {{invoices_[1].id.ToString(), std::string("11.00")}});
  });
  EXPECT_EQ(later.unapplied_minor(), 0);
  EXPECT_EQ(Load(invoices_[1]).amount_due_minor, 3800);
  ExpectLedgerConsistent();
}

TEST_F(PaymentsTest, RefusalsChangeNothing) {
  ASSERT_OK_AND_ASSIGN(Payment p, Record("10.00"));
  auto apply = [&](const Invoice& inv, std::optional<std::string> amount) {
    return f_.TryWrite<Payment>([&](StoreTx& tx) {
      return ApplyPayment(tx, f_.services(), actor_, p.id, {{inv.id.ToString(), amount}});
    });
  };
  EXPECT_THAT(apply(invoices_[0], "10.01"), HasReason("payment.exceeds_unapplied"));
  EXPECT_THAT(apply(invoices_[0], "0.00"), HasReason("parameter.out_of_range"));
  EXPECT_THAT(apply(invoices_[0], "1.001"), HasReason("amount.too_many_decimals"));
  // More than is due: a second payment that would overpay one invoice.
  ASSERT_OK_AND_ASSIGN(Payment big, Record("100.00"));
  EXPECT_THAT(f_.TryWrite<Payment>([&](StoreTx& tx) {
    return ApplyPayment(tx, f_.services(), actor_, big.id,
                        {{invoices_[0].id.ToString(), std::string("49.01")}});
  }),
              HasReason("payment.exceeds_amount_due"));
  // All or nothing: the first application is fine, the second is not.
  EXPECT_THAT(f_.TryWrite<Payment>([&](StoreTx& tx) {
    return ApplyPayment(tx, f_.services(), actor_, big.id,
                        {{invoices_[0].id.ToString(), std::string("10.00")},
                         {invoices_[1].id.ToString(), std::string("49.01")}});
  }),
              HasReason("payment.exceeds_amount_due"));
  EXPECT_EQ(Load(invoices_[0]).amount_paid_minor, 0);
  // Another currency.
  Customer usd = f_.NewCustomer(actor_, "USD", "America/New_York");
  PaymentFields other;
  other.customer = customer_.id.ToString();
  other.currency = "USD";
  other.amount = "49.00";
  other.apply_to = {{invoices_[0].id.ToString(), std::nullopt}};
  Result<Payment> mismatch = f_.TryWrite<Payment>(
      [&](StoreTx& tx) { return RecordPayment(tx, f_.services(), actor_, other); });
  EXPECT_THAT(mismatch, HasReason("payment.currency_mismatch"));
  EXPECT_EQ(ErrorParam(mismatch.status()), "apply_to[0].invoice");
  // Another customer's payment.
  PaymentFields stranger;
  stranger.customer = usd.id.ToString();
  stranger.amount = "49.00";
  stranger.apply_to = {{invoices_[0].id.ToString(), std::nullopt}};
  EXPECT_THAT(f_.TryWrite<Payment>(
                  [&](StoreTx& tx) { return RecordPayment(tx, f_.services(), actor_, stranger); }),
              HasReason("payment.other_customer"));
  // In the future.
  PaymentFields future;
  future.customer = customer_.id.ToString();
  future.amount = "1.00";
  future.received_at = "2030-01-01T00:00:00Z";
  EXPECT_THAT(f_.TryWrite<Payment>(
                  [&](StoreTx& tx) { return RecordPayment(tx, f_.services(), actor_, future); }),
              HasReason("payment.received_in_future"));
  ExpectLedgerConsistent();
}

TEST_F(PaymentsTest, VoidAndDraftInvoicesTakeNoPayment) {
  ASSERT_OK_AND_ASSIGN(Payment p, Record("49.00"));
  f_.Write<Invoice>([&](StoreTx& tx) {
    return VoidInvoice(tx, f_.services(), actor_, invoices_[0].id, "duplicate");
  });
  EXPECT_THAT(f_.TryWrite<Payment>([&](StoreTx& tx) {
    return ApplyPayment(tx, f_.services(), actor_, p.id, {{invoices_[0].id.ToString(), {}}});
  }),
              HasReason("invoice.not_payable"));
  // A paid invoice cannot be voided (credit it instead).
  f_.Write<Payment>([&](StoreTx& tx) {
    return ApplyPayment(tx, f_.services(), actor_, p.id, {{invoices_[1].id.ToString(), {}}});
  });
  EXPECT_THAT(f_.TryWrite<Invoice>([&](StoreTx& tx) {
    return VoidInvoice(tx, f_.services(), actor_, invoices_[1].id, "");
  }),
              HasReason("invoice.invalid_transition"));
}

TEST_F(PaymentsTest, UnapplyReopensTheInvoice) {
  ASSERT_OK_AND_ASSIGN(Payment p, Record("49.00", {{invoices_[0].id.ToString(), std::nullopt}}));
  ASSERT_EQ(Load(invoices_[0]).status, InvoiceStatus::kPaid);
  Payment partly = f_.Write<Payment>([&](StoreTx& tx) {
    return UnapplyPayment(tx, f_.services(), actor_, p.id, invoices_[0].id, "9.00", "wrong split");
  });
  EXPECT_EQ(partly.unapplied_minor(), 900);
  EXPECT_EQ(Load(invoices_[0]).status, InvoiceStatus::kPartiallyPaid);
  EXPECT_FALSE(Load(invoices_[0]).paid_at.has_value());
  Payment none = f_.Write<Payment>([&](StoreTx& tx) {
    return UnapplyPayment(tx, f_.services(), actor_, p.id, invoices_[0].id, std::nullopt, "");
  });
  EXPECT_EQ(none.applied_minor, 0);
  EXPECT_EQ(Load(invoices_[0]).status, InvoiceStatus::kOpen);
  EXPECT_EQ(Load(invoices_[0]).amount_due_minor, 4900);
  EXPECT_THAT(f_.TryWrite<Payment>([&](StoreTx& tx) {
    return UnapplyPayment(tx, f_.services(), actor_, p.id, invoices_[0].id, std::nullopt, "");
  }),
              HasReason("payment.not_applied_to_invoice"));
  ExpectLedgerConsistent();
}

TEST_F(PaymentsTest, RefundOnlyWhatIsUnapplied) {
  ASSERT_OK_AND_ASSIGN(Payment p, Record("60.00", {{invoices_[0].id.ToString(), std::nullopt}}));
  EXPECT_THAT(f_.TryWrite<Payment>([&](StoreTx& tx) {
    return RefundPayment(tx, f_.services(), actor_, p.id, std::string("11.01"), "");
  }),
              HasReason("payment.refund_exceeds_unapplied"));
  Payment refunded = f_.Write<Payment>([&](StoreTx& tx) {
    return RefundPayment(tx, f_.services(), actor_, p.id, std::nullopt, "overpaid");
  });
  EXPECT_EQ(refunded.refunded_minor, 1100);
  EXPECT_EQ(refunded.status, PaymentStatus::kSucceeded);  // 49.00 still applied
  ExpectLedgerConsistent();
  EXPECT_EQ(Net(Tb(), "1000"), 4900);
}

TEST_F(PaymentsTest, ReversalUnappliesEverythingAndTakesTheCashBack) {
  f_.Write<Invoice>(
      [&](StoreTx& tx) { return MarkInvoiceSent(tx, f_.services(), actor_, invoices_[0].id); });
  ASSERT_OK_AND_ASSIGN(Payment p, Record("80.00", {{invoices_[0].id.ToString(), std::nullopt},
                                                   {invoices_[1].id.ToString(), std::nullopt}}));
  Payment reversed = f_.Write<Payment>([&](StoreTx& tx) {
    return ReversePayment(tx, f_.services(), actor_, p.id, "chargeback");
  });
  EXPECT_EQ(reversed.status, PaymentStatus::kReversed);
  EXPECT_EQ(reversed.applied_minor, 0);
  EXPECT_EQ(reversed.reversed_minor, 8000);
  EXPECT_EQ(Load(invoices_[0]).status, InvoiceStatus::kSent);  // it had been sent
  EXPECT_EQ(Load(invoices_[1]).status, InvoiceStatus::kOpen);
  EXPECT_EQ(Load(invoices_[1]).amount_due_minor, 4900);
  ExpectLedgerConsistent();
  EXPECT_EQ(Net(Tb(), "1000"), 0);
  EXPECT_THAT(f_.TryWrite<Payment>([&](StoreTx& tx) {
    return ReversePayment(tx, f_.services(), actor_, p.id, "again");
  }),
              HasReason("payment.not_usable"));
  std::vector<PaymentEvent> events = *f_.Read<std::vector<PaymentEvent>>(
      [&](StoreTx& tx) { return ListPaymentEvents(tx, actor_, p.id); });
  ASSERT_EQ(events.size(), 5u);  // applied ×2, unapplied ×2, reversed
  EXPECT_EQ(events[4].kind, PaymentEventKind::kReversed);
  EXPECT_EQ(events[4].reason, "chargeback");
}

TEST_F(PaymentsTest, LatePaymentOfAWrittenOffInvoiceIsARecovery) {
  f_.Write<Invoice>([&](StoreTx& tx) {
    return MarkInvoiceUncollectible(tx, f_.services(), actor_, invoices_[0].id, "gone quiet");
  });
  EXPECT_EQ(Net(Tb(), "6100"), 4900);
  ASSERT_OK_AND_ASSIGN(Payment p, Record("49.00", {{invoices_[0].id.ToString(), std::nullopt}}));
  EXPECT_EQ(Load(invoices_[0]).status, InvoiceStatus::kPaid);
  EXPECT_EQ(Net(Tb(), "6100"), 0);  // bad debt recovered, receivable untouched
  ExpectLedgerConsistent();
  // Taken back again: the invoice is uncollectible once more, and so is the bad debt.
  f_.Write<Payment>([&](StoreTx& tx) {
    return UnapplyPayment(tx, f_.services(), actor_, p.id, invoices_[0].id, std::nullopt, "");
  });
  EXPECT_EQ(Load(invoices_[0]).status, InvoiceStatus::kUncollectible);
  EXPECT_EQ(Net(Tb(), "6100"), 4900);
  ExpectLedgerConsistent();
}

TEST_F(PaymentsTest, ListsFilterByCustomerAndStatus) {
  ASSERT_OK_AND_ASSIGN(Payment kept, Record("10.00"));
  ASSERT_OK_AND_ASSIGN(Payment refunded, Record("20.00"));
  f_.Write<Payment>([&](StoreTx& tx) {
    return RefundPayment(tx, f_.services(), actor_, refunded.id, std::nullopt, "");
  });
  Customer other = f_.NewCustomer(actor_);
  PaymentFields theirs;
  theirs.customer = other.id.ToString();
  theirs.amount = "30.00";
  ASSERT_OK(f_.TryWrite<Payment>(
                  [&](StoreTx& tx) { return RecordPayment(tx, f_.services(), actor_, theirs); })
                .status());
  auto list = [&](PaymentFilter filter) {
    std::vector<int64_t> amounts;
    Page<Payment> page = *f_.Read<Page<Payment>>(
        [&](StoreTx& tx) { return ListPayments(tx, actor_, filter, PageRequest{100, {}}); });
    for (const Payment& p : page.items) amounts.push_back(p.amount_minor);
    return amounts;
  };
  EXPECT_EQ(list({}), (std::vector<int64_t>{3000, 2000, 1000}));  // newest first
  EXPECT_EQ(list({customer_.id, std::nullopt}), (std::vector<int64_t>{2000, 1000}));
  EXPECT_EQ(list({std::nullopt, PaymentStatus::kRefunded}), (std::vector<int64_t>{2000}));
  EXPECT_EQ(list({customer_.id, PaymentStatus::kSucceeded}), (std::vector<int64_t>{1000}));
  EXPECT_EQ(kept.status, PaymentStatus::kSucceeded);
}

TEST_F(PaymentsTest, AnotherTenantSeesNothing) {
  ASSERT_OK_AND_ASSIGN(Payment p, Record("10.00"));
  Actor other = f_.NewTenant("Other");
  EXPECT_THAT(f_.Read<Payment>([&](StoreTx& tx) { return GetPayment(tx, other, p.id); }),
              HasReason("payment.not_found"));
  EXPECT_THAT(f_.TryWrite<Payment>([&](StoreTx& tx) {
    return RefundPayment(tx, f_.services(), other, p.id, std::nullopt, "");
  }),
              HasReason("payment.not_found"));
  Page<Payment> none = *f_.Read<Page<Payment>>([&](StoreTx& tx) {
    return ListPayments(tx, other, PaymentFilter{}, PageRequest{100, {}});
  });
  EXPECT_TRUE(none.items.empty());
}

}  // namespace
}  // namespace accrue
