#include "accrue/domain/document_chain.h"

#include <array>
#include <charconv>

#include "accrue/base/crypto.h"
#include "accrue/base/enum_names.h"
#include "accrue/time/instant.h"

namespace accrue {
namespace {

constexpr EnumNames<ChainedDocumentKind, 2> kKindNames{{
    {ChainedDocumentKind::kInvoice, "invoice"},
    {ChainedDocumentKind::kCreditNote, "credit_note"},
}};

// Writes "name=value\n" lines. Text is escaped so that a value holding "\nnumber=..." cannot
// pass for another field: two different documents never share a canonical form.
class Canon {
 public:
  explicit Canon(std::string_view format) {
    out_.reserve(1024);
    out_.append(format);
    out_ += '\n';
  }
  void Text(std::string_view name, std::string_view value) {
    Name(name);
    // Runs without a character to escape are appended whole (the usual case: all of it).
    while (!value.empty()) {
      const size_t special = value.find_first_of("\\\n\r");
      out_.append(value.substr(0, special));
      if (special == std::string_view::npos) break;
      const char c = value[special];
      out_ += c == '\\' ? "\\\\" : c == '\n' ? "\\n" : "\\r";
      value.remove_prefix(special + 1);
    }
    out_ += '\n';
  }
  void Int(std::string_view name, int64_t value) {
    Name(name);
    char buffer[24];
    const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, value);
    out_.append(buffer, r.ptr);
    out_ += '\n';
  }
  // The canonical lower-case UUID text, written straight from the bytes.
  void Id(std::string_view name, const Uuid& id) {
    static constexpr char kHex[] = "0123456789abcdef";
    Name(name);
    const std::array<uint8_t, 16>& b = id.bytes();
    for (size_t i = 0; i < b.size(); ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) out_ += '-';
      out_ += kHex[b[i] >> 4];
      out_ += kHex[b[i] & 0xF];
    }
    out_ += '\n';
  }
  void Time(std::string_view name, absl::Time at) { Int(name, absl::ToUnixMicros(at)); }
  void OptionalTime(std::string_view name, const std::optional<absl::Time>& at) {
    if (at.has_value()) {
      Time(name, *at);
    } else {
      Text(name, "");
    }
  }
  void Day(std::string_view name, const std::optional<absl::CivilDay>& day) {
    Text(name, day.has_value() ? FormatDate(*day) : "");
  }
  std::string Take() { return std::move(out_); }

 private:
  void Name(std::string_view name) {
    out_.append(name);
    out_ += '=';
  }

  std::string out_;
};

}  // namespace

std::string_view ChainedDocumentKindName(ChainedDocumentKind kind) {
  return EnumName(kKindNames, kind);
}

Result<ChainedDocumentKind> ParseChainedDocumentKind(std::string_view text) {
  return ParseEnumName(kKindNames, text, "document_type", "document type");
}

const std::string& GenesisHash() {
  static const std::string* kGenesis = new std::string(kChainHashSize, '\0');
  return *kGenesis;
}

std::string CanonicalInvoice(const Invoice& inv) {
  Canon c("accrue.invoice.v1");
  c.Id("tenant", inv.tenant_id.uuid());
  c.Id("id", inv.id.uuid());
  c.Text("number", inv.number.value_or(""));
  c.Int("sequence", inv.sequence.value_or(0));
  c.Id("customer", inv.customer_id.uuid());
  if (inv.subscription_id.has_value()) {
    c.Id("subscription", inv.subscription_id->uuid());
  } else {
    c.Text("subscription", "");
  }
  c.Text("currency", inv.currency.code());
  c.Day("issue_date", inv.issue_date);
  c.Day("due_date", inv.due_date);
  c.Int("net_terms_days", inv.net_terms_days);
  c.OptionalTime("finalized_at", inv.finalized_at);
  c.OptionalTime("period_start", inv.period_start);
  c.OptionalTime("period_end", inv.period_end);
  c.Text("title", inv.title);
  c.Text("description", inv.description);
  c.Text("buyer.name", inv.buyer.name);
  c.Text("buyer.email", inv.buyer.email);
  const PostalAddress& a = inv.buyer.address;
  c.Text("buyer.address.line1", a.line1);
  c.Text("buyer.address.line2", a.line2);
  c.Text("buyer.address.city", a.city);
  c.Text("buyer.address.postal_code", a.postal_code);
  c.Text("buyer.address.region", a.region);
  c.Text("buyer.address.country", a.country);
  c.Int("buyer.tax_ids", static_cast<int64_t>(inv.buyer.tax_ids.size()));
  for (const TaxIdentifier& t : inv.buyer.tax_ids) {
    c.Text("buyer.tax_id.type", t.type);
    c.Text("buyer.tax_id.value", t.value);
  }
  c.Int("lines", static_cast<int64_t>(inv.lines.size()));
  for (const InvoiceLine& l : inv.lines) {
    c.Id("line.id", l.id.uuid());
    c.Text("line.description", l.description);
    c.Text("line.quantity", l.quantity.ToString());
    c.Text("line.unit_price", l.unit_price.ToString());
    c.Int("line.amount", l.amount_minor);
    c.OptionalTime("line.period_start", l.period_start);
    c.OptionalTime("line.period_end", l.period_end);
  }
  c.Int("subtotal", inv.subtotal_minor);
  c.Int("tax", inv.tax_minor);
  c.Int("total", inv.total_minor);
  return c.Take();
}

std::string CanonicalCreditNote(const CreditNote& n) {
  Canon c("accrue.credit_note.v1");
  c.Id("tenant", n.tenant_id.uuid());
  c.Id("id", n.id.uuid());
  c.Text("number", n.number);
  c.Int("sequence", n.sequence);
  c.Id("invoice", n.invoice_id.uuid());
  c.Id("customer", n.customer_id.uuid());
  c.Text("currency", n.currency.code());
  c.Day("issue_date", n.issue_date);
  c.Time("created_at", n.created_at);
  c.Text("reason", CreditNoteReasonName(n.reason));
  c.Text("memo", n.memo);
  c.Int("lines", static_cast<int64_t>(n.lines.size()));
  for (const CreditNoteLine& l : n.lines) {
    c.Id("line.id", l.id.uuid());
    c.Id("line.invoice_line", l.invoice_line_id.uuid());
    c.Text("line.description", l.description);
    c.Int("line.amount", l.amount_minor);
  }
  c.Int("subtotal", n.subtotal_minor);
  c.Int("tax", n.tax_minor);
  c.Int("total", n.total_minor);
  c.Int("due_reduced", n.due_reduced_minor);
  c.Int("returned", n.returned_minor);
  c.Int("refunded", n.refunded ? 1 : 0);
  return c.Take();
}

std::string ChainHash(std::string_view previous_hash, std::string_view canonical) {
  return Sha256Of({previous_hash, Sha256(canonical)});
}

ChainBuilder::ChainBuilder(TenantId tenant, const std::optional<ChainLink>& head)
    : tenant_(tenant),
      next_seq_(head.has_value() ? head->seq + 1 : 1),
      previous_hash_(head.has_value() ? head->hash : GenesisHash()) {}

const ChainLink& ChainBuilder::Add(ChainedDocumentKind kind, Uuid document_id,
                                   std::string_view canonical) {
  ChainLink link;
  link.tenant_id = tenant_;
  link.seq = next_seq_++;
  link.kind = kind;
  link.document_id = document_id;
  link.hash = ChainHash(previous_hash_, canonical);
  previous_hash_ = link.hash;
  links_.push_back(std::move(link));
  return links_.back();
}

}  // namespace accrue
