// RenderPdf end to end: documents are rendered, written to a temporary directory, and read back
// with poppler-utils (`pdftotext -layout`, `pdftoppm -png -r 50`, installed by
// scripts/install-deps.sh). The expected amounts and dates are written out by hand per locale.
//
// pdftotext prints every kind of space as U+0020, so the text checks compare with U+00A0 and
// U+202F turned into plain spaces; localization_test.cc checks the exact characters ICU gives.
#include "accrue/formats/pdf/pdf_renderer.h"

#include <cairo.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <thread>

#include "accrue/formats/einvoice/einvoice_test_util.h"
#include "accrue/formats/pdf/canvas.h"
#include "testing/status_matchers.h"

namespace accrue::pdf {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;
using einvoice::AllowanceCharge;
using einvoice::DocumentType;
using einvoice::EInvoiceDocument;
using einvoice::VatCategory;
using einvoice::testing::AddLine;
using einvoice::testing::BaseDocument;
using einvoice::testing::FinishTotals;
using einvoice::testing::M;
using einvoice::testing::ScenarioByName;
using ::testing::HasSubstr;
using ::testing::Not;

// ---------------------------------------------------------------------------------------------
// Reading a PDF back.

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "accrue_pdf_" + std::to_string(getpid()) + "_" + name;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// U+00A0 and U+202F as the plain spaces pdftotext prints for them.
std::string PlainSpaces(std::string text) {
  for (const std::string& space : {std::string("\u00A0"), std::string("\u202F")}) {
    for (size_t at = text.find(space); at != std::string::npos; at = text.find(space, at)) {
      text.replace(at, space.size(), " ");
    }
  }
  return text;
}

struct Extracted {
  std::string text;                // the whole document, pages separated by '\f'
  std::vector<std::string> pages;  // one entry per page
};

Extracted PdfToText(const std::string& pdf, const std::string& name, bool layout = true) {
  const std::string in = TempPath(name + ".pdf");
  const std::string out = TempPath(name + ".txt");
  WriteFile(in, pdf);
  const std::string cmd =
      std::string("pdftotext ") + (layout ? "-layout " : "") + "-enc UTF-8 " + in + " " + out;
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd << " (poppler-utils: scripts/install-deps.sh)";
  Extracted e;
  e.text = PlainSpaces(einvoice::testing::ReadFile(out));
  size_t start = 0;
  for (size_t ff = e.text.find('\f'); ff != std::string::npos; ff = e.text.find('\f', start)) {
    e.pages.push_back(e.text.substr(start, ff - start));
    start = ff + 1;
  }
  std::remove(in.c_str());
  std::remove(out.c_str());
  return e;
}

Result<std::string> Render(const EInvoiceDocument& doc, const std::string& locale = "en-GB") {
  PdfOptions options;
  options.locale = locale;
  return RenderPdf(doc, options);
}

// ---------------------------------------------------------------------------------------------
// One document per locale, every amount written out by hand.
//
// Two lines (19 % and 7 %), a document discount of 10.00 at 19 %, 100.00 prepaid:
//   lines 1,234.56 + 250.00 = 1,484.56; net 1,474.56; VAT 19 % of 1,224.56 = 232.67 and
//   7 % of 250.00 = 17.50, together 250.17; gross 1,724.73; due 1,624.73.
// In JPY: 123,456 (10 %) + 9,960 (8 %), discount 1,000 at 10 %, 10,000 prepaid: net 132,416;
//   VAT 12,246 + 797 = 13,043; gross 145,459; due 135,459.
EInvoiceDocument LocaleDocument(std::string_view currency) {
  EInvoiceDocument doc = BaseDocument(currency);
  doc.number = "INV-2024-0042";
  const bool yen = currency == "JPY";
  AddLine(doc, "Pro plan", "1", "C62", yen ? "123456" : "1234.56", VatCategory::kStandard,
          yen ? "10" : "19");
  AddLine(doc, "Consulting", yen ? "2" : "2.5", "HUR", yen ? "4980" : "100.00",
          VatCategory::kStandard, yen ? "8" : "7");
  AllowanceCharge discount;
  discount.amount = M(yen ? "1000" : "10.00", currency);
  discount.reason = "Loyalty discount";
  discount.reason_code = "95";
  discount.vat_rate = Decimal::FromInt(yen ? 10 : 19);
  doc.allowances_charges.push_back(discount);
  FinishTotals(doc, {}, M(yen ? "10000" : "100.00", currency));
  return doc;
}

struct LocaleCase {
  const char* locale;
  const char* currency;
  std::vector<std::string> expected;  // amounts, then the issue and the due date
};

std::vector<LocaleCase> LocaleCases() {
  const std::string nb = "\u00A0";
  const std::string nn = "\u202F";
  return {
      {"en-US",
       "USD",
       {"$1,234.56", "$250.00", "$100.00", "-$10.00", "$1,224.56", "$232.67", "$17.50", "$1,484.56",
        "$1,474.56", "$250.17", "$1,724.73", "-$100.00", "$1,624.73", "Mar 1, 2024",
        "Mar 31, 2024"}},
      {"en-GB",
       "GBP",
       {"£1,234.56", "£250.00", "£100.00", "-£10.00", "£1,224.56", "£232.67", "£17.50", "£1,484.56",
        "£1,474.56", "£250.17", "£1,724.73", "-£100.00", "£1,624.73", "1 Mar 2024", "31 Mar 2024"}},
      {"de-DE",
       "EUR",
       {"1.234,56" + nb + "€", "250,00" + nb + "€", "100,00" + nb + "€", "-10,00" + nb + "€",
        "1.224,56" + nb + "€", "232,67" + nb + "€", "17,50" + nb + "€", "1.484,56" + nb + "€",
        "1.474,56" + nb + "€", "250,17" + nb + "€", "1.724,73" + nb + "€", "-100,00" + nb + "€",
        "1.624,73" + nb + "€", "01.03.2024", "31.03.2024"}},
      {"fr-FR",
       "EUR",
       {"1" + nn + "234,56" + nb + "€", "250,00" + nb + "€", "100,00" + nb + "€",
        "-10,00" + nb + "€", "1" + nn + "224,56" + nb + "€", "232,67" + nb + "€",
        "17,50" + nb + "€", "1" + nn + "484,56" + nb + "€", "1" + nn + "474,56" + nb + "€",
        "250,17" + nb + "€", "1" + nn + "724,73" + nb + "€", "-100,00" + nb + "€",
        "1" + nn + "624,73" + nb + "€", "1 mars 2024", "31 mars 2024"}},
      {"ja-JP",
       "JPY",
       {"￥123,456", "￥9,960", "￥4,980", "-￥1,000", "￥122,456", "￥12,246", "￥797",
        "￥133,416", "￥132,416", "￥13,043", "￥145,459", "-￥10,000", "￥135,459", "2024/03/01",
        "2024/03/31"}},
  };
}

TEST(PdfRender, AmountsDatesAndNumberPerLocale) {
  for (const LocaleCase& c : LocaleCases()) {
    EInvoiceDocument doc = LocaleDocument(c.currency);
    ASSERT_OK_AND_ASSIGN(std::string pdf, Render(doc, c.locale));
    ASSERT_THAT(pdf, ::testing::StartsWith("%PDF-"));
    Extracted e = PdfToText(pdf, c.locale);
    ASSERT_EQ(e.pages.size(), 1u) << c.locale;
    EXPECT_THAT(e.text, HasSubstr("INV-2024-0042")) << c.locale;
    for (const std::string& want : c.expected) {
      EXPECT_THAT(e.text, HasSubstr(PlainSpaces(want))) << c.locale << "\n" << e.text;
    }
  }
}

TEST(PdfRender, LabelsTranslated) {
  const std::pair<const char*, std::vector<std::string>> cases[] = {
      {"en-GB", {"Invoice", "Due date", "Total VAT", "Amount due", "VAT breakdown"}},
      {"de-DE", {"Rechnung", "Fälligkeitsdatum", "Umsatzsteuer", "Zahlbetrag", "Deutschland"}},
      {"fr-FR", {"Facture", "Date d’échéance", "Total TVA", "Montant à payer", "Allemagne"}},
      {"ja-JP", {"請求書", "支払期日", "消費税合計", "ご請求金額", "ドイツ"}},
  };
  for (const auto& [locale, words] : cases) {
    ASSERT_OK_AND_ASSIGN(std::string pdf, Render(LocaleDocument("EUR"), locale));
    Extracted e = PdfToText(pdf, std::string("labels_") + locale);
    for (const std::string& w : words) EXPECT_THAT(e.text, HasSubstr(w)) << locale;
  }
}

TEST(PdfRender, PartiesTaxIdsPeriodsPaymentAndNotes) {
  EInvoiceDocument doc = ScenarioByName("standard_rate");
  doc.seller.tax_registration_id = "27/123/45678";
  doc.lines[0].note = "Includes priority support";
  ASSERT_OK_AND_ASSIGN(std::string pdf, Render(doc));
  Extracted e = PdfToText(pdf, "parties");
  for (const char* want : {"Accrue Demo GmbH",
                           "Hauptstraße 1",
                           "10115 Berlin",
                           "Käufer & Söhne KG",
                           "80331 München",
                           "VAT ID: DE123456789",
                           "VAT ID: DE987654321",
                           "Tax number: 27/123/45678",
                           "Registration: HRB 123456",
                           "1 Feb 2024 – 29 Feb 2024",
                           "Includes priority support",
                           "Monthly subscription",
                           "Thank you for your business.",
                           "Payable within 30 days",
                           "DE89 3704 0044 0532 0130 00",
                           "COBADEFFXXX",
                           "RF18 5390 0754 7034",
                           "Scan to pay",
                           "€0.0008",
                           "12,500",
                           "19%",
                           "04011000-12345-03",
                           "PO-7781"}) {
    EXPECT_THAT(e.text, HasSubstr(want)) << want << "\n" << e.text;
  }
}

TEST(PdfRender, OptionalBlocksHidden) {
  EInvoiceDocument doc = ScenarioByName("standard_rate");
  PdfOptions options;
  options.show_tax_ids = false;
  options.show_periods = false;
  options.show_notes = false;
  options.show_payment_qr = false;
  ASSERT_OK_AND_ASSIGN(std::string pdf, RenderPdf(doc, options));
  Extracted e = PdfToText(pdf, "hidden");
  for (const char* absent : {"DE123456789", "HRB 123456", "29 Feb 2024",
                             "Thank you for your business.", "Scan to pay"}) {
    EXPECT_THAT(e.text, Not(HasSubstr(absent))) << absent;
  }
  EXPECT_THAT(e.text, HasSubstr("RF18 5390 0754 7034"));  // payment instructions remain
}

TEST(PdfRender, ReferenceThatIsNotRfPrintedAsGiven) {
  EInvoiceDocument doc = ScenarioByName("standard_rate");
  doc.payment_means->payment_id = "Kd-Nr. 4711 / INV-2024-0001";
  ASSERT_OK_AND_ASSIGN(std::string pdf, Render(doc));
  EXPECT_THAT(PdfToText(pdf, "ref").text, HasSubstr("Kd-Nr. 4711 / INV-2024-0001"));
}

TEST(PdfRender, QrOnlyForEurTransfers) {
  ASSERT_OK_AND_ASSIGN(std::string eur, Render(ScenarioByName("standard_rate")));
  EXPECT_THAT(PdfToText(eur, "qr_eur").text, HasSubstr("Scan to pay"));
  ASSERT_OK_AND_ASSIGN(std::string usd, Render(LocaleDocument("USD")));
  EXPECT_THAT(PdfToText(usd, "qr_usd").text, Not(HasSubstr("Scan to pay")));
  EInvoiceDocument bad_iban = ScenarioByName("standard_rate");
  bad_iban.payment_means->account_id = "DE00370400440532013000";
  ASSERT_OK_AND_ASSIGN(std::string no_qr, Render(bad_iban));
  Extracted e = PdfToText(no_qr, "qr_bad_iban");
  EXPECT_THAT(e.text, Not(HasSubstr("Scan to pay")));
  EXPECT_THAT(e.text, HasSubstr("DE00 3704 0044 0532 0130 00"));
}

// The code is drawn as a 1-bit image mask, one pixel per module, never interpolated, so it stays
// sharp at any zoom; scanned from the rendered page (zbarimg, Debian zbar-tools, installed by
// scripts/install-deps.sh) it must give exactly the EPC payload.
TEST(PdfRender, QrCodeScansToTheEpcPayload) {
  const EInvoiceDocument doc = ScenarioByName("standard_rate");
  ASSERT_OK_AND_ASSIGN(std::string pdf, Render(doc));
  EXPECT_THAT(pdf, HasSubstr("/ImageMask true"));
  EXPECT_THAT(pdf, HasSubstr("/Interpolate false"));
  std::optional<EpcCreditTransfer> transfer = EpcTransferFor(doc);
  ASSERT_TRUE(transfer.has_value());
  ASSERT_OK_AND_ASSIGN(std::string payload, EpcQrPayload(*transfer));
  if (std::system("command -v zbarimg > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "zbarimg not installed (zbar-tools: scripts/install-deps.sh)";
  }
  const std::string in = TempPath("qr_scan.pdf");
  const std::string prefix = TempPath("qr_scan");
  const std::string scanned = TempPath("qr_scan.txt");
  WriteFile(in, pdf);
  const std::string png = prefix + ".png";
  for (const char* dpi : {"100", "300"}) {
    std::string cmd =
        std::string("pdftoppm -png -singlefile -r ") + dpi + " -f 1 -l 1 " + in + " " + prefix;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    cmd = "zbarimg --quiet --raw -Sdisable -Sqrcode.enable -Sqrcode.binary " + png + " > " +
          scanned + " 2> /dev/null";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::string text = einvoice::testing::ReadFile(scanned);
    if (!text.empty() && text.back() == '\n') text.pop_back();  // zbarimg ends the symbol
    EXPECT_EQ(text, payload) << dpi << " dpi";
  }
  std::remove(in.c_str());
  std::remove(png.c_str());
  std::remove(scanned.c_str());
}

TEST(PdfRender, UnicodeNamesInEveryScript) {
  EInvoiceDocument doc = ScenarioByName("standard_rate");
  doc.buyer.name = "Ольга Петрова";
  doc.buyer.trading_name = "株式会社山田商事";
  doc.buyer.address.street = "شارع الملك فهد";
  doc.lines[1].item_name = "Ελληνικά API calls";
  ASSERT_OK_AND_ASSIGN(std::string pdf, Render(doc));
  Extracted e = PdfToText(pdf, "unicode", /*layout=*/false);
  for (const char* want : {"Ольга Петрова", "株式会社山田商事", "Ελληνικά API calls"}) {
    EXPECT_THAT(e.text, HasSubstr(want)) << e.text;
  }
  // Arabic comes back in logical order, possibly wrapped in bidi embedding marks.
  for (const char* word : {"شارع", "الملك", "فهد"}) EXPECT_THAT(e.text, HasSubstr(word));
}

TEST(PdfRender, CreditNote) {
  EInvoiceDocument doc = ScenarioByName("credit_note");
  ASSERT_OK_AND_ASSIGN(std::string pdf, Render(doc));
  Extracted e = PdfToText(pdf, "credit_note");
  EXPECT_THAT(e.text, HasSubstr("Credit note"));
  EXPECT_THAT(e.text, Not(HasSubstr("Invoice ")));
  EXPECT_THAT(e.text, HasSubstr("CN-2024-0001"));
  EXPECT_THAT(e.text, HasSubstr("Corrects invoice"));
  EXPECT_THAT(e.text, HasSubstr("INV-2024-0001 (1 Mar 2024)"));
  EXPECT_THAT(e.text, HasSubstr("€18.81"));  // 15.81 + 19 % VAT 3.00
  EXPECT_THAT(e.text, Not(HasSubstr("Scan to pay")));
  ASSERT_OK_AND_ASSIGN(std::string de, Render(doc, "de-DE"));
  EXPECT_THAT(PdfToText(de, "credit_note_de").text, HasSubstr("Rechnungskorrektur"));
}

TEST(PdfRender, TitleOverrideAndFooterOnEveryPage) {
  EInvoiceDocument doc = ScenarioByName("many_lines");
  PdfOptions options;
  options.title = "Tax invoice";
  options.footer = "Accrue Demo GmbH · Amtsgericht Berlin HRB 123456";
  ASSERT_OK_AND_ASSIGN(std::string pdf, RenderPdf(doc, options));
  Extracted e = PdfToText(pdf, "footer");
  ASSERT_GE(e.pages.size(), 2u);
  EXPECT_THAT(e.pages[0], HasSubstr("Tax invoice"));
  for (const std::string& page : e.pages) {
    EXPECT_THAT(page, HasSubstr("Amtsgericht Berlin HRB 123456"));
  }
}

TEST(PdfRender, SixtyLinesContinueWithTheHeaderRepeated) {
  EInvoiceDocument doc = BaseDocument();
  for (int i = 1; i <= 60; ++i) {
    AddLine(doc, "Usage item " + std::to_string(i), std::to_string(i), "C62", "1.50");
    doc.lines.back().period = doc.invoice_period;
  }
  FinishTotals(doc);
  ASSERT_OK_AND_ASSIGN(std::string pdf, Render(doc));
  Extracted e = PdfToText(pdf, "sixty", /*layout=*/false);
  ASSERT_GE(e.pages.size(), 2u) << e.text;
  const size_t n = e.pages.size();
  for (size_t p = 0; p < n; ++p) {
    SCOPED_TRACE(p);
    if (p + 1 < n || e.pages[p].find("Usage item") != std::string::npos) {
      EXPECT_THAT(e.pages[p], HasSubstr("Description"));
      EXPECT_THAT(e.pages[p], HasSubstr("Unit price"));
    }
    // Printed "1 / 3"; pdftotext drops the narrow spaces of the 7 pt footer.
    EXPECT_THAT(e.pages[p], HasSubstr(std::to_string(p + 1) + "/" + std::to_string(n) + "\n"));
  }
  EXPECT_THAT(e.pages[0], HasSubstr("Usage item 1\n"));
  EXPECT_THAT(e.pages[1], HasSubstr("Invoice INV-2024-0001 (continued)"));
  // Every line is printed once, in order.
  size_t at = 0;
  for (int i = 1; i <= 60; ++i) {
    const std::string name = "Usage item " + std::to_string(i) + "\n";
    const size_t found = e.text.find(name, at);
    ASSERT_NE(found, std::string::npos) << name;
    EXPECT_EQ(e.text.find(name, found + 1), std::string::npos) << name;
    at = found;
  }
  // 1.50 × (1 + … + 60) = 2,745.00 net; 521.55 VAT; 3,266.55 due, on the last page.
  EXPECT_THAT(e.pages.back(), HasSubstr("€3,266.55"));
}

// More distinct texts than the thread keeps shaped (internal::kTextCacheEntries): layouts are
// dropped from the cache while the document still draws them, and a second rendering, partly
// from the cache, gives the same bytes.
TEST(PdfRender, MoreTextsThanTheShapingCacheHolds) {
  EInvoiceDocument doc = BaseDocument();
  constexpr int kLines = static_cast<int>(internal::kTextCacheEntries / 2);
  for (int i = 1; i <= kLines; ++i) {
    AddLine(doc, "Metered item " + std::to_string(i), std::to_string(i), "C62", "1.50");
  }
  FinishTotals(doc);
  ASSERT_OK_AND_ASSIGN(std::string first, Render(doc));
  ASSERT_OK_AND_ASSIGN(std::string second, Render(doc));
  EXPECT_EQ(first, second);
  Extracted e = PdfToText(first, "cache_overflow", /*layout=*/false);
  for (int i : {1, kLines / 2, kLines}) {
    EXPECT_THAT(e.text, HasSubstr("Metered item " + std::to_string(i) + "\n")) << i;
  }
}

// ---------------------------------------------------------------------------------------------
// Pixels.

struct PixelCounts {
  int width = 0;
  int height = 0;
  long inked = 0;   // not white
  long accent = 0;  // within a small distance of the accent colour
};

PixelCounts RasterizeFirstPage(const std::string& pdf, const std::string& name, int r, int g,
                               int b) {
  const std::string in = TempPath(name + ".pdf");
  const std::string prefix = TempPath(name);
  WriteFile(in, pdf);
  const std::string cmd = "pdftoppm -png -r 50 -f 1 -l 1 " + in + " " + prefix;
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::string png = prefix + "-1.png";
  if (!std::ifstream(png).good()) png = prefix + "-01.png";
  PixelCounts out;
  cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
  EXPECT_EQ(cairo_surface_status(image), CAIRO_STATUS_SUCCESS) << png;
  if (cairo_surface_status(image) == CAIRO_STATUS_SUCCESS) {
    out.width = cairo_image_surface_get_width(image);
    out.height = cairo_image_surface_get_height(image);
    const int stride = cairo_image_surface_get_stride(image);
    const unsigned char* data = cairo_image_surface_get_data(image);
    for (int y = 0; y < out.height; ++y) {
      for (int x = 0; x < out.width; ++x) {
        uint32_t px;
        std::memcpy(&px, data + y * stride + x * 4, 4);
        const int pr = static_cast<int>((px >> 16) & 0xFF);
        const int pg = static_cast<int>((px >> 8) & 0xFF);
        const int pb = static_cast<int>(px & 0xFF);
        if (pr < 240 || pg < 240 || pb < 240) ++out.inked;
        if (std::abs(pr - r) + std::abs(pg - g) + std::abs(pb - b) < 24) ++out.accent;
      }
    }
  }
  cairo_surface_destroy(image);
  std::remove(in.c_str());
  std::remove(png.c_str());
  return out;
}

TEST(PdfRender, PngOfFirstPageIsA4AndNotBlank) {
  ASSERT_OK_AND_ASSIGN(std::string pdf, Render(ScenarioByName("standard_rate")));
  PixelCounts px = RasterizeFirstPage(pdf, "png", 0x1F, 0x4E, 0x79);
  EXPECT_NEAR(px.width, 413, 2);   // 210 mm at 50 dpi
  EXPECT_NEAR(px.height, 585, 2);  // 297 mm
  EXPECT_GT(px.inked, px.width * px.height / 50) << "less than 2 % of the page is inked";
  EXPECT_GT(px.accent, 500) << "no accent colour (title, table header, amount due)";

  PdfOptions red;
  red.accent_colour = "#C00000";
  ASSERT_OK_AND_ASSIGN(std::string red_pdf, RenderPdf(ScenarioByName("standard_rate"), red));
  EXPECT_GT(RasterizeFirstPage(red_pdf, "png_red", 0xC0, 0, 0).accent, 500);
  EXPECT_LT(RasterizeFirstPage(red_pdf, "png_red_blue", 0x1F, 0x4E, 0x79).accent, 50);
}

// A tiny valid PNG, made with Cairo.
std::string SomePng(int width, int height) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0.9, 0.2, 0.1);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string out;
  cairo_surface_write_to_png_stream(
      s,
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &out);
  cairo_surface_destroy(s);
  return out;
}

TEST(PdfRender, LogoIsDrawn) {
  PdfOptions options;
  options.logo_png = SomePng(120, 40);
  ASSERT_OK_AND_ASSIGN(std::string pdf, RenderPdf(ScenarioByName("standard_rate"), options));
  EXPECT_THAT(pdf, HasSubstr("/Subtype /Image"));
  // 0.9, 0.2, 0.1 is (230, 51, 26).
  EXPECT_GT(RasterizeFirstPage(pdf, "logo", 230, 51, 26).accent, 200);
}

// ---------------------------------------------------------------------------------------------
// Errors and properties.

TEST(PdfRender, BadAccentColour) {
  for (const char* colour : {"", "red", "#12345", "#1234567", "#GG0000", "1F4E79#"}) {
    PdfOptions options;
    options.accent_colour = colour;
    Result<std::string> r = RenderPdf(ScenarioByName("standard_rate"), options);
    EXPECT_THAT(r, HasReason("pdf.invalid_accent_colour")) << colour;
    EXPECT_THAT(r, HasParam("accent_colour")) << colour;
  }
  PdfOptions lower;
  lower.accent_colour = "#c0ffee";
  EXPECT_OK(RenderPdf(ScenarioByName("standard_rate"), lower));
}

TEST(PdfRender, BadLogo) {
  std::string truncated = SomePng(20, 20);
  truncated.resize(truncated.size() / 2);
  for (const std::string& logo :
       {std::string("not a png"), truncated, std::string("\x89PNG\r\n\x1a\n", 8),
        std::string(internal::kLogoBytesMax + 1, 'x')}) {
    PdfOptions options;
    options.logo_png = logo;
    Result<std::string> r = RenderPdf(ScenarioByName("standard_rate"), options);
    EXPECT_THAT(r, HasReason("pdf.invalid_logo")) << logo.size();
    EXPECT_THAT(r, HasParam("logo_png")) << logo.size();
  }
}

TEST(PdfRender, OtherRefusals) {
  EInvoiceDocument no_currency = ScenarioByName("standard_rate");
  no_currency.currency.reset();
  EXPECT_THAT(Render(no_currency), HasReason("pdf.missing_currency"));
  EXPECT_THAT(Render(ScenarioByName("standard_rate"), "!!"), HasReason("pdf.invalid_locale"));
  EInvoiceDocument many_rates = ScenarioByName("standard_rate");
  many_rates.vat_breakdown.resize(kVatRowsMax + 1, many_rates.vat_breakdown[0]);
  EXPECT_THAT(Render(many_rates), HasReason("pdf.too_many_vat_rows"));
}

TEST(PdfRender, EveryScenarioRenders) {
  for (const auto& s : einvoice::testing::Scenarios()) {
    Result<std::string> pdf = Render(s.doc);
    ASSERT_TRUE(pdf.ok()) << s.name << ": " << pdf.status();
    EXPECT_THAT(PdfToText(*pdf, "scenario_" + s.name).text, HasSubstr(s.doc.number)) << s.name;
  }
}

TEST(PdfRender, InvalidUtf8IsReplacedNotFatal) {
  EInvoiceDocument doc = ScenarioByName("standard_rate");
  doc.buyer.name = "Bad \xC3\x28 byte";
  ASSERT_OK_AND_ASSIGN(std::string pdf, Render(doc));
  EXPECT_THAT(PdfToText(pdf, "utf8").text, HasSubstr("Bad"));
}

TEST(PdfRender, SameBytesEveryTime) {
  ASSERT_OK_AND_ASSIGN(std::string a, Render(ScenarioByName("mixed_rates")));
  ASSERT_OK_AND_ASSIGN(std::string b, Render(ScenarioByName("mixed_rates")));
  EXPECT_EQ(a, b);
  // The issue date, not the time of rendering (Cairo 1.16 writes it without the "D:" prefix).
  EXPECT_THAT(a, HasSubstr("/CreationDate (20240301000000Z)"));
}

TEST(PdfRender, ThreadsRenderAtOnce) {
  const EInvoiceDocument doc = ScenarioByName("allowances_charges");
  ASSERT_OK_AND_ASSIGN(std::string expected, Render(doc, "de-DE"));
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        Result<std::string> r = Render(doc, i == 1 ? "ja-JP" : "de-DE");
        if (!r.ok()) return;
        if (i != 1) results[t] = *r;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& r : results) EXPECT_EQ(r, expected);
}

}  // namespace
}  // namespace accrue::pdf
