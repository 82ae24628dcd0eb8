#include "accrue/domain/attributes.h"

#include <algorithm>

#include "accrue/base/strings.h"

namespace accrue {

Status ValidateMetadata(const Metadata& metadata) {
  if (metadata.size() > kMetadataKeysMax) {
    return InvalidArgument("metadata", "parameter.too_many_items",
                           fmt::format("metadata has at most {} keys", kMetadataKeysMax));
  }
  for (size_t i = 0; i < metadata.size(); ++i) {
    const auto& [key, value] = metadata[i];
    if (key.empty() || key.size() > kMetadataKeyLengthMax) {
      return InvalidArgument("metadata", "parameter.invalid",
                             fmt::format("metadata keys have 1 to {} characters", kMetadataKeyLengthMax));
    }
    if (value.size() > kMetadataValueLengthMax) {
      return InvalidArgument(fmt::format("metadata.{}", key), "parameter.too_long",
                             fmt::format("metadata values have at most {} characters",
                                         kMetadataValueLengthMax));
    }
    for (size_t j = 0; j < i; ++j) {
      if (metadata[j].first == key) {
        return InvalidArgument(fmt::format("metadata.{}", key), "parameter.duplicate",
                               fmt::format("metadata key '{}' appears twice", key));
      }
    }
  }
  return OkStatus();
}

Result<Tags> NormalizeTags(Tags tags) {
  if (tags.size() > kTagsMax) {
    return InvalidArgument("tags", "parameter.too_many_items",
                           fmt::format("at most {} tags", kTagsMax));
  }
  Tags out;
  for (std::string& tag : tags) {
    if (tag.empty() || tag.size() > kTagLengthMax) {
      return InvalidArgument("tags", "parameter.invalid",
                             fmt::format("tags have 1 to {} characters", kTagLengthMax));
    }
    for (char c : tag) {
      if (static_cast<unsigned char>(c) < 0x20 || c == ',') {
        return InvalidArgument("tags", "parameter.invalid",
                               "tags may not contain commas or control characters");
      }
    }
    if (std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(std::move(tag));
  }
  return out;
}

}  // namespace accrue
