#include "accrue/app/seller_profile.h"

#include "accrue/app/tenants.h"
#include "accrue/base/check.h"

namespace accrue {
namespace {

struct FieldAccess {
  std::string_view name;
  std::string& (*get)(SellerProfile&);
};

#define ACCRUE_SELLER_FIELD(name, expr)                           \
  FieldAccess {                                                   \
    name, [](SellerProfile& p) -> std::string& { return p.expr; } \
  }

const std::vector<FieldAccess>& Fields() {
  static const std::vector<FieldAccess>* fields = new std::vector<FieldAccess>{
      ACCRUE_SELLER_FIELD("legal_name", legal_name),
      ACCRUE_SELLER_FIELD("trading_name", trading_name),
      ACCRUE_SELLER_FIELD("address.line1", address.line1),
      ACCRUE_SELLER_FIELD("address.line2", address.line2),
      ACCRUE_SELLER_FIELD("address.city", address.city),
      ACCRUE_SELLER_FIELD("address.postal_code", address.postal_code),
      ACCRUE_SELLER_FIELD("address.region", address.region),
      ACCRUE_SELLER_FIELD("address.country", address.country),
      ACCRUE_SELLER_FIELD("vat_id", vat_id),
      ACCRUE_SELLER_FIELD("tax_registration_id", tax_registration_id),
      ACCRUE_SELLER_FIELD("legal_registration_id", legal_registration_id),
      ACCRUE_SELLER_FIELD("email", email),
      ACCRUE_SELLER_FIELD("phone", phone),
      ACCRUE_SELLER_FIELD("electronic_address", electronic_address),
      ACCRUE_SELLER_FIELD("electronic_address_scheme", electronic_address_scheme),
      ACCRUE_SELLER_FIELD("iban", iban),
      ACCRUE_SELLER_FIELD("bic", bic),
      ACCRUE_SELLER_FIELD("account_name", account_name),
      ACCRUE_SELLER_FIELD("payment_terms", payment_terms),
      ACCRUE_SELLER_FIELD("pdf_locale", pdf_locale),
      ACCRUE_SELLER_FIELD("accent_colour", accent_colour),
      ACCRUE_SELLER_FIELD("footer", footer),
  };
  return *fields;
}

#undef ACCRUE_SELLER_FIELD

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

Result<SellerProfile> GetSellerProfile(StoreTx& tx, const Actor& actor) {
  ASSIGN_OR_RETURN(std::optional<SellerProfile> found,
                   tx.tenants().FindSellerProfile(actor.tenant));
  if (found.has_value()) return *std::move(found);
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, actor.tenant));
  SellerProfile defaults;
  defaults.legal_name = tenant.name;
  return defaults;
}

Result<SellerProfile> UpdateSellerProfile(
    StoreTx& tx, const Services& services, const Actor& actor,
    const std::vector<std::pair<std::string_view, std::string>>& changes) {
  ASSIGN_OR_RETURN(SellerProfile profile, GetSellerProfile(tx, actor));
  for (const auto& [name, value] : changes) SellerProfileField(profile, name) = value;
  if (profile.pdf_locale.empty()) profile.pdf_locale = SellerProfile().pdf_locale;
  if (profile.accent_colour.empty()) profile.accent_colour = SellerProfile().accent_colour;
  RETURN_IF_ERROR(NormalizeSellerProfile(profile));
  RETURN_IF_ERROR(tx.tenants().SaveSellerProfile(actor.tenant, profile, services.clock.Now()));
  return profile;
}

}  // namespace accrue
