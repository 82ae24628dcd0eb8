#include "accrue/api/v1/credit_note_routes.h"

#include "accrue/api/v1/handler_util.h"
#include "accrue/api/v1/parse.h"
#include "accrue/api/v1/render.h"
#include "accrue/app/credit_notes.h"
#include "accrue/base/strings.h"

namespace accrue::api {
namespace {

constexpr size_t kShortText = 64;

Result<CreditNoteFields> ParseCreditNoteFields(ObjectReader& body) {
  CreditNoteFields f;
  ASSIGN_OR_RETURN(f.invoice, body.OptionalString("invoice", kShortText));
  ASSIGN_OR_RETURN(f.reason, body.OptionalString("reason", kShortText));
  ASSIGN_OR_RETURN(f.memo, body.OptionalString("memo", kCreditNoteMemoLengthMax));
  ASSIGN_OR_RETURN(f.amount, body.OptionalString("amount", kShortText));
  ASSIGN_OR_RETURN(std::optional<std::vector<ObjectReader>> lines,
                   body.OptionalObjectArray("lines", kCreditNoteLinesPerRequestMax));
  if (lines.has_value()) {
    for (ObjectReader& item : *lines) {
      CreditNoteLineFields l;
      ASSIGN_OR_RETURN(l.invoice_line, item.OptionalString("invoice_line", kShortText));
      ASSIGN_OR_RETURN(l.amount, item.OptionalString("amount", kShortText));
      f.lines.push_back(std::move(l));
    }
  }
  ASSIGN_OR_RETURN(std::optional<bool> refund, body.OptionalBool("refund"));
  f.refund = refund.value_or(false);
  RETURN_IF_ERROR(body.Finish());
  return f;
}

}  // namespace

void RegisterCreditNoteRoutes(HttpServer& server, const Services& services) {
  const Services& s = services;
  server.Route("POST", "/v1/credit_notes", [&s](const HttpRequest& req) {
    return Post<CreditNoteFields>(
        s, req, 200, [](ObjectReader& b, const Actor&) { return ParseCreditNoteFields(b); },
        [&s](StoreTx& tx, const Actor& a, const CreditNoteFields& f) -> Body {
          ASSIGN_OR_RETURN(CreditNote n, IssueCreditNote(tx, s, a, f));
          return RenderOne(n, &WriteCreditNote);
        });
  });
  server.Route("GET", "/v1/credit_notes", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(PageRequest page, ParsePage(req));
      CreditNoteFilter filter;
      ASSIGN_OR_RETURN(filter.invoice, QueryId<InvoiceId>(req, "invoice"));
      ASSIGN_OR_RETURN(filter.customer, QueryId<CustomerId>(req, "customer"));
      ASSIGN_OR_RETURN(Page<CreditNote> p, ListCreditNotes(tx, a, filter, page));
      return RenderList(p.items, p.has_more, &WriteCreditNote);
    });
  });
  server.Route("GET", "/v1/credit_notes/{id}", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(CreditNoteId id, ParseId<CreditNoteId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(CreditNote n, GetCreditNote(tx, a, id));
      return RenderOne(n, &WriteCreditNote);
    });
  });
  server.Route("GET", "/v1/invoices/{id}/credit_notes", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(InvoiceId id, ParseId<InvoiceId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(std::vector<CreditNote> notes, ListInvoiceCreditNotes(tx, a, id));
      return RenderList(notes, false, &WriteCreditNote);
    });
  });
}

}  // namespace accrue::api
