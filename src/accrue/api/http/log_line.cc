#include "accrue/api/http/log_line.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>

namespace accrue::api {

std::string LogTimestamp() {
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  using std::chrono::seconds;
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  auto whole = duration_cast<seconds>(since_epoch);
  auto micros = duration_cast<microseconds>(since_epoch - whole).count();
  std::time_t time = static_cast<std::time_t>(whole.count());
  std::tm utc{};
  gmtime_r(&time, &utc);  // gmtime_r, not gmtime: request threads log concurrently
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, micros);
}

LogLine::LogLine(spdlog::level::level_enum level, std::string_view msg) : level_(level) {
  json_.BeginObject();
  json_.Field("ts", LogTimestamp());
  auto level_name = spdlog::level::to_string_view(level);
  json_.Field("level", std::string_view(level_name.data(), level_name.size()));
  json_.Field("msg", msg);
}

void LogLine::Emit() {
  json_.EndObject();
  spdlog::default_logger_raw()->log(level_, "{}", json_.Take());
}

}  // namespace accrue::api
