// Use cases for invoices: read, list, and the lifecycle verbs. Finalization assigns the next
// gapless number of the tenant's series in the same transaction that turns the draft into an
// open invoice; nothing else ever writes a number.
#pragma once

#include <vector>

#include "accrue/app/ledger.h"
#include "accrue/app/services.h"
#include "accrue/domain/invoice_lifecycle.h"
#include "accrue/domain/invoice_number.h"

namespace accrue {

Result<Invoice> GetInvoice(StoreTx& tx, const Actor& actor, InvoiceId id,
                           std::string_view param = "id");
Result<Page<Invoice>> ListInvoices(StoreTx& tx, const Actor& actor, const InvoiceFilter& filter,
                                   const PageRequest& page);
Result<std::vector<InvoiceStatusChange>> InvoiceHistory(StoreTx& tx, const Actor& actor,
                                                        InvoiceId id);

Result<Invoice> FinalizeInvoice(StoreTx& tx, const Services& services, const Actor& actor,
                                InvoiceId id);
Result<Invoice> VoidInvoice(StoreTx& tx, const Services& services, const Actor& actor,
                            InvoiceId id, std::string reason);
Result<Invoice> MarkInvoiceSent(StoreTx& tx, const Services& services, const Actor& actor,
                                InvoiceId id);
Result<Invoice> MarkInvoiceUncollectible(StoreTx& tx, const Services& services,
                                         const Actor& actor, InvoiceId id, std::string reason);
Result<Invoice> ArchiveInvoice(StoreTx& tx, const Services& services, const Actor& actor,
                               InvoiceId id);

// Finalizes drafts in one go, drawing one block of consecutive numbers: the billing run's fast
// path. Every invoice must be a draft of `tenant`; `now` decides issue date and number year.
class InvoiceFinalizer {
 public:
  static Result<InvoiceFinalizer> ForTenant(const Tenant& tenant);
  // Assigns numbers and finalizes `drafts` in order; returns the status changes to record.
  // `known_zones`: the customers' zones when the caller has them (see PostFinalizedInvoices).
  Result<std::vector<InvoiceStatusChange>> FinalizeAll(
      StoreTx& tx, std::vector<Invoice*>& drafts, const TransitionContext& ctx,
      const CustomerZones* known_zones = nullptr) const;

 private:
  InvoiceFinalizer(Tenant tenant, InvoiceNumberFormat format, absl::TimeZone tz)
      : tenant_(std::move(tenant)), format_(std::move(format)), tz_(tz) {}
  Tenant tenant_;
  InvoiceNumberFormat format_;
  absl::TimeZone tz_;
};

}  // namespace accrue
