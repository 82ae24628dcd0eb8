#include "accrue/formats/pdf/localization.h"

#include <fmt/format.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace accrue::pdf {
namespace {

namespace number = icu::number;

// Columns of kLabels, chosen by the locale's language; English for every other language.
enum Language { kEnglish, kGerman, kFrench, kJapanese, kLanguageCount };

using LabelRow = std::array<const char*, kLanguageCount>;

// Indexed by Label. German uses "Rechnungskorrektur" for a credit note because "Gutschrift" is
// a self-billed invoice in German VAT law (§ 14 Abs. 2 UStG).
constexpr LabelRow kLabels[] = {
    {"Invoice", "Rechnung", "Facture", "請求書"},
    {"Credit note", "Rechnungskorrektur", "Avoir", "返還請求書"},
    {"Number", "Nummer", "Numéro", "番号"},
    {"Issue date", "Ausstellungsdatum", "Date d’émission", "発行日"},
    {"Due date", "Fälligkeitsdatum", "Date d’échéance", "支払期日"},
    {"Service period", "Leistungszeitraum", "Période de prestation", "対象期間"},
    {"From", "Rechnungssteller", "Émetteur", "請求元"},
    {"Bill to", "Rechnungsempfänger", "Destinataire", "請求先"},
    {"VAT ID", "USt-IdNr.", "N° TVA", "VAT番号"},
    {"Tax number", "Steuernummer", "N° fiscal", "税番号"},
    {"Registration", "Handelsregister", "Immatriculation", "登記番号"},
    {"Buyer reference", "Käuferreferenz", "Référence acheteur", "買い手参照"},
    {"Order", "Bestellung", "Commande", "注文番号"},
    {"Contract", "Vertrag", "Contrat", "契約番号"},
    {"Corrects invoice", "Korrigiert Rechnung", "Rectifie la facture", "訂正対象請求書"},
    {"Description", "Beschreibung", "Désignation", "品目"},
    {"Quantity", "Menge", "Quantité", "数量"},
    {"Unit price", "Einzelpreis", "Prix unitaire", "単価"},
    {"VAT", "USt.", "TVA", "消費税"},
    {"Amount", "Betrag", "Montant", "金額"},
    {"Discount", "Rabatt", "Remise", "値引き"},
    {"Charge", "Zuschlag", "Frais", "追加料金"},
    {"Subtotal", "Zwischensumme", "Sous-total", "小計"},
    {"Total net", "Gesamt netto", "Total HT", "税抜合計"},
    {"Total VAT", "Umsatzsteuer", "Total TVA", "消費税合計"},
    {"Total", "Gesamtbetrag", "Total TTC", "税込合計"},
    {"Paid in advance", "Bereits gezahlt", "Acompte versé", "前払額"},
    {"Rounding", "Rundung", "Arrondi", "端数調整"},
    {"Amount due", "Zahlbetrag", "Montant à payer", "ご請求金額"},
    {"VAT breakdown", "Umsatzsteuer-Aufschlüsselung", "Détail de la TVA", "税率別内訳"},
    {"Category", "Kategorie", "Catégorie", "区分"},
    {"Rate", "Satz", "Taux", "税率"},
    {"Taxable amount", "Bemessungsgrundlage", "Base HT", "課税対象額"},
    {"VAT amount", "Steuerbetrag", "Montant TVA", "税額"},
    {"Payment instructions", "Zahlungsinformationen", "Modalités de paiement", "お支払い方法"},
    {"Account holder", "Kontoinhaber", "Titulaire du compte", "口座名義"},
    {"IBAN", "IBAN", "IBAN", "IBAN"},
    {"BIC", "BIC", "BIC", "BIC"},
    {"Reference", "Zahlungsreferenz", "Référence", "参照番号"},
    {"Scan to pay", "Mit der Banking-App scannen", "Scanner pour payer", "スキャンして支払う"},
    {"Direct debit", "Lastschrift", "Prélèvement", "口座振替"},
    {"Mandate reference", "Mandatsreferenz", "Référence du mandat", "委任参照番号"},
    {"Creditor ID", "Gläubiger-ID", "ICS", "債権者ID"},
    {"Notes", "Hinweise", "Remarques", "備考"},
    {"Payment terms", "Zahlungsbedingungen", "Conditions de paiement", "支払条件"},
    {"continued", "Fortsetzung", "suite", "続き"},
};
static_assert(std::size(kLabels) == static_cast<size_t>(Label::kCount),
              "one row of kLabels per Label");

constexpr size_t kLocaleTagLengthMax = 64;
constexpr int kDecimalDigitsMax = Decimal::kScale;

Language LanguageOf(const icu::Locale& locale) {
  const std::string_view lang = locale.getLanguage();
  if (lang == "de") return kGerman;
  if (lang == "fr") return kFrench;
  if (lang == "ja") return kJapanese;
  return kEnglish;
}

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

Result<std::string> Format(const number::LocalizedNumberFormatter& formatter,
                           const std::string& decimal) {
  UErrorCode status = U_ZERO_ERROR;
  number::FormattedNumber formatted = formatter.formatDecimal(
      icu::StringPiece(decimal.data(), static_cast<int32_t>(decimal.size())), status);
  icu::UnicodeString text = formatted.toString(status);
  if (U_FAILURE(status)) {
    return InternalError("pdf.format",
                         fmt::format("ICU could not format {}: {}", decimal, u_errorName(status)));
  }
  return ToUtf8(text);
}

}  // namespace

struct Localizer::Impl {
  struct CurrencyFormatters {
    number::LocalizedNumberFormatter amount;
    number::LocalizedNumberFormatter unit_price;
  };

  icu::Locale locale;
  Language language = kEnglish;
  number::LocalizedNumberFormatter number;
  number::LocalizedNumberFormatter percent;
  std::unique_ptr<icu::DateFormat> date;
  // Built on first use of each currency; at most one entry per ISO 4217 code.
  mutable absl::flat_hash_map<Currency, CurrencyFormatters> by_currency;

  const CurrencyFormatters& For(Currency currency) const {
    auto it = by_currency.find(currency);
    if (it != by_currency.end()) return it->second;
    UErrorCode status = U_ZERO_ERROR;
    const std::string_view code = currency.code();
    const char16_t code16[4] = {static_cast<char16_t>(code[0]), static_cast<char16_t>(code[1]),
                                static_cast<char16_t>(code[2]), 0};
    icu::CurrencyUnit unit(code16, status);  // a valid ISO code: cannot fail
    const int digits = currency.exponent();
    auto base =
        number::NumberFormatter::withLocale(locale).unit(unit).roundingMode(UNUM_ROUND_UNNECESSARY);
    CurrencyFormatters f{
        base.precision(number::Precision::fixedFraction(digits)),
        base.precision(number::Precision::minMaxFraction(digits, kDecimalDigitsMax))};
    return by_currency.emplace(currency, std::move(f)).first->second;
  }
};

Localizer::Localizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Localizer::~Localizer() = default;

Result<const Localizer*> Localizer::ForThread(std::string_view locale_tag) {
  thread_local std::vector<std::pair<std::string, std::unique_ptr<Localizer>>> cache;
  for (const auto& [tag, localizer] : cache) {
    if (tag == locale_tag) return localizer.get();
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale;
  if (!locale_tag.empty() && locale_tag.size() <= kLocaleTagLengthMax) {
    locale = icu::Locale::forLanguageTag(
        icu::StringPiece(locale_tag.data(), static_cast<int32_t>(locale_tag.size())), status);
  }
  if (locale_tag.empty() || locale_tag.size() > kLocaleTagLengthMax || U_FAILURE(status) ||
      locale.isBogus() || std::string_view(locale.getLanguage()).empty()) {
    return InvalidArgument("locale", "pdf.invalid_locale",
                           fmt::format("locale must be a BCP 47 tag such as \"de-DE\"; got \"{}\"",
                                       locale_tag.substr(0, kLocaleTagLengthMax)));
  }
  auto impl = std::make_unique<Impl>();
  impl->locale = locale;
  impl->language = LanguageOf(locale);
  auto base = number::NumberFormatter::withLocale(locale).roundingMode(UNUM_ROUND_UNNECESSARY);
  impl->number = base.precision(number::Precision::maxFraction(kDecimalDigitsMax));
  impl->percent = impl->number.unit(icu::MeasureUnit::getPercent());
  impl->date.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, locale));
  if (impl->date == nullptr) {
    return InternalError("pdf.format", "ICU could not create a date format");
  }
  // Civil days are formatted as midnight UTC of that day, so no zone can shift them.
  impl->date->adoptTimeZone(icu::TimeZone::createTimeZone("Etc/UTC"));
  if (cache.size() >= kLocalesCachedMax) cache.clear();
  cache.emplace_back(std::string(locale_tag),
                     std::unique_ptr<Localizer>(new Localizer(std::move(impl))));
  return cache.back().second.get();
}

Result<std::string> Localizer::Amount(const Money& amount) const {
  return Format(impl_->For(amount.currency()).amount, amount.ToString());
}

Result<std::string> Localizer::UnitPrice(const Decimal& price, Currency currency) const {
  return Format(impl_->For(currency).unit_price, price.ToString());
}

Result<std::string> Localizer::Number(const Decimal& value) const {
  return Format(impl_->number, value.ToString());
}

Result<std::string> Localizer::Percent(const Decimal& percent) const {
  return Format(impl_->percent, percent.ToString());
}

std::string Localizer::Date(absl::CivilDay day) const {
  constexpr int64_t kMillisPerDay = 86400000;
  const int64_t days = day - absl::CivilDay(1970, 1, 1);
  // UDate is ICU's millisecond count as a double; whole days are exact in it (|days| < 2^26).
  const UDate when = static_cast<UDate>(days * kMillisPerDay);
  icu::UnicodeString text;
  impl_->date->format(when, text);
  return ToUtf8(text);
}

std::string Localizer::Country(std::string_view alpha2) const {
  const bool shape_ok = alpha2.size() == 2 && alpha2[0] >= 'A' && alpha2[0] <= 'Z' &&
                        alpha2[1] >= 'A' && alpha2[1] <= 'Z';
  if (!shape_ok) return std::string(alpha2);
  const std::string code(alpha2);
  icu::Locale region("", code.c_str());
  icu::UnicodeString name;
  region.getDisplayCountry(impl_->locale, name);
  std::string out = ToUtf8(name);
  return out.empty() ? code : out;
}

std::string_view Localizer::Text(Label label) const {
  return kLabels[static_cast<size_t>(label)][impl_->language];
}

std::string_view Localizer::language() const { return impl_->locale.getLanguage(); }

}  // namespace accrue::pdf
