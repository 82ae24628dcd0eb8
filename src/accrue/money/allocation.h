// Allocation: split a total of minor units into parts without losing or creating a cent.
//
// Used wherever one amount is divided: a discount spread over invoice lines, a payment applied
// to several invoices, a tax total distributed by line for reporting. Naive per-part rounding
// makes the parts sum to a cent more or less than the total; these functions use the largest
// remainder method instead: every part gets the floor of its exact share, and the cents left
// over go one each to the parts with the largest dropped fractions, ties to the earliest part.
// The result is deterministic, sums to the total exactly (checked), and no part is off from its
// exact share by a whole minor unit. A negative total is split as the mirror image of the
// positive one, so Allocate(-t, w) == -Allocate(t, w).
//
// Lifecycle: pure functions. Thread-safety: safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace accrue {

// Upper bound on the number of parts; more is a bug (a split never has millions of parts).
inline constexpr std::size_t kMaxAllocationParts = std::size_t{1} << 20;

// Splits `total_minor` in proportion to `weights`. Weights must be non-negative and there must
// be 1..kMaxAllocationParts of them (ACCRUE_CHECK: wrong weights are a bug in the caller). If
// all weights are zero the total is split evenly, as by AllocateEvenly.
std::vector<int64_t> Allocate(int64_t total_minor, std::span<const int64_t> weights);

// Splits `total_minor` into `parts` (1..kMaxAllocationParts) parts that differ by at most one
// minor unit, larger parts first: 100 into 3 is {34, 33, 33}.
std::vector<int64_t> AllocateEvenly(int64_t total_minor, std::size_t parts);

}  // namespace accrue
