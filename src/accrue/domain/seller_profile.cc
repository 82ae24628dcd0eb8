#include "accrue/domain/seller_profile.h"

#include "absl/strings/ascii.h"
#include "accrue/base/check.h"
#include "accrue/base/strings.h"
#include "accrue/domain/banking/iban.h"
#include "accrue/domain/country.h"
#include "accrue/domain/tax/vat_id.h"

namespace accrue {
namespace {

bool AllAlnum(std::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// One text field: its API name, how long it may be (0: its own rule decides, e.g. an IBAN's
// check), and where it lives.
struct FieldAccess {
  std::string_view name;
  size_t length_max;
  std::string& (*get)(SellerProfile&);
};

#define ACCRUE_SELLER_FIELD(name, length_max, member)                           \
  FieldAccess {                                                                 \
    name, length_max, [](SellerProfile& p) -> std::string& { return p.member; } \
  }

const std::vector<FieldAccess>& Fields() {
  constexpr size_t kText = kSellerTextLengthMax;
  static const std::vector<FieldAccess>* fields = new std::vector<FieldAccess>{
      ACCRUE_SELLER_FIELD("legal_name", kText, legal_name),
      ACCRUE_SELLER_FIELD("trading_name", kText, trading_name),
      ACCRUE_SELLER_FIELD("address.line1", kText, address.line1),
      ACCRUE_SELLER_FIELD("address.line2", kText, address.line2),
      ACCRUE_SELLER_FIELD("address.city", kText, address.city),
      ACCRUE_SELLER_FIELD("address.postal_code", kText, address.postal_code),
      ACCRUE_SELLER_FIELD("address.region", kText, address.region),
      ACCRUE_SELLER_FIELD("address.country", 0, address.country),
      ACCRUE_SELLER_FIELD("vat_id", 0, vat_id),
      ACCRUE_SELLER_FIELD("tax_registration_id", kText, tax_registration_id),
      ACCRUE_SELLER_FIELD("legal_registration_id", kText, legal_registration_id),
      ACCRUE_SELLER_FIELD("email", kText, email),
      ACCRUE_SELLER_FIELD("phone", kText, phone),
      ACCRUE_SELLER_FIELD("electronic_address", kText, electronic_address),
      ACCRUE_SELLER_FIELD("electronic_address_scheme", 0, electronic_address_scheme),
      ACCRUE_SELLER_FIELD("iban", 0, iban),
      ACCRUE_SELLER_FIELD("bic", 0, bic),
      ACCRUE_SELLER_FIELD("account_name", kText, account_name),
      ACCRUE_SELLER_FIELD("payment_terms", kText, payment_terms),
      ACCRUE_SELLER_FIELD("pdf_locale", 0, pdf_locale),
      ACCRUE_SELLER_FIELD("accent_colour", 0, accent_colour),
      ACCRUE_SELLER_FIELD("footer", kSellerFooterLengthMax, footer),
  };
  return *fields;
}

#undef ACCRUE_SELLER_FIELD

Status TooLong(std::string_view field, size_t max) {
  return InvalidArgument(field, "parameter.too_long",
                         fmt::format("{} is longer than {} characters", field, max));
}

}  // namespace

const std::vector<std::string_view>& SellerProfileFieldNames() {
  static const std::vector<std::string_view>* names = [] {
    auto* out = new std::vector<std::string_view>();
    for (const FieldAccess& f : Fields()) out->push_back(f.name);
    return out;
  }();
  return *names;
}

std::string& SellerProfileField(SellerProfile& profile, std::string_view name) {
  for (const FieldAccess& f : Fields()) {
    if (f.name == name) return f.get(profile);
  }
  ACCRUE_CHECK(false, "unknown seller profile field");
  __builtin_unreachable();
}

const std::string& SellerProfileField(const SellerProfile& profile, std::string_view name) {
  // The accessors only hand out references; nothing is written through this one.
  return SellerProfileField(const_cast<SellerProfile&>(profile), name);
}

Status NormalizeSellerProfile(SellerProfile& p) {
  for (const FieldAccess& f : Fields()) {
    if (f.length_max > 0 && f.get(p).size() > f.length_max) return TooLong(f.name, f.length_max);
  }
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
    p.iban = banking::ElectronicForm(p.iban);
    if (!banking::IsValidIban(p.iban)) {
      return InvalidArgument("iban", "iban.invalid",
                             "not a valid IBAN (shape or ISO 7064 check digits)");
    }
  }
  if (!p.bic.empty()) {
    p.bic = banking::ElectronicForm(p.bic);
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
