// libFuzzer target for the MT940 parser.
//
// Arbitrary bytes go to ParseMt940 (importing and inspecting). Nothing may crash, hang or trip a
// sanitizer; an importing parse returns only balanced statements, and the remittance text it
// yields is fed to the reference finders the matcher uses on it. Seed corpus:
//   build/fuzz/test/fuzz/mt940_fuzz test/shared/data/bank/mt940
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "accrue/domain/banking/remittance.h"
#include "accrue/domain/banking/statement.h"
#include "accrue/formats/bank/mt940.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto pattern =
      accrue::banking::InvoiceNumberPattern::FromFormat("INV-{YYYY}-{SEQ:6}");
  if (!pattern.ok()) std::abort();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool strict : {true, false}) {
    accrue::formats::bank::BankParseOptions options;
    options.require_balanced = strict;
    auto statements = accrue::formats::bank::ParseMt940(text, options);
    if (!statements.ok()) continue;
    for (const auto& s : *statements) {
      if (strict && !accrue::banking::CheckBalances(s).ok()) std::abort();
      for (const auto& e : s.entries) {
        std::vector<std::string> found;
        for (const auto& line : e.remittance_lines) {
          pattern->FindCandidates(line, &found);
          (void)accrue::banking::FindRfReferences(line);
        }
        (void)accrue::banking::NameSimilarity(e.counterparty.name, "ACME TRADING GMBH");
      }
    }
  }
  return 0;
}
