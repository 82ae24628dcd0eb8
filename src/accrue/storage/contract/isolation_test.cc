// Tenant isolation at the storage port: no repository returns another tenant's row, whatever id
// it is given.
#include <gtest/gtest.h>

#include "accrue/app/billing_run.h"
#include "accrue/app/invoices.h"
#include "accrue/storage/contract/store_fixture.h"

namespace accrue {
namespace {

TEST(TenantIsolationTest, EveryLookupIsScopedByTenant) {
  testing::StoreFixture f;
  Actor a = f.NewTenant("A");
  Actor b = f.NewTenant("B");
  Customer ca = f.NewCustomer(a);
  Plan pa = f.NewPlan(a, "pro");
  Subscription sa = f.NewSubscription(a, ca, pa, absl::CivilDay(2026, 1, 1));
  BillingRunOptions options;
  options.billing_at = absl::FromUnixSeconds(1767500000);
  ASSERT_OK_AND_ASSIGN(BillingRun run, RunBilling(f.services(), a, options));
  ASSERT_OK_AND_ASSIGN(Page<Invoice> invoices, f.Read<Page<Invoice>>([&](StoreTx& tx) {
    return ListInvoices(tx, a, InvoiceFilter{}, PageRequest{});
  }));
  ASSERT_EQ(invoices.items.size(), 1u);
  InvoiceId ia = invoices.items[0].id;

  EXPECT_THAT(f.Read<Customer>([&](StoreTx& tx) { return GetCustomer(tx, b, ca.id); }),
              testing::HasReason("customer.not_found"));
  EXPECT_THAT(f.Read<Plan>([&](StoreTx& tx) { return GetPlan(tx, b, pa.id); }),
              testing::HasReason("plan.not_found"));
  EXPECT_THAT(f.Read<Subscription>([&](StoreTx& tx) { return GetSubscription(tx, b, sa.id); }),
              testing::HasReason("subscription.not_found"));
  EXPECT_THAT(f.Read<Invoice>([&](StoreTx& tx) { return GetInvoice(tx, b, ia); }),
              testing::HasReason("invoice.not_found"));
  EXPECT_THAT(f.Read<BillingRun>([&](StoreTx& tx) { return GetBillingRun(tx, b, run.id); }),
              testing::HasReason("billing_run.not_found"));
  EXPECT_THAT(f.TryWrite<Invoice>([&](StoreTx& tx) { return VoidInvoice(tx, f.services(), b, ia, ""); }),
              testing::HasReason("invoice.not_found"));
  // B cannot subscribe its own customer to A's plan either.
  Customer cb = f.NewCustomer(b);
  SubscriptionFields sf;
  sf.customer = cb.id;
  sf.plan = pa.id;
  EXPECT_THAT(f.TryWrite<Subscription>([&](StoreTx& tx) {
    return CreateSubscription(tx, f.services(), b, sf);
  }),
              testing::HasParam("plan"));
  // Lists are scoped too.
  ASSERT_OK_AND_ASSIGN(Page<Invoice> b_invoices, f.Read<Page<Invoice>>([&](StoreTx& tx) {
    return ListInvoices(tx, b, InvoiceFilter{}, PageRequest{});
  }));
  EXPECT_TRUE(b_invoices.items.empty());
  ASSERT_OK_AND_ASSIGN(Page<Customer> b_customers, f.Read<Page<Customer>>([&](StoreTx& tx) {
    return ListCustomers(tx, b, PageRequest{});
  }));
  ASSERT_EQ(b_customers.items.size(), 1u);
  EXPECT_EQ(b_customers.items[0].id, cb.id);
}

}  // namespace
}  // namespace accrue
