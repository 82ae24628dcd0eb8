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
// was issued. The same code as any other failure, so a script treats it as one.
constexpr int kChainBroken = 1;

void RegisterVerify(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* cmd = app.add_subcommand(
      "verify", "Recompute the tamper-evident chain of issued invoices and credit notes");
  cmd->callback([&g, &selected] {
    selected = [&g](const Config& config) -> int {
      ChainVerification v;
      const int rc = WithActor(config, g, [&](Runtime& rt, const Actor& actor) {
        return rt.store().Read([&](StoreTx& tx) -> Status {
          ASSIGN_OR_RETURN(v, VerifyDocumentChain(tx, actor));
          return OkStatus();
        });
      });
      if (rc != 0) return rc;
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
      return WithActor(config, g, [&](Runtime& rt, const Actor& actor) -> Status {
        ASSIGN_OR_RETURN(Id id, ParseArgId<Id>(args->id, "id"));
        ASSIGN_OR_RETURN(api::DocumentFormat format,
                         api::ParseDocumentFormat(args->format, "format"));
        ASSIGN_OR_RETURN(einvoice::Profile profile,
                         api::ParseEInvoiceProfile(args->profile, "profile"));
        ASSIGN_OR_RETURN(api::RenderedDocument doc,
                         render(rt.services(), actor, id, {format, profile, args->locale}));
        if (args->out == "-") {
          std::cout << doc.body;
          return OkStatus();
        }
        std::ofstream out(args->out, std::ios::binary | std::ios::trunc);
        out << doc.body;
        out.close();
        if (!out) {
          return InvalidArgument("out", "file.unwritable",
                                 fmt::format("cannot write {}", args->out));
        }
        if (!g.json) {
          std::cerr << fmt::format("wrote {} ({}, {} bytes)\n", args->out, doc.content_type,
                                   doc.body.size());
        }
        return OkStatus();
      });
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
