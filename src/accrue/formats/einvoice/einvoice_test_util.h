// Test helpers for formats/einvoice (header-only, included by *_test.cc files only):
//  * Scenario builders: documents whose totals and VAT breakdown are computed here the way
//    EN 16931 expects (per category and rate, half up), standing in for the tax calculator.
//  * SchemaValidator: in-process XSD validation with libxml2 (no xmllint subprocess).
//  * XPath helpers to look into generated XML.
//  * ReadTotalsModel: reads the amounts of an official UBL or CII example into an
//    EInvoiceDocument, so our calculation rules can be run on documents others made.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "accrue/formats/einvoice/document.h"
#include "accrue/money/currency.h"
#include "accrue/money/decimal.h"
#include "accrue/money/money.h"

namespace accrue::einvoice::testing {

inline Decimal D(std::string_view text) { return Decimal::Parse(text).value(); }
inline Money M(std::string_view text, std::string_view currency = "EUR") {
  return Money::ParseExact(text, Currency::FromCodeOrDie(currency)).value();
}

inline std::string SharedDir() { return ACCRUE_SHARED_DIR; }
inline std::string SourceDir() { return ACCRUE_SOURCE_DIR; }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---------------------------------------------------------------------------------------------
// Scenario builders.

inline Party Seller() {
  Party p;
  p.name = "Accrue Demo GmbH";
  p.trading_name = "Accrue Demo";
  p.legal_registration = {"HRB 123456", ""};
  p.vat_id = "DE123456789";
  p.electronic_address = {"DE123456789", "9930"};
  p.address = {"Hauptstraße 1", "", "Berlin", "10115", "", "DE"};
  p.contact = Contact{"Billing team", "+49 30 1234567", "billing@accrue.example"};
  return p;
}

inline Party DomesticBuyer() {
  Party p;
  p.name = "Käufer & Söhne KG";
  p.vat_id = "DE987654321";
  p.legal_registration = {"HRA 98765", ""};
  p.electronic_address = {"einkauf@kaeufer.example", "EM"};
  p.address = {"Marktplatz 5", "2. OG", "München", "80331", "Bayern", "DE"};
  p.contact = Contact{"Erika Mustermann", "+49 89 555", "erika@kaeufer.example"};
  return p;
}

struct LineSpec {
  std::string name;
  std::string quantity;
  std::string unit_code;
  std::string price;
  VatCategory category = VatCategory::kStandard;
  std::optional<std::string> rate = std::string("19");
  std::optional<std::string> base_quantity;
};

// Adds a line; its net amount is quantity × price / base quantity rounded half up to the
// currency's decimals (at most 2), minus/plus its allowances/charges (added later by tests).
inline void AddLine(EInvoiceDocument& doc, std::string name, std::string quantity,
                    std::string unit_code, std::string price,
                    VatCategory category = VatCategory::kStandard,
                    std::optional<std::string> rate = std::string("19"),
                    std::optional<std::string> base_quantity = std::nullopt) {
  LineSpec spec{std::move(name), std::move(quantity), std::move(unit_code),    std::move(price),
                category,        std::move(rate),     std::move(base_quantity)};
  Line line;
  line.id = std::to_string(doc.lines.size() + 1);
  line.item_name = spec.name;
  line.quantity = D(spec.quantity);
  line.unit_code = spec.unit_code;
  line.net_price = D(spec.price);
  if (spec.base_quantity) line.base_quantity = D(*spec.base_quantity);
  line.vat_category = spec.category;
  if (spec.rate) line.vat_rate = D(*spec.rate);
  Decimal base = line.base_quantity ? *line.base_quantity : Decimal::FromInt(1);
  Decimal unit = Decimal::Div(*line.net_price, base, RoundingMode::kHalfUp).value();
  Decimal amount = Decimal::Mul(*line.quantity, unit, RoundingMode::kHalfUp).value();
  Currency c = *doc.currency;
  line.net_amount =
      Money::FromDecimal(amount.Rounded(std::min(2, c.exponent()), RoundingMode::kHalfUp), c,
                         RoundingMode::kHalfUp)
          .value();
  doc.lines.push_back(std::move(line));
}

struct ExemptionText {
  std::string reason;
  std::string code;
};

// Computes BT-106..BT-115 and BG-23 from the lines and document allowances/charges: taxable
// per (category, rate), VAT = round half up(taxable × rate / 100) at the currency's decimals
// (at most 2). `exemptions` gives the reason per category code.
inline void FinishTotals(EInvoiceDocument& doc,
                         const std::map<std::string, ExemptionText>& exemptions = {},
                         std::optional<Money> prepaid = std::nullopt,
                         std::optional<Money> rounding = std::nullopt) {
  Currency c = *doc.currency;
  int digits = std::min(2, c.exponent());
  Money zero = Money::FromMinor(0, c);
  Money lines = zero;
  for (const Line& l : doc.lines) lines = lines + *l.net_amount;
  Money allowances = zero;
  Money charges = zero;
  bool any_allowance = false;
  bool any_charge = false;
  struct Key {
    VatCategory category;
    std::optional<Decimal> rate;
    bool operator<(const Key& o) const {
      if (category != o.category) return category < o.category;
      return rate.value_or(Decimal()) < o.rate.value_or(Decimal());
    }
  };
  std::map<Key, Money> taxable;
  auto add = [&](VatCategory cat, const std::optional<Decimal>& rate, Money m) {
    auto [it, inserted] = taxable.try_emplace(Key{cat, rate}, m);
    if (!inserted) it->second = it->second + m;
  };
  for (const Line& l : doc.lines) add(l.vat_category, l.vat_rate, *l.net_amount);
  for (const AllowanceCharge& ac : doc.allowances_charges) {
    if (ac.is_charge) {
      charges = charges + *ac.amount;
      any_charge = true;
      add(ac.vat_category, ac.vat_rate, *ac.amount);
    } else {
      allowances = allowances + *ac.amount;
      any_allowance = true;
      add(ac.vat_category, ac.vat_rate, ac.amount->Negated());
    }
  }
  doc.vat_breakdown.clear();
  Money vat_total = zero;
  for (const auto& [key, base] : taxable) {
    VatBreakdown b;
    b.category = key.category;
    b.rate = key.rate;
    b.taxable_amount = base;
    Money tax = zero;
    if (key.rate && key.category == VatCategory::kStandard) {
      Decimal t = Decimal::Mul(base.ToDecimal(), *key.rate, RoundingMode::kHalfUp).value();
      t = Decimal::Div(t, Decimal::FromInt(100), RoundingMode::kHalfUp).value();
      tax = Money::FromDecimal(t.Rounded(digits, RoundingMode::kHalfUp), c, RoundingMode::kHalfUp)
                .value();
    }
    b.tax_amount = tax;
    vat_total = vat_total + tax;
    auto ex = exemptions.find(std::string(VatCategoryCode(key.category)));
    if (ex != exemptions.end()) {
      b.exemption_reason = ex->second.reason;
      b.exemption_reason_code = ex->second.code;
    }
    doc.vat_breakdown.push_back(b);
  }
  Totals& t = doc.totals;
  t.line_net_sum = lines;
  if (any_allowance) t.allowance_total = allowances;
  if (any_charge) t.charge_total = charges;
  t.tax_exclusive = lines - allowances + charges;
  t.tax_amount = vat_total;
  t.tax_inclusive = *t.tax_exclusive + vat_total;
  t.prepaid = prepaid;
  t.rounding = rounding;
  Money payable = *t.tax_inclusive;
  if (prepaid) payable = payable - *prepaid;
  if (rounding) payable = payable + *rounding;
  t.payable = payable;
}

inline EInvoiceDocument BaseDocument(std::string_view currency = "EUR") {
  EInvoiceDocument doc;
  doc.type = DocumentType::kInvoice;
  doc.number = "INV-2024-0001";
  doc.issue_date = absl::CivilDay(2024, 3, 1);
  doc.due_date = absl::CivilDay(2024, 3, 31);
  doc.currency = Currency::FromCodeOrDie(currency);
  doc.buyer_reference = "04011000-12345-03";
  doc.order_reference = "PO-7781";
  doc.seller = Seller();
  doc.buyer = DomesticBuyer();
  doc.invoice_period = Period{absl::CivilDay(2024, 2, 1), absl::CivilDay(2024, 2, 29)};
  PaymentMeans pm;
  pm.type_code = "58";
  pm.payment_id = "RF18539007547034";
  pm.account_id = "DE89370400440532013000";
  pm.account_name = "Accrue Demo GmbH";
  pm.bic = "COBADEFFXXX";
  doc.payment_means = pm;
  doc.payment_terms = "Payable within 30 days without deduction.";
  return doc;
}

struct Scenario {
  std::string name;
  EInvoiceDocument doc;
};

// The scenarios every writer test runs: each validates against the XSDs and our rules.
inline std::vector<Scenario> Scenarios() {
  std::vector<Scenario> out;

  {  // 1. Domestic, standard rate, two lines.
    EInvoiceDocument doc = BaseDocument();
    AddLine(doc, "Pro plan, February 2024", "1", "C62", "49.00");
    AddLine(doc, "API calls above quota", "12500", "C62", "0.0008");
    doc.lines[0].period = Period{absl::CivilDay(2024, 2, 1), absl::CivilDay(2024, 2, 29)};
    doc.lines[0].item_description = "Monthly subscription";
    doc.lines[0].seller_item_id = "PLAN-PRO";
    doc.notes.push_back("Thank you for your business.");
    FinishTotals(doc);
    out.push_back({"standard_rate", doc});
  }
  {  // 2. Mixed rates: 19 % and 7 % on one invoice.
    EInvoiceDocument doc = BaseDocument();
    doc.number = "INV-2024-0002";
    AddLine(doc, "Consulting", "7.5", "HUR", "120.00");
    AddLine(doc, "Printed manual", "3", "C62", "19.99", VatCategory::kStandard, "7");
    AddLine(doc, "E-book", "2", "C62", "9.99", VatCategory::kStandard, "7");
    FinishTotals(doc);
    out.push_back({"mixed_rates", doc});
  }
  {  // 3. Intra-EU B2B reverse charge (AE) with the exemption reason.
    EInvoiceDocument doc = BaseDocument();
    doc.number = "INV-2024-0003";
    doc.buyer.name = "Acheteur SARL";
    doc.buyer.vat_id = "FR12345678901";
    doc.buyer.electronic_address = {"12345678900014", "0009"};
    doc.buyer.address = {"1 rue de la Paix", "", "Paris", "75002", "", "FR"};
    AddLine(doc, "Enterprise plan", "1", "MON", "1500.00", VatCategory::kReverseCharge, "0");
    FinishTotals(doc, {{"AE", {"Reverse charge", "VATEX-EU-AE"}}});
    out.push_back({"reverse_charge", doc});
  }
  {  // 4. Export outside the EU (G), in USD.
    EInvoiceDocument doc = BaseDocument("USD");
    doc.number = "INV-2024-0004";
    doc.buyer.name = "Buyer Inc.";
    doc.buyer.vat_id = "";
    doc.buyer.legal_registration = {"", ""};
    doc.buyer.electronic_address = {"ap@buyer.example", "EM"};
    doc.buyer.address = {"1 Market St", "", "San Francisco", "94105", "CA", "US"};
    AddLine(doc, "Hardware appliance", "2", "C62", "2400.00", VatCategory::kExport, "0");
    FinishTotals(doc, {{"G", {"Export outside the EU", "VATEX-EU-G"}}});
    doc.payment_means->type_code = "30";
    out.push_back({"export", doc});
  }
  {  // 5. Zero rated (Z).
    EInvoiceDocument doc = BaseDocument();
    doc.number = "INV-2024-0005";
    AddLine(doc, "Solar panel installation", "1", "C62", "8900.00", VatCategory::kZeroRated, "0");
    FinishTotals(doc);
    out.push_back({"zero_rated", doc});
  }
  {  // 6. Exempt (E) with a VATEX code.
    EInvoiceDocument doc = BaseDocument();
    doc.number = "INV-2024-0006";
    AddLine(doc, "Medical training course", "1", "C62", "650.00", VatCategory::kExempt, "0");
    FinishTotals(
        doc,
        {{"E", {"Exempt under Article 132(1)(i) of Directive 2006/112/EC", "VATEX-EU-132-1I"}}});
    out.push_back({"exempt", doc});
  }
  {  // 7. Document and line level allowances and charges.
    EInvoiceDocument doc = BaseDocument();
    doc.number = "INV-2024-0007";
    AddLine(doc, "Seats", "25", "C62", "12.00");
    AddLine(doc, "Onboarding", "1", "C62", "500.00");
    AllowanceCharge line_discount;
    line_discount.amount = M("50.00");
    line_discount.reason = "Volume discount";
    line_discount.reason_code = "95";
    doc.lines[0].allowances_charges.push_back(line_discount);
    doc.lines[0].net_amount = M("250.00");  // 25 × 12.00 − 50.00
    AllowanceCharge discount;
    discount.amount = M("75.00");
    discount.base_amount = M("750.00");
    discount.percent = D("10");
    discount.reason = "Loyalty discount";
    discount.reason_code = "95";
    discount.vat_rate = D("19");
    doc.allowances_charges.push_back(discount);
    AllowanceCharge shipping;
    shipping.is_charge = true;
    shipping.amount = M("15.50");
    shipping.reason = "Shipping of hardware tokens";
    shipping.reason_code = "FC";
    shipping.vat_rate = D("19");
    doc.allowances_charges.push_back(shipping);
    FinishTotals(doc);
    out.push_back({"allowances_charges", doc});
  }
  {  // 8. Credit note for part of invoice INV-2024-0001.
    EInvoiceDocument doc = BaseDocument();
    doc.type = DocumentType::kCreditNote;
    doc.number = "CN-2024-0001";
    doc.issue_date = absl::CivilDay(2024, 3, 5);
    doc.due_date.reset();
    doc.payment_terms = "The credited amount is refunded to your account.";
    doc.preceding_invoices.push_back({"INV-2024-0001", absl::CivilDay(2024, 3, 1)});
    doc.notes.push_back("Credit for 10 days of service outage.");
    AddLine(doc, "Pro plan, service credit", "1", "C62", "15.81");
    FinishTotals(doc);
    out.push_back({"credit_note", doc});
  }
  {  // 9. JPY: an amount currency without decimals.
    EInvoiceDocument doc = BaseDocument("JPY");
    doc.number = "INV-2024-0009";
    AddLine(doc, "Team plan", "3", "C62", "4980");
    AddLine(doc, "Storage", "150", "GB", "1.5");
    FinishTotals(doc);
    out.push_back({"jpy", doc});
  }
  {  // 10. NOK with a prepayment and a payable rounding amount (BT-113, BT-114).
    EInvoiceDocument doc = BaseDocument("NOK");
    doc.number = "INV-2024-0010";
    AddLine(doc, "Annual licence", "1", "ANN", "960.62", VatCategory::kStandard, "25");
    FinishTotals(doc, {}, M("1000.00", "NOK"), M("0.22", "NOK"));
    out.push_back({"nok_prepaid_rounding", doc});
  }
  {  // 11. Many lines (100), one rate, with base quantities.
    EInvoiceDocument doc = BaseDocument();
    doc.number = "INV-2024-0011";
    for (int i = 0; i < 100; ++i) {
      AddLine(doc, "Usage item " + std::to_string(i + 1), std::to_string(1000 + i * 37), "C62",
              "0.0125", VatCategory::kStandard, "19", std::string("10"));
    }
    FinishTotals(doc);
    out.push_back({"many_lines", doc});
  }
  {  // 12. Intra-community supply of goods (K) with delivery data.
    EInvoiceDocument doc = BaseDocument();
    doc.number = "INV-2024-0012";
    doc.buyer.name = "Koper BV";
    doc.buyer.vat_id = "NL123456789B01";
    doc.buyer.electronic_address = {"NL123456789B01", "9944"};
    doc.buyer.address = {"Damrak 1", "", "Amsterdam", "1012 LG", "", "NL"};
    doc.delivery = Delivery{absl::CivilDay(2024, 2, 20), "Koper BV warehouse",
                            Address{"Havenweg 3", "", "Rotterdam", "3011", "", "NL"}};
    AddLine(doc, "Hardware tokens", "200", "C62", "12.50", VatCategory::kIntraCommunity, "0");
    FinishTotals(doc, {{"K", {"Intra-community supply", "VATEX-EU-IC"}}});
    out.push_back({"intra_community", doc});
  }
  {  // 13. KWD: three ISO decimals, amounts in whole hundredths.
    EInvoiceDocument doc = BaseDocument("KWD");
    doc.number = "INV-2024-0013";
    AddLine(doc, "Support hours", "4", "HUR", "25.25");
    FinishTotals(doc);
    out.push_back({"kwd", doc});
  }
  return out;
}

inline EInvoiceDocument ScenarioByName(std::string_view name) {
  for (Scenario& s : Scenarios()) {
    if (s.name == name) return s.doc;
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// XSD validation in process.

class SchemaValidator {
 public:
  explicit SchemaValidator(const std::string& xsd_path) {
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(xsd_path.c_str());
    schema_ = parser != nullptr ? xmlSchemaParse(parser) : nullptr;
    if (parser != nullptr) xmlSchemaFreeParserCtxt(parser);
  }
  ~SchemaValidator() {
    if (schema_ != nullptr) xmlSchemaFree(schema_);
  }
  SchemaValidator(const SchemaValidator&) = delete;
  SchemaValidator& operator=(const SchemaValidator&) = delete;

  bool loaded() const { return schema_ != nullptr; }

  // "" when `xml` is valid; otherwise the errors, one per line.
  std::string Validate(const std::string& xml) const {
    if (schema_ == nullptr) return "schema not loaded";
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "doc.xml", nullptr,
                                  XML_PARSE_NONET);
    if (doc == nullptr) return "not well-formed XML";
    std::string errors;
    xmlSchemaValidCtxtPtr ctxt = xmlSchemaNewValidCtxt(schema_);
    xmlSchemaSetValidStructuredErrors(
        ctxt,
        [](void* user, xmlErrorPtr error) {
          auto* out = static_cast<std::string*>(user);
          *out += "line " + std::to_string(error->line) + ": " +
                  (error->message != nullptr ? error->message : "?");
        },
        &errors);
    int rc = xmlSchemaValidateDoc(ctxt, doc);
    xmlSchemaFreeValidCtxt(ctxt);
    xmlFreeDoc(doc);
    if (rc != 0 && errors.empty()) errors = "invalid (code " + std::to_string(rc) + ")";
    return errors;
  }

 private:
  xmlSchemaPtr schema_ = nullptr;
};

inline const SchemaValidator& UblInvoiceSchema() {
  static const SchemaValidator* v =
      new SchemaValidator(SharedDir() + "/data/einvoice/xsd/ubl-2.1/maindoc/UBL-Invoice-2.1.xsd");
  return *v;
}
inline const SchemaValidator& UblCreditNoteSchema() {
  static const SchemaValidator* v = new SchemaValidator(
      SharedDir() + "/data/einvoice/xsd/ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd");
  return *v;
}
inline const SchemaValidator& CiiSchema() {
  static const SchemaValidator* v =
      new SchemaValidator(SharedDir() +
                          "/data/einvoice/xsd/cii-d16b/CII/uncefact/data/standard/"
                          "CrossIndustryInvoice_100pD16B.xsd");
  return *v;
}

// ---------------------------------------------------------------------------------------------
// XPath over a parsed document, with the UBL and CII prefixes registered.

class XmlDoc {
 public:
  explicit XmlDoc(const std::string& xml) {
    doc_ = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "doc.xml", nullptr,
                         XML_PARSE_NONET);
    if (doc_ != nullptr) {
      ctx_ = xmlXPathNewContext(doc_);
      const char* ns[][2] = {
          {"inv", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"},
          {"cn", "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"},
          {"cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"},
          {"cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"},
          {"rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"},
          {"ram",
           "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"},
          {"udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"},
          {"qdt", "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"},
      };
      for (auto& [prefix, uri] : ns) {
        xmlXPathRegisterNs(ctx_, reinterpret_cast<const xmlChar*>(prefix),
                           reinterpret_cast<const xmlChar*>(uri));
      }
    }
  }
  ~XmlDoc() {
    if (ctx_ != nullptr) xmlXPathFreeContext(ctx_);
    if (doc_ != nullptr) xmlFreeDoc(doc_);
  }
  XmlDoc(const XmlDoc&) = delete;
  XmlDoc& operator=(const XmlDoc&) = delete;

  bool ok() const { return doc_ != nullptr; }

  // Text of every node matched by `xpath`, relative to `node` (the root when null).
  std::vector<std::string> All(const std::string& xpath, xmlNodePtr node = nullptr) const {
    std::vector<std::string> out;
    for (xmlNodePtr n : Nodes(xpath, node)) {
      xmlChar* text = xmlNodeGetContent(n);
      out.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
      xmlFree(text);
    }
    return out;
  }
  std::string One(const std::string& xpath, xmlNodePtr node = nullptr) const {
    std::vector<std::string> all = All(xpath, node);
    return all.empty() ? std::string() : all.front();
  }
  std::vector<xmlNodePtr> Nodes(const std::string& xpath, xmlNodePtr node = nullptr) const {
    std::vector<xmlNodePtr> out;
    if (ctx_ == nullptr) return out;
    ctx_->node = node != nullptr ? node : xmlDocGetRootElement(doc_);
    xmlXPathObjectPtr r =
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), ctx_);
    if (r != nullptr && r->nodesetval != nullptr) {
      for (int i = 0; i < r->nodesetval->nodeNr; ++i) out.push_back(r->nodesetval->nodeTab[i]);
    }
    if (r != nullptr) xmlXPathFreeObject(r);
    return out;
  }
  std::string Attr(xmlNodePtr node, const char* name) const {
    xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    std::string out = v != nullptr ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
  }

 private:
  xmlDocPtr doc_ = nullptr;
  xmlXPathContextPtr ctx_ = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Reading the amounts of an official example (UBL Invoice/CreditNote or CII) into the model.

// "1000", "1000.0", ".00", "00.0", " 12.5 " as an exact Money in `currency`; nullopt when the
// text has more decimals than the currency (a BR-DEC matter, not ours here).
inline std::optional<Money> ParseAmount(std::string text, Currency currency) {
  while (!text.empty() && isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  while (!text.empty() && isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
  if (text.empty()) return std::nullopt;
  if (text[0] == '.') text = "0" + text;
  if (text.size() > 1 && text[0] == '-' && text[1] == '.') text = "-0" + text.substr(1);
  Result<Money> m = Money::ParseExact(text, currency);
  if (!m.ok()) return std::nullopt;
  return *m;
}

inline std::optional<Decimal> ParseDecimal(const std::string& text) {
  if (text.empty()) return std::nullopt;
  Result<Decimal> d = Decimal::Parse(text);
  if (!d.ok()) return std::nullopt;
  return *d;
}

inline VatCategory CategoryFromCode(const std::string& code) {
  for (VatCategory c :
       {VatCategory::kStandard, VatCategory::kZeroRated, VatCategory::kExempt,
        VatCategory::kReverseCharge, VatCategory::kIntraCommunity, VatCategory::kExport,
        VatCategory::kNotSubject, VatCategory::kCanaryIgic, VatCategory::kCeutaIpsi}) {
    if (VatCategoryCode(c) == code) return c;
  }
  return VatCategory::kStandard;
}

// The amounts, categories and rates of `xml` (UBL or CII). Only what the calculation rules
// read is filled in.
inline EInvoiceDocument ReadTotalsModel(const std::string& xml) {
  XmlDoc x(xml);
  EInvoiceDocument doc;
  bool cii = !x.Nodes("/rsm:CrossIndustryInvoice").empty();
  std::string code = cii ? x.One("//ram:ApplicableHeaderTradeSettlement/ram:InvoiceCurrencyCode")
                         : x.One("/*/cbc:DocumentCurrencyCode");
  if (code.empty()) {
    std::vector<xmlNodePtr> with = x.Nodes("//*[@currencyID]");
    code = with.empty() ? "EUR" : x.Attr(with.front(), "currencyID");
  }
  Currency c = Currency::Find(code).value_or(Currency::FromCodeOrDie("EUR"));
  doc.currency = c;
  auto amount = [&](const std::string& path, xmlNodePtr node = nullptr) -> std::optional<Money> {
    std::vector<xmlNodePtr> nodes = x.Nodes(path, node);
    if (nodes.empty()) return std::nullopt;
    return ParseAmount(x.All(".", nodes.front()).front(), c);
  };
  if (!cii) {
    for (xmlNodePtr n : x.Nodes("/*/cac:InvoiceLine | /*/cac:CreditNoteLine")) {
      Line line;
      line.net_amount = amount("cbc:LineExtensionAmount", n);
      line.vat_category = CategoryFromCode(x.One("cac:Item/cac:ClassifiedTaxCategory/cbc:ID", n));
      line.vat_rate = ParseDecimal(x.One("cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", n));
      doc.lines.push_back(line);
    }
    for (xmlNodePtr n : x.Nodes("/*/cac:AllowanceCharge")) {
      AllowanceCharge ac;
      ac.is_charge = x.One("cbc:ChargeIndicator", n) == "true";
      ac.amount = amount("cbc:Amount", n);
      ac.vat_category = CategoryFromCode(x.One("cac:TaxCategory/cbc:ID", n));
      ac.vat_rate = ParseDecimal(x.One("cac:TaxCategory/cbc:Percent", n));
      doc.allowances_charges.push_back(ac);
    }
    for (xmlNodePtr n : x.Nodes("/*/cac:TaxTotal/cac:TaxSubtotal")) {
      VatBreakdown b;
      b.taxable_amount = amount("cbc:TaxableAmount", n);
      b.tax_amount = amount("cbc:TaxAmount", n);
      b.category = CategoryFromCode(x.One("cac:TaxCategory/cbc:ID", n));
      b.rate = ParseDecimal(x.One("cac:TaxCategory/cbc:Percent", n));
      doc.vat_breakdown.push_back(b);
    }
    // BT-110 is the TaxTotal amount in the document currency (another one may carry BT-111).
    for (xmlNodePtr n : x.Nodes("/*/cac:TaxTotal/cbc:TaxAmount")) {
      std::string cur = x.Attr(n, "currencyID");
      if (!cur.empty() && cur != code) continue;
      std::optional<Money> m = ParseAmount(x.All(".", n).front(), c);
      if (m) doc.totals.tax_amount = doc.totals.tax_amount ? *doc.totals.tax_amount + *m : *m;
    }
    const std::string t = "/*/cac:LegalMonetaryTotal/";
    doc.totals.line_net_sum = amount(t + "cbc:LineExtensionAmount");
    doc.totals.tax_exclusive = amount(t + "cbc:TaxExclusiveAmount");
    doc.totals.tax_inclusive = amount(t + "cbc:TaxInclusiveAmount");
    doc.totals.allowance_total = amount(t + "cbc:AllowanceTotalAmount");
    doc.totals.charge_total = amount(t + "cbc:ChargeTotalAmount");
    doc.totals.prepaid = amount(t + "cbc:PrepaidAmount");
    doc.totals.rounding = amount(t + "cbc:PayableRoundingAmount");
    doc.totals.payable = amount(t + "cbc:PayableAmount");
    return doc;
  }
  for (xmlNodePtr n : x.Nodes("//ram:IncludedSupplyChainTradeLineItem")) {
    Line line;
    line.net_amount = amount(
        "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/"
        "ram:LineTotalAmount",
        n);
    line.vat_category = CategoryFromCode(
        x.One("ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode", n));
    line.vat_rate = ParseDecimal(x.One(
        "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent", n));
    doc.lines.push_back(line);
  }
  const std::string s = "//ram:ApplicableHeaderTradeSettlement/";
  for (xmlNodePtr n : x.Nodes(s + "ram:SpecifiedTradeAllowanceCharge")) {
    AllowanceCharge ac;
    ac.is_charge = x.One("ram:ChargeIndicator/udt:Indicator", n) == "true";
    ac.amount = amount("ram:ActualAmount", n);
    ac.vat_category = CategoryFromCode(x.One("ram:CategoryTradeTax/ram:CategoryCode", n));
    ac.vat_rate = ParseDecimal(x.One("ram:CategoryTradeTax/ram:RateApplicablePercent", n));
    doc.allowances_charges.push_back(ac);
  }
  for (xmlNodePtr n : x.Nodes(s + "ram:ApplicableTradeTax")) {
    VatBreakdown b;
    b.taxable_amount = amount("ram:BasisAmount", n);
    b.tax_amount = amount("ram:CalculatedAmount", n);
    b.category = CategoryFromCode(x.One("ram:CategoryCode", n));
    b.rate = ParseDecimal(x.One("ram:RateApplicablePercent", n));
    doc.vat_breakdown.push_back(b);
  }
  const std::string t = s + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/";
  doc.totals.line_net_sum = amount(t + "ram:LineTotalAmount");
  doc.totals.charge_total = amount(t + "ram:ChargeTotalAmount");
  doc.totals.allowance_total = amount(t + "ram:AllowanceTotalAmount");
  doc.totals.tax_exclusive = amount(t + "ram:TaxBasisTotalAmount");
  doc.totals.tax_amount = amount(t + "ram:TaxTotalAmount[@currencyID='" + code + "']");
  doc.totals.rounding = amount(t + "ram:RoundingAmount");
  doc.totals.tax_inclusive = amount(t + "ram:GrandTotalAmount");
  doc.totals.prepaid = amount(t + "ram:TotalPrepaidAmount");
  doc.totals.payable = amount(t + "ram:DuePayableAmount");
  return doc;
}

}  // namespace accrue::einvoice::testing
