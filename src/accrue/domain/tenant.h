// A tenant is one selling company using Accrue: every other row belongs to exactly one tenant,
// and every query is scoped by it. API keys authenticate as a tenant.
#pragma once

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "accrue/domain/ids.h"
#include "accrue/money/currency.h"

namespace accrue {

enum class NumberReset { kNever, kYearly };

struct TenantSettings {
  // The invoice number series format; see invoice_number.h for the tokens.
  std::string invoice_number_format = "INV-{YYYY}-{SEQ:6}";
  NumberReset invoice_number_reset = NumberReset::kYearly;
  // The zone that decides the year of an invoice number and the tenant's reporting dates.
  std::string time_zone = "UTC";
  int default_net_terms_days = 30;
  // The currency the books are reported in (docs/ledger.md, "Currencies"). Journal lines keep
  // their own currency; reports translate into this one. Changing it later changes reports only.
  Currency reporting_currency = Currency::FromCodeOrDie("EUR");
};

struct Tenant {
  TenantId id;
  std::string name;
  TenantSettings settings;
  absl::Time created_at;
};

// An API key as stored: the secret itself is never stored, only its SHA-256 hash.
struct ApiKey {
  ApiKeyId id;
  TenantId tenant_id;
  std::string name;
  std::string prefix;     // the first characters of the secret, to recognise a key in lists
  std::string hash;       // 32 raw bytes of SHA-256(secret)
  absl::Time created_at;
  std::optional<absl::Time> revoked_at;
};

}  // namespace accrue
