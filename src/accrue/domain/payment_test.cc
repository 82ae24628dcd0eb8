#include "accrue/domain/payment.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace accrue {
namespace {

using testing::HasReason;

const Currency kEur = Currency::FromCodeOrDie("EUR");
const absl::Time kNow = absl::FromUnixSeconds(1767225600);

PaymentEventId EventId(uint64_t n) {
  std::string bytes(16, '\0');
  bytes[15] = static_cast<char>(n);
  bytes[6] = 0x70;
  return PaymentEventId(Uuid::FromBytes(bytes));
}

struct Fixture {
  Payment payment;
  Invoice invoice;
  Fixture(int64_t paid_minor, int64_t due_minor) {
    payment.tenant_id = TenantId(Uuid::FromBytes(std::string(16, '\x01')));
    payment.customer_id = CustomerId(Uuid::FromBytes(std::string(16, '\x02')));
    payment.currency = kEur;
    payment.amount_minor = paid_minor;
    invoice.tenant_id = payment.tenant_id;
    invoice.customer_id = payment.customer_id;
    invoice.currency = kEur;
    invoice.status = InvoiceStatus::kOpen;
    InvoiceLine line;
    line.amount_minor = due_minor;
    line.quantity = Decimal::FromInt(1);
    invoice.lines.push_back(line);
    EXPECT_TRUE(ComputeTotals(invoice).ok());
  }
};

TEST(PaymentTest, NewPaymentsNeedAPositiveAmount) {
  Fixture f(0, 100);
  EXPECT_THAT(CheckNewPayment(f.payment), HasReason("parameter.out_of_range"));
  f.payment.amount_minor = 1;
  EXPECT_TRUE(CheckNewPayment(f.payment).ok());
  f.payment.reference = std::string(kPaymentReferenceLengthMax + 1, 'x');
  EXPECT_THAT(CheckNewPayment(f.payment), HasReason("parameter.too_long"));
}

TEST(PaymentTest, PartialThenFullApplication) {
  Fixture f(10000, 4900);
  ASSERT_OK_AND_ASSIGN(PaymentMove first,
                       ApplyToInvoice(f.payment, f.invoice, 900, EventId(1), "api", "", kNow));
  EXPECT_EQ(f.invoice.status, InvoiceStatus::kPartiallyPaid);
  EXPECT_EQ(f.invoice.amount_due_minor, 4000);
  ASSERT_TRUE(first.status_change.has_value());
  EXPECT_EQ(first.status_change->from, InvoiceStatus::kOpen);
  EXPECT_EQ(first.event.kind, PaymentEventKind::kApplied);
  EXPECT_EQ(first.event.amount_minor, 900);
  EXPECT_EQ(first.event.against, AppliedAgainst::kReceivable);
  ASSERT_OK_AND_ASSIGN(PaymentMove second,
                       ApplyToInvoice(f.payment, f.invoice, 4000, EventId(2), "api", "", kNow));
  EXPECT_EQ(f.invoice.status, InvoiceStatus::kPaid);
  EXPECT_EQ(f.invoice.paid_at, kNow);
  EXPECT_EQ(f.payment.unapplied_minor(), 5100);
  // Paid: nothing more is due, and the check on the status comes first.
  EXPECT_THAT(ApplyToInvoice(f.payment, f.invoice, 1, EventId(3), "api", "", kNow),
              HasReason("invoice.not_payable"));
}

TEST(PaymentTest, RefusalsLeaveBothValuesAlone) {
  Fixture f(1000, 4900);
  const Payment before = f.payment;
  EXPECT_THAT(ApplyToInvoice(f.payment, f.invoice, 1001, EventId(1), "api", "", kNow),
              HasReason("payment.exceeds_unapplied"));
  f.payment.amount_minor = 10000;
  EXPECT_THAT(ApplyToInvoice(f.payment, f.invoice, 4901, EventId(1), "api", "", kNow),
              HasReason("payment.exceeds_amount_due"));
  EXPECT_THAT(ApplyToInvoice(f.payment, f.invoice, 0, EventId(1), "api", "", kNow),
              HasReason("parameter.out_of_range"));
  f.invoice.currency = Currency::FromCodeOrDie("USD");
  EXPECT_THAT(ApplyToInvoice(f.payment, f.invoice, 100, EventId(1), "api", "", kNow),
              HasReason("payment.currency_mismatch"));
  f.invoice.currency = kEur;
  f.invoice.status = InvoiceStatus::kDraft;
  EXPECT_THAT(ApplyToInvoice(f.payment, f.invoice, 100, EventId(1), "api", "", kNow),
              HasReason("invoice.not_payable"));
  EXPECT_EQ(f.payment.applied_minor, before.applied_minor);
  EXPECT_EQ(f.invoice.amount_paid_minor, 0);
}

TEST(PaymentTest, UnapplyReturnsToWhatTheFactsSay) {
  Fixture f(4900, 4900);
  f.invoice.delivery_status = DeliveryStatus::kSent;
  f.invoice.status = InvoiceStatus::kSent;
  ASSERT_TRUE(ApplyToInvoice(f.payment, f.invoice, 4900, EventId(1), "api", "", kNow).ok());
  EXPECT_THAT(UnapplyFromInvoice(f.payment, f.invoice, 4901, 4900, AppliedAgainst::kReceivable,
                                 EventId(2), "api", "", kNow),
              HasReason("payment.exceeds_applied"));
  ASSERT_OK_AND_ASSIGN(PaymentMove back,
                       UnapplyFromInvoice(f.payment, f.invoice, 4900, 4900,
                                          AppliedAgainst::kReceivable, EventId(2), "api", "x",
                                          kNow));
  EXPECT_EQ(f.invoice.status, InvoiceStatus::kSent);
  EXPECT_FALSE(f.invoice.paid_at.has_value());
  EXPECT_EQ(back.event.kind, PaymentEventKind::kUnapplied);
  EXPECT_EQ(f.payment.unapplied_minor(), 4900);
}

TEST(PaymentTest, WrittenOffInvoicesAreRecoveries) {
  Fixture f(4900, 4900);
  f.invoice.status = InvoiceStatus::kUncollectible;
  f.invoice.marked_uncollectible_at = kNow;
  ASSERT_OK_AND_ASSIGN(PaymentMove move,
                       ApplyToInvoice(f.payment, f.invoice, 100, EventId(1), "api", "", kNow));
  EXPECT_EQ(move.event.against, AppliedAgainst::kBadDebt);
  EXPECT_EQ(f.invoice.status, InvoiceStatus::kPartiallyPaid);
  ASSERT_TRUE(UnapplyFromInvoice(f.payment, f.invoice, 100, 100, AppliedAgainst::kBadDebt,
                                 EventId(2), "api", "", kNow)
                  .ok());
  EXPECT_EQ(f.invoice.status, InvoiceStatus::kUncollectible);
}

TEST(PaymentTest, RefundAndReverse) {
  Fixture f(5000, 4900);
  ASSERT_TRUE(ApplyToInvoice(f.payment, f.invoice, 4900, EventId(1), "api", "", kNow).ok());
  EXPECT_THAT(Refund(f.payment, 101, EventId(2), "api", "", kNow),
              HasReason("payment.refund_exceeds_unapplied"));
  ASSERT_OK_AND_ASSIGN(PaymentEvent refund, Refund(f.payment, 100, EventId(2), "api", "", kNow));
  EXPECT_EQ(refund.kind, PaymentEventKind::kRefunded);
  EXPECT_EQ(f.payment.status, PaymentStatus::kSucceeded);  // 49.00 still applied
  EXPECT_THAT(Reverse(f.payment, EventId(3), "api", "", kNow), HasReason("payment.still_applied"));
  ASSERT_TRUE(UnapplyFromInvoice(f.payment, f.invoice, 4900, 4900, AppliedAgainst::kReceivable,
                                 EventId(4), "api", "", kNow)
                  .ok());
  ASSERT_OK_AND_ASSIGN(PaymentEvent reversed, Reverse(f.payment, EventId(5), "bank", "R01", kNow));
  EXPECT_EQ(reversed.amount_minor, 4900);
  EXPECT_EQ(f.payment.status, PaymentStatus::kReversed);
  EXPECT_EQ(f.payment.unapplied_minor(), 0);
  EXPECT_THAT(Refund(f.payment, 1, EventId(6), "api", "", kNow), HasReason("payment.not_usable"));
  // A payment refunded in full, with nothing applied, is refunded.
  Fixture g(300, 100);
  ASSERT_TRUE(Refund(g.payment, 300, EventId(7), "api", "", kNow).ok());
  EXPECT_EQ(g.payment.status, PaymentStatus::kRefunded);
  EXPECT_THAT(Reverse(g.payment, EventId(8), "api", "", kNow), HasReason("payment.not_usable"));
}

TEST(PaymentTest, NamesRoundTrip) {
  for (PaymentMethod m : {PaymentMethod::kBankTransfer, PaymentMethod::kCard,
                          PaymentMethod::kDirectDebit, PaymentMethod::kCash, PaymentMethod::kCheck,
                          PaymentMethod::kOther}) {
    EXPECT_EQ(*ParsePaymentMethod(PaymentMethodName(m)), m);
  }
  EXPECT_THAT(ParsePaymentMethod("gold"), HasReason("payment_method.unknown"));
  EXPECT_EQ(*ParsePaymentStatus("reversed"), PaymentStatus::kReversed);
  EXPECT_EQ(*ParsePaymentEventKind("unapplied"), PaymentEventKind::kUnapplied);
  for (AppliedAgainst a : {AppliedAgainst::kReceivable, AppliedAgainst::kBadDebt}) {
    EXPECT_EQ(*ParseAppliedAgainst(AppliedAgainstName(a)), a);
  }
  EXPECT_FALSE(ParseAppliedAgainst("cash").ok());
}

}  // namespace
}  // namespace accrue
