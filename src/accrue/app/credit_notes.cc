#include "accrue/app/credit_notes.h"

#include <algorithm>

#include "accrue/app/document_chain.h"
#include "accrue/app/fields.h"
#include "accrue/app/invoices.h"
#include "accrue/app/ledger.h"
#include "accrue/app/payments.h"
#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"
#include "accrue/domain/invoice_number.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

Result<CreditRequest> ParseRequest(const CreditNoteFields& f, const Invoice& inv) {
  CreditRequest req;
  if (f.reason.has_value()) {
    ASSIGN_OR_RETURN(req.reason, ParseCreditNoteReason(*f.reason));
  }
  req.memo = f.memo.value_or("");
  if (f.lines.size() > kCreditNoteLinesPerRequestMax) {
    return InvalidArgument("lines", "parameter.too_many_items",
                           fmt::format("at most {} lines", kCreditNoteLinesPerRequestMax));
  }
  for (size_t i = 0; i < f.lines.size(); ++i) {
    const std::string prefix = fmt::format("lines[{}]", i);
    ASSIGN_OR_RETURN(std::string line_text,
                     Required(f.lines[i].invoice_line, prefix + ".invoice_line"));
    Result<InvoiceLineId> line = InvoiceLineId::Parse(line_text);
    if (!line.ok()) return WithParamPrefix(line.status(), prefix + ".invoice_line");
    ASSIGN_OR_RETURN(std::string amount_text, Required(f.lines[i].amount, prefix + ".amount"));
    ASSIGN_OR_RETURN(int64_t amount, ParseMinorUnits(amount_text, inv.currency, prefix + ".amount",
                                                     AmountSign::kNonZero));
    req.lines.emplace_back(*line, amount);
  }
  if (f.amount.has_value()) {
    ASSIGN_OR_RETURN(int64_t amount, ParseMinorUnits(*f.amount, inv.currency, "amount"));
    req.amount_minor = amount;
  }
  return req;
}

}  // namespace

Result<CreditNote> IssueCreditNote(StoreTx& tx, const Services& services, const Actor& actor,
                                   const CreditNoteFields& f) {
  ASSIGN_OR_RETURN(std::string invoice_text, Required(f.invoice, "invoice"));
  Result<InvoiceId> invoice_id = InvoiceId::Parse(invoice_text);
  if (!invoice_id.ok()) return WithParamPrefix(invoice_id.status(), "invoice");
  ASSIGN_OR_RETURN(Invoice inv, GetInvoice(tx, actor, *invoice_id, "invoice"));
  ASSIGN_OR_RETURN(CreditRequest request, ParseRequest(f, inv));
  ASSIGN_OR_RETURN(std::vector<CreditNote> prior,
                   tx.credit_notes().ListForInvoice(actor.tenant, inv.id));

  const absl::Time now = services.clock.Now();
  ASSIGN_OR_RETURN(CreditNote note,
                   PlanCreditNote(inv, prior, request, services.NewId<CreditNoteId>(),
                                  [&services] { return services.NewId<CreditNoteLineId>(); },
                                  now));
  note.due_reduced_minor = std::min(note.total_minor, inv.amount_due_minor);
  note.returned_minor = note.total_minor - note.due_reduced_minor;
  note.refunded = f.refund && note.returned_minor > 0;

  // Numbered like invoices: the tenant's calendar day, the tenant's reset policy, own series.
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, actor.tenant));
  ASSIGN_OR_RETURN(absl::TimeZone tenant_zone, LoadTimeZone(tenant.settings.time_zone));
  note.issue_date = absl::ToCivilDay(now, tenant_zone);
  ASSIGN_OR_RETURN(InvoiceNumberFormat format, InvoiceNumberFormat::Parse(kCreditNoteNumberFormat));
  const std::string series =
      "credit_note:" + NumberSeriesKey(tenant.settings.invoice_number_reset, note.issue_date);
  ASSIGN_OR_RETURN(note.sequence, tx.number_series().Reserve(tenant.id, series, 1));
  note.number = format.Render(note.sequence, note.issue_date);

  // The paid part first: the payments let go of it, so the invoice owes the whole credit.
  const std::string why = fmt::format("credit note {}", note.number);
  if (note.returned_minor > 0) {
    RETURN_IF_ERROR(ReturnPaidPart(tx, services, actor, inv.id, note.returned_minor, f.refund, why));
    ASSIGN_OR_RETURN(inv, GetInvoice(tx, actor, inv.id, "invoice"));
  }
  ASSIGN_OR_RETURN(std::optional<InvoiceStatusChange> change,
                   ApplyCreditNote(inv, note, actor.name, now));
  RETURN_IF_ERROR(tx.credit_notes().Insert(note));
  RETURN_IF_ERROR(ChainCreditNote(tx, note));
  RETURN_IF_ERROR(tx.invoices().Update(inv));
  if (change.has_value()) RETURN_IF_ERROR(tx.invoices().InsertStatusChange(*change));
  RETURN_IF_ERROR(PostIssuedCreditNote(tx, note, inv, now));
  return note;
}

Result<CreditNote> GetCreditNote(StoreTx& tx, const Actor& actor, CreditNoteId id,
                                 std::string_view param) {
  ASSIGN_OR_RETURN(std::optional<CreditNote> found, tx.credit_notes().Find(actor.tenant, id));
  if (!found.has_value()) {
    return NotFound("credit_note.not_found", fmt::format("no credit note {}", id.ToString()),
                    param);
  }
  return *std::move(found);
}

Result<Page<CreditNote>> ListCreditNotes(StoreTx& tx, const Actor& actor,
                                         const CreditNoteFilter& filter, const PageRequest& page) {
  return tx.credit_notes().List(actor.tenant, filter, page);
}

Result<std::vector<CreditNote>> ListInvoiceCreditNotes(StoreTx& tx, const Actor& actor,
                                                       InvoiceId invoice) {
  RETURN_IF_ERROR(GetInvoice(tx, actor, invoice).status());
  return tx.credit_notes().ListForInvoice(actor.tenant, invoice);
}

}  // namespace accrue
