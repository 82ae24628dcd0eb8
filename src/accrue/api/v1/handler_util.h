// The plumbing every v1 handler shares: authenticate the bearer key, run the handler, map errors
// to the JSON error object, and the small pieces of the idempotent-POST and list paths. One copy
// for routes.cc, usage_routes.cc and ledger_routes.cc.
#pragma once

#include <functional>
#include <string>

#include "accrue/api/http/http_message.h"
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

}  // namespace accrue::api
