#include "accrue/api/v1/usage_routes.h"

#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "accrue/api/ingest/event_parser.h"
#include "accrue/api/json/json_reader.h"
#include "accrue/api/v1/handler_util.h"
#include "accrue/api/v1/parse.h"
#include "accrue/app/idempotency.h"
#include "accrue/app/meters.h"
#include "accrue/app/tenants.h"
#include "accrue/base/crypto.h"
#include "accrue/base/strings.h"
#include "accrue/time/instant.h"

namespace accrue::api {
namespace {

Result<MeterFields> ParseMeterFields(ObjectReader& body) {
  MeterFields f;
  ASSIGN_OR_RETURN(f.code, body.OptionalString("code", kMeterCodeLengthMax));
  ASSIGN_OR_RETURN(f.name, body.OptionalString("name", kMeterNameLengthMax));
  ASSIGN_OR_RETURN(f.aggregation, body.OptionalString("aggregation", 32));
  ASSIGN_OR_RETURN(f.property, body.OptionalString("property", kPropertyNameLengthMax));
  ASSIGN_OR_RETURN(std::optional<std::vector<ObjectReader>> filters,
                   body.OptionalObjectArray("filters", kMeterFiltersMax));
  if (filters.has_value()) {
    f.filters.emplace();
    for (ObjectReader& r : *filters) {
      MeterFilter filter;
      ASSIGN_OR_RETURN(filter.property, r.RequiredString("property", kPropertyNameLengthMax));
      ASSIGN_OR_RETURN(
          std::optional<std::vector<std::string>> values,
          r.OptionalStringArray("values", kMeterFilterValuesMax, kPropertyValueLengthMax));
      filter.values = values.value_or(std::vector<std::string>{});
      f.filters->push_back(std::move(filter));
    }
  }
  ASSIGN_OR_RETURN(f.group_by,
                   body.OptionalStringArray("group_by", kMeterGroupByMax, kPropertyNameLengthMax));
  RETURN_IF_ERROR(body.Finish());
  return f;
}

void RegisterMeters(HttpServer& server, const Services& s) {
  server.Route("POST", "/v1/meters", [&s](const HttpRequest& req) {
    return Authed(s, req, [&](const Actor& actor) -> Result<HttpResponse> {
      ASSIGN_OR_RETURN(JsonDocument doc,
                       JsonDocument::Parse(req.body.empty() ? std::string_view("{}") : req.body,
                                           kResourceJsonLimits));
      ObjectReader root = doc.Root();
      ASSIGN_OR_RETURN(MeterFields fields, ParseMeterFields(root));
      ASSIGN_OR_RETURN(StoredResponse stored,
                       RunIdempotent(s, actor.tenant, req.idempotency_key, Fingerprint(req),
                                     [&](StoreTx& tx) -> Result<StoredResponse> {
                                       ASSIGN_OR_RETURN(Meter m, CreateMeter(tx, s, actor, fields));
                                       JsonWriter w;
                                       WriteMeter(w, m);
                                       return StoredResponse{200, w.Take(), false};
                                     }));
      return FromStored(stored);
    });
  });
  server.Route("GET", "/v1/meters/{id}", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Result<std::string> {
      ASSIGN_OR_RETURN(MeterId id, ParseId<MeterId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(Meter m, GetMeter(tx, a, id));
      JsonWriter w;
      WriteMeter(w, m);
      return w.Take();
    });
  });
  server.Route("GET", "/v1/meters", [&s](const HttpRequest& req) {
    return Get(s, req, [&req](StoreTx& tx, const Actor& a) -> Result<std::string> {
      ASSIGN_OR_RETURN(PageRequest page, ParsePage(req));
      ASSIGN_OR_RETURN(Page<Meter> p, ListMeters(tx, a, page));
      JsonWriter w;
      w.BeginObject();
      w.Field("object", "list");
      w.Key("data");
      w.BeginArray();
      for (const Meter& m : p.items) WriteMeter(w, m);
      w.EndArray();
      w.Field("has_more", p.has_more);
      w.EndObject();
      return w.Take();
    });
  });
}

void RegisterEvents(HttpServer& server, const Services& s,
                    const std::shared_ptr<UsageIngestor>& ingestor) {
  server.Route("POST", "/v1/events", [&s, ingestor](const HttpRequest& req) {
    return Authed(s, req, [&](const Actor& actor) -> Result<HttpResponse> {
      // Parsing runs outside the transaction, so request threads parse in parallel and only
      // the ingest itself is serialized.
      thread_local EventParser parser;
      ASSIGN_OR_RETURN(std::vector<IngestItem> items, parser.ParseBody(req.body, req.content_type));
      ASSIGN_OR_RETURN(
          StoredResponse stored,
          RunIdempotent(s, actor.tenant, req.idempotency_key, Fingerprint(req),
                        [&](StoreTx& tx) -> Result<StoredResponse> {
                          ASSIGN_OR_RETURN(IngestBatchResult result,
                                           ingestor->Ingest(tx, s, actor.tenant, items));
                          return StoredResponse{200, RenderIngestResult(items, result), false};
                        }));
      return FromStored(stored);
    });
  });
}

void RegisterUsage(HttpServer& server, const Services& s) {
  server.Route("GET", "/v1/customers/{id}/usage", [&s](const HttpRequest& req) {
    return Get(s, req, [&req, &s](StoreTx& tx, const Actor& a) -> Result<std::string> {
      ASSIGN_OR_RETURN(CustomerId id, ParseId<CustomerId>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(std::vector<SubscriptionUsage> usage,
                       CurrentUsage(tx, a, id, s.clock.Now()));
      JsonWriter w;
      ASSIGN_OR_RETURN(std::vector<SubscriptionUsageAmounts> amounts,
                       PriceCurrentUsage(tx, a, usage));
      WriteUsage(w, id, usage, &amounts);
      return w.Take();
    });
  });
}

void WriteError(JsonWriter& w, const Status& error) {
  w.Key("error");
  w.BeginObject();
  w.Field("code", ErrorReason(error));
  w.Field("message", AsStd(error.message()));
  const std::string param = ErrorParam(error);
  if (!param.empty()) w.Field("param", param);
  w.EndObject();
}

}  // namespace

void WriteMeter(JsonWriter& w, const Meter& m) {
  w.BeginObject();
  w.Field("id", m.id.ToString());
  w.Field("object", "meter");
  w.Field("code", m.code);
  w.Field("name", m.name);
  w.Field("aggregation", AggregationName(m.aggregation));
  if (m.property.empty()) {
    w.FieldNull("property");
  } else {
    w.Field("property", m.property);
  }
  w.Key("filters");
  w.BeginArray();
  for (const MeterFilter& f : m.filters) {
    w.BeginObject();
    w.Field("property", f.property);
    w.Key("values");
    w.BeginArray();
    for (const std::string& v : f.values) w.String(v);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("group_by");
  w.BeginArray();
  for (const std::string& g : m.group_by) w.String(g);
  w.EndArray();
  w.Field("created_at", FormatInstant(m.created_at));
  w.EndObject();
}

std::string RenderIngestResult(const std::vector<IngestItem>& items,
                               const IngestBatchResult& result) {
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "event_batch");
  w.Field("accepted", result.accepted);
  w.Field("duplicates", result.duplicates);
  w.Field("rejected", result.rejected);
  w.Key("results");
  w.BeginArray();
  for (size_t i = 0; i < result.results.size(); ++i) {
    const EventResult& r = result.results[i];
    w.BeginObject();
    w.Field("index", i);
    // An over-long id is echoed cut to the limit (it was rejected for its length).
    w.Field("id", std::string_view(items[i].event.id).substr(0, kEventIdLengthMax));
    w.Field("status", EventOutcomeName(r.outcome));
    if (r.outcome == EventOutcome::kRejected) WriteError(w, r.error);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

void WriteUsage(JsonWriter& w, CustomerId customer, const std::vector<SubscriptionUsage>& usage,
                const std::vector<SubscriptionUsageAmounts>* amounts) {
  w.BeginObject();
  w.Field("object", "customer_usage");
  w.Field("customer", customer.ToString());
  w.Key("subscriptions");
  w.BeginArray();
  for (const SubscriptionUsage& su : usage) {
    w.BeginObject();
    w.Field("subscription", su.subscription.id.ToString());
    w.Field("period_index", su.period_index);
    w.Field("period_start", FormatInstant(su.period_start));
    w.Field("period_end", FormatInstant(su.period_end));
    w.Key("meters");
    w.BeginArray();
    for (const MeterUsage& mu : su.meters) {
      w.BeginObject();
      w.Field("meter", mu.meter.id.ToString());
      w.Field("code", mu.meter.code);
      w.Field("aggregation", AggregationName(mu.meter.aggregation));
      w.Key("groups");
      w.BeginArray();
      for (const UsageQuantity& q : mu.groups) {
        w.BeginObject();
        w.Key("group");
        w.BeginObject();
        for (const auto& [name, value] : q.group.values) w.Field(name, value);
        w.EndObject();
        w.Field("quantity", q.quantity.ToString());
        w.Field("event_count", q.event_count);
        // What this usage would be billed at so far (app/rating.h, PriceCurrentUsage).
        auto at = [](const auto& item, const auto& all) {
          return static_cast<size_t>(&item - all.data());
        };
        const std::optional<Money>* amount =
            amounts == nullptr
                ? nullptr
                : &(*amounts)[at(su, usage)].meters[at(mu, su.meters)].groups[at(q, mu.groups)];
        if (amount != nullptr && amount->has_value()) {
          w.Field("amount", (*amount)->ToString());
          w.Field("amount_minor", (*amount)->minor_units());
        } else {
          w.FieldNull("amount");
        }
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void RegisterUsageRoutes(HttpServer& server, const Services& services) {
  auto ingestor = std::make_shared<UsageIngestor>();
  RegisterMeters(server, services);
  RegisterEvents(server, services, ingestor);
  RegisterUsage(server, services);
}

}  // namespace accrue::api
