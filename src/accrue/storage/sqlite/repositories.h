// SQLite implementations of the storage ports (app/ports/store.h). Each repository is a thin
// object over the connection of the current transaction; statements are prepared once per
// connection and cached. Internal to storage/sqlite: callers see only SqliteStore.
#pragma once

#include "accrue/app/ports/store.h"
#include "accrue/storage/sqlite/sqlite_db.h"

namespace accrue::sqlite {

class SqliteTenantRepository final : public TenantRepository {
 public:
  explicit SqliteTenantRepository(Connection& c) : c_(c) {}
  Status Insert(const Tenant& tenant) override;
  Result<std::optional<Tenant>> Find(TenantId id) override;
  Result<std::vector<Tenant>> List(int limit) override;
  Status UpdateSettings(TenantId id, const TenantSettings& settings) override;
  Result<std::optional<SellerProfile>> FindSellerProfile(TenantId id) override;
  Status SaveSellerProfile(TenantId id, const SellerProfile& profile, absl::Time at) override;
  Status InsertApiKey(const ApiKey& key) override;
  Result<std::optional<ApiKey>> FindApiKeyByHash(std::string_view sha256) override;

 private:
  Connection& c_;
};

class SqliteCustomerRepository final : public CustomerRepository {
 public:
  explicit SqliteCustomerRepository(Connection& c) : c_(c) {}
  Status Insert(const Customer& customer) override;
  Status Update(const Customer& customer) override;
  Result<std::optional<Customer>> Find(TenantId tenant, CustomerId id) override;
  Result<Page<Customer>> List(TenantId tenant, const PageRequest& page) override;

 private:
  Connection& c_;
};

class SqlitePlanRepository final : public PlanRepository {
 public:
  explicit SqlitePlanRepository(Connection& c) : c_(c) {}
  Status Insert(const Plan& plan) override;
  Result<std::optional<Plan>> Find(TenantId tenant, PlanId id) override;
  Result<std::optional<Plan>> FindByCode(TenantId tenant, std::string_view code) override;
  Result<Page<Plan>> List(TenantId tenant, const PageRequest& page) override;

 private:
  Connection& c_;
};

class SqliteSubscriptionRepository final : public SubscriptionRepository {
 public:
  explicit SqliteSubscriptionRepository(Connection& c) : c_(c) {}
  Status Insert(const Subscription& subscription) override;
  Status Update(const Subscription& subscription) override;
  Result<std::optional<Subscription>> Find(TenantId tenant, SubscriptionId id) override;
  Result<Page<Subscription>> List(TenantId tenant, std::optional<CustomerId> customer,
                                  const PageRequest& page) override;
  Result<std::vector<DueCursor>> ListDue(TenantId tenant, absl::Time at,
                                         std::optional<DueCursor> after, int limit) override;
  Result<bool> AdvanceBilling(TenantId tenant, SubscriptionId id, int64_t expected_index,
                              int64_t next_index, absl::Time next_period_start) override;

 private:
  Connection& c_;
  bool catalog_bumped_ = false;  // in this transaction (see AdvanceBilling)
};

class SqliteInvoiceRepository final : public InvoiceRepository {
 public:
  explicit SqliteInvoiceRepository(Connection& c) : c_(c) {}
  Result<bool> Insert(const Invoice& invoice) override;
  Status Update(const Invoice& invoice) override;
  Result<std::optional<Invoice>> Find(TenantId tenant, InvoiceId id) override;
  Result<Page<Invoice>> List(TenantId tenant, const InvoiceFilter& filter,
                             const PageRequest& page) override;
  Status InsertStatusChange(const InvoiceStatusChange& change) override;
  Result<std::vector<InvoiceStatusChange>> ListStatusChanges(TenantId tenant,
                                                             InvoiceId id) override;

 private:
  Status LoadLines(Invoice& invoice);
  Connection& c_;
};

class SqliteNumberSeriesRepository final : public NumberSeriesRepository {
 public:
  explicit SqliteNumberSeriesRepository(Connection& c) : c_(c) {}
  Result<int64_t> Reserve(TenantId tenant, std::string_view series_key, int64_t count) override;

 private:
  Connection& c_;
};

class SqliteBillingRunRepository final : public BillingRunRepository {
 public:
  explicit SqliteBillingRunRepository(Connection& c) : c_(c) {}
  Status Insert(const BillingRun& run) override;
  Status Update(const BillingRun& run) override;
  Status InsertFailure(const BillingRunFailure& failure) override;
  Result<int64_t> MarkInterrupted(TenantId tenant, absl::Time stale_before,
                                  absl::Time now) override;
  Result<std::optional<BillingRun>> Find(TenantId tenant, BillingRunId id) override;
  Result<Page<BillingRun>> List(TenantId tenant, const PageRequest& page) override;
  Result<std::vector<BillingRunFailure>> ListFailures(TenantId tenant, BillingRunId id,
                                                      int limit) override;

 private:
  Connection& c_;
};

class SqliteIdempotencyRepository final : public IdempotencyRepository {
 public:
  explicit SqliteIdempotencyRepository(Connection& c) : c_(c) {}
  Result<std::optional<IdempotencyRecord>> Find(TenantId tenant, std::string_view key) override;
  Status Insert(const IdempotencyRecord& record) override;
  Result<int64_t> DeleteOlderThan(absl::Time before) override;

 private:
  Connection& c_;
};

}  // namespace accrue::sqlite
