// Use cases for tenants and API keys: creating a tenant with its first admin key, issuing keys,
// and authenticating a bearer secret. Secrets are shown once and stored only as SHA-256 hashes
// (the secrets are 192 random bits, so a fast hash is enough; no password stretching needed).
#pragma once

#include <string>

#include "accrue/app/services.h"

namespace accrue {

inline constexpr std::string_view kApiKeySecretPrefix = "ak_";

struct IssuedKey {
  ApiKey key;
  std::string secret;  // shown once, never stored
};

struct CreatedTenant {
  Tenant tenant;
  IssuedKey admin_key;
};

Status ValidateTenantSettings(const TenantSettings& settings);
Result<CreatedTenant> CreateTenant(const Services& services, std::string name,
                                   const TenantSettings& settings);
Result<IssuedKey> IssueApiKey(StoreTx& tx, const Services& services, TenantId tenant,
                              std::string name);
Result<Tenant> GetTenant(StoreTx& tx, TenantId tenant);

struct Principal {
  TenantId tenant;
  ApiKeyId key;
};
// Unauthenticated (reason "auth.invalid_key") for an unknown or revoked secret.
Result<Principal> Authenticate(StoreTx& tx, std::string_view secret);

}  // namespace accrue
