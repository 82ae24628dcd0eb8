#include "accrue/formats/pdf/pdf_renderer.h"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <utility>
#include <vector>

#include "accrue/domain/banking/creditor_reference.h"
#include "accrue/domain/banking/iban.h"
#include "accrue/formats/pdf/canvas.h"
#include "accrue/formats/pdf/localization.h"

namespace accrue::pdf {
namespace {

using einvoice::AllowanceCharge;
using einvoice::DocumentType;
using einvoice::EInvoiceDocument;
using einvoice::Line;
using einvoice::Party;
using internal::Align;
using internal::Image;
using internal::Rgb;
using internal::Style;
using internal::TextBox;
using internal::TextShaper;

// A4 portrait in points, 15 mm margins.
constexpr double kPageWidth = 595.2756;
constexpr double kPageHeight = 841.8898;
constexpr double kMargin = 42.52;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kFooterHeight = 30;
constexpr double kContentBottom = kPageHeight - kMargin - kFooterHeight;
constexpr double kContinuationTop = kMargin + 22;

constexpr double kTitlePt = 20;
constexpr double kNamePt = 9.5;
constexpr double kBodyPt = 8.5;
constexpr double kSmallPt = 7;
constexpr double kCellPad = 2.5;
constexpr double kBlockGap = 14;
constexpr double kLogoWidth = 150;
constexpr double kLogoHeight = 50;
constexpr double kQrSize = 92;

// Lines of text a cell or note may take before it is cut with an ellipsis, so that no single
// row or block is taller than a page.
constexpr int kCellLinesMax = 12;
constexpr int kNoteLinesMax = 30;
constexpr int kFooterLinesMax = 2;

constexpr Rgb kInk{0.10, 0.10, 0.10};
constexpr Rgb kMuted{0.38, 0.38, 0.38};
constexpr Rgb kRuleGrey{0.80, 0.80, 0.80};
constexpr Rgb kWhite{1, 1, 1};

// The lines table: description, quantity, unit price, VAT, amount; 5 pt between columns and
// 3 pt inside the table's edges.
constexpr double kTableInset = 3;
constexpr double kColGap = 5;
constexpr double kDescWidth = 220;
constexpr double kQtyWidth = 60;
constexpr double kPriceWidth = 80;
constexpr double kVatWidth = 45;
constexpr double kAmountWidth = 79;
constexpr double kQtyX = kDescWidth + kColGap;
constexpr double kPriceX = kQtyX + kQtyWidth + kColGap;
constexpr double kVatX = kPriceX + kPriceWidth + kColGap;
constexpr double kAmountX = kVatX + kVatWidth + kColGap;
static_assert(kAmountX + kAmountWidth <= kContentWidth - 2 * kTableInset, "the table fits");

// One block of the page flow. Paginate places it; Render calls draw(cr, y) with its top edge.
struct Item {
  double height = 0;
  double space_before = 0;
  bool table_row = false;       // a page break before it repeats the table header
  bool keep_with_next = false;  // never last on a page (headings)
  std::function<void(cairo_t*, double)> draw;
};

struct Placement {
  const Item* item;
  double y;
};

Style S(double size, Rgb colour = kInk, Align align = Align::kLeft, bool bold = false,
        int lines_max = kCellLinesMax) {
  return Style{size, bold, colour, align, lines_max};
}

std::string GroupsOfFour(std::string_view text) {
  const std::string compact = banking::ElectronicForm(text);
  std::string out;
  for (size_t i = 0; i < compact.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(compact[i]);
  }
  return out;
}

bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == text.npos; }

bool IsDirectDebit(std::string_view type_code) { return type_code == "59" || type_code == "49"; }

// UN/ECE Rec 20 codes that mean "pieces" print no unit; hours print "h"; others as coded.
std::string UnitText(std::string_view code) {
  if (code.empty() || code == "C62" || code == "H87" || code == "EA" || code == "XPP") return "";
  if (code == "HUR") return "h";
  return std::string(code);
}

void Append(std::string& text, std::string_view line) {
  if (IsBlank(line)) return;
  if (!text.empty()) text.push_back('\n');
  text.append(line);
}

// Builds the flow of items for one document, then paginates and draws it.
class Renderer {
 public:
  Renderer(const EInvoiceDocument& doc, const PdfOptions& options, const Localizer& localizer,
           Rgb accent, Image logo)
      : doc_(doc),
        options_(options),
        loc_(localizer),
        shaper_(TextShaper::ForThread()),
        accent_(accent),
        logo_(std::move(logo)),
        title_(!IsBlank(options.title) ? options.title
                                       : std::string(loc_.Text(doc.type == DocumentType::kCreditNote
                                                                   ? Label::kCreditNote
                                                                   : Label::kInvoice))) {
    shaper_.SetLanguage(loc_.language());
  }

  Result<std::string> Run() {
    AddHeader();
    AddLinesTable();
    AddSummary();
    AddPayment();
    AddNotes();
    RETURN_IF_ERROR(status_);
    return Render(Paginate());
  }

 private:
  const TextBox* T(std::string_view text, const Style& style, double width) {
    texts_.push_back(shaper_.Make(text, style, width));
    return &texts_.back();
  }
  std::string L(Label label) const { return std::string(loc_.Text(label)); }

  // Formatting errors are ICU failures (bugs); the first one is returned by Run.
  std::string Keep(Result<std::string> text) {
    if (!text.ok()) {
      if (status_.ok()) status_ = text.status();
      return "";
    }
    return *std::move(text);
  }
  std::string Amount(const Money& m) { return Keep(loc_.Amount(m)); }
  std::string Number(const Decimal& d) { return Keep(loc_.Number(d)); }
  std::string Percent(const Decimal& d) { return Keep(loc_.Percent(d)); }
  std::string Date(const std::optional<absl::CivilDay>& d) { return d ? loc_.Date(*d) : ""; }
  std::string PeriodText(const einvoice::Period& p) {
    return fmt::format("{} – {}", Date(p.start), Date(p.end));
  }

  void Add(Item item) { items_.push_back(std::move(item)); }

  // --- Page 1 header: title and logo, seller | dates, buyer | references. ---------------------

  // "From" / "Bill to", the name and the address and ids below it.
  double PartyBlock(std::vector<std::pair<const TextBox*, double>>& out, Label heading,
                    const Party& party, double width, bool seller) {
    std::string details;
    if (party.trading_name != party.name) Append(details, party.trading_name);
    Append(details, party.address.street);
    Append(details, party.address.additional_street);
    Append(details, fmt::format("{} {}", party.address.postal_code, party.address.city));
    Append(details, party.address.subdivision);
    if (!IsBlank(party.address.country_code)) {
      Append(details, loc_.Country(party.address.country_code));
    }
    if (options_.show_tax_ids) {
      if (!IsBlank(party.vat_id)) Append(details, L(Label::kVatId) + ": " + party.vat_id);
      if (seller && !IsBlank(party.tax_registration_id)) {
        Append(details, L(Label::kTaxNumber) + ": " + party.tax_registration_id);
      }
      if (!IsBlank(party.legal_registration.id)) {
        Append(details, L(Label::kRegistration) + ": " + party.legal_registration.id);
      }
    }
    if (seller && party.contact) {
      std::string contact = party.contact->email;
      if (!IsBlank(party.contact->telephone)) {
        contact += (IsBlank(contact) ? "" : " · ") + party.contact->telephone;
      }
      Append(details, contact);
    }
    const TextBox* label = T(L(heading), S(kSmallPt, kMuted), width);
    const TextBox* name = T(party.name, S(kNamePt, kInk, Align::kLeft, true), width);
    const TextBox* rest = T(details, S(kBodyPt, kInk, Align::kLeft, false, 16), width);
    double h = 0;
    out.emplace_back(label, h);
    h += label->height() + 1;
    out.emplace_back(name, h);
    h += name->height() + 2;
    out.emplace_back(rest, h);
    h += rest->height();
    return h;
  }

  // Label on the left, value right-aligned, one pair a row.
  double KeyValues(std::vector<std::pair<const TextBox*, double>>& labels,
                   std::vector<std::pair<const TextBox*, double>>& values,
                   const std::vector<std::pair<std::string, std::string>>& rows, double width,
                   double label_width, Align value_align) {
    double h = 0;
    for (const auto& [key, value] : rows) {
      if (IsBlank(value)) continue;
      const TextBox* k = T(key, S(kBodyPt, kMuted), label_width);
      const TextBox* v = T(value, S(kBodyPt, kInk, value_align), width - label_width);
      labels.emplace_back(k, h);
      values.emplace_back(v, h);
      h += std::max(k->height(), v->height()) + 2;
    }
    return h;
  }

  void AddHeader() {
    const TextBox* title = T(title_, S(kTitlePt, accent_, Align::kLeft, true, 2), 300);
    const double top_h = std::max(title->height(), logo_.HeightFor(kLogoWidth, kLogoHeight));
    // Two columns: seller | buyer, then dates | references.
    constexpr double kRightX = 265;
    constexpr double kColumnWidth = kContentWidth - kRightX;
    constexpr double kKeyWidth = 95;
    std::vector<std::pair<const TextBox*, double>> seller, buyer, meta_k, meta_v, ref_k, ref_v;
    const double seller_h = PartyBlock(seller, Label::kSeller, doc_.seller, kColumnWidth, true);
    const double buyer_h = PartyBlock(buyer, Label::kBuyer, doc_.buyer, kColumnWidth, false);
    std::vector<std::pair<std::string, std::string>> meta = {
        {L(Label::kNumber), doc_.number},
        {L(Label::kIssueDate), Date(doc_.issue_date)},
        {L(Label::kDueDate), Date(doc_.due_date)},
    };
    if (options_.show_periods && doc_.invoice_period) {
      meta.emplace_back(L(Label::kPeriod), PeriodText(*doc_.invoice_period));
    }
    const double meta_h = KeyValues(meta_k, meta_v, meta, kColumnWidth, kKeyWidth, Align::kRight);
    std::vector<std::pair<std::string, std::string>> refs = {
        {L(Label::kBuyerReference), doc_.buyer_reference},
        {L(Label::kOrderReference), doc_.order_reference},
        {L(Label::kContractReference), doc_.contract_reference},
    };
    for (const einvoice::PrecedingInvoice& p : doc_.preceding_invoices) {
      refs.emplace_back(
          L(Label::kCorrects),
          p.issue_date ? fmt::format("{} ({})", p.number, Date(p.issue_date)) : p.number);
    }
    const double refs_h = KeyValues(ref_k, ref_v, refs, kColumnWidth, kKeyWidth, Align::kRight);
    const double row1_y = top_h + 12;
    const double row2_y = row1_y + std::max(seller_h, buyer_h) + 10;
    Item item;
    item.height = row2_y + std::max(meta_h, refs_h);
    item.draw = [=, this](cairo_t* cr, double y) {
      title->Draw(cr, kMargin, y);
      logo_.DrawFitted(cr, kPageWidth - kMargin - kLogoWidth, y, kLogoWidth, kLogoHeight);
      auto draw_all = [&](const auto& boxes, double x, double y0) {
        for (const auto& [box, dy] : boxes) box->Draw(cr, x, y0 + dy);
      };
      draw_all(seller, kMargin, y + row1_y);
      draw_all(buyer, kMargin + kRightX, y + row1_y);
      draw_all(meta_k, kMargin, y + row2_y);
      draw_all(meta_v, kMargin + kKeyWidth, y + row2_y);
      draw_all(ref_k, kMargin + kRightX, y + row2_y);
      draw_all(ref_v, kMargin + kRightX + kKeyWidth, y + row2_y);
    };
    Add(std::move(item));
  }

  // --- The lines table. ------------------------------------------------------------------------

  // One row: description (with details below it) and the four right-aligned numeric cells.
  void AddRow(std::string_view name, const std::string& details, const std::string& qty,
              const std::string& price, const std::string& vat, const std::string& amount,
              double space_before) {
    const TextBox* n = T(name, S(kBodyPt), kDescWidth);
    const TextBox* d = T(details, S(kSmallPt, kMuted), kDescWidth);
    const TextBox* cells[] = {T(qty, S(kBodyPt, kInk, Align::kRight), kQtyWidth),
                              T(price, S(kBodyPt, kInk, Align::kRight), kPriceWidth),
                              T(vat, S(kBodyPt, kInk, Align::kRight), kVatWidth),
                              T(amount, S(kBodyPt, kInk, Align::kRight), kAmountWidth)};
    double h = n->height() + d->height();
    for (const TextBox* c : cells) h = std::max(h, c->height());
    Item item;
    item.height = h + 2 * kCellPad;
    item.space_before = space_before;
    item.table_row = true;
    item.draw = [=, h = item.height](cairo_t* cr, double y) {
      const double x = kMargin + kTableInset;
      n->Draw(cr, x, y + kCellPad);
      d->Draw(cr, x, y + kCellPad + n->height());
      const double xs[] = {kQtyX, kPriceX, kVatX, kAmountX};
      for (size_t i = 0; i < 4; ++i) cells[i]->Draw(cr, x + xs[i], y + kCellPad);
      internal::HorizontalRule(cr, kMargin, y + h, kContentWidth, 0.5, kRuleGrey);
    };
    Add(std::move(item));
  }

  std::string AllowanceText(const AllowanceCharge& ac) {
    std::string text = L(ac.is_charge ? Label::kCharge : Label::kDiscount);
    if (ac.percent) {
      text += " " + Percent(*ac.percent);
      if (ac.base_amount) text += " × " + Amount(*ac.base_amount);
    }
    if (!IsBlank(ac.reason)) text += ": " + ac.reason;
    return text;
  }

  std::string VatCell(einvoice::VatCategory category, const std::optional<Decimal>& rate) {
    if (category == einvoice::VatCategory::kStandard && rate) return Percent(*rate);
    std::string text(einvoice::VatCategoryCode(category));
    if (rate && !rate->IsZero()) text += " " + Percent(*rate);
    return text;
  }

  void AddLine(const Line& line) {
    std::string details;
    Append(details, line.item_description);
    if (options_.show_notes) Append(details, line.note);
    if (options_.show_periods && line.period) Append(details, PeriodText(*line.period));
    for (const AllowanceCharge& ac : line.allowances_charges) {
      if (!ac.amount) continue;
      Append(details,
             AllowanceText(ac) + "  " + Amount(ac.is_charge ? *ac.amount : ac.amount->Negated()));
    }
    std::string qty;
    if (line.quantity) {
      qty = Number(*line.quantity);
      const std::string unit = UnitText(line.unit_code);
      if (!unit.empty()) qty += " " + unit;
    }
    std::string price;
    if (line.net_price) {
      price = Keep(loc_.UnitPrice(*line.net_price, *doc_.currency));
      if (line.base_quantity && *line.base_quantity != Decimal::FromInt(1)) {
        price += " / " + Number(*line.base_quantity);
      }
    }
    const std::string name = !IsBlank(line.item_name) ? line.item_name : line.id;
    AddRow(name, details, qty, price, VatCell(line.vat_category, line.vat_rate),
           line.net_amount ? Amount(*line.net_amount) : "", 0);
  }

  void AddLinesTable() {
    const Style head = S(kBodyPt, kWhite, Align::kLeft, true, 2);
    const Style head_r = S(kBodyPt, kWhite, Align::kRight, true, 2);
    const TextBox* cols[] = {
        T(L(Label::kDescription), head, kDescWidth), T(L(Label::kQuantity), head_r, kQtyWidth),
        T(L(Label::kUnitPrice), head_r, kPriceWidth), T(L(Label::kVat), head_r, kVatWidth),
        T(L(Label::kAmount), head_r, kAmountWidth)};
    double h = 0;
    for (const TextBox* c : cols) h = std::max(h, c->height());
    table_header_.height = h + 2 * kCellPad;
    table_header_.draw = [=, this, hh = table_header_.height](cairo_t* cr, double y) {
      internal::FillRect(cr, kMargin, y, kContentWidth, hh, accent_);
      const double xs[] = {0, kQtyX, kPriceX, kVatX, kAmountX};
      for (size_t i = 0; i < 5; ++i) {
        cols[i]->Draw(cr, kMargin + kTableInset + xs[i], y + kCellPad);
      }
    };
    Item header = table_header_;
    header.space_before = kBlockGap;
    header.keep_with_next = true;
    Add(std::move(header));
    for (const Line& line : doc_.lines) AddLine(line);
    for (const AllowanceCharge& ac : doc_.allowances_charges) {
      if (!ac.amount) continue;
      AddRow(AllowanceText(ac), "", "", "", VatCell(ac.vat_category, ac.vat_rate),
             Amount(ac.is_charge ? *ac.amount : ac.amount->Negated()), 0);
    }
  }

  // --- VAT breakdown (left) and totals (right). -----------------------------------------------

  double VatBreakdown(std::vector<std::pair<const TextBox*, std::pair<double, double>>>& out) {
    constexpr double kW[] = {70, 50, 70, 70};
    constexpr double kX[] = {0, 75, 130, 205};
    double h = 0;
    auto row = [&](const std::string(&cells)[4], const Style& first, const Style& rest) {
      double row_h = 0;
      for (size_t i = 0; i < 4; ++i) {
        const TextBox* box = T(cells[i], i == 0 ? first : rest, kW[i]);
        out.push_back({box, {kX[i], h}});
        row_h = std::max(row_h, box->height());
      }
      h += row_h + 2;
    };
    const TextBox* heading = T(L(Label::kVatBreakdown), S(kBodyPt, kInk, Align::kLeft, true), 275);
    out.push_back({heading, {0, 0}});
    h += heading->height() + 3;
    row({L(Label::kCategory), L(Label::kRate), L(Label::kTaxableAmount), L(Label::kTaxAmount)},
        S(kSmallPt, kMuted), S(kSmallPt, kMuted, Align::kRight));
    for (const einvoice::VatBreakdown& b : doc_.vat_breakdown) {
      row({std::string(einvoice::VatCategoryCode(b.category)), b.rate ? Percent(*b.rate) : "",
           b.taxable_amount ? Amount(*b.taxable_amount) : "",
           b.tax_amount ? Amount(*b.tax_amount) : ""},
          S(kBodyPt), S(kBodyPt, kInk, Align::kRight));
      if (!IsBlank(b.exemption_reason) || !IsBlank(b.exemption_reason_code)) {
        std::string reason = b.exemption_reason;
        if (!IsBlank(b.exemption_reason_code)) {
          reason +=
              (reason.empty() ? "" : " (") + b.exemption_reason_code + (reason.empty() ? "" : ")");
        }
        const TextBox* r = T(reason, S(kSmallPt, kMuted), 275);
        out.push_back({r, {0, h}});
        h += r->height() + 2;
      }
    }
    return h;
  }

  double Totals(std::vector<std::pair<const TextBox*, std::pair<double, double>>>& out,
                double& due_y, double& due_h) {
    constexpr double kW = 220;
    constexpr double kLabelW = 115;
    const einvoice::Totals& t = doc_.totals;
    struct Row {
      Label label;
      std::optional<Money> amount;
      bool negate;
      bool bold;
    };
    const Row rows[] = {
        {Label::kLinesTotal, t.line_net_sum, false, false},
        {Label::kDiscount, t.allowance_total, true, false},
        {Label::kCharge, t.charge_total, false, false},
        {Label::kTotalNet, t.tax_exclusive, false, false},
        {Label::kTotalVat, t.tax_amount, false, false},
        {Label::kTotal, t.tax_inclusive, false, true},
        {Label::kPrepaid, t.prepaid, true, false},
        {Label::kRounding, t.rounding, false, false},
        {Label::kAmountDue, t.payable, false, true},
    };
    double h = 0;
    for (const Row& row : rows) {
      if (!row.amount) continue;
      const bool due = row.label == Label::kAmountDue;
      if (due) {
        h += 3;
        due_y = h;
      }
      const Rgb ink = due ? kWhite : kInk;
      const TextBox* k = T(L(row.label), S(kBodyPt, ink, Align::kLeft, row.bold), kLabelW);
      const TextBox* v = T(Amount(row.negate ? row.amount->Negated() : *row.amount),
                           S(kBodyPt, ink, Align::kRight, row.bold), kW - kLabelW - 8);
      const double y = h + (due ? kCellPad : 0);
      out.push_back({k, {due ? 4 : 0, y}});
      out.push_back({v, {kLabelW + 4, y}});
      const double row_h = std::max(k->height(), v->height()) + (due ? 2 * kCellPad : 2);
      if (due) due_h = row_h;
      h += row_h;
    }
    return h;
  }

  void AddSummary() {
    using Boxes = std::vector<std::pair<const TextBox*, std::pair<double, double>>>;
    Boxes vat;
    Boxes totals;
    double due_y = -1;
    double due_h = 0;
    const double vat_h = VatBreakdown(vat);
    const double totals_h = Totals(totals, due_y, due_h);
    constexpr double kTotalsX = kContentWidth - 220;
    Item item;
    item.height = std::max(vat_h, totals_h);
    item.space_before = kBlockGap;
    item.draw = [=, this](cairo_t* cr, double y) {
      for (const auto& [box, at] : vat) box->Draw(cr, kMargin + at.first, y + at.second);
      if (due_y >= 0) {
        internal::FillRect(cr, kMargin + kTotalsX, y + due_y, 220, due_h, accent_);
      }
      for (const auto& [box, at] : totals) {
        box->Draw(cr, kMargin + kTotalsX + at.first, y + at.second);
      }
    };
    Add(std::move(item));
  }

  // --- Payment instructions and the EPC QR code. ----------------------------------------------

  std::optional<QrMatrix> PaymentQr() {
    if (!options_.show_payment_qr) return std::nullopt;
    std::optional<EpcCreditTransfer> transfer = EpcTransferFor(doc_);
    if (!transfer) return std::nullopt;
    // A payload that cannot be built (IBAN fails its check, amount above the EPC limit) means
    // no code: the printed instructions remain, and a wrong code would be worse than none.
    Result<std::string> payload = EpcQrPayload(*transfer);
    if (!payload.ok()) return std::nullopt;
    Result<QrMatrix> qr = EncodeQr(*payload);
    if (!qr.ok()) return std::nullopt;
    return *std::move(qr);
  }

  void AddPayment() {
    if (!doc_.payment_means) return;
    const einvoice::PaymentMeans& pm = *doc_.payment_means;
    std::vector<std::pair<std::string, std::string>> rows;
    if (doc_.totals.payable) rows.emplace_back(L(Label::kAmountDue), Amount(*doc_.totals.payable));
    rows.emplace_back(L(Label::kDueDate), Date(doc_.due_date));
    if (IsDirectDebit(pm.type_code)) {
      rows.emplace_back(L(Label::kDirectDebit), GroupsOfFour(pm.debited_account));
      rows.emplace_back(L(Label::kMandate), pm.mandate_reference);
      rows.emplace_back(L(Label::kCreditorId), pm.creditor_id);
    } else {
      rows.emplace_back(L(Label::kAccountHolder),
                        !IsBlank(pm.account_name) ? pm.account_name : doc_.seller.name);
      rows.emplace_back(L(Label::kIban), GroupsOfFour(pm.account_id));
      rows.emplace_back(L(Label::kBic), pm.bic);
    }
    const std::string reference = banking::IsValidRf(pm.payment_id)
                                      ? banking::FormatRfForPrint(pm.payment_id)
                                      : pm.payment_id;
    rows.emplace_back(L(Label::kReference), reference);
    std::vector<std::pair<const TextBox*, double>> keys, values;
    const TextBox* heading =
        T(L(Label::kPaymentInstructions), S(kBodyPt, kInk, Align::kLeft, true), 300);
    const double rows_h = KeyValues(keys, values, rows, 320, 110, Align::kLeft);
    std::optional<QrMatrix> qr = PaymentQr();
    const TextBox* caption =
        qr ? T(L(Label::kScanToPay), S(kSmallPt, kMuted, Align::kCenter, false, 2), kQrSize + 20)
           : nullptr;
    const double left_h = heading->height() + 4 + rows_h;
    const double right_h = qr ? kQrSize + caption->height() : 0;
    Item item;
    item.height = std::max(left_h, right_h);
    item.space_before = kBlockGap;
    item.draw = [=, this, qr = std::move(qr)](cairo_t* cr, double y) {
      heading->Draw(cr, kMargin, y);
      const double y0 = y + heading->height() + 4;
      for (const auto& [box, dy] : keys) box->Draw(cr, kMargin, y0 + dy);
      for (const auto& [box, dy] : values) box->Draw(cr, kMargin + 110, y0 + dy);
      if (qr) {
        const double x = kPageWidth - kMargin - kQrSize - 10;
        internal::DrawQr(cr, *qr, x, y, kQrSize);
        caption->Draw(cr, x - 10, y + kQrSize);
      }
    };
    Add(std::move(item));
  }

  // --- Notes and payment terms. ----------------------------------------------------------------

  void AddTextBlock(Label heading, const std::vector<std::string>& paragraphs) {
    std::vector<const TextBox*> boxes;
    for (const std::string& p : paragraphs) {
      if (!IsBlank(p))
        boxes.push_back(T(p, S(kBodyPt, kInk, Align::kLeft, false, kNoteLinesMax), kContentWidth));
    }
    if (boxes.empty()) return;
    const TextBox* title = T(L(heading), S(kBodyPt, kInk, Align::kLeft, true), kContentWidth);
    Item head;
    head.height = title->height() + 2;
    head.space_before = kBlockGap;
    head.keep_with_next = true;
    head.draw = [title](cairo_t* cr, double y) { title->Draw(cr, kMargin, y); };
    Add(std::move(head));
    for (const TextBox* box : boxes) {
      Item item;
      item.height = box->height() + 3;
      item.draw = [box](cairo_t* cr, double y) { box->Draw(cr, kMargin, y); };
      Add(std::move(item));
    }
  }

  void AddNotes() {
    if (options_.show_notes) AddTextBlock(Label::kNotes, doc_.notes);
    AddTextBlock(Label::kPaymentTerms, {doc_.payment_terms});
  }

  // --- Pages. ----------------------------------------------------------------------------------

  std::vector<std::vector<Placement>> Paginate() const {
    std::vector<std::vector<Placement>> pages(1);
    double y = kMargin;
    for (size_t i = 0; i < items_.size(); ++i) {
      const Item& item = items_[i];
      double need = item.height;
      if (item.keep_with_next && i + 1 < items_.size()) {
        need += items_[i + 1].space_before + items_[i + 1].height;
      }
      if (y + item.space_before + need > kContentBottom && !pages.back().empty()) {
        pages.emplace_back();
        y = kContinuationTop;
        if (item.table_row) {
          pages.back().push_back({&table_header_, y});
          y += table_header_.height;
        }
      } else {
        y += item.space_before;
      }
      pages.back().push_back({&item, y});
      y += item.height;
    }
    return pages;
  }

  void DrawPageFrame(cairo_t* cr, size_t page, size_t pages) {
    if (page > 0) {
      const TextBox* running =
          T(fmt::format("{} {} ({})", title_, doc_.number, L(Label::kContinued)),
            S(kSmallPt, kMuted, Align::kLeft, false, 1), kContentWidth);
      running->Draw(cr, kMargin, kMargin);
    }
    const double rule_y = kPageHeight - kMargin - kFooterHeight + 8;
    internal::HorizontalRule(cr, kMargin, rule_y, kContentWidth, 0.5, kRuleGrey);
    if (!IsBlank(options_.footer)) {
      T(options_.footer, S(kSmallPt, kMuted, Align::kLeft, false, kFooterLinesMax), 430)
          ->Draw(cr, kMargin, rule_y + 4);
    }
    T(fmt::format("{} / {}", page + 1, pages), S(kSmallPt, kMuted, Align::kRight), 70)
        ->Draw(cr, kPageWidth - kMargin - 70, rule_y + 4);
  }

  Result<std::string> Render(const std::vector<std::vector<Placement>>& pages) {
    std::string out;
    auto write = [](void* closure, const unsigned char* data, unsigned int length) {
      static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
      return CAIRO_STATUS_SUCCESS;
    };
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(write, &out, kPageWidth, kPageHeight);
    const std::string title = fmt::format("{} {}", title_, doc_.number);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Accrue");
    if (doc_.issue_date) {
      // Also keeps the output reproducible: without it Cairo stamps the current time.
      const std::string date = absl::FormatCivilTime(*doc_.issue_date) + "T00:00:00Z";
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    }
    cairo_t* cr = cairo_create(surface);
    for (size_t p = 0; p < pages.size(); ++p) {
      DrawPageFrame(cr, p, pages.size());
      for (const Placement& placed : pages[p]) placed.item->draw(cr, placed.y);
      cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
      return InternalError("pdf.cairo", fmt::format("Cairo could not write the PDF: {}",
                                                    cairo_status_to_string(status)));
    }
    return out;
  }

  const EInvoiceDocument& doc_;
  const PdfOptions& options_;
  const Localizer& loc_;
  TextShaper& shaper_;
  const Rgb accent_;
  const Image logo_;
  const std::string title_;
  Status status_;
  std::deque<TextBox> texts_;  // stable addresses: items point into it
  std::vector<Item> items_;
  Item table_header_;
};

Status CheckDocument(const EInvoiceDocument& doc) {
  if (!doc.currency) {
    return InvalidArgument("currency", "pdf.missing_currency", "the document has no currency");
  }
  if (doc.lines.size() > einvoice::kLinesMax) {
    return LimitExceeded(
        "pdf.too_many_lines",
        fmt::format("{} lines; at most {} are rendered", doc.lines.size(), einvoice::kLinesMax),
        "lines");
  }
  if (doc.vat_breakdown.size() > kVatRowsMax) {
    return LimitExceeded("pdf.too_many_vat_rows",
                         fmt::format("{} VAT breakdown rows; at most {} are rendered",
                                     doc.vat_breakdown.size(), kVatRowsMax),
                         "vat_breakdown");
  }
  return OkStatus();
}

}  // namespace

std::optional<EpcCreditTransfer> EpcTransferFor(const EInvoiceDocument& doc) {
  // A credit note is money the seller owes: nobody should scan it to pay the seller.
  if (doc.type == DocumentType::kCreditNote) return std::nullopt;
  if (!doc.currency || doc.currency->code() != "EUR") return std::nullopt;
  if (!doc.payment_means || !doc.totals.payable || doc.totals.payable->Sign() <= 0) {
    return std::nullopt;
  }
  const einvoice::PaymentMeans& pm = *doc.payment_means;
  if (IsDirectDebit(pm.type_code) || IsBlank(pm.account_id)) return std::nullopt;
  EpcCreditTransfer transfer;
  transfer.beneficiary_name = !IsBlank(pm.account_name) ? pm.account_name : doc.seller.name;
  transfer.iban = pm.account_id;
  transfer.bic = pm.bic;
  transfer.amount = *doc.totals.payable;
  transfer.remittance = !IsBlank(pm.payment_id) ? pm.payment_id : doc.number;
  return transfer;
}

Result<std::string> RenderPdf(const EInvoiceDocument& doc, const PdfOptions& options) {
  ASSIGN_OR_RETURN(const Localizer* localizer, Localizer::ForThread(options.locale));
  ASSIGN_OR_RETURN(Rgb accent, internal::ParseAccentColour(options.accent_colour));
  Image logo;
  if (!options.logo_png.empty()) {
    ASSIGN_OR_RETURN(logo, Image::DecodePng(options.logo_png));
  }
  RETURN_IF_ERROR(CheckDocument(doc));
  Renderer renderer(doc, options, *localizer, accent, std::move(logo));
  return renderer.Run();
}

}  // namespace accrue::pdf
