// Generates synthetic usage events for the ingest benchmark (bench/ingest.sh), as NDJSON or CSV.
//
//   ingest_gen CUSTOMERS_FILE EVENTS FORMAT [SEED] [START_UNIX] [SPAN_SECONDS]
//
// CUSTOMERS_FILE holds one customer id per line. Events go to 5 meters (bench_calls, bench_bytes,
// bench_peak, bench_users, bench_storage) with 2 group-by properties (region: 5 values, tier: 3),
// a decimal `value` and a `user`; timestamps increase over [START, START + SPAN) with jitter, as
// in a time-ordered log. Deterministic for a given seed. Standalone (no Accrue headers) so the
// script can build it with one compiler call.
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

namespace {

uint64_t state = 0x9E3779B97F4A7C15ULL;
uint64_t Next() {  // splitmix64
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

const char* kMeters[] = {"bench_calls", "bench_bytes", "bench_peak", "bench_users",
                         "bench_storage"};
const char* kRegions[] = {"eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-south-1"};
const char* kTiers[] = {"free", "pro", "enterprise"};

void Timestamp(int64_t unix_us, char* out) {
  const time_t secs = static_cast<time_t>(unix_us / 1000000);
  struct tm tm {};
  gmtime_r(&secs, &tm);
  std::snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(unix_us % 1000000));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s CUSTOMERS_FILE EVENTS ndjson|csv [SEED] [START] [SPAN]\n",
                 argv[0]);
    return 2;
  }
  std::vector<std::string> customers;
  std::ifstream in(argv[1]);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) customers.push_back(line);
  }
  if (customers.empty()) {
    std::fprintf(stderr, "no customers in %s\n", argv[1]);
    return 2;
  }
  const int64_t events = std::atoll(argv[2]);
  const bool csv = std::string(argv[3]) == "csv";
  if (argc > 4) state = std::strtoull(argv[4], nullptr, 10);
  const int64_t start = argc > 5 ? std::atoll(argv[5]) : 1769904000;  // 2026-02-01
  const int64_t span = argc > 6 ? std::atoll(argv[6]) : 20 * 86400;
  std::vector<char> buf(1 << 20);
  std::setvbuf(stdout, buf.data(), _IOFBF, buf.size());
  if (csv) std::fputs("id,customer,meter,timestamp,region,tier,value,user\n", stdout);
  char ts[48];
  for (int64_t i = 0; i < events; ++i) {
    const uint64_t r = Next();
    const std::string& customer = customers[r % customers.size()];
    const char* meter = kMeters[(r >> 20) % 5];
    const char* region = kRegions[(r >> 24) % 5];
    const char* tier = kTiers[(r >> 28) % 3];
    const int64_t us =
        start * 1000000 + (span * 1000000 / events) * i + static_cast<int64_t>((r >> 32) % 1000000);
    Timestamp(us, ts);
    const unsigned value_int = static_cast<unsigned>((r >> 40) % 1000);
    const unsigned value_frac = static_cast<unsigned>((r >> 50) % 100);
    const unsigned user = static_cast<unsigned>((r >> 12) % 500);
    if (csv) {
      std::printf("evt-%" PRId64 ",%s,%s,%s,%s,%s,%u.%02u,u%u\n", i, customer.c_str(), meter, ts,
                  region, tier, value_int, value_frac, user);
    } else {
      std::printf("{\"id\":\"evt-%" PRId64
                  "\",\"customer\":\"%s\",\"meter\":\"%s\",\"timestamp\":\"%s\","
                  "\"properties\":{\"region\":\"%s\",\"tier\":\"%s\",\"value\":%u.%02u,\"user\":"
                  "\"u%u\"}}\n",
                  i, customer.c_str(), meter, ts, region, tier, value_int, value_frac, user);
    }
  }
  std::fflush(stdout);  // before `buf`, the stdio buffer, goes away
  return 0;
}
