#include "accrue/cli/housekeeping.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "accrue/api/json/json_writer.h"
#include "accrue/app/idempotency.h"

namespace accrue::cli {

Housekeeper::Housekeeper(const Services& services, absl::Duration interval)
    : services_(services), interval_(interval), thread_([this] { Loop(); }) {}

Housekeeper::~Housekeeper() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Housekeeper::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    RunPass();
    lock.lock();
    wake_.wait_for(lock, absl::ToChronoNanoseconds(interval_), [this] { return stopping_; });
  }
}

void Housekeeper::RunPass() {
  // A failed pass is logged and retried on the next one; upkeep never stops the server.
  Result<int64_t> pruned = PruneIdempotencyKeys(services_);
  if (pruned.ok() && *pruned == 0) return;
  api::JsonWriter w;
  w.BeginObject();
  w.Field("level", pruned.ok() ? "info" : "warn");
  w.Field("msg", pruned.ok() ? "housekeeping" : "housekeeping failed");
  w.Field("task", "idempotency_keys");
  if (pruned.ok()) {
    w.Field("deleted", *pruned);
  } else {
    w.Field("error", std::string(pruned.status().message()));
  }
  w.EndObject();
  if (pruned.ok()) {
    spdlog::info("{}", w.Take());
  } else {
    spdlog::warn("{}", w.Take());
  }
}

}  // namespace accrue::cli
