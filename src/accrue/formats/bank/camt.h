// ISO 20022 cash-management statements: camt.053 (BankToCustomerStatement, the end-of-day
// account statement) and camt.054 (BankToCustomerDebitCreditNotification, booked payments,
// often one batch with the individual payments in TxDtls), message versions .001.02 to .001.08.
//
// The parser reads the elements the versions share and the few places where they differ (v8
// nests party names in Pty and the entry status in Sts/Cd; v4+ gives TxDtls its own Amt). It
// accepts a document only in one of those namespaces ("urn:iso:std:iso:20022:tech:xsd:
// camt.053.001.02" …), because a camt.052 intraday report or a pain file in the same shape
// would otherwise import as a statement. It never fetches anything: no network, no DTD, no
// entity expansion (a DTD in a statement is rejected outright).
//
// Errors (InvalidArgument, empty or path-like param):
//   bank.file_too_large, bank.camt.malformed_xml (not well-formed; the message gives the line),
//   bank.camt.dtd_not_allowed, bank.camt.not_camt (root is not Document),
//   bank.camt.bad_namespace, bank.camt.missing_element, bank.camt.bad_amount,
//   bank.camt.bad_currency, bank.camt.bad_indicator (CdtDbtInd), bank.camt.bad_date,
//   bank.camt.bad_status, bank.camt.missing_currency, bank.camt.too_many_entries,
//   bank.statement.unbalanced / balance_currency, bank.camt.totals_mismatch (TxsSummry).
//
// Thread-safety: safe to call from several threads (libxml2 is initialised once).
#pragma once

#include <string_view>
#include <vector>

#include "accrue/base/status.h"
#include "accrue/domain/banking/statement.h"
#include "accrue/formats/bank/bank_parse.h"

namespace accrue::formats::bank {

enum class CamtMessage { k053, k054 };

struct CamtDocument {
  CamtMessage message = CamtMessage::k053;
  int version = 2;                             // the .001.NN of the namespace
  std::string message_id;                      // GrpHdr/MsgId: what makes a re-import recognisable
  std::vector<banking::Statement> statements;  // Stmt or Ntfctn, in file order
};

Result<CamtDocument> ParseCamt(std::string_view xml, const BankParseOptions& options = {});

}  // namespace accrue::formats::bank
