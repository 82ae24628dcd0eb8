// Error values for Accrue.
//
// Expected failures travel as absl::Status / absl::StatusOr<T>: bad input, not found, wrong
// state, conflict, busy. A few canonical codes decide the HTTP status and whether a caller may
// retry; each error also carries a stable machine `reason` (e.g. "invoice.not_draft") and, for
// input errors, the `param` it is about (e.g. "currency", "address.country"). Both are part of
// the public API and of the JSON error object, so never rename a reason once shipped.
//
// Code          -> meaning                                   -> HTTP
// kInvalidArgument   malformed or invalid input                 400
// kUnauthenticated   missing or unknown API key                 401
// kPermissionDenied  key may not do this                        403
// kNotFound          no such resource (for this tenant)         404
// kFailedPrecondition resource is in the wrong state           409
// kAlreadyExists     conflicting duplicate (idempotency, code)  409
// kResourceExhausted a named limit was exceeded                 413/429
// kUnavailable       transient (database busy); retry           503
// kInternal / kDataLoss  a bug or corruption                    500
//
// Thread-safe: everything here is a value type or a pure function.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace accrue {

using Status = absl::Status;
template <typename T>
using Result = absl::StatusOr<T>;

inline Status OkStatus() { return absl::OkStatus(); }

// Builds an error with a machine reason and, optionally, the input field it concerns.
Status MakeError(absl::StatusCode code, std::string_view reason, std::string_view message,
                 std::string_view param = {});

inline Status InvalidArgument(std::string_view param, std::string_view reason,
                              std::string_view message) {
  return MakeError(absl::StatusCode::kInvalidArgument, reason, message, param);
}
inline Status NotFound(std::string_view reason, std::string_view message,
                       std::string_view param = {}) {
  return MakeError(absl::StatusCode::kNotFound, reason, message, param);
}
inline Status WrongState(std::string_view reason, std::string_view message) {
  return MakeError(absl::StatusCode::kFailedPrecondition, reason, message);
}
inline Status Conflict(std::string_view reason, std::string_view message,
                       std::string_view param = {}) {
  return MakeError(absl::StatusCode::kAlreadyExists, reason, message, param);
}
inline Status LimitExceeded(std::string_view reason, std::string_view message,
                            std::string_view param = {}) {
  return MakeError(absl::StatusCode::kResourceExhausted, reason, message, param);
}
inline Status Unavailable(std::string_view reason, std::string_view message) {
  return MakeError(absl::StatusCode::kUnavailable, reason, message);
}
inline Status InternalError(std::string_view reason, std::string_view message) {
  return MakeError(absl::StatusCode::kInternal, reason, message);
}
inline Status Unauthenticated(std::string_view reason, std::string_view message) {
  return MakeError(absl::StatusCode::kUnauthenticated, reason, message);
}

// The machine reason of an error ("" for OK; a generic one derived from the code when none was
// attached, e.g. "internal").
std::string ErrorReason(const Status& status);
// The input field an error is about, or "" when it concerns no single field.
std::string ErrorParam(const Status& status);
// Returns `status` with `prefix.` prepended to its param ("" param becomes `prefix`). Used when a
// nested object is validated, so "country" becomes "address.country".
Status WithParamPrefix(const Status& status, std::string_view prefix);

}  // namespace accrue

#define ACCRUE_STATUS_CONCAT_INNER_(a, b) a##b
#define ACCRUE_STATUS_CONCAT_(a, b) ACCRUE_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` (a Status) is not OK.
#define RETURN_IF_ERROR(expr) \
  RETURN_IF_ERROR_IMPL_(ACCRUE_STATUS_CONCAT_(_accrue_status_, __COUNTER__), expr)
#define RETURN_IF_ERROR_IMPL_(status, expr) \
  do {                                      \
    ::absl::Status status = (expr);         \
    if (!status.ok()) return status;        \
  } while (false)

// ASSIGN_OR_RETURN(auto x, MakeX()); declares or assigns `lhs` from a Result<T>, or returns its
// error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(ACCRUE_STATUS_CONCAT_(_accrue_result_, __COUNTER__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                           \
  if (!result.ok()) return std::move(result).status(); \
  lhs = std::move(result).value()
