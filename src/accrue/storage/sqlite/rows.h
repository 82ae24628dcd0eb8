// Small conversions between domain values and SQLite columns, shared by the repositories.
// Internal to storage/sqlite.
#pragma once

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "accrue/app/ports/store.h"
#include "accrue/base/strings.h"
#include "accrue/domain/attributes.h"
#include "accrue/domain/customer.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"
#include "accrue/storage/sqlite/codec.h"
#include "accrue/storage/sqlite/sqlite_db.h"
#include "accrue/time/instant.h"

namespace accrue::sqlite {

template <typename Id>
void BindId(Statement& st, int index, const Id& id) {
  st.BindBlob(index, id.uuid().Bytes());
}
template <typename Id>
void BindOptionalId(Statement& st, int index, const std::optional<Id>& id) {
  if (id.has_value()) {
    st.BindBlob(index, id->uuid().Bytes());
  } else {
    st.BindNull(index);
  }
}
template <typename Id>
Id ColumnId(const Statement& st, int col) {
  return Id(Uuid::FromBytes(st.ColumnBlob(col)));
}
template <typename Id>
std::optional<Id> ColumnOptionalId(const Statement& st, int col) {
  if (st.ColumnIsNull(col)) return std::nullopt;
  return Id(Uuid::FromBytes(st.ColumnBlob(col)));
}

inline int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
inline std::optional<int64_t> Micros(const std::optional<absl::Time>& t) {
  if (!t.has_value()) return std::nullopt;
  return absl::ToUnixMicros(*t);
}
inline absl::Time ColumnTime(const Statement& st, int col) {
  return absl::FromUnixMicros(st.ColumnInt(col));
}
inline std::optional<absl::Time> ColumnOptionalTime(const Statement& st, int col) {
  std::optional<int64_t> v = st.ColumnOptionalInt(col);
  if (!v.has_value()) return std::nullopt;
  return absl::FromUnixMicros(*v);
}
inline std::optional<std::string> Date(const std::optional<absl::CivilDay>& d) {
  if (!d.has_value()) return std::nullopt;
  return FormatDate(*d);
}

Status CorruptRow(std::string_view table, std::string_view what);

// After an UPDATE by primary key that also pins the immutable columns: exactly one row must have
// changed. Anything else means the row is gone or a caller tried to change what may not change —
// a bug, reported as an internal error for this request.
Status ExpectOneRow(const Statement& st, std::string_view what, std::string_view id);

Result<absl::CivilDay> ColumnDate(const Statement& st, int col, std::string_view table);
Result<std::optional<absl::CivilDay>> ColumnOptionalDate(const Statement& st, int col,
                                                         std::string_view table);
Result<Currency> ColumnCurrency(const Statement& st, int col, std::string_view table);
Result<Decimal> ColumnDecimal(const Statement& st, int col, std::string_view table);

std::string EncodeMetadata(const Metadata& metadata);
Result<Metadata> DecodeMetadata(std::string_view text);
std::string EncodeTags(const Tags& tags);
Result<Tags> DecodeTags(std::string_view text);
std::string EncodeAddress(const PostalAddress& address);
Result<PostalAddress> DecodeAddress(std::string_view text);
std::string EncodeTaxIds(const std::vector<TaxIdentifier>& tax_ids);
Result<std::vector<TaxIdentifier>> DecodeTaxIds(std::string_view text);

// Cursor pagination: queries fetch limit+1 rows to learn whether there is a next page.
inline int FetchLimit(int limit) { return limit + 1; }

// Lists run newest first with `id < ?`. Without a cursor we bind a blob that sorts after every
// 16-byte id instead of writing `(? IS NULL OR id < ?)`: SQLite cannot use an index range for an
// OR, and would rescan the tenant's rows from the start for every page.
inline void BindCursor(Statement& st, int index, const std::optional<Uuid>& starting_after) {
  static constexpr char kAfterEveryId[17] = {'\xff', '\xff', '\xff', '\xff', '\xff', '\xff',
                                            '\xff', '\xff', '\xff', '\xff', '\xff', '\xff',
                                            '\xff', '\xff', '\xff', '\xff', '\xff'};
  if (starting_after.has_value()) {
    st.BindBlob(index, starting_after->Bytes());
  } else {
    st.BindBlob(index, std::string_view(kAfterEveryId, sizeof kAfterEveryId));
  }
}

// Ascending scans (`id > ?`): without a cursor, the empty blob sorts before every id.
template <typename Id>
void BindAscendingCursor(Statement& st, int index, const std::optional<Id>& after) {
  if (after.has_value()) {
    st.BindBlob(index, after->uuid().Bytes());
  } else {
    st.BindBlob(index, std::string_view());
  }
}

// Steps through a query bound with FetchLimit(limit) and reads up to `limit` rows with `read`
// (a function const Statement& -> Result<T>).
template <typename T, typename ReadFn>
Result<Page<T>> ReadPage(Statement& st, int limit, ReadFn read) {
  Page<T> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    if (static_cast<int>(out.items.size()) == limit) {
      out.has_more = true;
      break;
    }
    ASSIGN_OR_RETURN(T item, read(st));
    out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace accrue::sqlite
