#include "accrue/storage/sqlite/payment_repository.h"

#include "accrue/storage/sqlite/rows.h"

namespace accrue::sqlite {
namespace {

constexpr char kColumns[] =
    "tenant_id, id, customer_id, currency, amount_minor, applied_minor, refunded_minor, "
    "reversed_minor, method, reference, description, status, received_at_us, created_at_us, "
    "updated_at_us";

constexpr char kEventColumns[] =
    "tenant_id, payment_id, id, kind, invoice_id, currency, amount_minor, against, actor, reason, "
    "at_us";

void BindPayment(Statement& st, const Payment& p) {
  BindId(st, 1, p.tenant_id);
  BindId(st, 2, p.id);
  BindId(st, 3, p.customer_id);
  st.Bind(4, p.currency.code()).Bind(5, p.amount_minor).Bind(6, p.applied_minor);
  st.Bind(7, p.refunded_minor).Bind(8, p.reversed_minor).Bind(9, PaymentMethodName(p.method));
  st.Bind(10, p.reference).Bind(11, p.description).Bind(12, PaymentStatusName(p.status));
  st.Bind(13, Micros(p.received_at)).Bind(14, Micros(p.created_at)).Bind(15, Micros(p.updated_at));
}

Result<Payment> ReadPayment(const Statement& st) {
  Payment p;
  p.tenant_id = ColumnId<TenantId>(st, 0);
  p.id = ColumnId<PaymentId>(st, 1);
  p.customer_id = ColumnId<CustomerId>(st, 2);
  ASSIGN_OR_RETURN(p.currency, ColumnCurrency(st, 3, "payments"));
  p.amount_minor = st.ColumnInt(4);
  p.applied_minor = st.ColumnInt(5);
  p.refunded_minor = st.ColumnInt(6);
  p.reversed_minor = st.ColumnInt(7);
  Result<PaymentMethod> method = ParsePaymentMethod(st.ColumnTextView(8));
  if (!method.ok()) return CorruptRow("payments", "method");
  p.method = *method;
  p.reference = st.ColumnText(9);
  p.description = st.ColumnText(10);
  Result<PaymentStatus> status = ParsePaymentStatus(st.ColumnTextView(11));
  if (!status.ok()) return CorruptRow("payments", "status");
  p.status = *status;
  p.received_at = ColumnTime(st, 12);
  p.created_at = ColumnTime(st, 13);
  p.updated_at = ColumnTime(st, 14);
  return p;
}

Result<PaymentEvent> ReadEvent(const Statement& st) {
  PaymentEvent e;
  e.tenant_id = ColumnId<TenantId>(st, 0);
  e.payment_id = ColumnId<PaymentId>(st, 1);
  e.id = ColumnId<PaymentEventId>(st, 2);
  Result<PaymentEventKind> kind = ParsePaymentEventKind(st.ColumnTextView(3));
  if (!kind.ok()) return CorruptRow("payment_events", "kind");
  e.kind = *kind;
  e.invoice_id = ColumnOptionalId<InvoiceId>(st, 4);
  ASSIGN_OR_RETURN(e.currency, ColumnCurrency(st, 5, "payment_events"));
  e.amount_minor = st.ColumnInt(6);
  Result<AppliedAgainst> against = ParseAppliedAgainst(st.ColumnTextView(7));
  if (!against.ok()) return CorruptRow("payment_events", "against");
  e.against = *against;
  e.actor = st.ColumnText(8);
  e.reason = st.ColumnText(9);
  e.at = ColumnTime(st, 10);
  return e;
}

Result<std::vector<PaymentEvent>> ReadEvents(Statement& st) {
  std::vector<PaymentEvent> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(PaymentEvent e, ReadEvent(st));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Status SqlitePaymentRepository::Insert(const Payment& p) {
  static const std::string kSql = fmt::format(
      "INSERT INTO payments ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kColumns);
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(kSql));
  BindPayment(*st, p);
  return st->Run();
}

Status SqlitePaymentRepository::Update(const Payment& p) {
  // Parameters as bound by BindPayment; the recorded facts are pinned in the WHERE clause.
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("UPDATE payments SET applied_minor = ?6, refunded_minor = ?7, "
                              "reversed_minor = ?8, status = ?12, updated_at_us = ?15 "
                              "WHERE tenant_id = ?1 AND id = ?2 AND customer_id = ?3 AND "
                              "currency = ?4 AND amount_minor = ?5 AND method = ?9 AND "
                              "reference = ?10 AND description = ?11 AND received_at_us = ?13 "
                              "AND created_at_us = ?14"));
  BindPayment(*st, p);
  RETURN_IF_ERROR(st->Run());
  return ExpectOneRow(*st, "payment", p.id.ToString());
}

Result<std::optional<Payment>> SqlitePaymentRepository::Find(TenantId tenant, PaymentId id) {
  static const std::string kSql =
      fmt::format("SELECT {} FROM payments WHERE tenant_id = ? AND id = ?", kColumns);
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(kSql));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Payment>();
  ASSIGN_OR_RETURN(Payment p, ReadPayment(*st));
  return std::optional<Payment>(std::move(p));
}

Result<Page<Payment>> SqlitePaymentRepository::List(TenantId tenant, const PaymentFilter& filter,
                                                    const PageRequest& page) {
  // Only the filters given become predicates, so each list uses its index (by customer, by
  // status, or the primary key).
  std::string where = "tenant_id = ?1 AND id < ?2";
  if (filter.customer.has_value()) where += " AND customer_id = ?4";
  if (filter.status.has_value()) where += " AND status = ?5";
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("SELECT {} FROM payments WHERE {} ORDER BY id DESC "
                                          "LIMIT ?3",
                                          kColumns, where)));
  BindId(*st, 1, tenant);
  BindCursor(*st, 2, page.starting_after);
  st->Bind(3, FetchLimit(page.limit));
  if (filter.customer.has_value()) BindId(*st, 4, *filter.customer);
  if (filter.status.has_value()) st->Bind(5, PaymentStatusName(*filter.status));
  return ReadPage<Payment>(*st, page.limit, ReadPayment);
}

Status SqlitePaymentRepository::InsertEvent(const PaymentEvent& e) {
  static const std::string kSql = fmt::format(
      "INSERT INTO payment_events ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kEventColumns);
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(kSql));
  BindId(*st, 1, e.tenant_id);
  BindId(*st, 2, e.payment_id);
  BindId(*st, 3, e.id);
  st->Bind(4, PaymentEventKindName(e.kind));
  BindOptionalId(*st, 5, e.invoice_id);
  st->Bind(6, e.currency.code()).Bind(7, e.amount_minor).Bind(8, AppliedAgainstName(e.against));
  st->Bind(9, e.actor).Bind(10, e.reason).Bind(11, Micros(e.at));
  return st->Run();
}

Result<std::vector<PaymentEvent>> SqlitePaymentRepository::ListEvents(TenantId tenant,
                                                                      PaymentId payment) {
  static const std::string kSql = fmt::format(
      "SELECT {} FROM payment_events WHERE tenant_id = ? AND payment_id = ? ORDER BY id",
      kEventColumns);
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(kSql));
  BindId(*st, 1, tenant);
  BindId(*st, 2, payment);
  return ReadEvents(*st);
}

Result<std::vector<PaymentEvent>> SqlitePaymentRepository::ListEventsForInvoice(
    TenantId tenant, InvoiceId invoice) {
  static const std::string kSql = fmt::format(
      "SELECT {} FROM payment_events INDEXED BY payment_events_by_invoice WHERE tenant_id = ? "
      "AND invoice_id = ? ORDER BY id",
      kEventColumns);
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(kSql));
  BindId(*st, 1, tenant);
  BindId(*st, 2, invoice);
  return ReadEvents(*st);
}

}  // namespace accrue::sqlite
