#include "accrue/api/v1/document_routes.h"

#include "accrue/api/json/json_writer.h"
#include "accrue/api/v1/handler_util.h"
#include "accrue/base/crypto.h"

namespace accrue::api {

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
  server.Route("GET", "/v1/documents/verify", [&s](const HttpRequest& req) {
    return Get(s, req, [](StoreTx& tx, const Actor& a) -> Body {
      ASSIGN_OR_RETURN(ChainVerification v, VerifyDocumentChain(tx, a));
      return RenderChainVerification(v);
    });
  });
}

}  // namespace accrue::api
