#include "accrue/cli/serve.h"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <atomic>
#include <iostream>
#include <thread>

#include "accrue/api/http/http_server.h"
#include "accrue/api/v1/routes.h"
#include "accrue/base/strings.h"
#include "accrue/cli/housekeeping.h"

namespace accrue::cli {
namespace {

// Blocks SIGTERM/SIGINT in every thread (call before starting any) so that only the waiter
// thread receives them, via sigwait — no async-signal-safety concerns in the stop path.
sigset_t BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

void ConfigureLogging(const Config& config) {
  spdlog::set_pattern("%v");
  spdlog::set_level(spdlog::level::from_str(config.log_level));
}

}  // namespace

int ServeUntilSignal(Runtime& runtime, const std::function<void(int)>& on_listening) {
  const Config& config = runtime.config();
  ConfigureLogging(config);
  sigset_t signals = BlockTerminationSignals();
  api::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.threads = config.threads;
  api::HttpServer server(options);
  api::ApiV1 api(runtime.services());
  api.Register(server);
  Result<int> port = server.Bind();
  if (!port.ok()) return ReportError(port.status());
  spdlog::info(R"({{"level":"info","msg":"listening","host":"{}","port":{},"data_dir":"{}"}})",
               config.host, *port, config.data_dir);
  if (on_listening) on_listening(*port);

  // Upkeep runs beside the requests and stops (its thread joined) before the store closes.
  Housekeeper housekeeper(runtime.services(), absl::Minutes(10));
  std::atomic<bool> signaled{false};
  std::thread waiter([&server, &signaled, signals] {
    int received = 0;
    sigwait(&signals, &received);
    signaled = true;
    spdlog::info(R"({{"level":"info","msg":"stopping","signal":{}}})", received);
    server.Stop();
  });
  Status served = server.Serve();
  // Serve() can also end on its own (accept failure): wake the waiter so it can be joined. The
  // signal is blocked everywhere, so it stays pending until the waiter's sigwait takes it.
  if (!signaled) kill(getpid(), SIGTERM);
  waiter.join();
  // With no arguments spdlog prints the text as is, so the braces are single here.
  spdlog::info(R"({"level":"info","msg":"stopped"})");
  return served.ok() ? 0 : ReportError(served);
}

void RegisterServe(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP API until SIGTERM/SIGINT");
  cmd->add_option("--host", g.config.host, "Listen address (default 127.0.0.1)");
  cmd->add_option("--port", g.config.port, "Listen port (default 8080; 0 picks one)");
  cmd->add_option("--threads", g.config.threads, "Request worker threads (default 8)");
  cmd->add_option("--synchronous", g.config.synchronous, "full (default) or normal");
  cmd->callback([&selected] {
    selected = [](const Config& config) {
      Result<std::unique_ptr<Runtime>> rt = Runtime::Open(config);
      if (!rt.ok()) return ReportError(rt.status());
      return ServeUntilSignal(**rt, [](int port) {
        std::cout << fmt::format("accrue: serving on port {}\n", port) << std::flush;
      });
    };
  });
}

}  // namespace accrue::cli
