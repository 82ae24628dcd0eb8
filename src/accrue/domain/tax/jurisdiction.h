// Jurisdictions: where a supply is taxed, and which places belong to the EU VAT area.
//
// A jurisdiction is a country (ISO 3166-1 alpha-2) and optionally a region inside it (ISO
// 3166-2). The EU VAT area is the 27 member states minus the territories the VAT Directive
// (Art. 6) leaves out. Those that have their own ISO country code (Åland AX, the French
// overseas departments GP/MQ/RE/GF/YT, ...) are simply not members; the ones that share their
// country's code are recognised by region: the Canary Islands (ES-CN), Ceuta (ES-CE) and
// Melilla (ES-ML). A customer there is outside the EU VAT area, as in ibericode's postcode
// exceptions. (Livigno, Campione d'Italia, Heligoland, Büsingen and Mount Athos have no ISO
// region of their own; a tenant who sells there marks those customers as outside the EU.)
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace accrue::tax {

struct Jurisdiction {
  std::string country;  // ISO 3166-1 alpha-2
  std::string region;   // ISO 3166-2 or ""
  friend bool operator==(const Jurisdiction&, const Jurisdiction&) = default;
};

// One of the 27 member states (by ISO code: "GR", not "EL").
bool IsEuMemberState(std::string_view country);
// A member state and not one of its territories outside the VAT area (see above).
bool IsInEuVatArea(std::string_view country, std::string_view region);

}  // namespace accrue::tax
