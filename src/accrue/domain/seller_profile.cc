#include "accrue/domain/seller_profile.h"

#include "absl/strings/ascii.h"
#include "accrue/base/strings.h"
#include "accrue/domain/banking/creditor_reference.h"
#include "accrue/domain/country.h"
#include "accrue/domain/tax/vat_id.h"

namespace accrue {
namespace {

std::string Compact(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ') out += absl::ascii_toupper(static_cast<unsigned char>(c));
  }
  return out;
}

bool AllAlnum(std::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

Status TooLong(std::string_view field, size_t max) {
  return InvalidArgument(field, "parameter.too_long",
                         fmt::format("{} is longer than {} characters", field, max));
}

}  // namespace

bool IsValidIban(std::string_view text) {
  const std::string iban = Compact(text);
  if (iban.size() < 15 || iban.size() > 34 || !AllAlnum(iban)) return false;
  if (!absl::ascii_isalpha(static_cast<unsigned char>(iban[0])) ||
      !absl::ascii_isalpha(static_cast<unsigned char>(iban[1])) ||
      !absl::ascii_isdigit(static_cast<unsigned char>(iban[2])) ||
      !absl::ascii_isdigit(static_cast<unsigned char>(iban[3]))) {
    return false;
  }
  return banking::Mod97(iban.substr(4) + iban.substr(0, 4)) == 1;
}

Status NormalizeSellerProfile(SellerProfile& p) {
  for (auto [field, value] : std::initializer_list<std::pair<std::string_view, std::string*>>{
           {"legal_name", &p.legal_name},
           {"trading_name", &p.trading_name},
           {"address.line1", &p.address.line1},
           {"address.line2", &p.address.line2},
           {"address.city", &p.address.city},
           {"address.postal_code", &p.address.postal_code},
           {"address.region", &p.address.region},
           {"tax_registration_id", &p.tax_registration_id},
           {"legal_registration_id", &p.legal_registration_id},
           {"email", &p.email},
           {"phone", &p.phone},
           {"electronic_address", &p.electronic_address},
           {"account_name", &p.account_name},
           {"payment_terms", &p.payment_terms}}) {
    if (value->size() > kSellerTextLengthMax) return TooLong(field, kSellerTextLengthMax);
  }
  if (p.footer.size() > kSellerFooterLengthMax) return TooLong("footer", kSellerFooterLengthMax);
  if (!p.address.country.empty()) {
    p.address.country = absl::AsciiStrToUpper(p.address.country);
    if (!IsIsoCountryCode(p.address.country)) {
      return InvalidArgument("address.country", "country.invalid",
                             fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code",
                                         p.address.country.substr(0, 8)));
    }
  }
  if (!p.vat_id.empty()) {
    Result<tax::VatId> vat = tax::ParseVatId(p.vat_id);
    if (!vat.ok()) return WithParamPrefix(vat.status(), "vat_id");
    p.vat_id = vat->ToString();
  }
  if (!p.iban.empty()) {
    if (!IsValidIban(p.iban)) {
      return InvalidArgument("iban", "iban.invalid",
                             "not a valid IBAN (shape or ISO 7064 check digits)");
    }
    p.iban = Compact(p.iban);
  }
  if (!p.bic.empty()) {
    p.bic = Compact(p.bic);
    if ((p.bic.size() != 8 && p.bic.size() != 11) || !AllAlnum(p.bic)) {
      return InvalidArgument("bic", "bic.invalid", "a BIC has 8 or 11 letters and digits");
    }
  }
  if (!p.email.empty() &&
      (p.email.find('@') == std::string::npos || p.email.front() == '@' || p.email.back() == '@')) {
    return InvalidArgument("email", "email.invalid", "not an email address");
  }
  if (!p.electronic_address_scheme.empty()) {
    const std::string& s = p.electronic_address_scheme;
    const bool digits = s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) {
                          return absl::ascii_isdigit(static_cast<unsigned char>(c));
                        });
    if (!digits && s != "EM" && s != "AN" && s != "AQ" && s != "AS" && s != "AU") {
      return InvalidArgument("electronic_address_scheme", "electronic_address_scheme.invalid",
                             "an EAS code: four digits (\"0088\", \"9930\") or EM, AN, AQ, AS, AU");
    }
    if (p.electronic_address.empty()) {
      return InvalidArgument("electronic_address", "parameter.missing",
                             "electronic_address is required with its scheme");
    }
  }
  const std::string& colour = p.accent_colour;
  if (colour.size() != 7 || colour[0] != '#' ||
      !std::all_of(colour.begin() + 1, colour.end(),
                   [](char c) { return absl::ascii_isxdigit(static_cast<unsigned char>(c)); })) {
    return InvalidArgument("accent_colour", "accent_colour.invalid",
                           "a colour as #RRGGBB, e.g. #1F4E79");
  }
  // A BCP 47 language with an optional region: "en", "de-DE", "ja-JP".
  const std::string& locale = p.pdf_locale;
  const bool language =
      locale.size() >= 2 && std::all_of(locale.begin(), locale.begin() + 2, [](char c) {
        return absl::ascii_islower(static_cast<unsigned char>(c));
      });
  const bool shape =
      locale.size() == 2 || (locale.size() == 5 && locale[2] == '-' &&
                             absl::ascii_isupper(static_cast<unsigned char>(locale[3])) &&
                             absl::ascii_isupper(static_cast<unsigned char>(locale[4])));
  if (!language || !shape) {
    return InvalidArgument("pdf_locale", "pdf_locale.invalid",
                           "a locale as language[-REGION], e.g. en-GB, de-DE, ja-JP");
  }
  return OkStatus();
}

}  // namespace accrue
