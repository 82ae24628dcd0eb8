// Customer: who an invoice is addressed to. The currency, time zone and locale decide how the
// customer is billed: amounts in `currency`, billing periods at local midnight in `time_zone`,
// documents formatted for `locale`. A customer is mutable; invoices keep a snapshot of the buyer
// as it was when they were finalized.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "accrue/domain/attributes.h"
#include "accrue/domain/ids.h"
#include "accrue/money/currency.h"

namespace accrue {

struct PostalAddress {
  std::string line1;
  std::string line2;
  std::string city;
  std::string postal_code;
  std::string region;  // state, province, prefecture
  std::string country;  // ISO 3166-1 alpha-2
  bool IsEmpty() const {
    return line1.empty() && line2.empty() && city.empty() && postal_code.empty() &&
           region.empty() && country.empty();
  }
};

struct TaxIdentifier {
  std::string type;   // e.g. "eu_vat", "us_ein", "jp_cn"; validated per type by the tax issue
  std::string value;  // as given, e.g. "DE123456789"
};

struct Customer {
  CustomerId id;
  TenantId tenant_id;
  std::string name;
  std::string email;
  PostalAddress address;
  std::string country;  // ISO 3166-1 alpha-2; defaults to the address country
  // Always set by whoever builds the value; Currency has no "none", so a placeholder is needed.
  Currency currency = Currency::FromCodeOrDie("EUR");
  std::string time_zone;  // IANA name
  std::string locale;     // BCP 47, e.g. "de-DE"
  std::vector<TaxIdentifier> tax_ids;
  std::optional<int> net_terms_days;  // overrides the tenant default
  Metadata metadata;
  absl::Time created_at;
  absl::Time updated_at;
};

inline constexpr size_t kCustomerNameLengthMax = 256;
inline constexpr size_t kEmailLengthMax = 254;
inline constexpr size_t kAddressFieldLengthMax = 200;
inline constexpr size_t kTaxIdsMax = 5;
inline constexpr int kNetTermsDaysMax = 365;

// Checks every field that the type system does not: country codes, e-mail shape, locale syntax,
// limits. Time zone and currency are checked where they are parsed (they need the tz database and
// the ISO table). Errors name the field (param) as the API spells it.
Status ValidateCustomer(const Customer& customer);
bool IsPlausibleEmail(std::string_view email);
bool IsWellFormedLocale(std::string_view locale);

}  // namespace accrue
