// Number series, billing runs and idempotency records: the bookkeeping tables.
#include "accrue/base/check.h"
#include "accrue/storage/sqlite/repositories.h"
#include "accrue/storage/sqlite/rows.h"

namespace accrue::sqlite {
namespace {

constexpr char kRunColumns[] =
    "tenant_id, id, billing_at_us, finalize, status, subscriptions_processed, invoices_created, "
    "invoices_finalized, periods_already_invoiced, failures, actor, started_at_us, finished_at_us, "
    "heartbeat_at_us";

void BindRun(Statement& st, const BillingRun& r) {
  BindId(st, 1, r.tenant_id);
  BindId(st, 2, r.id);
  st.Bind(3, Micros(r.billing_at)).Bind(4, r.finalize ? 1 : 0);
  st.Bind(5, BillingRunStatusName(r.status)).Bind(6, r.subscriptions_processed);
  st.Bind(7, r.invoices_created).Bind(8, r.invoices_finalized);
  st.Bind(9, r.periods_already_invoiced).Bind(10, r.failures).Bind(11, r.actor);
  st.Bind(12, Micros(r.started_at)).Bind(13, Micros(r.finished_at)).Bind(14, Micros(r.heartbeat_at));
}

Result<BillingRun> ReadRun(const Statement& st) {
  BillingRun r;
  r.tenant_id = ColumnId<TenantId>(st, 0);
  r.id = ColumnId<BillingRunId>(st, 1);
  r.billing_at = ColumnTime(st, 2);
  r.finalize = st.ColumnInt(3) != 0;
  Result<BillingRunStatus> status = ParseBillingRunStatus(st.ColumnTextView(4));
  if (!status.ok()) return CorruptRow("billing_runs", "status");
  r.status = *status;
  r.subscriptions_processed = st.ColumnInt(5);
  r.invoices_created = st.ColumnInt(6);
  r.invoices_finalized = st.ColumnInt(7);
  r.periods_already_invoiced = st.ColumnInt(8);
  r.failures = st.ColumnInt(9);
  r.actor = st.ColumnText(10);
  r.started_at = ColumnTime(st, 11);
  r.finished_at = ColumnOptionalTime(st, 12);
  r.heartbeat_at = ColumnTime(st, 13);
  return r;
}

}  // namespace

Result<int64_t> SqliteNumberSeriesRepository::Reserve(TenantId tenant, std::string_view series_key,
                                                      int64_t count) {
  ACCRUE_CHECK(count > 0, "reserve at least one number");
  // Upsert and read back in one statement; runs inside the caller's write transaction, which
  // holds SQLite's single write lock, so no other transaction can interleave.
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO number_series (tenant_id, series_key, next_sequence) "
                              "VALUES (?1, ?2, ?3 + 1) ON CONFLICT (tenant_id, series_key) DO "
                              "UPDATE SET next_sequence = next_sequence + ?3 "
                              "RETURNING next_sequence"));
  BindId(*st, 1, tenant);
  st->Bind(2, series_key).Bind(3, count);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return InternalError("storage.error", "number series upsert returned no row");
  int64_t next = st->ColumnInt(0);
  st->Reset();
  return next - count;
}

Status SqliteBillingRunRepository::Insert(const BillingRun& r) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("INSERT INTO billing_runs ({}) VALUES (?, ?, ?, ?, ?, "
                                          "?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                          kRunColumns)));
  BindRun(*st, r);
  return st->Run();
}

Status SqliteBillingRunRepository::Update(const BillingRun& r) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("UPDATE billing_runs SET status = ?5, subscriptions_processed = ?6, "
                              "invoices_created = ?7, invoices_finalized = ?8, "
                              "periods_already_invoiced = ?9, failures = ?10, "
                              "finished_at_us = ?13, heartbeat_at_us = ?14 WHERE tenant_id = ?1 AND id = ?2 AND "
                              "billing_at_us = ?3 AND finalize = ?4 AND actor = ?11 AND "
                              "started_at_us = ?12"));
  BindRun(*st, r);
  RETURN_IF_ERROR(st->Run());
  return ExpectOneRow(*st, "billing run", r.id.ToString());
}

Result<int64_t> SqliteBillingRunRepository::MarkInterrupted(TenantId tenant,
                                                           absl::Time stale_before,
                                                           absl::Time now) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("UPDATE billing_runs SET status = 'interrupted', finished_at_us = ?3 "
                              "WHERE tenant_id = ?1 AND status = 'running' AND "
                              "heartbeat_at_us < ?2"));
  BindId(*st, 1, tenant);
  st->Bind(2, Micros(stale_before)).Bind(3, Micros(now));
  RETURN_IF_ERROR(st->Run());
  return st->Changes();
}

Status SqliteBillingRunRepository::InsertFailure(const BillingRunFailure& f) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO billing_run_failures VALUES (?, ?, ?, ?, ?, ?)"));
  BindId(*st, 1, f.tenant_id);
  BindId(*st, 2, f.run_id);
  BindId(*st, 3, f.subscription_id);
  st->Bind(4, f.reason).Bind(5, f.message).Bind(6, Micros(f.at));
  return st->Run();
}

Result<std::optional<BillingRun>> SqliteBillingRunRepository::Find(TenantId tenant,
                                                                   BillingRunId id) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format(
                       "SELECT {} FROM billing_runs WHERE tenant_id = ? AND id = ?", kRunColumns)));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<BillingRun>();
  ASSIGN_OR_RETURN(BillingRun r, ReadRun(*st));
  return std::optional<BillingRun>(std::move(r));
}

Result<Page<BillingRun>> SqliteBillingRunRepository::List(TenantId tenant,
                                                          const PageRequest& page) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("SELECT {} FROM billing_runs WHERE tenant_id = ?1 AND "
                                          "id < ?2 ORDER BY id DESC LIMIT ?3",
                                          kRunColumns)));
  BindId(*st, 1, tenant);
  BindCursor(*st, 2, page.starting_after);
  st->Bind(3, FetchLimit(page.limit));
  return ReadPage<BillingRun>(*st, page.limit, ReadRun);
}

Result<std::vector<BillingRunFailure>> SqliteBillingRunRepository::ListFailures(TenantId tenant,
                                                                                BillingRunId id,
                                                                                int limit) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT subscription_id, reason, message, at_us FROM "
                              "billing_run_failures WHERE tenant_id = ? AND run_id = ? ORDER BY "
                              "rowid LIMIT ?"));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  st->Bind(3, limit);
  std::vector<BillingRunFailure> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(BillingRunFailure{id, tenant, ColumnId<SubscriptionId>(*st, 0),
                                    st->ColumnText(1), st->ColumnText(2), ColumnTime(*st, 3)});
  }
  return out;
}

Result<std::optional<IdempotencyRecord>> SqliteIdempotencyRepository::Find(TenantId tenant,
                                                                           std::string_view key) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT fingerprint, response_status, response_body, created_at_us "
                              "FROM idempotency_keys WHERE tenant_id = ? AND key = ?"));
  BindId(*st, 1, tenant);
  st->Bind(2, key);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<IdempotencyRecord>();
  IdempotencyRecord r{tenant,
                      std::string(key),
                      std::string(st->ColumnBlob(0)),
                      static_cast<int>(st->ColumnInt(1)),
                      st->ColumnText(2),
                      ColumnTime(*st, 3)};
  return std::optional<IdempotencyRecord>(std::move(r));
}

Status SqliteIdempotencyRepository::Insert(const IdempotencyRecord& r) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO idempotency_keys VALUES (?, ?, ?, ?, ?, ?)"));
  BindId(*st, 1, r.tenant_id);
  st->Bind(2, r.key).BindBlob(3, r.fingerprint).Bind(4, r.response_status);
  st->Bind(5, r.response_body).Bind(6, Micros(r.created_at));
  return st->Run();
}

Result<int64_t> SqliteIdempotencyRepository::DeleteOlderThan(absl::Time before) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("DELETE FROM idempotency_keys WHERE created_at_us < ?"));
  st->Bind(1, Micros(before));
  RETURN_IF_ERROR(st->Run());
  return st->Changes();
}

}  // namespace accrue::sqlite
