#include "accrue/app/idempotency.h"

#include "accrue/base/strings.h"

namespace accrue {

Status ValidateIdempotencyKey(std::string_view key) {
  if (key.size() > kIdempotencyKeyLengthMax) {
    return InvalidArgument("Idempotency-Key", "idempotency.key_too_long",
                           fmt::format("Idempotency-Key has at most {} characters",
                                       kIdempotencyKeyLengthMax));
  }
  for (char c : key) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) {
      return InvalidArgument("Idempotency-Key", "idempotency.key_invalid",
                             "Idempotency-Key must be printable ASCII");
    }
  }
  return OkStatus();
}

namespace {

// The stored response for `key`, a conflict if it was used for another request, or nothing.
Result<std::optional<StoredResponse>> Replay(StoreTx& tx, TenantId tenant, std::string_view key,
                                             std::string_view fingerprint) {
  ASSIGN_OR_RETURN(std::optional<IdempotencyRecord> seen, tx.idempotency().Find(tenant, key));
  if (!seen.has_value()) return std::optional<StoredResponse>();
  if (seen->fingerprint != fingerprint) {
    return Conflict("idempotency.key_reused",
                    "this Idempotency-Key was used with a different request", "Idempotency-Key");
  }
  return std::optional<StoredResponse>(
      StoredResponse{seen->response_status, seen->response_body, true});
}

}  // namespace

Result<StoredResponse> RunIdempotent(
    const Services& services, TenantId tenant, std::string_view key, std::string_view fingerprint,
    const std::function<Result<StoredResponse>(StoreTx&)>& effect) {
  RETURN_IF_ERROR(ValidateIdempotencyKey(key));
  StoredResponse response;
  RETURN_IF_ERROR(services.store.Write([&](StoreTx& tx) -> Status {
    if (!key.empty()) {
      ASSIGN_OR_RETURN(std::optional<StoredResponse> replay, Replay(tx, tenant, key, fingerprint));
      if (replay.has_value()) {
        response = *std::move(replay);
        return OkStatus();
      }
    }
    ASSIGN_OR_RETURN(response, effect(tx));
    if (key.empty()) return OkStatus();
    return tx.idempotency().Insert(IdempotencyRecord{tenant, std::string(key),
                                                     std::string(fingerprint), response.status,
                                                     response.body, services.clock.Now()});
  }));
  return response;
}

}  // namespace accrue

namespace accrue {

Result<StoredResponse> RunIdempotentLongRunning(
    const Services& services, TenantId tenant, std::string_view key, std::string_view fingerprint,
    const std::function<Result<StoredResponse>()>& effect) {
  RETURN_IF_ERROR(ValidateIdempotencyKey(key));
  if (key.empty()) return effect();
  std::optional<StoredResponse> replay;
  RETURN_IF_ERROR(services.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(replay, Replay(tx, tenant, key, fingerprint));
    return OkStatus();
  }));
  if (replay.has_value()) return *std::move(replay);
  ASSIGN_OR_RETURN(StoredResponse response, effect());
  RETURN_IF_ERROR(services.store.Write([&](StoreTx& tx) -> Status {
    // A concurrent request with the same key may have finished first: answer with its response.
    ASSIGN_OR_RETURN(replay, Replay(tx, tenant, key, fingerprint));
    if (replay.has_value()) {
      response = *std::move(replay);
      return OkStatus();
    }
    return tx.idempotency().Insert(IdempotencyRecord{tenant, std::string(key),
                                                     std::string(fingerprint), response.status,
                                                     response.body, services.clock.Now()});
  }));
  return response;
}

Result<int64_t> PruneIdempotencyKeys(const Services& services) {
  const absl::Time before = services.clock.Now() - kIdempotencyRetention;
  int64_t deleted = 0;
  RETURN_IF_ERROR(services.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(deleted, tx.idempotency().DeleteOlderThan(before));
    return OkStatus();
  }));
  return deleted;
}

}  // namespace accrue
