// Strict reading of JSON request bodies.
//
// JsonDocument::Parse checks a body against JsonLimits and parses it (simdjson DOM, which also
// validates UTF-8); the root must be an object. Handlers then pull each parameter through an
// ObjectReader getter that states the expected type and limits; every rejection is an
// InvalidArgument whose `param` is the full path of the offending value ("address.country",
// "lines[2].quantity") and whose `reason` is one of the stable "parameter.*" reasons below. After
// the last getter, Finish() rejects every key no getter asked for, so a misspelt optional field
// ("metdata") is an error instead of being silently ignored.
//
//   ASSIGN_OR_RETURN(JsonDocument doc, JsonDocument::Parse(request.body));
//   ObjectReader body = doc.Root();
//   ASSIGN_OR_RETURN(std::string name, body.RequiredString("name", 256));
//   ASSIGN_OR_RETURN(auto address, body.OptionalObject("address"));
//   if (address) { ASSIGN_OR_RETURN(auto country, address->RequiredString("country", 2)); }
//   RETURN_IF_ERROR(body.Finish());   // also checks "address" and every nested object
//
// Rules every getter follows:
// - A JSON null counts as absent: Optional* return std::nullopt, Required* report
//   "parameter.missing". Has() is true only for present, non-null values.
// - String lengths are counted in Unicode code points (clients think in characters; a name in
//   Greek must not get a third of the room a name in English gets). Empty strings are accepted by
//   Optional* getters (a client may clear a field) and rejected by RequiredString.
// - Integers must be JSON integers: 2.0 and 2e0 are "parameter.invalid_type"; values outside the
//   caller's [min, max] are "parameter.out_of_range". A literal beyond what 64 bits can hold
//   fails at Parse as "request.malformed_json" (simdjson rejects it there).
// - Duplicate keys: the DOM keeps both, and "last one wins" versus "first one wins" differs
//   between parsers in front of us (proxies, WAFs), which is how request smuggling happens. So
//   a getter whose key appears twice fails with "parameter.duplicate", and a duplicate of a key
//   nobody asked for is already "parameter.unknown". A duplicate key inside a string map fails
//   the same way.
//
// Lifetime and sharing: every ObjectReader shares ownership of the parsed DOM, so readers may be
// copied, stored and returned freely and stay valid after the JsonDocument is gone; the DOM is
// freed with the last of them. Returned strings are copies. Copies of a reader share the record
// of which keys were read (so a Finish() on any copy sees the reads made through all of them),
// and Finish() on a reader also checks every nested reader handed out below it.
//
// Thread-safety: none. A document and the readers derived from it share mutable bookkeeping and
// must be used by one thread at a time (one request is handled by one thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accrue/base/status.h"

namespace accrue::api {

// Stripe's limits for `metadata`, which our resources adopt so client code ports unchanged.
inline constexpr size_t kMetadataMaxKeys = 50;
inline constexpr size_t kMetadataMaxKeyLength = 40;
inline constexpr size_t kMetadataMaxValueLength = 500;

struct JsonLimits {
  // Larger bodies fail with ResourceExhausted "request.too_large" before any parsing.
  size_t max_bytes = 1 << 20;
  // Maximum nesting of objects and arrays; the root object counts as 1. Bounds the parser's
  // stack and our recursion in Finish().
  size_t max_depth = 32;
};

namespace internal {
struct JsonObjectNode;  // defined in json_reader.cc; holds simdjson types
}  // namespace internal

class ObjectReader;

// A parsed request body. Move-only: it owns the parser's buffers (through shared ownership with
// the readers, see above).
class JsonDocument {
 public:
  // Errors: ResourceExhausted "request.too_large"; InvalidArgument "request.malformed_json"
  // (message carries the parser's explanation), "request.too_deep", "request.invalid_utf8",
  // "request.not_an_object". None of them has a param.
  static Result<JsonDocument> Parse(std::string_view body, const JsonLimits& limits = {});

  JsonDocument(JsonDocument&&) noexcept = default;
  JsonDocument& operator=(JsonDocument&&) noexcept = default;
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;
  ~JsonDocument();

  // The root object (path ""). Every call returns a reader sharing the same bookkeeping.
  ObjectReader Root() const;

 private:
  explicit JsonDocument(std::shared_ptr<internal::JsonObjectNode> root);

  std::shared_ptr<internal::JsonObjectNode> root_;
};

// A view of one JSON object plus its path from the root ("" for the root, "address",
// "lines[2]"). Getters mark their key as known, whether or not they succeed.
class ObjectReader {
 public:
  ObjectReader(const ObjectReader&) = default;
  ObjectReader& operator=(const ObjectReader&) = default;
  ObjectReader(ObjectReader&&) noexcept = default;
  ObjectReader& operator=(ObjectReader&&) noexcept = default;
  ~ObjectReader();

  // "parameter.missing", "parameter.invalid_type", "parameter.empty", "parameter.too_long".
  Result<std::string> RequiredString(std::string_view key, size_t max_len);
  // "parameter.invalid_type", "parameter.too_long".
  Result<std::optional<std::string>> OptionalString(std::string_view key, size_t max_len);
  // "parameter.missing", "parameter.invalid_type", "parameter.out_of_range".
  Result<int64_t> RequiredInt(std::string_view key, int64_t min, int64_t max);
  Result<std::optional<int64_t>> OptionalInt(std::string_view key, int64_t min, int64_t max);
  // Only true and false; "true" or 1 are "parameter.invalid_type".
  Result<std::optional<bool>> OptionalBool(std::string_view key);
  Result<ObjectReader> RequiredObject(std::string_view key);
  Result<std::optional<ObjectReader>> OptionalObject(std::string_view key);
  // Errors about one element carry its index: param "tax_ids[1]".
  // "parameter.too_many_items" when the array has more than `max_items` elements.
  Result<std::optional<std::vector<std::string>>> OptionalStringArray(std::string_view key,
                                                                      size_t max_items,
                                                                      size_t max_len);
  Result<std::optional<std::vector<ObjectReader>>> OptionalObjectArray(std::string_view key,
                                                                       size_t max_items);
  // An object whose values are all strings (e.g. metadata), in document order. A value error
  // names the entry ("metadata.order_id"); errors about keys name the map only ("metadata"), so
  // a hostile 10 kB key is not echoed back: empty key "parameter.empty", long key
  // "parameter.too_long"; more than `max_keys` entries "parameter.too_many_items".
  Result<std::optional<std::vector<std::pair<std::string, std::string>>>> OptionalStringMap(
      std::string_view key, size_t max_keys, size_t max_key_len, size_t max_value_len);

  // Present and not null. Does not mark `key` as known.
  bool Has(std::string_view key) const;

  // InvalidArgument "parameter.unknown" (param = full path, message "unknown parameter
  // '<path>'") for the first key, in document order and depth first through the nested readers
  // handed out by getters, that no getter asked for. OK when every key was read.
  Status Finish() const;

  const std::string& path() const;

 private:
  friend class JsonDocument;
  explicit ObjectReader(std::shared_ptr<internal::JsonObjectNode> node);

  std::shared_ptr<internal::JsonObjectNode> node_;
};

}  // namespace accrue::api
