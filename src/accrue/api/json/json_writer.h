// JsonWriter: builds one compact JSON document (no whitespace) into a std::string.
//
// Every API response body is written with it, so the output must be valid JSON whatever the
// strings hold: quotes, backslashes and control characters are escaped, valid UTF-8 is copied as
// is, and each invalid UTF-8 sequence becomes U+FFFD (a byte string read from a bank file or a
// legacy database must never produce a body that clients fail to parse). Commas are inserted
// automatically. Calling the methods in an order that cannot produce JSON (EndObject without
// BeginObject, a value inside an object without a Key, Take with containers still open) is a bug
// in the caller and is caught by ACCRUE_DCHECK in debug builds.
//
// Lifecycle: construct, emit exactly one top-level value, Take() the text; the writer is then
// empty and may be reused. Not thread-safe: one writer per response.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accrue/base/check.h"

namespace accrue::api {

// Nesting deeper than this is a bug in a serializer (our resources are a few levels deep); the
// limit keeps a runaway recursion from growing the stack of open containers without bound.
inline constexpr size_t kJsonWriterMaxDepth = 64;

class JsonWriter {
 public:
  JsonWriter() = default;

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // Inside an object: the next value's key.
  void Key(std::string_view key);

  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // Inserts `json` verbatim as one value. The caller guarantees it is a valid JSON value (for
  // example a document produced by another JsonWriter).
  void Raw(std::string_view json);

  void Field(std::string_view key, std::string_view value);
  // Without this overload a string literal would convert to bool.
  void Field(std::string_view key, const char* value) { Field(key, std::string_view(value)); }
  // Only a real bool: a template, so that a pointer, a double or an optional never converts to
  // bool silently and writes `true`. (There is deliberately no floating-point Field: amounts are
  // never doubles.)
  template <std::same_as<bool> T>
  void Field(std::string_view key, T value) {
    Key(key);
    Bool(value);
  }
  // Any integer type. An unsigned value above INT64_MAX is a bug in the caller (counts and sizes
  // never get there), checked always because the output would otherwise be wrong.
  template <std::integral T>
  requires(!std::same_as<T, bool>) void Field(std::string_view key, T value) {
    ACCRUE_CHECK(std::in_range<int64_t>(value), "JsonWriter: integer does not fit in int64");
    Key(key);
    Int(static_cast<int64_t>(value));
  }
  void FieldNull(std::string_view key);
  // Writes null when `value` is empty, so clients always see every field of a resource.
  void OptionalField(std::string_view key, const std::optional<std::string>& value);

  // Returns the document and resets the writer.
  std::string Take();

 private:
  enum class Container : uint8_t { kObject, kArray };
  struct Frame {
    Container container;
    bool has_items = false;
  };

  // Writes the separator a new value needs and checks it is allowed here.
  void BeforeValue();
  void End(Container container, char close);

  std::string out_;
  std::vector<Frame> stack_;
  bool after_key_ = false;  // a Key() was written and its value has not been
  bool has_root_ = false;   // a complete top-level value has been written
};

// Appends `text` to `out` as a quoted JSON string (escaping as described above).
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace accrue::api
