#include "accrue/domain/invoice_number.h"

#include "accrue/base/strings.h"

namespace accrue {
namespace {

Status BadFormat(std::string_view format, std::string_view why) {
  return InvalidArgument("invoice_number_format", "invoice_number_format.invalid",
                         fmt::format("invoice number format '{}' {}", format, why));
}

}  // namespace

Result<InvoiceNumberFormat> InvoiceNumberFormat::Parse(std::string_view format) {
  if (format.empty() || format.size() > kInvoiceNumberFormatLengthMax) {
    return BadFormat(format, fmt::format("must have 1 to {} characters",
                                         kInvoiceNumberFormatLengthMax));
  }
  InvoiceNumberFormat out;
  int sequences = 0;
  size_t i = 0;
  while (i < format.size()) {
    char c = format[i];
    if (c == '}') return BadFormat(format, "has a '}' without '{'");
    if (c != '{') {
      if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7E) {
        return BadFormat(format, "may contain printable ASCII only, without spaces");
      }
      if (out.pieces_.empty() || out.pieces_.back().kind != Kind::kLiteral) {
        out.pieces_.push_back({Kind::kLiteral, "", 0});
      }
      out.pieces_.back().literal.push_back(c);
      ++i;
      continue;
    }
    size_t close = format.find('}', i);
    if (close == std::string_view::npos) return BadFormat(format, "has an unclosed '{'");
    std::string_view token = format.substr(i + 1, close - i - 1);
    if (token == "YYYY") {
      out.pieces_.push_back({Kind::kYear4, "", 4});
      out.mentions_year_ = true;
    } else if (token == "YY") {
      out.pieces_.push_back({Kind::kYear2, "", 2});
      out.mentions_year_ = true;
    } else if (token == "MM") {
      out.pieces_.push_back({Kind::kMonth, "", 2});
    } else if (token == "DD") {
      out.pieces_.push_back({Kind::kDay, "", 2});
    } else if (token == "SEQ") {
      out.pieces_.push_back({Kind::kSequence, "", 1});
      ++sequences;
    } else if (token.size() > 4 && token.substr(0, 4) == "SEQ:") {
      std::string_view digits = token.substr(4);
      int width = 0;
      for (char d : digits) {
        if (d < '0' || d > '9' || width > 100) return BadFormat(format, "has a bad {SEQ:n} width");
        width = width * 10 + (d - '0');
      }
      if (width < 1 || width > 12) return BadFormat(format, "needs {SEQ:n} with 1 ≤ n ≤ 12");
      out.pieces_.push_back({Kind::kSequence, "", width});
      ++sequences;
    } else {
      return BadFormat(format, fmt::format("has an unknown token '{{{}}}'", token));
    }
    i = close + 1;
  }
  if (sequences != 1) return BadFormat(format, "must contain exactly one {SEQ} or {SEQ:n}");
  return out;
}

std::string InvoiceNumberFormat::Render(int64_t sequence, absl::CivilDay day) const {
  std::string out;
  for (const Piece& p : pieces_) {
    switch (p.kind) {
      case Kind::kLiteral:
        out += p.literal;
        break;
      case Kind::kYear4:
        out += fmt::format("{:04d}", day.year());
        break;
      case Kind::kYear2:
        out += fmt::format("{:02d}", day.year() % 100);
        break;
      case Kind::kMonth:
        out += fmt::format("{:02d}", day.month());
        break;
      case Kind::kDay:
        out += fmt::format("{:02d}", day.day());
        break;
      case Kind::kSequence:
        out += fmt::format("{:0{}d}", sequence, p.width);
        break;
    }
  }
  return out;
}

std::string NumberSeriesKey(NumberReset reset, absl::CivilDay day) {
  return reset == NumberReset::kYearly ? fmt::format("{:04d}", day.year()) : std::string();
}

}  // namespace accrue
