// API v1 endpoints of metering:
//   POST /v1/meters, GET /v1/meters, GET /v1/meters/{id}
//   POST /v1/events                     (batch ingest; see api/ingest/event_parser.h for shapes)
//   GET  /v1/customers/{id}/usage       (current period per subscription, from the aggregates)
//
// POST /v1/events answers 200 with one result per event, in order:
//   {"object":"event_batch","accepted":2,"duplicates":1,"rejected":1,"results":[
//     {"index":0,"id":"e1","status":"accepted"}, {"index":1,"id":"e1","status":"duplicate"},
//     {"index":2,"id":"e9","status":"rejected","error":{"code":"event.unknown_meter",
//      "message":"...","param":"meter"}}]}
// The whole batch is committed (durably) before the response is sent; a request-level problem
// (malformed JSON, more than 10,000 events or 10 MiB: 413) stores nothing. Idempotency-Key works
// as on every POST.
//
// Thread-safe: one UsageIngestor per registration, shared by all handler threads; each thread
// parses with its own EventParser.
#pragma once

#include "accrue/api/http/http_server.h"
#include "accrue/api/json/json_writer.h"
#include "accrue/app/rating.h"
#include "accrue/app/services.h"
#include "accrue/app/usage.h"
#include "accrue/app/usage_ingest.h"

namespace accrue::api {

void RegisterUsageRoutes(HttpServer& server, const Services& services);

void WriteMeter(JsonWriter& w, const Meter& meter);
std::string RenderIngestResult(const std::vector<IngestItem>& items,
                               const IngestBatchResult& result);
// `amounts` (app/rating.h, PriceCurrentUsage; same order as `usage`) fills each group's "amount";
// without it, or for a meter the plan does not charge for, "amount" is null.
void WriteUsage(JsonWriter& w, CustomerId customer, const std::vector<SubscriptionUsage>& usage,
                const std::vector<SubscriptionUsageAmounts>* amounts = nullptr);

}  // namespace accrue::api
