#include "accrue/formats/einvoice/cii_writer.h"

#include "accrue/formats/einvoice/rules.h"
#include "accrue/formats/einvoice/values.h"
#include "accrue/formats/einvoice/xml_writer.h"

namespace accrue::einvoice {
namespace {

using internal::CompactDate;
using internal::FormatAmount;
using internal::FormatDecimal;
using internal::IsBlank;
using internal::XmlWriter;

class CiiWriter {
 public:
  CiiWriter(const EInvoiceDocument& doc, Profile profile) : doc_(doc), profile_(profile) {}

  Result<std::string> Write() {
    w_.Start("rsm:CrossIndustryInvoice");
    w_.Attribute("xmlns:rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100");
    w_.Attribute("xmlns:ram",
                 "urn:un:unece:uncefact:data:standard:"
                 "ReusableAggregateBusinessInformationEntity:100");
    w_.Attribute("xmlns:qdt", "urn:un:unece:uncefact:data:standard:QualifiedDataType:100");
    w_.Attribute("xmlns:udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100");
    Context();
    ExchangedDocument();
    w_.Start("rsm:SupplyChainTradeTransaction");
    for (const Line& line : doc_.lines) LineItem(line);
    Agreement();
    Delivery();
    Settlement();
    w_.End();
    w_.End();
    return w_.Finish();
  }

 private:
  void Amount(const char* qname, const std::optional<Money>& m) {
    if (m) w_.Element(qname, FormatAmount(*m));
  }

  // <qname><udt:DateTimeString format="102">20240131</udt:DateTimeString></qname>
  void Date(const char* qname, absl::CivilDay day, const char* inner = "udt:DateTimeString") {
    w_.Start(qname);
    w_.Element(inner, "format", "102", CompactDate(day));
    w_.End();
  }

  void Context() {
    w_.Start("rsm:ExchangedDocumentContext");
    std::string_view process = BusinessProcessId(profile_);
    if (!process.empty()) {
      w_.Start("ram:BusinessProcessSpecifiedDocumentContextParameter");
      w_.Element("ram:ID", process);
      w_.End();
    }
    w_.Start("ram:GuidelineSpecifiedDocumentContextParameter");
    w_.Element("ram:ID", SpecificationId(profile_));
    w_.End();
    w_.End();
  }

  void ExchangedDocument() {
    w_.Start("rsm:ExchangedDocument");
    w_.Element("ram:ID", doc_.number);
    w_.Element("ram:TypeCode", DocumentTypeCode(doc_.type));
    if (doc_.issue_date) Date("ram:IssueDateTime", *doc_.issue_date);
    for (const std::string& note : doc_.notes) {
      w_.Start("ram:IncludedNote");
      w_.Element("ram:Content", note);
      w_.End();
    }
    w_.End();
  }

  void Period(const Period& period) {
    w_.Start("ram:BillingSpecifiedPeriod");
    if (period.start) Date("ram:StartDateTime", *period.start);
    if (period.end) Date("ram:EndDateTime", *period.end);
    w_.End();
  }

  void AllowanceChargeElement(const AllowanceCharge& ac, bool document_level) {
    w_.Start("ram:SpecifiedTradeAllowanceCharge");
    w_.Start("ram:ChargeIndicator");
    w_.Element("udt:Indicator", ac.is_charge ? "true" : "false");
    w_.End();
    if (ac.percent) w_.Element("ram:CalculationPercent", FormatDecimal(*ac.percent));
    Amount("ram:BasisAmount", ac.base_amount);
    Amount("ram:ActualAmount", ac.amount);
    w_.Element("ram:ReasonCode", ac.reason_code);
    w_.Element("ram:Reason", ac.reason);
    if (document_level) {
      w_.Start("ram:CategoryTradeTax");
      w_.Element("ram:TypeCode", "VAT");
      w_.Element("ram:CategoryCode", VatCategoryCode(ac.vat_category));
      if (ac.vat_rate) w_.Element("ram:RateApplicablePercent", FormatDecimal(*ac.vat_rate));
      w_.End();
    }
    w_.End();
  }

  void LineItem(const Line& line) {
    w_.Start("ram:IncludedSupplyChainTradeLineItem");
    w_.Start("ram:AssociatedDocumentLineDocument");
    w_.Element("ram:LineID", line.id);
    if (!IsBlank(line.note)) {
      w_.Start("ram:IncludedNote");
      w_.Element("ram:Content", line.note);
      w_.End();
    }
    w_.End();
    w_.Start("ram:SpecifiedTradeProduct");
    w_.Element("ram:SellerAssignedID", line.seller_item_id);
    w_.Element("ram:Name", line.item_name);
    w_.Element("ram:Description", line.item_description);
    w_.End();
    w_.Start("ram:SpecifiedLineTradeAgreement");
    w_.Start("ram:NetPriceProductTradePrice");
    if (line.net_price) w_.Element("ram:ChargeAmount", FormatDecimal(*line.net_price));
    if (line.base_quantity) {
      w_.Element("ram:BasisQuantity", "unitCode", line.unit_code,
                 FormatDecimal(*line.base_quantity));
    }
    w_.End();
    w_.End();
    w_.Start("ram:SpecifiedLineTradeDelivery");
    if (line.quantity) {
      w_.Element("ram:BilledQuantity", "unitCode", line.unit_code, FormatDecimal(*line.quantity));
    }
    w_.End();
    w_.Start("ram:SpecifiedLineTradeSettlement");
    w_.Start("ram:ApplicableTradeTax");
    w_.Element("ram:TypeCode", "VAT");
    w_.Element("ram:CategoryCode", VatCategoryCode(line.vat_category));
    if (line.vat_rate) w_.Element("ram:RateApplicablePercent", FormatDecimal(*line.vat_rate));
    w_.End();
    if (line.period) Period(*line.period);
    for (const AllowanceCharge& ac : line.allowances_charges) AllowanceChargeElement(ac, false);
    w_.Start("ram:SpecifiedTradeSettlementLineMonetarySummation");
    Amount("ram:LineTotalAmount", line.net_amount);
    w_.End();
    w_.End();
    w_.End();
  }

  void AddressElement(const Address& a) {
    w_.Start("ram:PostalTradeAddress");
    w_.Element("ram:PostcodeCode", a.postal_code);
    w_.Element("ram:LineOne", a.street);
    w_.Element("ram:LineTwo", a.additional_street);
    w_.Element("ram:CityName", a.city);
    w_.Element("ram:CountryID", a.country_code);
    w_.Element("ram:CountrySubDivisionName", a.subdivision);
    w_.End();
  }

  void PartyElement(const char* qname, const Party& party) {
    w_.Start(qname);
    if (!IsBlank(party.identifier.id)) {
      if (IsBlank(party.identifier.scheme)) {
        w_.Element("ram:ID", party.identifier.id);
      } else {
        w_.Element("ram:GlobalID", "schemeID", party.identifier.scheme, party.identifier.id);
      }
    }
    w_.Element("ram:Name", party.name);
    if (!IsBlank(party.legal_registration.id) || !IsBlank(party.trading_name)) {
      w_.Start("ram:SpecifiedLegalOrganization");
      w_.Element("ram:ID", "schemeID", party.legal_registration.scheme,
                 party.legal_registration.id);
      w_.Element("ram:TradingBusinessName", party.trading_name);
      w_.End();
    }
    if (party.contact) {
      w_.Start("ram:DefinedTradeContact");
      w_.Element("ram:PersonName", party.contact->name);
      if (!IsBlank(party.contact->telephone)) {
        w_.Start("ram:TelephoneUniversalCommunication");
        w_.Element("ram:CompleteNumber", party.contact->telephone);
        w_.End();
      }
      if (!IsBlank(party.contact->email)) {
        w_.Start("ram:EmailURIUniversalCommunication");
        w_.Element("ram:URIID", party.contact->email);
        w_.End();
      }
      w_.End();
    }
    AddressElement(party.address);
    if (!IsBlank(party.electronic_address.id)) {
      w_.Start("ram:URIUniversalCommunication");
      w_.Element("ram:URIID", "schemeID", party.electronic_address.scheme,
                 party.electronic_address.id);
      w_.End();
    }
    if (!IsBlank(party.vat_id)) {
      w_.Start("ram:SpecifiedTaxRegistration");
      w_.Element("ram:ID", "schemeID", "VA", party.vat_id);
      w_.End();
    }
    if (!IsBlank(party.tax_registration_id)) {
      w_.Start("ram:SpecifiedTaxRegistration");
      w_.Element("ram:ID", "schemeID", "FC", party.tax_registration_id);
      w_.End();
    }
    w_.End();
  }

  void ReferencedDocument(const char* qname, const std::string& id) {
    if (IsBlank(id)) return;
    w_.Start(qname);
    w_.Element("ram:IssuerAssignedID", id);
    w_.End();
  }

  void Agreement() {
    w_.Start("ram:ApplicableHeaderTradeAgreement");
    w_.Element("ram:BuyerReference", doc_.buyer_reference);
    PartyElement("ram:SellerTradeParty", doc_.seller);
    PartyElement("ram:BuyerTradeParty", doc_.buyer);
    ReferencedDocument("ram:BuyerOrderReferencedDocument", doc_.order_reference);
    ReferencedDocument("ram:ContractReferencedDocument", doc_.contract_reference);
    w_.End();
  }

  void Delivery() {
    w_.Start("ram:ApplicableHeaderTradeDelivery");
    if (doc_.delivery) {
      const einvoice::Delivery& d = *doc_.delivery;
      if (!IsBlank(d.party_name) || d.address) {
        w_.Start("ram:ShipToTradeParty");
        w_.Element("ram:Name", d.party_name);
        if (d.address) AddressElement(*d.address);
        w_.End();
      }
      if (d.date) {
        w_.Start("ram:ActualDeliverySupplyChainEvent");
        Date("ram:OccurrenceDateTime", *d.date);
        w_.End();
      }
    }
    w_.End();
  }

  void PaymentMeansElement(const PaymentMeans& pm) {
    w_.Start("ram:SpecifiedTradeSettlementPaymentMeans");
    w_.Element("ram:TypeCode", pm.type_code);
    if (!IsBlank(pm.debited_account)) {
      w_.Start("ram:PayerPartyDebtorFinancialAccount");
      w_.Element("ram:IBANID", pm.debited_account);
      w_.End();
    }
    if (!IsBlank(pm.account_id)) {
      w_.Start("ram:PayeePartyCreditorFinancialAccount");
      w_.Element("ram:IBANID", pm.account_id);
      w_.Element("ram:AccountName", pm.account_name);
      w_.End();
    }
    if (!IsBlank(pm.bic)) {
      w_.Start("ram:PayeeSpecifiedCreditorFinancialInstitution");
      w_.Element("ram:BICID", pm.bic);
      w_.End();
    }
    w_.End();
  }

  void TaxBreakdown(const VatBreakdown& b) {
    w_.Start("ram:ApplicableTradeTax");
    Amount("ram:CalculatedAmount", b.tax_amount);
    w_.Element("ram:TypeCode", "VAT");
    w_.Element("ram:ExemptionReason", b.exemption_reason);
    Amount("ram:BasisAmount", b.taxable_amount);
    w_.Element("ram:CategoryCode", VatCategoryCode(b.category));
    w_.Element("ram:ExemptionReasonCode", b.exemption_reason_code);
    if (b.rate) w_.Element("ram:RateApplicablePercent", FormatDecimal(*b.rate));
    w_.End();
  }

  void Settlement() {
    const std::optional<PaymentMeans>& pm = doc_.payment_means;
    w_.Start("ram:ApplicableHeaderTradeSettlement");
    if (pm) {
      w_.Element("ram:CreditorReferenceID", pm->creditor_id);
      w_.Element("ram:PaymentReference", pm->payment_id);
    }
    if (doc_.currency) w_.Element("ram:InvoiceCurrencyCode", doc_.currency->code());
    if (pm) PaymentMeansElement(*pm);
    for (const VatBreakdown& b : doc_.vat_breakdown) TaxBreakdown(b);
    if (doc_.invoice_period) Period(*doc_.invoice_period);
    for (const AllowanceCharge& ac : doc_.allowances_charges) AllowanceChargeElement(ac, true);
    bool mandate = pm && !IsBlank(pm->mandate_reference);
    if (!IsBlank(doc_.payment_terms) || doc_.due_date || mandate) {
      w_.Start("ram:SpecifiedTradePaymentTerms");
      w_.Element("ram:Description", doc_.payment_terms);
      if (doc_.due_date) Date("ram:DueDateDateTime", *doc_.due_date);
      if (mandate) w_.Element("ram:DirectDebitMandateID", pm->mandate_reference);
      w_.End();
    }
    Summation();
    for (const PrecedingInvoice& p : doc_.preceding_invoices) {
      w_.Start("ram:InvoiceReferencedDocument");
      w_.Element("ram:IssuerAssignedID", p.number);
      if (p.issue_date) Date("ram:FormattedIssueDateTime", *p.issue_date, "qdt:DateTimeString");
      w_.End();
    }
    w_.End();
  }

  void Summation() {
    const Totals& t = doc_.totals;
    w_.Start("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
    Amount("ram:LineTotalAmount", t.line_net_sum);
    Amount("ram:ChargeTotalAmount", t.charge_total);
    Amount("ram:AllowanceTotalAmount", t.allowance_total);
    Amount("ram:TaxBasisTotalAmount", t.tax_exclusive);
    if (t.tax_amount) {
      w_.Element("ram:TaxTotalAmount", "currencyID", t.tax_amount->currency().code(),
                 FormatAmount(*t.tax_amount));
    }
    Amount("ram:RoundingAmount", t.rounding);
    Amount("ram:GrandTotalAmount", t.tax_inclusive);
    Amount("ram:TotalPrepaidAmount", t.prepaid);
    Amount("ram:DuePayableAmount", t.payable);
    w_.End();
  }

  const EInvoiceDocument& doc_;
  Profile profile_;
  XmlWriter w_;
};

}  // namespace

Result<std::string> WriteCii(const EInvoiceDocument& doc, Profile profile) {
  RETURN_IF_ERROR(CheckDocument(doc, profile));
  return CiiWriter(doc, profile).Write();
}

}  // namespace accrue::einvoice
