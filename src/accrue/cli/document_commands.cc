#include "accrue/cli/document_commands.h"

#include <fstream>
#include <iostream>

#include "accrue/api/v1/document_render.h"
#include "accrue/api/v1/document_routes.h"
#include "accrue/base/crypto.h"
#include "accrue/base/strings.h"
#include "accrue/cli/runtime.h"

namespace accrue::cli {
namespace {

// Exit code of a verification that ran and found the chain broken: the documents are not what
// was issued. Distinct from 2 (bad usage) and other errors, so a cron job can alert on it.
constexpr int kChainBroken = 1;

void RegisterVerify(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* cmd = app.add_subcommand(
      "verify", "Recompute the tamper-evident chain of issued invoices and credit notes");
  cmd->callback([&g, &selected] {
    selected = [&g](const Config& config) -> int {
      Result<std::unique_ptr<Runtime>> rt = Runtime::Open(config);
      if (!rt.ok()) return ReportError(rt.status());
      Result<Actor> actor = (*rt)->ResolveActor(g.tenant);
      if (!actor.ok()) return ReportError(actor.status());
      ChainVerification v;
      Status s = (*rt)->store().Read([&](StoreTx& tx) -> Status {
        ASSIGN_OR_RETURN(v, VerifyDocumentChain(tx, *actor));
        return OkStatus();
      });
      if (!s.ok()) return ReportError(s);
      if (g.json) {
        std::cout << api::RenderChainVerification(v) << "\n";
      } else if (v.ok()) {
        std::cout << fmt::format("documents ok: {} issued documents verified", v.documents_checked);
        if (!v.head_hash.empty()) std::cout << ", head " << HexEncode(v.head_hash);
        std::cout << "\n";
      } else {
        const BrokenLink& b = *v.first_broken;
        std::cerr << fmt::format("documents BROKEN at link {} ({}{}): {}\n", b.seq,
                                 ChainBreakName(b.reason), b.number.empty() ? "" : ", " + b.number,
                                 b.message);
        std::cerr << fmt::format("{} documents before it verified\n", v.documents_checked);
      }
      return v.ok() ? 0 : kChainBroken;
    };
  });
}

struct RenderArgs {
  std::string id;
  std::string format = "pdf";
  std::optional<std::string> profile;
  std::optional<std::string> locale;
  std::string out;
};

// `<parent> render ID --format pdf|ubl|cii --out FILE`: the same bytes as the API's
// GET /v1/<documents>/{id}/<format>.
template <typename Id>
void RegisterRender(CLI::App& parent, GlobalOptions& g, Command& selected,
                    Result<api::RenderedDocument> (*render)(const Services&, const Actor&, Id,
                                                            const api::RenderRequest&)) {
  auto args = std::make_shared<RenderArgs>();
  auto* cmd = parent.add_subcommand("render", "Write the document as PDF, UBL 2.1 or CII D16B");
  cmd->add_option("id", args->id, "Document id")->required();
  cmd->add_option("--format", args->format, "pdf (default), ubl or cii");
  cmd->add_option("--profile", args->profile,
                  "UBL/CII profile: en16931 (default), peppol, xrechnung");
  cmd->add_option("--locale", args->locale,
                  "PDF locale, e.g. de-DE (default: the seller profile's)");
  cmd->add_option("--out", args->out, "Output file ('-' for stdout)")->required();
  cmd->callback([&g, &selected, args, render] {
    selected = [&g, args, render](const Config& config) -> int {
      Result<std::unique_ptr<Runtime>> rt = Runtime::Open(config);
      if (!rt.ok()) return ReportError(rt.status());
      Result<Actor> actor = (*rt)->ResolveActor(g.tenant);
      if (!actor.ok()) return ReportError(actor.status());
      Result<Id> id = Id::Parse(args->id);
      if (!id.ok()) return ReportError(WithParamPrefix(id.status(), "id"));
      Result<api::DocumentFormat> format = api::ParseDocumentFormat(args->format, "format");
      if (!format.ok()) return ReportError(format.status());
      Result<einvoice::Profile> profile = api::ParseEInvoiceProfile(args->profile, "profile");
      if (!profile.ok()) return ReportError(profile.status());
      api::RenderRequest request{*format, *profile, args->locale};
      Result<api::RenderedDocument> doc = render((*rt)->services(), *actor, *id, request);
      if (!doc.ok()) return ReportError(doc.status());
      if (args->out == "-") {
        std::cout << doc->body;
        return 0;
      }
      std::ofstream out(args->out, std::ios::binary | std::ios::trunc);
      out << doc->body;
      out.close();
      if (!out) {
        std::cerr << "error: cannot write " << args->out << "\n";
        return 1;
      }
      if (!g.json) {
        std::cerr << fmt::format("wrote {} ({}, {} bytes)\n", args->out, doc->content_type,
                                 doc->body.size());
      }
      return 0;
    };
  });
}

}  // namespace

void RegisterDocumentCommands(CLI::App& app, GlobalOptions& g, Command& selected) {
  RegisterVerify(app, g, selected);
  if (CLI::App* invoices = app.get_subcommand("invoices"); invoices != nullptr) {
    RegisterRender<InvoiceId>(*invoices, g, selected, &api::RenderInvoiceFile);
  }
  auto* notes = app.add_subcommand("credit-notes", "Credit notes");
  notes->require_subcommand(1);
  RegisterRender<CreditNoteId>(*notes, g, selected, &api::RenderCreditNoteFile);
}

}  // namespace accrue::cli
