#include "accrue/api/http/http_message.h"

#include "accrue/api/http/error_json.h"
#include "accrue/base/check.h"

namespace accrue::api {

std::string_view HttpRequest::Param(size_t i) const {
  ACCRUE_CHECK(i < path_params.size(), "HttpRequest::Param: the route pattern has no such param");
  return path_params[i];
}

std::optional<std::string> HttpRequest::Query(std::string_view name) const {
  // lower_bound, not find: find may return any of several equal keys, and "the first value" is
  // the one sent first (a multimap keeps equal keys in insertion order).
  auto it = query.lower_bound(std::string(name));
  if (it == query.end() || it->first != name) return std::nullopt;
  return it->second;
}

HttpResponse JsonResponse(int status, std::string json_body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(json_body);
  return response;
}

HttpResponse ErrorResponse(const Status& status, std::string_view request_id) {
  return JsonResponse(HttpStatusFor(status), ErrorBody(status, request_id));
}

}  // namespace accrue::api
