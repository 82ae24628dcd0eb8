#include "accrue/storage/sqlite/rows.h"

namespace accrue::sqlite {

Status CorruptRow(std::string_view table, std::string_view what) {
  return MakeError(absl::StatusCode::kDataLoss, "storage.corrupt",
                   fmt::format("a stored {} row is corrupt: {}", table, what));
}

Status ExpectOneRow(const Statement& st, std::string_view what, std::string_view id) {
  if (st.Changes() == 1) return OkStatus();
  return InternalError("storage.update_lost",
                       fmt::format("{} {} was not updated: it is missing or an immutable field "
                                   "changed",
                                   what, id));
}

Result<absl::CivilDay> ColumnDate(const Statement& st, int col, std::string_view table) {
  Result<absl::CivilDay> day = ParseDate(st.ColumnTextView(col));
  if (!day.ok()) return CorruptRow(table, "bad date");
  return *day;
}

Result<std::optional<absl::CivilDay>> ColumnOptionalDate(const Statement& st, int col,
                                                         std::string_view table) {
  if (st.ColumnIsNull(col)) return std::optional<absl::CivilDay>();
  ASSIGN_OR_RETURN(absl::CivilDay day, ColumnDate(st, col, table));
  return std::optional<absl::CivilDay>(day);
}

Result<Currency> ColumnCurrency(const Statement& st, int col, std::string_view table) {
  Result<Currency> c = Currency::Find(st.ColumnTextView(col));
  if (!c.ok()) return CorruptRow(table, "unknown currency");
  return *c;
}

Result<Decimal> ColumnDecimal(const Statement& st, int col, std::string_view table) {
  Result<Decimal> d = Decimal::Parse(st.ColumnTextView(col));
  if (!d.ok()) return CorruptRow(table, "bad decimal");
  return *d;
}

std::string EncodeMetadata(const Metadata& metadata) {
  std::vector<std::string> flat;
  flat.reserve(metadata.size() * 2);
  for (const auto& [k, v] : metadata) {
    flat.push_back(k);
    flat.push_back(v);
  }
  return EncodeStringList(flat);
}

Result<Metadata> DecodeMetadata(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<std::string> flat, DecodeStringList(text));
  if (flat.size() % 2 != 0) return CorruptRow("metadata", "odd number of strings");
  Metadata out;
  for (size_t i = 0; i < flat.size(); i += 2) out.emplace_back(flat[i], flat[i + 1]);
  return out;
}

std::string EncodeTags(const Tags& tags) { return EncodeStringList(tags); }
Result<Tags> DecodeTags(std::string_view text) { return DecodeStringList(text); }

std::string EncodeAddress(const PostalAddress& a) {
  if (a.IsEmpty()) return "[]";
  return EncodeStringList({a.line1, a.line2, a.city, a.postal_code, a.region, a.country});
}

Result<PostalAddress> DecodeAddress(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<std::string> f, DecodeStringList(text));
  if (f.empty()) return PostalAddress{};
  if (f.size() != 6) return CorruptRow("address", "wrong field count");
  return PostalAddress{f[0], f[1], f[2], f[3], f[4], f[5]};
}

std::string EncodeTaxIds(const std::vector<TaxIdentifier>& tax_ids) {
  std::vector<std::string> flat;
  for (const TaxIdentifier& t : tax_ids) {
    flat.push_back(t.type);
    flat.push_back(t.value);
  }
  return EncodeStringList(flat);
}

Result<std::vector<TaxIdentifier>> DecodeTaxIds(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<std::string> flat, DecodeStringList(text));
  if (flat.size() % 2 != 0) return CorruptRow("tax_ids", "odd number of strings");
  std::vector<TaxIdentifier> out;
  for (size_t i = 0; i < flat.size(); i += 2) out.push_back({flat[i], flat[i + 1]});
  return out;
}

}  // namespace accrue::sqlite
