#include "accrue/storage/sqlite/repositories.h"
#include "accrue/storage/sqlite/rows.h"

namespace accrue::sqlite {
namespace {

constexpr char kColumns[] =
    "tenant_id, id, name, email, address, country, currency, time_zone, locale, tax_ids, "
    "net_terms_days, metadata, created_at_us, updated_at_us";

void BindCustomer(Statement& st, const Customer& c) {
  BindId(st, 1, c.tenant_id);
  BindId(st, 2, c.id);
  st.Bind(3, c.name).Bind(4, c.email).Bind(5, EncodeAddress(c.address)).Bind(6, c.country);
  st.Bind(7, c.currency.code()).Bind(8, c.time_zone).Bind(9, c.locale);
  st.Bind(10, EncodeTaxIds(c.tax_ids));
  st.Bind(11, c.net_terms_days.has_value() ? std::optional<int64_t>(*c.net_terms_days)
                                           : std::optional<int64_t>());
  st.Bind(12, EncodeMetadata(c.metadata)).Bind(13, Micros(c.created_at));
  st.Bind(14, Micros(c.updated_at));
}

Result<Customer> ReadCustomer(const Statement& st) {
  Customer c;
  c.tenant_id = ColumnId<TenantId>(st, 0);
  c.id = ColumnId<CustomerId>(st, 1);
  c.name = st.ColumnText(2);
  c.email = st.ColumnText(3);
  ASSIGN_OR_RETURN(c.address, DecodeAddress(st.ColumnTextView(4)));
  c.country = st.ColumnText(5);
  ASSIGN_OR_RETURN(c.currency, ColumnCurrency(st, 6, "customers"));
  c.time_zone = st.ColumnText(7);
  c.locale = st.ColumnText(8);
  ASSIGN_OR_RETURN(c.tax_ids, DecodeTaxIds(st.ColumnTextView(9)));
  std::optional<int64_t> terms = st.ColumnOptionalInt(10);
  if (terms.has_value()) c.net_terms_days = static_cast<int>(*terms);
  ASSIGN_OR_RETURN(c.metadata, DecodeMetadata(st.ColumnTextView(11)));
  c.created_at = ColumnTime(st, 12);
  c.updated_at = ColumnTime(st, 13);
  return c;
}

}  // namespace

Status SqliteCustomerRepository::Insert(const Customer& c) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("INSERT INTO customers ({}) VALUES (?, ?, ?, ?, ?, ?, "
                                          "?, ?, ?, ?, ?, ?, ?, ?)",
                                          kColumns)));
  BindCustomer(*st, c);
  return st->Run();
}

Status SqliteCustomerRepository::Update(const Customer& c) {
  // Parameters as bound by BindCustomer; identity, currency and creation time never change.
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare("UPDATE customers SET name = ?3, email = ?4, address = ?5, "
                              "country = ?6, time_zone = ?8, locale = ?9, tax_ids = ?10, "
                              "net_terms_days = ?11, metadata = ?12, updated_at_us = ?14 "
                              "WHERE tenant_id = ?1 AND id = ?2 AND currency = ?7 AND "
                              "created_at_us = ?13"));
  BindCustomer(*st, c);
  RETURN_IF_ERROR(st->Run());
  return ExpectOneRow(*st, "customer", c.id.ToString());
}

Result<std::optional<Customer>> SqliteCustomerRepository::Find(TenantId tenant, CustomerId id) {
  ASSIGN_OR_RETURN(Statement * st, c_.Prepare(fmt::format(
                                       "SELECT {} FROM customers WHERE tenant_id = ? AND id = ?",
                                       kColumns)));
  BindId(*st, 1, tenant);
  BindId(*st, 2, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Customer>();
  ASSIGN_OR_RETURN(Customer c, ReadCustomer(*st));
  return std::optional<Customer>(std::move(c));
}

Result<Page<Customer>> SqliteCustomerRepository::List(TenantId tenant, const PageRequest& page) {
  ASSIGN_OR_RETURN(Statement * st,
                   c_.Prepare(fmt::format("SELECT {} FROM customers WHERE tenant_id = ?1 AND "
                                          "id < ?2 ORDER BY id DESC LIMIT ?3",
                                          kColumns)));
  BindId(*st, 1, tenant);
  BindCursor(*st, 2, page.starting_after);
  st->Bind(3, FetchLimit(page.limit));
  return ReadPage<Customer>(*st, page.limit, ReadCustomer);
}

}  // namespace accrue::sqlite
