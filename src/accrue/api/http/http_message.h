// HttpRequest, HttpResponse and Handler: what resource handlers see of HTTP.
//
// These are plain values with no tie to the HTTP library, so handlers can be unit-tested by
// building an HttpRequest by hand. HttpServer fills a request (path parameters, decoded query,
// body, the headers the API uses, a request id) and writes the response a handler returns.
// Handlers are called concurrently from the server's worker threads: a Handler must be
// thread-safe, and gets its own request and response.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accrue/base/status.h"

namespace accrue::api {

struct HttpRequest {
  std::string method;                    // upper case, as sent ("HEAD" requests are routed as GET)
  std::string path;                      // percent-decoded, without the query
  std::vector<std::string> path_params;  // the {param} segments, in pattern order
  std::multimap<std::string, std::string> query;  // decoded; repeated names keep every value
  std::string body;
  std::string request_id;       // the client's X-Request-Id when acceptable, else generated
  std::string idempotency_key;  // Idempotency-Key header, "" when absent
  std::string authorization;    // Authorization header, "" when absent; never log it
  std::string content_type;     // Content-Type header, "" when absent

  // The i-th {param} of the route pattern. Asking for one the pattern does not have is a bug in
  // the handler (checked).
  std::string_view Param(size_t i) const;
  // The first value of query parameter `name`, or std::nullopt when absent.
  std::optional<std::string> Query(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // Not sent: the tenant the request acted for, for the access log line. Set by the handler once
  // it has authenticated the caller; "" when unknown.
  std::string log_tenant;
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

// A JSON response with the given status and body.
HttpResponse JsonResponse(int status, std::string json_body);
// The error response for `status` (see error_json.h for the mapping and the body).
HttpResponse ErrorResponse(const Status& status, std::string_view request_id);

}  // namespace accrue::api
