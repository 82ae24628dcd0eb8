// libFuzzer target for the camt.053/054 parser.
//
// Arbitrary bytes go to ParseCamt twice (importing and inspecting). Nothing may crash, hang, leak
// or trip a sanitizer. What parses must hold together: an importing parse only returns balanced
// statements, and the reconciliation lines of every statement must be derivable. A seed corpus:
//   build/fuzz/test/fuzz/camt_fuzz test/shared/data/bank/camt053 test/shared/data/bank/camt054
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "accrue/domain/banking/matcher.h"
#include "accrue/formats/bank/camt.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  for (bool strict : {true, false}) {
    accrue::formats::bank::BankParseOptions options;
    options.require_balanced = strict;
    auto doc = accrue::formats::bank::ParseCamt(xml, options);
    if (!doc.ok()) continue;
    for (const auto& statement : doc->statements) {
      if (strict && !accrue::banking::CheckBalances(statement).ok()) std::abort();
      (void)accrue::banking::PaymentLines(statement);
    }
  }
  return 0;
}
