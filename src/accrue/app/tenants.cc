#include "accrue/app/tenants.h"

#include "accrue/base/crypto.h"
#include "accrue/base/strings.h"
#include "accrue/domain/customer.h"
#include "accrue/domain/invoice_number.h"
#include "accrue/time/time_zone.h"

namespace accrue {

Status ValidateTenantSettings(const TenantSettings& s) {
  RETURN_IF_ERROR(InvoiceNumberFormat::Parse(s.invoice_number_format).status());
  Result<absl::TimeZone> tz = LoadTimeZone(s.time_zone);
  if (!tz.ok()) return WithParamPrefix(tz.status(), "time_zone");
  if (s.default_net_terms_days < 0 || s.default_net_terms_days > kNetTermsDaysMax) {
    return InvalidArgument("default_net_terms_days", "parameter.out_of_range",
                           fmt::format("net terms are between 0 and {} days", kNetTermsDaysMax));
  }
  return OkStatus();
}

Result<IssuedKey> IssueApiKey(StoreTx& tx, const Services& services, TenantId tenant,
                              std::string name) {
  IssuedKey issued;
  issued.secret = fmt::format("{}{}", kApiKeySecretPrefix, Base64UrlEncode(SecureRandomBytes(24)));
  issued.key.id = services.NewId<ApiKeyId>();
  issued.key.tenant_id = tenant;
  issued.key.name = std::move(name);
  issued.key.prefix = issued.secret.substr(0, 10);
  issued.key.hash = Sha256(issued.secret);
  issued.key.created_at = services.clock.Now();
  RETURN_IF_ERROR(tx.tenants().InsertApiKey(issued.key));
  return issued;
}

Result<CreatedTenant> CreateTenant(const Services& services, std::string name,
                                   const TenantSettings& settings) {
  if (name.empty() || name.size() > 200) {
    return InvalidArgument("name", "parameter.invalid", "a tenant name has 1 to 200 characters");
  }
  RETURN_IF_ERROR(ValidateTenantSettings(settings));
  CreatedTenant created;
  created.tenant = Tenant{services.NewId<TenantId>(), std::move(name), settings,
                          services.clock.Now()};
  RETURN_IF_ERROR(services.store.Write([&](StoreTx& tx) -> Status {
    RETURN_IF_ERROR(tx.tenants().Insert(created.tenant));
    ASSIGN_OR_RETURN(created.admin_key, IssueApiKey(tx, services, created.tenant.id, "admin"));
    return OkStatus();
  }));
  return created;
}

Result<Tenant> GetTenant(StoreTx& tx, TenantId tenant) {
  ASSIGN_OR_RETURN(std::optional<Tenant> found, tx.tenants().Find(tenant));
  if (!found.has_value()) return NotFound("tenant.not_found", "no such tenant");
  return *std::move(found);
}

Result<Principal> Authenticate(StoreTx& tx, std::string_view secret) {
  if (secret.size() < kApiKeySecretPrefix.size() + 8 ||
      secret.substr(0, kApiKeySecretPrefix.size()) != kApiKeySecretPrefix) {
    return Unauthenticated("auth.invalid_key", "invalid API key");
  }
  ASSIGN_OR_RETURN(std::optional<ApiKey> key, tx.tenants().FindApiKeyByHash(Sha256(secret)));
  if (!key.has_value() || key->revoked_at.has_value()) {
    return Unauthenticated("auth.invalid_key", "invalid API key");
  }
  return Principal{key->tenant_id, key->id};
}

}  // namespace accrue
