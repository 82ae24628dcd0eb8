#include "accrue/api/http/error_json.h"

#include "accrue/api/http/log_line.h"
#include "accrue/api/json/json_writer.h"
#include "accrue/base/check.h"
#include "accrue/base/strings.h"

namespace accrue::api {
namespace {

// Reasons of "the request is too large" errors start with this; the rest of ResourceExhausted
// is a rate or quota limit the client should back off from.
constexpr std::string_view kRequestReasonPrefix = "request.";

std::string_view ErrorType(const Status& status, int http_status) {
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
      return "invalid_request_error";
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kPermissionDenied:
      return "authentication_error";
    case absl::StatusCode::kNotFound:
      return "not_found";
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
      return "conflict";
    case absl::StatusCode::kResourceExhausted:
      return http_status == 413 ? "invalid_request_error" : "rate_limit_error";
    default:
      return "api_error";
  }
}

}  // namespace

int HttpStatusFor(const Status& status) {
  ACCRUE_DCHECK(!status.ok(), "HttpStatusFor: an OK status is not an error");
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
      return 400;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
      return 409;
    case absl::StatusCode::kResourceExhausted:
      return ErrorReason(status).starts_with(kRequestReasonPrefix) ? 413 : 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    default:
      return 500;
  }
}

std::string ErrorBody(const Status& status, std::string_view request_id) {
  int http_status = HttpStatusFor(status);
  bool hide = http_status == 500;
  if (hide) {
    // The only place the real cause of a 500 is recorded; the client gets the request id.
    LogLine line(spdlog::level::err, "internal error");
    line.json().Field("request_id", request_id);
    line.json().Field("code", ErrorReason(status));
    line.json().Field("message", AsStd(status.message()));
    line.json().Field("param", ErrorParam(status));
    line.Emit();
  }
  JsonWriter json;
  json.BeginObject();
  json.Key("error");
  json.BeginObject();
  json.Field("type", ErrorType(status, http_status));
  json.Field("code", hide ? std::string("internal") : ErrorReason(status));
  json.Field("message", hide ? std::string_view("internal error") : AsStd(status.message()));
  std::string param = ErrorParam(status);
  if (!hide && !param.empty()) json.Field("param", param);
  json.Field("request_id", request_id);
  json.EndObject();
  json.EndObject();
  return json.Take();
}

}  // namespace accrue::api
