#include "accrue/storage/sqlite/codec.h"

#include "accrue/base/strings.h"

namespace accrue::sqlite {
namespace {

Status Corrupt(std::string_view why) {
  return MakeError(absl::StatusCode::kDataLoss, "storage.corrupt",
                   fmt::format("stored string list is corrupt: {}", why));
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string EncodeStringList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('"');
    for (char c : items[i]) {
      auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(c);
      } else if (u < 0x20) {
        out += fmt::format("\\u{:04x}", u);
      } else {
        out.push_back(c);
      }
    }
    out.push_back('"');
  }
  out.push_back(']');
  return out;
}

Result<std::vector<std::string>> DecodeStringList(std::string_view text) {
  std::vector<std::string> items;
  size_t i = 0;
  if (text.empty() || text[i++] != '[') return Corrupt("no '['");
  if (i < text.size() && text[i] == ']') return items;
  while (i < text.size()) {
    if (text[i++] != '"') return Corrupt("expected '\"'");
    std::string item;
    while (true) {
      if (i >= text.size()) return Corrupt("unterminated string");
      char c = text[i++];
      if (c == '"') break;
      if (c != '\\') {
        item.push_back(c);
        continue;
      }
      if (i >= text.size()) return Corrupt("dangling escape");
      char e = text[i++];
      if (e == 'u') {
        if (i + 4 > text.size()) return Corrupt("short \\u escape");
        uint32_t cp = 0;
        for (int k = 0; k < 4; ++k) {
          int h = Hex(text[i++]);
          if (h < 0) return Corrupt("bad \\u escape");
          cp = (cp << 4) | static_cast<uint32_t>(h);
        }
        AppendUtf8(item, cp);
      } else if (e == '"' || e == '\\' || e == '/') {
        item.push_back(e);
      } else {
        return Corrupt("unknown escape");
      }
    }
    items.push_back(std::move(item));
    if (i >= text.size()) return Corrupt("unterminated list");
    char sep = text[i++];
    if (sep == ']') return items;
    if (sep != ',') return Corrupt("expected ',' or ']'");
  }
  return Corrupt("unterminated list");
}

}  // namespace accrue::sqlite
