// libFuzzer target for usage-event parsing: request bodies of POST /v1/events (ours, CloudEvents
// single and batch), NDJSON lines and CSV rows of `accrue import`.
//
// The first input byte picks the entry point, the rest is the input. Nothing may crash, hang or
// trip a sanitizer. Checked properties: a body never yields more than kIngestBatchEventsMax
// events; every parsed event either carries an error or passes the stored-form encoder, whose
// output must be valid JSON (re-parsed as an NDJSON line, it yields an event with the same id).
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I src -I test \
//     test/fuzz/event_parser_fuzz.cc src/accrue/api/ingest/event_parser.cc \
//     src/accrue/domain/metering/{event,meter}.cc src/accrue/money/{decimal,rounding}.cc \
//     src/accrue/time/instant.cc src/accrue/base/{status,check}.cc \
//     -lsimdjson -lfmt -labsl_status -labsl_strings -labsl_time -labsl_time_zone \
//     -labsl_int128 -labsl_cord ... -o /tmp/event_parser_fuzz
//   /tmp/event_parser_fuzz -max_total_time=60
// (docs/usage.md has the exact command with every library.)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "accrue/api/ingest/event_parser.h"

namespace {

using accrue::IngestItem;
using accrue::api::CsvEventReader;
using accrue::api::EventParser;
using accrue::api::kEventParserPadding;

void Check(bool condition) {
  if (!condition) std::abort();
}

// The stored form of a good event is valid JSON that parses back to the same id.
void CheckStoredForm(EventParser& parser, const IngestItem& item) {
  if (!item.parse_error.ok() || !accrue::ValidateEventShape(item.event).ok()) return;
  std::string line = accrue::EncodeStoredEvent(1, item.event, "c");
  const size_t size = line.size();
  line.append(kEventParserPadding, '\0');
  // The stored form has "seq" (unknown in events): expect exactly that error, and the id.
  IngestItem back = parser.ParseLine(std::string_view(line.data(), size), line.size());
  Check(back.event.id == item.event.id);
  Check(!back.parse_error.ok() && accrue::ErrorReason(back.parse_error) == "event.unknown_field");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static EventParser parser;
  static EventParser checker;
  const uint8_t mode = data[0];
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (mode % 5) {
    case 0:
    case 1:
    case 2: {
      const char* types[] = {"application/json", "application/cloudevents+json",
                             "application/cloudevents-batch+json"};
      accrue::Result<std::vector<IngestItem>> items = parser.ParseBody(input, types[mode % 3]);
      if (!items.ok()) break;
      Check(items->size() <= accrue::kIngestBatchEventsMax);
      for (const IngestItem& item : *items) CheckStoredForm(checker, item);
      break;
    }
    case 3: {
      const size_t n = input.size();
      input.append(kEventParserPadding, '\0');
      IngestItem item = parser.ParseLine(std::string_view(input.data(), n), input.size());
      CheckStoredForm(checker, item);
      break;
    }
    case 4: {
      // First line: header; the rest: rows.
      CsvEventReader csv;
      const size_t nl = input.find('\n');
      if (!csv.SetHeader(std::string_view(input).substr(0, nl)).ok() || nl == std::string::npos) {
        break;
      }
      std::string_view rest = std::string_view(input).substr(nl + 1);
      while (!rest.empty()) {
        const size_t end = rest.find('\n');
        IngestItem item = csv.ParseRow(rest.substr(0, end));
        CheckStoredForm(checker, item);
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
      }
      break;
    }
  }
  return 0;
}
