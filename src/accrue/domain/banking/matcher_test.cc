#include "accrue/domain/banking/matcher.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accrue/domain/banking/creditor_reference.h"
#include "testing/status_matchers.h"

namespace accrue::banking {
namespace {

using ::accrue::testing::HasReason;

const Currency kEur = Currency::FromCodeOrDie("EUR");
Money Eur(int64_t cents) { return Money::FromMinor(cents, kEur); }

OpenInvoice Inv(int seq, std::string customer, int64_t cents, int due_day = 10) {
  OpenInvoice inv;
  inv.amount_due = Eur(cents);
  inv.id = "inv_" + std::to_string(seq);
  inv.number = fmt::format("INV-2026-{:06d}", seq);
  inv.customer_id = "cus_" + customer;
  inv.customer_name = customer;
  inv.due_date = absl::CivilDay(2026, 3, due_day);
  return inv;
}

struct Fixture {
  std::vector<OpenInvoice> invoices;
  std::vector<KnownPayer> payers;
  Statement statement;

  Entry& Credit(int64_t cents, std::vector<std::string> remittance = {}, std::string payer = "",
                std::string iban = "") {
    Entry e;
    e.amount = Eur(cents);
    e.booking_date = absl::CivilDay(2026, 3, 12);
    e.remittance_lines = std::move(remittance);
    e.counterparty.name = std::move(payer);
    e.counterparty.iban = std::move(iban);
    statement.entries.push_back(std::move(e));
    return statement.entries.back();
  }

  std::vector<MatchResult> Run(MatchPolicy policy = {}) {
    Result<InvoiceNumberPattern> pattern = InvoiceNumberPattern::FromFormat("INV-{YYYY}-{SEQ:6}");
    EXPECT_TRUE(pattern.ok());
    Result<InvoiceIndex> index = InvoiceIndex::Build(invoices, payers, *pattern);
    EXPECT_TRUE(index.ok()) << index.status();
    std::vector<PaymentLine> lines = PaymentLines(statement);
    return Reconcile(lines, *index, policy);
  }
};

TEST(MatcherTest, MangledReferenceAndExactAmountIsApplied) {
  Fixture f;
  f.invoices = {Inv(123, "Acme GmbH", 11900), Inv(124, "Globex", 11900)};
  f.Credit(11900, {"Zahlung inv 2026", "000123 danke"}, "Someone Else");
  std::vector<MatchResult> r = f.Run();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].decision, Decision::kApplied) << r[0].reason;
  EXPECT_EQ(r[0].evidence, Evidence::kReference);
  EXPECT_GE(r[0].confidence, kConfidenceReferenceExactAmount);
  ASSERT_EQ(r[0].allocations.size(), 1u);
  EXPECT_EQ(r[0].allocations[0].invoice, 0u);
  EXPECT_EQ(r[0].allocations[0].amount, Eur(11900));
}

TEST(MatcherTest, RfReferenceInStructuredField) {
  Fixture f;
  f.invoices = {Inv(1, "Acme", 5000), Inv(2, "Acme", 5000)};
  f.invoices[1].rf_reference = *MakeRf("20260000002");
  Entry& e = f.Credit(5000);
  e.creditor_reference = FormatRfForPrint(f.invoices[1].rf_reference);
  std::vector<MatchResult> r = f.Run();
  ASSERT_EQ(r[0].decision, Decision::kApplied) << r[0].reason;
  EXPECT_EQ(r[0].allocations[0].invoice, 1u);
}

TEST(MatcherTest, OnePaymentForThreeInvoices) {
  Fixture f;
  f.invoices = {Inv(1, "Acme", 1000), Inv(2, "Acme", 2000), Inv(3, "Acme", 3000),
                Inv(4, "Acme", 6000)};
  f.Credit(6000, {"INV-2026-000001 INV-2026-000002", "INV-2026-000003"});
  std::vector<MatchResult> r = f.Run();
  ASSERT_EQ(r[0].decision, Decision::kApplied) << r[0].reason;
  ASSERT_EQ(r[0].allocations.size(), 3u);
  int64_t sum = 0;
  for (const Allocation& a : r[0].allocations) sum += a.amount.minor_units();
  EXPECT_EQ(sum, 6000);
}

TEST(MatcherTest, PartialPaymentNeedsThePayerToAgree) {
  Fixture f;
  f.invoices = {Inv(7, "Acme Trading GmbH", 10000)};
  f.Credit(4000, {"INV-2026-000007 1st instalment"}, "ACME TRADING");
  f.Credit(4000, {"INV-2026-000007"}, "Totally Unrelated Ltd");
  std::vector<MatchResult> r = f.Run();
  ASSERT_EQ(r[0].decision, Decision::kApplied) << r[0].reason;
  EXPECT_EQ(r[0].allocations[0].amount, Eur(4000));
  EXPECT_EQ(r[1].decision, Decision::kQueued);
  EXPECT_EQ(r[1].reason, "reconcile.partial_uncorroborated");
  ASSERT_FALSE(r[1].candidates.empty());
  EXPECT_EQ(r[1].candidates[0].invoice, 0u);
}

TEST(MatcherTest, SecondPaymentOfAPaidInvoiceIsQueued) {
  Fixture f;
  f.invoices = {Inv(7, "Acme", 10000)};
  f.Credit(10000, {"INV-2026-000007"});
  f.Credit(10000, {"INV-2026-000007"});
  std::vector<MatchResult> r = f.Run();
  EXPECT_EQ(r[0].decision, Decision::kApplied);
  EXPECT_EQ(r[1].decision, Decision::kQueued);
  EXPECT_EQ(r[1].reason, "reconcile.already_paid");
}

TEST(MatcherTest, OverpaymentLeavesUnappliedCash) {
  Fixture f;
  f.invoices = {Inv(7, "Acme", 10000)};
  f.payers = {{"DE02120300000000202051", "cus_Acme"}};
  f.Credit(10050, {"INV-2026-000007"}, "", "DE02 1203 0000 0000 2020 51");
  std::vector<MatchResult> r = f.Run();
  ASSERT_EQ(r[0].decision, Decision::kApplied) << r[0].reason;
  ASSERT_TRUE(r[0].unapplied.has_value());
  EXPECT_EQ(*r[0].unapplied, Eur(50));
}

TEST(MatcherTest, AmountAndKnownIbanWithoutReference) {
  Fixture f;
  f.invoices = {Inv(1, "Acme", 4900), Inv(2, "Globex", 4900)};
  f.payers = {{"DE02120300000000202051", "cus_Globex"}};
  f.Credit(4900, {"monthly fee"}, "G. Payments Dept", "DE02120300000000202051");
  std::vector<MatchResult> r = f.Run();
  ASSERT_EQ(r[0].decision, Decision::kApplied) << r[0].reason;
  EXPECT_EQ(r[0].evidence, Evidence::kAmountAndCustomer);
  EXPECT_EQ(r[0].allocations[0].invoice, 1u);
}

TEST(MatcherTest, SameCustomerTwoEqualInvoicesIsAmbiguousOldestFirst) {
  Fixture f;
  f.invoices = {Inv(1, "Acme", 4900, 20), Inv(2, "Acme", 4900, 5)};
  f.Credit(4900, {}, "ACME");
  std::vector<MatchResult> r = f.Run();
  EXPECT_EQ(r[0].decision, Decision::kQueued);
  EXPECT_EQ(r[0].reason, "reconcile.ambiguous");
  ASSERT_EQ(r[0].candidates.size(), 2u);
  EXPECT_EQ(r[0].candidates[0].invoice, 1u);  // due on the 5th
}

TEST(MatcherTest, SimilarNameAndAmountIsQueuedNotApplied) {
  Fixture f;
  f.invoices = {Inv(1, "Hoffmann Logistik Nord GmbH", 12345), Inv(2, "Globex", 12345)};
  f.Credit(12345, {}, "HOFFMAN LOGISTIK");
  std::vector<MatchResult> r = f.Run();
  EXPECT_EQ(r[0].decision, Decision::kQueued);
  EXPECT_EQ(r[0].reason, "reconcile.low_confidence");
  ASSERT_FALSE(r[0].candidates.empty());
  EXPECT_EQ(r[0].candidates[0].invoice, 0u);
  EXPECT_EQ(r[0].evidence, Evidence::kAmountDateName);
}

TEST(MatcherTest, TypoNamingAnotherInvoiceOfThePayerIsQueued) {
  Fixture f;
  f.invoices = {Inv(123, "Acme", 5000), Inv(132, "Acme", 7000)};
  f.Credit(5000, {"INV-2026-000132"}, "Acme");  // meant 000123
  std::vector<MatchResult> r = f.Run();
  EXPECT_EQ(r[0].decision, Decision::kQueued);
  EXPECT_EQ(r[0].reason, "reconcile.reference_amount_conflict");
  ASSERT_FALSE(r[0].candidates.empty());
  EXPECT_EQ(r[0].candidates[0].invoice, 0u);
}

TEST(MatcherTest, UnknownPayerAndDebitsAndPending) {
  Fixture f;
  f.invoices = {Inv(1, "Acme", 5000)};
  f.Credit(777, {"donation"}, "Nobody");
  f.Credit(-5000, {"INV-2026-000001"});
  f.Credit(5000, {"INV-2026-000001"}).status = EntryStatus::kPending;
  std::vector<MatchResult> r = f.Run();
  EXPECT_EQ(r[0].reason, "reconcile.no_candidate");
  EXPECT_TRUE(r[0].candidates.empty());
  EXPECT_EQ(r[1].decision, Decision::kSkipped);
  EXPECT_EQ(r[1].reason, "reconcile.not_a_credit");
  EXPECT_EQ(r[2].reason, "reconcile.not_booked");
}

TEST(MatcherTest, KnownPayerWrongAmountOffersTheirInvoices) {
  Fixture f;
  f.invoices = {Inv(1, "Acme", 5000), Inv(2, "Acme", 9000)};
  f.Credit(8900, {}, "ACME");
  std::vector<MatchResult> r = f.Run();
  EXPECT_EQ(r[0].reason, "reconcile.amount_mismatch");
  ASSERT_EQ(r[0].candidates.size(), 2u);
  EXPECT_EQ(r[0].candidates[0].invoice, 1u);  // 90.00 is closest to 89.00
}

TEST(MatcherTest, ReferenceToInvoiceInAnotherCurrency) {
  Fixture f;
  f.invoices = {Inv(1, "Acme", 5000)};
  f.invoices[0].amount_due = Money::FromMinor(5000, Currency::FromCodeOrDie("USD"));
  f.Credit(5000, {"INV-2026-000001"});
  std::vector<MatchResult> r = f.Run();
  EXPECT_EQ(r[0].reason, "reconcile.currency_mismatch");
}

TEST(MatcherTest, ThresholdIsTheTenants) {
  Fixture f;
  f.invoices = {Inv(1, "Acme", 5000)};
  f.Credit(5000, {"INV-2026-000001"});
  MatchPolicy strict;
  strict.auto_apply_confidence_min = 100;
  std::vector<MatchResult> r = f.Run(strict);
  EXPECT_EQ(r[0].decision, Decision::kQueued);
  EXPECT_EQ(r[0].reason, "reconcile.low_confidence");
}

TEST(MatcherTest, BatchEntrySplitsIntoItsPayments) {
  Fixture f;
  f.invoices = {Inv(1, "Acme", 1000), Inv(2, "Globex", 2000)};
  Entry& e = f.Credit(3000);
  TransactionDetails a;
  a.amount = Eur(1000);
  a.remittance_lines = {"INV-2026-000001"};
  TransactionDetails b;
  b.amount = Eur(2000);
  b.remittance_lines = {"INV-2026-000002"};
  e.details = {a, b};
  std::vector<MatchResult> r = f.Run();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].decision, Decision::kApplied);
  EXPECT_EQ(r[1].decision, Decision::kApplied);
  EXPECT_EQ(r[1].allocations[0].invoice, 1u);
}

TEST(MatcherTest, ExtremeAmountsDoNotOverflow) {
  Fixture f;
  f.invoices = {Inv(1, "Acme", INT64_MAX), Inv(2, "Acme", INT64_MAX)};
  f.Credit(INT64_MAX, {"INV-2026-000001 INV-2026-000002"}, "Acme");
  f.Credit(INT64_MAX, {}, "Acme");
  std::vector<MatchResult> r = f.Run();
  EXPECT_EQ(r[0].decision, Decision::kQueued);
  EXPECT_EQ(r[0].reason, "reconcile.partial_several");
  EXPECT_EQ(r[1].reason, "reconcile.ambiguous");
}

TEST(InvoiceIndexTest, RejectsBadInvoices) {
  ASSERT_OK_AND_ASSIGN(InvoiceNumberPattern p,
                       InvoiceNumberPattern::FromFormat("INV-{YYYY}-{SEQ:6}"));
  std::vector<OpenInvoice> dup = {Inv(1, "A", 100), Inv(1, "B", 100)};
  EXPECT_THAT(InvoiceIndex::Build(dup, {}, p), HasReason("reconcile.bad_invoice"));
  std::vector<OpenInvoice> zero = {Inv(1, "A", 0)};
  EXPECT_THAT(InvoiceIndex::Build(zero, {}, p), HasReason("reconcile.bad_invoice"));
}

}  // namespace
}  // namespace accrue::banking
