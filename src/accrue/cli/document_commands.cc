#include "accrue/cli/document_commands.h"

#include <iostream>

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

}  // namespace

void RegisterDocumentCommands(CLI::App& app, GlobalOptions& g, Command& selected) {
  RegisterVerify(app, g, selected);
}

}  // namespace accrue::cli
