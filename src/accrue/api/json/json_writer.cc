#include "accrue/api/json/json_writer.h"

#include <charconv>

#include "accrue/base/check.h"

namespace accrue::api {
namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD in UTF-8
constexpr char kHexDigits[] = "0123456789abcdef";

// Bytes that may be copied without escaping: printable ASCII except '"' and '\'.
bool IsPlainAscii(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

void AppendUnicodeEscape(std::string& out, unsigned code) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHexDigits[(code >> shift) & 0xFu];
}

// The length of a well-formed UTF-8 sequence starting with `lead`, and the range its second byte
// must fall in (Unicode 15, table 3-7). The narrowed ranges after E0, ED, F0 and F4 reject
// overlong forms, UTF-16 surrogates and code points above U+10FFFF. Returns 0 for bytes that can
// never start a sequence.
struct LeadInfo {
  size_t length;
  unsigned char second_min;
  unsigned char second_max;
};
LeadInfo ClassifyLead(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return {2, 0x80, 0xBF};
  if (lead == 0xE0) return {3, 0xA0, 0xBF};
  if (lead == 0xED) return {3, 0x80, 0x9F};
  if (lead >= 0xE1 && lead <= 0xEF) return {3, 0x80, 0xBF};
  if (lead == 0xF0) return {4, 0x90, 0xBF};
  if (lead >= 0xF1 && lead <= 0xF3) return {4, 0x80, 0xBF};
  if (lead == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

// Length of the valid prefix of the multi-byte sequence at text[i]: equal to the sequence length
// when it is well formed, else the number of bytes to replace by one U+FFFD (at least 1). This is
// the "maximal subpart" practice of Unicode §3.9, which the WHATWG decoder follows too, so a
// truncated sequence costs one replacement character rather than one per byte.
size_t ValidPrefix(std::string_view text, size_t i, const LeadInfo& info) {
  if (info.length == 0) return 0;
  for (size_t k = 1; k < info.length; ++k) {
    if (i + k >= text.size()) return k;
    auto c = static_cast<unsigned char>(text[i + k]);
    unsigned char min = k == 1 ? info.second_min : 0x80;
    unsigned char max = k == 1 ? info.second_max : 0xBF;
    if (c < min || c > max) return k;
  }
  return info.length;
}

// Appends the non-ASCII or escaped character at text[i]; returns how many bytes it consumed.
size_t AppendSpecial(std::string& out, std::string_view text, size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c == '"' || c == '\\') {
    out += '\\';
    out += static_cast<char>(c);
    return 1;
  }
  if (c < 0x20) {
    AppendUnicodeEscape(out, c);
    return 1;
  }
  LeadInfo info = ClassifyLead(c);
  size_t valid = ValidPrefix(text, i, info);
  if (valid != info.length || info.length == 0) {
    out += kReplacementChar;
    return valid == 0 ? 1 : valid;
  }
  // U+2028 and U+2029 are valid JSON but end a line in JavaScript source; escaping them keeps a
  // body safe to embed in a script tag (the web app does so for initial state).
  if (info.length == 3 && c == 0xE2 && static_cast<unsigned char>(text[i + 1]) == 0x80) {
    auto last = static_cast<unsigned char>(text[i + 2]);
    if (last == 0xA8 || last == 0xA9) {
      AppendUnicodeEscape(out, 0x2000u + (last - 0x80u));
      return 3;
    }
  }
  out.append(text.substr(i, info.length));
  return info.length;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  size_t i = 0;
  while (i < text.size()) {
    // Copy runs of plain ASCII in one append: almost every string we write is plain ASCII.
    size_t run = i;
    while (run < text.size() && IsPlainAscii(static_cast<unsigned char>(text[run]))) ++run;
    out.append(text.substr(i, run - i));
    i = run;
    if (i < text.size()) i += AppendSpecial(out, text, i);
  }
  out += '"';
}

void JsonWriter::BeforeValue() {
  if (stack_.empty()) {
    ACCRUE_DCHECK(!has_root_, "JsonWriter: a document holds exactly one top-level value");
    has_root_ = true;
    return;
  }
  Frame& frame = stack_.back();
  if (frame.container == Container::kObject) {
    ACCRUE_DCHECK(after_key_, "JsonWriter: a value inside an object needs a Key() first");
    after_key_ = false;
    return;
  }
  if (frame.has_items) out_ += ',';
  frame.has_items = true;
}

void JsonWriter::BeginObject() {
  BeforeValue();
  ACCRUE_DCHECK(stack_.size() < kJsonWriterMaxDepth, "JsonWriter: nesting too deep");
  stack_.push_back({Container::kObject});
  out_ += '{';
}

void JsonWriter::BeginArray() {
  BeforeValue();
  ACCRUE_DCHECK(stack_.size() < kJsonWriterMaxDepth, "JsonWriter: nesting too deep");
  stack_.push_back({Container::kArray});
  out_ += '[';
}

void JsonWriter::End([[maybe_unused]] Container container, char close) {
  // Always on, unlike the other checks: popping an empty stack would be undefined behaviour.
  ACCRUE_CHECK(!stack_.empty(), "JsonWriter: End without a matching Begin");
  ACCRUE_DCHECK(stack_.back().container == container, "JsonWriter: mismatched End");
  ACCRUE_DCHECK(!after_key_, "JsonWriter: Key() without a value");
  stack_.pop_back();
  out_ += close;
}

void JsonWriter::EndObject() { End(Container::kObject, '}'); }
void JsonWriter::EndArray() { End(Container::kArray, ']'); }

void JsonWriter::Key(std::string_view key) {
  ACCRUE_DCHECK(!stack_.empty() && stack_.back().container == Container::kObject,
                "JsonWriter: Key() outside an object");
  ACCRUE_DCHECK(!after_key_, "JsonWriter: two Key() calls in a row");
  Frame& frame = stack_.back();
  if (frame.has_items) out_ += ',';
  frame.has_items = true;
  AppendJsonString(out_, key);
  out_ += ':';
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(out_, value);
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  char buffer[24];  // "-9223372036854775808" is 20 characters
  auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  ACCRUE_CHECK(error == std::errc(), "JsonWriter: int64 does not fit its buffer");
  out_.append(buffer, end);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
}

void JsonWriter::Raw(std::string_view json) {
  ACCRUE_DCHECK(!json.empty(), "JsonWriter: Raw() needs a JSON value");
  BeforeValue();
  out_ += json;
}

void JsonWriter::Field(std::string_view key, std::string_view value) {
  Key(key);
  String(value);
}

void JsonWriter::FieldNull(std::string_view key) {
  Key(key);
  Null();
}

void JsonWriter::OptionalField(std::string_view key, const std::optional<std::string>& value) {
  Key(key);
  if (value.has_value()) {
    String(*value);
  } else {
    Null();
  }
}

std::string JsonWriter::Take() {
  ACCRUE_DCHECK(stack_.empty() && !after_key_, "JsonWriter: Take() with open containers");
  ACCRUE_DCHECK(has_root_, "JsonWriter: Take() before any value");
  std::string out = std::move(out_);
  out_.clear();
  stack_.clear();
  after_key_ = false;
  has_root_ = false;
  return out;
}

}  // namespace accrue::api
