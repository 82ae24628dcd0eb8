#include "accrue/api/v1/routes.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "accrue/api/v1/credit_note_routes.h"
#include "accrue/api/v1/document_routes.h"
#include "accrue/api/v1/handler_util.h"
#include "accrue/api/v1/ledger_routes.h"
#include "accrue/api/v1/parse.h"
#include "accrue/api/v1/payment_routes.h"
#include "accrue/api/v1/render.h"
#include "accrue/api/v1/usage_routes.h"
#include "accrue/app/billing_run.h"
#include "accrue/app/idempotency.h"
#include "accrue/app/invoices.h"
#include "accrue/app/tenants.h"
#include "accrue/app/upcoming_invoice.h"
#include "accrue/base/crypto.h"
#include "accrue/base/strings.h"
#include "accrue/time/instant.h"

namespace accrue::api {
namespace {


// An action endpoint's body: {} or, where allowed, {"reason": "..."}.
Result<std::string> ParseReason(ObjectReader& body, bool reason_allowed) {
  std::string reason;
  if (reason_allowed) {
    ASSIGN_OR_RETURN(std::optional<std::string> r, body.OptionalString("reason", 500));
    reason = r.value_or("");
  }
  RETURN_IF_ERROR(body.Finish());
  return reason;
}

struct InvoiceAction {
  std::string_view path;
  bool reason_allowed;
  std::function<Result<Invoice>(StoreTx&, const Services&, const Actor&, InvoiceId, std::string)>
      run;
};

void RegisterCustomers(HttpServer& server, const Services& s) {
  server.Route("POST", "/v1/customers", [&s](const HttpRequest& req) {
    return Post<CustomerFields>(
        s, req, 200, [](ObjectReader& b, const Actor&) { return ParseCustomerFields(b); },
        [&s](StoreTx& tx, const Actor& a, const CustomerFields& f) -> Body {
          ASSIGN_OR_RETURN(Customer c, CreateCustomer(tx, s, a, f));
          return RenderOne(c, &WriteCustomer);
        });
  });
  server.Route("POST", "/v1/customers/{id}", [&s](const HttpRequest& req) {
    return Post<std::pair<CustomerId, CustomerFields>>(
        s, req, 200,
        [&req](ObjectReader& b, const Actor&) -> Result<std::pair<CustomerId, CustomerFields>> {
          ASSIGN_OR_RETURN(CustomerId id, ParseId<CustomerId>(req.Param(0), "id"));
          ASSIGN_OR_RETURN(CustomerFields f, ParseCustomerFields(b));
          return std::make_pair(id, std::move(f));
        },
        [&s](StoreTx& tx, const Actor& a, const std::pair<CustomerId, CustomerFields>& in) -> Body {
          ASSIGN_OR_RETURN(Customer c, UpdateCustomer(tx, s, a, in.first, in.second));
          return RenderOne(c, &WriteCustomer);
        });
  });
  server.Route("GET", "/v1/customers/{id}", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(CustomerId id, ParseId<CustomerId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(Customer c, GetCustomer(tx, a, id));
      return RenderOne(c, &WriteCustomer);
    });
  });
  server.Route("GET", "/v1/customers", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(PageRequest page, ParsePage(req));
      ASSIGN_OR_RETURN(Page<Customer> p, ListCustomers(tx, a, page));
      return RenderList(p.items, p.has_more, &WriteCustomer);
    });
  });
}

void RegisterPlans(HttpServer& server, const Services& s) {
  server.Route("POST", "/v1/plans", [&s](const HttpRequest& req) {
    return Post<PlanFields>(
        s, req, 200, [](ObjectReader& b, const Actor&) { return ParsePlanFields(b); },
        [&s](StoreTx& tx, const Actor& a, const PlanFields& f) -> Body {
          ASSIGN_OR_RETURN(Plan p, CreatePlan(tx, s, a, f));
          return RenderOne(p, &WritePlan);
        });
  });
  server.Route("GET", "/v1/plans/{id}", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(PlanId id, ParseId<PlanId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(Plan p, GetPlan(tx, a, id));
      return RenderOne(p, &WritePlan);
    });
  });
  server.Route("GET", "/v1/plans", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(PageRequest page, ParsePage(req));
      ASSIGN_OR_RETURN(Page<Plan> p, ListPlans(tx, a, page));
      return RenderList(p.items, p.has_more, &WritePlan);
    });
  });
}

void RegisterSubscriptions(HttpServer& server, const Services& s) {
  server.Route("POST", "/v1/subscriptions", [&s](const HttpRequest& req) {
    return Post<SubscriptionFields>(
        s, req, 200, [](ObjectReader& b, const Actor&) { return ParseSubscriptionFields(b); },
        [&s](StoreTx& tx, const Actor& a, const SubscriptionFields& f) -> Body {
          ASSIGN_OR_RETURN(Subscription sub, CreateSubscription(tx, s, a, f));
          return RenderOne(sub, &WriteSubscription);
        });
  });
  server.Route("POST", "/v1/subscriptions/{id}/cancel", [&s](const HttpRequest& req) {
    return Post<SubscriptionId>(
        s, req, 200,
        [&req](ObjectReader& b, const Actor&) -> Result<SubscriptionId> {
          RETURN_IF_ERROR(b.Finish());
          return ParseId<SubscriptionId>(req.Param(0), "id");
        },
        [&s](StoreTx& tx, const Actor& a, const SubscriptionId& id) -> Body {
          ASSIGN_OR_RETURN(Subscription sub, CancelSubscription(tx, s, a, id));
          return RenderOne(sub, &WriteSubscription);
        });
  });
  server.Route("GET", "/v1/subscriptions/{id}/upcoming_invoice", [&s](const HttpRequest& req) {
    return Get(s, req, [&req, &s](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(SubscriptionId id, ParseId<SubscriptionId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(Invoice inv, UpcomingInvoice(tx, s, a, id));
      return RenderOne(inv, &WriteInvoice);
    });
  });
  server.Route("GET", "/v1/subscriptions/{id}", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(SubscriptionId id, ParseId<SubscriptionId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(Subscription sub, GetSubscription(tx, a, id));
      return RenderOne(sub, &WriteSubscription);
    });
  });
  server.Route("GET", "/v1/subscriptions", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(PageRequest page, ParsePage(req));
      ASSIGN_OR_RETURN(std::optional<CustomerId> customer, QueryId<CustomerId>(req, "customer"));
      ASSIGN_OR_RETURN(Page<Subscription> p, ListSubscriptions(tx, a, customer, page));
      return RenderList(p.items, p.has_more, &WriteSubscription);
    });
  });
}

Result<InvoiceFilter> ParseInvoiceFilter(const HttpRequest& req) {
  InvoiceFilter filter;
  if (std::optional<std::string> status = req.Query("status")) {
    ASSIGN_OR_RETURN(filter.status, ParseInvoiceStatus(*status));
  }
  ASSIGN_OR_RETURN(filter.customer, QueryId<CustomerId>(req, "customer"));
  ASSIGN_OR_RETURN(filter.subscription, QueryId<SubscriptionId>(req, "subscription"));
  filter.tag = req.Query("tag");
  return filter;
}

void RegisterInvoices(HttpServer& server, const Services& s) {
  server.Route("GET", "/v1/invoices/{id}", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(InvoiceId id, ParseId<InvoiceId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(Invoice inv, GetInvoice(tx, a, id));
      return RenderOne(inv, &WriteInvoice);
    });
  });
  server.Route("GET", "/v1/invoices/{id}/history", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(InvoiceId id, ParseId<InvoiceId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(std::vector<InvoiceStatusChange> changes, InvoiceHistory(tx, a, id));
      return RenderList(changes, false, &WriteStatusChange);
    });
  });
  server.Route("GET", "/v1/invoices", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(PageRequest page, ParsePage(req));
      ASSIGN_OR_RETURN(InvoiceFilter filter, ParseInvoiceFilter(req));
      ASSIGN_OR_RETURN(Page<Invoice> p, ListInvoices(tx, a, filter, page));
      return RenderList(p.items, p.has_more, &WriteInvoice);
    });
  });
  static const InvoiceAction kActions[] = {
      {"finalize", false,
       [](StoreTx& tx, const Services& sv, const Actor& a, InvoiceId id, std::string) {
         return FinalizeInvoice(tx, sv, a, id);
       }},
      {"void", true,
       [](StoreTx& tx, const Services& sv, const Actor& a, InvoiceId id, std::string reason) {
         return VoidInvoice(tx, sv, a, id, std::move(reason));
       }},
      {"mark_sent", false,
       [](StoreTx& tx, const Services& sv, const Actor& a, InvoiceId id, std::string) {
         return MarkInvoiceSent(tx, sv, a, id);
       }},
      {"mark_uncollectible", true,
       [](StoreTx& tx, const Services& sv, const Actor& a, InvoiceId id, std::string reason) {
         return MarkInvoiceUncollectible(tx, sv, a, id, std::move(reason));
       }},
      {"archive", false,
       [](StoreTx& tx, const Services& sv, const Actor& a, InvoiceId id, std::string) {
         return ArchiveInvoice(tx, sv, a, id);
       }},
  };
  for (const InvoiceAction& action : kActions) {
    server.Route("POST", fmt::format("/v1/invoices/{{id}}/{}", action.path),
                 [&s, &action](const HttpRequest& req) {
                   using In = std::pair<InvoiceId, std::string>;
                   return Post<In>(
                       s, req, 200,
                       [&req, &action](ObjectReader& b, const Actor&) -> Result<In> {
                         ASSIGN_OR_RETURN(std::string reason,
                                          ParseReason(b, action.reason_allowed));
                         ASSIGN_OR_RETURN(InvoiceId id, ParseId<InvoiceId>(req.Param(0), "id"));
                         return In{id, std::move(reason)};
                       },
                       [&s, &action](StoreTx& tx, const Actor& a, const In& in) -> Body {
                         ASSIGN_OR_RETURN(Invoice inv, action.run(tx, s, a, in.first, in.second));
                         return RenderOne(inv, &WriteInvoice);
                       });
                 });
  }
}

std::string RenderRun(const BillingRun& run, const std::vector<BillingRunFailure>* failures) {
  JsonWriter w;
  WriteBillingRun(w, run, failures);
  return w.Take();
}

void RegisterBillingRuns(HttpServer& server, const Services& s) {
  server.Route("POST", "/v1/billing_runs", [&s](const HttpRequest& req) {
    return Authed(s, req, [&](const Actor& actor) -> Result<HttpResponse> {
      ASSIGN_OR_RETURN(JsonDocument doc, ParseBody(req));
      ObjectReader body = doc.Root();
      BillingRunOptions options;
      ASSIGN_OR_RETURN(std::optional<std::string> at, body.OptionalString("billing_at", 64));
      options.billing_at = s.clock.Now();
      if (at.has_value()) {
        Result<absl::Time> t = ParseInstant(*at);
        if (!t.ok()) return WithParamPrefix(t.status(), "billing_at");
        options.billing_at = *t;
      }
      ASSIGN_OR_RETURN(std::optional<bool> finalize, body.OptionalBool("finalize"));
      options.finalize = finalize.value_or(true);
      RETURN_IF_ERROR(body.Finish());
      ASSIGN_OR_RETURN(StoredResponse stored,
                       RunIdempotentLongRunning(
                           s, actor.tenant, req.idempotency_key, Fingerprint(req),
                           [&]() -> Result<StoredResponse> {
                             ASSIGN_OR_RETURN(BillingRun run, RunBilling(s, actor, options));
                             return StoredResponse{200, RenderRun(run, nullptr), false};
                           }));
      return FromStored(stored);
    });
  });
  server.Route("GET", "/v1/billing_runs/{id}", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(BillingRunId id, ParseId<BillingRunId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(BillingRun run, GetBillingRun(tx, a, id));
      ASSIGN_OR_RETURN(std::vector<BillingRunFailure> failures, ListBillingRunFailures(tx, a, id));
      return RenderRun(run, &failures);
    });
  });
  server.Route("GET", "/v1/billing_runs", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(PageRequest page, ParsePage(req));
      ASSIGN_OR_RETURN(Page<BillingRun> p, tx.billing_runs().List(a.tenant, page));
      JsonWriter w;
      w.BeginObject();
      w.Field("object", "list");
      w.Key("data");
      w.BeginArray();
      for (const BillingRun& run : p.items) WriteBillingRun(w, run, nullptr);
      w.EndArray();
      w.Field("has_more", p.has_more);
      w.EndObject();
      return w.Take();
    });
  });
}

}  // namespace

void ApiV1::Register(HttpServer& server) {
  server.Route("GET", "/healthz",
               [](const HttpRequest&) { return JsonResponse(200, R"({"status":"ok"})"); });
  RegisterCustomers(server, services_);
  RegisterPlans(server, services_);
  RegisterSubscriptions(server, services_);
  RegisterInvoices(server, services_);
  RegisterBillingRuns(server, services_);
  RegisterLedgerRoutes(server, services_);
  RegisterUsageRoutes(server, services_);
  RegisterPaymentRoutes(server, services_);
  RegisterCreditNoteRoutes(server, services_);
  RegisterDocumentRoutes(server, services_);
}

}  // namespace accrue::api
