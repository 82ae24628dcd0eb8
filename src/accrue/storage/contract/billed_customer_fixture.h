// One customer of one tenant with three monthly invoices of 49.00 EUR (January to March 2026,
// oldest first), and the checks that the books agree with the documents after money moves:
// the receivable equals what the invoices still ask for, cash what the payments kept, unapplied
// cash what they still hold. Shared by the payment and credit note contract tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "accrue/app/billing_run.h"
#include "accrue/app/invoices.h"
#include "accrue/app/payments.h"
#include "accrue/app/reports.h"
#include "accrue/storage/contract/store_fixture.h"
#include "testing/status_matchers.h"

namespace accrue::testing {

inline absl::Time NoonUtc(int y, int m, int d) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, 12, 0, 0), absl::UTCTimeZone());
}

class BilledCustomerTest : public ::testing::Test {
 protected:
  BilledCustomerTest() {
    f_.clock().Set(NoonUtc(2026, 1, 2));
    actor_ = f_.NewTenant();
    customer_ = f_.NewCustomer(actor_);
    Plan plan = f_.NewPlan(actor_, "pro", "EUR", "49.00");
    f_.NewSubscription(actor_, customer_, plan, absl::CivilDay(2026, 1, 1));
    BillingRunOptions options;
    options.billing_at = NoonUtc(2026, 3, 2);  // January, February, March
    EXPECT_TRUE(RunBilling(f_.services(), actor_, options).ok());
    Page<Invoice> page = *f_.Read<Page<Invoice>>([&](StoreTx& tx) {
      return ListInvoices(tx, actor_, InvoiceFilter{}, PageRequest{100, {}});
    });
    invoices_ = page.items;
    std::reverse(invoices_.begin(), invoices_.end());  // oldest first
  }

  Invoice Load(const Invoice& inv) {
    return *f_.Read<Invoice>([&](StoreTx& tx) { return GetInvoice(tx, actor_, inv.id); });
  }

  ledger::TrialBalance Tb() {
    return *f_.Read<ledger::TrialBalance>([&](StoreTx& tx) {
      return TrialBalanceReport(tx, actor_, absl::CivilDay(2026, 12, 31), false);
    });
  }

  // Debit minus credit of the EUR rows of `account` and its sub-accounts ("4000" takes
  // "4000-pro").
  static int64_t Net(const ledger::TrialBalance& tb, std::string_view account) {
    int64_t net = 0;
    for (const ledger::TrialBalanceRow& r : tb.rows) {
      if (r.account.code.starts_with(account) && r.currency.code() == "EUR") {
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
    // Receivable = what the invoices not written off still ask for.
    int64_t due = 0;
    for (const Invoice& inv : invoices_) {
      const Invoice now = Load(inv);
      if (!now.marked_uncollectible_at.has_value()) due += now.amount_due_minor;
    }
    EXPECT_EQ(Net(tb, "1100"), due);
    // Cash = what the payments kept; unapplied cash = what they still hold.
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

}  // namespace accrue::testing
