#include <limits>

#include "accrue/storage/sqlite/repositories.h"
#include "accrue/storage/sqlite/rows.h"

namespace accrue::sqlite {
namespace {

constexpr char kColumns[] =
    "tenant_id, id, customer_id, plan_id, status, start_date, billing_anchor, interval_unit, "
    "interval_count, next_period_index, next_period_start_us, net_terms_days, title, "
    "description, tags, metadata, created_at_us, canceled_at_us";
constexpr char kPlaceholders[] = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

void BindSubscription(Statement& st, const Subscription& s) {
  BindId(st, 1, s.tenant_id);
  BindId(st, 2, s.id);
  BindId(st, 3, s.customer_id);
  BindId(st, 4, s.plan_id);
  st.Bind(5, SubscriptionStatusName(s.status)).Bind(6, FormatDate(s.start_date));
  st.Bind(7, FormatDate(s.billing_anchor)).Bind(8, IntervalUnitName(s.interval_unit));
  st.Bind(9, s.interval_count).Bind(10, s.next_period_index);
  st.Bind(11, Micros(s.next_period_start));
  st.Bind(12, s.net_terms_days.has_value() ? std::optional<int64_t>(*s.net_terms_days)
                                           : std::optional<int64_t>());
  st.Bind(13, s.title).Bind(14, s.description).Bind(15, EncodeTags(s.tags));
  st.Bind(16, EncodeMetadata(s.metadata)).Bind(17, Micros(s.created_at));
  st.Bind(18, Micros(s.canceled_at));
}

Result<Subscription> ReadSubscription(const Statement& st) {
  Subscription s;
  s.tenant_id = ColumnId<TenantId>(st, 0);
  s.id = ColumnId<SubscriptionId>(st, 1);
  s.customer_id = ColumnId<CustomerId>(st, 2);
  s.plan_id = ColumnId<PlanId>(st, 3);
  Result<SubscriptionStatus> status = ParseSubscriptionStatus(st.ColumnTextView(4));
  if (!status.ok()) return CorruptRow("subscriptions", "status");
  s.status = *status;
  ASSIGN_OR_RETURN(s.start_date, ColumnDate(st, 5, "subscriptions"));
  ASSIGN_OR_RETURN(s.billing_anchor, ColumnDate(st, 6, "subscriptions"));
  Result<IntervalUnit> unit = ParseIntervalUnit(st.ColumnTextView(7));
  if (!unit.ok()) return CorruptRow("subscriptions", "interval unit");
  s.interval_unit = *unit;
  s.interval_count = static_cast<int>(st.ColumnInt(8));
  s.next_period_index = st.ColumnInt(9);
  s.next_period_start = ColumnTime(st, 10);
  std::optional<int64_t> terms = st.ColumnOptionalInt(11);
  if (terms.has_value()) s.net_terms_days = static_cast<int>(*terms);
  s.title = st.ColumnText(12);
  s.description = st.ColumnText(13);
  ASSIGN_OR_RETURN(s.tags, DecodeTags(st.ColumnTextView(14)));
  ASSIGN_OR_RETURN(s.metadata, DecodeMetadata(st.ColumnTextView(15)));
  s.created_at = ColumnTime(st, 16);
  s.canceled_at = ColumnOptionalTime(st, 17);
  return s;
}

}  // namespace

Status SqliteSubscriptionRepository::Insert(const Subscription& s) {
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(fmt::format("INSERT INTO subscriptions ({}) VALUES ({})",
                                                          kColumns, kPlaceholders)));
  BindSubscription(*st, s);
  return st->Run();
}

Status SqliteSubscriptionRepository::Update(const Subscription& s) {
  // Parameters as bound by BindSubscription; who, what and when it started never change.
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("UPDATE subscriptions SET status = ?5, billing_anchor = ?7, "
                              "interval_unit = ?8, interval_count = ?9, next_period_index = ?10, "
                              "next_period_start_us = ?11, net_terms_days = ?12, title = ?13, "
                              "description = ?14, tags = ?15, metadata = ?16, "
                              "canceled_at_us = ?18 WHERE tenant_id = ?1 AND id = ?2 AND "
                              "customer_id = ?3 AND plan_id = ?4 AND start_date = ?6 AND "
                              "created_at_us = ?17"));
  BindSubscription(*st, s);
  RETURN_IF_ERROR(st->Run());
  return ExpectOneRow(*st, "subscription", s.id.ToString());
}

Result<std::optional<Subscription>> SqliteSubscriptionRepository::Find(TenantId tenant,
                                                                       SubscriptionId id) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format(
                       "SELECT {} FROM subscriptions WHERE tenant_id = ? AND id = ?", kColumns)));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Subscription>();
  ASSIGN_OR_RETURN(Subscription s, ReadSubscription(*st));
  return std::optional<Subscription>(std::move(s));
}

Result<Page<Subscription>> SqliteSubscriptionRepository::List(TenantId tenant,
                                                              std::optional<CustomerId> customer,
                                                              const PageRequest& page) {
  // Two texts rather than "?4 IS NULL OR": with the customer given, SQLite walks
  // subscriptions_by_customer instead of scanning the tenant's subscriptions.
  static const std::string kAll = fmt::format(
      "SELECT {} FROM subscriptions WHERE tenant_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3",
      kColumns);
  static const std::string kOfCustomer =
      fmt::format("SELECT {} FROM subscriptions WHERE tenant_id = ?1 AND id < ?2 AND "
                  "customer_id = ?4 ORDER BY id DESC LIMIT ?3",
                  kColumns);
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(customer.has_value() ? kOfCustomer : kAll));
  BindId(*st, 1, tenant);
  BindCursor(*st, 2, page.starting_after);
  st->Bind(3, FetchLimit(page.limit));
  if (customer.has_value()) BindId(*st, 4, *customer);
  return ReadPage<Subscription>(*st, page.limit, ReadSubscription);
}

Result<std::vector<SubscriptionRepository::DueCursor>> SqliteSubscriptionRepository::ListDue(
    TenantId tenant, absl::Time at, std::optional<DueCursor> after, int limit) {
  // Walks the partial index subscriptions_due (tenant_id, next_period_start_us, id), which covers
  // the query; the row-value cursor keeps it a range scan. Before the first row the cursor is
  // (INT64_MIN, empty blob).
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT next_period_start_us, id FROM subscriptions "
                              "INDEXED BY subscriptions_due WHERE tenant_id = ?1 AND "
                              "status = 'active' AND next_period_start_us <= ?2 AND "
                              "(next_period_start_us, id) > (?3, ?4) "
                              "ORDER BY next_period_start_us, id LIMIT ?5"));
  BindId(*st, 1, tenant);
  st->Bind(2, Micros(at));
  if (after.has_value()) {
    st->Bind(3, Micros(after->next_period_start));
    BindId(*st, 4, after->id);
  } else {
    st->Bind(3, std::numeric_limits<int64_t>::min());
    st->BindBlob(4, std::string_view());
  }
  st->Bind(5, limit);
  std::vector<DueCursor> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(DueCursor{ColumnTime(*st, 0), ColumnId<SubscriptionId>(*st, 1)});
  }
  return out;
}

Result<bool> SqliteSubscriptionRepository::AdvanceBilling(TenantId tenant, SubscriptionId id,
                                                          int64_t expected_index,
                                                          int64_t next_index,
                                                          absl::Time next_period_start) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("UPDATE subscriptions SET next_period_index = ?1, "
                              "next_period_start_us = ?2 WHERE tenant_id = ?3 AND id = ?4 AND "
                              "next_period_index = ?5 AND status = 'active'"));
  st->Bind(1, next_index).Bind(2, Micros(next_period_start));
  BindId(*st, 3, tenant);
  BindId(*st, 4, id);
  st->Bind(5, expected_index);
  RETURN_IF_ERROR(st->Run());
  if (st->Changes() != 1) return false;
  // Ingest caches billing positions (late-event detection) keyed on the catalog version; the
  // column-limited trigger leaves this column out so a batch bumps the version once, not per row.
  if (!catalog_bumped_) {
    RETURN_IF_ERROR(
        c_.Exec("UPDATE usage_versions SET version = version + 1 WHERE name = 'catalog'"));
    catalog_bumped_ = true;
  }
  return true;
}

}  // namespace accrue::sqlite
