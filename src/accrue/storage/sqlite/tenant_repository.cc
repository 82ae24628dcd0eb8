#include "accrue/storage/sqlite/repositories.h"
#include "accrue/storage/sqlite/rows.h"

namespace accrue::sqlite {
namespace {

constexpr std::string_view kTenantColumns =
    "id, name, invoice_number_format, invoice_number_reset, time_zone, default_net_terms_days, "
    "created_at_us, reporting_currency";

std::string_view ResetName(NumberReset r) { return r == NumberReset::kYearly ? "yearly" : "never"; }

Result<Tenant> ReadTenant(const Statement& st) {
  Tenant t;
  t.id = ColumnId<TenantId>(st, 0);
  t.name = st.ColumnText(1);
  t.settings.invoice_number_format = st.ColumnText(2);
  std::string_view reset = st.ColumnTextView(3);
  if (reset != "yearly" && reset != "never") return CorruptRow("tenants", "number reset");
  t.settings.invoice_number_reset = reset == "yearly" ? NumberReset::kYearly : NumberReset::kNever;
  t.settings.time_zone = st.ColumnText(4);
  t.settings.default_net_terms_days = static_cast<int>(st.ColumnInt(5));
  t.created_at = ColumnTime(st, 6);
  ASSIGN_OR_RETURN(t.settings.reporting_currency, ColumnCurrency(st, 7, "tenants"));
  return t;
}

}  // namespace

Status SqliteTenantRepository::Insert(const Tenant& t) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("INSERT INTO tenants ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                          kTenantColumns)));
  BindId(*st, 1, t.id);
  st->Bind(2, t.name).Bind(3, t.settings.invoice_number_format);
  st->Bind(4, ResetName(t.settings.invoice_number_reset)).Bind(5, t.settings.time_zone);
  st->Bind(6, t.settings.default_net_terms_days).Bind(7, Micros(t.created_at));
  st->Bind(8, t.settings.reporting_currency.code());
  return st->Run();
}

Result<std::optional<Tenant>> SqliteTenantRepository::Find(TenantId id) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("SELECT {} FROM tenants WHERE id = ?", kTenantColumns)));
  BindId(*st, 1, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Tenant>();
  ASSIGN_OR_RETURN(Tenant t, ReadTenant(*st));
  return std::optional<Tenant>(std::move(t));
}

Result<std::vector<Tenant>> SqliteTenantRepository::List(int limit) {
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(fmt::format(
                                       "SELECT {} FROM tenants ORDER BY id LIMIT ?", kTenantColumns)));
  st->Bind(1, limit);
  std::vector<Tenant> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Tenant t, ReadTenant(*st));
    out.push_back(std::move(t));
  }
  return out;
}

Status SqliteTenantRepository::UpdateSettings(TenantId id, const TenantSettings& s) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("UPDATE tenants SET invoice_number_format = ?, invoice_number_reset "
                              "= ?, time_zone = ?, default_net_terms_days = ?, "
                              "reporting_currency = ? WHERE id = ?"));
  st->Bind(1, s.invoice_number_format).Bind(2, ResetName(s.invoice_number_reset));
  st->Bind(3, s.time_zone).Bind(4, s.default_net_terms_days);
  st->Bind(5, s.reporting_currency.code());
  BindId(*st, 6, id);
  return st->Run();
}

namespace {

// The seller_profiles columns are the profile's field names with '.' as '_' ("address_city"),
// in the order of SellerProfileFieldNames().
const std::string& SellerColumns() {
  static const std::string* columns = [] {
    auto* out = new std::string();
    for (std::string_view name : SellerProfileFieldNames()) {
      if (!out->empty()) *out += ", ";
      for (char c : name) *out += c == '.' ? '_' : c;
    }
    return out;
  }();
  return *columns;
}

}  // namespace

Result<std::optional<SellerProfile>> SqliteTenantRepository::FindSellerProfile(TenantId id) {
  static const std::string kSql =
      fmt::format("SELECT {} FROM seller_profiles WHERE tenant_id = ?", SellerColumns());
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(kSql));
  BindId(*st, 1, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<SellerProfile>();
  SellerProfile p;
  const std::vector<std::string_view>& names = SellerProfileFieldNames();
  for (size_t i = 0; i < names.size(); ++i) {
    SellerProfileField(p, names[i]) = st->ColumnText(static_cast<int>(i));
  }
  st->Reset();
  return std::optional<SellerProfile>(std::move(p));
}

Status SqliteTenantRepository::SaveSellerProfile(TenantId id, const SellerProfile& profile,
                                                 absl::Time at) {
  static const std::string kSql = [] {
    std::string placeholders;
    for (size_t i = 0; i < SellerProfileFieldNames().size(); ++i) placeholders += ", ?";
    return fmt::format(
        "INSERT OR REPLACE INTO seller_profiles (tenant_id, updated_at_us, {}) VALUES (?, ?{})",
        SellerColumns(), placeholders);
  }();
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(kSql));
  BindId(*st, 1, id);
  st->Bind(2, Micros(at));
  const std::vector<std::string_view>& names = SellerProfileFieldNames();
  for (size_t i = 0; i < names.size(); ++i) {
    st->Bind(static_cast<int>(i) + 3, SellerProfileField(profile, names[i]));
  }
  return st->Run();
}

Status SqliteTenantRepository::InsertApiKey(const ApiKey& k) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?, ?)"));
  BindId(*st, 1, k.id);
  BindId(*st, 2, k.tenant_id);
  st->Bind(3, k.name).Bind(4, k.prefix).BindBlob(5, k.hash).Bind(6, Micros(k.created_at));
  st->Bind(7, Micros(k.revoked_at));
  return st->Run();
}

Result<std::optional<ApiKey>> SqliteTenantRepository::FindApiKeyByHash(std::string_view sha256) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("SELECT id, tenant_id, name, prefix, hash, created_at_us, "
                              "revoked_at_us FROM api_keys WHERE hash = ?"));
  st->BindBlob(1, sha256);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<ApiKey>();
  ApiKey k;
  k.id = ColumnId<ApiKeyId>(*st, 0);
  k.tenant_id = ColumnId<TenantId>(*st, 1);
  k.name = st->ColumnText(2);
  k.prefix = st->ColumnText(3);
  k.hash = std::string(st->ColumnBlob(4));
  k.created_at = ColumnTime(*st, 5);
  k.revoked_at = ColumnOptionalTime(*st, 6);
  return std::optional<ApiKey>(std::move(k));
}

}  // namespace accrue::sqlite
