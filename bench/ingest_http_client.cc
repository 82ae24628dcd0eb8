// HTTP ingest load generator for bench/ingest.sh: posts an NDJSON file to POST /v1/events as JSON
// arrays of BATCH events from CONNECTIONS concurrent keep-alive connections, and prints
//   http_ingest events=N accepted=A duplicates=D rejected=R seconds=S events_per_s=E
// Every response is checked (status 200; the per-event counts are summed). Standalone (no Accrue
// headers):
//   g++ -O2 -std=c++20 bench/ingest_http_client.cc $(pkg-config --cflags --libs cpp-httplib) \
//     -lpthread -o /tmp/ingest_http_client
//   ingest_http_client PORT API_KEY FILE [BATCH=10000] [CONNECTIONS=4]
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

int64_t Count(const std::string& body, const char* key) {
  const std::string needle = std::string("\"") + key + "\":";
  const size_t at = body.find(needle);
  if (at == std::string::npos) return -1;
  return std::atoll(body.c_str() + at + needle.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s PORT API_KEY FILE [BATCH] [CONNECTIONS]\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const std::string key = argv[2];
  const size_t batch = argc > 4 ? std::stoul(argv[4]) : 10000;
  const int connections = argc > 5 ? std::atoi(argv[5]) : 4;

  // Pre-build every request body so the client measures the server, not itself.
  std::vector<std::string> bodies;
  std::ifstream in(argv[3]);
  std::string line, body = "[";
  size_t n = 0, events = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    body += (n ? "," : "") + line;
    ++n;
    ++events;
    if (n == batch) {
      bodies.push_back(body + "]");
      body = "[";
      n = 0;
    }
  }
  if (n) bodies.push_back(body + "]");

  std::atomic<size_t> next{0};
  std::atomic<int64_t> accepted{0}, duplicates{0}, rejected{0}, failures{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_read_timeout(300, 0);
      client.set_write_timeout(300, 0);
      const httplib::Headers headers = {{"Authorization", "Bearer " + key}};
      for (size_t i = next++; i < bodies.size(); i = next++) {
        auto res = client.Post("/v1/events", headers, bodies[i], "application/json");
        if (!res || res->status != 200) {
          ++failures;
          std::fprintf(stderr, "batch %zu failed: %d %s\n", i, res ? res->status : -1,
                       res ? res->body.substr(0, 200).c_str() : "no response");
          continue;
        }
        accepted += Count(res->body, "accepted");
        duplicates += Count(res->body, "duplicates");
        rejected += Count(res->body, "rejected");
      }
    });
  }
  for (std::thread& t : threads) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "http_ingest events=%zu accepted=%ld duplicates=%ld rejected=%ld failures=%ld "
      "seconds=%.2f events_per_s=%.0f\n",
      events, static_cast<long>(accepted.load()), static_cast<long>(duplicates.load()),
      static_cast<long>(rejected.load()), static_cast<long>(failures.load()), seconds,
      static_cast<double>(events) / seconds);
  return failures.load() == 0 ? 0 : 1;
}
