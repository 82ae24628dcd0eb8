// The ledger's SQLite tables (migration 5) and the LedgerRepository over them. Internal to
// storage/sqlite. Why the tables look like this (docs/decisions/0008-ledger.md):
//  - journal_lines is a rowid table without secondary index: lines are appended in posting order
//    and never touched again, and an entry finds its lines as the rowid range [first_line,
//    first_line + line_count) it records;
//  - ledger_balances holds, per (tenant, day, account, currency, entry kind), the debits and
//    credits posted, updated in the posting transaction: a trial balance for any day is a range
//    sum over a few thousand rows instead of a scan of millions of lines;
//  - revenue_schedules holds one row per invoice line with its monthly amounts, keyed by invoice
//    (a void finds them); revenue_deferred_by_month holds, per (tenant, month, account,
//    currency), what those rows still defer, maintained in the posting transaction like the
//    balances. Recognizing a month reads a handful of aggregate rows, writes one entry and moves a
//    per-tenant watermark (ledger_state.recognized_through): its cost does not grow with the
//    number of schedule items, and posting writes one row per line, not one per line and month;
//  - AR aging reads invoices through a covering index on (tenant, status, due date ...).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <tuple>

#include "accrue/app/ports/ledger_store.h"
#include "accrue/storage/sqlite/sqlite_db.h"

namespace accrue::sqlite {

inline constexpr std::string_view kLedgerSchema = R"sql(
CREATE TABLE ledger_state (
  tenant_id BLOB PRIMARY KEY REFERENCES tenants(id),
  next_entry_number INTEGER NOT NULL,
  recognized_through INTEGER
) WITHOUT ROWID;

CREATE TABLE ledger_accounts (
  tenant_id BLOB NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  normal_side TEXT NOT NULL,
  parent TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, code)
) WITHOUT ROWID;

CREATE TABLE journal_entries (
  tenant_id BLOB NOT NULL,
  id BLOB NOT NULL,
  number INTEGER NOT NULL,
  occurred_at_us INTEGER NOT NULL,
  effective_date TEXT NOT NULL,
  kind TEXT NOT NULL,
  source_type TEXT NOT NULL,
  source_id TEXT NOT NULL,
  memo TEXT NOT NULL,
  fx_currency TEXT,
  fx_reporting_currency TEXT,
  fx_rate TEXT,
  fx_rate_date TEXT,
  fx_source TEXT,
  first_line INTEGER NOT NULL,
  line_count INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
CREATE INDEX journal_entries_by_date ON journal_entries(tenant_id, effective_date, number);
CREATE INDEX journal_entries_by_source ON journal_entries(tenant_id, source_type, source_id);

CREATE TABLE journal_lines (
  id INTEGER PRIMARY KEY,
  tenant_id BLOB NOT NULL,
  account TEXT NOT NULL,
  currency TEXT NOT NULL,
  debit_minor INTEGER NOT NULL,
  credit_minor INTEGER NOT NULL
);

CREATE TABLE ledger_balances (
  tenant_id BLOB NOT NULL,
  day TEXT NOT NULL,
  account TEXT NOT NULL,
  currency TEXT NOT NULL,
  kind TEXT NOT NULL,
  debit_minor INTEGER NOT NULL,
  credit_minor INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, day, account, currency, kind)
) WITHOUT ROWID;

-- One row per invoice line with a service period: the amounts of consecutive months from
-- first_month (yyyymm), comma-separated minor units; the first `recognized_at_posting` of them
-- were recognized by the finalization entry itself (their months were already closed).
CREATE TABLE revenue_schedules (
  tenant_id BLOB NOT NULL,
  invoice_id BLOB NOT NULL,
  line_id BLOB NOT NULL,
  account TEXT NOT NULL,
  currency TEXT NOT NULL,
  first_month INTEGER NOT NULL,
  amounts TEXT NOT NULL,
  recognized_at_posting INTEGER NOT NULL,
  canceled INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, invoice_id, line_id)
) WITHOUT ROWID;

-- What the schedules still hold in deferred revenue, per month: the sum of every
-- non-cancelled item not recognized at posting. `items` counts them.
CREATE TABLE revenue_deferred_by_month (
  tenant_id BLOB NOT NULL,
  month INTEGER NOT NULL,
  account TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  items INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, month, account, currency)
) WITHOUT ROWID;

CREATE TABLE fx_rates (
  tenant_id BLOB NOT NULL,
  currency TEXT NOT NULL,
  rate_date TEXT NOT NULL,
  per_eur TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (tenant_id, currency, rate_date)
) WITHOUT ROWID;

ALTER TABLE tenants ADD COLUMN reporting_currency TEXT NOT NULL DEFAULT 'EUR';

CREATE INDEX invoices_ar_aging ON invoices(tenant_id, status, due_date, issue_date, customer_id,
  currency, amount_due_minor) WHERE amount_due_minor > 0;
)sql";

// One stored schedule row (an invoice line), decoded.
struct ScheduleRowView {
  std::string account;
  Currency currency = Currency::FromCodeOrDie("EUR");
  absl::CivilMonth first_month;
  std::vector<int64_t> amounts;  // one per month from first_month
  int64_t recognized_at_posting = 0;
};

class SqliteLedgerRepository final : public LedgerRepository {
 public:
  explicit SqliteLedgerRepository(Connection& c) : c_(c) {}

  Status Post(TenantId tenant, std::span<ledger::JournalEntry> entries,
              std::span<const ledger::ScheduleItem> schedule) override;
  Result<std::vector<ledger::JournalEntry>> EntriesForSource(TenantId tenant,
                                                             std::string_view source_type,
                                                             std::string_view source_id) override;
  Result<std::optional<ledger::JournalEntry>> FindEntry(TenantId tenant,
                                                        ledger::JournalEntryId id) override;
  Result<Page<ledger::JournalEntry>> ListEntries(TenantId tenant, absl::CivilDay from,
                                                 absl::CivilDay to,
                                                 std::optional<JournalCursor> after,
                                                 int limit) override;
  Result<absl::flat_hash_map<CustomerId, std::string>> CustomerZones(
      TenantId tenant, std::span<const CustomerId> customers) override;
  Result<absl::flat_hash_map<PlanId, std::string>> PlanCodes(
      TenantId tenant, std::span<const PlanId> plans) override;
  Result<std::optional<absl::CivilMonth>> RecognizedThrough(TenantId tenant) override;
  Status SetRecognizedThrough(TenantId tenant, absl::CivilMonth month) override;
  Result<std::optional<absl::CivilMonth>> FirstScheduledMonth(TenantId tenant) override;
  Result<ScheduledMonth> ScheduledFor(TenantId tenant, absl::CivilMonth month) override;
  Result<std::vector<ledger::RecognizedAmount>> RecognizedForInvoice(
      TenantId tenant, InvoiceId invoice, absl::CivilMonth through) override;
  Status CancelSchedule(TenantId tenant, InvoiceId invoice) override;
  Result<std::vector<ledger::DailyTotals>> DailyTotals(TenantId tenant, absl::CivilDay from,
                                                       absl::CivilDay to) override;
  Result<std::vector<ledger::AccountTotals>> Totals(TenantId tenant,
                                                    absl::CivilDay through) override;
  Result<std::vector<ledger::AgingRow>> OpenReceivables(TenantId tenant,
                                                        absl::CivilDay as_of) override;
  Result<std::vector<DeferredMonth>> DeferredByMonth(
      TenantId tenant, std::optional<absl::CivilMonth> after) override;
  Result<std::vector<ledger::MrrSubscription>> MrrSubscriptions(TenantId tenant,
                                                                absl::TimeZone zone) override;
  Result<std::vector<ledger::Account>> ListAccounts(TenantId tenant) override;
  Status VerifyBalances(TenantId tenant) override;
  Result<int64_t> UpsertRates(TenantId tenant, std::span<const ledger::ReferenceRate> rates,
                              std::string_view source) override;
  Result<std::optional<ledger::ReferenceRate>> FindRate(TenantId tenant, Currency currency,
                                                        absl::CivilDay day) override;
  Result<std::vector<ledger::ReferenceRate>> LoadRates(TenantId tenant,
                                                       std::span<const Currency> currencies,
                                                       absl::CivilDay through) override;

 private:
  Status EnsureState(TenantId tenant);
  Status InsertAccounts(TenantId tenant, std::span<const ledger::JournalEntry> entries);
  Status LoadLines(ledger::JournalEntry& entry, int64_t first_line, int64_t line_count);
  Status InsertSchedule(TenantId tenant, std::span<const ledger::ScheduleItem> schedule);
  Status VerifyDeferred(TenantId tenant);
  // The invoice's schedule rows that are not cancelled.
  Result<std::vector<ScheduleRowView>> InvoiceSchedule(TenantId tenant, InvoiceId invoice);
  // Adds (amount, items) to the deferred aggregate of each (month, account, currency).
  Status AddDeferred(TenantId tenant, const std::map<std::tuple<int64_t, std::string, Currency>,
                                                     std::pair<int64_t, int64_t>>& deltas);
  Connection& c_;
};

}  // namespace accrue::sqlite
