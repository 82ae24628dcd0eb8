#include "accrue/domain/metering/event.h"

#include <cstring>

#include "accrue/base/strings.h"
#include "accrue/time/instant.h"

namespace accrue {
namespace {

void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      out.append("\\u00");
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xf]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

// A number token that JSON allows: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. Anything else
// (e.g. a CSV cell "12,5") is stored as a JSON string so the stored line stays valid JSON.
bool IsJsonNumber(std::string_view t) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
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

uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;  // little-endian hosts only (x86-64, aarch64); see the static_assert below
}

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "StableHash64 reads 8-byte words little-endian; port it before using a BE host");

}  // namespace

std::string CanonicalNumberText(std::string_view token) {
  Result<Decimal> d = Decimal::Parse(token);
  if (d.ok()) return d->ToString();
  return std::string(token);
}

const PropertyValue* UsageEvent::Find(std::string_view name) const {
  for (const auto& [key, value] : properties) {
    if (key == name) return &value;
  }
  return nullptr;
}

Status ValidateEventShape(const UsageEvent& e) {
  if (e.id.empty()) return InvalidArgument("id", "event.missing_id", "every event needs an id");
  if (e.id.size() > kEventIdLengthMax) {
    return InvalidArgument("id", "event.id_too_long",
                           fmt::format("an event id has at most {} bytes", kEventIdLengthMax));
  }
  if (e.meter.empty()) {
    return InvalidArgument("meter", "event.missing_meter", "every event names its meter");
  }
  if (e.customer.empty() && e.subscription.empty()) {
    return InvalidArgument("customer", "event.missing_customer",
                           "every event names its customer (or subscription)");
  }
  if (e.properties.size() > kEventPropertiesMax) {
    return InvalidArgument("properties", "event.too_many_properties",
                           fmt::format("an event has at most {} properties", kEventPropertiesMax));
  }
  for (const auto& [name, value] : e.properties) {
    if (name.empty() || name.size() > kPropertyNameLengthMax ||
        value.text.size() > kPropertyValueLengthMax) {
      return InvalidArgument("properties", "event.property_too_long",
                             fmt::format("property names have 1 to {} bytes and values at most {}",
                                         kPropertyNameLengthMax, kPropertyValueLengthMax));
    }
  }
  return OkStatus();
}

bool MeterFiltersMatch(const Meter& meter, const UsageEvent& event) {
  for (const MeterFilter& f : meter.filters) {
    const PropertyValue* v = event.Find(f.property);
    if (v == nullptr) return false;
    bool any = false;
    for (const std::string& allowed : f.values) {
      if (allowed == v->text) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

std::vector<std::string> EventGroupValues(const Meter& meter, const UsageEvent& event) {
  std::vector<std::string> out;
  out.reserve(meter.group_by.size());
  for (const std::string& name : meter.group_by) {
    const PropertyValue* v = event.Find(name);
    out.push_back(v == nullptr ? std::string() : v->text);
  }
  return out;
}

std::string EncodeGroupKey(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    out += std::to_string(v.size());
    out.push_back(':');
    out += v;
  }
  return out;
}

Result<std::vector<std::string>> DecodeGroupKey(std::string_view key) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < key.size()) {
    size_t length = 0;
    size_t digits = 0;
    while (i < key.size() && key[i] >= '0' && key[i] <= '9' && digits < 6) {
      length = length * 10 + static_cast<size_t>(key[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || i >= key.size() || key[i] != ':' || key.size() - i - 1 < length) {
      return MakeError(absl::StatusCode::kDataLoss, "usage.bad_group_key",
                       "a stored group key is malformed");
    }
    ++i;
    out.emplace_back(key.substr(i, length));
    i += length;
  }
  return out;
}

std::string EncodeStoredEvent(int64_t sequence, const UsageEvent& e, std::string_view customer_id,
                              bool late) {
  std::string out;
  out.reserve(160 + e.id.size() + e.properties.size() * 24);
  out += "{\"seq\":";
  out += std::to_string(sequence);
  out += ",\"id\":";
  AppendJsonString(out, e.id);
  out += ",\"customer\":";
  AppendJsonString(out, customer_id);
  if (!e.subscription.empty()) {
    out += ",\"subscription\":";
    AppendJsonString(out, e.subscription);
  }
  out += ",\"meter\":";
  AppendJsonString(out, e.meter);
  out += ",\"timestamp\":\"";
  out += FormatInstant(e.timestamp);
  out += "\",\"properties\":{";
  bool first = true;
  for (const auto& [name, value] : e.properties) {
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(out, name);
    out.push_back(':');
    if (value.kind == PropertyKind::kBool ||
        (value.kind == PropertyKind::kNumber && IsJsonNumber(value.text))) {
      out += value.text;
    } else {
      AppendJsonString(out, value.text);
    }
  }
  out += "}";
  if (late) out += ",\"late\":true";
  out += "}";
  return out;
}

uint64_t StableHash64(std::string_view bytes) {
  // MurmurHash64A (Austin Appleby, public domain), fixed seed.
  constexpr uint64_t kSeed = 0x6163637275653634ULL;  // "accrue64"
  constexpr uint64_t m = 0xc6a4a7935bd1e995ULL;
  constexpr int r = 47;
  const size_t len = bytes.size();
  uint64_t h = kSeed ^ (len * m);
  const char* p = bytes.data();
  const char* end = p + (len / 8) * 8;
  for (; p != end; p += 8) {
    uint64_t k = Load64(p);
    k *= m;
    k ^= k >> r;
    k *= m;
    h ^= k;
    h *= m;
  }
  const auto* tail = reinterpret_cast<const unsigned char*>(p);
  switch (len & 7) {
    case 7:
      h ^= uint64_t{tail[6]} << 48;
      [[fallthrough]];
    case 6:
      h ^= uint64_t{tail[5]} << 40;
      [[fallthrough]];
    case 5:
      h ^= uint64_t{tail[4]} << 32;
      [[fallthrough]];
    case 4:
      h ^= uint64_t{tail[3]} << 24;
      [[fallthrough]];
    case 3:
      h ^= uint64_t{tail[2]} << 16;
      [[fallthrough]];
    case 2:
      h ^= uint64_t{tail[1]} << 8;
      [[fallthrough]];
    case 1:
      h ^= uint64_t{tail[0]};
      h *= m;
      break;
    default:
      break;
  }
  h ^= h >> r;
  h *= m;
  h ^= h >> r;
  return h;
}

}  // namespace accrue
