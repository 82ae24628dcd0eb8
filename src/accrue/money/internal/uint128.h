// Unsigned 128-bit helpers shared by the exact-arithmetic code (pricing/exact_amount.cc,
// proration/factor.cc): the unsigned type and powers of ten, without overflow checks
// (callers keep n <= 38).
#pragma once

namespace accrue::internal {

__extension__ typedef unsigned __int128 UInt128;

constexpr UInt128 Pow10(int n) {
  UInt128 power = 1;
  for (int i = 0; i < n; ++i) power *= 10;
  return power;
}

}  // namespace accrue::internal
