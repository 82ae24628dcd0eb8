// Use cases for meters (billable metrics): create, read, list. Meters are immutable once created
// (see domain/metering/meter.h). Each runs inside the caller's transaction; none commits.
// GetMeter and FindMeterByCode are declared in app/usage.h, where rating finds them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accrue/app/services.h"
#include "accrue/app/usage.h"

namespace accrue {

struct MeterFields {
  std::optional<std::string> code;
  std::optional<std::string> name;
  std::optional<std::string> aggregation;  // default "count"
  std::optional<std::string> property;
  std::optional<std::vector<MeterFilter>> filters;
  std::optional<std::vector<std::string>> group_by;
};

// InvalidArgument for bad fields (param named), AlreadyExists "meter.code_taken".
Result<Meter> CreateMeter(StoreTx& tx, const Services& services, const Actor& actor,
                          const MeterFields& fields);
Result<Page<Meter>> ListMeters(StoreTx& tx, const Actor& actor, const PageRequest& page);

}  // namespace accrue
