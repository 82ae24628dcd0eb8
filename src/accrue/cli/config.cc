#include "accrue/cli/config.h"

#include <toml++/toml.h>

#include <functional>

#include "absl/strings/numbers.h"
#include "accrue/base/strings.h"

namespace accrue::cli {
namespace {

Status Bad(std::string_view setting, std::string_view source, std::string_view why) {
  return InvalidArgument(setting, "config.invalid",
                         fmt::format("{} (from {}): {}", setting, source, why));
}

Status SetInt(int& out, std::string_view text, std::string_view setting, std::string_view source,
              int min, int max) {
  int v = 0;
  if (!absl::SimpleAtoi(AsAbsl(text), &v) || v < min || v > max) {
    return Bad(setting, source, fmt::format("'{}' is not a whole number from {} to {}", text, min, max));
  }
  out = v;
  return OkStatus();
}

Status SetSynchronous(bool& out, std::string_view text, std::string_view source) {
  if (text == "full") {
    out = true;
  } else if (text == "normal") {
    out = false;
  } else {
    return Bad("synchronous", source, fmt::format("'{}' is neither 'full' nor 'normal'", text));
  }
  return OkStatus();
}

Status SetLogLevel(std::string& out, std::string_view text, std::string_view source) {
  for (std::string_view level : {"trace", "debug", "info", "warn", "error", "off"}) {
    if (text == level) {
      out = std::string(text);
      return OkStatus();
    }
  }
  return Bad("log_level", source, fmt::format("'{}' is not trace|debug|info|warn|error|off", text));
}

// One layer of settings as text, whatever its source.
struct Layer {
  std::string source;
  std::optional<std::string> data_dir, host, port, threads, synchronous, log_level;
};

Status Apply(Config& c, const Layer& l) {
  if (l.data_dir) {
    if (l.data_dir->empty()) return Bad("data_dir", l.source, "must not be empty");
    c.data_dir = *l.data_dir;
  }
  if (l.host) c.host = *l.host;
  if (l.port) RETURN_IF_ERROR(SetInt(c.port, *l.port, "port", l.source, 0, 65535));
  if (l.threads) RETURN_IF_ERROR(SetInt(c.threads, *l.threads, "threads", l.source, 1, 256));
  if (l.synchronous) RETURN_IF_ERROR(SetSynchronous(c.synchronous_full, *l.synchronous, l.source));
  if (l.log_level) RETURN_IF_ERROR(SetLogLevel(c.log_level, *l.log_level, l.source));
  return OkStatus();
}

Result<Layer> ReadToml(const std::string& path) {
  Layer l;
  l.source = fmt::format("config file {}", path);
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return InvalidArgument("config", "config.unreadable",
                           fmt::format("cannot read config file {}: {}", path, e.description()));
  }
  for (const auto& [key, value] : table) {
    std::string_view k = key.str();
    std::optional<std::string> text;
    if (value.is_string()) {
      text = value.as_string()->get();
    } else if (value.is_integer()) {
      text = std::to_string(value.as_integer()->get());
    } else {
      return Bad(k, l.source, "must be a string or an integer");
    }
    if (k == "data_dir") {
      l.data_dir = text;
    } else if (k == "host") {
      l.host = text;
    } else if (k == "port") {
      l.port = text;
    } else if (k == "threads") {
      l.threads = text;
    } else if (k == "synchronous") {
      l.synchronous = text;
    } else if (k == "log_level") {
      l.log_level = text;
    } else {
      return Bad(k, l.source, "unknown setting");
    }
  }
  return l;
}

std::optional<std::string> Env(const std::function<const char*(const char*)>& getenv,
                               const char* name) {
  const char* v = getenv(name);
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

std::optional<std::string> IntText(const std::optional<int>& v) {
  if (!v.has_value()) return std::nullopt;
  return std::to_string(*v);
}

}  // namespace

Result<Config> LoadConfig(const ConfigFlags& flags,
                          const std::function<const char*(const char*)>& getenv) {
  Config config;
  std::optional<std::string> file = flags.config_file ? flags.config_file
                                                      : Env(getenv, "ACCRUE_CONFIG");
  if (file.has_value()) {
    ASSIGN_OR_RETURN(Layer toml_layer, ReadToml(*file));
    RETURN_IF_ERROR(Apply(config, toml_layer));
  }
  Layer env{"environment",
            Env(getenv, "ACCRUE_DATA_DIR"),
            Env(getenv, "ACCRUE_HOST"),
            Env(getenv, "ACCRUE_PORT"),
            Env(getenv, "ACCRUE_THREADS"),
            Env(getenv, "ACCRUE_SYNCHRONOUS"),
            Env(getenv, "ACCRUE_LOG_LEVEL")};
  RETURN_IF_ERROR(Apply(config, env));
  Layer cli{"command line",      flags.data_dir,    flags.host,     IntText(flags.port),
            IntText(flags.threads), flags.synchronous, flags.log_level};
  RETURN_IF_ERROR(Apply(config, cli));
  return config;
}

}  // namespace accrue::cli
