#include "accrue/storage/sqlite/ledger_repository.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "accrue/base/strings.h"
#include "accrue/storage/sqlite/rows.h"
#include "accrue/time/instant.h"

namespace accrue::sqlite {
namespace {

using ledger::JournalEntry;
using ledger::JournalLine;

constexpr char kEntryColumns[] =
    "id, number, occurred_at_us, effective_date, kind, source_type, source_id, memo, fx_currency, "
    "fx_reporting_currency, fx_rate, fx_rate_date, fx_source, first_line, line_count";

// Statuses whose amount due is still receivable (uncollectible ones were written off).
constexpr char kOpenStatuses[] = "('open', 'sent', 'partially_paid', 'disputed')";

Status Corrupt(std::string_view what) { return CorruptRow("journal_entries", what); }

// An entry as read, with where its lines are.
struct StoredEntry {
  JournalEntry entry;
  int64_t first_line = 0;
  int64_t line_count = 0;
};

Result<StoredEntry> ReadEntryHeader(const Statement& st, TenantId tenant) {
  StoredEntry stored;
  JournalEntry& e = stored.entry;
  e.tenant_id = tenant;
  e.id = ColumnId<ledger::JournalEntryId>(st, 0);
  e.number = st.ColumnInt(1);
  e.occurred_at = ColumnTime(st, 2);
  ASSIGN_OR_RETURN(e.effective_date, ColumnDate(st, 3, "journal_entries"));
  Result<ledger::EntryKind> kind = ledger::ParseEntryKind(st.ColumnTextView(4));
  if (!kind.ok()) return Corrupt("kind");
  e.kind = *kind;
  e.source_type = st.ColumnText(5);
  e.source_id = st.ColumnText(6);
  e.memo = st.ColumnText(7);
  if (!st.ColumnIsNull(8)) {
    ledger::FxNote fx;
    ASSIGN_OR_RETURN(fx.currency, ColumnCurrency(st, 8, "journal_entries"));
    ASSIGN_OR_RETURN(fx.reporting_currency, ColumnCurrency(st, 9, "journal_entries"));
    ASSIGN_OR_RETURN(fx.rate, ColumnDecimal(st, 10, "journal_entries"));
    ASSIGN_OR_RETURN(fx.rate_date, ColumnDate(st, 11, "journal_entries"));
    fx.source = st.ColumnText(12);
    e.fx = std::move(fx);
  }
  stored.first_line = st.ColumnInt(13);
  stored.line_count = st.ColumnInt(14);
  return stored;
}

std::string DayText(absl::CivilDay d) { return FormatDate(d); }

Result<std::vector<int64_t>> DecodeAmounts(std::string_view text) {
  std::vector<int64_t> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const std::string_view part = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    int64_t v = 0;
    if (!absl::SimpleAtoi(AsAbsl(part), &v)) return CorruptRow("revenue_schedules", "amounts");
    out.push_back(v);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (out.empty() || out.size() > static_cast<size_t>(ledger::kScheduleMonthsMax)) {
    return CorruptRow("revenue_schedules", "amounts");
  }
  return out;
}

// (customer, currency) of an aging row, without allocating: AR aging looks one up per open
// invoice.
struct AgingKey {
  std::array<char, 16> customer;
  uint32_t currency;  // the three letters of the code
  bool operator==(const AgingKey&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, const AgingKey& k) {
    return H::combine(H::combine_contiguous(std::move(h), k.customer.data(), k.customer.size()),
                      k.currency);
  }
};

// "2026-03-31" → 20260331 without parsing checks: the column was written by FormatDate, and a
// malformed value only lands in a wrong bucket of a report (-1 sorts as over 90 days).
int64_t DayKey(std::string_view iso) {
  if (iso.size() != 10) return -1;
  int64_t key = 0;
  constexpr size_t kDigits[] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (size_t i : kDigits) key = key * 10 + (iso[i] - '0');
  return key;
}

}  // namespace

Result<std::vector<ScheduleRowView>> SqliteLedgerRepository::InvoiceSchedule(TenantId tenant,
                                                                             InvoiceId invoice) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT account, currency, first_month, amounts, "
                              "recognized_at_posting FROM revenue_schedules WHERE tenant_id = ? "
                              "AND invoice_id = ? AND canceled = 0"));
  BindId(*st, 1, tenant);
  BindId(*st, 2, invoice);
  std::vector<ScheduleRowView> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ScheduleRowView r;
    r.account = st->ColumnText(0);
    ASSIGN_OR_RETURN(r.currency, ColumnCurrency(*st, 1, "revenue_schedules"));
    r.first_month = ledger::MonthFromKey(st->ColumnInt(2));
    ASSIGN_OR_RETURN(r.amounts, DecodeAmounts(st->ColumnTextView(3)));
    r.recognized_at_posting = st->ColumnInt(4);
    if (r.recognized_at_posting < 0 ||
        r.recognized_at_posting > static_cast<int64_t>(r.amounts.size())) {
      return CorruptRow("revenue_schedules", "recognized_at_posting");
    }
    out.push_back(std::move(r));
  }
  return out;
}

Status SqliteLedgerRepository::EnsureState(TenantId tenant) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO ledger_state (tenant_id, next_entry_number) VALUES "
                              "(?, 1) ON CONFLICT (tenant_id) DO NOTHING"));
  BindId(*st, 1, tenant);
  RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return OkStatus();
  // First use of the books: the default chart of accounts.
  ASSIGN_OR_RETURN(
      Statement * acc,
      c_.Prepare("INSERT OR IGNORE INTO ledger_accounts VALUES (?, ?, ?, ?, ?, '', 0)"));
  for (const ledger::AccountDefinition& d : ledger::DefaultAccounts()) {
    BindId(*acc, 1, tenant);
    acc->Bind(2, d.code).Bind(3, d.name).Bind(4, ledger::AccountTypeName(d.type));
    acc->Bind(5, ledger::SideName(ledger::NormalSide(d.type)));
    RETURN_IF_ERROR(acc->Run());
  }
  return OkStatus();
}

Status SqliteLedgerRepository::InsertAccounts(TenantId tenant,
                                              std::span<const JournalEntry> entries) {
  absl::flat_hash_set<std::string_view> codes;
  for (const JournalEntry& e : entries) {
    for (const JournalLine& l : e.lines) {
      if (l.account.size() > 4) codes.insert(l.account);  // sub-accounts; defaults exist
    }
  }
  if (codes.empty()) return OkStatus();
  ASSIGN_OR_RETURN(
      Statement * st,
      c_.Prepare("INSERT OR IGNORE INTO ledger_accounts VALUES (?, ?, ?, ?, ?, ?, 0)"));
  for (std::string_view code : codes) {
    ASSIGN_OR_RETURN(ledger::Account a, ledger::ResolveAccount(code));
    BindId(*st, 1, tenant);
    st->Bind(2, a.code).Bind(3, a.name).Bind(4, ledger::AccountTypeName(a.type));
    st->Bind(5, ledger::SideName(ledger::NormalSide(a.type))).Bind(6, a.parent);
    RETURN_IF_ERROR(st->Run());
  }
  return OkStatus();
}

Status SqliteLedgerRepository::Post(TenantId tenant, std::span<JournalEntry> entries,
                                    std::span<const ledger::ScheduleItem> schedule) {
  if (entries.empty() && schedule.empty()) return OkStatus();
  // The other side of the invariant: whatever built the entries, an unbalanced or foreign one
  // is refused here (as an internal error for this request, not a crash).
  for (const JournalEntry& e : entries) {
    if (e.tenant_id != tenant) {
      return InternalError("ledger.wrong_tenant", "journal entry of another tenant");
    }
    RETURN_IF_ERROR(ledger::CheckEntry(e));
  }
  RETURN_IF_ERROR(EnsureState(tenant));
  if (!entries.empty()) {
    RETURN_IF_ERROR(InsertAccounts(tenant, entries));
    ASSIGN_OR_RETURN(Statement * num,
                     c_.Prepare("UPDATE ledger_state SET next_entry_number = next_entry_number + "
                                "?2 WHERE tenant_id = ?1 RETURNING next_entry_number"));
    BindId(*num, 1, tenant);
    num->Bind(2, static_cast<int64_t>(entries.size()));
    ASSIGN_OR_RETURN(bool row, num->Step());
    if (!row) return InternalError("storage.error", "ledger state row missing");
    int64_t number = num->ColumnInt(0) - static_cast<int64_t>(entries.size());
    num->Reset();

    static const std::string kInsertEntry =
        fmt::format("INSERT INTO journal_entries (tenant_id, {}) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    kEntryColumns);
    ASSIGN_OR_RETURN(Statement * ins, c_.Prepare(kInsertEntry));
    ASSIGN_OR_RETURN(Statement * line_st,
                     c_.Prepare("INSERT INTO journal_lines (tenant_id, account, currency, "
                                "debit_minor, credit_minor) VALUES (?, ?, ?, ?, ?)"));
    // Balances are summed in memory first: a billing batch of hundreds of invoices on one day
    // touches a handful of balance rows.
    std::map<std::tuple<absl::CivilDay, std::string_view, Currency, ledger::EntryKind>,
             std::pair<int64_t, int64_t>>
        deltas;
    absl::CivilDay text_day = absl::CivilDay(1970, 1, 1);
    std::string day_text = DayText(text_day);
    for (JournalEntry& e : entries) {
      e.number = number++;
      if (e.effective_date != text_day) {  // a batch mostly shares one day
        text_day = e.effective_date;
        day_text = DayText(text_day);
      }
      // Lines first: appended one after the other (one writer), their rowids are a range.
      int64_t first_line = 0;
      for (const JournalLine& l : e.lines) {
        BindId(*line_st, 1, tenant);
        line_st->Bind(2, l.account).Bind(3, l.currency.code());
        line_st->Bind(4, l.debit_minor).Bind(5, l.credit_minor);
        RETURN_IF_ERROR(line_st->Run());
        if (first_line == 0) first_line = c_.LastInsertRowId();
        auto& d = deltas[{e.effective_date, l.account, l.currency, e.kind}];
        d.first += l.debit_minor;
        d.second += l.credit_minor;
      }
      if (c_.LastInsertRowId() - first_line + 1 != static_cast<int64_t>(e.lines.size())) {
        return InternalError("storage.error", "journal lines were not appended contiguously");
      }
      BindId(*ins, 1, tenant);
      BindId(*ins, 2, e.id);
      ins->Bind(3, e.number).Bind(4, Micros(e.occurred_at)).Bind(5, day_text);
      ins->Bind(6, ledger::EntryKindName(e.kind)).Bind(7, e.source_type).Bind(8, e.source_id);
      ins->Bind(9, e.memo);
      if (e.fx.has_value()) {
        ins->Bind(10, e.fx->currency.code()).Bind(11, e.fx->reporting_currency.code());
        ins->Bind(12, e.fx->rate.ToString()).Bind(13, DayText(e.fx->rate_date));
        ins->Bind(14, e.fx->source);
      } else {
        for (int i = 10; i <= 14; ++i) ins->BindNull(i);
      }
      ins->Bind(15, first_line).Bind(16, static_cast<int64_t>(e.lines.size()));
      RETURN_IF_ERROR(ins->Run());
    }
    ASSIGN_OR_RETURN(Statement * bal,
                     c_.Prepare("INSERT INTO ledger_balances VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                "ON CONFLICT (tenant_id, day, account, currency, kind) DO UPDATE "
                                "SET debit_minor = debit_minor + ?6, credit_minor = credit_minor "
                                "+ ?7"));
    for (const auto& [key, amounts] : deltas) {
      const auto& [day, account, currency, kind] = key;
      BindId(*bal, 1, tenant);
      bal->Bind(2, DayText(day)).Bind(3, account).Bind(4, currency.code());
      bal->Bind(5, ledger::EntryKindName(kind)).Bind(6, amounts.first).Bind(7, amounts.second);
      RETURN_IF_ERROR(bal->Run());
    }
  }
  return InsertSchedule(tenant, schedule);
}

Status SqliteLedgerRepository::AddDeferred(
    TenantId tenant,
    const std::map<std::tuple<int64_t, std::string, Currency>, std::pair<int64_t, int64_t>>&
        deltas) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO revenue_deferred_by_month VALUES (?1, ?2, ?3, ?4, ?5, "
                              "?6) ON CONFLICT (tenant_id, month, account, currency) DO UPDATE "
                              "SET amount_minor = amount_minor + ?5, items = items + ?6"));
  for (const auto& [key, delta] : deltas) {
    const auto& [month, account, currency] = key;
    BindId(*st, 1, tenant);
    st->Bind(2, month).Bind(3, account).Bind(4, currency.code());
    st->Bind(5, delta.first).Bind(6, delta.second);
    RETURN_IF_ERROR(st->Run());
  }
  return OkStatus();
}

Status SqliteLedgerRepository::InsertSchedule(TenantId tenant,
                                              std::span<const ledger::ScheduleItem> schedule) {
  if (schedule.empty()) return OkStatus();
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO revenue_schedules VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)"));
  std::map<std::tuple<int64_t, std::string, Currency>, std::pair<int64_t, int64_t>> deferred;
  // Items arrive grouped by line, months ascending (PostInvoiceFinalized builds them so).
  size_t i = 0;
  while (i < schedule.size()) {
    const ledger::ScheduleItem& head = schedule[i];
    std::string amounts;
    int64_t at_posting = 0;
    absl::CivilMonth expected = head.month;
    size_t j = i;
    for (; j < schedule.size() && schedule[j].invoice_id == head.invoice_id &&
           schedule[j].line_id == head.line_id;
         ++j) {
      const ledger::ScheduleItem& item = schedule[j];
      if (item.month != expected || item.account != head.account ||
          item.currency != head.currency ||
          (item.recognized_at_posting && at_posting != static_cast<int64_t>(j - i))) {
        return InternalError("ledger.malformed_schedule",
                             "schedule items of a line must be consecutive months");
      }
      ++expected;
      if (!amounts.empty()) amounts += ',';
      amounts += std::to_string(item.amount_minor);
      if (item.recognized_at_posting) {
        ++at_posting;
      } else {
        auto& d = deferred[{ledger::MonthKey(item.month), item.account, item.currency}];
        d.first += item.amount_minor;
        d.second += 1;
      }
    }
    BindId(*st, 1, tenant);
    BindId(*st, 2, head.invoice_id);
    BindId(*st, 3, head.line_id);
    st->Bind(4, head.account).Bind(5, head.currency.code()).Bind(6, ledger::MonthKey(head.month));
    st->Bind(7, amounts).Bind(8, at_posting);
    RETURN_IF_ERROR(st->Run());
    i = j;
  }
  return AddDeferred(tenant, deferred);
}

Status SqliteLedgerRepository::LoadLines(JournalEntry& e, int64_t first_line, int64_t line_count) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT account, currency, debit_minor, credit_minor FROM "
                              "journal_lines WHERE id >= ? AND id < ? AND tenant_id = ? ORDER BY "
                              "id"));
  st->Bind(1, first_line).Bind(2, first_line + line_count);
  BindId(*st, 3, e.tenant_id);
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    JournalLine l;
    l.account = st->ColumnText(0);
    ASSIGN_OR_RETURN(l.currency, ColumnCurrency(*st, 1, "journal_lines"));
    l.debit_minor = st->ColumnInt(2);
    l.credit_minor = st->ColumnInt(3);
    e.lines.push_back(std::move(l));
  }
  // Checked on the way out as well: a tampered or missing line is reported for this request,
  // not served.
  if (static_cast<int64_t>(e.lines.size()) != line_count) {
    return MakeError(absl::StatusCode::kDataLoss, "storage.corrupt",
                     fmt::format("journal entry {} has lost lines", e.id.ToString()));
  }
  Status ok = ledger::CheckEntry(e);
  if (!ok.ok())
    return MakeError(absl::StatusCode::kDataLoss, "storage.corrupt", std::string(ok.message()));
  return OkStatus();
}

Result<std::vector<JournalEntry>> SqliteLedgerRepository::EntriesForSource(
    TenantId tenant, std::string_view source_type, std::string_view source_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("SELECT {} FROM journal_entries WHERE tenant_id = ? AND "
                                          "source_type = ? AND source_id = ? ORDER BY number",
                                          kEntryColumns)));
  BindId(*st, 1, tenant);
  st->Bind(2, source_type).Bind(3, source_id);
  std::vector<StoredEntry> stored;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ASSIGN_OR_RETURN(StoredEntry e, ReadEntryHeader(*st, tenant));
    stored.push_back(std::move(e));
  }
  st->Reset();
  std::vector<JournalEntry> out;
  for (StoredEntry& s : stored) {
    RETURN_IF_ERROR(LoadLines(s.entry, s.first_line, s.line_count));
    out.push_back(std::move(s.entry));
  }
  return out;
}

Result<std::optional<JournalEntry>> SqliteLedgerRepository::FindEntry(TenantId tenant,
                                                                      ledger::JournalEntryId id) {
  ASSIGN_OR_RETURN(
      Statement * st,
      c_.Prepare(fmt::format("SELECT {} FROM journal_entries WHERE tenant_id = ? AND id = ?",
                             kEntryColumns)));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<JournalEntry>();
  ASSIGN_OR_RETURN(StoredEntry e, ReadEntryHeader(*st, tenant));
  st->Reset();
  RETURN_IF_ERROR(LoadLines(e.entry, e.first_line, e.line_count));
  return std::optional<JournalEntry>(std::move(e.entry));
}

Result<Page<JournalEntry>> SqliteLedgerRepository::ListEntries(TenantId tenant, absl::CivilDay from,
                                                               absl::CivilDay to,
                                                               std::optional<JournalCursor> after,
                                                               int limit) {
  // The cursor narrows the index range itself, so deep pages cost no more than the first.
  ASSIGN_OR_RETURN(
      Statement * st,
      c_.Prepare(fmt::format("SELECT {} FROM journal_entries WHERE tenant_id = ?1 AND "
                             "effective_date >= ?2 AND effective_date <= ?3 AND "
                             "(effective_date > ?2 OR number > ?4) ORDER BY effective_date, "
                             "number LIMIT ?5",
                             kEntryColumns)));
  absl::CivilDay low = from;
  int64_t after_number = -1;
  if (after.has_value() && after->effective_date >= from) {
    low = after->effective_date;
    after_number = after->number;
  }
  BindId(*st, 1, tenant);
  st->Bind(2, DayText(low)).Bind(3, DayText(to)).Bind(4, after_number);
  st->Bind(5, FetchLimit(limit));
  ASSIGN_OR_RETURN(Page<StoredEntry> stored,
                   ReadPage<StoredEntry>(
                       *st, limit, [&](const Statement& s) { return ReadEntryHeader(s, tenant); }));
  st->Reset();
  Page<JournalEntry> page;
  page.has_more = stored.has_more;
  for (StoredEntry& s : stored.items) {
    RETURN_IF_ERROR(LoadLines(s.entry, s.first_line, s.line_count));
    page.items.push_back(std::move(s.entry));
  }
  return page;
}

Result<absl::flat_hash_map<CustomerId, std::string>> SqliteLedgerRepository::CustomerZones(
    TenantId tenant, std::span<const CustomerId> customers) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT time_zone FROM customers WHERE tenant_id = ? AND id = ?"));
  absl::flat_hash_map<CustomerId, std::string> out;
  out.reserve(customers.size());
  for (const CustomerId& id : customers) {
    BindId(*st, 1, tenant);
    BindId(*st, 2, id);
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) out.emplace(id, st->ColumnText(0));
    st->Reset();
  }
  return out;
}

Result<absl::flat_hash_map<PlanId, std::string>> SqliteLedgerRepository::PlanCodes(
    TenantId tenant, std::span<const PlanId> plans) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT code FROM plans WHERE tenant_id = ? AND id = ?"));
  absl::flat_hash_map<PlanId, std::string> out;
  for (const PlanId& id : plans) {
    BindId(*st, 1, tenant);
    BindId(*st, 2, id);
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) out.emplace(id, st->ColumnText(0));
    st->Reset();
  }
  return out;
}

Result<std::optional<absl::CivilMonth>> SqliteLedgerRepository::RecognizedThrough(TenantId tenant) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT recognized_through FROM ledger_state WHERE tenant_id = ?"));
  BindId(*st, 1, tenant);
  ASSIGN_OR_RETURN(bool row, st->Step());
  std::optional<absl::CivilMonth> out;
  if (row && !st->ColumnIsNull(0)) out = ledger::MonthFromKey(st->ColumnInt(0));
  st->Reset();
  return out;
}

Status SqliteLedgerRepository::SetRecognizedThrough(TenantId tenant, absl::CivilMonth month) {
  RETURN_IF_ERROR(EnsureState(tenant));
  // Only ever forward: recognized months stay recognized.
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("UPDATE ledger_state SET recognized_through = ?2 WHERE tenant_id = "
                              "?1 AND (recognized_through IS NULL OR recognized_through < ?2)"));
  BindId(*st, 1, tenant);
  st->Bind(2, ledger::MonthKey(month));
  return st->Run();
}

Result<std::optional<absl::CivilMonth>> SqliteLedgerRepository::FirstScheduledMonth(
    TenantId tenant) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT MIN(month) FROM revenue_deferred_by_month WHERE tenant_id = "
                              "? AND items > 0"));
  BindId(*st, 1, tenant);
  ASSIGN_OR_RETURN(bool row, st->Step());
  std::optional<absl::CivilMonth> out;
  if (row && !st->ColumnIsNull(0)) out = ledger::MonthFromKey(st->ColumnInt(0));
  st->Reset();
  return out;
}

Result<ScheduledMonth> SqliteLedgerRepository::ScheduledFor(TenantId tenant,
                                                            absl::CivilMonth month) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT account, currency, amount_minor, items FROM "
                              "revenue_deferred_by_month WHERE tenant_id = ? AND month = ? ORDER "
                              "BY account, currency"));
  BindId(*st, 1, tenant);
  st->Bind(2, ledger::MonthKey(month));
  ScheduledMonth out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ledger::RecognizedAmount a;
    a.account = st->ColumnText(0);
    ASSIGN_OR_RETURN(a.currency, ColumnCurrency(*st, 1, "revenue_deferred_by_month"));
    a.amount_minor = st->ColumnInt(2);
    out.items += st->ColumnInt(3);
    if (a.amount_minor != 0) out.amounts.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<ledger::RecognizedAmount>> SqliteLedgerRepository::RecognizedForInvoice(
    TenantId tenant, InvoiceId invoice, absl::CivilMonth through) {
  ASSIGN_OR_RETURN(std::vector<ScheduleRowView> rows, InvoiceSchedule(tenant, invoice));
  std::map<std::pair<std::string, Currency>, int64_t> sums;
  for (const ScheduleRowView& r : rows) {
    for (size_t k = static_cast<size_t>(r.recognized_at_posting); k < r.amounts.size(); ++k) {
      if (r.first_month + static_cast<int64_t>(k) > through) break;
      sums[{r.account, r.currency}] += r.amounts[k];
    }
  }
  std::vector<ledger::RecognizedAmount> out;
  for (const auto& [key, amount] : sums) {
    if (amount != 0) out.push_back(ledger::RecognizedAmount{key.first, key.second, amount});
  }
  return out;
}

Status SqliteLedgerRepository::CancelSchedule(TenantId tenant, InvoiceId invoice) {
  // What is still deferred (months after the last recognized one) leaves the monthly aggregate.
  ASSIGN_OR_RETURN(std::optional<absl::CivilMonth> closed, RecognizedThrough(tenant));
  ASSIGN_OR_RETURN(std::vector<ScheduleRowView> rows, InvoiceSchedule(tenant, invoice));
  std::map<std::tuple<int64_t, std::string, Currency>, std::pair<int64_t, int64_t>> deltas;
  for (const ScheduleRowView& r : rows) {
    for (size_t k = static_cast<size_t>(r.recognized_at_posting); k < r.amounts.size(); ++k) {
      const absl::CivilMonth m = r.first_month + static_cast<int64_t>(k);
      if (closed.has_value() && m <= *closed) continue;
      auto& d = deltas[{ledger::MonthKey(m), r.account, r.currency}];
      d.first -= r.amounts[k];
      d.second -= 1;
    }
  }
  RETURN_IF_ERROR(AddDeferred(tenant, deltas));
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("UPDATE revenue_schedules SET canceled = 1 WHERE tenant_id = ? AND "
                              "invoice_id = ? AND canceled = 0"));
  BindId(*st, 1, tenant);
  BindId(*st, 2, invoice);
  return st->Run();
}

Result<std::vector<ledger::DailyTotals>> SqliteLedgerRepository::DailyTotals(TenantId tenant,
                                                                             absl::CivilDay from,
                                                                             absl::CivilDay to) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT day, kind, account, currency, debit_minor, credit_minor "
                              "FROM ledger_balances WHERE tenant_id = ? AND day >= ? AND day <= "
                              "? ORDER BY day"));
  BindId(*st, 1, tenant);
  st->Bind(2, DayText(from)).Bind(3, DayText(to));
  std::vector<ledger::DailyTotals> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ledger::DailyTotals d;
    ASSIGN_OR_RETURN(d.day, ColumnDate(*st, 0, "ledger_balances"));
    Result<ledger::EntryKind> kind = ledger::ParseEntryKind(st->ColumnTextView(1));
    if (!kind.ok()) return CorruptRow("ledger_balances", "kind");
    d.kind = *kind;
    d.totals.account = st->ColumnText(2);
    ASSIGN_OR_RETURN(d.totals.currency, ColumnCurrency(*st, 3, "ledger_balances"));
    d.totals.debit_minor = st->ColumnInt(4);
    d.totals.credit_minor = st->ColumnInt(5);
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<ledger::AccountTotals>> SqliteLedgerRepository::Totals(TenantId tenant,
                                                                          absl::CivilDay through) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT account, currency, SUM(debit_minor), SUM(credit_minor) FROM "
                              "ledger_balances WHERE tenant_id = ? AND day <= ? GROUP BY account, "
                              "currency ORDER BY account, currency"));
  BindId(*st, 1, tenant);
  st->Bind(2, DayText(through));
  std::vector<ledger::AccountTotals> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ledger::AccountTotals t;
    t.account = st->ColumnText(0);
    ASSIGN_OR_RETURN(t.currency, ColumnCurrency(*st, 1, "ledger_balances"));
    t.debit_minor = st->ColumnInt(2);
    t.credit_minor = st->ColumnInt(3);
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<ledger::AgingRow>> SqliteLedgerRepository::OpenReceivables(
    TenantId tenant, absl::CivilDay as_of) {
  // Streams the covering index invoices_by_status (migration 10) and sums in memory: faster than GROUP BY's sorter for millions
  // of open invoices. Dates are ISO text, so bucket boundaries compare as strings.
  ASSIGN_OR_RETURN(
      Statement * st,
      c_.Prepare(fmt::format("SELECT customer_id, currency, due_date, amount_due_minor FROM "
                             "invoices INDEXED BY invoices_by_status WHERE tenant_id = ? AND "
                             "status IN {} AND amount_due_minor > 0 AND issue_date <= ?",
                             kOpenStatuses)));
  const std::string as_of_text = DayText(as_of);
  const std::array<absl::CivilDay, 3> bounds = ledger::AgingBoundaries(as_of);
  const int64_t today = DayKey(as_of_text);
  const int64_t b30 = DayKey(DayText(bounds[0]));
  const int64_t b60 = DayKey(DayText(bounds[1]));
  const int64_t b90 = DayKey(DayText(bounds[2]));
  BindId(*st, 1, tenant);
  st->Bind(2, as_of_text);
  std::vector<ledger::AgingRow> out;
  absl::flat_hash_map<AgingKey, size_t> index;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    const std::string_view id = st->ColumnBlob(0);
    const std::string_view code = st->ColumnTextView(1);
    if (id.size() != 16 || code.size() != 3) return CorruptRow("invoices", "customer or currency");
    AgingKey key;
    std::copy(id.begin(), id.end(), key.customer.begin());
    key.currency = static_cast<uint32_t>(static_cast<unsigned char>(code[0])) << 16 |
                   static_cast<uint32_t>(static_cast<unsigned char>(code[1])) << 8 |
                   static_cast<uint32_t>(static_cast<unsigned char>(code[2]));
    auto [it, inserted] = index.try_emplace(key, out.size());
    if (inserted) {
      ledger::AgingRow fresh;
      fresh.customer = ColumnId<CustomerId>(*st, 0);
      ASSIGN_OR_RETURN(fresh.currency, ColumnCurrency(*st, 1, "invoices"));
      out.push_back(std::move(fresh));
    }
    const int64_t due = DayKey(st->ColumnTextView(2));
    size_t bucket = 4;
    if (due >= today) {
      bucket = 0;
    } else if (due >= b30) {
      bucket = 1;
    } else if (due >= b60) {
      bucket = 2;
    } else if (due >= b90) {
      bucket = 3;
    }
    ledger::AgingRow& r = out[it->second];
    const int64_t amount = st->ColumnInt(3);
    r.buckets_minor[bucket] += amount;
    r.total_minor += amount;
  }
  st->Reset();
  // Customer names: point lookups for a short report, one pass over the customers otherwise.
  absl::flat_hash_map<CustomerId, std::string> names;
  if (out.size() <= 1000) {
    ASSIGN_OR_RETURN(Statement * name_st,
                     c_.Prepare("SELECT name FROM customers WHERE tenant_id = ? AND id = ?"));
    for (const ledger::AgingRow& row : out) {
      if (names.contains(row.customer)) continue;
      BindId(*name_st, 1, tenant);
      BindId(*name_st, 2, row.customer);
      ASSIGN_OR_RETURN(bool found, name_st->Step());
      if (found) names.emplace(row.customer, name_st->ColumnText(0));
      name_st->Reset();
    }
  } else {
    ASSIGN_OR_RETURN(Statement * all,
                     c_.Prepare("SELECT id, name FROM customers WHERE tenant_id = ?"));
    BindId(*all, 1, tenant);
    while (true) {
      ASSIGN_OR_RETURN(bool found, all->Step());
      if (!found) break;
      names.emplace(ColumnId<CustomerId>(*all, 0), all->ColumnText(1));
    }
  }
  for (ledger::AgingRow& row : out) {
    auto name = names.find(row.customer);
    if (name != names.end()) row.customer_name = name->second;
  }
  return out;
}

Result<std::vector<DeferredMonth>> SqliteLedgerRepository::DeferredByMonth(
    TenantId tenant, std::optional<absl::CivilMonth> after) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT month, currency, SUM(amount_minor) FROM "
                              "revenue_deferred_by_month WHERE tenant_id = ? AND month > ? GROUP "
                              "BY month, currency HAVING SUM(amount_minor) != 0 ORDER BY month, "
                              "currency"));
  BindId(*st, 1, tenant);
  st->Bind(2, after.has_value() ? ledger::MonthKey(*after) : int64_t{0});
  std::vector<DeferredMonth> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    DeferredMonth m;
    m.month = ledger::MonthFromKey(st->ColumnInt(0));
    ASSIGN_OR_RETURN(m.currency, ColumnCurrency(*st, 1, "revenue_deferred_by_month"));
    m.amount_minor = st->ColumnInt(2);
    out.push_back(m);
  }
  return out;
}

Result<std::vector<ledger::MrrSubscription>> SqliteLedgerRepository::MrrSubscriptions(
    TenantId tenant, absl::TimeZone zone) {
  ASSIGN_OR_RETURN(
      Statement * st,
      c_.Prepare("SELECT s.customer_id, s.start_date, s.status, s.canceled_at_us, "
                 "s.interval_unit, s.interval_count, p.amount_minor, p.currency FROM "
                 "subscriptions s JOIN plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id "
                 "WHERE s.tenant_id = ?"));
  BindId(*st, 1, tenant);
  std::vector<ledger::MrrSubscription> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ledger::MrrSubscription s;
    s.customer = ColumnId<CustomerId>(*st, 0);
    ASSIGN_OR_RETURN(s.start_date, ColumnDate(*st, 1, "subscriptions"));
    if (st->ColumnTextView(2) == "canceled") {
      std::optional<absl::Time> at = ColumnOptionalTime(*st, 3);
      if (at.has_value()) s.canceled_on = absl::ToCivilDay(*at, zone);
    }
    Result<IntervalUnit> unit = ParseIntervalUnit(st->ColumnTextView(4));
    if (!unit.ok()) return CorruptRow("subscriptions", "interval unit");
    s.unit = *unit;
    s.interval_count = static_cast<int>(st->ColumnInt(5));
    if (s.interval_count < 1) return CorruptRow("subscriptions", "interval count");
    ASSIGN_OR_RETURN(Currency currency, ColumnCurrency(*st, 7, "plans"));
    s.amount = Money::FromMinor(st->ColumnInt(6), currency);
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<ledger::Account>> SqliteLedgerRepository::ListAccounts(TenantId tenant) {
  std::set<std::string> codes;
  for (const ledger::AccountDefinition& d : ledger::DefaultAccounts()) codes.emplace(d.code);
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT code FROM ledger_accounts WHERE tenant_id = ?"));
  BindId(*st, 1, tenant);
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    codes.insert(st->ColumnText(0));
  }
  std::vector<ledger::Account> out;
  for (const std::string& code : codes) {
    Result<ledger::Account> a = ledger::ResolveAccount(code);
    if (!a.ok()) return CorruptRow("ledger_accounts", "code");
    out.push_back(*std::move(a));
  }
  return out;
}

Status SqliteLedgerRepository::VerifyBalances(TenantId tenant) {
  auto mismatch = [](std::string what) {
    return MakeError(absl::StatusCode::kDataLoss, "ledger.balances_mismatch", what);
  };
  // Every entry balances per currency ...
  ASSIGN_OR_RETURN(Statement * entries,
                   c_.Prepare("SELECT e.id FROM journal_entries e JOIN journal_lines l ON l.id >= "
                              "e.first_line AND l.id < e.first_line + e.line_count WHERE "
                              "e.tenant_id = ?1 AND l.tenant_id = ?1 GROUP BY e.id, l.currency "
                              "HAVING SUM(l.debit_minor) != SUM(l.credit_minor) LIMIT 1"));
  BindId(*entries, 1, tenant);
  ASSIGN_OR_RETURN(bool unbalanced, entries->Step());
  if (unbalanced) {
    std::string id = ColumnId<ledger::JournalEntryId>(*entries, 0).ToString();
    entries->Reset();
    return mismatch(fmt::format("journal entry {} does not balance", id));
  }
  // ... and the daily balances are exactly the sums of the lines.
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, std::pair<int64_t, int64_t>> from_lines;
  ASSIGN_OR_RETURN(
      Statement * lines,
      c_.Prepare("SELECT e.effective_date, e.kind, l.account, l.currency, SUM(l.debit_minor), "
                 "SUM(l.credit_minor) FROM journal_entries e JOIN journal_lines l ON l.id >= "
                 "e.first_line AND l.id < e.first_line + e.line_count WHERE e.tenant_id = ?1 AND "
                 "l.tenant_id = ?1 GROUP BY 1, 2, 3, 4"));
  BindId(*lines, 1, tenant);
  while (true) {
    ASSIGN_OR_RETURN(bool row, lines->Step());
    if (!row) break;
    from_lines[{lines->ColumnText(0), lines->ColumnText(1), lines->ColumnText(2),
                lines->ColumnText(3)}] = {lines->ColumnInt(4), lines->ColumnInt(5)};
  }
  std::map<Key, std::pair<int64_t, int64_t>> stored;
  ASSIGN_OR_RETURN(Statement * bal,
                   c_.Prepare("SELECT day, kind, account, currency, debit_minor, credit_minor "
                              "FROM ledger_balances WHERE tenant_id = ?"));
  BindId(*bal, 1, tenant);
  while (true) {
    ASSIGN_OR_RETURN(bool row, bal->Step());
    if (!row) break;
    std::pair<int64_t, int64_t> amounts{bal->ColumnInt(4), bal->ColumnInt(5)};
    if (amounts.first == 0 && amounts.second == 0) continue;
    stored[{bal->ColumnText(0), bal->ColumnText(1), bal->ColumnText(2), bal->ColumnText(3)}] =
        amounts;
  }
  if (stored != from_lines) {
    for (const auto& [key, amounts] : from_lines) {
      auto it = stored.find(key);
      if (it == stored.end() || it->second != amounts) {
        return mismatch(fmt::format("balance of {} {} on {} ({}) differs from its journal lines",
                                    std::get<2>(key), std::get<3>(key), std::get<0>(key),
                                    std::get<1>(key)));
      }
    }
    return mismatch("a daily balance has no journal lines");
  }
  return VerifyDeferred(tenant);
}

Status SqliteLedgerRepository::VerifyDeferred(TenantId tenant) {
  // For the months not yet recognized, the monthly aggregate is exactly what the schedule rows
  // still defer.
  ASSIGN_OR_RETURN(std::optional<absl::CivilMonth> closed, RecognizedThrough(tenant));
  const int64_t after = closed.has_value() ? ledger::MonthKey(*closed) : 0;
  using Key = std::tuple<int64_t, std::string, std::string>;
  std::map<Key, int64_t> from_rows;
  ASSIGN_OR_RETURN(Statement * rows,
                   c_.Prepare("SELECT account, currency, first_month, amounts, "
                              "recognized_at_posting FROM revenue_schedules WHERE tenant_id = ? "
                              "AND canceled = 0"));
  BindId(*rows, 1, tenant);
  while (true) {
    ASSIGN_OR_RETURN(bool row, rows->Step());
    if (!row) break;
    ASSIGN_OR_RETURN(std::vector<int64_t> amounts, DecodeAmounts(rows->ColumnTextView(3)));
    const absl::CivilMonth first = ledger::MonthFromKey(rows->ColumnInt(2));
    for (size_t k = static_cast<size_t>(rows->ColumnInt(4)); k < amounts.size(); ++k) {
      const int64_t month = ledger::MonthKey(first + static_cast<int64_t>(k));
      if (month <= after) continue;
      from_rows[{month, rows->ColumnText(0), rows->ColumnText(1)}] += amounts[k];
    }
  }
  std::erase_if(from_rows, [](const auto& kv) { return kv.second == 0; });
  std::map<Key, int64_t> stored;
  ASSIGN_OR_RETURN(Statement * agg,
                   c_.Prepare("SELECT month, account, currency, amount_minor FROM "
                              "revenue_deferred_by_month WHERE tenant_id = ? AND month > ? AND "
                              "amount_minor != 0"));
  BindId(*agg, 1, tenant);
  agg->Bind(2, after);
  while (true) {
    ASSIGN_OR_RETURN(bool row, agg->Step());
    if (!row) break;
    stored[{agg->ColumnInt(0), agg->ColumnText(1), agg->ColumnText(2)}] = agg->ColumnInt(3);
  }
  if (stored != from_rows) {
    return MakeError(absl::StatusCode::kDataLoss, "ledger.balances_mismatch",
                     "deferred revenue by month differs from the revenue schedules");
  }
  return OkStatus();
}

Result<int64_t> SqliteLedgerRepository::UpsertRates(TenantId tenant,
                                                    std::span<const ledger::ReferenceRate> rates,
                                                    std::string_view source) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO fx_rates VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT "
                              "(tenant_id, currency, rate_date) DO UPDATE SET per_eur = ?4, "
                              "source = ?5"));
  for (const ledger::ReferenceRate& r : rates) {
    BindId(*st, 1, tenant);
    st->Bind(2, r.currency.code()).Bind(3, DayText(r.date)).Bind(4, r.per_eur.ToString());
    st->Bind(5, source);
    RETURN_IF_ERROR(st->Run());
  }
  return static_cast<int64_t>(rates.size());
}

Result<std::optional<ledger::ReferenceRate>> SqliteLedgerRepository::FindRate(TenantId tenant,
                                                                              Currency currency,
                                                                              absl::CivilDay day) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT rate_date, per_eur FROM fx_rates WHERE tenant_id = ? AND "
                              "currency = ? AND rate_date <= ? ORDER BY rate_date DESC LIMIT 1"));
  BindId(*st, 1, tenant);
  st->Bind(2, currency.code()).Bind(3, DayText(day));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<ledger::ReferenceRate>();
  ledger::ReferenceRate r;
  r.currency = currency;
  ASSIGN_OR_RETURN(r.date, ColumnDate(*st, 0, "fx_rates"));
  ASSIGN_OR_RETURN(r.per_eur, ColumnDecimal(*st, 1, "fx_rates"));
  st->Reset();
  return std::optional<ledger::ReferenceRate>(r);
}

Result<std::vector<ledger::ReferenceRate>> SqliteLedgerRepository::LoadRates(
    TenantId tenant, std::span<const Currency> currencies, absl::CivilDay through) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT currency, rate_date, per_eur FROM fx_rates WHERE tenant_id "
                              "= ?1 AND (?2 IS NULL OR currency = ?2) AND rate_date <= ?3"));
  std::vector<ledger::ReferenceRate> out;
  auto read = [&](std::optional<Currency> only) -> Status {
    st->Reset();
    BindId(*st, 1, tenant);
    if (only.has_value()) {
      st->Bind(2, only->code());
    } else {
      st->BindNull(2);
    }
    st->Bind(3, DayText(through));
    while (true) {
      ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      ledger::ReferenceRate r;
      ASSIGN_OR_RETURN(r.currency, ColumnCurrency(*st, 0, "fx_rates"));
      ASSIGN_OR_RETURN(r.date, ColumnDate(*st, 1, "fx_rates"));
      ASSIGN_OR_RETURN(r.per_eur, ColumnDecimal(*st, 2, "fx_rates"));
      out.push_back(r);
    }
    return OkStatus();
  };
  if (currencies.empty()) {
    RETURN_IF_ERROR(read(std::nullopt));
  } else {
    for (Currency c : currencies) {
      if (c.code() == "EUR") continue;
      RETURN_IF_ERROR(read(c));
    }
  }
  return out;
}

}  // namespace accrue::sqlite
