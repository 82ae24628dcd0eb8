#include "accrue/formats/bank/camt.h"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <string>

#include "accrue/base/strings.h"
#include "accrue/money/money.h"

namespace accrue::formats::bank {
namespace {

using banking::Balance;
using banking::Counterparty;
using banking::Entry;
using banking::EntryStatus;
using banking::Statement;
using banking::TransactionDetails;

constexpr std::string_view kNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.05";
constexpr int kVersionMin = 2;
constexpr int kVersionMax = 8;

Status Bad(std::string_view param, std::string_view reason, std::string_view message) {
  return InvalidArgument(param, reason, message);
}

std::string_view Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

// Element children in the document's namespace; elements of other namespaces (extensions,
// SupplementaryData contents) are not ours to read.
class Reader {
 public:
  explicit Reader(const xmlNs* ns) : ns_(ns) {}

  bool Ours(const xmlNode* n) const {
    return n->type == XML_ELEMENT_NODE && n->ns != nullptr &&
           xmlStrEqual(n->ns->href, ns_->href) != 0;
  }
  const xmlNode* Child(const xmlNode* parent, std::string_view name) const {
    if (parent == nullptr) return nullptr;
    for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
      if (Ours(c) && Name(c) == name) return c;
    }
    return nullptr;
  }
  std::vector<const xmlNode*> Children(const xmlNode* parent, std::string_view name) const {
    std::vector<const xmlNode*> out;
    if (parent == nullptr) return out;
    for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
      if (Ours(c) && Name(c) == name) out.push_back(c);
    }
    return out;
  }
  const xmlNode* Path(const xmlNode* n, std::initializer_list<std::string_view> names) const {
    for (std::string_view name : names) n = Child(n, name);
    return n;
  }
  // The element's text (its text and CDATA children only: entity references are never
  // expanded), trimmed; "" for a missing element.
  static std::string Text(const xmlNode* n) {
    std::string out;
    if (n == nullptr) return out;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
          c->content != nullptr) {
        out += reinterpret_cast<const char*>(c->content);
      }
    }
    return std::string(Trim(out));
  }
  std::string TextAt(const xmlNode* n, std::initializer_list<std::string_view> names) const {
    return Text(Path(n, names));
  }

 private:
  const xmlNs* ns_;
};

struct XmlDocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct XmlCtxtDeleter {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

class CamtParser {
 public:
  CamtParser(const Reader& r, const BankParseOptions& options) : r_(r), options_(options) {}

  Result<Statement> ParseStatement(const xmlNode* stmt, const std::string& where) {
    Statement s;
    s.id = Reader::Text(r_.Child(stmt, "Id"));
    const xmlNode* acct = r_.Child(stmt, "Acct");
    s.account = r_.TextAt(acct, {"Id", "IBAN"});
    if (s.account.empty()) s.account = r_.TextAt(acct, {"Id", "Othr", "Id"});
    std::optional<Currency> currency;
    if (const xmlNode* ccy = r_.Child(acct, "Ccy"); ccy != nullptr) {
      Result<Currency> c = Currency::Find(Reader::Text(ccy));
      if (!c.ok())
        return Bad(where + ".Acct.Ccy", "bank.camt.bad_currency", AsStd(c.status().message()));
      currency = *c;
    }
    const std::vector<const xmlNode*> bals = r_.Children(stmt, "Bal");
    for (size_t i = 0; i < bals.size(); ++i) {
      const std::string at = fmt::format("{}.Bal[{}]", where, i + 1);
      std::string code = r_.TextAt(bals[i], {"Tp", "CdOrPrtry", "Cd"});
      ASSIGN_OR_RETURN(Money amount, SignedAmount(bals[i], at));
      Balance b;
      b.amount = amount;
      const xmlNode* dt = r_.Child(bals[i], "Dt");
      ASSIGN_OR_RETURN(b.date, Date(dt, at + ".Dt"));
      // OPBD is this statement's opening booked balance; PRCD (the previous statement's closing
      // booked balance) is the same number and the only one some banks send.
      if (code == "OPBD" || (code == "PRCD" && !s.opening.has_value())) {
        s.opening = b;
      } else if (code == "CLBD") {
        s.closing = b;
      }
    }
    const std::vector<const xmlNode*> ntries = r_.Children(stmt, "Ntry");
    entries_total_ += ntries.size();
    if (entries_total_ > kEntriesPerFileMax) {
      return Bad(where, "bank.camt.too_many_entries",
                 fmt::format("at most {} entries per file", kEntriesPerFileMax));
    }
    s.entries.reserve(ntries.size());
    for (size_t i = 0; i < ntries.size(); ++i) {
      ASSIGN_OR_RETURN(Entry e, ParseEntry(ntries[i], fmt::format("{}.Ntry[{}]", where, i + 1)));
      s.entries.push_back(std::move(e));
    }
    if (!currency.has_value()) {
      // No Acct/Ccy: the balances, else the entries, say what the account is kept in.
      if (s.opening.has_value()) {
        currency = s.opening->amount.currency();
      } else if (s.closing.has_value()) {
        currency = s.closing->amount.currency();
      } else if (!s.entries.empty()) {
        currency = s.entries.front().amount.currency();
      } else {
        return Bad(where + ".Acct.Ccy", "bank.camt.missing_currency",
                   "the statement states no currency, no balance and no entry");
      }
    }
    s.currency = *currency;
    if (options_.require_balanced) {
      RETURN_IF_ERROR(CheckTotals(stmt, s, where));
    }
    return s;
  }

 private:
  Result<Money> Amount(const xmlNode* amt, const std::string& where) {
    if (amt == nullptr) return Bad(where, "bank.camt.missing_element", "amount is missing");
    xmlChar* ccy_attr = xmlGetNoNsProp(amt, reinterpret_cast<const xmlChar*>("Ccy"));
    const std::string ccy = ccy_attr == nullptr ? "" : reinterpret_cast<const char*>(ccy_attr);
    xmlFree(ccy_attr);
    Result<Currency> currency = Currency::Find(ccy);
    if (!currency.ok()) {
      return Bad(
          where + ".Ccy", "bank.camt.bad_currency",
          fmt::format("currency '{}': {}", ccy.substr(0, 8), AsStd(currency.status().message())));
    }
    const std::string text = Reader::Text(amt);
    // ISO 20022 amounts are unsigned (the sign is CdtDbtInd) with a '.' decimal point.
    if (text.empty() || text[0] == '-' || text[0] == '+') {
      return Bad(where, "bank.camt.bad_amount",
                 fmt::format("'{}' is not an amount", text.substr(0, 40)));
    }
    Result<Money> m = Money::ParseExact(text, *currency);
    if (!m.ok()) {
      return Bad(
          where, "bank.camt.bad_amount",
          fmt::format("'{}' in {}: {}", text.substr(0, 40), ccy, AsStd(m.status().message())));
    }
    return *m;
  }

  Result<int> Indicator(const xmlNode* parent, const std::string& where, bool required) {
    const xmlNode* ind = r_.Child(parent, "CdtDbtInd");
    if (ind == nullptr && !required) return 0;
    const std::string v = Reader::Text(ind);
    if (v == "CRDT") return 1;
    if (v == "DBIT") return -1;
    return Bad(where + ".CdtDbtInd", "bank.camt.bad_indicator",
               fmt::format("CdtDbtInd is '{}', not CRDT or DBIT", v.substr(0, 16)));
  }

  Result<Money> SignedAmount(const xmlNode* parent, const std::string& where) {
    ASSIGN_OR_RETURN(Money m, Amount(r_.Child(parent, "Amt"), where + ".Amt"));
    ASSIGN_OR_RETURN(int sign, Indicator(parent, where, /*required=*/true));
    return sign < 0 ? m.Negated() : m;
  }

  // Dt or DtTm inside `holder` (BookgDt, ValDt, Bal/Dt).
  Result<std::optional<absl::CivilDay>> Date(const xmlNode* holder, const std::string& where) {
    if (holder == nullptr) return std::optional<absl::CivilDay>();
    const xmlNode* d = r_.Child(holder, "Dt");
    if (d == nullptr) d = r_.Child(holder, "DtTm");
    if (d == nullptr) return std::optional<absl::CivilDay>();
    const std::string text = Reader::Text(d);
    std::optional<absl::CivilDay> day = ParseIsoDate(text);
    if (!day.has_value()) {
      return Bad(where, "bank.camt.bad_date",
                 fmt::format("'{}' is not a date", text.substr(0, 40)));
    }
    return day;
  }

  Result<Entry> ParseEntry(const xmlNode* ntry, const std::string& where) {
    Entry e;
    ASSIGN_OR_RETURN(e.amount, SignedAmount(ntry, where));
    const std::string reversal = r_.TextAt(ntry, {"RvslInd"});
    e.reversal = reversal == "true" || reversal == "1";
    // v2–v7: <Sts>BOOK</Sts>; v8: <Sts><Cd>BOOK</Cd></Sts> (or Prtry).
    const xmlNode* sts = r_.Child(ntry, "Sts");
    std::string status = Reader::Text(sts);
    if (r_.Child(sts, "Cd") != nullptr) status = r_.TextAt(sts, {"Cd"});
    if (status == "BOOK") {
      e.status = EntryStatus::kBooked;
    } else if (status == "PDNG") {
      e.status = EntryStatus::kPending;
    } else if (status == "INFO" || status == "FUTR") {
      e.status = EntryStatus::kInformation;
    } else {
      return Bad(
          where + ".Sts", "bank.camt.bad_status",
          fmt::format("entry status '{}' is not BOOK, PDNG, INFO or FUTR", status.substr(0, 16)));
    }
    ASSIGN_OR_RETURN(e.booking_date, Date(r_.Child(ntry, "BookgDt"), where + ".BookgDt"));
    ASSIGN_OR_RETURN(e.value_date, Date(r_.Child(ntry, "ValDt"), where + ".ValDt"));
    e.bank_reference = r_.TextAt(ntry, {"AcctSvcrRef"});
    size_t k = 0;
    for (const xmlNode* dtls : r_.Children(ntry, "NtryDtls")) {
      for (const xmlNode* tx : r_.Children(dtls, "TxDtls")) {
        ASSIGN_OR_RETURN(TransactionDetails d,
                         ParseDetails(tx, e, fmt::format("{}.NtryDtls.TxDtls[{}]", where, ++k)));
        e.details.push_back(std::move(d));
      }
    }
    if (e.details.size() == 1) {
      const TransactionDetails& d = e.details[0];
      e.end_to_end_id = d.end_to_end_id;
      e.counterparty = d.counterparty;
      e.remittance_lines = d.remittance_lines;
      e.creditor_reference = d.creditor_reference;
      if (e.bank_reference.empty()) e.bank_reference = d.bank_reference;
    } else {
      // A batch: the entry-level text is every payment's, so a reference is not lost when the
      // batch cannot be split into its payments.
      for (const TransactionDetails& d : e.details) {
        for (const std::string& l : d.remittance_lines) {
          if (e.remittance_lines.size() < kRemittanceLinesMax) e.remittance_lines.push_back(l);
        }
        if (!d.creditor_reference.empty() && e.remittance_lines.size() < kRemittanceLinesMax) {
          e.remittance_lines.push_back(d.creditor_reference);
        }
      }
    }
    return e;
  }

  // A party's name: v2–v7 <Dbtr><Nm>, v8 <Dbtr><Pty><Nm>.
  std::string PartyName(const xmlNode* party) const {
    std::string name = r_.TextAt(party, {"Nm"});
    if (name.empty()) name = r_.TextAt(party, {"Pty", "Nm"});
    return name;
  }
  std::string AccountId(const xmlNode* acct) const {
    std::string id = r_.TextAt(acct, {"Id", "IBAN"});
    if (id.empty()) id = r_.TextAt(acct, {"Id", "Othr", "Id"});
    return id;
  }

  Result<TransactionDetails> ParseDetails(const xmlNode* tx, const Entry& entry,
                                          const std::string& where) {
    TransactionDetails d;
    // v4+: TxDtls/Amt; v2: TxDtls/AmtDtls/TxAmt/Amt. Optional in every version.
    const xmlNode* amt = r_.Child(tx, "Amt");
    if (amt == nullptr) amt = r_.Path(tx, {"AmtDtls", "TxAmt", "Amt"});
    if (amt != nullptr) {
      ASSIGN_OR_RETURN(Money m, Amount(amt, where + ".Amt"));
      ASSIGN_OR_RETURN(int sign, Indicator(tx, where, /*required=*/false));
      if (sign == 0) sign = entry.amount.Sign() < 0 ? -1 : 1;
      d.amount = sign < 0 ? m.Negated() : m;
    }
    const xmlNode* refs = r_.Child(tx, "Refs");
    d.end_to_end_id = r_.TextAt(refs, {"EndToEndId"});
    if (d.end_to_end_id == "NOTPROVIDED") d.end_to_end_id.clear();
    d.bank_reference = r_.TextAt(refs, {"AcctSvcrRef"});
    // The counterparty is whoever is on the other side: the debtor of money we received, the
    // creditor of money we paid.
    const bool credit = entry.amount.Sign() >= 0;
    const xmlNode* parties = r_.Child(tx, "RltdPties");
    const xmlNode* party = r_.Child(parties, credit ? "Dbtr" : "Cdtr");
    d.counterparty.name = PartyName(party);
    if (d.counterparty.name.empty()) {
      d.counterparty.name = PartyName(r_.Child(parties, credit ? "UltmtDbtr" : "UltmtCdtr"));
    }
    d.counterparty.iban = AccountId(r_.Child(parties, credit ? "DbtrAcct" : "CdtrAcct"));
    const xmlNode* agent = r_.Path(tx, {"RltdAgts", credit ? "DbtrAgt" : "CdtrAgt", "FinInstnId"});
    d.counterparty.bic = r_.TextAt(agent, {"BICFI"});
    if (d.counterparty.bic.empty()) d.counterparty.bic = r_.TextAt(agent, {"BIC"});
    const xmlNode* rmt = r_.Child(tx, "RmtInf");
    for (const xmlNode* u : r_.Children(rmt, "Ustrd")) {
      if (d.remittance_lines.size() < kRemittanceLinesMax)
        d.remittance_lines.push_back(Reader::Text(u));
    }
    for (const xmlNode* strd : r_.Children(rmt, "Strd")) {
      const std::string ref = r_.TextAt(strd, {"CdtrRefInf", "Ref"});
      if (ref.empty()) continue;
      if (d.creditor_reference.empty()) {
        d.creditor_reference = ref;
      } else if (d.remittance_lines.size() < kRemittanceLinesMax) {
        d.remittance_lines.push_back(ref);  // a second structured reference: keep it searchable
      }
    }
    if (d.remittance_lines.empty()) {
      const std::string info = r_.TextAt(tx, {"AddtlTxInf"});
      if (!info.empty()) d.remittance_lines.push_back(info);
    }
    return d;
  }

  // The file's own totals (TxsSummry), when stated, must agree with the entries it carries: a
  // statement cut short by a transfer error still "balances" if it states no balances.
  Status CheckTotals(const xmlNode* stmt, const Statement& s, const std::string& where) {
    const xmlNode* total = r_.Path(stmt, {"TxsSummry", "TtlNtries"});
    if (total != nullptr) {
      const std::string count = r_.TextAt(total, {"NbOfNtries"});
      if (!count.empty() && count != std::to_string(s.entries.size())) {
        return Bad(where + ".TxsSummry.TtlNtries.NbOfNtries", "bank.camt.totals_mismatch",
                   fmt::format("the statement says it has {} entries but has {}",
                               count.substr(0, 20), s.entries.size()));
      }
    }
    Status balanced = banking::CheckBalances(s);
    return balanced.ok() ? OkStatus() : WithParamPrefix(balanced, where);
  }

  const Reader& r_;
  const BankParseOptions& options_;
  size_t entries_total_ = 0;
};

void InitLibxml() {
  static const bool initialised = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialised;
}

}  // namespace

Result<CamtDocument> ParseCamt(std::string_view xml, const BankParseOptions& options) {
  if (xml.size() > kStatementFileBytesMax) {
    return Bad("", "bank.file_too_large",
               fmt::format("a statement file is at most {} bytes", kStatementFileBytesMax));
  }
  InitLibxml();
  std::unique_ptr<xmlParserCtxt, XmlCtxtDeleter> ctxt(xmlNewParserCtxt());
  if (ctxt == nullptr) return InternalError("bank.camt.parser", "libxml2 could not allocate");
  // NONET: never fetch; no NOENT/DTDLOAD: entities are not expanded and no DTD is loaded.
  // COMPACT stores short text inline in the (read-only) tree: fewer allocations.
  const int flags = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
  std::unique_ptr<xmlDoc, XmlDocDeleter> doc(xmlCtxtReadMemory(
      ctxt.get(), xml.data(), static_cast<int>(xml.size()), "statement.xml", nullptr, flags));
  if (doc == nullptr || ctxt->wellFormed == 0) {
    const xmlError* err = xmlCtxtGetLastError(ctxt.get());
    const std::string what(err != nullptr && err->message != nullptr ? Trim(err->message) : "");
    return Bad("", "bank.camt.malformed_xml",
               fmt::format("not well-formed XML (line {}): {}", err != nullptr ? err->line : 0,
                           what.substr(0, 200)));
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    return Bad("", "bank.camt.dtd_not_allowed", "a statement may not carry a DTD");
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || Name(root) != "Document") {
    return Bad("", "bank.camt.not_camt", "the root element is not Document");
  }
  const std::string ns = root->ns != nullptr ? reinterpret_cast<const char*>(root->ns->href) : "";
  CamtDocument out;
  // "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08": message 3 or 4, version 02..08.
  const bool shape_ok =
      ns.size() == kNamespacePrefix.size() + 8 &&
      ns.compare(0, kNamespacePrefix.size(), kNamespacePrefix) == 0 &&
      (ns[kNamespacePrefix.size()] == '3' || ns[kNamespacePrefix.size()] == '4') &&
      ns.compare(kNamespacePrefix.size() + 1, 6, ".001.0") == 0 && ns.back() >= '0' + kVersionMin &&
      ns.back() <= '0' + kVersionMax;
  if (!shape_ok) {
    return Bad("", "bank.camt.bad_namespace",
               fmt::format("namespace '{}' is not camt.053 or camt.054 version 02 to 08",
                           ns.substr(0, 100)));
  }
  out.message = ns[kNamespacePrefix.size()] == '3' ? CamtMessage::k053 : CamtMessage::k054;
  out.version = ns.back() - '0';
  const Reader reader(root->ns);
  const char* container_name =
      out.message == CamtMessage::k053 ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn";
  const char* item_name = out.message == CamtMessage::k053 ? "Stmt" : "Ntfctn";
  const xmlNode* container = reader.Child(root, container_name);
  if (container == nullptr) {
    return Bad(container_name, "bank.camt.missing_element",
               fmt::format("Document has no {}", container_name));
  }
  out.message_id = reader.TextAt(container, {"GrpHdr", "MsgId"});
  const std::vector<const xmlNode*> items = reader.Children(container, item_name);
  if (items.empty()) {
    return Bad(item_name, "bank.camt.missing_element",
               fmt::format("{} has no {}", container_name, item_name));
  }
  CamtParser parser(reader, options);
  for (size_t i = 0; i < items.size(); ++i) {
    ASSIGN_OR_RETURN(Statement s,
                     parser.ParseStatement(items[i], fmt::format("{}[{}]", item_name, i + 1)));
    out.statements.push_back(std::move(s));
  }
  return out;
}

}  // namespace accrue::formats::bank
