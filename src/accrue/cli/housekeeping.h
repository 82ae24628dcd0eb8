// Background upkeep while `accrue serve` runs: periodic tasks that keep the store tidy and that
// no request should wait for. Today: forgetting expired idempotency keys. Each task reads the
// injected clock for what is "old"; only the pause between passes is wall time.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/time/time.h"
#include "accrue/app/services.h"

namespace accrue::cli {

class Housekeeper {
 public:
  // Runs one pass at once, then one every `interval`, until destroyed.
  Housekeeper(const Services& services, absl::Duration interval);
  ~Housekeeper();
  Housekeeper(const Housekeeper&) = delete;
  Housekeeper& operator=(const Housekeeper&) = delete;

 private:
  void Loop();
  void RunPass();

  const Services services_;
  const absl::Duration interval_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts after the members it reads
};

}  // namespace accrue::cli
