#include "accrue/storage/sqlite/sqlite_store.h"

#include "accrue/base/strings.h"
#include "accrue/storage/sqlite/charge_repository.h"
#include "accrue/storage/sqlite/credit_note_repository.h"
#include "accrue/storage/sqlite/document_chain_repository.h"
#include "accrue/storage/sqlite/ledger_repository.h"
#include "accrue/storage/sqlite/payment_repository.h"
#include "accrue/storage/sqlite/repositories.h"
#include "accrue/storage/sqlite/schema.h"
#include "accrue/storage/sqlite/sqlite_migrator.h"
#include "accrue/storage/sqlite/usage_repositories.h"

namespace accrue {
namespace {

// One transaction's view: the repositories, all bound to the transaction's connection.
class SqliteTx final : public StoreTx {
 public:
  explicit SqliteTx(sqlite::Connection& c)
      : tenants_(c),
        customers_(c),
        plans_(c),
        subscriptions_(c),
        invoices_(c),
        number_series_(c),
        billing_runs_(c),
        idempotency_(c),
        meters_(c),
        usage_(c),
        rating_(c),
        ledger_(c),
        payments_(c),
        credit_notes_(c),
        document_chain_(c) {}

  TenantRepository& tenants() override { return tenants_; }
  CustomerRepository& customers() override { return customers_; }
  PlanRepository& plans() override { return plans_; }
  SubscriptionRepository& subscriptions() override { return subscriptions_; }
  InvoiceRepository& invoices() override { return invoices_; }
  NumberSeriesRepository& number_series() override { return number_series_; }
  BillingRunRepository& billing_runs() override { return billing_runs_; }
  IdempotencyRepository& idempotency() override { return idempotency_; }
  MeterRepository& meters() override { return meters_; }
  UsageRepository& usage() override { return usage_; }
  RatingRepository& rating() override { return rating_; }
  LedgerRepository& ledger() override { return ledger_; }
  PaymentRepository& payments() override { return payments_; }
  CreditNoteRepository& credit_notes() override { return credit_notes_; }
  DocumentChainRepository& document_chain() override { return document_chain_; }

 private:
  sqlite::SqliteTenantRepository tenants_;
  sqlite::SqliteCustomerRepository customers_;
  sqlite::SqlitePlanRepository plans_;
  sqlite::SqliteSubscriptionRepository subscriptions_;
  sqlite::SqliteInvoiceRepository invoices_;
  sqlite::SqliteNumberSeriesRepository number_series_;
  sqlite::SqliteBillingRunRepository billing_runs_;
  sqlite::SqliteIdempotencyRepository idempotency_;
  sqlite::SqliteMeterRepository meters_;
  sqlite::SqliteUsageRepository usage_;
  sqlite::SqliteRatingRepository rating_;
  sqlite::SqliteLedgerRepository ledger_;
  sqlite::SqlitePaymentRepository payments_;
  sqlite::SqliteCreditNoteRepository credit_notes_;
  sqlite::SqliteDocumentChainRepository document_chain_;
};

}  // namespace

std::string SqliteDatabasePath(std::string_view data_dir) {
  return fmt::format("{}/accrue.db", data_dir);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const sqlite::OpenOptions& options,
                                                       int reader_count) {
  ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Database> db,
                   sqlite::Database::Open(options, reader_count));
  RETURN_IF_ERROR(sqlite::ApplyMigrations(db->writer_unlocked(), sqlite::AccrueMigrations()));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db)));
}

Result<int> SqliteStore::Migrate(const sqlite::OpenOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Database> db, sqlite::Database::Open(options, 1));
  RETURN_IF_ERROR(sqlite::ApplyMigrations(db->writer_unlocked(), sqlite::AccrueMigrations()));
  return sqlite::CurrentSchemaVersion(db->writer_unlocked());
}

Status SqliteStore::Write(const std::function<Status(StoreTx&)>& fn) {
  return db_->Write([&](sqlite::Connection& c) {
    SqliteTx tx(c);
    return fn(tx);
  });
}

Status SqliteStore::Read(const std::function<Status(StoreTx&)>& fn) {
  return db_->Read([&](sqlite::Connection& c) {
    SqliteTx tx(c);
    return fn(tx);
  });
}

}  // namespace accrue
