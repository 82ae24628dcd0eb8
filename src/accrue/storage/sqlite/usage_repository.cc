#include <algorithm>
#include <cstring>

#include "absl/container/flat_hash_map.h"
#include "accrue/storage/sqlite/rows.h"
#include "accrue/storage/sqlite/usage_repositories.h"

namespace accrue::sqlite {
namespace {

constexpr char kAggregateColumns[] =
    "subscription_id, meter_id, period_index, group_key, quantity, event_count, "
    "latest_timestamp_us, latest_sequence";

Status CorruptKeys() {
  return MakeError(absl::StatusCode::kDataLoss, "storage.corrupt",
                   "usage_event_blocks.event_keys is malformed");
}

Result<AggregateRow> ReadAggregate(const Statement& st) {
  AggregateRow row;
  row.key.subscription = ColumnId<SubscriptionId>(st, 0);
  row.key.meter = ColumnId<MeterId>(st, 1);
  row.key.period_index = st.ColumnInt(2);
  row.key.group_key = st.ColumnText(3);
  ASSIGN_OR_RETURN(row.quantity, ColumnDecimal(st, 4, "usage_aggregates"));
  row.event_count = st.ColumnInt(5);
  if (!st.ColumnIsNull(6)) {
    row.latest_timestamp = ColumnTime(st, 6);
    row.latest_sequence = st.ColumnInt(7);
  }
  return row;
}

}  // namespace

void AppendEventKey(std::string& out, const EventKey& key) {
  const auto ts = static_cast<uint64_t>(absl::ToUnixMicros(key.timestamp));
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((ts >> (8 * i)) & 0xff));
  size_t n = key.id.size();
  do {
    uint8_t byte = n & 0x7f;
    n >>= 7;
    if (n != 0) byte |= 0x80;
    out.push_back(static_cast<char>(byte));
  } while (n != 0);
  out += key.id;
}

Status DecodeEventKeys(std::string_view blob, int64_t expected_count,
                       const std::function<void(int64_t, std::string_view, absl::Time)>& fn) {
  size_t i = 0;
  int64_t index = 0;
  while (i < blob.size()) {
    if (blob.size() - i < 9) return CorruptKeys();
    uint64_t ts = 0;
    for (int b = 0; b < 8; ++b)
      ts |= uint64_t{static_cast<uint8_t>(blob[i + static_cast<size_t>(b)])} << (8 * b);
    i += 8;
    size_t length = 0;
    for (int shift = 0;; shift += 7) {
      if (i >= blob.size() || shift > 14) return CorruptKeys();
      const auto byte = static_cast<uint8_t>(blob[i++]);
      length |= static_cast<size_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) break;
    }
    if (blob.size() - i < length) return CorruptKeys();
    fn(index++, blob.substr(i, length), absl::FromUnixMicros(static_cast<int64_t>(ts)));
    i += length;
  }
  if (index != expected_count) return CorruptKeys();
  return OkStatus();
}

// ---------------------------------------------------------------------------------------------
// Subscriptions, as ingest sees them

Result<std::vector<SubscriptionTerms>> SqliteUsageRepository::ListCustomerSubscriptions(
    TenantId tenant, CustomerId customer) {
  // INDEXED BY: without statistics SQLite's planner prefers walking the primary key of the
  // whole tenant (tenant_id = ?) to the index on (tenant_id, customer_id, id), which turns a
  // cold ingest cache into one full scan of the tenant's subscriptions per customer.
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT id, status, start_date, billing_anchor, interval_unit, "
                              "interval_count, next_period_index, canceled_at_us FROM "
                              "subscriptions INDEXED BY subscriptions_by_customer "
                              "WHERE tenant_id = ? AND customer_id = ?"));
  BindId(*st, 1, tenant);
  BindId(*st, 2, customer);
  std::vector<SubscriptionTerms> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    SubscriptionTerms t;
    t.id = ColumnId<SubscriptionId>(*st, 0);
    Result<SubscriptionStatus> status = ParseSubscriptionStatus(st->ColumnTextView(1));
    if (!status.ok()) return CorruptRow("subscriptions", "status");
    t.status = *status;
    ASSIGN_OR_RETURN(t.start_date, ColumnDate(*st, 2, "subscriptions"));
    ASSIGN_OR_RETURN(t.cycle.anchor, ColumnDate(*st, 3, "subscriptions"));
    Result<IntervalUnit> unit = ParseIntervalUnit(st->ColumnTextView(4));
    if (!unit.ok()) return CorruptRow("subscriptions", "interval_unit");
    t.cycle.unit = *unit;
    t.cycle.count = static_cast<int>(st->ColumnInt(5));
    if (!ValidateBillingCycle(t.cycle).ok()) return CorruptRow("subscriptions", "cycle");
    t.next_period_index = st->ColumnInt(6);
    t.canceled_at = ColumnOptionalTime(*st, 7);
    out.push_back(t);
  }
  std::sort(out.begin(), out.end(),
            [](const SubscriptionTerms& a, const SubscriptionTerms& b) { return a.id < b.id; });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Versions

Result<int64_t> SqliteUsageRepository::Version(std::string_view name) {
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare("SELECT version FROM usage_versions WHERE name = ?"));
  st->Bind(1, name);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return CorruptRow("usage_versions", name);
  return st->ColumnInt(0);
}

Result<int64_t> SqliteUsageRepository::CatalogVersion() { return Version("catalog"); }
Result<int64_t> SqliteUsageRepository::DedupeVersion() { return Version("dedupe"); }

// ---------------------------------------------------------------------------------------------
// Event log

Result<int64_t> SqliteUsageRepository::NextEventSequence() {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT first_sequence + event_count FROM usage_event_blocks "
                              "ORDER BY first_sequence DESC LIMIT 1"));
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->ColumnInt(0) : int64_t{1};
}

Status SqliteUsageRepository::AppendEventBlock(const EventBlock& b) {
  std::string keys;
  size_t bytes = 0;
  for (const EventKey& k : b.keys) bytes += k.id.size() + 10;
  keys.reserve(bytes);
  for (const EventKey& k : b.keys) AppendEventKey(keys, k);
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO usage_event_blocks (first_sequence, tenant_id, "
                              "event_count, min_timestamp_us, max_timestamp_us, received_at_us, "
                              "event_keys, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, b.first_sequence);
  BindId(*st, 2, b.tenant);
  st->Bind(3, static_cast<int64_t>(b.keys.size()));
  st->Bind(4, Micros(b.min_timestamp)).Bind(5, Micros(b.max_timestamp));
  st->Bind(6, Micros(b.received_at));
  st->BindBlob(7, keys);
  st->Bind(8, b.events_ndjson);
  return st->Run();
}

Result<int64_t> SqliteUsageRepository::ScanEventKeys(
    int64_t from_sequence, const std::function<void(const EventKeyRef&)>& fn) {
  absl::flat_hash_map<TenantId, absl::Time> horizons;
  {
    ASSIGN_OR_RETURN(Statement * h,
                     c_.Prepare("SELECT tenant_id, horizon_us FROM usage_dedupe_horizons"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, h->Step());
      if (!row) break;
      horizons[ColumnId<TenantId>(*h, 0)] = ColumnTime(*h, 1);
    }
  }
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT first_sequence, tenant_id, event_count, max_timestamp_us, "
                              "event_keys FROM usage_event_blocks WHERE first_sequence >= ? "
                              "ORDER BY first_sequence"));
  st->Bind(1, from_sequence);
  int64_t next = from_sequence;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    const int64_t first = st->ColumnInt(0);
    const auto tenant = ColumnId<TenantId>(*st, 1);
    const int64_t count = st->ColumnInt(2);
    next = first + count;
    auto horizon = horizons.find(tenant);
    const absl::Time cutoff = horizon == horizons.end() ? absl::InfinitePast() : horizon->second;
    // A block whose newest event is older than the horizon has no key worth loading.
    if (ColumnTime(*st, 3) < cutoff) continue;
    EventKeyRef ref;
    ref.tenant = tenant;
    RETURN_IF_ERROR(DecodeEventKeys(st->ColumnBlob(4), count,
                                    [&](int64_t index, std::string_view id, absl::Time ts) {
                                      if (ts < cutoff) return;
                                      ref.sequence = first + index;
                                      ref.id = id;
                                      ref.timestamp = ts;
                                      fn(ref);
                                    }));
  }
  return next;
}

Result<std::optional<std::string>> SqliteUsageRepository::FindEventId(TenantId tenant,
                                                                      int64_t sequence) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT first_sequence, tenant_id, event_count, event_keys FROM "
                              "usage_event_blocks WHERE first_sequence <= ? "
                              "ORDER BY first_sequence DESC LIMIT 1"));
  st->Bind(1, sequence);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<std::string>();
  const int64_t first = st->ColumnInt(0);
  const int64_t count = st->ColumnInt(2);
  if (ColumnId<TenantId>(*st, 1) != tenant || sequence >= first + count) {
    return std::optional<std::string>();
  }
  std::optional<std::string> found;
  RETURN_IF_ERROR(DecodeEventKeys(st->ColumnBlob(3), count,
                                  [&](int64_t index, std::string_view id, absl::Time) {
                                    if (first + index == sequence) found = std::string(id);
                                  }));
  return found;
}

Result<bool> SqliteUsageRepository::InsertCollidedEventId(TenantId tenant, std::string_view id,
                                                          int64_t sequence, absl::Time timestamp) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT OR IGNORE INTO usage_event_collisions (tenant_id, event_id, "
                              "sequence, timestamp_us) VALUES (?, ?, ?, ?)"));
  BindId(*st, 1, tenant);
  st->Bind(2, id).Bind(3, sequence).Bind(4, Micros(timestamp));
  RETURN_IF_ERROR(st->Run());
  return st->Changes() == 1;
}

Result<bool> SqliteUsageRepository::HasCollidedEventId(TenantId tenant, std::string_view id) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT 1 FROM usage_event_collisions WHERE tenant_id = ? AND "
                              "event_id = ?"));
  BindId(*st, 1, tenant);
  st->Bind(2, id);
  return st->Step();
}

Result<int64_t> SqliteUsageRepository::CountEvents(TenantId tenant) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT COALESCE(SUM(event_count), 0) FROM usage_event_blocks "
                              "WHERE tenant_id = ?"));
  BindId(*st, 1, tenant);
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->ColumnInt(0) : int64_t{0};
}

Result<std::optional<absl::Time>> SqliteUsageRepository::DedupeHorizon(TenantId tenant) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT horizon_us FROM usage_dedupe_horizons WHERE tenant_id = ?"));
  BindId(*st, 1, tenant);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<absl::Time>();
  return std::optional<absl::Time>(ColumnTime(*st, 0));
}

Status SqliteUsageRepository::SetDedupeHorizon(TenantId tenant, absl::Time horizon) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO usage_dedupe_horizons (tenant_id, horizon_us) "
                              "VALUES (?1, ?2) ON CONFLICT (tenant_id) DO UPDATE SET "
                              "horizon_us = ?2"));
  BindId(*st, 1, tenant);
  st->Bind(2, Micros(horizon));
  return st->Run();
}

// ---------------------------------------------------------------------------------------------
// Aggregates

Result<std::optional<AggregateRow>> SqliteUsageRepository::FindAggregate(TenantId tenant,
                                                                         const AggregateKey& key) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("SELECT {} FROM usage_aggregates WHERE tenant_id = ? AND "
                                          "subscription_id = ? AND period_index = ? AND "
                                          "meter_id = ? AND group_key = ?",
                                          kAggregateColumns)));
  BindId(*st, 1, tenant);
  BindId(*st, 2, key.subscription);
  st->Bind(3, key.period_index);
  BindId(*st, 4, key.meter);
  st->Bind(5, key.group_key);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<AggregateRow>();
  ASSIGN_OR_RETURN(AggregateRow out, ReadAggregate(*st));
  return std::optional<AggregateRow>(std::move(out));
}

Status SqliteUsageRepository::PutAggregate(TenantId tenant, const AggregateRow& row) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO usage_aggregates (tenant_id, subscription_id, "
                              "period_index, meter_id, group_key, quantity, event_count, "
                              "latest_timestamp_us, latest_sequence) VALUES (?1, ?2, ?3, ?4, ?5, "
                              "?6, ?7, ?8, ?9) ON CONFLICT DO UPDATE SET quantity = ?6, "
                              "event_count = ?7, latest_timestamp_us = ?8, latest_sequence = ?9"));
  BindId(*st, 1, tenant);
  BindId(*st, 2, row.key.subscription);
  st->Bind(3, row.key.period_index);
  BindId(*st, 4, row.key.meter);
  st->Bind(5, row.key.group_key).Bind(6, row.quantity.ToString()).Bind(7, row.event_count);
  if (row.latest_timestamp == absl::InfinitePast()) {
    st->BindNull(8).BindNull(9);
  } else {
    st->Bind(8, Micros(row.latest_timestamp)).Bind(9, row.latest_sequence);
  }
  return st->Run();
}

Result<std::vector<AggregateRow>> SqliteUsageRepository::ListAggregates(
    TenantId tenant, SubscriptionId subscription, std::optional<MeterId> meter,
    int64_t period_index) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("SELECT {} FROM usage_aggregates WHERE tenant_id = ?1 "
                                          "AND subscription_id = ?2 AND period_index = ?3 AND "
                                          "(?4 IS NULL OR meter_id = ?4) "
                                          "ORDER BY meter_id, group_key",
                                          kAggregateColumns)));
  BindId(*st, 1, tenant);
  BindId(*st, 2, subscription);
  st->Bind(3, period_index);
  BindOptionalId(*st, 4, meter);
  std::vector<AggregateRow> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ASSIGN_OR_RETURN(AggregateRow r, ReadAggregate(*st));
    out.push_back(std::move(r));
  }
  return out;
}

Result<bool> SqliteUsageRepository::InsertDistinctValue(TenantId tenant, const AggregateKey& key,
                                                        uint64_t value_hash) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT OR IGNORE INTO usage_distinct_values (tenant_id, "
                              "subscription_id, period_index, meter_id, group_key, value_hash) "
                              "VALUES (?, ?, ?, ?, ?, ?)"));
  BindId(*st, 1, tenant);
  BindId(*st, 2, key.subscription);
  st->Bind(3, key.period_index);
  BindId(*st, 4, key.meter);
  st->Bind(5, key.group_key);
  // Stored as the signed 64-bit integer with the same bits.
  st->Bind(6, static_cast<int64_t>(value_hash));
  RETURN_IF_ERROR(st->Run());
  return st->Changes() == 1;
}

Status SqliteUsageRepository::InsertLevel(TenantId tenant, SubscriptionId subscription,
                                          MeterId meter, const LevelChange& change) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT OR REPLACE INTO usage_levels (tenant_id, subscription_id, "
                              "meter_id, group_key, timestamp_us, sequence, level) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  BindId(*st, 1, tenant);
  BindId(*st, 2, subscription);
  BindId(*st, 3, meter);
  st->Bind(4, change.group_key).Bind(5, Micros(change.timestamp)).Bind(6, change.sequence);
  st->Bind(7, change.level.ToString());
  return st->Run();
}

Result<std::vector<LevelChange>> SqliteUsageRepository::ListLevels(TenantId tenant,
                                                                   SubscriptionId subscription,
                                                                   MeterId meter, absl::Time start,
                                                                   absl::Time end) {
  // Skip-scan over the groups (one index seek each), then per group the level carried in and the
  // changes inside the period: the cost follows the period, not the meter's whole history.
  constexpr char kPrefix[] = "tenant_id = ?1 AND subscription_id = ?2 AND meter_id = ?3";
  std::vector<LevelChange> out;
  std::optional<std::string> group;
  while (true) {
    ASSIGN_OR_RETURN(Statement * next,
                     c_.Prepare(fmt::format("SELECT group_key FROM usage_levels WHERE {} AND "
                                            "(?4 IS NULL OR group_key > ?4) ORDER BY group_key "
                                            "LIMIT 1",
                                            kPrefix)));
    BindId(*next, 1, tenant);
    BindId(*next, 2, subscription);
    BindId(*next, 3, meter);
    next->Bind(4, group);
    ASSIGN_OR_RETURN(bool found, next->Step());
    if (!found) break;
    group = next->ColumnText(0);
    next->Reset();
    ASSIGN_OR_RETURN(Statement * st,
                     c_.Prepare(fmt::format(
                         "SELECT timestamp_us, sequence, level FROM (SELECT * FROM ("
                         "SELECT timestamp_us, sequence, level FROM usage_levels WHERE {0} AND "
                         "group_key = ?4 AND timestamp_us < ?5 ORDER BY timestamp_us DESC, "
                         "sequence DESC LIMIT 1) UNION ALL SELECT timestamp_us, sequence, level "
                         "FROM usage_levels WHERE {0} AND group_key = ?4 AND timestamp_us >= ?5 "
                         "AND timestamp_us < ?6) ORDER BY timestamp_us, sequence",
                         kPrefix)));
    BindId(*st, 1, tenant);
    BindId(*st, 2, subscription);
    BindId(*st, 3, meter);
    st->Bind(4, *group).Bind(5, Micros(start)).Bind(6, Micros(end));
    while (true) {
      ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      LevelChange change;
      change.group_key = *group;
      change.timestamp = ColumnTime(*st, 0);
      change.sequence = st->ColumnInt(1);
      ASSIGN_OR_RETURN(change.level, ColumnDecimal(*st, 2, "usage_levels"));
      out.push_back(std::move(change));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Late usage

Status SqliteUsageRepository::InsertLate(TenantId tenant, const LateUsageEvent& late) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT OR IGNORE INTO usage_late_events (tenant_id, "
                              "subscription_id, sequence, meter_id, period_index, event_id, "
                              "timestamp_us, received_at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  BindId(*st, 1, tenant);
  BindId(*st, 2, late.subscription);
  st->Bind(3, late.sequence);
  BindId(*st, 4, late.meter);
  st->Bind(5, late.period_index).Bind(6, late.event_id).Bind(7, Micros(late.timestamp));
  st->Bind(8, Micros(late.received_at));
  return st->Run();
}

Result<std::vector<LateUsageEvent>> SqliteUsageRepository::ListLate(TenantId tenant,
                                                                    SubscriptionId subscription,
                                                                    int64_t after_sequence,
                                                                    int limit) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT sequence, meter_id, period_index, event_id, timestamp_us, "
                              "received_at_us FROM usage_late_events WHERE tenant_id = ? AND "
                              "subscription_id = ? AND sequence > ? ORDER BY sequence, meter_id "
                              "LIMIT ?"));
  BindId(*st, 1, tenant);
  BindId(*st, 2, subscription);
  st->Bind(3, after_sequence).Bind(4, limit);
  std::vector<LateUsageEvent> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    LateUsageEvent e;
    e.sequence = st->ColumnInt(0);
    e.subscription = subscription;
    e.meter = ColumnId<MeterId>(*st, 1);
    e.period_index = st->ColumnInt(2);
    e.event_id = st->ColumnText(3);
    e.timestamp = ColumnTime(*st, 4);
    e.received_at = ColumnTime(*st, 5);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace accrue::sqlite
