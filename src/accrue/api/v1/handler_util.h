// The plumbing every v1 handler shares: authenticate the bearer key, run the handler, map errors
// to the JSON error object, and the small pieces of the idempotent-POST and list paths. One copy
// for routes.cc, usage_routes.cc and ledger_routes.cc.
#pragma once

#include <functional>
#include <string>

#include "accrue/api/http/http_message.h"
#include "accrue/api/json/json_reader.h"
#include "accrue/api/v1/parse.h"
#include "accrue/app/idempotency.h"
#include "accrue/app/ports/store.h"
#include "accrue/app/services.h"

namespace accrue::api {

// The caller named by `Authorization: Bearer <key>`, or Unauthenticated.
Result<Actor> AuthenticateRequest(const Services& services, const HttpRequest& req);

// Runs `fn` for an authenticated caller and turns its result (or error) into a response that
// names the tenant in the access log.
HttpResponse Authed(const Services& services, const HttpRequest& req,
                    const std::function<Result<HttpResponse>(const Actor&)>& fn);

// GET: `fn` renders a JSON body inside one read transaction; 200.
HttpResponse Get(const Services& services, const HttpRequest& req,
                 const std::function<Result<std::string>(StoreTx&, const Actor&)>& fn);

// What an Idempotency-Key is bound to: method, path and body. Empty without a key (hashing a
// 10 MiB body costs milliseconds, and RunIdempotent ignores it then).
std::string Fingerprint(const HttpRequest& req);

// A stored (or first) response, marked when it is a replay.
HttpResponse FromStored(const StoredResponse& stored);

// `limit` (1..kPageLimitMax) and `starting_after` (an id) from the query string.
Result<PageRequest> ParsePage(const HttpRequest& req);

using Body = Result<std::string>;

// The body of a POST as a JSON object; an empty body counts as {}.
Result<JsonDocument> ParseBody(const HttpRequest& req);

// POST: parse with `prepare` (outside any transaction), then run `effect` in one write
// transaction together with the idempotency record.
template <typename Input>
HttpResponse Post(const Services& services, const HttpRequest& req, int status,
                  const std::function<Result<Input>(ObjectReader&, const Actor&)>& prepare,
                  const std::function<Body(StoreTx&, const Actor&, const Input&)>& effect) {
  return Authed(services, req, [&](const Actor& actor) -> Result<HttpResponse> {
    ASSIGN_OR_RETURN(JsonDocument doc, ParseBody(req));
    ObjectReader root = doc.Root();
    ASSIGN_OR_RETURN(Input input, prepare(root, actor));
    ASSIGN_OR_RETURN(StoredResponse stored,
                     RunIdempotent(services, actor.tenant, req.idempotency_key, Fingerprint(req),
                                   [&](StoreTx& tx) -> Result<StoredResponse> {
                                     ASSIGN_OR_RETURN(std::string body, effect(tx, actor, input));
                                     return StoredResponse{status, std::move(body), false};
                                   }));
    return FromStored(stored);
  });
}

// An optional id from the query string; malformed is a 400 naming `name`.
template <typename Id>
Result<std::optional<Id>> QueryId(const HttpRequest& req, std::string_view name) {
  std::optional<std::string> text = req.Query(name);
  if (!text.has_value()) return std::optional<Id>();
  ASSIGN_OR_RETURN(Id id, ParseId<Id>(*text, name));
  return std::optional<Id>(id);
}

}  // namespace accrue::api
