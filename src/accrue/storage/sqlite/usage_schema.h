// The SQLite tables of metering (migration 3): meters, the append-only event log, the running
// aggregates and their side tables. Internal to storage/sqlite; see
// docs/decisions/0006-usage-ingest.md for why the log holds one row per ingest batch.
#pragma once

#include <string_view>

namespace accrue::sqlite {

inline constexpr std::string_view kUsageSchema = R"sql(
CREATE TABLE meters (
  tenant_id BLOB NOT NULL REFERENCES tenants(id),
  id BLOB NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  aggregation TEXT NOT NULL,
  property TEXT NOT NULL,
  filters TEXT NOT NULL,
  group_by TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
) WITHOUT ROWID;

-- The event log: append-only and immutable, one row per ingest batch of one tenant, keyed by the
-- sequence number of its first event (sequences are global and strictly increasing, so rows
-- append at the end of the B-tree). `event_keys` holds each event's timestamp and id (the
-- dedupe keys, see usage_repository.cc for the encoding) and `events` one canonical JSON object
-- per event and line. The small columns come first so that reading them never walks the
-- overflow pages of the two large ones.
CREATE TABLE usage_event_blocks (
  first_sequence INTEGER PRIMARY KEY,
  tenant_id BLOB NOT NULL,
  event_count INTEGER NOT NULL,
  min_timestamp_us INTEGER NOT NULL,
  max_timestamp_us INTEGER NOT NULL,
  received_at_us INTEGER NOT NULL,
  event_keys BLOB NOT NULL,
  events TEXT NOT NULL
);
CREATE INDEX usage_event_blocks_by_tenant ON usage_event_blocks(tenant_id, first_sequence);

-- Event ids whose 64-bit hash equals an earlier id's (about one in 10^8 batches of 10^6): kept
-- exactly, by text.
CREATE TABLE usage_event_collisions (
  tenant_id BLOB NOT NULL,
  event_id TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  timestamp_us INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, event_id)
) WITHOUT ROWID;

-- Events older than a tenant's horizon are refused: their dedupe keys may have been dropped.
CREATE TABLE usage_dedupe_horizons (
  tenant_id BLOB PRIMARY KEY,
  horizon_us INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE usage_aggregates (
  tenant_id BLOB NOT NULL,
  subscription_id BLOB NOT NULL,
  period_index INTEGER NOT NULL,
  meter_id BLOB NOT NULL,
  group_key TEXT NOT NULL,
  quantity TEXT NOT NULL,
  event_count INTEGER NOT NULL,
  latest_timestamp_us INTEGER,
  latest_sequence INTEGER,
  PRIMARY KEY (tenant_id, subscription_id, period_index, meter_id, group_key)
) WITHOUT ROWID;

-- unique_count: the distinct values (64-bit hashes) seen per aggregate key.
CREATE TABLE usage_distinct_values (
  tenant_id BLOB NOT NULL,
  subscription_id BLOB NOT NULL,
  period_index INTEGER NOT NULL,
  meter_id BLOB NOT NULL,
  group_key TEXT NOT NULL,
  value_hash INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, subscription_id, period_index, meter_id, group_key, value_hash)
) WITHOUT ROWID;

-- weighted_sum: every level change, read back per period (with the one before it).
CREATE TABLE usage_levels (
  tenant_id BLOB NOT NULL,
  subscription_id BLOB NOT NULL,
  meter_id BLOB NOT NULL,
  group_key TEXT NOT NULL,
  timestamp_us INTEGER NOT NULL,
  sequence INTEGER NOT NULL,
  level TEXT NOT NULL,
  PRIMARY KEY (tenant_id, subscription_id, meter_id, group_key, timestamp_us, sequence)
) WITHOUT ROWID;

-- Events that arrived after their period was billed, per subscription, for adjustments.
CREATE TABLE usage_late_events (
  tenant_id BLOB NOT NULL,
  subscription_id BLOB NOT NULL,
  sequence INTEGER NOT NULL,
  meter_id BLOB NOT NULL,
  period_index INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  timestamp_us INTEGER NOT NULL,
  received_at_us INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, subscription_id, sequence, meter_id)
) WITHOUT ROWID;

-- Version counters that let ingest cache customers, subscriptions and meters across batches
-- (and processes): the triggers bump 'catalog' on every change to those tables.
CREATE TABLE usage_versions (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO usage_versions VALUES ('catalog', 0), ('dedupe', 0);
CREATE TRIGGER usage_catalog_customers_insert AFTER INSERT ON customers BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'catalog'; END;
CREATE TRIGGER usage_catalog_customers_update AFTER UPDATE ON customers BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'catalog'; END;
CREATE TRIGGER usage_catalog_customers_delete AFTER DELETE ON customers BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'catalog'; END;
CREATE TRIGGER usage_catalog_subscriptions_insert AFTER INSERT ON subscriptions BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'catalog'; END;
CREATE TRIGGER usage_catalog_subscriptions_update AFTER UPDATE ON subscriptions BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'catalog'; END;
CREATE TRIGGER usage_catalog_subscriptions_delete AFTER DELETE ON subscriptions BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'catalog'; END;
CREATE TRIGGER usage_catalog_meters_insert AFTER INSERT ON meters BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'catalog'; END;
CREATE TRIGGER usage_catalog_meters_update AFTER UPDATE ON meters BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'catalog'; END;
CREATE TRIGGER usage_catalog_meters_delete AFTER DELETE ON meters BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'catalog'; END;
CREATE TRIGGER usage_dedupe_horizon_insert AFTER INSERT ON usage_dedupe_horizons BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'dedupe'; END;
CREATE TRIGGER usage_dedupe_horizon_update AFTER UPDATE ON usage_dedupe_horizons BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'dedupe'; END;
)sql";

}  // namespace accrue::sqlite
