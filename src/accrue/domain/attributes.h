// Free-form attributes shared by customers, plans, subscriptions and invoices: metadata (string
// key/value pairs for the integrator's own references) and tags (labels finance filters lists by).
// Limits follow Stripe's so that integrations carry over: at most 50 metadata keys, keys up to 40
// characters, values up to 500; we add at most 20 tags of up to 64 characters each.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "accrue/base/status.h"

namespace accrue {

using Metadata = std::vector<std::pair<std::string, std::string>>;
using Tags = std::vector<std::string>;

inline constexpr size_t kMetadataKeysMax = 50;
inline constexpr size_t kMetadataKeyLengthMax = 40;
inline constexpr size_t kMetadataValueLengthMax = 500;
inline constexpr size_t kTagsMax = 20;
inline constexpr size_t kTagLengthMax = 64;

// Validates sizes and rejects duplicate keys (param "metadata").
Status ValidateMetadata(const Metadata& metadata);
// Tags: non-empty, no control characters, no commas; duplicates are removed, order kept.
Result<Tags> NormalizeTags(Tags tags);

}  // namespace accrue
