// Idempotent execution of a write request.
//
// The first request with a given Idempotency-Key runs; its response (status and body) is stored
// in the SAME transaction as its effect, so a crash can never leave an effect without its record
// or a record without its effect. A retry with the same key and the same request (method, path and
// body, hashed into a fingerprint) gets the stored response back; the same key with a different
// request is refused (AlreadyExists, reason "idempotency.key_reused", HTTP 409). Failed requests
// (any error Status) store nothing, so the caller may fix the request and retry with the same key.
// Keys are per tenant and kept for kIdempotencyRetention.
#pragma once

#include <functional>
#include <string>

#include "accrue/app/services.h"

namespace accrue {

inline constexpr absl::Duration kIdempotencyRetention = absl::Hours(24);
inline constexpr size_t kIdempotencyKeyLengthMax = 255;

struct StoredResponse {
  int status = 200;
  std::string body;
  bool replayed = false;
};

Status ValidateIdempotencyKey(std::string_view key);

// Runs `effect` in a write transaction under `key` (see above). An empty key runs it plainly.
Result<StoredResponse> RunIdempotent(const Services& services, TenantId tenant,
                                     std::string_view key, std::string_view fingerprint,
                                     const std::function<Result<StoredResponse>(StoreTx&)>& effect);

// For effects too long for one transaction (a billing run): the stored response is checked
// before and recorded after `effect`, which must therefore be idempotent by itself (a billing run
// is: it invoices each period once however often it runs). A crash between the two re-runs the
// effect on retry, which then creates nothing new.
Result<StoredResponse> RunIdempotentLongRunning(const Services& services, TenantId tenant,
                                                std::string_view key, std::string_view fingerprint,
                                                const std::function<Result<StoredResponse>()>& effect);

// Forgets the responses stored more than kIdempotencyRetention ago (all tenants); returns how
// many. `accrue serve` runs it periodically (cli/housekeeping.h).
Result<int64_t> PruneIdempotencyKeys(const Services& services);

}  // namespace accrue
