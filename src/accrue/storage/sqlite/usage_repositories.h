// SQLite implementations of the metering ports (app/ports/usage_store.h). Internal to
// storage/sqlite: callers see only SqliteStore. Same shape as repositories.h: thin objects over
// the connection of the current transaction, statements prepared once and cached.
#pragma once

#include "accrue/app/ports/usage_store.h"
#include "accrue/storage/sqlite/sqlite_db.h"

namespace accrue::sqlite {

class SqliteMeterRepository final : public MeterRepository {
 public:
  explicit SqliteMeterRepository(Connection& c) : c_(c) {}
  Status Insert(const Meter& meter) override;
  Result<std::optional<Meter>> Find(TenantId tenant, MeterId id) override;
  Result<std::optional<Meter>> FindByCode(TenantId tenant, std::string_view code) override;
  Result<Page<Meter>> List(TenantId tenant, const PageRequest& page) override;

 private:
  Connection& c_;
};

class SqliteUsageRepository final : public UsageRepository {
 public:
  explicit SqliteUsageRepository(Connection& c) : c_(c) {}

  Result<std::vector<SubscriptionTerms>> ListCustomerSubscriptions(TenantId tenant,
                                                                   CustomerId customer) override;

  Result<int64_t> CatalogVersion() override;
  Result<int64_t> DedupeVersion() override;

  Result<int64_t> NextEventSequence() override;
  Status AppendEventBlock(const EventBlock& block) override;
  Result<int64_t> ScanEventKeys(int64_t from_sequence,
                                const std::function<void(const EventKeyRef&)>& fn) override;
  Result<std::optional<std::string>> FindEventId(TenantId tenant, int64_t sequence) override;
  Result<bool> InsertCollidedEventId(TenantId tenant, std::string_view id, int64_t sequence,
                                     absl::Time timestamp) override;
  Result<bool> HasCollidedEventId(TenantId tenant, std::string_view id) override;
  Result<int64_t> CountEvents(TenantId tenant) override;
  Result<std::optional<absl::Time>> DedupeHorizon(TenantId tenant) override;
  Status SetDedupeHorizon(TenantId tenant, absl::Time horizon) override;

  Result<std::optional<AggregateRow>> FindAggregate(TenantId tenant,
                                                    const AggregateKey& key) override;
  Status PutAggregate(TenantId tenant, const AggregateRow& row) override;
  Result<std::vector<AggregateRow>> ListAggregates(TenantId tenant, SubscriptionId subscription,
                                                   std::optional<MeterId> meter,
                                                   int64_t period_index) override;
  Result<bool> InsertDistinctValue(TenantId tenant, const AggregateKey& key,
                                   uint64_t value_hash) override;
  Status InsertLevel(TenantId tenant, SubscriptionId subscription, MeterId meter,
                     const LevelChange& change) override;
  Result<std::vector<LevelChange>> ListLevels(TenantId tenant, SubscriptionId subscription,
                                              MeterId meter, absl::Time start,
                                              absl::Time end) override;

  Status InsertLate(TenantId tenant, const LateUsageEvent& late) override;
  Result<std::vector<LateUsageEvent>> ListLate(TenantId tenant, SubscriptionId subscription,
                                               int64_t after_sequence, int limit) override;

 private:
  Result<int64_t> Version(std::string_view name);
  Connection& c_;
};

// The event_keys column: per event, its timestamp (8 bytes, little-endian microseconds), the id's
// length (LEB128 varint) and the id's bytes. Exposed for tests.
void AppendEventKey(std::string& out, const EventKey& key);
// Calls fn(index, id, timestamp) for each key; DataLoss "storage.corrupt" when malformed or when
// the count differs from `expected_count`.
Status DecodeEventKeys(std::string_view blob, int64_t expected_count,
                       const std::function<void(int64_t, std::string_view, absl::Time)>& fn);

}  // namespace accrue::sqlite
