#include "accrue/storage/sqlite/schema.h"

#include "accrue/storage/sqlite/credit_note_repository.h"
#include "accrue/storage/sqlite/document_chain_repository.h"
#include "accrue/storage/sqlite/ledger_repository.h"
#include "accrue/storage/sqlite/payment_repository.h"
#include "accrue/storage/sqlite/usage_schema.h"

namespace accrue::sqlite {
namespace {

constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE tenants (
  id BLOB PRIMARY KEY,
  name TEXT NOT NULL,
  invoice_number_format TEXT NOT NULL,
  invoice_number_reset TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  default_net_terms_days INTEGER NOT NULL,
  created_at_us INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_keys (
  id BLOB PRIMARY KEY,
  tenant_id BLOB NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  hash BLOB NOT NULL UNIQUE,
  created_at_us INTEGER NOT NULL,
  revoked_at_us INTEGER
) WITHOUT ROWID;

CREATE TABLE customers (
  tenant_id BLOB NOT NULL REFERENCES tenants(id),
  id BLOB NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  address TEXT NOT NULL,
  country TEXT NOT NULL,
  currency TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  locale TEXT NOT NULL,
  tax_ids TEXT NOT NULL,
  net_terms_days INTEGER,
  metadata TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;

CREATE TABLE plans (
  tenant_id BLOB NOT NULL REFERENCES tenants(id),
  id BLOB NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  interval_unit TEXT NOT NULL,
  interval_count INTEGER NOT NULL,
  metadata TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code)
) WITHOUT ROWID;

CREATE TABLE subscriptions (
  tenant_id BLOB NOT NULL REFERENCES tenants(id),
  id BLOB NOT NULL,
  customer_id BLOB NOT NULL,
  plan_id BLOB NOT NULL,
  status TEXT NOT NULL,
  start_date TEXT NOT NULL,
  billing_anchor TEXT NOT NULL,
  interval_unit TEXT NOT NULL,
  interval_count INTEGER NOT NULL,
  next_period_index INTEGER NOT NULL,
  next_period_start_us INTEGER NOT NULL,
  net_terms_days INTEGER,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  tags TEXT NOT NULL,
  metadata TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  canceled_at_us INTEGER,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES plans(tenant_id, id)
) WITHOUT ROWID;
CREATE INDEX subscriptions_by_customer ON subscriptions(tenant_id, customer_id, id);

CREATE TABLE invoices (
  tenant_id BLOB NOT NULL REFERENCES tenants(id),
  id BLOB NOT NULL,
  customer_id BLOB NOT NULL,
  subscription_id BLOB,
  period_index INTEGER,
  billing_run_id BLOB,
  status TEXT NOT NULL,
  number TEXT,
  sequence INTEGER,
  currency TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  tags TEXT NOT NULL,
  metadata TEXT NOT NULL,
  buyer_name TEXT NOT NULL,
  buyer_email TEXT NOT NULL,
  buyer_address TEXT NOT NULL,
  buyer_tax_ids TEXT NOT NULL,
  period_start_us INTEGER,
  period_end_us INTEGER,
  subtotal_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  total_minor INTEGER NOT NULL,
  amount_paid_minor INTEGER NOT NULL,
  amount_credited_minor INTEGER NOT NULL,
  amount_due_minor INTEGER NOT NULL,
  net_terms_days INTEGER NOT NULL,
  issue_date TEXT,
  due_date TEXT,
  delivery_status TEXT NOT NULL,
  dispute_status TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL,
  finalized_at_us INTEGER,
  sent_at_us INTEGER,
  paid_at_us INTEGER,
  voided_at_us INTEGER,
  uncollectible_at_us INTEGER,
  archived_at_us INTEGER,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id)
) WITHOUT ROWID;
-- One invoice per subscription period: the guarantee behind idempotent billing runs.
CREATE UNIQUE INDEX invoices_one_per_period ON invoices(tenant_id, subscription_id, period_index)
  WHERE subscription_id IS NOT NULL;
CREATE UNIQUE INDEX invoices_by_number ON invoices(tenant_id, number) WHERE number IS NOT NULL;
CREATE INDEX invoices_by_customer ON invoices(tenant_id, customer_id, id);
CREATE INDEX invoices_by_status ON invoices(tenant_id, status, id);

CREATE TABLE invoice_lines (
  tenant_id BLOB NOT NULL,
  invoice_id BLOB NOT NULL,
  position INTEGER NOT NULL,
  id BLOB NOT NULL,
  description TEXT NOT NULL,
  quantity TEXT NOT NULL,
  unit_price TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  period_start_us INTEGER,
  period_end_us INTEGER,
  plan_id BLOB,
  PRIMARY KEY (tenant_id, invoice_id, position)
) WITHOUT ROWID;

CREATE TABLE invoice_tags (
  tenant_id BLOB NOT NULL,
  tag TEXT NOT NULL,
  invoice_id BLOB NOT NULL,
  PRIMARY KEY (tenant_id, tag, invoice_id)
) WITHOUT ROWID;

CREATE TABLE invoice_status_changes (
  tenant_id BLOB NOT NULL,
  invoice_id BLOB NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  at_us INTEGER NOT NULL
);
CREATE INDEX invoice_status_changes_by_invoice ON invoice_status_changes(tenant_id, invoice_id);

CREATE TABLE number_series (
  tenant_id BLOB NOT NULL,
  series_key TEXT NOT NULL,
  next_sequence INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, series_key)
) WITHOUT ROWID;

CREATE TABLE billing_runs (
  tenant_id BLOB NOT NULL,
  id BLOB NOT NULL,
  billing_at_us INTEGER NOT NULL,
  finalize INTEGER NOT NULL,
  status TEXT NOT NULL,
  subscriptions_processed INTEGER NOT NULL,
  invoices_created INTEGER NOT NULL,
  invoices_finalized INTEGER NOT NULL,
  periods_already_invoiced INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  actor TEXT NOT NULL,
  started_at_us INTEGER NOT NULL,
  finished_at_us INTEGER,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;

CREATE TABLE billing_run_failures (
  tenant_id BLOB NOT NULL,
  run_id BLOB NOT NULL,
  subscription_id BLOB NOT NULL,
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  at_us INTEGER NOT NULL
);
CREATE INDEX billing_run_failures_by_run ON billing_run_failures(tenant_id, run_id);

CREATE TABLE idempotency_keys (
  tenant_id BLOB NOT NULL,
  key TEXT NOT NULL,
  fingerprint BLOB NOT NULL,
  response_status INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at_us);
)sql";

// Due subscriptions are found by start of their next period; a partial index keeps canceled
// ones out of it.
constexpr std::string_view kDueIndex = R"sql(
CREATE INDEX subscriptions_due ON subscriptions(tenant_id, next_period_start_us, id)
  WHERE status = 'active';
)sql";

// Usage charges on plans (domain/pricing/charge.h), the pricing details of usage invoice lines,
// and the final-usage marker of canceled subscriptions (domain/billing.h, FinalUsagePeriods).
// Money columns of a charge are minor units of the plan's currency; prices and quantities are
// decimal text; a tier list is a JSON array of strings, 4 per tier (see charge_repository.cc).
constexpr std::string_view kUsageCharges = R"sql(
CREATE TABLE plan_charges (
  tenant_id BLOB NOT NULL,
  plan_id BLOB NOT NULL,
  position INTEGER NOT NULL,
  id BLOB NOT NULL,
  meter_id BLOB NOT NULL,
  meter_code TEXT NOT NULL,
  description TEXT NOT NULL,
  model TEXT NOT NULL,
  unit_price TEXT,
  tiers TEXT,
  package_size TEXT,
  package_price TEXT,
  rate_percent TEXT,
  fixed_fee_minor INTEGER,
  free_units TEXT NOT NULL,
  min_amount_minor INTEGER,
  max_amount_minor INTEGER,
  PRIMARY KEY (tenant_id, plan_id, position),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES plans(tenant_id, id)
) WITHOUT ROWID;

ALTER TABLE invoice_lines ADD COLUMN details TEXT;

ALTER TABLE subscriptions ADD COLUMN final_usage_invoiced INTEGER NOT NULL DEFAULT 0;
CREATE INDEX subscriptions_final_usage_pending ON subscriptions(tenant_id, id)
  WHERE status = 'canceled' AND final_usage_invoiced = 0;
)sql";

// Advancing a subscription's billing position no longer bumps the ingest catalog version once per
// row: a billing run bumps it once per transaction (SqliteSubscriptionRepository::AdvanceBilling),
// which saves a trigger program per invoice. Every other column still bumps it per row.
constexpr std::string_view kBillingPositionTrigger = R"sql(
DROP TRIGGER usage_catalog_subscriptions_update;
CREATE TRIGGER usage_catalog_subscriptions_update AFTER UPDATE OF tenant_id, id, customer_id,
  plan_id, status, start_date, billing_anchor, interval_unit, interval_count, net_terms_days,
  title, description, tags, metadata, created_at_us, canceled_at_us, final_usage_invoiced
  ON subscriptions BEGIN
  UPDATE usage_versions SET version = version + 1 WHERE name = 'catalog'; END;
)sql";

// Runs record a heartbeat with each batch, so a run whose process died can be told from a live
// one (BillingRunStatus::kInterrupted). Rows from before carry 0: any still 'running' is stale.
constexpr std::string_view kBillingRunHeartbeat = R"sql(
ALTER TABLE billing_runs ADD COLUMN heartbeat_at_us INTEGER NOT NULL DEFAULT 0;
)sql";

// The status history is keyed by (tenant, invoice, seq) inside its own B-tree instead of a rowid
// table plus an index on (tenant, invoice): two B-tree entries per change instead of four, and an
// invoice's history is one contiguous range. `seq` counts an invoice's changes from 0.
constexpr std::string_view kStatusChangesKeyed = R"sql(
CREATE TABLE invoice_status_changes_keyed (
  tenant_id BLOB NOT NULL,
  invoice_id BLOB NOT NULL,
  seq INTEGER NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  at_us INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id, seq)
) WITHOUT ROWID;
INSERT INTO invoice_status_changes_keyed
  SELECT tenant_id, invoice_id,
         row_number() OVER (PARTITION BY tenant_id, invoice_id ORDER BY rowid) - 1,
         from_status, to_status, actor, reason, at_us
  FROM invoice_status_changes;
DROP TABLE invoice_status_changes;
ALTER TABLE invoice_status_changes_keyed RENAME TO invoice_status_changes;
)sql";

// One index serves both the invoice list filtered by status (its (tenant, status, id) prefix) and
// the AR aging report (covered by the columns after it), where there were two: a billing run
// writes every invoice into one B-tree fewer. Not partial: the list needs every status.
constexpr std::string_view kInvoiceStatusIndex = R"sql(
DROP INDEX invoices_by_status;
DROP INDEX invoices_ar_aging;
CREATE INDEX invoices_by_status ON invoices(tenant_id, status, id, customer_id, currency, due_date,
  issue_date, amount_due_minor);
)sql";

// The seller block of a tenant's documents (domain/seller_profile.h): read only when a document
// is rendered, so it lives apart from the tenant row the billing path reads. The text columns are
// SellerProfileFieldNames() with '.' as '_', in that order (tenant_repository.cc relies on it).
constexpr std::string_view kSellerProfiles = R"sql(
CREATE TABLE seller_profiles (
  tenant_id BLOB PRIMARY KEY REFERENCES tenants(id),
  updated_at_us INTEGER NOT NULL,
  legal_name TEXT NOT NULL,
  trading_name TEXT NOT NULL,
  address_line1 TEXT NOT NULL,
  address_line2 TEXT NOT NULL,
  address_city TEXT NOT NULL,
  address_postal_code TEXT NOT NULL,
  address_region TEXT NOT NULL,
  address_country TEXT NOT NULL,
  vat_id TEXT NOT NULL,
  tax_registration_id TEXT NOT NULL,
  legal_registration_id TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  electronic_address TEXT NOT NULL,
  electronic_address_scheme TEXT NOT NULL,
  iban TEXT NOT NULL,
  bic TEXT NOT NULL,
  account_name TEXT NOT NULL,
  payment_terms TEXT NOT NULL,
  pdf_locale TEXT NOT NULL,
  accent_colour TEXT NOT NULL,
  footer TEXT NOT NULL
) WITHOUT ROWID;
)sql";

constexpr Migration kMigrations[] = {
    {1, "initial schema", kInitialSchema},
    {2, "due subscriptions index", kDueIndex},
    {3, "usage metering", kUsageSchema},
    {4, "usage charges and usage line details", kUsageCharges},
    {5, "ledger: journal, balances, revenue schedules, rates", kLedgerSchema},
    {6, "billing position changes bump the catalog once per transaction", kBillingPositionTrigger},
    {7, "billing run heartbeats", kBillingRunHeartbeat},
    {8, "invoice status history keyed by invoice", kStatusChangesKeyed},
    {9, "payments and their events", kPaymentsSchema},
    {10, "one invoice status index for lists and AR aging", kInvoiceStatusIndex},
    {11, "credit notes", kCreditNotesSchema},
    {12, "the chain of issued documents", kDocumentChainSchema},
    {13, "seller profiles", kSellerProfiles},
};

}  // namespace

std::span<const Migration> AccrueMigrations() { return kMigrations; }

}  // namespace accrue::sqlite
