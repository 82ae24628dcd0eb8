// Uuid: a 128-bit RFC 9562 identifier, and a generator of version 7 (time-ordered) UUIDs.
//
// Every resource id in Accrue is a UUIDv7: the invoice data model other systems exchange with us
// uses UUIDs, and because v7 ids start with a millisecond timestamp, new rows append to the end
// of a B-tree instead of landing at random pages (an order of magnitude faster on SQLite).
//
// Uuid is a value type. UuidV7Generator is thread-safe; it never reads the clock itself: the
// caller passes the instant, so tests and test clocks control ids as they control time.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "accrue/base/status.h"

namespace accrue {

class Uuid {
 public:
  Uuid() = default;  // the nil UUID
  explicit Uuid(const std::array<uint8_t, 16>& bytes) : bytes_(bytes) {}

  // Parses the canonical 36-character form (8-4-4-4-12 hex digits, either case).
  static Result<Uuid> Parse(std::string_view text);
  static Uuid FromBytes(std::string_view sixteen_bytes);

  std::string ToString() const;  // lower-case canonical form
  std::string_view Bytes() const {
    return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()};
  }
  const std::array<uint8_t, 16>& bytes() const { return bytes_; }
  bool IsNil() const;
  int Version() const { return bytes_[6] >> 4; }
  // For a v7 UUID, the millisecond timestamp it carries.
  int64_t UnixMillis() const;

  friend auto operator<=>(const Uuid&, const Uuid&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const Uuid& id) {
    return H::combine_contiguous(std::move(h), id.bytes_.data(), id.bytes_.size());
  }

 private:
  std::array<uint8_t, 16> bytes_{};
};

// Makes UUIDv7s that are strictly increasing across all threads of one generator, even when
// many are made in the same millisecond or the clock steps back (RFC 9562 §6.2, method 2: the 74
// random bits act as a counter within a millisecond).
class UuidV7Generator {
 public:
  // Seeds from the operating system's CSPRNG.
  UuidV7Generator();
  // Deterministic, for tests.
  explicit UuidV7Generator(uint64_t seed);

  Uuid Next(absl::Time now);

 private:
  uint64_t NextRandom();  // requires mu_

  std::mutex mu_;
  uint64_t state_[2];       // guarded by mu_ (xorshift128+)
  int64_t last_millis_ = 0;  // guarded by mu_
  uint64_t last_high_ = 0;   // guarded by mu_: 12 bits of rand_a
  uint64_t last_low_ = 0;    // guarded by mu_: 62 bits of rand_b
};

}  // namespace accrue
