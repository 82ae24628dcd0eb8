#include "accrue/app/invoices.h"

#include "accrue/app/customers.h"
#include "accrue/app/document_chain.h"
#include "accrue/app/ledger.h"
#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"
#include "accrue/domain/billing.h"
#include "accrue/time/time_zone.h"

namespace accrue {
namespace {

using Transition = Result<InvoiceStatusChange> (*)(Invoice&, const TransitionContext&);

// Load, apply a pure transition, persist the invoice and its change record.
Result<Invoice> ApplyTransition(StoreTx& tx, const Services& services, const Actor& actor,
                                InvoiceId id, std::string reason, Transition transition) {
  ASSIGN_OR_RETURN(Invoice inv, GetInvoice(tx, actor, id));
  TransitionContext ctx{actor.name, std::move(reason), services.clock.Now()};
  ASSIGN_OR_RETURN(InvoiceStatusChange change, transition(inv, ctx));
  RETURN_IF_ERROR(tx.invoices().Update(inv));
  RETURN_IF_ERROR(tx.invoices().InsertStatusChange(change));
  return inv;
}

}  // namespace

Result<Invoice> GetInvoice(StoreTx& tx, const Actor& actor, InvoiceId id, std::string_view param) {
  ASSIGN_OR_RETURN(std::optional<Invoice> found, tx.invoices().Find(actor.tenant, id));
  if (!found.has_value()) {
    return NotFound("invoice.not_found", fmt::format("no invoice {}", id.ToString()), param);
  }
  return *std::move(found);
}

Result<Page<Invoice>> ListInvoices(StoreTx& tx, const Actor& actor, const InvoiceFilter& filter,
                                   const PageRequest& page) {
  return tx.invoices().List(actor.tenant, filter, page);
}

Result<std::vector<InvoiceStatusChange>> InvoiceHistory(StoreTx& tx, const Actor& actor,
                                                        InvoiceId id) {
  RETURN_IF_ERROR(GetInvoice(tx, actor, id).status());
  return tx.invoices().ListStatusChanges(actor.tenant, id);
}

Result<InvoiceFinalizer> InvoiceFinalizer::ForTenant(const Tenant& tenant) {
  ASSIGN_OR_RETURN(InvoiceNumberFormat format,
                   InvoiceNumberFormat::Parse(tenant.settings.invoice_number_format));
  ASSIGN_OR_RETURN(absl::TimeZone tz, LoadTimeZone(tenant.settings.time_zone));
  return InvoiceFinalizer(tenant, std::move(format), tz);
}

Result<std::vector<InvoiceStatusChange>> InvoiceFinalizer::FinalizeAll(
    StoreTx& tx, std::vector<Invoice*>& drafts, const TransitionContext& ctx,
    const CustomerZones* known_zones) const {
  std::vector<InvoiceStatusChange> changes;
  if (drafts.empty()) return changes;
  // The seller issues the document: issue date and number year are the tenant's calendar day.
  const absl::CivilDay issue_day = absl::ToCivilDay(ctx.now, tz_);
  const std::string series_key = NumberSeriesKey(tenant_.settings.invoice_number_reset, issue_day);
  ASSIGN_OR_RETURN(int64_t first,
                   tx.number_series().Reserve(tenant_.id, series_key,
                                              static_cast<int64_t>(drafts.size())));
  changes.reserve(drafts.size());
  int64_t sequence = first;
  for (Invoice* inv : drafts) {
    ASSIGN_OR_RETURN(InvoiceStatusChange change,
                     Finalize(*inv, format_.Render(sequence, issue_day), sequence, issue_day, ctx));
    changes.push_back(std::move(change));
    ++sequence;
  }
  // The books move with the invoices: one entry per invoice, in this same transaction.
  RETURN_IF_ERROR(PostFinalizedInvoices(tx, tenant_, tz_, drafts, ctx.now, known_zones));
  // And the tamper-evident chain: from here on the documents can only be verified, not edited.
  RETURN_IF_ERROR(ChainInvoices(tx, tenant_.id, drafts));
  return changes;
}

Result<Invoice> FinalizeInvoice(StoreTx& tx, const Services& services, const Actor& actor,
                                InvoiceId id) {
  ASSIGN_OR_RETURN(Invoice inv, GetInvoice(tx, actor, id));
  if (inv.status != InvoiceStatus::kDraft) {
    return WrongState("invoice.not_draft",
                      fmt::format("invoice {} is {}; only drafts can be finalized",
                                  id.ToString(), InvoiceStatusName(inv.status)));
  }
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, actor.tenant));
  // The document shows the buyer as it is at issue time.
  ASSIGN_OR_RETURN(Customer customer, GetCustomer(tx, actor, inv.customer_id, "customer"));
  inv.buyer = SnapshotBuyer(customer);
  ASSIGN_OR_RETURN(InvoiceFinalizer finalizer, InvoiceFinalizer::ForTenant(tenant));
  std::vector<Invoice*> drafts{&inv};
  TransitionContext ctx{actor.name, "", services.clock.Now()};
  ASSIGN_OR_RETURN(std::vector<InvoiceStatusChange> changes,
                   finalizer.FinalizeAll(tx, drafts, ctx));
  RETURN_IF_ERROR(tx.invoices().Update(inv));
  for (const InvoiceStatusChange& change : changes) {
    RETURN_IF_ERROR(tx.invoices().InsertStatusChange(change));
  }
  return inv;
}

Result<Invoice> VoidInvoice(StoreTx& tx, const Services& services, const Actor& actor,
                            InvoiceId id, std::string reason) {
  ASSIGN_OR_RETURN(Invoice inv,
                   ApplyTransition(tx, services, actor, id, std::move(reason), &Void));
  RETURN_IF_ERROR(PostVoidedInvoice(tx, inv));
  return inv;
}

Result<Invoice> MarkInvoiceSent(StoreTx& tx, const Services& services, const Actor& actor,
                                InvoiceId id) {
  return ApplyTransition(tx, services, actor, id, "", &MarkSent);
}

Result<Invoice> MarkInvoiceUncollectible(StoreTx& tx, const Services& services,
                                         const Actor& actor, InvoiceId id, std::string reason) {
  ASSIGN_OR_RETURN(Invoice inv, ApplyTransition(tx, services, actor, id, std::move(reason),
                                                &MarkUncollectible));
  RETURN_IF_ERROR(PostWrittenOffInvoice(tx, inv));
  return inv;
}

Result<Invoice> ArchiveInvoice(StoreTx& tx, const Services& services, const Actor& actor,
                               InvoiceId id) {
  return ApplyTransition(tx, services, actor, id, "", &Archive);
}

}  // namespace accrue
