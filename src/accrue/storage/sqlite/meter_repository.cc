#include "accrue/storage/sqlite/rows.h"
#include "accrue/storage/sqlite/usage_repositories.h"

namespace accrue::sqlite {
namespace {

constexpr char kColumns[] =
    "tenant_id, id, code, name, aggregation, property, filters, group_by, created_at_us";

// Filters as one string list: per filter its property, the number of values, the values.
std::string EncodeFilters(const std::vector<MeterFilter>& filters) {
  std::vector<std::string> items;
  for (const MeterFilter& f : filters) {
    items.push_back(f.property);
    items.push_back(std::to_string(f.values.size()));
    items.insert(items.end(), f.values.begin(), f.values.end());
  }
  return EncodeStringList(items);
}

Result<std::vector<MeterFilter>> DecodeFilters(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<std::string> items, DecodeStringList(text));
  std::vector<MeterFilter> out;
  size_t i = 0;
  while (i < items.size()) {
    if (i + 1 >= items.size()) return CorruptRow("meters", "filters");
    MeterFilter f;
    f.property = items[i];
    size_t n = 0;
    for (char ch : items[i + 1]) {
      if (ch < '0' || ch > '9' || n > kMeterFilterValuesMax) return CorruptRow("meters", "filters");
      n = n * 10 + static_cast<size_t>(ch - '0');
    }
    i += 2;
    if (items.size() - i < n) return CorruptRow("meters", "filters");
    f.values.assign(items.begin() + static_cast<std::ptrdiff_t>(i),
                    items.begin() + static_cast<std::ptrdiff_t>(i + n));
    i += n;
    out.push_back(std::move(f));
  }
  return out;
}

Result<Meter> ReadMeter(const Statement& st) {
  Meter m;
  m.tenant_id = ColumnId<TenantId>(st, 0);
  m.id = ColumnId<MeterId>(st, 1);
  m.code = st.ColumnText(2);
  m.name = st.ColumnText(3);
  Result<Aggregation> aggregation = ParseAggregation(st.ColumnTextView(4));
  if (!aggregation.ok()) return CorruptRow("meters", "aggregation");
  m.aggregation = *aggregation;
  m.property = st.ColumnText(5);
  ASSIGN_OR_RETURN(m.filters, DecodeFilters(st.ColumnTextView(6)));
  ASSIGN_OR_RETURN(m.group_by, DecodeStringList(st.ColumnTextView(7)));
  m.created_at = ColumnTime(st, 8);
  return m;
}

Result<std::optional<Meter>> ReadOne(Statement& st) {
  ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<Meter>();
  ASSIGN_OR_RETURN(Meter m, ReadMeter(st));
  return std::optional<Meter>(std::move(m));
}

}  // namespace

Status SqliteMeterRepository::Insert(const Meter& m) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format(
                       "INSERT INTO meters ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", kColumns)));
  BindId(*st, 1, m.tenant_id);
  BindId(*st, 2, m.id);
  st->Bind(3, m.code).Bind(4, m.name).Bind(5, AggregationName(m.aggregation));
  st->Bind(6, m.property).Bind(7, EncodeFilters(m.filters)).Bind(8, EncodeStringList(m.group_by));
  st->Bind(9, Micros(m.created_at));
  Status s = st->Run();
  if (s.code() == absl::StatusCode::kAlreadyExists) {
    return Conflict("meter.code_taken", fmt::format("a meter with code '{}' exists", m.code),
                    "code");
  }
  return s;
}

Result<std::optional<Meter>> SqliteMeterRepository::Find(TenantId tenant, MeterId id) {
  ASSIGN_OR_RETURN(
      Statement * st,
      c_.Prepare(fmt::format("SELECT {} FROM meters WHERE tenant_id = ? AND id = ?", kColumns)));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  return ReadOne(*st);
}

Result<std::optional<Meter>> SqliteMeterRepository::FindByCode(TenantId tenant,
                                                               std::string_view code) {
  ASSIGN_OR_RETURN(
      Statement * st,
      c_.Prepare(fmt::format("SELECT {} FROM meters WHERE tenant_id = ? AND code = ?", kColumns)));
  BindId(*st, 1, tenant);
  st->Bind(2, code);
  return ReadOne(*st);
}

Result<Page<Meter>> SqliteMeterRepository::List(TenantId tenant, const PageRequest& page) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("SELECT {} FROM meters WHERE tenant_id = ?1 AND "
                                          "(?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3",
                                          kColumns)));
  BindId(*st, 1, tenant);
  BindCursor(*st, 2, page.starting_after);
  st->Bind(3, FetchLimit(page.limit));
  return ReadPage<Meter>(*st, page.limit, ReadMeter);
}

}  // namespace accrue::sqlite
