#include "accrue/storage/sqlite/charge_repository.h"
#include "accrue/storage/sqlite/repositories.h"
#include "accrue/storage/sqlite/rows.h"

namespace accrue::sqlite {
namespace {

constexpr char kColumns[] =
    "tenant_id, id, customer_id, subscription_id, period_index, billing_run_id, status, number, "
    "sequence, currency, title, description, tags, metadata, buyer_name, buyer_email, "
    "buyer_address, buyer_tax_ids, period_start_us, period_end_us, subtotal_minor, tax_minor, "
    "total_minor, amount_paid_minor, amount_credited_minor, amount_due_minor, net_terms_days, "
    "issue_date, due_date, delivery_status, dispute_status, created_at_us, updated_at_us, "
    "finalized_at_us, sent_at_us, paid_at_us, voided_at_us, uncollectible_at_us, archived_at_us";
constexpr int kColumnCount = 39;

constexpr char kLineColumns[] =
    "tenant_id, invoice_id, position, id, description, quantity, unit_price, amount_minor, "
    "period_start_us, period_end_us, plan_id, details";

std::string Placeholders(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

// Binds every column of kColumns, in order, starting at parameter 1.
void BindInvoice(Statement& st, const Invoice& inv) {
  BindId(st, 1, inv.tenant_id);
  BindId(st, 2, inv.id);
  BindId(st, 3, inv.customer_id);
  BindOptionalId(st, 4, inv.subscription_id);
  st.Bind(5, inv.period_index);
  BindOptionalId(st, 6, inv.billing_run_id);
  st.Bind(7, InvoiceStatusName(inv.status)).Bind(8, inv.number).Bind(9, inv.sequence);
  st.Bind(10, inv.currency.code()).Bind(11, inv.title).Bind(12, inv.description);
  st.Bind(13, EncodeTags(inv.tags)).Bind(14, EncodeMetadata(inv.metadata));
  st.Bind(15, inv.buyer.name).Bind(16, inv.buyer.email).Bind(17, EncodeAddress(inv.buyer.address));
  st.Bind(18, EncodeTaxIds(inv.buyer.tax_ids));
  st.Bind(19, Micros(inv.period_start)).Bind(20, Micros(inv.period_end));
  st.Bind(21, inv.subtotal_minor).Bind(22, inv.tax_minor).Bind(23, inv.total_minor);
  st.Bind(24, inv.amount_paid_minor).Bind(25, inv.amount_credited_minor);
  st.Bind(26, inv.amount_due_minor).Bind(27, inv.net_terms_days);
  st.Bind(28, Date(inv.issue_date)).Bind(29, Date(inv.due_date));
  st.Bind(30, DeliveryStatusName(inv.delivery_status));
  st.Bind(31, DisputeStatusName(inv.dispute_status));
  st.Bind(32, Micros(inv.created_at)).Bind(33, Micros(inv.updated_at));
  st.Bind(34, Micros(inv.finalized_at)).Bind(35, Micros(inv.sent_at));
  st.Bind(36, Micros(inv.paid_at)).Bind(37, Micros(inv.voided_at));
  st.Bind(38, Micros(inv.marked_uncollectible_at)).Bind(39, Micros(inv.archived_at));
}

Result<DeliveryStatus> ParseDelivery(std::string_view s) {
  if (s == "sent") return DeliveryStatus::kSent;
  if (s == "not_sent") return DeliveryStatus::kNotSent;
  return CorruptRow("invoices", "delivery status");
}

Result<DisputeStatus> ParseDispute(std::string_view s) {
  for (DisputeStatus d : {DisputeStatus::kNone, DisputeStatus::kOpen, DisputeStatus::kWon,
                          DisputeStatus::kLost}) {
    if (DisputeStatusName(d) == s) return d;
  }
  return CorruptRow("invoices", "dispute status");
}

Result<Invoice> ReadInvoice(const Statement& st) {
  Invoice inv;
  inv.tenant_id = ColumnId<TenantId>(st, 0);
  inv.id = ColumnId<InvoiceId>(st, 1);
  inv.customer_id = ColumnId<CustomerId>(st, 2);
  inv.subscription_id = ColumnOptionalId<SubscriptionId>(st, 3);
  inv.period_index = st.ColumnOptionalInt(4);
  inv.billing_run_id = ColumnOptionalId<BillingRunId>(st, 5);
  Result<InvoiceStatus> status = ParseInvoiceStatus(st.ColumnTextView(6));
  if (!status.ok()) return CorruptRow("invoices", "status");
  inv.status = *status;
  inv.number = st.ColumnOptionalText(7);
  inv.sequence = st.ColumnOptionalInt(8);
  ASSIGN_OR_RETURN(inv.currency, ColumnCurrency(st, 9, "invoices"));
  inv.title = st.ColumnText(10);
  inv.description = st.ColumnText(11);
  ASSIGN_OR_RETURN(inv.tags, DecodeTags(st.ColumnTextView(12)));
  ASSIGN_OR_RETURN(inv.metadata, DecodeMetadata(st.ColumnTextView(13)));
  inv.buyer.name = st.ColumnText(14);
  inv.buyer.email = st.ColumnText(15);
  ASSIGN_OR_RETURN(inv.buyer.address, DecodeAddress(st.ColumnTextView(16)));
  ASSIGN_OR_RETURN(inv.buyer.tax_ids, DecodeTaxIds(st.ColumnTextView(17)));
  inv.period_start = ColumnOptionalTime(st, 18);
  inv.period_end = ColumnOptionalTime(st, 19);
  inv.subtotal_minor = st.ColumnInt(20);
  inv.tax_minor = st.ColumnInt(21);
  inv.total_minor = st.ColumnInt(22);
  inv.amount_paid_minor = st.ColumnInt(23);
  inv.amount_credited_minor = st.ColumnInt(24);
  inv.amount_due_minor = st.ColumnInt(25);
  inv.net_terms_days = static_cast<int>(st.ColumnInt(26));
  ASSIGN_OR_RETURN(inv.issue_date, ColumnOptionalDate(st, 27, "invoices"));
  ASSIGN_OR_RETURN(inv.due_date, ColumnOptionalDate(st, 28, "invoices"));
  ASSIGN_OR_RETURN(inv.delivery_status, ParseDelivery(st.ColumnTextView(29)));
  ASSIGN_OR_RETURN(inv.dispute_status, ParseDispute(st.ColumnTextView(30)));
  inv.created_at = ColumnTime(st, 31);
  inv.updated_at = ColumnTime(st, 32);
  inv.finalized_at = ColumnOptionalTime(st, 33);
  inv.sent_at = ColumnOptionalTime(st, 34);
  inv.paid_at = ColumnOptionalTime(st, 35);
  inv.voided_at = ColumnOptionalTime(st, 36);
  inv.marked_uncollectible_at = ColumnOptionalTime(st, 37);
  inv.archived_at = ColumnOptionalTime(st, 38);
  return inv;
}

Result<InvoiceLine> ReadLine(const Statement& st) {
  InvoiceLine line;
  line.id = ColumnId<InvoiceLineId>(st, 0);
  line.description = st.ColumnText(1);
  ASSIGN_OR_RETURN(line.quantity, ColumnDecimal(st, 2, "invoice_lines"));
  ASSIGN_OR_RETURN(line.unit_price, ColumnDecimal(st, 3, "invoice_lines"));
  line.amount_minor = st.ColumnInt(4);
  line.period_start = ColumnOptionalTime(st, 5);
  line.period_end = ColumnOptionalTime(st, 6);
  line.plan_id = ColumnOptionalId<PlanId>(st, 7);
  ASSIGN_OR_RETURN(line.usage, DecodeLineDetails(st.ColumnOptionalText(8)));
  return line;
}

Status InsertLinesAndTags(Connection& c, const Invoice& inv) {
  // Built once: the statement cache is keyed by the text, and a billing run inserts per invoice.
  static const std::string kInsertLine =
      fmt::format("INSERT INTO invoice_lines ({}) VALUES ({})", kLineColumns, Placeholders(12));
  ASSIGN_OR_RETURN(Statement * line_st, c.Prepare(kInsertLine));
  for (size_t i = 0; i < inv.lines.size(); ++i) {
    const InvoiceLine& line = inv.lines[i];
    BindId(*line_st, 1, inv.tenant_id);
    BindId(*line_st, 2, inv.id);
    line_st->Bind(3, static_cast<int64_t>(i));
    BindId(*line_st, 4, line.id);
    line_st->Bind(5, line.description).Bind(6, line.quantity.ToString());
    line_st->Bind(7, line.unit_price.ToString()).Bind(8, line.amount_minor);
    line_st->Bind(9, Micros(line.period_start)).Bind(10, Micros(line.period_end));
    BindOptionalId(*line_st, 11, line.plan_id);
    line_st->Bind(12, EncodeLineDetails(line.usage));
    RETURN_IF_ERROR(line_st->Run());
  }
  if (inv.tags.empty()) return OkStatus();
  ASSIGN_OR_RETURN(Statement * tag_st,
                   c.Prepare("INSERT OR IGNORE INTO invoice_tags VALUES (?, ?, ?)"));
  for (const std::string& tag : inv.tags) {
    BindId(*tag_st, 1, inv.tenant_id);
    tag_st->Bind(2, tag);
    BindId(*tag_st, 3, inv.id);
    RETURN_IF_ERROR(tag_st->Run());
  }
  return OkStatus();
}

Result<bool> PeriodAlreadyInvoiced(Connection& c, const Invoice& inv) {
  if (!inv.subscription_id.has_value()) return false;
  ASSIGN_OR_RETURN(Statement * st,
                   c.Prepare("SELECT 1 FROM invoices WHERE tenant_id = ? AND subscription_id = ? "
                             "AND period_index = ?"));
  BindId(*st, 1, inv.tenant_id);
  BindId(*st, 2, *inv.subscription_id);
  st->Bind(3, inv.period_index);
  return st->Step();
}

}  // namespace

Result<bool> SqliteInvoiceRepository::Insert(const Invoice& inv) {
  static const std::string kInsertInvoice =
      fmt::format("INSERT INTO invoices ({}) VALUES ({})", kColumns, Placeholders(kColumnCount));
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(kInsertInvoice));
  BindInvoice(*st, inv);
  Status inserted = st->Run();
  if (inserted.code() == absl::StatusCode::kAlreadyExists) {
    ASSIGN_OR_RETURN(bool duplicate_period, PeriodAlreadyInvoiced(c_, inv));
    if (duplicate_period) return false;
  }
  RETURN_IF_ERROR(inserted);
  RETURN_IF_ERROR(InsertLinesAndTags(c_, inv));
  return true;
}

Status SqliteInvoiceRepository::Update(const Invoice& inv) {
  // Every mutable column; identity, lines, currency and creation facts never change.
  ASSIGN_OR_RETURN(
      Statement * st,
      c_.Prepare("UPDATE invoices SET status = ?7, number = ?8, sequence = ?9, title = ?11, "
                 "description = ?12, tags = ?13, metadata = ?14, buyer_name = ?15, "
                 "buyer_email = ?16, buyer_address = ?17, buyer_tax_ids = ?18, "
                 "subtotal_minor = ?21, tax_minor = ?22, total_minor = ?23, "
                 "amount_paid_minor = ?24, amount_credited_minor = ?25, amount_due_minor = ?26, "
                 "net_terms_days = ?27, issue_date = ?28, due_date = ?29, delivery_status = ?30, "
                 "dispute_status = ?31, updated_at_us = ?33, finalized_at_us = ?34, "
                 "sent_at_us = ?35, paid_at_us = ?36, voided_at_us = ?37, "
                 "uncollectible_at_us = ?38, archived_at_us = ?39 "
                 "WHERE tenant_id = ?1 AND id = ?2 AND customer_id = ?3 AND "
                 "(subscription_id IS ?4) AND (period_index IS ?5) AND (billing_run_id IS ?6) AND "
                 "currency = ?10 AND (period_start_us IS ?19) AND (period_end_us IS ?20) AND "
                 "created_at_us = ?32"));
  BindInvoice(*st, inv);
  RETURN_IF_ERROR(st->Run());
  return ExpectOneRow(*st, "invoice", inv.id.ToString());
}

Status SqliteInvoiceRepository::LoadLines(Invoice& inv) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT id, description, quantity, unit_price, amount_minor, "
                              "period_start_us, period_end_us, plan_id, details FROM "
                              "invoice_lines WHERE tenant_id = ? AND invoice_id = ? "
                              "ORDER BY position"));
  BindId(*st, 1, inv.tenant_id);
  BindId(*st, 2, inv.id);
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ASSIGN_OR_RETURN(InvoiceLine line, ReadLine(*st));
    inv.lines.push_back(std::move(line));
  }
  // The invariant is checked on the way out of storage too: a tampered or half-written row is
  // reported for this request instead of being served.
  return CheckTotals(inv);
}

Result<std::optional<Invoice>> SqliteInvoiceRepository::Find(TenantId tenant, InvoiceId id) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format(
                       "SELECT {} FROM invoices WHERE tenant_id = ? AND id = ?", kColumns)));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Invoice>();
  ASSIGN_OR_RETURN(Invoice inv, ReadInvoice(*st));
  st->Reset();
  RETURN_IF_ERROR(LoadLines(inv));
  return std::optional<Invoice>(std::move(inv));
}

Result<Page<Invoice>> SqliteInvoiceRepository::List(TenantId tenant, const InvoiceFilter& filter,
                                                     const PageRequest& page) {
  // Only the filters given appear in the SQL, so SQLite can walk the index that serves them
  // (by customer, by status, by subscription, by tag) instead of scanning the tenant's invoices;
  // "x IS NULL OR" predicates would hide them from the planner. At most 16 texts, all cached.
  // A subscription has few invoices, but without statistics the planner prefers walking the
  // primary key in id order; name the index.
  std::string sql = fmt::format("SELECT {} FROM invoices {}WHERE tenant_id = ?1 AND id < ?2", kColumns,
                                filter.subscription.has_value()
                                    ? "INDEXED BY invoices_one_per_period "
                                    : "");
  if (filter.status.has_value()) sql += " AND status = ?4";
  if (filter.customer.has_value()) sql += " AND customer_id = ?5";
  // "IS NOT NULL" is the partial index's condition, which INDEXED BY needs to see.
  if (filter.subscription.has_value()) {
    sql += " AND subscription_id = ?6 AND subscription_id IS NOT NULL";
  }
  if (filter.tag.has_value()) {
    sql += " AND id IN (SELECT invoice_id FROM invoice_tags WHERE tenant_id = ?1 AND tag = ?7)";
  }
  sql += " ORDER BY id DESC LIMIT ?3";
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(sql));
  BindId(*st, 1, tenant);
  BindCursor(*st, 2, page.starting_after);
  st->Bind(3, FetchLimit(page.limit));
  if (filter.status.has_value()) st->Bind(4, InvoiceStatusName(*filter.status));
  if (filter.customer.has_value()) BindId(*st, 5, *filter.customer);
  if (filter.subscription.has_value()) BindId(*st, 6, *filter.subscription);
  if (filter.tag.has_value()) st->Bind(7, *filter.tag);
  ASSIGN_OR_RETURN(Page<Invoice> out, ReadPage<Invoice>(*st, page.limit, ReadInvoice));
  st->Reset();
  for (Invoice& inv : out.items) RETURN_IF_ERROR(LoadLines(inv));
  return out;
}

Status SqliteInvoiceRepository::InsertStatusChange(const InvoiceStatusChange& ch) {
  // An entry without a "from" is the invoice's first (its creation): seq 0, with no look-up of
  // the history (a second first entry fails on the key). Later ones follow the last.
  ASSIGN_OR_RETURN(Statement * st,
                   ch.from.has_value()
                       ? c_.Prepare("INSERT INTO invoice_status_changes VALUES (?1, ?2, "
                                    "(SELECT coalesce(max(seq) + 1, 0) FROM "
                                    "invoice_status_changes WHERE tenant_id = ?1 AND "
                                    "invoice_id = ?2), ?3, ?4, ?5, ?6, ?7)")
                       : c_.Prepare("INSERT INTO invoice_status_changes VALUES (?1, ?2, 0, ?3, "
                                    "?4, ?5, ?6, ?7)"));
  BindId(*st, 1, ch.tenant_id);
  BindId(*st, 2, ch.invoice_id);
  if (ch.from.has_value()) {
    st->Bind(3, InvoiceStatusName(*ch.from));
  } else {
    st->BindNull(3);
  }
  st->Bind(4, InvoiceStatusName(ch.to)).Bind(5, ch.actor).Bind(6, ch.reason).Bind(7, Micros(ch.at));
  return st->Run();
}

Result<std::vector<InvoiceStatusChange>> SqliteInvoiceRepository::ListStatusChanges(
    TenantId tenant, InvoiceId id) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT from_status, to_status, actor, reason, at_us FROM "
                              "invoice_status_changes WHERE tenant_id = ? AND invoice_id = ? "
                              "ORDER BY seq"));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  std::vector<InvoiceStatusChange> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    InvoiceStatusChange ch;
    ch.invoice_id = id;
    ch.tenant_id = tenant;
    if (!st->ColumnIsNull(0)) {
      Result<InvoiceStatus> from = ParseInvoiceStatus(st->ColumnTextView(0));
      if (!from.ok()) return CorruptRow("invoice_status_changes", "from status");
      ch.from = *from;
    }
    Result<InvoiceStatus> to = ParseInvoiceStatus(st->ColumnTextView(1));
    if (!to.ok()) return CorruptRow("invoice_status_changes", "to status");
    ch.to = *to;
    ch.actor = st->ColumnText(2);
    ch.reason = st->ColumnText(3);
    ch.at = ColumnTime(*st, 4);
    out.push_back(std::move(ch));
  }
  return out;
}

}  // namespace accrue::sqlite
