// Parsing usage events from the wire: request bodies of POST /v1/events, NDJSON lines and CSV
// rows of `accrue import`. The only code besides api/json that includes simdjson.
//
// Accepted shapes (per event):
//   ours        {"id","customer" | "subscription","meter","timestamp" (RFC 3339),
//                "properties":{name: string | number | bool}}  — unknown fields are refused
//   CloudEvents {"specversion":"1.0","id","source","type" (= meter code),"subject" (= customer id),
//                "time","data":{...properties}}  — other attributes are extensions and ignored,
//                except a "subscription" extension, which works as in ours
// Bodies: a JSON array of events, {"events":[...]}, or one event; with Content-Type
// application/cloudevents+json one CloudEvent, with application/cloudevents-batch+json an array
// of them.
//
// Numbers are never converted to double: the raw token is kept as exact text (canonicalized by
// Decimal when it fits, see domain/metering/event.h). A property whose value is null is absent.
//
// Errors: what concerns the whole input (too large, invalid UTF-8 in a body, broken JSON
// structure, not an array/object) is a Status ("request.too_large", "request.invalid_utf8",
// "request.malformed_json", "request.too_many_events"); what concerns one event is its
// IngestItem::parse_error, with reasons "event.malformed", "event.invalid_field",
// "event.unknown_field", "event.duplicate_field", "event.invalid_timestamp",
// "event.invalid_property", "event.unsupported_specversion", "event.missing_source",
// "event.unsupported_content_type", and the param naming the field.
//
// Thread-safety: an EventParser (it owns simdjson buffers) is used by one thread at a time; make
// one per thread. CsvEventReader likewise.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "accrue/app/usage_ingest.h"

namespace accrue::api {

// Bytes that must be readable after a line handed to ParseLine (simdjson reads ahead).
inline constexpr size_t kEventParserPadding = 64;
// Largest single NDJSON line / CSV row.
inline constexpr size_t kEventLineBytesMax = 1 << 20;

class EventParser {
 public:
  EventParser();
  ~EventParser();
  EventParser(const EventParser&) = delete;
  EventParser& operator=(const EventParser&) = delete;

  // A request body (see above). At most kIngestBatchEventsMax events and kIngestBatchBytesMax
  // bytes.
  Result<std::vector<IngestItem>> ParseBody(std::string_view body, std::string_view content_type);

  // One NDJSON line (without the newline) holding one event object. `readable` is how many bytes
  // may be read from line.data(): at least line.size() + kEventParserPadding.
  IngestItem ParseLine(std::string_view line, size_t readable);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// CSV with a header row: the columns id, customer (or subscription), meter and timestamp, in any
// order, and every other column is a property. RFC 4180 quoting within one line ("a ""b""",
// commas inside quotes); a quoted field may not span lines. Empty cells are absent properties; a
// cell that reads as a decimal number is a number, anything else a string.
class CsvEventReader {
 public:
  // InvalidArgument "import.bad_csv_header" when a required column is missing or repeated.
  Status SetHeader(std::string_view line);
  IngestItem ParseRow(std::string_view line) const;

 private:
  enum class Column { kId, kCustomer, kSubscription, kMeter, kTimestamp, kProperty };
  std::vector<Column> columns_;
  std::vector<std::string> names_;
};

// Splits one CSV line into cells (RFC 4180 quoting). False when quoting is broken.
bool SplitCsvLine(std::string_view line, std::vector<std::string>& cells);

}  // namespace accrue::api
