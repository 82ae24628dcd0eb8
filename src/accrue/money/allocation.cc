#include "accrue/money/allocation.h"

#include <algorithm>
#include <numeric>

#include "accrue/base/check.h"
#include "accrue/money/decimal.h"  // Int128

namespace accrue {
namespace {

void CheckPartCount(std::size_t parts) {
  ACCRUE_CHECK(parts >= 1 && parts <= kMaxAllocationParts,
               "allocation needs 1..kMaxAllocationParts parts");
}

// |total| fits in Int128 even for INT64_MIN, and every part is at most |total|, so negating a
// part afterwards stays within int64.
Int128 Magnitude(int64_t total) {
  return total < 0 ? -static_cast<Int128>(total) : static_cast<Int128>(total);
}

std::vector<int64_t> WithSignOf(int64_t total, const std::vector<Int128>& magnitudes) {
  std::vector<int64_t> parts;
  parts.reserve(magnitudes.size());
  for (Int128 part : magnitudes) {
    parts.push_back(static_cast<int64_t>(total < 0 ? -part : part));
  }
  const Int128 sum = std::accumulate(parts.begin(), parts.end(), Int128{0});
  ACCRUE_CHECK(sum == static_cast<Int128>(total), "allocated parts do not sum to the total");
  return parts;
}

// Largest remainder on magnitudes: floor shares first, then one unit each to the parts whose
// dropped fraction (remainder / weight_sum) is largest, earliest first on ties.
std::vector<Int128> AllocateMagnitude(Int128 total, std::span<const int64_t> weights,
                                      Int128 weight_sum) {
  std::vector<Int128> parts(weights.size());
  std::vector<Int128> remainders(weights.size());
  Int128 left = total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    // total < 2^63 and weight < 2^63: the product fits in 127 bits.
    const Int128 exact = total * weights[i];
    parts[i] = exact / weight_sum;
    remainders[i] = exact % weight_sum;
    left -= parts[i];
  }
  // Each floor loses less than one unit, so fewer units are left than there are parts.
  ACCRUE_CHECK(left >= 0 && left < static_cast<Int128>(weights.size()),
               "largest-remainder leftover out of bounds");
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; k < static_cast<std::size_t>(left); ++k) parts[order[k]] += 1;
  return parts;
}

}  // namespace

std::vector<int64_t> Allocate(int64_t total_minor, std::span<const int64_t> weights) {
  CheckPartCount(weights.size());
  Int128 weight_sum = 0;
  for (int64_t weight : weights) {
    ACCRUE_CHECK(weight >= 0, "allocation weights must be non-negative");
    weight_sum += weight;  // at most 2^20 * 2^63: fits
  }
  if (weight_sum == 0) return AllocateEvenly(total_minor, weights.size());
  return WithSignOf(total_minor, AllocateMagnitude(Magnitude(total_minor), weights, weight_sum));
}

std::vector<int64_t> AllocateEvenly(int64_t total_minor, std::size_t parts) {
  CheckPartCount(parts);
  const Int128 total = Magnitude(total_minor);
  const auto count = static_cast<Int128>(parts);
  std::vector<Int128> magnitudes(parts, total / count);
  const auto extra = static_cast<std::size_t>(total % count);
  for (std::size_t i = 0; i < extra; ++i) magnitudes[i] += 1;
  return WithSignOf(total_minor, magnitudes);
}

}  // namespace accrue
