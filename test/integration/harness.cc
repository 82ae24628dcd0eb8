#include "harness.h"

#include <fcntl.h>
#include <poll.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace accrue::testing {
namespace {

std::vector<char*> Argv(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(ACCRUE_BINARY));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  return argv;
}

std::string ReadAll(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

simdjson::dom::element Walk(simdjson::dom::parser& parser, const std::string& json,
                            const std::string& path, bool& ok) {
  simdjson::dom::element e;
  ok = parser.parse(json).get(e) == simdjson::SUCCESS;
  size_t start = 0;
  while (ok && start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    simdjson::dom::array array;
    if (e.get(array) == simdjson::SUCCESS) {  // "data.0.id": a number indexes an array
      char* end = nullptr;
      const unsigned long index = std::strtoul(key.c_str(), &end, 10);
      ok = !key.empty() && *end == '\0' && array.at(index).get(e) == simdjson::SUCCESS;
    } else {
      ok = e[key].get(e) == simdjson::SUCCESS;
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return e;
}

}  // namespace

CliResult RunCli(const std::vector<std::string>& args) {
  int out[2], err[2];
  if (pipe(out) != 0 || pipe(err) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    close(out[0]);
    close(err[0]);
    std::vector<char*> argv = Argv(args);
    execv(ACCRUE_BINARY, argv.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  CliResult r;
  std::thread err_reader([&] { r.err = ReadAll(err[0]); });
  r.out = ReadAll(out[0]);
  err_reader.join();
  close(out[0]);
  close(err[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

ServerProcess::ServerProcess(const std::string& data_dir, std::vector<std::string> extra) {
  int out[2];
  if (pipe(out) != 0) return;
  std::vector<std::string> args = {"serve", "--data", data_dir, "--port", "0", "--log-level", "warn"};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], 1);
    close(out[0]);
    std::vector<char*> argv = Argv(args);
    execv(ACCRUE_BINARY, argv.data());
    _exit(127);
  }
  close(out[1]);
  out_fd_ = out[0];
  // Read until "accrue: serving on port N\n" (at most 30 s).
  std::string seen;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buf[256];
    ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<size_t>(n));
    size_t at = seen.find("serving on port ");
    if (at != std::string::npos && seen.find('\n', at) != std::string::npos) {
      port_ = std::atoi(seen.c_str() + at + std::strlen("serving on port "));
      break;
    }
  }
}

int ServerProcess::Signal(int sig) {
  if (pid_ <= 0) return -1;
  kill(pid_, sig);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Signal(SIGTERM);
  if (out_fd_ >= 0) close(out_fd_);
}

ApiClient::Response ApiClient::Get(const std::string& path) {
  httplib::Headers h = {{"Authorization", "Bearer " + key_}};
  auto res = client_.Get(path.c_str(), h);
  if (!res) return {};
  return {res->status, res->body, res->headers};
}

ApiClient::Response ApiClient::Post(const std::string& path, const std::string& body,
                                    const std::string& idempotency_key) {
  httplib::Headers h = {{"Authorization", "Bearer " + key_}};
  if (!idempotency_key.empty()) h.emplace("Idempotency-Key", idempotency_key);
  return PostRaw(path, body, h);
}

ApiClient::Response ApiClient::PostRaw(const std::string& path, const std::string& body,
                                       const httplib::Headers& headers) {
  auto res = client_.Post(path.c_str(), headers, body, "application/json");
  if (!res) return {};
  return {res->status, res->body, res->headers};
}

BilledCustomer BillOneCustomer(ApiClient& api, const std::string& customer_json,
                               const std::string& billing_at) {
  BilledCustomer out;
  auto c = api.Post("/v1/customers", customer_json);
  EXPECT_EQ(c.status, 200) << c.body;
  out.customer = JsonString(c.body, "id");
  auto p = api.Post("/v1/plans", R"({"code":"pro","name":"Pro","currency":"EUR",)"
                                 R"("amount":"49.00","interval":"month"})");
  EXPECT_EQ(p.status, 200) << p.body;
  auto s = api.Post("/v1/subscriptions", R"({"customer":")" + out.customer + R"(","plan":")" +
                                             JsonString(p.body, "id") +
                                             R"(","start_date":"2026-01-01"})");
  EXPECT_EQ(s.status, 200) << s.body;
  auto run = api.Post("/v1/billing_runs", R"({"billing_at":")" + billing_at + R"("})");
  EXPECT_EQ(run.status, 200) << run.body;
  auto list = api.Get("/v1/invoices?limit=100");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(list.body).get(doc) != simdjson::SUCCESS) return out;
  for (auto inv : doc["data"].get_array()) {
    out.invoices.insert(out.invoices.begin(), std::string(inv["id"].get_string().value()));
    out.first_lines.insert(out.first_lines.begin(),
                           std::string(inv["lines"].at(0)["id"].get_string().value()));
  }
  return out;
}

std::string JsonString(const std::string& json, const std::string& path) {
  simdjson::dom::parser parser;
  bool ok = false;
  simdjson::dom::element e = Walk(parser, json, path, ok);
  std::string_view v;
  if (!ok || e.get(v) != simdjson::SUCCESS) return "";
  return std::string(v);
}

int64_t JsonInt(const std::string& json, const std::string& path) {
  simdjson::dom::parser parser;
  bool ok = false;
  simdjson::dom::element e = Walk(parser, json, path, ok);
  int64_t v = 0;
  if (!ok || e.get(v) != simdjson::SUCCESS) return 0;
  return v;
}

size_t JsonArraySize(const std::string& json, const std::string& path) {
  simdjson::dom::parser parser;
  bool ok = false;
  simdjson::dom::element e = Walk(parser, json, path, ok);
  simdjson::dom::array a;
  if (!ok || e.get(a) != simdjson::SUCCESS) return 0;
  return a.size();
}

std::string InitTenant(const std::string& data_dir, const std::string& name) {
  CliResult r = RunCli({"init", "--data", data_dir, "--name", name, "--json"});
  return JsonString(r.out, "api_key");
}

}  // namespace accrue::testing
