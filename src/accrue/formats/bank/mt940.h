// SWIFT MT940 customer statement messages, as banks deliver them in files: one or more
// messages, each optionally wrapped in the SWIFT envelope ({1:…}{2:…}{4: … -}), each a sequence
// of fields :20: (reference), :21:, :25: (account), :28C: or :28: (statement number),
// :60F:/:60M: (opening balance; M = an intermediate page), any number of :61: (entry) each
// optionally followed by :86: (information to the account owner), :62F:/:62M: (closing
// balance), :64:/:65: (available balances, not used) and a trailing :86: about the statement.
//
// :61: is read by the SWIFT layout, not by example: value date YYMMDD, optional entry date
// MMDD, mark C, D, RC or RD (reversals), optional funds code, amount with a decimal comma,
// transaction type (N/F/S + 3 characters), owner reference, "//" bank reference, and on a
// second line supplementary details. :86: is kept as lines of remittance text; the two
// structured dialects that carry payer data are unpacked as well: the German/Austrian one
// ("166?00GUTSCHRIFT?20EREF+…?21SVWZ+…?32NAME") and the Dutch one ("/EREF/…/NAME/…/REMI/…").
//
// Years are two digits (see ExpandTwoDigitYear). Lines may end in CRLF or LF; control
// characters some banks put around a message (SOH, ETX) are ignored.
//
// Errors (InvalidArgument, param "message[n]:TAG:" or "message[n]:61:[k]"):
//   bank.file_too_large, bank.mt940.empty (no message), bank.mt940.missing_field (no :20:,
//   :60a: or :62a:), bank.mt940.bad_field (a field that does not follow its layout),
//   bank.mt940.bad_currency, bank.mt940.bad_amount, bank.mt940.bad_date,
//   bank.mt940.too_many_entries, bank.statement.unbalanced / balance_currency.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>
#include <vector>

#include "accrue/base/status.h"
#include "accrue/domain/banking/statement.h"
#include "accrue/formats/bank/bank_parse.h"

namespace accrue::formats::bank {

// One Statement per message (an :60M:…:62M: page is a message of its own).
Result<std::vector<banking::Statement>> ParseMt940(std::string_view text,
                                                   const BankParseOptions& options = {});

}  // namespace accrue::formats::bank
