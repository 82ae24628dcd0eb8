// A store plus services for tests of use cases against a real back end. The contract tests are
// parameterized by back end; SQLite is the only one today (PostgreSQL will join the list).
#pragma once

#include <memory>
#include <string>

#include "accrue/app/customers.h"
#include "accrue/app/plans.h"
#include "accrue/app/subscriptions.h"
#include "accrue/app/tenants.h"
#include "accrue/storage/sqlite/sqlite_store.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace accrue::testing {

class StoreFixture {
 public:
  explicit StoreFixture(absl::Time start = absl::FromUnixSeconds(1767225600))
      : clock_(start), ids_(11) {
    sqlite::OpenOptions options;
    options.path = dir_.File("accrue.db");
    // Tests do not need power-loss durability; the crash tests in test/integration use FULL.
    options.synchronous_full = false;
    store_ = *SqliteStore::Open(options);
  }

  Services services() { return Services{*store_, clock_, ids_}; }
  ManualClock& clock() { return clock_; }
  Store& store() { return *store_; }

  // A tenant with default settings; returns its actor.
  Actor NewTenant(const std::string& name = "Tenant") {
    Result<CreatedTenant> t = CreateTenant(services(), name, TenantSettings{});
    EXPECT_TRUE(t.ok()) << t.status();
    return Actor{t->tenant.id, "test"};
  }

  Customer NewCustomer(const Actor& a, const char* currency = "EUR",
                       const char* tz = "Europe/Berlin") {
    CustomerFields f;
    f.name = "Customer";
    f.currency = currency;
    f.time_zone = tz;
    return Write<Customer>([&](StoreTx& tx) { return CreateCustomer(tx, services(), a, f); });
  }

  Plan NewPlan(const Actor& a, const std::string& code, const char* currency = "EUR",
               const char* amount = "49.00", const char* interval = "month") {
    PlanFields f;
    f.code = code;
    f.name = "Plan " + code;
    f.currency = currency;
    f.amount = amount;
    f.interval = interval;
    return Write<Plan>([&](StoreTx& tx) { return CreatePlan(tx, services(), a, f); });
  }

  Subscription NewSubscription(const Actor& a, const Customer& c, const Plan& p,
                               absl::CivilDay start) {
    SubscriptionFields f;
    f.customer = c.id;
    f.plan = p.id;
    f.start_date = start;
    return Write<Subscription>(
        [&](StoreTx& tx) { return CreateSubscription(tx, services(), a, f); });
  }

  template <typename T>
  T Write(const std::function<Result<T>(StoreTx&)>& fn) {
    std::optional<T> out;
    Status s = store_->Write([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(T value, fn(tx));
      out = std::move(value);
      return OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return *std::move(out);
  }

  template <typename T>
  Result<T> TryWrite(const std::function<Result<T>(StoreTx&)>& fn) {
    std::optional<T> out;
    Status s = store_->Write([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(T value, fn(tx));
      out = std::move(value);
      return OkStatus();
    });
    if (!s.ok()) return s;
    return *std::move(out);
  }

  template <typename T>
  Result<T> Read(const std::function<Result<T>(StoreTx&)>& fn) {
    std::optional<T> out;
    Status s = store_->Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(T value, fn(tx));
      out = std::move(value);
      return OkStatus();
    });
    if (!s.ok()) return s;
    return *std::move(out);
  }

  const std::string& dir() const { return dir_.path(); }

 private:
  TempDir dir_;
  ManualClock clock_;
  UuidV7Generator ids_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace accrue::testing
