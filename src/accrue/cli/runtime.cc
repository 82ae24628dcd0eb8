#include "accrue/cli/runtime.h"

#include <filesystem>

#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"

namespace accrue::cli {

Status EnsureDirectory(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    return InvalidArgument("data_dir", "data_dir.unusable",
                           fmt::format("cannot create data directory {}: {}", path, ec.message()));
  }
  return OkStatus();
}

Result<std::unique_ptr<Runtime>> Runtime::Open(const Config& config) {
  RETURN_IF_ERROR(EnsureDirectory(config.data_dir));
  std::unique_ptr<Runtime> rt(new Runtime(config));
  sqlite::OpenOptions options;
  options.path = SqliteDatabasePath(config.data_dir);
  options.synchronous_full = config.synchronous_full;
  ASSIGN_OR_RETURN(rt->store_, SqliteStore::Open(options));
  return rt;
}

Result<Actor> Runtime::ResolveActor(const std::optional<std::string>& tenant_flag) {
  if (tenant_flag.has_value()) {
    Result<TenantId> id = TenantId::Parse(*tenant_flag);
    if (!id.ok()) return WithParamPrefix(id.status(), "tenant");
    Status found = store_->Read([&](StoreTx& tx) { return GetTenant(tx, *id).status(); });
    RETURN_IF_ERROR(found);
    return Actor{*id, "cli"};
  }
  std::vector<Tenant> tenants;
  RETURN_IF_ERROR(store_->Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(tenants, tx.tenants().List(2));
    return OkStatus();
  }));
  if (tenants.empty()) {
    return NotFound("tenant.none", fmt::format("no tenant in {}; run 'accrue init' first",
                                               config_.data_dir));
  }
  if (tenants.size() > 1) {
    return InvalidArgument("tenant", "tenant.ambiguous",
                           "this data directory has several tenants; pass --tenant ID");
  }
  return Actor{tenants.front().id, "cli"};
}

}  // namespace accrue::cli
