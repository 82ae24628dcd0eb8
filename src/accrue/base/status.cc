#include "accrue/base/status.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "accrue/base/strings.h"

namespace accrue {
namespace {

// Payload type URLs; private to this file so the encoding can change without touching callers.
constexpr std::string_view kReasonUrl = "accrue/reason";
constexpr std::string_view kParamUrl = "accrue/param";

std::string DefaultReason(absl::StatusCode code) {
  std::string name = absl::StatusCodeToString(code);
  return absl::AsciiStrToLower(name);
}

}  // namespace

Status MakeError(absl::StatusCode code, std::string_view reason, std::string_view message,
                 std::string_view param) {
  Status status(code, AsAbsl(message));
  if (!reason.empty()) status.SetPayload(AsAbsl(kReasonUrl), absl::Cord(AsAbsl(reason)));
  if (!param.empty()) status.SetPayload(AsAbsl(kParamUrl), absl::Cord(AsAbsl(param)));
  return status;
}

std::string ErrorReason(const Status& status) {
  if (status.ok()) return "";
  auto reason = status.GetPayload(AsAbsl(kReasonUrl));
  if (reason.has_value()) return std::string(*reason);
  return DefaultReason(status.code());
}

std::string ErrorParam(const Status& status) {
  auto param = status.GetPayload(AsAbsl(kParamUrl));
  return param.has_value() ? std::string(*param) : std::string();
}

Status WithParamPrefix(const Status& status, std::string_view prefix) {
  if (status.ok()) return status;
  Status out = status;
  std::string param = ErrorParam(status);
  out.SetPayload(AsAbsl(kParamUrl),
                 absl::Cord(param.empty() ? std::string(prefix) : fmt::format("{}.{}", prefix, param)));
  return out;
}

}  // namespace accrue
