#include "accrue/api/v1/handler_util.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "accrue/app/tenants.h"
#include "accrue/base/crypto.h"
#include "accrue/base/strings.h"

namespace accrue::api {

Result<Actor> AuthenticateRequest(const Services& services, const HttpRequest& req) {
  std::string_view header = req.authorization;
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() ||
      !absl::EqualsIgnoreCase(AsAbsl(header.substr(0, kBearer.size())), AsAbsl(kBearer))) {
    return Unauthenticated("auth.missing_key",
                           "send your API key as 'Authorization: Bearer <key>'");
  }
  std::string_view secret = header.substr(kBearer.size());
  Principal principal;
  RETURN_IF_ERROR(services.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(principal, Authenticate(tx, secret));
    return OkStatus();
  }));
  return Actor{principal.tenant, fmt::format("api_key:{}", principal.key.ToString())};
}

HttpResponse Authed(const Services& services, const HttpRequest& req,
                    const std::function<Result<HttpResponse>(const Actor&)>& fn) {
  Result<Actor> actor = AuthenticateRequest(services, req);
  if (!actor.ok()) return ErrorResponse(actor.status(), req.request_id);
  Result<HttpResponse> response = fn(*actor);
  if (!response.ok()) {
    HttpResponse r = ErrorResponse(response.status(), req.request_id);
    r.log_tenant = actor->tenant.ToString();
    return r;
  }
  response->log_tenant = actor->tenant.ToString();
  return *std::move(response);
}

HttpResponse Get(const Services& services, const HttpRequest& req,
                 const std::function<Result<std::string>(StoreTx&, const Actor&)>& fn) {
  return Authed(services, req, [&](const Actor& actor) -> Result<HttpResponse> {
    std::string body;
    RETURN_IF_ERROR(services.store.Read([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(body, fn(tx, actor));
      return OkStatus();
    }));
    return JsonResponse(200, std::move(body));
  });
}

std::string Fingerprint(const HttpRequest& req) {
  if (req.idempotency_key.empty()) return "";
  return Sha256(fmt::format("{}\n{}\n{}", req.method, req.path, req.body));
}

HttpResponse FromStored(const StoredResponse& stored) {
  HttpResponse r = JsonResponse(stored.status, stored.body);
  if (stored.replayed) r.headers.emplace_back("Idempotent-Replayed", "true");
  return r;
}

Result<PageRequest> ParsePage(const HttpRequest& req) {
  PageRequest page;
  if (std::optional<std::string> limit = req.Query("limit")) {
    int value = 0;
    if (!absl::SimpleAtoi(AsAbsl(*limit), &value) || value < 1 || value > kPageLimitMax) {
      return InvalidArgument("limit", "parameter.out_of_range",
                             fmt::format("limit is a whole number from 1 to {}", kPageLimitMax));
    }
    page.limit = value;
  }
  if (std::optional<std::string> after = req.Query("starting_after")) {
    Result<Uuid> id = Uuid::Parse(*after);
    if (!id.ok()) return WithParamPrefix(id.status(), "starting_after");
    page.starting_after = *id;
  }
  return page;
}

Result<JsonDocument> ParseBody(const HttpRequest& req) {
  return JsonDocument::Parse(req.body.empty() ? std::string_view("{}") : req.body,
                             kResourceJsonLimits);
}

}  // namespace accrue::api
