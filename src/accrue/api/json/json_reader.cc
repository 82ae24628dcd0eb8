#include "accrue/api/json/json_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <limits>
#include <tuple>

#include "accrue/base/check.h"
#include "accrue/base/strings.h"

namespace accrue::api {
namespace internal {

// The parser owns the tape and string buffers that every dom::element points into; it lives on
// the heap (never moves) for as long as any node refers to it.
struct JsonDom {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
};

struct JsonField {
  std::string_view key;  // points into the parser's string buffer
  simdjson::dom::element value;
};

// A nested object handed out as a reader: field `field` of the parent, or element `element` of
// the array in that field.
struct JsonChild {
  size_t field;
  size_t element;
  std::shared_ptr<JsonObjectNode> node;
};
inline constexpr size_t kNotAnArrayElement = std::numeric_limits<size_t>::max();

// The state all copies of one ObjectReader share.
struct JsonObjectNode {
  std::shared_ptr<const JsonDom> dom;
  std::string path;
  std::vector<JsonField> fields;  // in document order, duplicates included
  std::vector<bool> known;        // parallel to `fields`
  std::vector<JsonChild> children;
};

}  // namespace internal

namespace {

using internal::JsonChild;
using internal::JsonDom;
using internal::JsonObjectNode;
using internal::kNotAnArrayElement;
using simdjson::dom::element_type;

// Parser buffers are sized to the body; below this simdjson rounds up anyway.
constexpr size_t kMinParserCapacity = 64;

std::shared_ptr<JsonObjectNode> MakeNode(std::shared_ptr<const JsonDom> dom,
                                         simdjson::dom::object object, std::string path) {
  auto node = std::make_shared<JsonObjectNode>();
  node->dom = std::move(dom);
  node->path = std::move(path);
  for (auto [key, value] : object) node->fields.push_back({key, value});
  node->known.assign(node->fields.size(), false);
  return node;
}

std::string JoinKey(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

std::string JoinIndex(std::string_view parent, size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

// Unicode code points in valid UTF-8 (simdjson validated the whole body): every byte that is not
// a continuation byte starts one.
size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  }));
}

Status InvalidType(std::string_view param, std::string_view expected) {
  return InvalidArgument(param, "parameter.invalid_type",
                         fmt::format("'{}' must be {}", param, expected));
}

Status Missing(std::string_view param) {
  return InvalidArgument(param, "parameter.missing",
                         fmt::format("missing required parameter '{}'", param));
}

// Checks a string value's type and length; `param` names it in errors.
Result<std::string> ReadString(simdjson::dom::element value, std::string_view param,
                               size_t max_len) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    return InvalidType(param, "a string");
  }
  // Code points never outnumber bytes, so most strings skip the count.
  if (text.size() > max_len && CodePoints(text) > max_len) {
    return InvalidArgument(param, "parameter.too_long",
                           fmt::format("'{}' must be at most {} characters", param, max_len));
  }
  return std::string(text);
}

Result<int64_t> ReadInt(simdjson::dom::element value, std::string_view param, int64_t min,
                        int64_t max) {
  element_type type = value.type();
  bool too_big = type == element_type::UINT64;  // simdjson uses UINT64 only above INT64_MAX
  int64_t number = 0;
  if (type == element_type::INT64) {
    number = value.get_int64().value_unsafe();
  } else if (!too_big) {
    return InvalidType(param, "an integer");
  }
  if (too_big || number < min || number > max) {
    return InvalidArgument(param, "parameter.out_of_range",
                           fmt::format("'{}' must be between {} and {}", param, min, max));
  }
  return number;
}

// Rejects duplicate keys in a map's entries (sorted copy: a map holds at most max_keys entries).
Status CheckNoDuplicateKeys(std::vector<std::string_view> keys, std::string_view map_path) {
  std::sort(keys.begin(), keys.end());
  auto dup = std::adjacent_find(keys.begin(), keys.end());
  if (dup == keys.end()) return OkStatus();
  std::string param = JoinKey(map_path, *dup);
  return InvalidArgument(param, "parameter.duplicate",
                         fmt::format("parameter '{}' appears more than once", param));
}

// The value of `key`, marking every occurrence as known; std::nullopt when absent or null.
struct Found {
  size_t index;
  simdjson::dom::element value;
};
Result<std::optional<Found>> Lookup(JsonObjectNode& node, std::string_view key) {
  std::optional<Found> found;
  bool duplicate = false;
  for (size_t i = 0; i < node.fields.size(); ++i) {
    if (node.fields[i].key != key) continue;
    node.known[i] = true;
    if (found.has_value()) duplicate = true;
    found = Found{i, node.fields[i].value};
  }
  if (duplicate) {
    std::string param = JoinKey(node.path, key);
    return InvalidArgument(param, "parameter.duplicate",
                           fmt::format("parameter '{}' appears more than once", param));
  }
  if (found.has_value() && found->value.is_null()) found.reset();
  return found;
}

// The reader for an object found in field `field` (or in element `element` of the array there),
// reusing the node when a getter asks for it again so that all reads land on one record.
std::shared_ptr<JsonObjectNode> ChildNode(JsonObjectNode& parent, size_t field, size_t element,
                                          simdjson::dom::object object, std::string path) {
  for (const JsonChild& child : parent.children) {
    if (child.field == field && child.element == element) return child.node;
  }
  auto node = MakeNode(parent.dom, object, std::move(path));
  parent.children.push_back({field, element, node});
  return node;
}

Status FinishNode(const JsonObjectNode& node) {
  std::vector<const JsonChild*> children;
  children.reserve(node.children.size());
  for (const JsonChild& child : node.children) children.push_back(&child);
  std::sort(children.begin(), children.end(), [](const JsonChild* a, const JsonChild* b) {
    return std::tie(a->field, a->element) < std::tie(b->field, b->element);
  });
  size_t next_child = 0;
  for (size_t i = 0; i < node.fields.size(); ++i) {
    if (!node.known[i]) {
      std::string param = JoinKey(node.path, node.fields[i].key);
      return InvalidArgument(param, "parameter.unknown",
                             fmt::format("unknown parameter '{}'", param));
    }
    for (; next_child < children.size() && children[next_child]->field == i; ++next_child) {
      RETURN_IF_ERROR(FinishNode(*children[next_child]->node));
    }
  }
  return OkStatus();
}

Status ParseError(simdjson::error_code error) {
  switch (error) {
    case simdjson::DEPTH_ERROR:
      return InvalidArgument({}, "request.too_deep", "request body is nested too deeply");
    case simdjson::UTF8_ERROR:
      return InvalidArgument({}, "request.invalid_utf8", "request body is not valid UTF-8");
    case simdjson::EMPTY:
      return InvalidArgument({}, "request.malformed_json",
                             "request body is empty; send a JSON object");
    default:
      return InvalidArgument(
          {}, "request.malformed_json",
          fmt::format("request body is not valid JSON: {}", simdjson::error_message(error)));
  }
}

}  // namespace

JsonDocument::JsonDocument(std::shared_ptr<JsonObjectNode> root) : root_(std::move(root)) {}
JsonDocument::~JsonDocument() = default;

Result<JsonDocument> JsonDocument::Parse(std::string_view body, const JsonLimits& limits) {
  ACCRUE_CHECK(limits.max_depth >= 1, "JsonLimits::max_depth must allow the root object");
  if (body.size() > limits.max_bytes) {
    return LimitExceeded("request.too_large",
                         fmt::format("request body is {} bytes; the limit is {} bytes", body.size(),
                                     limits.max_bytes));
  }
  auto dom = std::make_shared<JsonDom>();
  // Sizing the parser to this body (rather than to max_bytes) keeps small requests cheap; the
  // depth set here is kept when simdjson grows its buffers.
  simdjson::error_code error =
      dom->parser.allocate(std::max(body.size(), kMinParserCapacity), limits.max_depth);
  if (error != simdjson::SUCCESS) {
    // Out of memory for a body within max_bytes: the server is overloaded, not the request.
    return Unavailable("server.out_of_memory", fmt::format("cannot allocate the JSON parser: {}",
                                                           simdjson::error_message(error)));
  }
  // realloc_if_needed: the body has no SIMDJSON_PADDING, so simdjson parses a padded copy.
  error = dom->parser.parse(body.data(), body.size(), /*realloc_if_needed=*/true).get(dom->root);
  if (error != simdjson::SUCCESS) return ParseError(error);
  simdjson::dom::object object;
  if (dom->root.get_object().get(object) != simdjson::SUCCESS) {
    return InvalidArgument({}, "request.not_an_object", "request body must be a JSON object");
  }
  return JsonDocument(MakeNode(std::move(dom), object, ""));
}

ObjectReader JsonDocument::Root() const {
  ACCRUE_CHECK(root_ != nullptr, "JsonDocument used after being moved from");
  return ObjectReader(root_);
}

ObjectReader::ObjectReader(std::shared_ptr<JsonObjectNode> node) : node_(std::move(node)) {}
ObjectReader::~ObjectReader() = default;

const std::string& ObjectReader::path() const { return node_->path; }

bool ObjectReader::Has(std::string_view key) const {
  return std::any_of(node_->fields.begin(), node_->fields.end(),
                     [&](const auto& field) { return field.key == key && !field.value.is_null(); });
}

Result<std::string> ObjectReader::RequiredString(std::string_view key, size_t max_len) {
  ASSIGN_OR_RETURN(std::optional<Found> found, Lookup(*node_, key));
  std::string param = JoinKey(node_->path, key);
  if (!found.has_value()) return Missing(param);
  ASSIGN_OR_RETURN(std::string value, ReadString(found->value, param, max_len));
  if (value.empty()) {
    return InvalidArgument(param, "parameter.empty", fmt::format("'{}' must not be empty", param));
  }
  return value;
}

Result<std::optional<std::string>> ObjectReader::OptionalString(std::string_view key,
                                                                size_t max_len) {
  ASSIGN_OR_RETURN(std::optional<Found> found, Lookup(*node_, key));
  if (!found.has_value()) return std::optional<std::string>();
  ASSIGN_OR_RETURN(std::string value, ReadString(found->value, JoinKey(node_->path, key), max_len));
  return std::optional<std::string>(std::move(value));
}

Result<int64_t> ObjectReader::RequiredInt(std::string_view key, int64_t min, int64_t max) {
  ACCRUE_DCHECK(min <= max, "RequiredInt: empty range");
  ASSIGN_OR_RETURN(std::optional<Found> found, Lookup(*node_, key));
  std::string param = JoinKey(node_->path, key);
  if (!found.has_value()) return Missing(param);
  return ReadInt(found->value, param, min, max);
}

Result<std::optional<int64_t>> ObjectReader::OptionalInt(std::string_view key, int64_t min,
                                                         int64_t max) {
  ACCRUE_DCHECK(min <= max, "OptionalInt: empty range");
  ASSIGN_OR_RETURN(std::optional<Found> found, Lookup(*node_, key));
  if (!found.has_value()) return std::optional<int64_t>();
  ASSIGN_OR_RETURN(int64_t value, ReadInt(found->value, JoinKey(node_->path, key), min, max));
  return std::optional<int64_t>(value);
}

Result<std::optional<bool>> ObjectReader::OptionalBool(std::string_view key) {
  ASSIGN_OR_RETURN(std::optional<Found> found, Lookup(*node_, key));
  if (!found.has_value()) return std::optional<bool>();
  bool value = false;
  if (found->value.get_bool().get(value) != simdjson::SUCCESS) {
    return InvalidType(JoinKey(node_->path, key), "a boolean");
  }
  return std::optional<bool>(value);
}

Result<ObjectReader> ObjectReader::RequiredObject(std::string_view key) {
  ASSIGN_OR_RETURN(std::optional<ObjectReader> object, OptionalObject(key));
  if (!object.has_value()) return Missing(JoinKey(node_->path, key));
  return *std::move(object);
}

Result<std::optional<ObjectReader>> ObjectReader::OptionalObject(std::string_view key) {
  ASSIGN_OR_RETURN(std::optional<Found> found, Lookup(*node_, key));
  if (!found.has_value()) return std::optional<ObjectReader>();
  std::string param = JoinKey(node_->path, key);
  simdjson::dom::object object;
  if (found->value.get_object().get(object) != simdjson::SUCCESS) {
    return InvalidType(param, "an object");
  }
  return std::optional<ObjectReader>(
      ObjectReader(ChildNode(*node_, found->index, kNotAnArrayElement, object, std::move(param))));
}

Result<std::optional<std::vector<std::string>>> ObjectReader::OptionalStringArray(
    std::string_view key, size_t max_items, size_t max_len) {
  ASSIGN_OR_RETURN(std::optional<Found> found, Lookup(*node_, key));
  if (!found.has_value()) return std::optional<std::vector<std::string>>();
  std::string param = JoinKey(node_->path, key);
  simdjson::dom::array array;
  if (found->value.get_array().get(array) != simdjson::SUCCESS) {
    return InvalidType(param, "an array of strings");
  }
  if (array.size() > max_items) {
    return InvalidArgument(param, "parameter.too_many_items",
                           fmt::format("'{}' must have at most {} items", param, max_items));
  }
  std::vector<std::string> values;
  values.reserve(array.size());
  for (simdjson::dom::element item : array) {
    ASSIGN_OR_RETURN(std::string value, ReadString(item, JoinIndex(param, values.size()), max_len));
    values.push_back(std::move(value));
  }
  return std::optional<std::vector<std::string>>(std::move(values));
}

Result<std::optional<std::vector<ObjectReader>>> ObjectReader::OptionalObjectArray(
    std::string_view key, size_t max_items) {
  ASSIGN_OR_RETURN(std::optional<Found> found, Lookup(*node_, key));
  if (!found.has_value()) return std::optional<std::vector<ObjectReader>>();
  std::string param = JoinKey(node_->path, key);
  simdjson::dom::array array;
  if (found->value.get_array().get(array) != simdjson::SUCCESS) {
    return InvalidType(param, "an array of objects");
  }
  if (array.size() > max_items) {
    return InvalidArgument(param, "parameter.too_many_items",
                           fmt::format("'{}' must have at most {} items", param, max_items));
  }
  std::vector<ObjectReader> readers;
  readers.reserve(array.size());
  for (simdjson::dom::element item : array) {
    size_t index = readers.size();
    std::string item_path = JoinIndex(param, index);
    simdjson::dom::object object;
    if (item.get_object().get(object) != simdjson::SUCCESS) {
      return InvalidType(item_path, "an object");
    }
    readers.push_back(
        ObjectReader(ChildNode(*node_, found->index, index, object, std::move(item_path))));
  }
  return std::optional<std::vector<ObjectReader>>(std::move(readers));
}

Result<std::optional<std::vector<std::pair<std::string, std::string>>>>
ObjectReader::OptionalStringMap(std::string_view key, size_t max_keys, size_t max_key_len,
                                size_t max_value_len) {
  using Entries = std::vector<std::pair<std::string, std::string>>;
  ASSIGN_OR_RETURN(std::optional<Found> found, Lookup(*node_, key));
  if (!found.has_value()) return std::optional<Entries>();
  std::string param = JoinKey(node_->path, key);
  simdjson::dom::object object;
  if (found->value.get_object().get(object) != simdjson::SUCCESS) {
    return InvalidType(param, "an object with string values");
  }
  if (object.size() > max_keys) {
    return InvalidArgument(param, "parameter.too_many_items",
                           fmt::format("'{}' must have at most {} keys", param, max_keys));
  }
  Entries entries;
  std::vector<std::string_view> keys;
  for (auto [entry_key, entry_value] : object) {
    if (entry_key.empty()) {
      return InvalidArgument(param, "parameter.empty",
                             fmt::format("'{}' keys must not be empty", param));
    }
    if (entry_key.size() > max_key_len && CodePoints(entry_key) > max_key_len) {
      return InvalidArgument(
          param, "parameter.too_long",
          fmt::format("'{}' keys must be at most {} characters", param, max_key_len));
    }
    ASSIGN_OR_RETURN(std::string value,
                     ReadString(entry_value, JoinKey(param, entry_key), max_value_len));
    keys.push_back(entry_key);
    entries.emplace_back(std::string(entry_key), std::move(value));
  }
  RETURN_IF_ERROR(CheckNoDuplicateKeys(std::move(keys), param));
  return std::optional<Entries>(std::move(entries));
}

Status ObjectReader::Finish() const { return FinishNode(*node_); }

}  // namespace accrue::api
