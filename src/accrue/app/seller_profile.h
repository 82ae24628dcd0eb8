// Use cases for the tenant's seller profile (domain/seller_profile.h): read it (a tenant that
// never set one gets the defaults with its own name) and update some of its fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accrue/app/services.h"
#include "accrue/domain/seller_profile.h"

namespace accrue {

// Every field of the profile by its API name ("legal_name", "address.city", "iban", ...), in
// the order the API renders them.
const std::vector<std::string_view>& SellerProfileFieldNames();
// The field named `name` of `profile` (one of SellerProfileFieldNames()).
std::string& SellerProfileField(SellerProfile& profile, std::string_view name);
const std::string& SellerProfileField(const SellerProfile& profile, std::string_view name);

Result<SellerProfile> GetSellerProfile(StoreTx& tx, const Actor& actor);

// Sets the given fields (name → value; "" clears a field), validates the whole profile and
// saves it. Unknown names are a bug of the caller (the API only passes known ones).
Result<SellerProfile> UpdateSellerProfile(
    StoreTx& tx, const Services& services, const Actor& actor,
    const std::vector<std::pair<std::string_view, std::string>>& changes);

}  // namespace accrue
