// The storage port: everything the use cases need from a database, as interfaces.
//
// A Store runs a function inside one transaction and hands it a StoreTx, from which the function
// reaches one repository per aggregate. Everything done through one StoreTx commits or rolls back
// together: that is how an invoice, its number, its status change and its idempotency record land
// atomically. Write transactions are serialized (one writer at a time); read transactions see a
// consistent snapshot and may run alongside a writer.
//
// Every method takes the TenantId and implementations must scope every query by it: a repository
// never returns a row of another tenant, whatever id it is asked for.
//
// Implementations: storage/sqlite (embedded default); PostgreSQL comes later behind the same
// interface and passes the same contract tests (storage/contract/). Store is thread-safe; a
// StoreTx belongs to the thread that runs the function.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "accrue/app/billing_run_record.h"
#include "accrue/domain/customer.h"
#include "accrue/domain/invoice.h"
#include "accrue/domain/plan.h"
#include "accrue/domain/seller_profile.h"
#include "accrue/domain/subscription.h"
#include "accrue/domain/tenant.h"

namespace accrue {

inline constexpr int kPageLimitDefault = 10;
inline constexpr int kPageLimitMax = 100;

// Cursor pagination, newest first (ids are time-ordered), like Stripe's `starting_after`.
struct PageRequest {
  int limit = kPageLimitDefault;
  std::optional<Uuid> starting_after;
};

template <typename T>
struct Page {
  std::vector<T> items;
  bool has_more = false;
};

class TenantRepository {
 public:
  virtual ~TenantRepository() = default;
  virtual Status Insert(const Tenant& tenant) = 0;
  virtual Result<std::optional<Tenant>> Find(TenantId id) = 0;
  virtual Result<std::vector<Tenant>> List(int limit) = 0;
  virtual Status UpdateSettings(TenantId id, const TenantSettings& settings) = 0;
  // The seller block of the tenant's documents; nullopt when it was never set.
  virtual Result<std::optional<SellerProfile>> FindSellerProfile(TenantId id) = 0;
  virtual Status SaveSellerProfile(TenantId id, const SellerProfile& profile, absl::Time at) = 0;
  virtual Status InsertApiKey(const ApiKey& key) = 0;
  virtual Result<std::optional<ApiKey>> FindApiKeyByHash(std::string_view sha256) = 0;
};

class CustomerRepository {
 public:
  virtual ~CustomerRepository() = default;
  virtual Status Insert(const Customer& customer) = 0;
  virtual Status Update(const Customer& customer) = 0;
  virtual Result<std::optional<Customer>> Find(TenantId tenant, CustomerId id) = 0;
  virtual Result<Page<Customer>> List(TenantId tenant, const PageRequest& page) = 0;
};

class PlanRepository {
 public:
  virtual ~PlanRepository() = default;
  // AlreadyExists (reason "plan.code_taken") when the code is in use.
  virtual Status Insert(const Plan& plan) = 0;
  virtual Result<std::optional<Plan>> Find(TenantId tenant, PlanId id) = 0;
  virtual Result<std::optional<Plan>> FindByCode(TenantId tenant, std::string_view code) = 0;
  virtual Result<Page<Plan>> List(TenantId tenant, const PageRequest& page) = 0;
};

class SubscriptionRepository {
 public:
  virtual ~SubscriptionRepository() = default;
  virtual Status Insert(const Subscription& subscription) = 0;
  virtual Status Update(const Subscription& subscription) = 0;
  virtual Result<std::optional<Subscription>> Find(TenantId tenant, SubscriptionId id) = 0;
  virtual Result<Page<Subscription>> List(TenantId tenant, std::optional<CustomerId> customer,
                                          const PageRequest& page) = 0;
  // The keys of active subscriptions whose next period has started at `at`, in (next period
  // start, id) order after `after` — the order of the partial index on the billing position,
  // which covers the query: a run (or a scheduler pass that finds nothing due) reads only due
  // index entries, never the whole tenant or a subscription row.
  struct DueCursor {
    absl::Time next_period_start;
    SubscriptionId id;
  };
  virtual Result<std::vector<DueCursor>> ListDue(TenantId tenant, absl::Time at,
                                                 std::optional<DueCursor> after, int limit) = 0;
  // Moves the billing position forward, but only if it is still at `expected_index` (another
  // run may have moved it: then nothing changes and the result is false).
  virtual Result<bool> AdvanceBilling(TenantId tenant, SubscriptionId id, int64_t expected_index,
                                      int64_t next_index, absl::Time next_period_start) = 0;
};

struct InvoiceFilter {
  std::optional<InvoiceStatus> status;
  std::optional<CustomerId> customer;
  std::optional<SubscriptionId> subscription;
  std::optional<std::string> tag;
};

class InvoiceRepository {
 public:
  virtual ~InvoiceRepository() = default;
  // Inserts the invoice with its lines. Returns false, writing nothing, when the subscription
  // period it bills is already invoiced.
  virtual Result<bool> Insert(const Invoice& invoice) = 0;
  // Writes the mutable facts (status, number, dates, amounts paid/credited, delivery, dispute,
  // buyer snapshot, totals). Lines are immutable after insert.
  virtual Status Update(const Invoice& invoice) = 0;
  virtual Result<std::optional<Invoice>> Find(TenantId tenant, InvoiceId id) = 0;
  virtual Result<Page<Invoice>> List(TenantId tenant, const InvoiceFilter& filter,
                                     const PageRequest& page) = 0;
  virtual Status InsertStatusChange(const InvoiceStatusChange& change) = 0;
  virtual Result<std::vector<InvoiceStatusChange>> ListStatusChanges(TenantId tenant,
                                                                     InvoiceId id) = 0;
};

class NumberSeriesRepository {
 public:
  virtual ~NumberSeriesRepository() = default;
  // Reserves `count` consecutive sequence numbers of the tenant's invoice series under
  // `series_key` and returns the first. The caller must use every one in the same transaction:
  // that, and the single-writer transaction, is what makes numbering gapless.
  virtual Result<int64_t> Reserve(TenantId tenant, std::string_view series_key,
                                  int64_t count) = 0;
};

class BillingRunRepository {
 public:
  virtual ~BillingRunRepository() = default;
  virtual Status Insert(const BillingRun& run) = 0;
  virtual Status Update(const BillingRun& run) = 0;
  virtual Status InsertFailure(const BillingRunFailure& failure) = 0;
  // Marks the tenant's running runs whose heartbeat is before `stale_before` as interrupted,
  // finished at `now`; returns how many.
  virtual Result<int64_t> MarkInterrupted(TenantId tenant, absl::Time stale_before,
                                          absl::Time now) = 0;
  virtual Result<std::optional<BillingRun>> Find(TenantId tenant, BillingRunId id) = 0;
  virtual Result<Page<BillingRun>> List(TenantId tenant, const PageRequest& page) = 0;
  virtual Result<std::vector<BillingRunFailure>> ListFailures(TenantId tenant, BillingRunId id,
                                                              int limit) = 0;
};

// The first response to a POST with an Idempotency-Key, replayed for retries of that key.
struct IdempotencyRecord {
  TenantId tenant_id;
  std::string key;
  std::string fingerprint;  // hash of method, path and body
  int response_status = 0;
  std::string response_body;
  absl::Time created_at;
};

class IdempotencyRepository {
 public:
  virtual ~IdempotencyRepository() = default;
  virtual Result<std::optional<IdempotencyRecord>> Find(TenantId tenant, std::string_view key) = 0;
  virtual Status Insert(const IdempotencyRecord& record) = 0;
  // Forgets records older than `before`; returns how many.
  virtual Result<int64_t> DeleteOlderThan(absl::Time before) = 0;
};

// What rating needs beyond the plan aggregate (whose charges the PlanRepository reads and writes
// with the plan): the canceled subscriptions whose final usage invoice is still to be written
// (domain/billing.h, FinalUsagePeriods).
class RatingRepository {
 public:
  virtual ~RatingRepository() = default;
  // Canceled subscriptions not yet marked final-usage-invoiced, in id order after `after`.
  virtual Result<std::vector<SubscriptionId>> ListFinalUsagePending(
      TenantId tenant, std::optional<SubscriptionId> after, int limit) = 0;
  // Marks the final usage as invoiced (or as having nothing to invoice) and moves the billing
  // position past the final invoice. False, changing nothing, when it was already marked or the
  // subscription is not canceled.
  virtual Result<bool> MarkFinalUsageInvoiced(TenantId tenant, SubscriptionId id,
                                              int64_t next_index,
                                              absl::Time next_period_start) = 0;
};

class MeterRepository;  // app/ports/usage_store.h
class UsageRepository;  // app/ports/usage_store.h
class LedgerRepository;  // app/ports/ledger_store.h
class PaymentRepository;     // app/ports/payment_store.h
class CreditNoteRepository;  // app/ports/credit_note_store.h
class DocumentChainRepository;  // app/ports/document_chain_store.h

class StoreTx {
 public:
  virtual ~StoreTx() = default;
  virtual TenantRepository& tenants() = 0;
  virtual CustomerRepository& customers() = 0;
  virtual PlanRepository& plans() = 0;
  virtual SubscriptionRepository& subscriptions() = 0;
  virtual InvoiceRepository& invoices() = 0;
  virtual NumberSeriesRepository& number_series() = 0;
  virtual BillingRunRepository& billing_runs() = 0;
  virtual IdempotencyRepository& idempotency() = 0;
  virtual MeterRepository& meters() = 0;
  virtual UsageRepository& usage() = 0;
  virtual RatingRepository& rating() = 0;
  virtual LedgerRepository& ledger() = 0;
  virtual PaymentRepository& payments() = 0;
  virtual CreditNoteRepository& credit_notes() = 0;
  virtual DocumentChainRepository& document_chain() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs fn in a write transaction; commits if it returns OK, rolls back otherwise.
  virtual Status Write(const std::function<Status(StoreTx&)>& fn) = 0;
  // Runs fn in a read-only snapshot.
  virtual Status Read(const std::function<Status(StoreTx&)>& fn) = 0;
};

}  // namespace accrue
