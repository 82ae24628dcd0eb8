// Tax scenarios end to end through ComputeInvoiceTax: seller, customer, lines with their day of
// supply in; category, rate, net and VAT per line, the breakdown and the totals out. Every
// expected figure was computed by hand (the arithmetic is in the comment where it is not a
// plain multiplication); rates are the built-in EU table.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "accrue/base/strings.h"
#include "accrue/domain/tax/invoice_tax.h"
#include "testing/status_matchers.h"

namespace accrue::tax {
namespace {

using absl::CivilDay;

const CivilDay kDay(2026, 3, 1);

constexpr TaxSettings kExclDoc{PriceMode::kExclusive,
                               {RoundingLevel::kPerDocument, RoundingMode::kHalfUp}};
constexpr TaxSettings kExclLine{PriceMode::kExclusive,
                                {RoundingLevel::kPerLine, RoundingMode::kHalfUp}};
constexpr TaxSettings kInclDoc{PriceMode::kInclusive,
                               {RoundingLevel::kPerDocument, RoundingMode::kHalfUp}};
constexpr TaxSettings kInclLine{PriceMode::kInclusive,
                                {RoundingLevel::kPerLine, RoundingMode::kHalfUp}};

SellerTaxProfile Seller(const char* country, const char* vat_id) {
  return SellerTaxProfile{country, {{country, vat_id}}, false};
}
const SellerTaxProfile kDe = Seller("DE", "DE136308783");

CustomerTaxProfile Consumer(const char* country, const char* region = "") {
  return CustomerTaxProfile{CustomerKind::kConsumer, country, region, "", std::nullopt};
}
CustomerTaxProfile Business(const char* country, const char* vat_id) {
  return CustomerTaxProfile{CustomerKind::kBusiness, country, "", vat_id, std::nullopt};
}

struct L {
  const char* amount;
  SupplyType supply = SupplyType::kDigitalService;
  TaxClass cls = TaxClass::kStandard;
  CivilDay day = kDay;
  ItemKind kind = ItemKind::kLine;
  const char* exemption_code = nullptr;
  const char* exemption_text = nullptr;
};

struct ExpLine {
  const char* category;
  const char* percent;
  const char* net;
  const char* tax;
};

struct ExpGroup {
  const char* category;
  const char* percent;
  const char* taxable;
  const char* tax;
  int64_t rounding_difference_minor = 0;
};

struct Scenario {
  std::string name;
  const char* currency = "EUR";
  TaxSettings settings = kExclDoc;
  SellerTaxProfile seller = kDe;
  CustomerTaxProfile customer = Consumer("DE");
  std::vector<L> lines;
  std::vector<ExpLine> expect_lines;
  std::vector<ExpGroup> expect_groups;
  const char* net;    // BT-109
  const char* tax;    // BT-110
  const char* gross;  // BT-112
  const char* rule;   // the rule that decided line 0
  std::vector<std::string> notes = {};
  const char* seller_vat_id = "DE136308783";
  const char* customer_vat_id = "";
};

// gtest prints a failing parameter with this instead of its bytes.
void PrintTo(const Scenario& s, std::ostream* os) { *os << s.name; }

SellerTaxProfile BelowThreshold() {
  SellerTaxProfile s = kDe;
  s.eu_b2c_threshold_not_exceeded = true;
  return s;
}
SellerTaxProfile DeAlsoInFr() {
  SellerTaxProfile s = kDe;
  s.registrations.push_back({"FR", "FR82542065479"});
  return s;
}
CustomerTaxProfile ExemptCustomer() {
  CustomerTaxProfile c = Business("DE", "");
  c.exemption =
      TaxExemption{"VATEX-EU-151-1A",
                   "Exempt based on article 151, section 1 (a) of Council Directive 2006/112/EC"};
  return c;
}
const SellerTaxProfile kUs{"US", {}, false};

CivilDay Supply(CivilDay start, CivilDay end) { return SupplyDayOfPeriod(start, end); }

constexpr auto kDigital = SupplyType::kDigitalService;
constexpr auto kService = SupplyType::kService;
constexpr auto kGoods = SupplyType::kGoods;

std::vector<Scenario> Scenarios() {
  return {
      // --- Domestic -------------------------------------------------------------------------
      {.name = "domestic_b2c",
       .lines = {{"100.00"}},
       .expect_lines = {{"S", "19", "100.00", "19.00"}},
       .expect_groups = {{"S", "19", "100.00", "19.00"}},
       .net = "100.00",
       .tax = "19.00",
       .gross = "119.00",
       .rule = "domestic"},
      {.name = "domestic_b2b_with_vat_id_still_pays_vat",
       .customer = Business("DE", "DE 811125440"),
       .lines = {{"250.00"}},
       .expect_lines = {{"S", "19", "250.00", "47.50"}},
       .expect_groups = {{"S", "19", "250.00", "47.50"}},
       .net = "250.00",
       .tax = "47.50",
       .gross = "297.50",
       .rule = "domestic",
       .customer_vat_id = "DE811125440"},
      {.name = "domestic_reduced_rate",
       .lines = {{"10.00", kGoods, TaxClass::kReduced}},
       .expect_lines = {{"AA", "7", "10.00", "0.70"}},
       .expect_groups = {{"AA", "7", "10.00", "0.70"}},
       .net = "10.00",
       .tax = "0.70",
       .gross = "10.70",
       .rule = "domestic"},
      {.name = "mixed_rates_on_one_invoice",
       .lines = {{"100.00"}, {"50.00", kGoods, TaxClass::kReduced}, {"20.00"}},
       .expect_lines = {{"S", "19", "100.00", "19.00"},
                        {"AA", "7", "50.00", "3.50"},
                        {"S", "19", "20.00", "3.80"}},
       .expect_groups = {{"S", "19", "120.00", "22.80"}, {"AA", "7", "50.00", "3.50"}},
       .net = "170.00",
       .tax = "26.30",
       .gross = "196.30",
       .rule = "domestic"},
      {.name = "zero_rated_newspaper_in_belgium",
       .seller = Seller("BE", "BE0428759497"),
       .customer = Consumer("BE"),
       .lines = {{"12.00", kGoods, TaxClass::kZero}},
       .expect_lines = {{"Z", "0", "12.00", "0.00"}},
       .expect_groups = {{"Z", "0", "12.00", "0.00"}},
       .net = "12.00",
       .tax = "0.00",
       .gross = "12.00",
       .rule = "domestic",
       .seller_vat_id = "BE0428759497"},
      {.name = "credit_line_reduces_the_base",
       .lines = {{"100.00"}, {"-20.00"}},
       .expect_lines = {{"S", "19", "100.00", "19.00"}, {"S", "19", "-20.00", "-3.80"}},
       .expect_groups = {{"S", "19", "80.00", "15.20"}},
       .net = "80.00",
       .tax = "15.20",
       .gross = "95.20",
       .rule = "domestic"},
      {.name = "document_allowance_and_charge",
       // 200.00 − 20.00 + 5.00 = 185.00; × 19 % = 35.15. Shares 38.00, 3.80, 0.95.
       .lines = {{"200.00"},
                 {"20.00", kDigital, TaxClass::kStandard, kDay, ItemKind::kAllowance},
                 {"5.00", kDigital, TaxClass::kStandard, kDay, ItemKind::kCharge}},
       .expect_lines = {{"S", "19", "200.00", "38.00"},
                        {"S", "19", "20.00", "3.80"},
                        {"S", "19", "5.00", "0.95"}},
       .expect_groups = {{"S", "19", "185.00", "35.15"}},
       .net = "185.00",
       .tax = "35.15",
       .gross = "220.15",
       .rule = "domestic"},

      // --- Intra-EU business to business -----------------------------------------------------
      {.name = "intra_eu_b2b_services_reverse_charge",
       .customer = Business("FR", "FR 40 303 265 045"),
       .lines = {{"1000.00"}},
       .expect_lines = {{"AE", "0", "1000.00", "0.00"}},
       .expect_groups = {{"AE", "0", "1000.00", "0.00"}},
       .net = "1000.00",
       .tax = "0.00",
       .gross = "1000.00",
       .rule = "reverse_charge",
       .notes = {"Reverse charge"},
       .customer_vat_id = "FR40303265045"},
      {.name = "intra_eu_b2b_general_service_reverse_charge",
       .customer = Business("AT", "ATU13585627"),
       .lines = {{"640.00", kService}},
       .expect_lines = {{"AE", "0", "640.00", "0.00"}},
       .expect_groups = {{"AE", "0", "640.00", "0.00"}},
       .net = "640.00",
       .tax = "0.00",
       .gross = "640.00",
       .rule = "reverse_charge",
       .notes = {"Reverse charge"},
       .customer_vat_id = "ATU13585627"},
      {.name = "intra_eu_b2b_goods_intra_community_supply",
       .customer = Business("AT", "ATU13585627"),
       .lines = {{"500.00", kGoods}},
       .expect_lines = {{"K", "0", "500.00", "0.00"}},
       .expect_groups = {{"K", "0", "500.00", "0.00"}},
       .net = "500.00",
       .tax = "0.00",
       .gross = "500.00",
       .rule = "intra_community_supply",
       .notes = {"Intra-Community supply"},
       .customer_vat_id = "ATU13585627"},
      {.name = "greek_business_uses_the_el_prefix",
       .customer = Business("GR", "EL 094279805"),
       .lines = {{"80.00"}},
       .expect_lines = {{"AE", "0", "80.00", "0.00"}},
       .expect_groups = {{"AE", "0", "80.00", "0.00"}},
       .net = "80.00",
       .tax = "0.00",
       .gross = "80.00",
       .rule = "reverse_charge",
       .notes = {"Reverse charge"},
       .customer_vat_id = "EL094279805"},
      {.name = "business_without_vat_id_is_taxed_like_a_consumer",
       .customer = Business("FR", ""),
       .lines = {{"100.00"}},
       .expect_lines = {{"S", "20", "100.00", "20.00"}},
       .expect_groups = {{"S", "20", "100.00", "20.00"}},
       .net = "100.00",
       .tax = "20.00",
       .gross = "120.00",
       .rule = "destination"},

      // --- Business to consumer across the EU ------------------------------------------------
      {.name = "b2c_digital_service_customer_country_rate_oss",
       .customer = Consumer("FR"),
       .lines = {{"49.99"}},  // 49.99 × 20 % = 9.998
       .expect_lines = {{"S", "20", "49.99", "10.00"}},
       .expect_groups = {{"S", "20", "49.99", "10.00"}},
       .net = "49.99",
       .tax = "10.00",
       .gross = "59.99",
       .rule = "destination"},
      {.name = "b2c_digital_service_hungary_27",
       .customer = Consumer("HU"),
       .lines = {{"10.00"}},
       .expect_lines = {{"S", "27", "10.00", "2.70"}},
       .expect_groups = {{"S", "27", "10.00", "2.70"}},
       .net = "10.00",
       .tax = "2.70",
       .gross = "12.70",
       .rule = "destination"},
      {.name = "b2c_digital_below_eu_threshold_uses_home_rate",
       .seller = BelowThreshold(),
       .customer = Consumer("FR"),
       .lines = {{"49.99"}},  // 49.99 × 19 % = 9.4981
       .expect_lines = {{"S", "19", "49.99", "9.50"}},
       .expect_groups = {{"S", "19", "49.99", "9.50"}},
       .net = "49.99",
       .tax = "9.50",
       .gross = "59.49",
       .rule = "seller_country"},
      {.name = "b2c_general_service_abroad_uses_seller_rate",
       .customer = Consumer("FR"),
       .lines = {{"200.00", kService}},
       .expect_lines = {{"S", "19", "200.00", "38.00"}},
       .expect_groups = {{"S", "19", "200.00", "38.00"}},
       .net = "200.00",
       .tax = "38.00",
       .gross = "238.00",
       .rule = "seller_country"},
      {.name = "b2c_distance_sale_of_goods_to_italy",
       .customer = Consumer("IT"),
       .lines = {{"80.00", kGoods}},
       .expect_lines = {{"S", "22", "80.00", "17.60"}},
       .expect_groups = {{"S", "22", "80.00", "17.60"}},
       .net = "80.00",
       .tax = "17.60",
       .gross = "97.60",
       .rule = "destination"},
      {.name = "oss_sale_where_the_seller_is_registered_prints_that_vat_id",
       .seller = DeAlsoInFr(),
       .customer = Consumer("FR"),
       .lines = {{"100.00"}},
       .expect_lines = {{"S", "20", "100.00", "20.00"}},
       .expect_groups = {{"S", "20", "100.00", "20.00"}},
       .net = "100.00",
       .tax = "20.00",
       .gross = "120.00",
       .rule = "destination",
       .seller_vat_id = "FR82542065479"},
      {.name = "b2c_inclusive_price_in_customer_country",
       .settings = kInclDoc,
       .customer = Consumer("FR"),
       .lines = {{"12.00"}},  // 12.00 / 1.20 = 10.00
       .expect_lines = {{"S", "20", "10.00", "2.00"}},
       .expect_groups = {{"S", "20", "10.00", "2.00"}},
       .net = "10.00",
       .tax = "2.00",
       .gross = "12.00",
       .rule = "destination"},

      // --- Outside the EU VAT area, exemptions -----------------------------------------------
      {.name = "export_digital_service_to_us_business",
       .customer = Business("US", ""),
       .lines = {{"300.00"}},
       .expect_lines = {{"G", "0", "300.00", "0.00"}},
       .expect_groups = {{"G", "0", "300.00", "0.00"}},
       .net = "300.00",
       .tax = "0.00",
       .gross = "300.00",
       .rule = "export",
       .notes = {"Export outside the EU"}},
      {.name = "export_goods_to_swiss_consumer",
       .customer = Consumer("CH"),
       .lines = {{"250.00", kGoods}},
       .expect_lines = {{"G", "0", "250.00", "0.00"}},
       .expect_groups = {{"G", "0", "250.00", "0.00"}},
       .net = "250.00",
       .tax = "0.00",
       .gross = "250.00",
       .rule = "export",
       .notes = {"Export outside the EU"}},
      {.name = "canary_islands_are_outside_the_eu_vat_area",
       .seller = Seller("ES", "ESA28184661"),
       .customer = Consumer("ES", "ES-CN"),
       .lines = {{"100.00"}},
       .expect_lines = {{"G", "0", "100.00", "0.00"}},
       .expect_groups = {{"G", "0", "100.00", "0.00"}},
       .net = "100.00",
       .tax = "0.00",
       .gross = "100.00",
       .rule = "export",
       .notes = {"Export outside the EU"},
       .seller_vat_id = "ESA28184661"},
      {.name = "exempt_customer",
       .customer = ExemptCustomer(),
       .lines = {{"80.00"}},
       .expect_lines = {{"E", "0", "80.00", "0.00"}},
       .expect_groups = {{"E", "0", "80.00", "0.00"}},
       .net = "80.00",
       .tax = "0.00",
       .gross = "80.00",
       .rule = "exempt_customer",
       .notes = {"Exempt based on article 151, section 1 (a) of Council Directive "
                 "2006/112/EC"}},
      {.name = "exempt_supply_next_to_a_taxed_one",
       .lines = {{"400.00", kService, TaxClass::kExempt, kDay, ItemKind::kLine, "VATEX-EU-132-1I",
                  "Exempt based on article 132, section 1 (i)"},
                 {"50.00"}},
       .expect_lines = {{"E", "0", "400.00", "0.00"}, {"S", "19", "50.00", "9.50"}},
       .expect_groups = {{"E", "0", "400.00", "0.00"}, {"S", "19", "50.00", "9.50"}},
       .net = "450.00",
       .tax = "9.50",
       .gross = "459.50",
       .rule = "exempt_supply",
       .notes = {"Exempt based on article 132, section 1 (i)"}},
      {.name = "outside_scope_disbursement",
       .lines = {{"100.00"}, {"25.00", kService, TaxClass::kOutsideScope}},
       .expect_lines = {{"S", "19", "100.00", "19.00"}, {"O", "0", "25.00", "0.00"}},
       .expect_groups = {{"S", "19", "100.00", "19.00"}, {"O", "0", "25.00", "0.00"}},
       .net = "125.00",
       .tax = "19.00",
       .gross = "144.00",
       .rule = "domestic",
       .notes = {"Not subject to VAT"}},
      {.name = "non_eu_seller_digital_to_eu_consumer",
       .seller = kUs,
       .customer = Consumer("DE"),
       .lines = {{"100.00"}},
       .expect_lines = {{"S", "19", "100.00", "19.00"}},
       .expect_groups = {{"S", "19", "100.00", "19.00"}},
       .net = "100.00",
       .tax = "19.00",
       .gross = "119.00",
       .rule = "destination",
       .seller_vat_id = ""},
      {.name = "non_eu_seller_services_to_eu_business",
       .seller = kUs,
       .customer = Business("NL", "NL 8225.69.759 b01"),
       .lines = {{"100.00"}},
       .expect_lines = {{"AE", "0", "100.00", "0.00"}},
       .expect_groups = {{"AE", "0", "100.00", "0.00"}},
       .net = "100.00",
       .tax = "0.00",
       .gross = "100.00",
       .rule = "reverse_charge",
       .notes = {"Reverse charge"},
       .seller_vat_id = "",
       .customer_vat_id = "NL822569759B01"},

      // --- Inclusive prices and rounding level -----------------------------------------------
      {.name = "inclusive_per_line",
       .settings = kInclLine,
       .lines = {{"119.00"}},
       .expect_lines = {{"S", "19", "100.00", "19.00"}},
       .expect_groups = {{"S", "19", "100.00", "19.00"}},
       .net = "100.00",
       .tax = "19.00",
       .gross = "119.00",
       .rule = "domestic"},
      {.name = "inclusive_per_line_small_lines",
       // Each 0.99 / 1.19 = 0.8319 -> 0.83; VAT 0.16 (= round(0.1577)). Group 2.49 × 19 % =
       // 0.4731 -> 0.47, so per-line VAT is one cent more.
       .settings = kInclLine,
       .lines = {{"0.99"}, {"0.99"}, {"0.99"}},
       .expect_lines = {{"S", "19", "0.83", "0.16"},
                        {"S", "19", "0.83", "0.16"},
                        {"S", "19", "0.83", "0.16"}},
       .expect_groups = {{"S", "19", "2.49", "0.48", 1}},
       .net = "2.49",
       .tax = "0.48",
       .gross = "2.97",
       .rule = "domestic"},
      {.name = "inclusive_per_document_small_lines",
       // 2.97 / 1.19 = 2.4958 -> 2.50; no net n has n + round(n × 19 %) = 2.97 (2.49 -> 2.96,
       // 2.50 -> 2.98), so the gross wins: VAT 0.47. Line nets 0.83 × 3 = 2.49 get the missing
       // cent on the first line.
       .settings = kInclDoc,
       .lines = {{"0.99"}, {"0.99"}, {"0.99"}},
       .expect_lines = {{"S", "19", "0.84", "0.15"},
                        {"S", "19", "0.83", "0.16"},
                        {"S", "19", "0.83", "0.16"}},
       .expect_groups = {{"S", "19", "2.50", "0.47", -1}},
       .net = "2.50",
       .tax = "0.47",
       .gross = "2.97",
       .rule = "domestic"},
      {.name = "inclusive_per_document_exact",
       // 11.90 / 1.19 = 10.00; lines 0.8403 -> 0.84, 1.6807 -> 1.68, 7.4790 -> 7.48.
       .settings = kInclDoc,
       .lines = {{"1.00"}, {"2.00"}, {"8.90"}},
       .expect_lines = {{"S", "19", "0.84", "0.16"},
                        {"S", "19", "1.68", "0.32"},
                        {"S", "19", "7.48", "1.42"}},
       .expect_groups = {{"S", "19", "10.00", "1.90"}},
       .net = "10.00",
       .tax = "1.90",
       .gross = "11.90",
       .rule = "domestic"},
      {.name = "exclusive_per_line",
       // 0.50 × 19 % = 0.095 -> 0.10 per line; 1.50 × 19 % = 0.285 -> 0.29 for the group.
       .settings = kExclLine,
       .lines = {{"0.50"}, {"0.50"}, {"0.50"}},
       .expect_lines = {{"S", "19", "0.50", "0.10"},
                        {"S", "19", "0.50", "0.10"},
                        {"S", "19", "0.50", "0.10"}},
       .expect_groups = {{"S", "19", "1.50", "0.30", 1}},
       .net = "1.50",
       .tax = "0.30",
       .gross = "1.80",
       .rule = "domestic"},
      {.name = "exclusive_per_document",
       .settings = kExclDoc,
       .lines = {{"0.50"}, {"0.50"}, {"0.50"}},
       .expect_lines = {{"S", "19", "0.50", "0.09"},
                        {"S", "19", "0.50", "0.10"},
                        {"S", "19", "0.50", "0.10"}},
       .expect_groups = {{"S", "19", "1.50", "0.29"}},
       .net = "1.50",
       .tax = "0.29",
       .gross = "1.79",
       .rule = "domestic"},
      {.name = "half_even_tenant_rounding",
       .settings = {PriceMode::kExclusive, {RoundingLevel::kPerDocument, RoundingMode::kHalfEven}},
       .lines = {{"1.50"}},  // 0.285 -> 0.28
       .expect_lines = {{"S", "19", "1.50", "0.28"}},
       .expect_groups = {{"S", "19", "1.50", "0.28"}},
       .net = "1.50",
       .tax = "0.28",
       .gross = "1.78",
       .rule = "domestic"},

      // --- A rate change at midnight between two periods -------------------------------------
      {.name = "rate_change_at_midnight_de_2020_07_01",
       // June ends at midnight on 2020-07-01: supplied 2020-06-30 at 19 %; July at 16 %.
       .lines = {{"100.00", kDigital, TaxClass::kStandard,
                  Supply(CivilDay(2020, 6, 1), CivilDay(2020, 7, 1))},
                 {"100.00", kDigital, TaxClass::kStandard,
                  Supply(CivilDay(2020, 7, 1), CivilDay(2020, 8, 1))}},
       .expect_lines = {{"S", "19", "100.00", "19.00"}, {"S", "16", "100.00", "16.00"}},
       .expect_groups = {{"S", "19", "100.00", "19.00"}, {"S", "16", "100.00", "16.00"}},
       .net = "200.00",
       .tax = "35.00",
       .gross = "235.00",
       .rule = "domestic"},
      {.name = "rate_change_at_midnight_de_2021_01_01_reduced",
       .lines = {{"10.00", kGoods, TaxClass::kReduced,
                  Supply(CivilDay(2020, 12, 1), CivilDay(2021, 1, 1))},
                 {"10.00", kGoods, TaxClass::kReduced,
                  Supply(CivilDay(2021, 1, 1), CivilDay(2021, 2, 1))}},
       .expect_lines = {{"AA", "5", "10.00", "0.50"}, {"AA", "7", "10.00", "0.70"}},
       .expect_groups = {{"AA", "5", "10.00", "0.50"}, {"AA", "7", "10.00", "0.70"}},
       .net = "20.00",
       .tax = "1.20",
       .gross = "21.20",
       .rule = "domestic"},
      {.name = "rate_change_at_midnight_fi_2026_01_01",
       .seller = Seller("FI", "FI02459042"),
       .customer = Consumer("FI"),
       .lines = {{"100.00", kService, TaxClass::kReduced2,
                  Supply(CivilDay(2025, 12, 1), CivilDay(2026, 1, 1))},
                 {"100.00", kService, TaxClass::kReduced2,
                  Supply(CivilDay(2026, 1, 1), CivilDay(2026, 2, 1))}},
       .expect_lines = {{"AA", "14", "100.00", "14.00"}, {"AA", "13.5", "100.00", "13.50"}},
       .expect_groups = {{"AA", "14", "100.00", "14.00"}, {"AA", "13.5", "100.00", "13.50"}},
       .net = "200.00",
       .tax = "27.50",
       .gross = "227.50",
       .rule = "domestic",
       .seller_vat_id = "FI02459042"},

      // --- Currencies with 0 and 3 decimals --------------------------------------------------
      {.name = "jpy_per_document",
       // 999 × 19 % = 189.81 -> 190; shares 63.27 -> 63 each, the missing yen on line 1.
       .currency = "JPY",
       .lines = {{"333"}, {"333"}, {"333"}},
       .expect_lines = {{"S", "19", "333", "64"},
                        {"S", "19", "333", "63"},
                        {"S", "19", "333", "63"}},
       .expect_groups = {{"S", "19", "999", "190"}},
       .net = "999",
       .tax = "190",
       .gross = "1189",
       .rule = "domestic"},
      {.name = "jpy_per_line",
       .currency = "JPY",
       .settings = kExclLine,
       .lines = {{"333"}, {"333"}, {"333"}},
       .expect_lines = {{"S", "19", "333", "63"},
                        {"S", "19", "333", "63"},
                        {"S", "19", "333", "63"}},
       .expect_groups = {{"S", "19", "999", "189", -1}},
       .net = "999",
       .tax = "189",
       .gross = "1188",
       .rule = "domestic"},
      {.name = "jpy_inclusive",
       // 1000 / 1.19 = 840.34 -> 840; VAT round(159.6) = 160: exact.
       .currency = "JPY",
       .settings = kInclDoc,
       .lines = {{"1000"}},
       .expect_lines = {{"S", "19", "840", "160"}},
       .expect_groups = {{"S", "19", "840", "160"}},
       .net = "840",
       .tax = "160",
       .gross = "1000",
       .rule = "domestic"},
      {.name = "kwd_three_decimals",
       .currency = "KWD",
       .lines = {{"12.345"}},  // 12.345 × 19 % = 2.34555 -> 2.346
       .expect_lines = {{"S", "19", "12.345", "2.346"}},
       .expect_groups = {{"S", "19", "12.345", "2.346"}},
       .net = "12.345",
       .tax = "2.346",
       .gross = "14.691",
       .rule = "domestic"},
      {.name = "kwd_inclusive",
       .currency = "KWD",
       .settings = kInclDoc,
       .lines = {{"1.000"}},  // 1 / 1.19 = 0.840336 -> 0.840; VAT round(0.1596) = 0.160
       .expect_lines = {{"S", "19", "0.840", "0.160"}},
       .expect_groups = {{"S", "19", "0.840", "0.160"}},
       .net = "0.840",
       .tax = "0.160",
       .gross = "1.000",
       .rule = "domestic"},
  };
}

class TaxScenarioTest : public ::testing::TestWithParam<Scenario> {};

TEST_P(TaxScenarioTest, MatchesHandComputedFigures) {
  const Scenario& s = GetParam();
  const Currency ccy = Currency::FromCodeOrDie(s.currency);
  auto money = [&](const char* text) { return *Money::ParseExact(text, ccy); };
  InvoiceTaxRequest request{ccy, s.settings, s.seller, s.customer, {}};
  for (const L& l : s.lines) {
    std::optional<TaxExemption> exemption;
    if (l.exemption_code) exemption = TaxExemption{l.exemption_code, l.exemption_text};
    request.lines.push_back(
        InvoiceTaxLine{l.kind, money(l.amount), l.supply, l.cls, exemption, l.day});
  }
  ASSERT_OK_AND_ASSIGN(InvoiceTax got, ComputeInvoiceTax(request, RateTable::BuiltInEu()));

  ASSERT_EQ(got.amounts.items.size(), s.expect_lines.size());
  for (size_t i = 0; i < s.expect_lines.size(); ++i) {
    const ExpLine& e = s.expect_lines[i];
    SCOPED_TRACE(fmt::format("line {}", i));
    EXPECT_EQ(TaxCategoryCode(got.treatments[i].category), e.category);
    EXPECT_EQ(got.treatments[i].percent.ToString(), e.percent);
    EXPECT_EQ(got.amounts.items[i].net, money(e.net));
    EXPECT_EQ(got.amounts.items[i].tax, money(e.tax));
    EXPECT_EQ(got.amounts.items[i].gross, money(e.net) + money(e.tax));
  }
  ASSERT_EQ(got.amounts.breakdown.size(), s.expect_groups.size());
  int64_t taxable_sum = 0, tax_sum = 0;
  for (size_t g = 0; g < s.expect_groups.size(); ++g) {
    const ExpGroup& e = s.expect_groups[g];
    const TaxGroup& t = got.amounts.breakdown[g];
    SCOPED_TRACE(fmt::format("group {}", g));
    EXPECT_EQ(TaxCategoryCode(t.category), e.category);
    EXPECT_EQ(t.percent.ToString(), e.percent);
    EXPECT_EQ(t.taxable, money(e.taxable));
    EXPECT_EQ(t.tax, money(e.tax));
    EXPECT_EQ(t.rounding_difference_minor, e.rounding_difference_minor);
    EXPECT_EQ(t.exemption.has_value(), NeedsExemptionReason(t.category));
    taxable_sum += t.taxable.minor_units();
    tax_sum += t.tax.minor_units();
  }
  EXPECT_EQ(got.amounts.totals.net, money(s.net));
  EXPECT_EQ(got.amounts.totals.tax, money(s.tax));
  EXPECT_EQ(got.amounts.totals.gross, money(s.gross));
  // The breakdown adds up exactly to the document (BR-CO-13/14/15).
  EXPECT_EQ(taxable_sum, got.amounts.totals.net.minor_units());
  EXPECT_EQ(tax_sum, got.amounts.totals.tax.minor_units());
  EXPECT_EQ(TaxRuleName(got.treatments[0].rule), s.rule);
  EXPECT_EQ(got.notes, s.notes);
  EXPECT_EQ(got.seller_vat_id, s.seller_vat_id);
  EXPECT_EQ(got.customer_vat_id, s.customer_vat_id);
}

INSTANTIATE_TEST_SUITE_P(Eu, TaxScenarioTest, ::testing::ValuesIn(Scenarios()),
                         [](const ::testing::TestParamInfo<Scenario>& param_info) {
                           return param_info.param.name;
                         });

TEST(TaxScenarioTableTest, HasAtLeastThirtyScenarios) { EXPECT_GE(Scenarios().size(), 30u); }

// --- Errors and tenant rates ---------------------------------------------------------------

InvoiceTaxRequest OneLine(SellerTaxProfile seller, CustomerTaxProfile customer) {
  const Currency eur = Currency::FromCodeOrDie("EUR");
  return InvoiceTaxRequest{
      eur,
      kExclDoc,
      std::move(seller),
      std::move(customer),
      {InvoiceTaxLine{ItemKind::kLine, Money::FromMinor(10000, eur), SupplyType::kDigitalService,
                      TaxClass::kStandard, std::nullopt, kDay}}};
}

TEST(InvoiceTaxTest, BadCustomerVatIdNamesTheField) {
  Status s =
      ComputeInvoiceTax(OneLine(kDe, Business("FR", "FR 40 303 265 046")), RateTable::BuiltInEu())
          .status();
  EXPECT_THAT(s, testing::HasReason("tax.vat_id.bad_checksum"));
  EXPECT_THAT(s, testing::HasParam("customer.vat_id"));
  s = ComputeInvoiceTax(OneLine(kDe, Business("FR", "DE136308783")), RateTable::BuiltInEu())
          .status();
  EXPECT_THAT(s, testing::HasReason("tax.vat_id.country_mismatch"));
  s = ComputeInvoiceTax(OneLine(kDe, Business("FR", "GB123456789")), RateTable::BuiltInEu())
          .status();
  EXPECT_THAT(s, testing::HasReason("tax.vat_id.unknown_country"));
}

TEST(InvoiceTaxTest, BadSellerProfileNamesTheField) {
  Status s = ComputeInvoiceTax(OneLine(Seller("DE", "DE136308784"), Consumer("DE")),
                               RateTable::BuiltInEu())
                 .status();
  EXPECT_THAT(s, testing::HasParam("seller.registrations[0].vat_id"));
  s = ComputeInvoiceTax(OneLine(SellerTaxProfile{"DE", {}, false}, Consumer("DE")),
                        RateTable::BuiltInEu())
          .status();
  EXPECT_THAT(s, testing::HasReason("tax.seller_registration_missing"));
  s = ComputeInvoiceTax(OneLine(kDe, Consumer("ES", "CN")), RateTable::BuiltInEu()).status();
  EXPECT_THAT(s, testing::HasReason("tax.region_unknown"));
  EXPECT_THAT(s, testing::HasParam("customer.region"));
  s = ComputeInvoiceTax(OneLine(kDe, Consumer("XX")), RateTable::BuiltInEu()).status();
  EXPECT_THAT(s, testing::HasReason("tax.country_unknown"));
  EXPECT_THAT(s, testing::HasParam("customer.country"));
}

TEST(InvoiceTaxTest, ExemptLineWithoutReasonIsRejected) {
  InvoiceTaxRequest r = OneLine(kDe, Consumer("DE"));
  r.lines.push_back(r.lines[0]);
  r.lines[1].tax_class = TaxClass::kExempt;
  Status s = ComputeInvoiceTax(r, RateTable::BuiltInEu()).status();
  EXPECT_THAT(s, testing::HasReason("tax.exemption.missing"));
  EXPECT_THAT(s, testing::HasParam("lines[1].exemption"));
}

TEST(InvoiceTaxTest, CalculatorErrorsNameTheLine) {
  InvoiceTaxRequest r = OneLine(kDe, Consumer("DE"));
  r.lines[0].amount = Money::FromMinor(100, Currency::FromCodeOrDie("USD"));
  Status s = ComputeInvoiceTax(r, RateTable::BuiltInEu()).status();
  EXPECT_THAT(s, testing::HasReason("tax.currency_mismatch"));
  EXPECT_THAT(s, testing::HasParam("lines[0].amount"));
}

TEST(InvoiceTaxTest, MissingRateKeepsTheDraftWithAReason) {
  // Denmark has no reduced rate; a non-EU seller selling at home needs its own rates.
  InvoiceTaxRequest dk = OneLine(Seller("DK", "DK 10 50 32 80"), Consumer("DK"));
  dk.lines[0].tax_class = TaxClass::kReduced;
  Status s = ComputeInvoiceTax(dk, RateTable::BuiltInEu()).status();
  EXPECT_THAT(s, testing::HasReason("tax.rate_not_found"));
  EXPECT_THAT(s, testing::HasParam("lines[0]"));
  EXPECT_THAT(ComputeInvoiceTax(OneLine(SellerTaxProfile{"CH", {}, false}, Consumer("CH")),
                                RateTable::BuiltInEu()),
              testing::HasReason("tax.rate_not_found"));
}

TEST(InvoiceTaxTest, TenantRatesForANonEuSeller) {
  // A Swiss tenant brings its rates (8.1 % since 2024-01-01) and bills at home.
  ASSERT_OK_AND_ASSIGN(RateTable rates, RateTable::WithOverrides(
                                            RateTable::BuiltInEu(),
                                            {{"CH", "", RateKind::kStandard, *Decimal::Parse("8.1"),
                                              CivilDay(2024, 1, 1), std::nullopt}}));
  ASSERT_OK_AND_ASSIGN(
      InvoiceTax got,
      ComputeInvoiceTax(OneLine(SellerTaxProfile{"CH", {}, false}, Consumer("CH")), rates));
  EXPECT_EQ(got.amounts.totals.tax.ToString(), "8.10");
  EXPECT_EQ(got.treatments[0].rule, TaxRule::kDomestic);
  // The same tenant exporting to Germany: a consumer buying a digital service owes German VAT.
  ASSERT_OK_AND_ASSIGN(
      got, ComputeInvoiceTax(OneLine(SellerTaxProfile{"CH", {}, false}, Consumer("DE")), rates));
  EXPECT_EQ(got.amounts.totals.tax.ToString(), "19.00");
}

TEST(InvoiceTaxTest, TenantOverrideChangesAnEuRate) {
  ASSERT_OK_AND_ASSIGN(RateTable rates, RateTable::WithOverrides(
                                            RateTable::BuiltInEu(),
                                            {{"FR", "", RateKind::kStandard, *Decimal::Parse("21"),
                                              CivilDay(2026, 2, 1), std::nullopt}}));
  ASSERT_OK_AND_ASSIGN(InvoiceTax got, ComputeInvoiceTax(OneLine(kDe, Consumer("FR")), rates));
  EXPECT_EQ(got.amounts.totals.tax.ToString(), "21.00");
}

TEST(SupplyDayTest, LastDayOfThePeriod) {
  EXPECT_EQ(SupplyDayOfPeriod(CivilDay(2020, 6, 1), CivilDay(2020, 7, 1)), CivilDay(2020, 6, 30));
  EXPECT_EQ(SupplyDayOfPeriod(CivilDay(2024, 2, 1), CivilDay(2024, 3, 1)), CivilDay(2024, 2, 29));
  EXPECT_EQ(SupplyDayOfPeriod(CivilDay(2024, 2, 1), CivilDay(2024, 2, 1)), CivilDay(2024, 2, 1));
}

TEST(TaxNamesTest, RoundTrip) {
  for (TaxClass c :
       {TaxClass::kStandard, TaxClass::kReduced, TaxClass::kReduced2, TaxClass::kSuperReduced,
        TaxClass::kParking, TaxClass::kZero, TaxClass::kExempt, TaxClass::kOutsideScope}) {
    ASSERT_OK_AND_ASSIGN(TaxClass back, ParseTaxClass(TaxClassName(c)));
    EXPECT_EQ(back, c);
  }
  for (SupplyType t : {SupplyType::kDigitalService, SupplyType::kService, SupplyType::kGoods}) {
    ASSERT_OK_AND_ASSIGN(SupplyType back, ParseSupplyType(SupplyTypeName(t)));
    EXPECT_EQ(back, t);
  }
  EXPECT_THAT(ParseTaxClass("vat"), testing::HasReason("tax.class_unknown"));
  EXPECT_THAT(ParseSupplyType("saas"), testing::HasReason("tax.supply_type_unknown"));
}

}  // namespace
}  // namespace accrue::tax
