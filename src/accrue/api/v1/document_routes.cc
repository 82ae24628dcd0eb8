#include "accrue/api/v1/document_routes.h"

#include "accrue/api/json/json_writer.h"
#include "accrue/api/v1/document_render.h"
#include "accrue/api/v1/handler_util.h"
#include "accrue/app/seller_profile.h"
#include "accrue/base/crypto.h"
#include "accrue/base/strings.h"
#include "accrue/domain/seller_profile.h"

namespace accrue::api {
namespace {

using SellerChanges = std::vector<std::pair<std::string_view, std::string>>;

// Profile fields named "address.<part>" travel in an "address" object, as on customers.
constexpr std::string_view kAddressPrefix = "address.";

// Every field is optional; a given one replaces the stored value ("" clears it). The address is
// an object, as on customers.
Result<SellerChanges> ParseSellerChanges(ObjectReader& body) {
  SellerChanges changes;
  std::optional<ObjectReader> address;
  for (std::string_view name : SellerProfileFieldNames()) {
    std::optional<std::string> value;
    if (name.starts_with(kAddressPrefix)) {
      if (!address.has_value()) {
        ASSIGN_OR_RETURN(std::optional<ObjectReader> a, body.OptionalObject("address"));
        if (!a.has_value()) continue;
        address = std::move(a);
      }
      ASSIGN_OR_RETURN(
          value, address->OptionalString(name.substr(kAddressPrefix.size()), kSellerTextLengthMax));
    } else {
      ASSIGN_OR_RETURN(value, body.OptionalString(name, kSellerFooterLengthMax));
    }
    if (value.has_value()) changes.emplace_back(name, *std::move(value));
  }
  RETURN_IF_ERROR(body.Finish());
  return changes;
}

// A file response: the document's bytes, its type, and a download name.
HttpResponse FileResponse(RenderedDocument doc) {
  HttpResponse r;
  r.status = 200;
  r.body = std::move(doc.body);
  r.content_type = std::move(doc.content_type);
  r.headers.emplace_back("Content-Disposition",
                         fmt::format("inline; filename=\"{}\"", doc.filename));
  return r;
}

Result<RenderRequest> ParseRenderRequest(const HttpRequest& req, DocumentFormat format) {
  RenderRequest r;
  r.format = format;
  ASSIGN_OR_RETURN(r.profile, ParseEInvoiceProfile(req.Query("profile"), "profile"));
  r.locale = req.Query("locale");
  return r;
}

// GET <pattern>: the document {id} as a file in `format`.
template <typename Id>
void RouteFile(HttpServer& server, const Services& s, const std::string& pattern,
               DocumentFormat format,
               Result<RenderedDocument> (*render)(const Services&, const Actor&, Id,
                                                  const RenderRequest&)) {
  server.Route("GET", pattern, [&s, format, render](const HttpRequest& req) {
    return Authed(s, req, [&](const Actor& a) -> Result<HttpResponse> {
      ASSIGN_OR_RETURN(Id id, ParseId<Id>(req.Param(0), "id"));
      ASSIGN_OR_RETURN(RenderRequest r, ParseRenderRequest(req, format));
      ASSIGN_OR_RETURN(RenderedDocument doc, render(s, a, id, r));
      return FileResponse(std::move(doc));
    });
  });
}

}  // namespace

std::string RenderSellerProfile(const SellerProfile& profile) {
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "seller_profile");
  bool in_address = false;
  for (std::string_view name : SellerProfileFieldNames()) {
    const bool address_field = name.starts_with(kAddressPrefix);
    if (address_field && !in_address) {
      w.Key("address");
      w.BeginObject();
      in_address = true;
    } else if (!address_field && in_address) {
      w.EndObject();
      in_address = false;
    }
    w.Field(address_field ? name.substr(kAddressPrefix.size()) : name,
            SellerProfileField(profile, name));
  }
  if (in_address) w.EndObject();
  w.EndObject();
  return w.Take();
}

std::string RenderChainVerification(const ChainVerification& v) {
  JsonWriter w;
  w.BeginObject();
  w.Field("object", "document_chain_verification");
  w.Field("valid", v.ok());
  w.Field("documents_checked", v.documents_checked);
  w.Field("head_sequence", v.head_seq);
  if (v.head_hash.empty()) {
    w.FieldNull("head_hash");
  } else {
    w.Field("head_hash", HexEncode(v.head_hash));
  }
  if (!v.first_broken.has_value()) {
    w.FieldNull("first_broken");
  } else {
    const BrokenLink& b = *v.first_broken;
    w.Key("first_broken");
    w.BeginObject();
    w.Field("sequence", b.seq);
    w.Field("document_type", ChainedDocumentKindName(b.kind));
    if (b.document_id.IsNil()) {
      w.FieldNull("document");
    } else {
      w.Field("document", b.document_id.ToString());
    }
    if (b.number.empty()) {
      w.FieldNull("number");
    } else {
      w.Field("number", b.number);
    }
    w.Field("reason", ChainBreakName(b.reason));
    w.Field("message", b.message);
    w.EndObject();
  }
  w.EndObject();
  return w.Take();
}

void RegisterDocumentRoutes(HttpServer& server, const Services& services) {
  const Services& s = services;
  server.Route("GET", "/v1/seller_profile", [&s](const HttpRequest& req) {
    return Get(s, req, [](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(SellerProfile p, GetSellerProfile(tx, a));
      return RenderSellerProfile(p);
    });
  });
  server.Route("POST", "/v1/seller_profile", [&s](const HttpRequest& req) {
    return Post<SellerChanges>(
        s, req, 200, [](ObjectReader& body, const Actor&) { return ParseSellerChanges(body); },
        [&s](StoreTx& tx, const Actor& a, const SellerChanges& changes) -> Body {
          ASSIGN_OR_RETURN(SellerProfile p, UpdateSellerProfile(tx, s, a, changes));
          return RenderSellerProfile(p);
        });
  });
  for (auto [suffix, format] :
       {std::pair{"pdf", DocumentFormat::kPdf}, std::pair{"ubl", DocumentFormat::kUbl},
        std::pair{"cii", DocumentFormat::kCii}}) {
    RouteFile<InvoiceId>(server, s, fmt::format("/v1/invoices/{{id}}/{}", suffix), format,
                         &RenderInvoiceFile);
    RouteFile<CreditNoteId>(server, s, fmt::format("/v1/credit_notes/{{id}}/{}", suffix), format,
                            &RenderCreditNoteFile);
  }
  server.Route("GET", "/v1/documents/verify", [&s](const HttpRequest& req) {
    return Get(s, req, [](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(ChainVerification v, VerifyDocumentChain(tx, a));
      return RenderChainVerification(v);
    });
  });
}

}  // namespace accrue::api
