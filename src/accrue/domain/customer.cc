#include "accrue/domain/customer.h"

#include "accrue/base/strings.h"
#include "accrue/domain/country.h"

namespace accrue {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

Status CheckLength(std::string_view param, std::string_view value, size_t max) {
  if (value.size() > max) {
    return InvalidArgument(param, "parameter.too_long",
                           fmt::format("{} has at most {} characters", param, max));
  }
  return OkStatus();
}

Status ValidateAddress(const PostalAddress& a) {
  RETURN_IF_ERROR(CheckLength("address.line1", a.line1, kAddressFieldLengthMax));
  RETURN_IF_ERROR(CheckLength("address.line2", a.line2, kAddressFieldLengthMax));
  RETURN_IF_ERROR(CheckLength("address.city", a.city, kAddressFieldLengthMax));
  RETURN_IF_ERROR(CheckLength("address.postal_code", a.postal_code, 32));
  RETURN_IF_ERROR(CheckLength("address.region", a.region, kAddressFieldLengthMax));
  if (!a.country.empty() && !IsIsoCountryCode(a.country)) {
    return InvalidArgument("address.country", "country.unknown",
                           fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code", a.country));
  }
  return OkStatus();
}

}  // namespace

bool IsPlausibleEmail(std::string_view email) {
  // Deliberately loose: one '@', something on each side, a dot in the domain, no spaces. Real
  // validation is delivering to it.
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) return false;
  if (email.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view domain = email.substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.')
    return false;
  for (char c : email) {
    if (static_cast<unsigned char>(c) <= 0x20) return false;
  }
  return true;
}

bool IsWellFormedLocale(std::string_view locale) {
  // BCP 47 shape: a 2–3 letter language, then optional subtags of 2–8 letters or digits.
  size_t start = 0;
  bool first = true;
  while (start <= locale.size()) {
    size_t end = locale.find_first_of("-_", start);
    if (end == std::string_view::npos) end = locale.size();
    std::string_view part = locale.substr(start, end - start);
    if (first) {
      if (part.size() < 2 || part.size() > 3) return false;
      for (char c : part) {
        if (!IsAsciiAlpha(c)) return false;
      }
    } else {
      if (part.size() < 2 || part.size() > 8) return false;
      for (char c : part) {
        if (!IsAsciiAlpha(c) && !IsAsciiDigit(c)) return false;
      }
    }
    first = false;
    if (end == locale.size()) return true;
    start = end + 1;
  }
  return false;
}

Status ValidateCustomer(const Customer& c) {
  if (c.name.empty()) return InvalidArgument("name", "parameter.empty", "name must not be empty");
  RETURN_IF_ERROR(CheckLength("name", c.name, kCustomerNameLengthMax));
  if (!c.email.empty() && (c.email.size() > kEmailLengthMax || !IsPlausibleEmail(c.email))) {
    return InvalidArgument("email", "email.invalid",
                           fmt::format("'{}' is not a valid e-mail address", c.email));
  }
  RETURN_IF_ERROR(ValidateAddress(c.address));
  if (!c.country.empty() && !IsIsoCountryCode(c.country)) {
    return InvalidArgument("country", "country.unknown",
                           fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code", c.country));
  }
  if (!c.locale.empty() && !IsWellFormedLocale(c.locale)) {
    return InvalidArgument("locale", "locale.invalid",
                           fmt::format("'{}' is not a BCP 47 locale such as 'de-DE'", c.locale));
  }
  if (c.tax_ids.size() > kTaxIdsMax) {
    return InvalidArgument("tax_ids", "parameter.too_many_items",
                           fmt::format("at most {} tax ids", kTaxIdsMax));
  }
  for (size_t i = 0; i < c.tax_ids.size(); ++i) {
    const TaxIdentifier& t = c.tax_ids[i];
    if (t.type.empty() || t.value.empty() || t.type.size() > 16 || t.value.size() > 64) {
      return InvalidArgument(fmt::format("tax_ids[{}]", i), "tax_id.invalid",
                             "a tax id has a type (up to 16 characters) and a value (up to 64)");
    }
  }
  if (c.net_terms_days.has_value() &&
      (*c.net_terms_days < 0 || *c.net_terms_days > kNetTermsDaysMax)) {
    return InvalidArgument("net_terms_days", "parameter.out_of_range",
                           fmt::format("net_terms_days is between 0 and {}", kNetTermsDaysMax));
  }
  return ValidateMetadata(c.metadata);
}

}  // namespace accrue
