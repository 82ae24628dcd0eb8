// What every use case receives: the store, the clock and the id generator (all injected, so a
// test decides what time it is and which ids come out), and who is acting for which tenant.
#pragma once

#include <string>

#include "accrue/app/ports/store.h"
#include "accrue/base/uuid.h"
#include "accrue/time/clock.h"

namespace accrue {

struct Services {
  Store& store;
  const Clock& clock;
  UuidV7Generator& ids;

  template <typename Id>
  Id NewId() const {
    return Id(ids.Next(clock.Now()));
  }
};

// The authenticated caller: which tenant, and a name for the audit trail ("api_key:<id>", "cli").
struct Actor {
  TenantId tenant;
  std::string name;
};

}  // namespace accrue
