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

Result<SellerProfile> GetSellerProfile(StoreTx& tx, const Actor& actor);

// Sets the given fields (name → value; "" clears a field), validates the whole profile and
// saves it. Names are SellerProfileFieldNames(); another is a bug of the caller.
Result<SellerProfile> UpdateSellerProfile(
    StoreTx& tx, const Services& services, const Actor& actor,
    const std::vector<std::pair<std::string_view, std::string>>& changes);

}  // namespace accrue
