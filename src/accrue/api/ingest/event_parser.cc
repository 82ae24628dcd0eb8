#include "accrue/api/ingest/event_parser.h"

#include <simdjson.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "accrue/base/strings.h"
#include "accrue/time/instant.h"

namespace accrue::api {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

enum class Dialect { kAuto, kCloudEvents };

// Longest field name echoed back in an error.
constexpr size_t kEchoMax = 64;

std::string Echo(std::string_view s) { return std::string(s.substr(0, kEchoMax)); }

Status Malformed(std::string_view message) {
  return InvalidArgument("", "event.malformed", message);
}

bool IsJsonNumberToken(std::string_view t) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i > start;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == t.size();
}

bool IsRecoverable(error_code e) {
  return e == simdjson::INCORRECT_TYPE || e == simdjson::NUMBER_ERROR ||
         e == simdjson::NUMBER_OUT_OF_RANGE;
}

// What one event object held, before the dialect is decided.
struct RawEvent {
  std::optional<std::string> id, customer, subscription, meter, timestamp;
  std::optional<std::string> specversion, source, type, subject, time, datacontenttype;
  std::vector<std::pair<std::string, PropertyValue>> properties, data;
  bool has_properties = false, has_data = false;
  std::string first_unknown;  // a key neither dialect knows (an error only in ours)
  Status ours_error;          // first problem with our fields
  Status ce_error;            // first problem with CloudEvents fields
  Status common_error;        // first problem that is an error in both dialects
};

void Keep(Status& slot, Status error) {
  if (slot.ok()) slot = std::move(error);
}

// Reads a string field; a wrong type is a per-event error, a broken document is fatal.
error_code ReadString(od::value& v, std::string_view key, std::optional<std::string>& out,
                      Status& error_slot) {
  std::string_view s;
  error_code e = v.get_string().get(s);
  if (e == simdjson::SUCCESS) {
    if (out.has_value()) {
      Keep(error_slot, InvalidArgument(key, "event.duplicate_field",
                                       fmt::format("'{}' appears twice", Echo(key))));
    }
    out = std::string(s);
    return simdjson::SUCCESS;
  }
  if (!IsRecoverable(e)) return e;
  Keep(error_slot, InvalidArgument(key, "event.invalid_field",
                                   fmt::format("'{}' must be a string", Echo(key))));
  return simdjson::SUCCESS;
}

// Reads a properties object (ours: "properties", CloudEvents: "data").
error_code ReadProperties(od::value& v, std::string_view key,
                          std::vector<std::pair<std::string, PropertyValue>>& out,
                          Status& error_slot) {
  od::object obj;
  error_code e = v.get_object().get(obj);
  if (e != simdjson::SUCCESS) {
    if (!IsRecoverable(e)) return e;
    Keep(error_slot, InvalidArgument(key, "event.invalid_field",
                                     fmt::format("'{}' must be a JSON object", Echo(key))));
    return simdjson::SUCCESS;
  }
  for (auto field_result : obj) {
    od::field field;
    if ((e = std::move(field_result).get(field))) return e;
    std::string_view name;
    if ((e = field.unescaped_key().get(name))) return e;
    const std::string param = fmt::format("{}.{}", key, Echo(name));
    od::value value = field.value();
    od::json_type type;
    if ((e = value.type().get(type))) return e;
    PropertyValue pv;
    bool present = true;
    switch (type) {
      case od::json_type::string: {
        std::string_view s;
        if ((e = value.get_string().get(s))) return e;
        pv.kind = PropertyKind::kString;
        pv.text = std::string(s);
        break;
      }
      case od::json_type::number: {
        std::string_view token = value.raw_json_token();
        while (!token.empty() && (token.back() == ' ' || token.back() == '\t' ||
                                  token.back() == '\n' || token.back() == '\r')) {
          token.remove_suffix(1);
        }
        if (!IsJsonNumberToken(token)) {
          Keep(error_slot, InvalidArgument(param, "event.invalid_property",
                                           "a property value is not a valid JSON number"));
          present = false;
          break;
        }
        pv.kind = PropertyKind::kNumber;
        pv.text = CanonicalNumberText(token);
        break;
      }
      case od::json_type::boolean: {
        bool b = false;
        e = value.get_bool().get(b);
        if (e && !IsRecoverable(e)) return e;
        if (e) {
          Keep(error_slot, InvalidArgument(param, "event.invalid_property", "not a boolean"));
          present = false;
          break;
        }
        pv.kind = PropertyKind::kBool;
        pv.text = b ? "true" : "false";
        break;
      }
      case od::json_type::null: {
        bool is_null = false;
        e = value.is_null().get(is_null);
        if (e && !IsRecoverable(e)) return e;
        if (e || !is_null)
          Keep(error_slot, InvalidArgument(param, "event.invalid_property", "not null"));
        present = false;
        break;
      }
      default:
        Keep(error_slot, InvalidArgument(param, "event.invalid_property",
                                         "property values are strings, numbers or booleans"));
        present = false;
        break;
    }
    if (!present) continue;
    if (out.size() > kEventPropertiesMax) continue;  // ValidateEventShape reports the count
    for (const auto& [existing, unused] : out) {
      if (existing == name) {
        Keep(error_slot,
             InvalidArgument(param, "event.duplicate_field", "a property appears twice"));
      }
    }
    out.emplace_back(std::string(name), std::move(pv));
  }
  return simdjson::SUCCESS;
}

error_code ReadEventObject(od::object& obj, RawEvent& raw) {
  error_code e;
  for (auto field_result : obj) {
    od::field field;
    if ((e = std::move(field_result).get(field))) return e;
    std::string_view key;
    if ((e = field.unescaped_key().get(key))) return e;
    od::value v = field.value();
    // Fields of both dialects.
    if (key == "id") {
      e = ReadString(v, key, raw.id, raw.common_error);
    } else if (key == "subscription") {
      e = ReadString(v, key, raw.subscription, raw.common_error);
    } else if (key == "customer") {
      e = ReadString(v, key, raw.customer, raw.ours_error);
    } else if (key == "meter") {
      e = ReadString(v, key, raw.meter, raw.ours_error);
    } else if (key == "timestamp") {
      e = ReadString(v, key, raw.timestamp, raw.ours_error);
    } else if (key == "properties") {
      if (raw.has_properties) {
        Keep(raw.ours_error, InvalidArgument(key, "event.duplicate_field", "'properties' twice"));
      }
      raw.has_properties = true;
      e = ReadProperties(v, key, raw.properties, raw.ours_error);
    } else if (key == "specversion") {
      e = ReadString(v, key, raw.specversion, raw.ce_error);
    } else if (key == "source") {
      e = ReadString(v, key, raw.source, raw.ce_error);
    } else if (key == "type") {
      e = ReadString(v, key, raw.type, raw.ce_error);
    } else if (key == "subject") {
      e = ReadString(v, key, raw.subject, raw.ce_error);
    } else if (key == "time") {
      e = ReadString(v, key, raw.time, raw.ce_error);
    } else if (key == "datacontenttype") {
      e = ReadString(v, key, raw.datacontenttype, raw.ce_error);
    } else if (key == "data") {
      if (raw.has_data) {
        Keep(raw.ce_error, InvalidArgument(key, "event.duplicate_field", "'data' twice"));
      }
      raw.has_data = true;
      e = ReadProperties(v, key, raw.data, raw.ce_error);
    } else if (raw.first_unknown.empty()) {
      raw.first_unknown = Echo(key);
    }
    if (e) return e;
  }
  return simdjson::SUCCESS;
}

void SetTimestamp(const std::optional<std::string>& text, std::string_view param,
                  IngestItem& item) {
  if (!text.has_value()) {
    Keep(item.parse_error,
         InvalidArgument(param, "event.invalid_timestamp", fmt::format("'{}' is required", param)));
    return;
  }
  Result<absl::Time> t = ParseInstant(*text);
  if (!t.ok()) {
    Keep(item.parse_error,
         InvalidArgument(
             param, "event.invalid_timestamp",
             fmt::format("'{}' is an RFC 3339 date-time, e.g. 2026-01-31T10:00:00Z", param)));
    return;
  }
  item.event.timestamp = *t;
}

// Turns what was read into an item of the dialect the event uses.
IngestItem Finish(RawEvent raw, Dialect dialect) {
  IngestItem item;
  UsageEvent& ev = item.event;
  ev.id = raw.id.value_or("");
  ev.subscription = raw.subscription.value_or("");
  item.parse_error = raw.common_error;
  const bool cloud = dialect == Dialect::kCloudEvents || raw.specversion.has_value();
  if (!cloud) {
    Keep(item.parse_error, raw.ours_error);
    if (!raw.first_unknown.empty() || raw.has_data || raw.source || raw.type || raw.subject ||
        raw.time || raw.datacontenttype) {
      std::string key = raw.first_unknown;
      if (key.empty()) {
        key = raw.has_data  ? "data"
              : raw.source  ? "source"
              : raw.type    ? "type"
              : raw.subject ? "subject"
              : raw.time    ? "time"
                            : "datacontenttype";
      }
      Keep(
          item.parse_error,
          InvalidArgument(key, "event.unknown_field",
                          fmt::format("unknown field '{}' (CloudEvents need 'specversion')", key)));
    }
    ev.customer = raw.customer.value_or("");
    ev.meter = raw.meter.value_or("");
    ev.properties = std::move(raw.properties);
    SetTimestamp(raw.timestamp, "timestamp", item);
    return item;
  }
  Keep(item.parse_error, raw.ce_error);
  if (raw.specversion.value_or("") != "1.0") {
    Keep(item.parse_error, InvalidArgument("specversion", "event.unsupported_specversion",
                                           "only CloudEvents specversion 1.0 is supported"));
  }
  if (raw.source.value_or("").empty()) {
    Keep(item.parse_error,
         InvalidArgument("source", "event.missing_source", "a CloudEvent needs a 'source'"));
  }
  if (raw.datacontenttype.has_value()) {
    std::string ct = absl::AsciiStrToLower(AsAbsl(*raw.datacontenttype));
    if (ct != "application/json" && !ct.starts_with("application/json;")) {
      Keep(item.parse_error, InvalidArgument("datacontenttype", "event.unsupported_content_type",
                                             "event data must be application/json"));
    }
  }
  // "customer" is accepted as an extension attribute when there is no subject.
  ev.customer = raw.subject.has_value() ? *raw.subject : raw.customer.value_or("");
  ev.meter = raw.type.value_or("");
  ev.properties = std::move(raw.data);
  SetTimestamp(raw.time, "time", item);
  return item;
}

// Parses one event from `value`; a non-SUCCESS return means the document itself is broken.
error_code ParseEventValue(od::value value, Dialect dialect, IngestItem& item) {
  od::object obj;
  error_code e = value.get_object().get(obj);
  if (e) {
    if (!IsRecoverable(e)) return e;
    item = IngestItem{};
    item.parse_error = Malformed("an event is a JSON object");
    return simdjson::SUCCESS;
  }
  RawEvent raw;
  if ((e = ReadEventObject(obj, raw))) return e;
  item = Finish(std::move(raw), dialect);
  return simdjson::SUCCESS;
}

// Whether the whole document was consumed (no trailing content after the root value).
bool AtEnd(od::document& doc) { return doc.current_location().error() == simdjson::OUT_OF_BOUNDS; }

Status MalformedBody(error_code e) {
  return InvalidArgument("", "request.malformed_json",
                         fmt::format("the body is not valid JSON: {}", simdjson::error_message(e)));
}

}  // namespace

struct EventParser::Impl {
  od::parser parser;
  simdjson::padded_string padded;

  error_code ParseArray(od::array arr, Dialect dialect, std::vector<IngestItem>& out,
                        Status& limit) {
    for (auto element : arr) {
      od::value v;
      if (error_code e = element.get(v)) return e;
      if (out.size() == kIngestBatchEventsMax) {
        limit = LimitExceeded("request.too_many_events",
                              fmt::format("a batch has at most {} events", kIngestBatchEventsMax));
        return simdjson::SUCCESS;
      }
      out.emplace_back();
      if (error_code e = ParseEventValue(v, dialect, out.back())) return e;
    }
    return simdjson::SUCCESS;
  }
};

EventParser::EventParser() : impl_(std::make_unique<Impl>()) {}
EventParser::~EventParser() = default;

Result<std::vector<IngestItem>> EventParser::ParseBody(std::string_view body,
                                                       std::string_view content_type) {
  if (body.size() > kIngestBatchBytesMax) {
    return LimitExceeded("request.too_large",
                         fmt::format("an event batch has at most {} bytes", kIngestBatchBytesMax));
  }
  if (!simdjson::validate_utf8(body.data(), body.size())) {
    return InvalidArgument("", "request.invalid_utf8", "the body is not valid UTF-8");
  }
  std::string ct = absl::AsciiStrToLower(AsAbsl(content_type.substr(0, content_type.find(';'))));
  ct = std::string(absl::StripAsciiWhitespace(ct));
  const bool ce_single = ct == "application/cloudevents+json";
  const bool ce_batch = ct == "application/cloudevents-batch+json";
  const Dialect dialect = ce_single || ce_batch ? Dialect::kCloudEvents : Dialect::kAuto;

  impl_->padded = simdjson::padded_string(body);
  od::document doc;
  if (error_code e = impl_->parser.iterate(impl_->padded).get(doc)) return MalformedBody(e);
  od::json_type type;
  if (error_code e = doc.type().get(type)) return MalformedBody(e);
  std::vector<IngestItem> out;
  Status limit;
  if (type == od::json_type::array && !ce_single) {
    od::array arr;
    if (error_code e = doc.get_array().get(arr)) return MalformedBody(e);
    if (error_code e = impl_->ParseArray(arr, dialect, out, limit)) return MalformedBody(e);
  } else if (type == od::json_type::object && !ce_batch) {
    od::object root;
    if (error_code e = doc.get_object().get(root)) return MalformedBody(e);
    od::value events;
    error_code found =
        ce_single ? simdjson::NO_SUCH_FIELD : root.find_field_unordered("events").get(events);
    if (found == simdjson::SUCCESS) {
      od::array arr;
      error_code e = events.get_array().get(arr);
      if (e) {
        if (!IsRecoverable(e)) return MalformedBody(e);
        return InvalidArgument("events", "parameter.invalid_type", "'events' must be an array");
      }
      if ((e = impl_->ParseArray(arr, dialect, out, limit))) return MalformedBody(e);
      if (!limit.ok()) return limit;
      // {"events": [...]} holds nothing else.
      doc.rewind();
      if ((e = doc.get_object().get(root))) return MalformedBody(e);
      for (auto field_result : root) {
        od::field field;
        if ((e = std::move(field_result).get(field))) return MalformedBody(e);
        std::string_view key;
        if ((e = field.unescaped_key().get(key))) return MalformedBody(e);
        if (key != "events") {
          return InvalidArgument(Echo(key), "parameter.unknown",
                                 fmt::format("unknown parameter '{}'", Echo(key)));
        }
      }
    } else if (found == simdjson::NO_SUCH_FIELD) {
      doc.rewind();
      od::value v;
      if (error_code e = doc.get_value().get(v)) return MalformedBody(e);
      out.emplace_back();
      if (error_code e = ParseEventValue(v, dialect, out.back())) return MalformedBody(e);
    } else {
      return MalformedBody(found);
    }
  } else {
    return InvalidArgument("", "request.malformed_json",
                           ce_single ? "a CloudEvent is a JSON object"
                                     : "the body is an array of events or {\"events\": [...]}");
  }
  if (!limit.ok()) return limit;
  if (!AtEnd(doc)) return MalformedBody(simdjson::TRAILING_CONTENT);
  return out;
}

IngestItem EventParser::ParseLine(std::string_view line, size_t readable) {
  IngestItem item;
  if (line.size() > kEventLineBytesMax) {
    item.parse_error = Malformed(fmt::format("a line has at most {} bytes", kEventLineBytesMax));
    return item;
  }
  if (!simdjson::validate_utf8(line.data(), line.size())) {
    item.parse_error = Malformed("the line is not valid UTF-8");
    return item;
  }
  od::document doc;
  error_code e = impl_->parser.iterate(line.data(), line.size(), readable).get(doc);
  od::value v;
  if (!e) e = doc.get_value().get(v);
  if (!e) e = ParseEventValue(v, Dialect::kAuto, item);
  if (!e && !AtEnd(doc)) e = simdjson::TRAILING_CONTENT;
  if (e) {
    std::string id = std::move(item.event.id);
    item = IngestItem{};
    item.event.id = std::move(id);
    item.parse_error = Malformed(fmt::format("not a JSON object: {}", simdjson::error_message(e)));
  }
  return item;
}

// ---------------------------------------------------------------------------------------------
// CSV

bool SplitCsvLine(std::string_view line, std::vector<std::string>& cells) {
  cells.clear();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string cell;
  size_t i = 0;
  while (true) {
    cell.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) return false;  // unterminated quote
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell.push_back(line[i++]);
      }
      if (i < line.size() && line[i] != ',') return false;  // text after the closing quote
    } else {
      while (i < line.size() && line[i] != ',') {
        if (line[i] == '"') return false;  // a quote inside an unquoted cell
        cell.push_back(line[i++]);
      }
    }
    cells.push_back(cell);
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

Status CsvEventReader::SetHeader(std::string_view line) {
  std::vector<std::string> cells;
  // Column names become property names, which are stored as JSON: they must be UTF-8.
  if (line.size() > kEventLineBytesMax || !simdjson::validate_utf8(line.data(), line.size()) ||
      !SplitCsvLine(line, cells)) {
    return InvalidArgument("header", "import.bad_csv_header", "the CSV header is malformed");
  }
  columns_.clear();
  names_.clear();
  bool seen[5] = {false, false, false, false, false};
  for (std::string& name : cells) {
    Column c = Column::kProperty;
    if (name == "id") c = Column::kId;
    if (name == "customer") c = Column::kCustomer;
    if (name == "subscription") c = Column::kSubscription;
    if (name == "meter") c = Column::kMeter;
    if (name == "timestamp") c = Column::kTimestamp;
    if (c != Column::kProperty) {
      bool& s = seen[static_cast<int>(c)];
      if (s) {
        return InvalidArgument("header", "import.bad_csv_header",
                               fmt::format("column '{}' appears twice", name));
      }
      s = true;
    } else if (name.empty() || name.size() > kPropertyNameLengthMax) {
      return InvalidArgument("header", "import.bad_csv_header",
                             "property column names have 1 to 100 bytes");
    }
    columns_.push_back(c);
    names_.push_back(std::move(name));
  }
  if (!seen[0] || !(seen[1] || seen[2]) || !seen[3] || !seen[4]) {
    return InvalidArgument("header", "import.bad_csv_header",
                           "the CSV header needs the columns id, customer, meter and timestamp");
  }
  return OkStatus();
}

IngestItem CsvEventReader::ParseRow(std::string_view line) const {
  IngestItem item;
  std::vector<std::string> cells;
  if (line.size() > kEventLineBytesMax || !simdjson::validate_utf8(line.data(), line.size())) {
    item.parse_error = Malformed("the row is too long or not valid UTF-8");
    return item;
  }
  if (!SplitCsvLine(line, cells)) {
    item.parse_error = Malformed("the row's quoting is broken");
    return item;
  }
  if (cells.size() != columns_.size()) {
    item.parse_error = Malformed(
        fmt::format("the row has {} cells, the header {}", cells.size(), columns_.size()));
    return item;
  }
  UsageEvent& ev = item.event;
  std::string timestamp;
  for (size_t i = 0; i < cells.size(); ++i) {
    switch (columns_[i]) {
      case Column::kId:
        ev.id = std::move(cells[i]);
        break;
      case Column::kCustomer:
        ev.customer = std::move(cells[i]);
        break;
      case Column::kSubscription:
        ev.subscription = std::move(cells[i]);
        break;
      case Column::kMeter:
        ev.meter = std::move(cells[i]);
        break;
      case Column::kTimestamp:
        timestamp = std::move(cells[i]);
        break;
      case Column::kProperty: {
        if (cells[i].empty()) break;
        PropertyValue v;
        Result<Decimal> d = Decimal::Parse(cells[i]);
        if (d.ok()) {
          v.kind = PropertyKind::kNumber;
          v.text = d->ToString();
        } else {
          v.kind = PropertyKind::kString;
          v.text = std::move(cells[i]);
        }
        ev.properties.emplace_back(names_[i], std::move(v));
        break;
      }
    }
  }
  Result<absl::Time> t = ParseInstant(timestamp);
  if (!t.ok()) {
    item.parse_error = InvalidArgument("timestamp", "event.invalid_timestamp",
                                       "'timestamp' is an RFC 3339 date-time");
  } else {
    ev.timestamp = *t;
  }
  return item;
}

}  // namespace accrue::api
