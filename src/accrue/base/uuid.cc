#include "accrue/base/uuid.h"

#include <openssl/rand.h>

#include <cstring>

#include "accrue/base/strings.h"

namespace accrue {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr uint64_t kLow62Mask = (uint64_t{1} << 62) - 1;
constexpr uint64_t kHigh12Mask = (uint64_t{1} << 12) - 1;

}  // namespace

Result<Uuid> Uuid::Parse(std::string_view text) {
  if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' ||
      text[23] != '-') {
    return InvalidArgument("", "id.malformed",
                           fmt::format("'{}' is not a UUID", text.substr(0, 64)));
  }
  std::array<uint8_t, 16> bytes{};
  size_t out = 0;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '-') {
      ++i;
      continue;
    }
    int hi = HexValue(text[i]);
    int lo = HexValue(text[i + 1]);
    if (hi < 0 || lo < 0) {
      return InvalidArgument("", "id.malformed",
                             fmt::format("'{}' is not a UUID", text));
    }
    bytes[out++] = static_cast<uint8_t>((hi << 4) | lo);
    i += 2;
  }
  return Uuid(bytes);
}

Uuid Uuid::FromBytes(std::string_view sixteen_bytes) {
  std::array<uint8_t, 16> bytes{};
  if (sixteen_bytes.size() == bytes.size()) {
    std::memcpy(bytes.data(), sixteen_bytes.data(), bytes.size());
  }
  return Uuid(bytes);
}

std::string Uuid::ToString() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes_.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes_[i] >> 4]);
    out.push_back(kHex[bytes_[i] & 0xF]);
  }
  return out;
}

bool Uuid::IsNil() const {
  for (uint8_t b : bytes_) {
    if (b != 0) return false;
  }
  return true;
}

int64_t Uuid::UnixMillis() const {
  int64_t ms = 0;
  for (size_t i = 0; i < 6; ++i) ms = (ms << 8) | bytes_[i];
  return ms;
}

UuidV7Generator::UuidV7Generator() {
  if (RAND_bytes(reinterpret_cast<unsigned char*>(state_), sizeof(state_)) != 1) {
    state_[0] = 0x9E3779B97F4A7C15ull;
    state_[1] = static_cast<uint64_t>(absl::ToUnixNanos(absl::Now()));
  }
  if (state_[0] == 0 && state_[1] == 0) state_[0] = 1;
}

UuidV7Generator::UuidV7Generator(uint64_t seed) {
  state_[0] = seed ^ 0x9E3779B97F4A7C15ull;
  state_[1] = (seed * 0xBF58476D1CE4E5B9ull) | 1;
}

uint64_t UuidV7Generator::NextRandom() {
  uint64_t s1 = state_[0];
  const uint64_t s0 = state_[1];
  state_[0] = s0;
  s1 ^= s1 << 23;
  state_[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
  return state_[1] + s0;
}

Uuid UuidV7Generator::Next(absl::Time now) {
  int64_t millis = absl::ToUnixMillis(now);
  if (millis < 0) millis = 0;
  uint64_t high;
  uint64_t low;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (millis > last_millis_) {
      high = NextRandom() & kHigh12Mask;
      // Start the counter in the lower half of its range so that many ids can follow within one
      // millisecond before it has to borrow from the next.
      low = NextRandom() & (kLow62Mask >> 1);
      last_millis_ = millis;
    } else {
      // Same millisecond (or the clock stepped back): keep the last timestamp and count up.
      millis = last_millis_;
      high = last_high_;
      low = last_low_ + 1;
      if (low > kLow62Mask) {
        low = 0;
        high = high + 1;
        if (high > kHigh12Mask) {
          high = 0;
          millis = ++last_millis_;
        }
      }
    }
    last_high_ = high;
    last_low_ = low;
  }
  std::array<uint8_t, 16> b{};
  for (int i = 0; i < 6; ++i) b[static_cast<size_t>(i)] = static_cast<uint8_t>(millis >> (40 - 8 * i));
  b[6] = static_cast<uint8_t>(0x70 | (high >> 8));
  b[7] = static_cast<uint8_t>(high & 0xFF);
  b[8] = static_cast<uint8_t>(0x80 | (low >> 56));
  for (int i = 0; i < 7; ++i) b[static_cast<size_t>(9 + i)] = static_cast<uint8_t>(low >> (48 - 8 * i));
  return Uuid(b);
}

}  // namespace accrue
