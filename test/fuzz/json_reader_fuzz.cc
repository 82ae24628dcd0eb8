// libFuzzer target for the request-body reader (and, through a round trip, the writer).
//
// Feeds arbitrary bytes to JsonDocument::Parse and, when they parse, reads them with a schema
// shaped like a real resource (strings, integers, booleans, a nested object, an array of
// objects, a string array, a string map) and calls Finish(). Nothing may crash, hang or trip a
// sanitizer whatever the input. Every string read is then written with JsonWriter and parsed
// again: the writer must produce valid JSON that reads back to the same value.
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I src \
//     test/fuzz/json_reader_fuzz.cc src/accrue/api/json/json_{reader,writer}.cc \
//     src/accrue/base/{status,check}.cc -lsimdjson -lfmt -labsl_status -labsl_cord ...
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accrue/api/json/json_reader.h"
#include "accrue/api/json/json_writer.h"

namespace {

using accrue::api::JsonDocument;
using accrue::api::JsonLimits;
using accrue::api::JsonWriter;
using accrue::api::ObjectReader;

// Small limits so that the fuzzer reaches every "too ..." branch with short inputs.
constexpr size_t kMaxLen = 8;
constexpr size_t kMaxItems = 3;

void CheckRoundTrip(const std::string& value) {
  JsonWriter json;
  json.BeginObject();
  json.Field("v", value);
  json.EndObject();
  auto doc = JsonDocument::Parse(json.Take());
  if (!doc.ok()) std::abort();  // the writer produced invalid JSON
  ObjectReader root = doc->Root();
  auto back = root.RequiredString("v", std::numeric_limits<size_t>::max());
  // Strings that came out of the parser are valid UTF-8, so they must survive unchanged
  // (an empty string is "parameter.empty" for RequiredString).
  if (value.empty() ? back.ok() : (!back.ok() || *back != value)) std::abort();
}

void ReadLine(ObjectReader line) {
  auto quantity = line.RequiredInt("quantity", 1, 1000);
  auto price = line.OptionalObject("price");
  if (price.ok() && price->has_value()) {
    (void)(*price)->RequiredInt("amount", std::numeric_limits<int64_t>::min(),
                                std::numeric_limits<int64_t>::max());
    (void)(*price)->OptionalString("currency", 3);
  }
  (void)quantity;
  (void)line.Finish();
}

void Walk(ObjectReader root) {
  std::vector<std::string> strings;
  if (auto name = root.RequiredString("name", kMaxLen); name.ok()) strings.push_back(*name);
  if (auto note = root.OptionalString("note", kMaxLen); note.ok() && note->has_value()) {
    strings.push_back(**note);
  }
  (void)root.OptionalInt("amount", -100, 100);
  (void)root.OptionalBool("active");
  (void)root.Has("missing");
  if (auto address = root.OptionalObject("address"); address.ok() && address->has_value()) {
    (void)(*address)->RequiredString("country", 2);
    (void)(*address)->OptionalObject("geo");
  }
  if (auto lines = root.OptionalObjectArray("lines", kMaxItems); lines.ok() && lines->has_value()) {
    for (const ObjectReader& line : **lines) ReadLine(line);
  }
  if (auto tags = root.OptionalStringArray("tags", kMaxItems, kMaxLen);
      tags.ok() && tags->has_value()) {
    for (const std::string& tag : **tags) strings.push_back(tag);
  }
  if (auto metadata = root.OptionalStringMap("metadata", kMaxItems, kMaxLen, kMaxLen);
      metadata.ok() && metadata->has_value()) {
    for (const auto& [key, value] : **metadata) {
      strings.push_back(key);
      strings.push_back(value);
    }
  }
  (void)root.Finish();
  (void)root.path();
  for (const std::string& value : strings) CheckRoundTrip(value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  // Also a tight depth limit, so deep nesting is rejected on short inputs too.
  for (size_t max_depth : {size_t{4}, JsonLimits().max_depth}) {
    JsonLimits limits;
    limits.max_depth = max_depth;
    auto doc = JsonDocument::Parse(body, limits);
    if (doc.ok()) Walk(doc->Root());
  }
  // Arbitrary bytes as a string value: the writer must still emit valid JSON.
  JsonWriter json;
  json.BeginObject();
  json.Field("raw", body);
  json.EndObject();
  if (!JsonDocument::Parse(json.Take(), JsonLimits{.max_bytes = 16 * size + 64}).ok()) {
    std::abort();
  }
  return 0;
}
