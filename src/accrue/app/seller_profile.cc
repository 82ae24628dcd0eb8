#include "accrue/app/seller_profile.h"

#include "accrue/app/tenants.h"

namespace accrue {

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
