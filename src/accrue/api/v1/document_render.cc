#include "accrue/api/v1/document_render.h"

#include "accrue/app/credit_notes.h"
#include "accrue/app/customers.h"
#include "accrue/app/invoices.h"
#include "accrue/app/seller_profile.h"
#include "accrue/app/tenants.h"
#include "accrue/base/strings.h"
#include "accrue/formats/einvoice/cii_writer.h"
#include "accrue/formats/einvoice/invoice_mapping.h"
#include "accrue/formats/einvoice/ubl_writer.h"
#include "accrue/formats/pdf/pdf_renderer.h"
#include "accrue/time/time_zone.h"

namespace accrue::api {
namespace {

// What a document needs besides itself, read in the same snapshot.
struct Context {
  SellerProfile seller;
  std::string tenant_name;
  absl::TimeZone buyer_zone;
};

Result<Context> LoadContext(StoreTx& tx, const Actor& actor, const Invoice& invoice) {
  Context ctx;
  ASSIGN_OR_RETURN(ctx.seller, GetSellerProfile(tx, actor));
  ASSIGN_OR_RETURN(Tenant tenant, GetTenant(tx, actor.tenant));
  ctx.tenant_name = tenant.name;
  ASSIGN_OR_RETURN(Customer customer, GetCustomer(tx, actor, invoice.customer_id, "customer"));
  ASSIGN_OR_RETURN(ctx.buyer_zone, LoadTimeZone(customer.time_zone));
  return ctx;
}

Result<RenderedDocument> Render(const einvoice::MappedDocument& mapped, const Context& ctx,
                                const RenderRequest& request) {
  RenderedDocument out;
  const std::string& number = mapped.document.number;
  if (request.format == DocumentFormat::kPdf) {
    pdf::PdfOptions options;
    options.locale = request.locale.value_or(ctx.seller.pdf_locale);
    options.accent_colour = ctx.seller.accent_colour;
    options.footer = ctx.seller.footer;
    ASSIGN_OR_RETURN(out.body, pdf::RenderPdf(mapped.document, options));
    out.content_type = "application/pdf";
    out.filename = number + ".pdf";
    return out;
  }
  if (!mapped.vat_determined) {
    return MakeError(absl::StatusCode::kFailedPrecondition, "einvoice.tax_undetermined",
                     fmt::format("{} has no VAT category on its lines: Accrue does not compute "
                                 "VAT on invoices yet, so an e-invoice for a VAT-registered "
                                 "seller would state made-up VAT (a seller without a VAT id is "
                                 "invoiced as 'not subject to VAT')",
                                 number));
  }
  ASSIGN_OR_RETURN(out.body, request.format == DocumentFormat::kUbl
                                 ? einvoice::WriteUbl(mapped.document, request.profile)
                                 : einvoice::WriteCii(mapped.document, request.profile));
  out.content_type = "application/xml";
  out.filename = number + (request.format == DocumentFormat::kUbl ? ".ubl.xml" : ".cii.xml");
  return out;
}

}  // namespace

Result<DocumentFormat> ParseDocumentFormat(std::string_view text, std::string_view param) {
  if (text == "pdf") return DocumentFormat::kPdf;
  if (text == "ubl") return DocumentFormat::kUbl;
  if (text == "cii") return DocumentFormat::kCii;
  return InvalidArgument(
      param, "parameter.invalid",
      fmt::format("unknown format '{}' (one of: pdf, ubl, cii)", text.substr(0, 32)));
}

Result<einvoice::Profile> ParseEInvoiceProfile(const std::optional<std::string>& text,
                                               std::string_view param) {
  if (!text.has_value() || *text == "en16931") return einvoice::Profile::kEn16931;
  if (*text == "peppol") return einvoice::Profile::kPeppolBis3;
  if (*text == "xrechnung") return einvoice::Profile::kXRechnung3;
  return InvalidArgument(param, "parameter.invalid",
                         fmt::format("unknown profile '{}' (one of: en16931, peppol, xrechnung)",
                                     text->substr(0, 32)));
}

Result<RenderedDocument> RenderInvoiceFile(const Services& services, const Actor& actor,
                                           InvoiceId id, const RenderRequest& request) {
  std::optional<einvoice::MappedDocument> mapped;
  std::optional<Context> ctx;
  RETURN_IF_ERROR(services.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(Invoice invoice, GetInvoice(tx, actor, id));
    ASSIGN_OR_RETURN(ctx, LoadContext(tx, actor, invoice));
    ASSIGN_OR_RETURN(mapped,
                     einvoice::MapInvoice(invoice, ctx->seller, ctx->tenant_name, ctx->buyer_zone));
    return OkStatus();
  }));
  // Rendered after the snapshot is released: a PDF takes milliseconds, a reader should not.
  return Render(*mapped, *ctx, request);
}

Result<RenderedDocument> RenderCreditNoteFile(const Services& services, const Actor& actor,
                                              CreditNoteId id, const RenderRequest& request) {
  std::optional<einvoice::MappedDocument> mapped;
  std::optional<Context> ctx;
  RETURN_IF_ERROR(services.store.Read([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(CreditNote note, GetCreditNote(tx, actor, id));
    ASSIGN_OR_RETURN(Invoice invoice, GetInvoice(tx, actor, note.invoice_id, "invoice"));
    ASSIGN_OR_RETURN(ctx, LoadContext(tx, actor, invoice));
    ASSIGN_OR_RETURN(mapped, einvoice::MapCreditNote(note, invoice, ctx->seller, ctx->tenant_name,
                                                     ctx->buyer_zone));
    return OkStatus();
  }));
  return Render(*mapped, *ctx, request);
}

}  // namespace accrue::api
