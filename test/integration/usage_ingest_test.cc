// Usage ingest end to end, against the real binary: POST /v1/events (ours and CloudEvents,
// per-event results, duplicates, idempotency, limits, bad bodies), `accrue import` (NDJSON and CSV,
// broken lines with line numbers, --strict), dedupe across HTTP and import, order independence over
// HTTP in random batches versus two imports, and a kill -9 in the middle of an import.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "harness.h"
#include "testing/temp_dir.h"

namespace accrue::testing {
namespace {

// The first instant of the current UTC month and "now", as RFC 3339 text helpers.
struct Clock {
  int64_t now_s = std::time(nullptr);
  int64_t month_start_s = 0;
  std::string month_start_date;     // YYYY-MM-01
  std::string previous_month_date;  // the first of the previous month
  Clock() {
    std::tm tm{};
    time_t now = static_cast<time_t>(now_s);
    gmtime_r(&now, &tm);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-01", tm.tm_year + 1900, tm.tm_mon + 1);
    month_start_date = buf;
    int y = tm.tm_year + 1900, m = tm.tm_mon + 1 - 1;
    if (m == 0) {
      m = 12;
      --y;
    }
    std::snprintf(buf, sizeof buf, "%04d-%02d-01", y, m);
    previous_month_date = buf;
    tm.tm_mday = 1;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    month_start_s = static_cast<int64_t>(timegm(&tm));
  }
  // An instant in [month start, now - 1 s), spread by `fraction` in [0, 1).
  std::string InMonth(double fraction) const {
    const int64_t span_us = std::max<int64_t>(1, (now_s - 1 - month_start_s) * 1000000);
    const int64_t us =
        month_start_s * 1000000 + static_cast<int64_t>(fraction * static_cast<double>(span_us));
    time_t secs = static_cast<time_t>(us / 1000000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(us % 1000000));
    return buf;
  }
};

std::string Event(const std::string& id, const std::string& customer, const std::string& meter,
                  const std::string& ts, const std::string& properties = "{}") {
  return R"({"id":")" + id + R"(","customer":")" + customer + R"(","meter":")" + meter +
         R"(","timestamp":")" + ts + R"(","properties":)" + properties + "}";
}

std::vector<std::string> Statuses(const std::string& body) {
  std::vector<std::string> out;
  simdjson::dom::parser p;
  simdjson::dom::element doc;
  if (p.parse(body).get(doc)) return out;
  simdjson::dom::array results;
  if (doc["results"].get(results)) return out;
  for (simdjson::dom::element r : results) {
    std::string_view status = r["status"].get_string().value();
    if (status == "rejected") {
      out.emplace_back(r["error"]["code"].get_string().value());
    } else {
      out.emplace_back(status);
    }
  }
  return out;
}

// Every quantity of a customer's current usage as "code|group values|quantity|count" lines,
// without ids, sorted.
std::string UsageDigest(ApiClient& api, const std::string& customer) {
  auto r = api.Get("/v1/customers/" + customer + "/usage");
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<std::string> lines;
  simdjson::dom::parser p;
  simdjson::dom::element doc;
  if (p.parse(r.body).get(doc)) return "unparsable";
  for (simdjson::dom::element sub : doc["subscriptions"].get_array()) {
    for (simdjson::dom::element meter : sub["meters"].get_array()) {
      std::string code(meter["code"].get_string().value());
      for (simdjson::dom::element g : meter["groups"].get_array()) {
        std::string line = code + "|";
        for (auto field : g["group"].get_object()) {
          line +=
              std::string(field.key) + "=" + std::string(field.value.get_string().value()) + ",";
        }
        line += "|" + std::string(g["quantity"].get_string().value()) + "|" +
                std::to_string(g["event_count"].get_int64().value());
        lines.push_back(line);
      }
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

// A data directory with a server, a tenant, customers subscribed since last month, and meters.
class UsageWorld {
 public:
  explicit UsageWorld(int customers) {
    key_ = InitTenant(dir_.path());
    EXPECT_FALSE(key_.empty());
    Start();
    auto plan = api_->Post("/v1/plans", R"({"code":"basic","name":"Basic","currency":"EUR",)"
                                        R"("amount":"10.00","interval":"month"})");
    EXPECT_EQ(plan.status, 200) << plan.body;
    for (int i = 0; i < customers; ++i) {
      auto c = api_->Post("/v1/customers", R"({"name":"C","currency":"EUR","time_zone":"UTC"})");
      EXPECT_EQ(c.status, 200) << c.body;
      customers_.push_back(JsonString(c.body, "id"));
      auto s =
          api_->Post("/v1/subscriptions", R"({"customer":")" + customers_.back() + R"(","plan":")" +
                                              JsonString(plan.body, "id") + R"(","start_date":")" +
                                              clock_.previous_month_date + R"("})");
      EXPECT_EQ(s.status, 200) << s.body;
    }
    for (
        const char* meter :
        {R"({"code":"calls","name":"Calls","aggregation":"count","group_by":["region"]})",
         R"({"code":"bytes","name":"Bytes","aggregation":"sum","property":"n","group_by":["region","tier"]})",
         R"({"code":"peak","name":"Peak","aggregation":"max","property":"n"})",
         R"({"code":"users","name":"Users","aggregation":"unique_count","property":"user"})",
         R"({"code":"seats","name":"Seats","aggregation":"latest","property":"n"})"}) {
      auto m = api_->Post("/v1/meters", meter);
      EXPECT_EQ(m.status, 200) << m.body;
    }
  }

  void Start() {
    server_ = std::make_unique<ServerProcess>(dir_.path());
    EXPECT_TRUE(server_->started());
    api_ = std::make_unique<ApiClient>(server_->port(), key_);
  }
  void Stop() {
    api_.reset();
    server_.reset();
  }

  ApiClient& api() { return *api_; }
  const std::string& dir() const { return dir_.path(); }
  const std::vector<std::string>& customers() const { return customers_; }
  const Clock& clock() const { return clock_; }
  int port() const { return server_->port(); }
  const std::string& key() const { return key_; }

 private:
  TempDir dir_;
  Clock clock_;
  std::string key_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiClient> api_;
  std::vector<std::string> customers_;
};

// N random events over the world's customers, as NDJSON lines (customer given by index).
struct GeneratedEvent {
  std::string id;
  size_t customer;
  std::string meter;
  std::string timestamp;
  std::string properties;
};

std::vector<GeneratedEvent> Generate(size_t n, size_t customers, const Clock& clock,
                                     uint64_t seed) {
  std::mt19937_64 rng(seed);
  const char* meters[] = {"calls", "bytes", "peak", "users", "seats"};
  const char* regions[] = {"eu", "us", "ap"};
  const char* tiers[] = {"free", "pro"};
  std::vector<GeneratedEvent> out;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t r = rng();
    GeneratedEvent e;
    e.id = "evt-";
    e.id += std::to_string(i);
    e.customer = r % customers;
    e.meter = meters[(r >> 8) % 5];
    // Distinct instants (the fraction grows with i), so "latest" does not depend on arrival.
    e.timestamp = clock.InMonth((static_cast<double>(i) + 0.5) / static_cast<double>(n));
    char props[160];
    std::snprintf(props, sizeof props, R"({"region":"%s","tier":"%s","n":%d.%02d,"user":"u%d"})",
                  regions[(r >> 16) % 3], tiers[(r >> 18) % 2],
                  static_cast<int>((r >> 20) % 1000) - 500, static_cast<int>((r >> 30) % 100),
                  static_cast<int>((r >> 40) % 50));
    e.properties = props;
    out.push_back(std::move(e));
  }
  return out;
}

std::string Line(const GeneratedEvent& e, const std::vector<std::string>& customers) {
  return Event(e.id, customers[e.customer], e.meter, e.timestamp, e.properties);
}

std::string Ndjson(const std::vector<GeneratedEvent>& events,
                   const std::vector<std::string>& customers) {
  std::string out;
  for (const GeneratedEvent& e : events) out += Line(e, customers) + "\n";
  return out;
}

// ---------------------------------------------------------------------------------------------

TEST(UsageIngestIntegration, HttpBatchWithPerEventResultsDuplicatesAndUsage) {
  UsageWorld w(2);
  const std::string c = w.customers()[0];
  const std::string ts = w.clock().InMonth(0.5);
  const std::string body =
      "[" + Event("e1", c, "bytes", ts, R"({"n":12.50,"region":"eu","tier":"pro"})") + "," +
      Event("e1", c, "bytes", ts, R"({"n":1})") + "," + Event("e2", c, "nope", ts) + "," +
      Event("e3", c, "bytes", ts, R"({"n":"abc"})") + "," +
      Event("e4", "01900000-0000-7000-8000-000000000000", "calls", ts) + "," +
      Event("e5", c, "calls", "2999-01-01T00:00:00Z") + "," + Event("", c, "calls", ts) + "," +
      Event(std::string(256, 'x'), c, "calls", ts) + "," + R"({"id":"e6","customer":")" + c +
      R"(","meter":"calls","timestamp":"yesterday"})" + "," +
      Event("e7", c, "bytes", ts, R"({"n":-2.5,"region":"eu","tier":"pro"})") + "]";
  auto r = w.api().Post("/v1/events", body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Statuses(r.body),
            (std::vector<std::string>{"accepted", "duplicate", "event.unknown_meter",
                                      "event.invalid_value", "event.unknown_customer",
                                      "event.timestamp_in_future", "event.missing_id",
                                      "event.id_too_long", "event.invalid_timestamp", "accepted"}));
  EXPECT_EQ(JsonInt(r.body, "accepted"), 2);
  EXPECT_EQ(JsonInt(r.body, "duplicates"), 1);
  EXPECT_EQ(JsonInt(r.body, "rejected"), 7);
  // Retrying the batch changes nothing.
  r = w.api().Post("/v1/events", body);
  EXPECT_EQ(JsonInt(r.body, "accepted"), 0);
  EXPECT_EQ(JsonInt(r.body, "duplicates"), 3);
  EXPECT_EQ(UsageDigest(w.api(), c), "bytes|region=eu,tier=pro,|10|2\n");
}

TEST(UsageIngestIntegration, CloudEventsSingleBatchAndEnvelope) {
  UsageWorld w(1);
  const std::string c = w.customers()[0];
  const std::string ts = w.clock().InMonth(0.3);
  auto ce = [&](const std::string& id) {
    return R"({"specversion":"1.0","id":")" + id +
           R"(","source":"//billing/test","type":"calls",)"
           R"("subject":")" +
           c + R"(","time":")" + ts +
           R"(","datacontenttype":"application/json","data":{"region":"eu"},"traceparent":"x"})";
  };
  httplib::Client client("127.0.0.1", w.port());
  httplib::Headers auth = {{"Authorization", "Bearer " + w.key()}};
  auto one = client.Post("/v1/events", auth, ce("ce1"), "application/cloudevents+json");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 200) << one->body;
  EXPECT_EQ(Statuses(one->body), std::vector<std::string>{"accepted"});
  auto batch = client.Post("/v1/events", auth, "[" + ce("ce2") + "," + ce("ce1") + "]",
                           "application/cloudevents-batch+json");
  ASSERT_TRUE(batch);
  EXPECT_EQ(Statuses(batch->body), (std::vector<std::string>{"accepted", "duplicate"}));
  // {"events": [...]} mixing both shapes.
  auto env = w.api().Post("/v1/events", R"({"events":[)" + ce("ce3") + "," +
                                            Event("o1", c, "calls", ts, R"({"region":"us"})") +
                                            R"(,{"specversion":"0.3","id":"x","source":"s",)"
                                            R"("type":"calls","subject":")" +
                                            c + R"(","time":")" + ts + R"("}]})");
  EXPECT_EQ(Statuses(env.body),
            (std::vector<std::string>{"accepted", "accepted", "event.unsupported_specversion"}));
  EXPECT_EQ(UsageDigest(w.api(), c), "calls|region=eu,|3|3\ncalls|region=us,|1|1\n");
}

TEST(UsageIngestIntegration, IdempotencyKeyReplaysTheBatchResponse) {
  UsageWorld w(1);
  const std::string body =
      "[" + Event("k1", w.customers()[0], "calls", w.clock().InMonth(0.1)) + "]";
  auto first = w.api().Post("/v1/events", body, "batch-0001");
  auto again = w.api().Post("/v1/events", body, "batch-0001");
  EXPECT_EQ(first.body, again.body);
  EXPECT_EQ(Statuses(again.body), std::vector<std::string>{"accepted"});
  EXPECT_TRUE(again.headers.count("Idempotent-Replayed"));
  auto other = w.api().Post("/v1/events", "[]", "batch-0001");
  EXPECT_EQ(other.status, 409);
}

TEST(UsageIngestIntegration, RequestLevelErrorsStoreNothing) {
  UsageWorld w(1);
  const std::string c = w.customers()[0];
  const std::string good = Event("g", c, "calls", w.clock().InMonth(0.2));
  // 10,001 events: 413.
  std::string big = "[";
  for (int i = 0; i <= 10'000; ++i) {
    if (i > 0) big += ",";
    std::string id = "b";
    id += std::to_string(i);
    big += Event(id, c, "calls", w.clock().InMonth(0.2));
  }
  big += "]";
  auto r = w.api().Post("/v1/events", big);
  EXPECT_EQ(r.status, 413) << r.body.substr(0, 200);
  EXPECT_EQ(JsonString(r.body, "error.code"), "request.too_many_events");
  // Over 10 MiB: 413 before any parsing.
  r = w.api().Post("/v1/events", "[" + good + "," + std::string(11 << 20, ' ') + "]");
  EXPECT_EQ(r.status, 413);
  // Broken JSON after a good event: nothing is stored.
  r = w.api().Post("/v1/events", "[" + good + ", {\"id\": ]");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(JsonString(r.body, "error.code"), "request.malformed_json");
  // Invalid UTF-8.
  r = w.api().Post("/v1/events", "[" + good.substr(0, good.size() - 3) + "\xff\xfe\"}}]");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(JsonString(r.body, "error.code"), "request.invalid_utf8");
  r = w.api().Post("/v1/events", R"("just a string")");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(UsageDigest(w.api(), c), "");
  // Unauthenticated.
  ApiClient anonymous(w.port(), "ak_wrong");
  EXPECT_EQ(anonymous.Post("/v1/events", "[" + good + "]").status, 401);
}

TEST(UsageIngestIntegration, ImportNdjsonAndCsvWithBrokenLinesAndStrict) {
  UsageWorld w(2);
  const auto& cs = w.customers();
  const std::string ts = w.clock().InMonth(0.4);
  const std::string ndjson = Event("n1", cs[0], "calls", ts, R"({"region":"eu"})") + "\n" +
                             "{not json\n" + "\n" +  // line 2 broken, line 3 blank
                             Event("n2", cs[1], "nope", ts) + "\n" +
                             Event("n3", cs[1], "calls", ts, R"({"region":"eu"})") + "\n";
  const std::string file = w.dir() + "/events.ndjson";
  WriteFile(file, ndjson);
  CliResult r = RunCli({"import", "--data", w.dir(), file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("4 events: 2 accepted, 0 duplicate, 2 rejected"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("line 2: event.malformed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line 4: event.unknown_meter (meter)"), std::string::npos) << r.out;

  // CSV, with the same n1 again (a duplicate across files) and a bad number for a sum meter.
  const std::string csv =
      "id,customer,meter,timestamp,region,tier,n\n"
      "n1," +
      cs[0] + ",calls," + ts +
      ",eu,,\n"
      "c1," +
      cs[0] + ",bytes," + ts +
      ",eu,pro,12.50\n"
      "c2," +
      cs[0] + ",bytes," + ts +
      ",eu,pro,\"1,5\"\n"
      "c3," +
      cs[0] + ",bytes," + ts +
      ",eu,pro,-0.5\n"
      "c4,too,few\n";
  const std::string csv_file = w.dir() + "/events.csv";
  WriteFile(csv_file, csv);
  r = RunCli({"import", "--data", w.dir(), "--json", csv_file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonInt(r.out, "accepted"), 2) << r.out;
  EXPECT_EQ(JsonInt(r.out, "duplicates"), 1);
  EXPECT_EQ(JsonInt(r.out, "rejected"), 2);
  EXPECT_NE(r.out.find(R"("line":4,"code":"event.invalid_value")"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"("line":6,"code":"event.malformed")"), std::string::npos) << r.out;

  // --strict: everything before the first bad line is imported, nothing after; exit code 1.
  const std::string strict = Event("s1", cs[0], "calls", ts, R"({"region":"us"})") + "\n" +
                             Event("s2", cs[0], "nope", ts) + "\n" +
                             Event("s3", cs[0], "calls", ts, R"({"region":"us"})") + "\n";
  WriteFile(file, strict);
  r = RunCli({"import", "--data", w.dir(), "--strict", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("line 2: event.unknown_meter"), std::string::npos) << r.out;
  EXPECT_EQ(UsageDigest(w.api(), cs[0]),
            "bytes|region=eu,tier=pro,|12|2\ncalls|region=eu,|1|1\ncalls|region=us,|1|1\n");

  // Stdin, and a duplicate of an event sent over HTTP.
  auto h =
      w.api().Post("/v1/events", "[" + Event("h1", cs[1], "calls", ts, R"({"region":"ap"})") + "]");
  EXPECT_EQ(Statuses(h.body), std::vector<std::string>{"accepted"});
  WriteFile(file, Event("h1", cs[1], "calls", ts, R"({"region":"ap"})") + "\n");
  r = RunCli({"import", "--data", w.dir(), "--json", file});
  EXPECT_EQ(JsonInt(r.out, "duplicates"), 1) << r.out;
}

TEST(UsageIngestIntegration, HttpInRandomBatchesEqualsTwoImportsInShuffledOrder) {
  constexpr size_t kEvents = 30'000;
  constexpr size_t kCustomers = 8;
  UsageWorld a(static_cast<int>(kCustomers));
  UsageWorld b(static_cast<int>(kCustomers));
  std::vector<GeneratedEvent> events = Generate(kEvents, kCustomers, a.clock(), 7);

  // A: imported twice, the second time shuffled (all duplicates).
  const std::string file = a.dir() + "/events.ndjson";
  WriteFile(file, Ndjson(events, a.customers()));
  CliResult r = RunCli({"import", "--data", a.dir(), "--json", file});
  EXPECT_EQ(JsonInt(r.out, "accepted"), static_cast<int64_t>(kEvents)) << r.out << r.err;
  std::vector<GeneratedEvent> shuffled = events;
  std::mt19937_64 rng(99);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  WriteFile(file, Ndjson(shuffled, a.customers()));
  r = RunCli({"import", "--data", a.dir(), "--json", "--batch-size", "777", file});
  EXPECT_EQ(JsonInt(r.out, "duplicates"), static_cast<int64_t>(kEvents)) << r.out << r.err;

  // B: over HTTP, shuffled, in random batches, a quarter of them sent twice.
  for (size_t i = 0; i < kEvents / 4; ++i) shuffled.push_back(shuffled[rng() % kEvents]);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  int64_t accepted = 0;
  for (size_t i = 0; i < shuffled.size();) {
    const size_t n = std::min<size_t>(shuffled.size() - i, 1 + rng() % 3000);
    std::string body = "[";
    for (size_t j = i; j < i + n; ++j) {
      if (j > i) body += ",";
      body += Line(shuffled[j], b.customers());
    }
    body += "]";
    auto resp = b.api().Post("/v1/events", body);
    ASSERT_EQ(resp.status, 200) << resp.body.substr(0, 300);
    accepted += JsonInt(resp.body, "accepted");
    i += n;
  }
  EXPECT_EQ(accepted, static_cast<int64_t>(kEvents));
  for (size_t i = 0; i < kCustomers; ++i) {
    std::string digest = UsageDigest(a.api(), a.customers()[i]);
    EXPECT_FALSE(digest.empty());
    EXPECT_EQ(UsageDigest(b.api(), b.customers()[i]), digest) << "customer " << i;
  }
}

// `accrue import --acks` as a child whose stdout we read line by line.
class ImportProcess {
 public:
  explicit ImportProcess(const std::vector<std::string>& args) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 2);
      close(out[0]);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(ACCRUE_BINARY));
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(ACCRUE_BINARY, argv.data());
      _exit(127);
    }
    close(out[1]);
    fd_ = out[0];
  }
  ~ImportProcess() {
    if (pid_ > 0) Kill();
    if (fd_ >= 0) close(fd_);
  }
  // The next complete stdout line, or "" at end of output / after 60 s.
  std::string NextLine() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      size_t nl = buffer_.find('\n');
      if (nl != std::string::npos) {
        std::string line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return line;
      }
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char buf[4096];
      ssize_t n = read(fd_, buf, sizeof buf);
      if (n <= 0) return "";
      buffer_.append(buf, static_cast<size_t>(n));
    }
    return "";
  }
  int Kill() {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string buffer_;
};

TEST(UsageIngestIntegration, KillNineDuringImportLosesNothingAcknowledged) {
  constexpr size_t kEvents = 200'000;
  UsageWorld w(16);
  std::vector<GeneratedEvent> events = Generate(kEvents, 16, w.clock(), 3);
  for (GeneratedEvent& e : events) {
    e.meter = "calls";  // one count meter: the total is the number of distinct events
  }
  const std::string file = w.dir() + "/big.ndjson";
  WriteFile(file, Ndjson(events, w.customers()));
  int64_t acked_accepted = 0;
  int64_t acked_line = 0;
  {
    ImportProcess import({"import", "--data", w.dir(), "--acks", "--batch-size", "5000", file});
    // Let a few batches commit, then pull the plug in the middle of the next.
    for (int acks = 0; acks < 4;) {
      std::string line = import.NextLine();
      ASSERT_FALSE(line.empty()) << "the import ended before it was killed";
      int64_t l = 0, a = 0, d = 0, r = 0;
      if (std::sscanf(line.c_str(), "ack %ld %ld %ld %ld", &l, &a, &d, &r) == 4) {
        acked_line = l;
        acked_accepted = a;
        ++acks;
      }
    }
    const int status = import.Kill();
    EXPECT_TRUE(WIFSIGNALED(status));
  }
  EXPECT_GE(acked_accepted, 20'000);
  EXPECT_LT(acked_line, static_cast<int64_t>(kEvents));  // killed mid-way
  // Everything acknowledged survived, and is now a duplicate; the rest is accepted; the total
  // count equals the number of events exactly.
  CliResult r = RunCli({"import", "--data", w.dir(), "--json", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(JsonInt(r.out, "duplicates"), acked_accepted) << r.out;
  EXPECT_EQ(JsonInt(r.out, "accepted") + JsonInt(r.out, "duplicates"),
            static_cast<int64_t>(kEvents));
  int64_t total = 0;
  for (const std::string& c : w.customers()) {
    auto u = w.api().Get("/v1/customers/" + c + "/usage");
    simdjson::dom::parser p;
    for (simdjson::dom::element sub : p.parse(u.body)["subscriptions"].get_array()) {
      for (simdjson::dom::element m : sub["meters"].get_array()) {
        for (simdjson::dom::element g : m["groups"].get_array()) {
          total += std::stoll(std::string(g["quantity"].get_string().value()));
        }
      }
    }
  }
  EXPECT_EQ(total, static_cast<int64_t>(kEvents));
}

}  // namespace
}  // namespace accrue::testing
