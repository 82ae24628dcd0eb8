#include "accrue/app/customers.h"

#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"
#include "accrue/money/currency.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

Status ApplyFields(Customer& c, const CustomerFields& f) {
  if (f.name) c.name = *f.name;
  if (f.email) c.email = *f.email;
  if (f.address) c.address = *f.address;
  if (f.country) c.country = *f.country;
  if (f.time_zone) {
    Result<absl::TimeZone> tz = LoadTimeZone(*f.time_zone);
    if (!tz.ok()) return WithParamPrefix(tz.status(), "time_zone");
    c.time_zone = *f.time_zone;
  }
  if (f.locale) c.locale = *f.locale;
  if (f.tax_ids) c.tax_ids = *f.tax_ids;
  if (f.net_terms_days) c.net_terms_days = *f.net_terms_days;
  if (f.metadata) c.metadata = *f.metadata;
  if (c.country.empty()) c.country = c.address.country;
  return ValidateCustomer(c);
}

}  // namespace

Result<Customer> CreateCustomer(StoreTx& tx, const Services& services, const Actor& actor,
                                const CustomerFields& fields) {
  if (!fields.name.has_value()) {
    return InvalidArgument("name", "parameter.missing", "name is required");
  }
  if (!fields.currency.has_value()) {
    return InvalidArgument("currency", "parameter.missing", "currency is required");
  }
  Result<Currency> currency = Currency::Find(*fields.currency);
  if (!currency.ok()) return WithParamPrefix(currency.status(), "currency");
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, actor.tenant));

  Customer c;
  c.id = services.NewId<CustomerId>();
  c.tenant_id = actor.tenant;
  c.currency = *currency;
  c.time_zone = tenant.settings.time_zone;
  c.locale = "en-US";
  c.created_at = c.updated_at = services.clock.Now();
  RETURN_IF_ERROR(ApplyFields(c, fields));
  RETURN_IF_ERROR(tx.customers().Insert(c));
  return c;
}

Result<Customer> UpdateCustomer(StoreTx& tx, const Services& services, const Actor& actor,
                                CustomerId id, const CustomerFields& fields) {
  ASSIGN_OR_RETURN(Customer c, GetCustomer(tx, actor, id));
  if (fields.currency.has_value() && *fields.currency != c.currency.code()) {
    return InvalidArgument("currency", "customer.currency_immutable",
                           "a customer's currency cannot change; create a new customer");
  }
  RETURN_IF_ERROR(ApplyFields(c, fields));
  c.updated_at = services.clock.Now();
  RETURN_IF_ERROR(tx.customers().Update(c));
  return c;
}

Result<Customer> GetCustomer(StoreTx& tx, const Actor& actor, CustomerId id,
                             std::string_view param) {
  ASSIGN_OR_RETURN(std::optional<Customer> found, tx.customers().Find(actor.tenant, id));
  if (!found.has_value()) {
    return NotFound("customer.not_found", fmt::format("no customer {}", id.ToString()), param);
  }
  return *std::move(found);
}

Result<Page<Customer>> ListCustomers(StoreTx& tx, const Actor& actor, const PageRequest& page) {
  return tx.customers().List(actor.tenant, page);
}

}  // namespace accrue
