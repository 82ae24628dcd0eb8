// LogLine: one structured log record, written as a single JSON object through spdlog.
//
//   LogLine line(spdlog::level::info, "request");
//   line.json().Field("request_id", id);
//   line.Emit();   //
//   {"ts":"2024-05-01T12:00:00.123456Z","level":"info","msg":"request","request_id":...}
//
// The record carries its own "ts" and "level" so that a log shipper can parse every line without
// knowing spdlog's pattern; the composition root should set the pattern of the logger to "%v"
// (otherwise spdlog prefixes its own timestamp, which is harmless but not JSON). Records go to
// spdlog's default logger, which the composition root configures and tests may replace.
//
// "ts" is the one read of the real clock in api/: a log timestamp records when the line was
// written, which stays wall-clock time even when the billing logic runs under a test clock.
//
// Not thread-safe; build one LogLine per record (emitting is thread-safe, as spdlog is).
#pragma once

#include <spdlog/common.h>

#include <string>
#include <string_view>

#include "accrue/api/json/json_writer.h"

namespace accrue::api {

class LogLine {
 public:
  LogLine(spdlog::level::level_enum level, std::string_view msg);

  // The open record: add fields with Field()/Key(); do not close it.
  JsonWriter& json() { return json_; }

  // Closes the record and logs it. Call once.
  void Emit();

 private:
  spdlog::level::level_enum level_;
  JsonWriter json_;
};

// The current UTC time as RFC 3339 with microseconds ("2024-05-01T12:00:00.123456Z").
std::string LogTimestamp();

}  // namespace accrue::api
