// API v1: every resource endpoint, wired onto an HttpServer.
//
// Each handler does the same four things: authenticate the bearer key (→ tenant), parse and
// validate the request completely before touching storage, run one use case in one transaction
// (with the Idempotency-Key record in that same transaction for POSTs), render the result. Errors
// at any step become the JSON error object with the status from error_json.h.
//
// Thread-safe: handlers share only the Services (Store, Clock and id generator are thread-safe).
#pragma once

#include "accrue/api/http/http_server.h"
#include "accrue/app/services.h"

namespace accrue::api {

class ApiV1 {
 public:
  explicit ApiV1(const Services& services) : services_(services) {}
  void Register(HttpServer& server);

 private:
  const Services services_;
};

}  // namespace accrue::api
