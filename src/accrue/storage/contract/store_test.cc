// Round trips and invariants of the store itself.
#include <gtest/gtest.h>

#include "accrue/app/billing_run.h"
#include "accrue/app/idempotency.h"
#include "accrue/app/invoices.h"
#include "accrue/storage/contract/store_fixture.h"

namespace accrue {
namespace {

TEST(StoreTest, CustomerRoundTripsEveryField) {
  testing::StoreFixture f;
  Actor a = f.NewTenant();
  CustomerFields in;
  in.name = "株式会社さくら \"quoted\" \\ back\nslash";
  in.email = "keiri@sakura.example";
  in.address = PostalAddress{"1-2-3 Ginza", "", "Chūō-ku", "104-0061", "Tokyo", "JP"};
  in.currency = "JPY";
  in.time_zone = "Asia/Tokyo";
  in.locale = "ja-JP";
  in.tax_ids = std::vector<TaxIdentifier>{{"jp_cn", "1234567890123"}};
  in.net_terms_days = 45;
  in.metadata = Metadata{{"crm", "42"}, {"emoji", "🚀"}};
  Customer made = f.Write<Customer>([&](StoreTx& tx) { return CreateCustomer(tx, f.services(), a, in); });
  ASSERT_OK_AND_ASSIGN(Customer got, f.Read<Customer>([&](StoreTx& tx) {
    return GetCustomer(tx, a, made.id);
  }));
  EXPECT_EQ(got.name, *in.name);
  EXPECT_EQ(got.address.city, "Chūō-ku");
  EXPECT_EQ(got.country, "JP");  // defaulted from the address
  EXPECT_EQ(got.currency.code(), "JPY");
  EXPECT_EQ(got.tax_ids.size(), 1u);
  EXPECT_EQ(got.net_terms_days, 45);
  EXPECT_EQ(got.metadata, *in.metadata);
  EXPECT_EQ(got.created_at, f.clock().Now());
}

TEST(StoreTest, CustomerCurrencyIsImmutableAndUnknownZoneRejected) {
  testing::StoreFixture f;
  Actor a = f.NewTenant();
  Customer c = f.NewCustomer(a);
  CustomerFields change;
  change.currency = "USD";
  EXPECT_THAT(f.TryWrite<Customer>([&](StoreTx& tx) {
    return UpdateCustomer(tx, f.services(), a, c.id, change);
  }),
              testing::HasReason("customer.currency_immutable"));
  CustomerFields bad;
  bad.name = "X";
  bad.currency = "EUR";
  bad.time_zone = "Europe/Atlantis";
  EXPECT_THAT(f.TryWrite<Customer>([&](StoreTx& tx) { return CreateCustomer(tx, f.services(), a, bad); }),
              testing::HasParam("time_zone"));
}

TEST(StoreTest, PlanAmountsAreExactInTheCurrency) {
  testing::StoreFixture f;
  Actor a = f.NewTenant();
  PlanFields p;
  p.code = "x";
  p.name = "X";
  p.currency = "EUR";
  p.amount = "12.345";
  EXPECT_THAT(f.TryWrite<Plan>([&](StoreTx& tx) { return CreatePlan(tx, f.services(), a, p); }),
              testing::HasParam("amount"));
  p.currency = "JPY";
  p.amount = "100.5";
  EXPECT_THAT(f.TryWrite<Plan>([&](StoreTx& tx) { return CreatePlan(tx, f.services(), a, p); }),
              testing::HasReason("amount.too_many_decimals"));
  p.currency = "KWD";
  p.amount = "1.005";
  Plan made = f.Write<Plan>([&](StoreTx& tx) { return CreatePlan(tx, f.services(), a, p); });
  EXPECT_EQ(made.amount.minor_units(), 1005);
  p.currency = "ABC";
  EXPECT_THAT(f.TryWrite<Plan>([&](StoreTx& tx) { return CreatePlan(tx, f.services(), a, p); }),
              testing::HasParam("currency"));
  p.currency = "KWD";
  EXPECT_THAT(f.TryWrite<Plan>([&](StoreTx& tx) { return CreatePlan(tx, f.services(), a, p); }),
              testing::HasReason("plan.code_taken"));
}

TEST(StoreTest, TamperedInvoiceIsReportedNotServed) {
  testing::StoreFixture f;
  Actor a = f.NewTenant();
  f.NewSubscription(a, f.NewCustomer(a), f.NewPlan(a, "pro"), absl::CivilDay(2026, 1, 1));
  BillingRunOptions options;
  options.billing_at = absl::FromUnixSeconds(1767500000);
  ASSERT_OK(RunBilling(f.services(), a, options).status());
  auto& db = dynamic_cast<SqliteStore&>(f.store()).database();
  ASSERT_OK(db.Write([](sqlite::Connection& c) {
    return c.Exec("UPDATE invoices SET total_minor = total_minor + 1");
  }));
  EXPECT_THAT(f.Read<Page<Invoice>>([&](StoreTx& tx) {
    return ListInvoices(tx, a, InvoiceFilter{}, PageRequest{});
  }),
              testing::HasReason("invoice.totals_mismatch"));
}

TEST(StoreTest, StatusHistoryRecordsWhoAndWhen) {
  testing::StoreFixture f;
  Actor a = f.NewTenant();
  f.NewSubscription(a, f.NewCustomer(a), f.NewPlan(a, "pro"), absl::CivilDay(2026, 1, 1));
  BillingRunOptions options;
  options.billing_at = absl::FromUnixSeconds(1767500000);
  ASSERT_OK(RunBilling(f.services(), a, options).status());
  ASSERT_OK_AND_ASSIGN(Page<Invoice> p, f.Read<Page<Invoice>>([&](StoreTx& tx) {
    return ListInvoices(tx, a, InvoiceFilter{}, PageRequest{});
  }));
  InvoiceId id = p.items.at(0).id;
  f.clock().Advance(absl::Hours(1));
  Actor alice{a.tenant, "api_key:alice"};
  f.Write<Invoice>([&](StoreTx& tx) { return MarkInvoiceSent(tx, f.services(), alice, id); });
  f.Write<Invoice>([&](StoreTx& tx) { return VoidInvoice(tx, f.services(), alice, id, "duplicate"); });
  ASSERT_OK_AND_ASSIGN(std::vector<InvoiceStatusChange> history,
                       f.Read<std::vector<InvoiceStatusChange>>([&](StoreTx& tx) {
                         return InvoiceHistory(tx, a, id);
                       }));
  // The run finalized the invoice in the transaction that created it: its history starts open.
  ASSERT_EQ(history.size(), 3u);
  EXPECT_FALSE(history[0].from.has_value());
  EXPECT_EQ(history[0].to, InvoiceStatus::kOpen);
  EXPECT_EQ(history[0].actor.rfind("billing_run:", 0), 0u) << history[0].actor;
  EXPECT_EQ(history[0].at, f.clock().Now() - absl::Hours(1));
  EXPECT_EQ(history[1].from, InvoiceStatus::kOpen);
  EXPECT_EQ(history[1].to, InvoiceStatus::kSent);
  EXPECT_EQ(history[2].from, InvoiceStatus::kSent);
  EXPECT_EQ(history[2].to, InvoiceStatus::kVoid);
  EXPECT_EQ(history[2].actor, "api_key:alice");
  EXPECT_EQ(history[2].reason, "duplicate");
  EXPECT_EQ(history[2].at, f.clock().Now());
  ASSERT_OK_AND_ASSIGN(Invoice voided, f.Read<Invoice>([&](StoreTx& tx) { return GetInvoice(tx, a, id); }));
  EXPECT_EQ(voided.status, InvoiceStatus::kVoid);
  EXPECT_TRUE(voided.number.has_value());  // a voided invoice keeps its number: no gap
}

TEST(StoreTest, IdempotencyReplaysSameRequestAndRefusesOther) {
  testing::StoreFixture f;
  Actor a = f.NewTenant();
  int runs = 0;
  auto effect = [&](StoreTx&) -> Result<StoredResponse> {
    ++runs;
    return StoredResponse{200, "{\"n\":1}", false};
  };
  ASSERT_OK_AND_ASSIGN(StoredResponse first, RunIdempotent(f.services(), a.tenant, "k1", "fp", effect));
  ASSERT_OK_AND_ASSIGN(StoredResponse again, RunIdempotent(f.services(), a.tenant, "k1", "fp", effect));
  EXPECT_EQ(runs, 1);
  EXPECT_FALSE(first.replayed);
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.body, first.body);
  EXPECT_THAT(RunIdempotent(f.services(), a.tenant, "k1", "other", effect),
              testing::HasReason("idempotency.key_reused"));
  // Keys are per tenant.
  Actor b = f.NewTenant("B");
  ASSERT_OK(RunIdempotent(f.services(), b.tenant, "k1", "other", effect).status());
  EXPECT_EQ(runs, 2);
  // A failed effect stores nothing: the key can be used again.
  auto failing = [&](StoreTx&) -> Result<StoredResponse> {
    return InvalidArgument("x", "x.bad", "bad");
  };
  EXPECT_FALSE(RunIdempotent(f.services(), a.tenant, "k2", "fp", failing).ok());
  ASSERT_OK(RunIdempotent(f.services(), a.tenant, "k2", "fp", effect).status());
  EXPECT_EQ(runs, 3);
}

TEST(StoreTest, ExpiredIdempotencyKeysArePrunedAndRunAgain) {
  testing::StoreFixture f;
  Actor a = f.NewTenant();
  int runs = 0;
  auto effect = [&](StoreTx&) -> Result<StoredResponse> {
    ++runs;
    return StoredResponse{200, "{}", false};
  };
  ASSERT_OK(RunIdempotent(f.services(), a.tenant, "old", "fp", effect).status());
  f.clock().Advance(kIdempotencyRetention - absl::Minutes(1));
  ASSERT_OK(RunIdempotent(f.services(), a.tenant, "young", "fp", effect).status());
  ASSERT_OK_AND_ASSIGN(int64_t none, PruneIdempotencyKeys(f.services()));
  EXPECT_EQ(none, 0);  // nothing is past retention yet
  f.clock().Advance(absl::Minutes(2));
  ASSERT_OK_AND_ASSIGN(int64_t pruned, PruneIdempotencyKeys(f.services()));
  EXPECT_EQ(pruned, 1);  // "old" only
  ASSERT_OK_AND_ASSIGN(StoredResponse young, RunIdempotent(f.services(), a.tenant, "young", "fp", effect));
  EXPECT_TRUE(young.replayed);
  ASSERT_OK_AND_ASSIGN(StoredResponse old, RunIdempotent(f.services(), a.tenant, "old", "fp", effect));
  EXPECT_FALSE(old.replayed);  // forgotten: the key runs afresh
  EXPECT_EQ(runs, 3);
}

}  // namespace
}  // namespace accrue
