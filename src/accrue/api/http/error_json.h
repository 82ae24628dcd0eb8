// The one translation from Status to an HTTP error response.
//
// Every failing request, whichever layer produced the Status, leaves through these two functions,
// so clients see one error shape and one status-code mapping:
//
//   {"error":{"type":"invalid_request_error","code":"parameter.missing",
//             "message":"missing required parameter 'currency'","param":"currency",
//             "request_id":"req_0123456789abcdef"}}
//
// `type` is a coarse family a client can switch on (invalid_request_error, authentication_error,
// not_found, conflict, rate_limit_error, api_error); `code` is the stable machine reason
// (ErrorReason); `param` appears only when the error concerns one input field. Errors that map to
// HTTP 500 never show their message or reason to the client (they may name tables, file paths or
// internal ids): the body says "internal error" with code "internal", and the real status is
// logged at error level with the request id, so support can find it from what the client quotes.
//
// Thread-safe: pure functions (ErrorBody logs through spdlog, which is thread-safe).
#pragma once

#include <string>
#include <string_view>

#include "accrue/base/status.h"

namespace accrue::api {

// InvalidArgument 400, Unauthenticated 401, PermissionDenied 403, NotFound 404,
// FailedPrecondition and AlreadyExists 409, ResourceExhausted 413 when the reason starts with
// "request." (the request itself is too big) else 429, Unimplemented 501, Unavailable 503,
// DeadlineExceeded 504, everything else 500. Must not be called with an OK status.
int HttpStatusFor(const Status& status);

// The JSON error body for `status` (not OK), as described above.
std::string ErrorBody(const Status& status, std::string_view request_id);

}  // namespace accrue::api
