#include "accrue/formats/einvoice/ubl_writer.h"

#include "accrue/formats/einvoice/rules.h"
#include "accrue/formats/einvoice/values.h"
#include "accrue/formats/einvoice/xml_writer.h"

namespace accrue::einvoice {
namespace {

using internal::FormatAmount;
using internal::FormatDecimal;
using internal::IsoDate;
using internal::XmlWriter;

constexpr std::string_view kInvoiceNs = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
constexpr std::string_view kCreditNoteNs =
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
constexpr std::string_view kCacNs =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
constexpr std::string_view kCbcNs =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

class UblWriter {
 public:
  UblWriter(const EInvoiceDocument& doc, Profile profile)
      : doc_(doc), profile_(profile), credit_(doc.type == DocumentType::kCreditNote) {}

  Result<std::string> Write() {
    w_.Start(credit_ ? "CreditNote" : "Invoice");
    w_.Attribute("xmlns", credit_ ? kCreditNoteNs : kInvoiceNs);
    w_.Attribute("xmlns:cac", kCacNs);
    w_.Attribute("xmlns:cbc", kCbcNs);
    Header();
    SupplierParty();
    CustomerParty();
    Delivery();
    Payment();
    for (const AllowanceCharge& ac : doc_.allowances_charges) AllowanceChargeElement(ac, true);
    TaxTotal();
    MonetaryTotal();
    for (const Line& line : doc_.lines) LineElement(line);
    w_.End();
    return w_.Finish();
  }

 private:
  void Amount(const char* qname, const std::optional<Money>& m) {
    if (m) w_.Element(qname, "currencyID", m->currency().code(), FormatAmount(*m));
  }

  void Header() {
    w_.Element("cbc:CustomizationID", SpecificationId(profile_));
    w_.Element("cbc:ProfileID", BusinessProcessId(profile_));
    w_.Element("cbc:ID", doc_.number);
    if (doc_.issue_date) w_.Element("cbc:IssueDate", IsoDate(*doc_.issue_date));
    if (!credit_ && doc_.due_date) w_.Element("cbc:DueDate", IsoDate(*doc_.due_date));
    w_.Element(credit_ ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode",
               DocumentTypeCode(doc_.type));
    for (const std::string& note : doc_.notes) w_.Element("cbc:Note", note);
    if (doc_.currency) w_.Element("cbc:DocumentCurrencyCode", doc_.currency->code());
    w_.Element("cbc:BuyerReference", doc_.buyer_reference);
    if (doc_.invoice_period) PeriodElement(*doc_.invoice_period);
    if (!internal::IsBlank(doc_.order_reference)) {
      w_.Start("cac:OrderReference");
      w_.Element("cbc:ID", doc_.order_reference);
      w_.End();
    }
    for (const PrecedingInvoice& p : doc_.preceding_invoices) {
      w_.Start("cac:BillingReference");
      w_.Start("cac:InvoiceDocumentReference");
      w_.Element("cbc:ID", p.number);
      if (p.issue_date) w_.Element("cbc:IssueDate", IsoDate(*p.issue_date));
      w_.End();
      w_.End();
    }
    if (!internal::IsBlank(doc_.contract_reference)) {
      w_.Start("cac:ContractDocumentReference");
      w_.Element("cbc:ID", doc_.contract_reference);
      w_.End();
    }
  }

  void PeriodElement(const Period& period) {
    w_.Start("cac:InvoicePeriod");
    if (period.start) w_.Element("cbc:StartDate", IsoDate(*period.start));
    if (period.end) w_.Element("cbc:EndDate", IsoDate(*period.end));
    w_.End();
  }

  void AddressElement(const char* qname, const Address& a) {
    w_.Start(qname);
    w_.Element("cbc:StreetName", a.street);
    w_.Element("cbc:AdditionalStreetName", a.additional_street);
    w_.Element("cbc:CityName", a.city);
    w_.Element("cbc:PostalZone", a.postal_code);
    w_.Element("cbc:CountrySubentity", a.subdivision);
    w_.Start("cac:Country");
    w_.Element("cbc:IdentificationCode", a.country_code);
    w_.End();
    w_.End();
  }

  void PartyIdentification(const SchemedId& id) {
    if (internal::IsBlank(id.id)) return;
    w_.Start("cac:PartyIdentification");
    w_.Element("cbc:ID", "schemeID", id.scheme, id.id);
    w_.End();
  }

  void TaxScheme(const std::string& company_id, std::string_view scheme) {
    if (internal::IsBlank(company_id)) return;
    w_.Start("cac:PartyTaxScheme");
    w_.Element("cbc:CompanyID", company_id);
    w_.Start("cac:TaxScheme");
    w_.Element("cbc:ID", scheme);
    w_.End();
    w_.End();
  }

  void PartyElement(const Party& party, const SchemedId* extra_id) {
    w_.Start("cac:Party");
    w_.Element("cbc:EndpointID", "schemeID", party.electronic_address.scheme,
               party.electronic_address.id);
    PartyIdentification(party.identifier);
    if (extra_id != nullptr) PartyIdentification(*extra_id);
    if (!internal::IsBlank(party.trading_name)) {
      w_.Start("cac:PartyName");
      w_.Element("cbc:Name", party.trading_name);
      w_.End();
    }
    AddressElement("cac:PostalAddress", party.address);
    TaxScheme(party.vat_id, "VAT");
    TaxScheme(party.tax_registration_id, "FC");
    w_.Start("cac:PartyLegalEntity");
    w_.Element("cbc:RegistrationName", party.name);
    w_.Element("cbc:CompanyID", "schemeID", party.legal_registration.scheme,
               party.legal_registration.id);
    w_.End();
    if (party.contact) {
      w_.Start("cac:Contact");
      w_.Element("cbc:Name", party.contact->name);
      w_.Element("cbc:Telephone", party.contact->telephone);
      w_.Element("cbc:ElectronicMail", party.contact->email);
      w_.End();
    }
    w_.End();
  }

  void SupplierParty() {
    // Peppol binds the SEPA creditor identifier (BT-90) as a seller identification.
    SchemedId creditor;
    if (doc_.payment_means && !internal::IsBlank(doc_.payment_means->creditor_id)) {
      creditor = SchemedId{doc_.payment_means->creditor_id, "SEPA"};
    }
    w_.Start("cac:AccountingSupplierParty");
    PartyElement(doc_.seller, creditor.id.empty() ? nullptr : &creditor);
    w_.End();
  }

  void CustomerParty() {
    w_.Start("cac:AccountingCustomerParty");
    PartyElement(doc_.buyer, nullptr);
    w_.End();
  }

  void Delivery() {
    if (!doc_.delivery) return;
    const einvoice::Delivery& d = *doc_.delivery;
    w_.Start("cac:Delivery");
    if (d.date) w_.Element("cbc:ActualDeliveryDate", IsoDate(*d.date));
    if (d.address) {
      w_.Start("cac:DeliveryLocation");
      AddressElement("cac:Address", *d.address);
      w_.End();
    }
    if (!internal::IsBlank(d.party_name)) {
      w_.Start("cac:DeliveryParty");
      w_.Start("cac:PartyName");
      w_.Element("cbc:Name", d.party_name);
      w_.End();
      w_.End();
    }
    w_.End();
  }

  void Payment() {
    if (doc_.payment_means) {
      const PaymentMeans& pm = *doc_.payment_means;
      w_.Start("cac:PaymentMeans");
      w_.Element("cbc:PaymentMeansCode", pm.type_code);
      if (credit_ && doc_.due_date) w_.Element("cbc:PaymentDueDate", IsoDate(*doc_.due_date));
      w_.Element("cbc:PaymentID", pm.payment_id);
      if (!internal::IsBlank(pm.account_id)) {
        w_.Start("cac:PayeeFinancialAccount");
        w_.Element("cbc:ID", pm.account_id);
        w_.Element("cbc:Name", pm.account_name);
        if (!internal::IsBlank(pm.bic)) {
          w_.Start("cac:FinancialInstitutionBranch");
          w_.Element("cbc:ID", pm.bic);
          w_.End();
        }
        w_.End();
      }
      if (!internal::IsBlank(pm.mandate_reference) || !internal::IsBlank(pm.debited_account)) {
        w_.Start("cac:PaymentMandate");
        w_.Element("cbc:ID", pm.mandate_reference);
        if (!internal::IsBlank(pm.debited_account)) {
          w_.Start("cac:PayerFinancialAccount");
          w_.Element("cbc:ID", pm.debited_account);
          w_.End();
        }
        w_.End();
      }
      w_.End();
    }
    if (!internal::IsBlank(doc_.payment_terms)) {
      w_.Start("cac:PaymentTerms");
      w_.Element("cbc:Note", doc_.payment_terms);
      w_.End();
    }
  }

  void TaxCategory(const char* qname, VatCategory category, const std::optional<Decimal>& rate,
                   const VatBreakdown* breakdown) {
    w_.Start(qname);
    w_.Element("cbc:ID", VatCategoryCode(category));
    if (rate) w_.Element("cbc:Percent", FormatDecimal(*rate));
    if (breakdown != nullptr) {
      w_.Element("cbc:TaxExemptionReasonCode", breakdown->exemption_reason_code);
      w_.Element("cbc:TaxExemptionReason", breakdown->exemption_reason);
    }
    w_.Start("cac:TaxScheme");
    w_.Element("cbc:ID", "VAT");
    w_.End();
    w_.End();
  }

  void AllowanceChargeElement(const AllowanceCharge& ac, bool document_level) {
    w_.Start("cac:AllowanceCharge");
    w_.Element("cbc:ChargeIndicator", ac.is_charge ? "true" : "false");
    w_.Element("cbc:AllowanceChargeReasonCode", ac.reason_code);
    w_.Element("cbc:AllowanceChargeReason", ac.reason);
    if (ac.percent) w_.Element("cbc:MultiplierFactorNumeric", FormatDecimal(*ac.percent));
    Amount("cbc:Amount", ac.amount);
    Amount("cbc:BaseAmount", ac.base_amount);
    if (document_level) TaxCategory("cac:TaxCategory", ac.vat_category, ac.vat_rate, nullptr);
    w_.End();
  }

  void TaxTotal() {
    w_.Start("cac:TaxTotal");
    Amount("cbc:TaxAmount", doc_.totals.tax_amount);
    for (const VatBreakdown& b : doc_.vat_breakdown) {
      w_.Start("cac:TaxSubtotal");
      Amount("cbc:TaxableAmount", b.taxable_amount);
      Amount("cbc:TaxAmount", b.tax_amount);
      TaxCategory("cac:TaxCategory", b.category, b.rate, &b);
      w_.End();
    }
    w_.End();
  }

  void MonetaryTotal() {
    const Totals& t = doc_.totals;
    w_.Start("cac:LegalMonetaryTotal");
    Amount("cbc:LineExtensionAmount", t.line_net_sum);
    Amount("cbc:TaxExclusiveAmount", t.tax_exclusive);
    Amount("cbc:TaxInclusiveAmount", t.tax_inclusive);
    Amount("cbc:AllowanceTotalAmount", t.allowance_total);
    Amount("cbc:ChargeTotalAmount", t.charge_total);
    Amount("cbc:PrepaidAmount", t.prepaid);
    Amount("cbc:PayableRoundingAmount", t.rounding);
    Amount("cbc:PayableAmount", t.payable);
    w_.End();
  }

  void LineElement(const Line& line) {
    w_.Start(credit_ ? "cac:CreditNoteLine" : "cac:InvoiceLine");
    w_.Element("cbc:ID", line.id);
    w_.Element("cbc:Note", line.note);
    if (line.quantity) {
      w_.Element(credit_ ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", "unitCode",
                 line.unit_code, FormatDecimal(*line.quantity));
    }
    Amount("cbc:LineExtensionAmount", line.net_amount);
    if (line.period) PeriodElement(*line.period);
    for (const AllowanceCharge& ac : line.allowances_charges) AllowanceChargeElement(ac, false);
    w_.Start("cac:Item");
    w_.Element("cbc:Description", line.item_description);
    w_.Element("cbc:Name", line.item_name);
    if (!internal::IsBlank(line.seller_item_id)) {
      w_.Start("cac:SellersItemIdentification");
      w_.Element("cbc:ID", line.seller_item_id);
      w_.End();
    }
    TaxCategory("cac:ClassifiedTaxCategory", line.vat_category, line.vat_rate, nullptr);
    w_.End();
    w_.Start("cac:Price");
    if (line.net_price && doc_.currency) {
      w_.Element("cbc:PriceAmount", "currencyID", doc_.currency->code(),
                 FormatDecimal(*line.net_price));
    }
    if (line.base_quantity) {
      w_.Element("cbc:BaseQuantity", "unitCode", line.unit_code,
                 FormatDecimal(*line.base_quantity));
    }
    w_.End();
    w_.End();
  }

  const EInvoiceDocument& doc_;
  Profile profile_;
  bool credit_;
  XmlWriter w_;
};

}  // namespace

Result<std::string> WriteUbl(const EInvoiceDocument& doc, Profile profile) {
  RETURN_IF_ERROR(CheckDocument(doc, profile));
  if (doc.type == DocumentType::kCreditNote && doc.due_date && !doc.payment_means) {
    return InvalidArgument("due_date", "einvoice.ubl.credit_note_due_date",
                           "A UBL 2.1 credit note carries its due date (BT-9) in the payment "
                           "means (BG-16); add payment means or drop the due date.");
  }
  return UblWriter(doc, profile).Write();
}

}  // namespace accrue::einvoice
