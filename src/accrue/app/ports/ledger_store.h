// The ledger's storage port: journal entries, the running daily balances, revenue schedules,
// the chart of accounts, reference rates, and the read models the finance reports need.
//
// Reached from a transaction as StoreTx::ledger(), so an entry is written in the same
// transaction as the event it records (an invoice's finalization, its void ...). Entries are
// append-only: there is no update or delete here, and a correction is a reversing entry.
//
// Implementations must: verify every entry with ledger::CheckEntry before writing it (a
// violation is reported as an Internal error for the request, not a crash); keep the daily
// balances equal to the sum of the journal lines (VerifyBalances proves it); create the
// tenant's default chart of accounts the first time the tenant posts; scope everything by
// tenant. Not thread-safe by itself: it belongs to its transaction.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "accrue/app/ports/store.h"
#include "accrue/domain/ledger/account.h"
#include "accrue/domain/ledger/fx.h"
#include "accrue/domain/ledger/journal_entry.h"
#include "accrue/domain/ledger/postings.h"
#include "accrue/domain/ledger/reporting.h"
#include "accrue/domain/ledger/revenue_schedule.h"

namespace accrue {

// One month of revenue waiting in deferred revenue.
struct DeferredMonth {
  absl::CivilMonth month;
  Currency currency = Currency::FromCodeOrDie("EUR");
  int64_t amount_minor = 0;
};

// What one month's recognition will move, per revenue account and currency.
struct ScheduledMonth {
  std::vector<ledger::RecognizedAmount> amounts;
  int64_t items = 0;  // schedule items (invoice line × month) behind the amounts
};

// Position in the journal export order (effective date, then entry number).
struct JournalCursor {
  absl::CivilDay effective_date;
  int64_t number = 0;
};

class LedgerRepository {
 public:
  virtual ~LedgerRepository() = default;

  // ---- Posting ----
  // Checks and writes `entries` (assigning each the tenant's next journal number), their lines,
  // the daily balances, and `schedule`. All entries belong to `tenant`. An entry id that exists
  // already is AlreadyExists "storage.unique_violation": an event is posted once.
  virtual Status Post(TenantId tenant, std::span<ledger::JournalEntry> entries,
                      std::span<const ledger::ScheduleItem> schedule) = 0;
  // Every entry recorded for a source (e.g. "invoice", id), in posting order.
  virtual Result<std::vector<ledger::JournalEntry>> EntriesForSource(
      TenantId tenant, std::string_view source_type, std::string_view source_id) = 0;
  virtual Result<std::optional<ledger::JournalEntry>> FindEntry(TenantId tenant,
                                                                ledger::JournalEntryId id) = 0;
  // Entries with effective_date in [from, to], in (effective_date, number) order, after `after`.
  virtual Result<Page<ledger::JournalEntry>> ListEntries(TenantId tenant, absl::CivilDay from,
                                                         absl::CivilDay to,
                                                         std::optional<JournalCursor> after,
                                                         int limit) = 0;

  // ---- What posting needs to know ----
  // The time zones of customers (ids not found are absent from the result).
  virtual Result<absl::flat_hash_map<CustomerId, std::string>> CustomerZones(
      TenantId tenant, std::span<const CustomerId> customers) = 0;
  virtual Result<absl::flat_hash_map<PlanId, std::string>> PlanCodes(
      TenantId tenant, std::span<const PlanId> plans) = 0;

  // ---- Recognition ----
  // The last month recognized for the tenant, if any.
  virtual Result<std::optional<absl::CivilMonth>> RecognizedThrough(TenantId tenant) = 0;
  virtual Status SetRecognizedThrough(TenantId tenant, absl::CivilMonth month) = 0;
  // The earliest month with schedule items still to recognize.
  virtual Result<std::optional<absl::CivilMonth>> FirstScheduledMonth(TenantId tenant) = 0;
  // Schedule items of `month` still in deferred revenue (not cancelled, not recognized when
  // posted), summed per revenue account and currency.
  virtual Result<ScheduledMonth> ScheduledFor(TenantId tenant, absl::CivilMonth month) = 0;
  // What recognition runs moved to revenue for an invoice: its items of months up to `through`
  // that were not recognized when posted, per account and currency.
  virtual Result<std::vector<ledger::RecognizedAmount>> RecognizedForInvoice(
      TenantId tenant, InvoiceId invoice, absl::CivilMonth through) = 0;
  // Cancels the invoice's schedule (its void).
  virtual Status CancelSchedule(TenantId tenant, InvoiceId invoice) = 0;

  // ---- Reports ----
  // Postings per day, account, currency and entry kind, for days in [from, to].
  virtual Result<std::vector<ledger::DailyTotals>> DailyTotals(TenantId tenant, absl::CivilDay from,
                                                               absl::CivilDay to) = 0;
  // Postings per account and currency up to and including `through`.
  virtual Result<std::vector<ledger::AccountTotals>> Totals(TenantId tenant,
                                                            absl::CivilDay through) = 0;
  // Open invoices (open, sent, partially paid, disputed) issued by `as_of`, their amount due
  // summed per customer and currency into aging buckets (ledger::AgingBoundaries).
  virtual Result<std::vector<ledger::AgingRow>> OpenReceivables(TenantId tenant,
                                                                absl::CivilDay as_of) = 0;
  // Deferred revenue still to recognize, by month after `after` (all months when empty).
  virtual Result<std::vector<DeferredMonth>> DeferredByMonth(
      TenantId tenant, std::optional<absl::CivilMonth> after) = 0;
  // Every subscription with its plan's fee, for MRR. `zone` turns cancellation instants into days.
  virtual Result<std::vector<ledger::MrrSubscription>> MrrSubscriptions(TenantId tenant,
                                                                        absl::TimeZone zone) = 0;
  // The chart: the default accounts and every sub-account posted to.
  virtual Result<std::vector<ledger::Account>> ListAccounts(TenantId tenant) = 0;
  // Recomputes the daily balances from the journal lines; DataLoss "ledger.balances_mismatch"
  // when they differ.
  virtual Status VerifyBalances(TenantId tenant) = 0;

  // ---- Reference rates ----
  // Inserts or replaces rates; returns how many were written.
  virtual Result<int64_t> UpsertRates(TenantId tenant, std::span<const ledger::ReferenceRate> rates,
                                      std::string_view source) = 0;
  // The latest rate of `currency` published on or before `day`.
  virtual Result<std::optional<ledger::ReferenceRate>> FindRate(TenantId tenant, Currency currency,
                                                                absl::CivilDay day) = 0;
  // The rates of `currencies` (all when empty) published up to `through`.
  virtual Result<std::vector<ledger::ReferenceRate>> LoadRates(TenantId tenant,
                                                               std::span<const Currency> currencies,
                                                               absl::CivilDay through) = 0;
};

}  // namespace accrue
