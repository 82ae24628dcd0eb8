// Usage ingest: checks a batch of usage events, drops the ones seen before, appends the rest to
// the event log and folds them into the running aggregates — all in the caller's write
// transaction, so when it commits, every accepted event is durable and counted exactly once.
//
// Per event the outcome is `accepted`, `duplicate` (an event with this id was accepted before, in
// this batch or any earlier one, by HTTP or import) or `rejected` with a reason; one bad event
// never affects the others. Reasons (stable API): event.missing_id, event.id_too_long,
// event.missing_meter, event.missing_customer, event.too_many_properties,
// event.property_too_long, event.unknown_meter, event.unknown_customer,
// event.unknown_subscription, event.no_subscription, event.before_subscription_start,
// event.timestamp_in_future, event.too_old, event.missing_property, event.invalid_value,
// event.quantity_overflow, plus whatever the parser reported (event.malformed, ...).
//
// Attribution: an event counts for every subscription of its customer that was active at the
// event's timestamp (started at or before it, not canceled before it); naming a `subscription`
// restricts it to that one. Its period per subscription is PeriodIndexAt(cycle, timestamp,
// customer's zone). See app/usage.h for late events.
//
// Exactly once: the dedupe key is (tenant, event id). The ingestor keeps an in-memory index from
// the 64-bit hash of each id to the sequence of the event that has it, for every event of the
// log newer than the tenant's dedupe horizon, and at the start of each batch reads the blocks
// appended since (by this process or any other), so the index always equals the committed log.
// A hash hit is confirmed against the stored id, so hash collisions never drop an event.
//
// Caches: customers, subscriptions and meters are cached across batches and dropped whenever the
// store's catalog version changes (any insert or update of them, by anyone).
//
// Lifecycle: one UsageIngestor per process (per Store), living as long as the store. Memory:
// about 32 bytes per event inside the dedupe window. Thread-safe: Ingest calls are serialized by
// an internal mutex (they run in write transactions, which are serialized anyway).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "accrue/app/services.h"
#include "accrue/domain/metering/event.h"

namespace accrue {

// Named limits.
inline constexpr size_t kIngestBatchEventsMax = 10'000;
inline constexpr size_t kIngestBatchBytesMax = 10 << 20;
// Cached customers (with their subscriptions); the cache is dropped when it would grow beyond.
inline constexpr size_t kIngestCustomerCacheMax = 1'000'000;

// One event handed to Ingest: either parsed, or the parser's reason for rejecting it.
struct IngestItem {
  UsageEvent event;
  Status parse_error;  // not OK: rejected with this error, `event` holds what was read (the id)
};

enum class EventOutcome { kAccepted, kDuplicate, kRejected };
std::string_view EventOutcomeName(EventOutcome outcome);  // "accepted", "duplicate", "rejected"

struct EventResult {
  EventOutcome outcome = EventOutcome::kRejected;
  Status error;          // for kRejected
  int64_t sequence = 0;  // for kAccepted: the event's place in the log
};

struct IngestBatchResult {
  std::vector<EventResult> results;  // one per item, in order
  int64_t accepted = 0;
  int64_t duplicates = 0;
  int64_t rejected = 0;
};

class UsageIngestor {
 public:
  UsageIngestor();
  ~UsageIngestor();
  UsageIngestor(const UsageIngestor&) = delete;
  UsageIngestor& operator=(const UsageIngestor&) = delete;

  // Ingests `items` (at most kIngestBatchEventsMax) for `tenant` in `tx`, which must be a write
  // transaction; the caller commits. A transaction may call Ingest several times (the import
  // does, to commit larger groups); when a transaction that called Ingest does not commit, the
  // caller must call Forget(), because later calls in it indexed the earlier calls' events. An
  // error Status (storage failure, overflow of a stored aggregate) means the transaction must
  // be rolled back; per-event problems are results, not errors.
  Result<IngestBatchResult> Ingest(StoreTx& tx, const Services& services, TenantId tenant,
                                   const std::vector<IngestItem>& items);

  // Several batches in one go, with one result per batch: what a bulk import commits in one
  // transaction. Folding them together means each aggregate key is read and written once for
  // all of them, and their events share one block of the log.
  Result<std::vector<IngestBatchResult>> IngestBatches(
      StoreTx& tx, const Services& services, TenantId tenant,
      const std::vector<const std::vector<IngestItem>*>& batches);

  // Drops every cache and the dedupe index; the next Ingest rebuilds them from the store.
  void Forget();

  // Events of the dedupe index (for tests and memory accounting).
  size_t IndexedEventCount() const;

 private:
  class Batch;
  struct State;
  mutable std::mutex mu_;
  std::unique_ptr<State> state_;  // guarded by mu_
};

// Moves `tenant`'s dedupe horizon to min(now − grace, start of the oldest period not yet billed
// of any of its active subscriptions) if that is later than the current one, so dedupe keys of
// older events can be dropped from memory; events older than the horizon are then refused
// (event.too_old). Returns the horizon in force.
inline constexpr absl::Duration kDedupeGraceDefault = absl::Hours(24 * 35);
Result<absl::Time> AdvanceDedupeHorizon(StoreTx& tx, const Services& services, TenantId tenant,
                                        absl::Duration grace = kDedupeGraceDefault);

}  // namespace accrue
