// Integration-test harness: runs the real `accrue` binary as a child process (the CLI, or the
// server on a free loopback port) and talks to it over HTTP.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "testing/temp_dir.h"

namespace accrue::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `accrue args...` to completion.
CliResult RunCli(const std::vector<std::string>& args);

// `accrue serve --port 0` in a child process; the port is read from its first line of output.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& data_dir, std::vector<std::string> extra = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends `sig` and waits for the process; returns its wait status.
  int Signal(int sig);

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int out_fd_ = -1;
};

// A JSON client for one server and one API key.
class ApiClient {
 public:
  ApiClient(int port, std::string key) : client_("127.0.0.1", port), key_(std::move(key)) {
    client_.set_read_timeout(120, 0);
  }
  struct Response {
    int status = 0;
    std::string body;
    httplib::Headers headers;
  };
  Response Get(const std::string& path);
  Response Post(const std::string& path, const std::string& body,
                const std::string& idempotency_key = "");
  Response PostRaw(const std::string& path, const std::string& body,
                   const httplib::Headers& headers);

 private:
  httplib::Client client_;
  std::string key_;
};

// Reads a string or integer field of a JSON object ("" or 0 when absent); nested with '.',
// array elements by index ("data.0.id").
std::string JsonString(const std::string& json, const std::string& path);
int64_t JsonInt(const std::string& json, const std::string& path);
size_t JsonArraySize(const std::string& json, const std::string& path);

// A customer (`customer_json`) on a 49.00 EUR monthly plan "pro" since 2026-01-01, billed by one
// run at `billing_at`. Failures are reported through EXPECT; `invoices` is then short.
struct BilledCustomer {
  std::string customer;
  std::vector<std::string> invoices;     // oldest first
  std::vector<std::string> first_lines;  // each invoice's first line id, same order
};
BilledCustomer BillOneCustomer(ApiClient& api, const std::string& customer_json,
                               const std::string& billing_at);

// Creates a data directory with one tenant; returns its admin key.
std::string InitTenant(const std::string& data_dir, const std::string& name = "Test Tenant");

// A fixture with one tenant in a fresh data directory, the server running on it, and a client
// holding the tenant's key. Fixtures that need more call ServedTenantTest::SetUp() first.
class ServedTenantTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = InitTenant(dir_.path());
    ASSERT_FALSE(key_.empty());
    server_ = std::make_unique<ServerProcess>(dir_.path());
    ASSERT_TRUE(server_->started());
    api_ = std::make_unique<ApiClient>(server_->port(), key_);
  }

  // A 4xx/5xx with the JSON error object: status, param, the code when given, and a message.
  void ExpectError(const ApiClient::Response& r, int status, const std::string& param,
                   const std::string& code = "") {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(JsonString(r.body, "error.param"), param) << r.body;
    if (!code.empty()) {
      EXPECT_EQ(JsonString(r.body, "error.code"), code) << r.body;
    }
    EXPECT_FALSE(JsonString(r.body, "error.message").empty()) << r.body;
  }

  TempDir dir_;
  std::string key_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiClient> api_;
};

// ServedTenantTest plus one EUR customer (Europe/Berlin) billed by one run at
// 2026-02-02T00:00Z: two invoices, January and February, oldest first.
class BilledCustomerApiTest : public ServedTenantTest {
 protected:
  void SetUp() override {
    ServedTenantTest::SetUp();
    if (HasFatalFailure()) return;
    BilledCustomer billed = BillOneCustomer(
        *api_, R"({"name":"Müller GmbH","currency":"EUR","time_zone":"Europe/Berlin"})",
        "2026-02-02T00:00:00Z");
    customer_ = billed.customer;
    invoices_ = billed.invoices;
    lines_ = billed.first_lines;
    ASSERT_EQ(invoices_.size(), 2u);
  }

  std::string customer_;
  std::vector<std::string> invoices_;  // oldest first
  std::vector<std::string> lines_;     // each invoice's first line
};

}  // namespace accrue::testing
