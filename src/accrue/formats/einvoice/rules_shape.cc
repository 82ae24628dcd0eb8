// The shape checks that run before any business rule: one currency for every amount (the
// rules add amounts, and adding two currencies is a bug the Money type refuses), text the XML
// writer can carry, and the size limits of document.h.
#include <fmt/format.h>

#include <functional>
#include <string>
#include <string_view>

#include "accrue/formats/einvoice/rules_internal.h"

namespace accrue::einvoice::internal {
namespace {

// Where a value sits in the model, kept as pieces so that the common case (every value fine)
// formats no strings: "lines[3].allowances_charges[0].reason" is {"lines", 3,
// "allowances_charges", 0, "reason"}.
constexpr size_t kNoIndex = static_cast<size_t>(-1);
struct Path {
  Path(std::string_view h, size_t i_ = kNoIndex, std::string_view m = {}, size_t j_ = kNoIndex,
       std::string_view t = {})
      : head(h), i(i_), mid(m), j(j_), tail(t) {}

  std::string_view head;
  size_t i;
  std::string_view mid;
  size_t j;
  std::string_view tail;

  std::string ToString() const {
    std::string out(head);
    if (i != kNoIndex) out += fmt::format("[{}]", i);
    if (!mid.empty()) out += fmt::format(".{}", mid);
    if (j != kNoIndex) out += fmt::format("[{}]", j);
    if (!tail.empty()) out += fmt::format(".{}", tail);
    return out;
  }
};

using TextFn = std::function<void(const Path& path, std::string_view text)>;
using MoneyFn = std::function<void(const Path& path, const Money& m)>;

void AddressTexts(std::string_view head, const Address& a, const TextFn& fn) {
  fn({head, kNoIndex, "address", kNoIndex, "street"}, a.street);
  fn({head, kNoIndex, "address", kNoIndex, "additional_street"}, a.additional_street);
  fn({head, kNoIndex, "address", kNoIndex, "city"}, a.city);
  fn({head, kNoIndex, "address", kNoIndex, "postal_code"}, a.postal_code);
  fn({head, kNoIndex, "address", kNoIndex, "subdivision"}, a.subdivision);
  fn({head, kNoIndex, "address", kNoIndex, "country_code"}, a.country_code);
}

void PartyTexts(std::string_view head, const Party& party, const TextFn& fn) {
  auto f = [&](std::string_view member, std::string_view text) {
    fn({head, kNoIndex, member}, text);
  };
  f("name", party.name);
  f("trading_name", party.trading_name);
  f("identifier.id", party.identifier.id);
  f("identifier.scheme", party.identifier.scheme);
  f("legal_registration.id", party.legal_registration.id);
  f("legal_registration.scheme", party.legal_registration.scheme);
  f("vat_id", party.vat_id);
  f("tax_registration_id", party.tax_registration_id);
  f("electronic_address.id", party.electronic_address.id);
  f("electronic_address.scheme", party.electronic_address.scheme);
  AddressTexts(head, party.address, fn);
  if (party.contact) {
    f("contact.name", party.contact->name);
    f("contact.telephone", party.contact->telephone);
    f("contact.email", party.contact->email);
  }
}

void ForEachText(const EInvoiceDocument& doc, const TextFn& fn) {
  fn({"number"}, doc.number);
  for (size_t i = 0; i < doc.notes.size(); ++i) fn({"notes", i}, doc.notes[i]);
  fn({"buyer_reference"}, doc.buyer_reference);
  fn({"order_reference"}, doc.order_reference);
  fn({"contract_reference"}, doc.contract_reference);
  for (size_t i = 0; i < doc.preceding_invoices.size(); ++i) {
    fn({"preceding_invoices", i, "number"}, doc.preceding_invoices[i].number);
  }
  PartyTexts("seller", doc.seller, fn);
  PartyTexts("buyer", doc.buyer, fn);
  if (doc.delivery) {
    fn({"delivery", kNoIndex, "party_name"}, doc.delivery->party_name);
    if (doc.delivery->address) AddressTexts("delivery", *doc.delivery->address, fn);
  }
  if (doc.payment_means) {
    const PaymentMeans& pm = *doc.payment_means;
    auto f = [&](std::string_view member, std::string_view text) {
      fn({"payment_means", kNoIndex, member}, text);
    };
    f("type_code", pm.type_code);
    f("payment_id", pm.payment_id);
    f("account_id", pm.account_id);
    f("account_name", pm.account_name);
    f("bic", pm.bic);
    f("mandate_reference", pm.mandate_reference);
    f("creditor_id", pm.creditor_id);
    f("debited_account", pm.debited_account);
  }
  fn({"payment_terms"}, doc.payment_terms);
  for (size_t i = 0; i < doc.allowances_charges.size(); ++i) {
    fn({"allowances_charges", i, "reason"}, doc.allowances_charges[i].reason);
    fn({"allowances_charges", i, "reason_code"}, doc.allowances_charges[i].reason_code);
  }
  for (size_t i = 0; i < doc.lines.size(); ++i) {
    const Line& line = doc.lines[i];
    fn({"lines", i, "id"}, line.id);
    fn({"lines", i, "note"}, line.note);
    fn({"lines", i, "unit_code"}, line.unit_code);
    fn({"lines", i, "item_name"}, line.item_name);
    fn({"lines", i, "item_description"}, line.item_description);
    fn({"lines", i, "seller_item_id"}, line.seller_item_id);
    for (size_t j = 0; j < line.allowances_charges.size(); ++j) {
      const AllowanceCharge& ac = line.allowances_charges[j];
      fn({"lines", i, "allowances_charges", j, "reason"}, ac.reason);
      fn({"lines", i, "allowances_charges", j, "reason_code"}, ac.reason_code);
    }
  }
  for (size_t i = 0; i < doc.vat_breakdown.size(); ++i) {
    fn({"vat_breakdown", i, "exemption_reason"}, doc.vat_breakdown[i].exemption_reason);
    fn({"vat_breakdown", i, "exemption_reason_code"}, doc.vat_breakdown[i].exemption_reason_code);
  }
}

void ForEachMoney(const EInvoiceDocument& doc, const MoneyFn& fn) {
  auto opt = [&](const Path& path, const std::optional<Money>& m) {
    if (m) fn(path, *m);
  };
  for (size_t i = 0; i < doc.allowances_charges.size(); ++i) {
    opt({"allowances_charges", i, "amount"}, doc.allowances_charges[i].amount);
    opt({"allowances_charges", i, "base_amount"}, doc.allowances_charges[i].base_amount);
  }
  for (size_t i = 0; i < doc.lines.size(); ++i) {
    const Line& line = doc.lines[i];
    opt({"lines", i, "net_amount"}, line.net_amount);
    for (size_t j = 0; j < line.allowances_charges.size(); ++j) {
      opt({"lines", i, "allowances_charges", j, "amount"}, line.allowances_charges[j].amount);
      opt({"lines", i, "allowances_charges", j, "base_amount"},
          line.allowances_charges[j].base_amount);
    }
  }
  for (size_t i = 0; i < doc.vat_breakdown.size(); ++i) {
    opt({"vat_breakdown", i, "taxable_amount"}, doc.vat_breakdown[i].taxable_amount);
    opt({"vat_breakdown", i, "tax_amount"}, doc.vat_breakdown[i].tax_amount);
  }
  const Totals& t = doc.totals;
  opt({"totals", kNoIndex, "line_net_sum"}, t.line_net_sum);
  opt({"totals", kNoIndex, "allowance_total"}, t.allowance_total);
  opt({"totals", kNoIndex, "charge_total"}, t.charge_total);
  opt({"totals", kNoIndex, "tax_exclusive"}, t.tax_exclusive);
  opt({"totals", kNoIndex, "tax_amount"}, t.tax_amount);
  opt({"totals", kNoIndex, "tax_inclusive"}, t.tax_inclusive);
  opt({"totals", kNoIndex, "prepaid"}, t.prepaid);
  opt({"totals", kNoIndex, "rounding"}, t.rounding);
  opt({"totals", kNoIndex, "payable"}, t.payable);
}

// Length of the UTF-8 sequence starting at s[i] if it is valid and an XML 1.0 Char, else 0.
size_t XmlCharLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  uint32_t cp = c & (0x7Fu >> n);
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  const uint32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_length[n] || cp > 0x10FFFF) return 0;  // overlong or out of range
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;             // surrogates
  if (cp == 0xFFFE || cp == 0xFFFF) return 0;             // not XML characters
  return n;
}

bool IsXmlText(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = XmlCharLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void ForEachDate(const EInvoiceDocument& doc,
                 const std::function<void(const Path&, absl::CivilDay)>& fn) {
  auto opt = [&](const Path& path, const std::optional<absl::CivilDay>& day) {
    if (day) fn(path, *day);
  };
  auto period = [&](std::string_view head, size_t i, std::string_view mid,
                    const std::optional<Period>& per) {
    if (!per) return;
    opt({head, i, mid, kNoIndex, "start"}, per->start);
    opt({head, i, mid, kNoIndex, "end"}, per->end);
  };
  opt({"issue_date"}, doc.issue_date);
  opt({"due_date"}, doc.due_date);
  period("invoice_period", kNoIndex, {}, doc.invoice_period);
  for (size_t i = 0; i < doc.preceding_invoices.size(); ++i) {
    opt({"preceding_invoices", i, "issue_date"}, doc.preceding_invoices[i].issue_date);
  }
  if (doc.delivery) opt({"delivery", kNoIndex, "date"}, doc.delivery->date);
  for (size_t i = 0; i < doc.lines.size(); ++i) period("lines", i, "period", doc.lines[i].period);
}

}  // namespace

bool CheckShape(const EInvoiceDocument& doc, Findings& out) {
  size_t before = out.all().size();
  if (doc.lines.size() > kLinesMax) {
    out.Add("too_many_lines", "lines", fmt::format("{} lines", doc.lines.size()));
  }
  size_t acs = doc.allowances_charges.size();
  for (const Line& line : doc.lines) acs += line.allowances_charges.size();
  if (acs > kAllowancesChargesMax) {
    out.Add("too_many_allowances_charges", "allowances_charges", fmt::format("{}", acs));
  }
  if (doc.notes.size() > kNotesMax) {
    out.Add("too_many_notes", "notes", fmt::format("{} notes", doc.notes.size()));
  }
  if (out.all().size() > before) return false;  // do not walk a huge document further

  ForEachText(doc, [&](const Path& path, std::string_view text) {
    if (text.size() > kTextBytesMax) {
      out.Add("invalid_text", path.ToString(), fmt::format("{} bytes", text.size()));
    } else if (!IsXmlText(text)) {
      out.Add("invalid_text", path.ToString(), "invalid UTF-8 or a control character");
    }
  });

  ForEachDate(doc, [&](const Path& path, absl::CivilDay day) {
    if (day.year() < 1000 || day.year() > 9999) {
      out.Add("invalid_date", path.ToString(), absl::FormatCivilTime(day));
    }
  });

  std::optional<Currency> currency = doc.currency;
  ForEachMoney(doc, [&](const Path& path, const Money& m) {
    if (!currency) currency = m.currency();
    if (m.currency() != *currency) {
      out.Add("currency_mismatch", path.ToString(),
              fmt::format("{} {} in a {} document", AmountText(m), m.currency().code(),
                          currency->code()));
    }
  });
  return out.all().size() == before;
}

}  // namespace accrue::einvoice::internal
