// `accrue serve`: the HTTP API in the foreground until SIGTERM or SIGINT, then a graceful stop —
// no new connections, in-flight requests (and so their transactions) run to completion.
#pragma once

#include <functional>

#include "accrue/cli/commands.h"
#include "accrue/cli/runtime.h"

namespace accrue::cli {

void RegisterServe(CLI::App& app, GlobalOptions& globals, Command& selected);

// Serves the API of `runtime` until a termination signal. `on_listening(port)` runs once the
// socket is bound (the demo prints its instructions there). Returns the exit code.
int ServeUntilSignal(Runtime& runtime, const std::function<void(int)>& on_listening);

}  // namespace accrue::cli
