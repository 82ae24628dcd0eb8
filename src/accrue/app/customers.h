// Use cases for customers. Each runs inside the caller's transaction (so the API can bind it to
// an idempotency record); none commits by itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accrue/app/services.h"

namespace accrue {

// What a caller may set. Absent fields keep their value on update and take defaults on create:
// time_zone → the tenant's, locale → "en-US", country → the address country.
struct CustomerFields {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<PostalAddress> address;
  std::optional<std::string> country;
  std::optional<std::string> currency;
  std::optional<std::string> time_zone;
  std::optional<std::string> locale;
  std::optional<std::vector<TaxIdentifier>> tax_ids;
  std::optional<int> net_terms_days;
  std::optional<Metadata> metadata;
};

Result<Customer> CreateCustomer(StoreTx& tx, const Services& services, const Actor& actor,
                                const CustomerFields& fields);
// The currency cannot change once set: invoices and subscriptions are denominated in it.
Result<Customer> UpdateCustomer(StoreTx& tx, const Services& services, const Actor& actor,
                                CustomerId id, const CustomerFields& fields);
// NotFound (reason "customer.not_found", param `param`) when absent or another tenant's.
Result<Customer> GetCustomer(StoreTx& tx, const Actor& actor, CustomerId id,
                             std::string_view param = "id");
Result<Page<Customer>> ListCustomers(StoreTx& tx, const Actor& actor, const PageRequest& page);

}  // namespace accrue
