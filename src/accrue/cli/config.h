// Server and CLI configuration: flags override environment variables, which override an optional
// TOML file, which overrides the defaults. Everything is validated at start-up with an error
// naming the setting and where it came from; nothing is read later.
//
//   setting        flag            environment            TOML key        default
//   data dir       --data          ACCRUE_DATA_DIR        data_dir        ./accrue-data
//   listen host    --host          ACCRUE_HOST            host            127.0.0.1
//   listen port    --port          ACCRUE_PORT            port            8080
//   HTTP threads   --threads       ACCRUE_THREADS         threads         8
//   durability     --synchronous   ACCRUE_SYNCHRONOUS     synchronous     full   (full|normal)
//   log level      --log-level     ACCRUE_LOG_LEVEL       log_level       info
//   config file    --config        ACCRUE_CONFIG          —               (none)
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "accrue/base/status.h"

namespace accrue::cli {

struct Config {
  std::string data_dir = "./accrue-data";
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 8;
  bool synchronous_full = true;
  std::string log_level = "info";
};

// Values given on the command line (unset = not given).
struct ConfigFlags {
  std::optional<std::string> config_file;
  std::optional<std::string> data_dir;
  std::optional<std::string> host;
  std::optional<int> port;
  std::optional<int> threads;
  std::optional<std::string> synchronous;
  std::optional<std::string> log_level;
};

// Resolves the configuration; `getenv` is injectable for tests.
Result<Config> LoadConfig(const ConfigFlags& flags,
                          const std::function<const char*(const char*)>& getenv);

}  // namespace accrue::cli
