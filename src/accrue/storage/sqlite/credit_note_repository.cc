#include "accrue/storage/sqlite/credit_note_repository.h"

#include "accrue/storage/sqlite/rows.h"

namespace accrue::sqlite {
namespace {

constexpr char kColumns[] =
    "tenant_id, id, invoice_id, customer_id, number, sequence, currency, reason, memo, "
    "subtotal_minor, tax_minor, total_minor, due_reduced_minor, returned_minor, refunded, "
    "issue_date, created_at_us";

Result<CreditNote> ReadNote(const Statement& st) {
  CreditNote n;
  n.tenant_id = ColumnId<TenantId>(st, 0);
  n.id = ColumnId<CreditNoteId>(st, 1);
  n.invoice_id = ColumnId<InvoiceId>(st, 2);
  n.customer_id = ColumnId<CustomerId>(st, 3);
  n.number = st.ColumnText(4);
  n.sequence = st.ColumnInt(5);
  ASSIGN_OR_RETURN(n.currency, ColumnCurrency(st, 6, "credit_notes"));
  Result<CreditNoteReason> reason = ParseCreditNoteReason(st.ColumnTextView(7));
  if (!reason.ok()) return CorruptRow("credit_notes", "reason");
  n.reason = *reason;
  n.memo = st.ColumnText(8);
  n.subtotal_minor = st.ColumnInt(9);
  n.tax_minor = st.ColumnInt(10);
  n.total_minor = st.ColumnInt(11);
  n.due_reduced_minor = st.ColumnInt(12);
  n.returned_minor = st.ColumnInt(13);
  n.refunded = st.ColumnInt(14) != 0;
  ASSIGN_OR_RETURN(n.issue_date, ColumnDate(st, 15, "credit_notes"));
  n.created_at = ColumnTime(st, 16);
  return n;
}

}  // namespace

Status SqliteCreditNoteRepository::Insert(const CreditNote& n) {
  static const std::string kSql = fmt::format(
      "INSERT INTO credit_notes ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      kColumns);
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(kSql));
  BindId(*st, 1, n.tenant_id);
  BindId(*st, 2, n.id);
  BindId(*st, 3, n.invoice_id);
  BindId(*st, 4, n.customer_id);
  st->Bind(5, n.number).Bind(6, n.sequence).Bind(7, n.currency.code());
  st->Bind(8, CreditNoteReasonName(n.reason)).Bind(9, n.memo);
  st->Bind(10, n.subtotal_minor).Bind(11, n.tax_minor).Bind(12, n.total_minor);
  st->Bind(13, n.due_reduced_minor).Bind(14, n.returned_minor).Bind(15, n.refunded ? 1 : 0);
  st->Bind(16, FormatDate(n.issue_date)).Bind(17, Micros(n.created_at));
  RETURN_IF_ERROR(st->Run());
  ASSIGN_OR_RETURN(Statement * line,
                   c_.Prepare("INSERT INTO credit_note_lines (tenant_id, credit_note_id, "
                              "position, id, invoice_line_id, description, amount_minor, "
                              "credited_before_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < n.lines.size(); ++i) {
    const CreditNoteLine& l = n.lines[i];
    BindId(*line, 1, n.tenant_id);
    BindId(*line, 2, n.id);
    line->Bind(3, static_cast<int64_t>(i));
    BindId(*line, 4, l.id);
    BindId(*line, 5, l.invoice_line_id);
    line->Bind(6, l.description).Bind(7, l.amount_minor).Bind(8, l.credited_before_minor);
    RETURN_IF_ERROR(line->Run());
  }
  return OkStatus();
}

Status SqliteCreditNoteRepository::LoadLines(CreditNote& n) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT id, invoice_line_id, description, amount_minor, "
                              "credited_before_minor FROM credit_note_lines WHERE tenant_id = ? "
                              "AND credit_note_id = ? ORDER BY position"));
  BindId(*st, 1, n.tenant_id);
  BindId(*st, 2, n.id);
  int64_t subtotal = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    CreditNoteLine l;
    l.id = ColumnId<CreditNoteLineId>(*st, 0);
    l.invoice_line_id = ColumnId<InvoiceLineId>(*st, 1);
    l.description = st->ColumnText(2);
    l.amount_minor = st->ColumnInt(3);
    l.credited_before_minor = st->ColumnInt(4);
    subtotal += l.amount_minor;
    n.lines.push_back(std::move(l));
  }
  // A note whose lines do not add up to its subtotal lost or gained a line: not served.
  if (subtotal != n.subtotal_minor) return CorruptRow("credit_note_lines", "sum of lines");
  return OkStatus();
}

Result<std::optional<CreditNote>> SqliteCreditNoteRepository::Find(TenantId tenant,
                                                                   CreditNoteId id) {
  static const std::string kSql =
      fmt::format("SELECT {} FROM credit_notes WHERE tenant_id = ? AND id = ?", kColumns);
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(kSql));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<CreditNote>();
  ASSIGN_OR_RETURN(CreditNote n, ReadNote(*st));
  st->Reset();
  RETURN_IF_ERROR(LoadLines(n));
  return std::optional<CreditNote>(std::move(n));
}

Result<Page<CreditNote>> SqliteCreditNoteRepository::List(TenantId tenant,
                                                          const CreditNoteFilter& filter,
                                                          const PageRequest& page) {
  // Only the filters given become predicates, so each list walks its index.
  std::string where = "tenant_id = ?1 AND id < ?2";
  if (filter.invoice.has_value()) where += " AND invoice_id = ?4";
  if (filter.customer.has_value()) where += " AND customer_id = ?5";
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("SELECT {} FROM credit_notes WHERE {} ORDER BY id "
                                          "DESC LIMIT ?3",
                                          kColumns, where)));
  BindId(*st, 1, tenant);
  BindCursor(*st, 2, page.starting_after);
  st->Bind(3, FetchLimit(page.limit));
  if (filter.invoice.has_value()) BindId(*st, 4, *filter.invoice);
  if (filter.customer.has_value()) BindId(*st, 5, *filter.customer);
  ASSIGN_OR_RETURN(Page<CreditNote> out, ReadPage<CreditNote>(*st, page.limit, ReadNote));
  st->Reset();
  for (CreditNote& n : out.items) RETURN_IF_ERROR(LoadLines(n));
  return out;
}

Result<std::vector<CreditNote>> SqliteCreditNoteRepository::ListForInvoice(TenantId tenant,
                                                                           InvoiceId invoice) {
  static const std::string kSql = fmt::format(
      "SELECT {} FROM credit_notes INDEXED BY credit_notes_by_invoice WHERE tenant_id = ? AND "
      "invoice_id = ? ORDER BY id",
      kColumns);
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(kSql));
  BindId(*st, 1, tenant);
  BindId(*st, 2, invoice);
  std::vector<CreditNote> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ASSIGN_OR_RETURN(CreditNote n, ReadNote(*st));
    out.push_back(std::move(n));
  }
  st->Reset();
  for (CreditNote& n : out) RETURN_IF_ERROR(LoadLines(n));
  return out;
}

}  // namespace accrue::sqlite
