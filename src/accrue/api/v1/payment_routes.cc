#include "accrue/api/v1/payment_routes.h"

#include "accrue/api/v1/handler_util.h"
#include "accrue/api/v1/parse.h"
#include "accrue/api/v1/render.h"
#include "accrue/app/payments.h"
#include "accrue/base/strings.h"

namespace accrue::api {
namespace {

constexpr size_t kShortText = 64;
constexpr size_t kReasonLengthMax = 500;

Result<std::vector<PaymentApplicationFields>> ParseApplications(ObjectReader& body) {
  ASSIGN_OR_RETURN(std::optional<std::vector<ObjectReader>> items,
                   body.OptionalObjectArray("apply_to", kPaymentApplicationsPerRequestMax));
  std::vector<PaymentApplicationFields> out;
  if (!items.has_value()) return out;
  for (ObjectReader& item : *items) {
    PaymentApplicationFields f;
    ASSIGN_OR_RETURN(f.invoice, item.OptionalString("invoice", kShortText));
    ASSIGN_OR_RETURN(f.amount, item.OptionalString("amount", kShortText));
    out.push_back(std::move(f));
  }
  return out;
}

Result<PaymentFields> ParsePaymentFields(ObjectReader& body) {
  PaymentFields f;
  ASSIGN_OR_RETURN(f.customer, body.OptionalString("customer", kShortText));
  ASSIGN_OR_RETURN(f.currency, body.OptionalString("currency", 3));
  ASSIGN_OR_RETURN(f.amount, body.OptionalString("amount", kShortText));
  ASSIGN_OR_RETURN(f.method, body.OptionalString("method", kShortText));
  ASSIGN_OR_RETURN(f.reference, body.OptionalString("reference", kPaymentReferenceLengthMax));
  ASSIGN_OR_RETURN(f.description,
                   body.OptionalString("description", kPaymentDescriptionLengthMax));
  ASSIGN_OR_RETURN(f.received_at, body.OptionalString("received_at", kShortText));
  ASSIGN_OR_RETURN(f.apply_to, ParseApplications(body));
  RETURN_IF_ERROR(body.Finish());
  return f;
}

struct PaymentAction {
  PaymentId id;
  std::optional<std::string> invoice;
  std::optional<std::string> amount;
  std::string reason;
  std::vector<PaymentApplicationFields> apply_to;
};

// Which optional fields an action's body accepts.
struct ActionShape {
  bool invoice = false;
  bool amount = false;
  bool apply_to = false;
};

Result<PaymentAction> ParseAction(const HttpRequest& req, ObjectReader& body, ActionShape shape) {
  PaymentAction a;
  ASSIGN_OR_RETURN(a.id, ParseId<PaymentId>(req.Param(0), "id"));
  if (shape.invoice) {
    ASSIGN_OR_RETURN(a.invoice, body.OptionalString("invoice", kShortText));
  }
  if (shape.amount) {
    ASSIGN_OR_RETURN(a.amount, body.OptionalString("amount", kShortText));
  }
  if (shape.apply_to) {
    ASSIGN_OR_RETURN(a.apply_to, ParseApplications(body));
  } else {
    ASSIGN_OR_RETURN(std::optional<std::string> reason,
                     body.OptionalString("reason", kReasonLengthMax));
    a.reason = reason.value_or("");
  }
  RETURN_IF_ERROR(body.Finish());
  return a;
}

using Effect = std::function<Result<Payment>(StoreTx&, const Actor&, const PaymentAction&)>;

void RouteAction(HttpServer& server, const Services& s, std::string_view verb, ActionShape shape,
                 Effect effect) {
  server.Route("POST", fmt::format("/v1/payments/{{id}}/{}", verb),
               [&s, shape, effect = std::move(effect)](const HttpRequest& req) {
                 return Post<PaymentAction>(
                     s, req, 200,
                     [&req, shape](ObjectReader& b, const Actor&) {
                       return ParseAction(req, b, shape);
                     },
                     [&effect](StoreTx& tx, const Actor& a, const PaymentAction& in) -> Body {
                       ASSIGN_OR_RETURN(Payment p, effect(tx, a, in));
                       return RenderOne(p, &WritePayment);
                     });
               });
}

}  // namespace

void RegisterPaymentRoutes(HttpServer& server, const Services& services) {
  const Services& s = services;
  server.Route("POST", "/v1/payments", [&s](const HttpRequest& req) {
    return Post<PaymentFields>(
        s, req, 200, [](ObjectReader& b, const Actor&) { return ParsePaymentFields(b); },
        [&s](StoreTx& tx, const Actor& a, const PaymentFields& f) -> Body {
          ASSIGN_OR_RETURN(Payment p, RecordPayment(tx, s, a, f));
          return RenderOne(p, &WritePayment);
        });
  });
  server.Route("GET", "/v1/payments", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(PageRequest page, ParsePage(req));
      PaymentFilter filter;
      ASSIGN_OR_RETURN(filter.customer, QueryId<CustomerId>(req, "customer"));
      if (std::optional<std::string> status = req.Query("status")) {
        ASSIGN_OR_RETURN(filter.status, ParsePaymentStatus(*status));
      }
      ASSIGN_OR_RETURN(Page<Payment> p, ListPayments(tx, a, filter, page));
      return RenderList(p.items, p.has_more, &WritePayment);
    });
  });
  server.Route("GET", "/v1/payments/{id}", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(PaymentId id, ParseId<PaymentId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(Payment p, GetPayment(tx, a, id));
      return RenderOne(p, &WritePayment);
    });
  });
  server.Route("GET", "/v1/payments/{id}/events", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(PaymentId id, ParseId<PaymentId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(std::vector<PaymentEvent> events, ListPaymentEvents(tx, a, id));
      return RenderList(events, false, &WritePaymentEvent);
    });
  });
  server.Route("GET", "/v1/invoices/{id}/payments", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(InvoiceId id, ParseId<InvoiceId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(std::vector<PaymentEvent> events, ListInvoicePaymentEvents(tx, a, id));
      return RenderList(events, false, &WritePaymentEvent);
    });
  });
  RouteAction(server, s, "apply", ActionShape{false, false, true},
              [&s](StoreTx& tx, const Actor& a, const PaymentAction& in) {
                return ApplyPayment(tx, s, a, in.id, in.apply_to);
              });
  RouteAction(server, s, "unapply", ActionShape{true, true, false},
              [&s](StoreTx& tx, const Actor& a, const PaymentAction& in) -> Result<Payment> {
                if (!in.invoice.has_value()) {
                  return InvalidArgument("invoice", "parameter.missing", "invoice is required");
                }
                ASSIGN_OR_RETURN(InvoiceId invoice, ParseId<InvoiceId>(*in.invoice, "invoice"));
                return UnapplyPayment(tx, s, a, in.id, invoice, in.amount, in.reason);
              });
  RouteAction(server, s, "refund", ActionShape{false, true, false},
              [&s](StoreTx& tx, const Actor& a, const PaymentAction& in) {
                return RefundPayment(tx, s, a, in.id, in.amount, in.reason);
              });
  RouteAction(server, s, "reverse", ActionShape{false, false, false},
              [&s](StoreTx& tx, const Actor& a, const PaymentAction& in) {
                return ReversePayment(tx, s, a, in.id, in.reason);
              });
}

}  // namespace accrue::api
