// SQLite implementation of PaymentRepository (app/ports/payment_store.h). Internal to
// storage/sqlite.
#pragma once

#include <string_view>

#include "accrue/app/ports/payment_store.h"
#include "accrue/storage/sqlite/sqlite_db.h"

namespace accrue::sqlite {

// Migration 9: payments and their events.
inline constexpr std::string_view kPaymentsSchema = R"sql(
CREATE TABLE payments (
  tenant_id BLOB NOT NULL REFERENCES tenants(id),
  id BLOB NOT NULL,
  customer_id BLOB NOT NULL,
  currency TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  applied_minor INTEGER NOT NULL CHECK (applied_minor >= 0),
  refunded_minor INTEGER NOT NULL CHECK (refunded_minor >= 0),
  reversed_minor INTEGER NOT NULL CHECK (reversed_minor >= 0),
  method TEXT NOT NULL,
  reference TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL,
  received_at_us INTEGER NOT NULL,
  created_at_us INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id),
  -- Money is never lost: what is applied, refunded and reversed never exceeds what was received.
  CHECK (applied_minor + refunded_minor + reversed_minor <= amount_minor)
) WITHOUT ROWID;
CREATE INDEX payments_by_customer ON payments(tenant_id, customer_id, id);
CREATE INDEX payments_by_status ON payments(tenant_id, status, id);

CREATE TABLE payment_events (
  tenant_id BLOB NOT NULL,
  payment_id BLOB NOT NULL,
  id BLOB NOT NULL,
  kind TEXT NOT NULL,
  invoice_id BLOB,
  currency TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  against TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  at_us INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, payment_id, id),
  FOREIGN KEY (tenant_id, payment_id) REFERENCES payments(tenant_id, id)
) WITHOUT ROWID;
CREATE INDEX payment_events_by_invoice ON payment_events(tenant_id, invoice_id, id)
  WHERE invoice_id IS NOT NULL;
)sql";

class SqlitePaymentRepository final : public PaymentRepository {
 public:
  explicit SqlitePaymentRepository(Connection& c) : c_(c) {}
  Status Insert(const Payment& payment) override;
  Status Update(const Payment& payment) override;
  Result<std::optional<Payment>> Find(TenantId tenant, PaymentId id) override;
  Result<Page<Payment>> List(TenantId tenant, const PaymentFilter& filter,
                             const PageRequest& page) override;
  Status InsertEvent(const PaymentEvent& event) override;
  Result<std::vector<PaymentEvent>> ListEvents(TenantId tenant, PaymentId payment) override;
  Result<std::vector<PaymentEvent>> ListEventsForInvoice(TenantId tenant,
                                                         InvoiceId invoice) override;

 private:
  Connection& c_;
};

}  // namespace accrue::sqlite
