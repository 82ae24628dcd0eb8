// SQLite implementation of CreditNoteRepository (app/ports/credit_note_store.h). Internal to
// storage/sqlite.
#pragma once

#include <string_view>

#include "accrue/app/ports/credit_note_store.h"
#include "accrue/storage/sqlite/sqlite_db.h"

namespace accrue::sqlite {

// Migration 11: credit notes and their lines. The CHECKs restate the note's arithmetic so a
// row that disagrees with itself cannot be stored.
inline constexpr std::string_view kCreditNotesSchema = R"sql(
CREATE TABLE credit_notes (
  tenant_id BLOB NOT NULL REFERENCES tenants(id),
  id BLOB NOT NULL,
  invoice_id BLOB NOT NULL,
  customer_id BLOB NOT NULL,
  number TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  currency TEXT NOT NULL,
  reason TEXT NOT NULL,
  memo TEXT NOT NULL,
  subtotal_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  total_minor INTEGER NOT NULL CHECK (total_minor > 0),
  due_reduced_minor INTEGER NOT NULL CHECK (due_reduced_minor >= 0),
  returned_minor INTEGER NOT NULL CHECK (returned_minor >= 0),
  refunded INTEGER NOT NULL,
  issue_date TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices(tenant_id, id),
  CHECK (total_minor = subtotal_minor + tax_minor),
  CHECK (total_minor = due_reduced_minor + returned_minor)
) WITHOUT ROWID;
CREATE UNIQUE INDEX credit_notes_by_number ON credit_notes(tenant_id, number);
CREATE INDEX credit_notes_by_invoice ON credit_notes(tenant_id, invoice_id, id);
CREATE INDEX credit_notes_by_customer ON credit_notes(tenant_id, customer_id, id);

CREATE TABLE credit_note_lines (
  tenant_id BLOB NOT NULL,
  credit_note_id BLOB NOT NULL,
  position INTEGER NOT NULL,
  id BLOB NOT NULL,
  invoice_line_id BLOB NOT NULL,
  description TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  credited_before_minor INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, credit_note_id, position),
  FOREIGN KEY (tenant_id, credit_note_id) REFERENCES credit_notes(tenant_id, id)
) WITHOUT ROWID;
)sql";

class SqliteCreditNoteRepository final : public CreditNoteRepository {
 public:
  explicit SqliteCreditNoteRepository(Connection& c) : c_(c) {}
  Status Insert(const CreditNote& note) override;
  Result<std::optional<CreditNote>> Find(TenantId tenant, CreditNoteId id) override;
  Result<Page<CreditNote>> List(TenantId tenant, const CreditNoteFilter& filter,
                                const PageRequest& page) override;
  Result<std::vector<CreditNote>> ListForInvoice(TenantId tenant, InvoiceId invoice) override;

 private:
  Status LoadLines(CreditNote& note);
  Connection& c_;
};

}  // namespace accrue::sqlite
