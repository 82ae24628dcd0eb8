// SplitMix64: a small, fixed pseudo-random sequence for tests, simulations and benchmark data —
// the same numbers on every platform and standard library, so a failing seed reproduces. Never
// for ids or secrets (base/uuid.h and base/crypto.h are).
#pragma once

#include <cstddef>
#include <cstdint>

namespace accrue {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // In [0, n), n > 0 (the modulo bias is irrelevant at these sizes).
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  // True with probability p percent.
  bool Percent(size_t p) { return Below(100) < p; }

 private:
  uint64_t state_;
};

}  // namespace accrue
