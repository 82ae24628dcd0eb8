#include "accrue/app/meters.h"

#include "accrue/app/ports/usage_store.h"
#include "accrue/base/strings.h"

namespace accrue {

Result<Meter> CreateMeter(StoreTx& tx, const Services& services, const Actor& actor,
                          const MeterFields& fields) {
  if (!fields.code.has_value()) {
    return InvalidArgument("code", "parameter.missing", "code is required");
  }
  if (!fields.name.has_value()) {
    return InvalidArgument("name", "parameter.missing", "name is required");
  }
  Meter m;
  m.id = services.NewId<MeterId>();
  m.tenant_id = actor.tenant;
  m.code = *fields.code;
  m.name = *fields.name;
  if (fields.aggregation.has_value()) {
    Result<Aggregation> aggregation = ParseAggregation(*fields.aggregation);
    if (!aggregation.ok()) return WithParamPrefix(aggregation.status(), "aggregation");
    m.aggregation = *aggregation;
  }
  m.property = fields.property.value_or("");
  if (fields.filters) m.filters = *fields.filters;
  if (fields.group_by) m.group_by = *fields.group_by;
  m.created_at = services.clock.Now();
  RETURN_IF_ERROR(ValidateMeter(m));
  RETURN_IF_ERROR(tx.meters().Insert(m));
  return m;
}

Result<Meter> GetMeter(StoreTx& tx, const Actor& actor, MeterId id, std::string_view param) {
  ASSIGN_OR_RETURN(std::optional<Meter> found, tx.meters().Find(actor.tenant, id));
  if (!found.has_value()) {
    return NotFound("meter.not_found", fmt::format("no meter {}", id.ToString()), param);
  }
  return *std::move(found);
}

Result<std::optional<Meter>> FindMeterByCode(StoreTx& tx, TenantId tenant, std::string_view code) {
  return tx.meters().FindByCode(tenant, code);
}

Result<Page<Meter>> ListMeters(StoreTx& tx, const Actor& actor, const PageRequest& page) {
  return tx.meters().List(actor.tenant, page);
}

}  // namespace accrue
