// Encodes lists of strings (tags, metadata pairs, address fields, tax ids) into one TEXT column
// as a JSON array of strings — valid JSON, so SQLite's json functions can query it — and decodes
// what this codec wrote. Decoding anything else is reported as corruption, never a crash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accrue/base/status.h"

namespace accrue::sqlite {

std::string EncodeStringList(const std::vector<std::string>& items);
Result<std::vector<std::string>> DecodeStringList(std::string_view text);

}  // namespace accrue::sqlite
