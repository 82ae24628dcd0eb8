// The storage port for metering: meters, the usage event log, the dedupe keys and the running
// aggregates. Reached from StoreTx (meters(), usage()); same transaction and tenant rules as
// app/ports/store.h: every method takes the TenantId and never returns another tenant's rows.
//
// The event log is append-only. One ingest batch appends one EventBlock: its accepted events,
// numbered with consecutive sequence numbers, in one row — appending a row per batch instead of
// per event is what lets ingest run at memory speed (docs/decisions/0006-usage-ingest.md). The
// same block carries the events' ids and timestamps, which is all exactly-once needs: there is no
// dedupe index on disk; the ingestor keeps one in memory and brings it up to date from the blocks
// appended since it last looked (ScanEventKeys), inside the write transaction.
//
// Aggregates are keyed by (subscription, meter, period index, group key); the group key is the
// encoded group_by values (domain/metering/event.h). Decimals round-trip exactly.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "accrue/app/ports/store.h"
#include "accrue/domain/metering/meter.h"
#include "accrue/money/decimal.h"

namespace accrue {

class MeterRepository {
 public:
  virtual ~MeterRepository() = default;
  // AlreadyExists (reason "meter.code_taken", param "code") when the code is in use.
  virtual Status Insert(const Meter& meter) = 0;
  virtual Result<std::optional<Meter>> Find(TenantId tenant, MeterId id) = 0;
  virtual Result<std::optional<Meter>> FindByCode(TenantId tenant, std::string_view code) = 0;
  virtual Result<Page<Meter>> List(TenantId tenant, const PageRequest& page) = 0;
};

// One accepted event's identity, as the dedupe index needs it.
struct EventKey {
  std::string id;
  absl::Time timestamp;
};

// The accepted events of one ingest batch of one tenant.
struct EventBlock {
  TenantId tenant;
  int64_t first_sequence = 0;  // event i of the block has sequence first_sequence + i
  std::vector<EventKey> keys;  // one per event, in sequence order
  // One canonical JSON object per event and line, in sequence order (EncodeStoredEvent).
  std::string events_ndjson;
  absl::Time min_timestamp;
  absl::Time max_timestamp;
  absl::Time received_at;
};

// What ScanEventKeys hands out; the id view is valid during the callback only.
struct EventKeyRef {
  TenantId tenant;
  int64_t sequence = 0;
  std::string_view id;
  absl::Time timestamp;
};

struct AggregateKey {
  SubscriptionId subscription;
  MeterId meter;
  int64_t period_index = 0;
  std::string group_key;  // EncodeGroupKey of the group_by values; "" without group_by

  friend bool operator==(const AggregateKey&, const AggregateKey&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const AggregateKey& k) {
    return H::combine(std::move(h), k.subscription, k.meter, k.period_index, k.group_key);
  }
};

// The running aggregate of one key. `quantity` is the count, sum, max, number of distinct values
// or latest value; for weighted_sum it is unused (computed from the levels) and only the count
// of level changes is kept.
struct AggregateRow {
  AggregateKey key;
  Decimal quantity;
  int64_t event_count = 0;
  // latest: the timestamp and sequence of the event whose value `quantity` holds.
  absl::Time latest_timestamp = absl::InfinitePast();
  int64_t latest_sequence = 0;
};

// One weighted_sum level change: from `timestamp` on, the group's level is `level`.
struct LevelChange {
  std::string group_key;
  absl::Time timestamp;
  int64_t sequence = 0;
  Decimal level;
};

// A late event for one subscription: its period had already been billed when it arrived.
struct LateUsageEvent {
  int64_t sequence = 0;  // position in the event log; strictly increasing, use as a cursor
  SubscriptionId subscription;
  MeterId meter;
  int64_t period_index = 0;
  std::string event_id;
  absl::Time timestamp;
  absl::Time received_at;
};

// What ingest needs to know of a subscription to attribute events to its periods.
struct SubscriptionTerms {
  SubscriptionId id;
  SubscriptionStatus status = SubscriptionStatus::kActive;
  absl::CivilDay start_date;
  BillingCycle cycle;
  int64_t next_period_index = 0;
  std::optional<absl::Time> canceled_at;
};

class UsageRepository {
 public:
  virtual ~UsageRepository() = default;

  // Every subscription of one customer (one index range scan), in id order.
  virtual Result<std::vector<SubscriptionTerms>> ListCustomerSubscriptions(TenantId tenant,
                                                                           CustomerId customer) = 0;

  // --- versions (global, all tenants) ---
  // Changes whenever a customer, subscription or meter is inserted or updated, in this process
  // or another: caches of them are valid while it stays the same.
  virtual Result<int64_t> CatalogVersion() = 0;
  // Changes whenever a dedupe horizon moves: in-memory dedupe indexes must then be rebuilt.
  virtual Result<int64_t> DedupeVersion() = 0;

  // --- event log ---
  // The sequence number the next appended event gets (1 for an empty log).
  virtual Result<int64_t> NextEventSequence() = 0;
  virtual Status AppendEventBlock(const EventBlock& block) = 0;
  // Calls `fn` for every event of every block with first_sequence >= `from_sequence`, of every
  // tenant, in sequence order, skipping events of a tenant with timestamp before its horizon.
  // Returns the sequence after the last event seen (from_sequence when none).
  virtual Result<int64_t> ScanEventKeys(int64_t from_sequence,
                                        const std::function<void(const EventKeyRef&)>& fn) = 0;
  // The id of the event with `sequence`, if it is this tenant's.
  virtual Result<std::optional<std::string>> FindEventId(TenantId tenant, int64_t sequence) = 0;
  // The rare event whose id hash equals another id's: remembered by its exact id. Returns false
  // (writing nothing) when the id is already there.
  virtual Result<bool> InsertCollidedEventId(TenantId tenant, std::string_view id, int64_t sequence,
                                             absl::Time timestamp) = 0;
  virtual Result<bool> HasCollidedEventId(TenantId tenant, std::string_view id) = 0;
  virtual Result<int64_t> CountEvents(TenantId tenant) = 0;
  // Events with a timestamp before the horizon are refused (their dedupe keys may be gone).
  virtual Result<std::optional<absl::Time>> DedupeHorizon(TenantId tenant) = 0;
  virtual Status SetDedupeHorizon(TenantId tenant, absl::Time horizon) = 0;

  // --- aggregates ---
  virtual Result<std::optional<AggregateRow>> FindAggregate(TenantId tenant,
                                                            const AggregateKey& key) = 0;
  virtual Status PutAggregate(TenantId tenant, const AggregateRow& row) = 0;  // upsert
  // Rows of one subscription period, by meter then group key; `meter` nullopt for every meter.
  virtual Result<std::vector<AggregateRow>> ListAggregates(TenantId tenant,
                                                           SubscriptionId subscription,
                                                           std::optional<MeterId> meter,
                                                           int64_t period_index) = 0;
  // unique_count: records a value (by hash) for the key; true when it was not there yet.
  virtual Result<bool> InsertDistinctValue(TenantId tenant, const AggregateKey& key,
                                           uint64_t value_hash) = 0;
  // weighted_sum.
  virtual Status InsertLevel(TenantId tenant, SubscriptionId subscription, MeterId meter,
                             const LevelChange& change) = 0;
  // For each group: the last change before `start` (the level carried into the period), then
  // every change in [start, end); ordered by group key, timestamp, sequence.
  virtual Result<std::vector<LevelChange>> ListLevels(TenantId tenant, SubscriptionId subscription,
                                                      MeterId meter, absl::Time start,
                                                      absl::Time end) = 0;

  // --- late usage ---
  virtual Status InsertLate(TenantId tenant, const LateUsageEvent& late) = 0;
  virtual Result<std::vector<LateUsageEvent>> ListLate(TenantId tenant, SubscriptionId subscription,
                                                       int64_t after_sequence, int limit) = 0;
};

}  // namespace accrue
