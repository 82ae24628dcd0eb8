#include "accrue/cli/import.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <iostream>
#include <mutex>
#include <thread>

#include "accrue/api/ingest/event_parser.h"
#include "accrue/api/json/json_writer.h"
#include "accrue/app/usage_ingest.h"
#include "accrue/base/strings.h"
#include "accrue/cli/runtime.h"

namespace accrue::cli {
namespace {

// Bytes read from the file at a time. Lines longer than this (beyond kEventLineBytesMax anyway)
// are reported as malformed.
constexpr size_t kReadChunkBytes = 8 << 20;

struct ParsedBatch {
  std::vector<IngestItem> items;
  std::vector<int64_t> lines;  // line number of each item
  int64_t lines_read = 0;      // non-blank lines in this batch, the CSV header included
  int64_t bytes_through = 0;   // bytes of input consumed up to the end of this batch
  Status error;                // the whole import must stop (unreadable input, bad header)
};

// A bounded hand-over from the reader thread to the ingesting thread.
class BatchQueue {
 public:
  explicit BatchQueue(size_t capacity) : capacity_(capacity) {}

  // False when the consumer has gone away.
  bool Push(ParsedBatch batch) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return queue_.size() < capacity_ || cancelled_; });
    if (cancelled_) return false;
    queue_.push_back(std::move(batch));
    not_empty_.notify_one();
    return true;
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }
  void Cancel() {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
    not_full_.notify_all();
  }
  // A batch if one is ready now.
  bool TryPop(ParsedBatch& out) {
    std::lock_guard<std::mutex> lock(mu_);
    if (queue_.empty()) return false;
    out = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return true;
  }
  // False when closed and drained.
  bool Pop(ParsedBatch& out) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return false;
    out = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return true;
  }

 private:
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<ParsedBatch> queue_;  // guarded by mu_
  bool closed_ = false;            // guarded by mu_
  bool cancelled_ = false;         // guarded by mu_
};

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// The reader thread: splits the input into lines, parses them and queues batches.
class Reader {
 public:
  Reader(int fd, const ImportOptions& options, BatchQueue& queue)
      : fd_(fd), options_(options), queue_(queue) {}

  void Run() {
    std::vector<char> buf(kReadChunkBytes + api::kEventParserPadding);
    size_t have = 0;       // bytes in buf
    int64_t consumed = 0;  // bytes of input before buf[0]
    bool eof = false;
    bool skipping = false;  // inside an over-long line
    while (!eof) {
      ssize_t n = read(fd_, buf.data() + have, kReadChunkBytes - have);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Fail(
            InvalidArgument("file", "import.read_failed",
                            fmt::format("cannot read the input: {}", std::strerror(errno))));
      }
      if (n == 0) eof = true;
      have += static_cast<size_t>(n);
      size_t start = 0;
      while (start < have) {
        const char* nl =
            static_cast<const char*>(std::memchr(buf.data() + start, '\n', have - start));
        if (nl == nullptr && !eof) break;
        const size_t end = nl == nullptr ? have : static_cast<size_t>(nl - buf.data());
        ++line_;
        if (skipping) {
          skipping = false;  // the tail of an over-long line, already reported
        } else if (!Line(std::string_view(buf.data() + start, end - start), buf.size() - start)) {
          return;
        }
        start = end + 1;
        batch_.bytes_through = consumed + static_cast<int64_t>(std::min(start, have));
      }
      if (start > have) start = have;
      if (start == 0 && have == kReadChunkBytes) {
        // One line fills the whole buffer: report it and skip to its end.
        ++line_;
        if (!Emit(ErrorItem("a line is longer than the import buffer"))) return;
        skipping = true;
        start = have;
      }
      std::memmove(buf.data(), buf.data() + start, have - start);
      consumed += static_cast<int64_t>(start);
      have -= start;
    }
    if (!batch_.items.empty() || batch_.lines_read > 0) queue_.Push(std::move(batch_));
    queue_.Close();
  }

 private:
  IngestItem ErrorItem(std::string_view message) {
    IngestItem item;
    item.parse_error = InvalidArgument("", "event.malformed", message);
    return item;
  }

  bool Line(std::string_view line, size_t readable) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsBlank(line)) return true;
    ++batch_.lines_read;
    if (options_.format == ImportFormat::kCsv) {
      if (!header_done_) {
        header_done_ = true;
        Status header = csv_.SetHeader(line);
        if (!header.ok()) {
          Fail(header);
          return false;
        }
        return true;
      }
      return Emit(csv_.ParseRow(line));
    }
    return Emit(parser_.ParseLine(line, readable));
  }

  bool Emit(IngestItem item) {
    batch_.items.push_back(std::move(item));
    batch_.lines.push_back(line_);
    if (batch_.items.size() < options_.batch_size) return true;
    ParsedBatch full = std::move(batch_);
    batch_ = ParsedBatch{};
    batch_.bytes_through = full.bytes_through;
    return queue_.Push(std::move(full));
  }

  void Fail(Status error) {
    ParsedBatch failed;
    failed.error = std::move(error);
    queue_.Push(std::move(failed));
    queue_.Close();
  }

  const int fd_;
  const ImportOptions& options_;
  BatchQueue& queue_;
  api::EventParser parser_;
  api::CsvEventReader csv_;
  bool header_done_ = false;
  int64_t line_ = 0;
  ParsedBatch batch_;
};

// An error result ends the transaction with a rollback; this one only says "strict mode found a
// rejected event".
constexpr std::string_view kStrictStop = "import.strict_stop";

void Tally(const ParsedBatch& batch, size_t count, const IngestBatchResult& result,
           ImportSummary& summary) {
  summary.accepted += result.accepted;
  summary.duplicates += result.duplicates;
  summary.rejected += result.rejected;
  for (size_t i = 0; i < count && i < result.results.size(); ++i) {
    const EventResult& r = result.results[i];
    if (r.outcome != EventOutcome::kRejected) continue;
    if (summary.first_rejects.size() >= kImportRejectsShown) break;
    summary.first_rejects.push_back(ImportReject{batch.lines[i], ErrorReason(r.error),
                                                 ErrorParam(r.error),
                                                 std::string(AsStd(r.error.message()))});
  }
}

// Ingests `items` in one transaction. With `strict`, a batch with a rejected event is rolled
// back instead; `rolled_back` then says so and the result still describes every event.
Result<IngestBatchResult> IngestCommitted(const Services& services, UsageIngestor& ingestor,
                                          TenantId tenant, const std::vector<IngestItem>& items,
                                          bool strict, bool& rolled_back) {
  IngestBatchResult result;
  rolled_back = false;
  Status s = services.store.Write([&](StoreTx& tx) -> Status {
    ASSIGN_OR_RETURN(result, ingestor.Ingest(tx, services, tenant, items));
    if (strict && result.rejected > 0) return InvalidArgument("", kStrictStop, "");
    return OkStatus();
  });
  if (!s.ok()) ingestor.Forget();
  if (!s.ok() && ErrorReason(s) != kStrictStop) return s;
  rolled_back = !s.ok();
  return result;
}

void AddReject(const ParsedBatch& batch, size_t i, const Status& error, ImportSummary& summary) {
  ++summary.rejected;
  if (summary.first_rejects.size() < kImportRejectsShown) {
    summary.first_rejects.push_back(ImportReject{batch.lines[i], ErrorReason(error),
                                                 ErrorParam(error),
                                                 std::string(AsStd(error.message()))});
  }
}

// Ingests one batch; in strict mode only up to the first bad line, then sets summary.stopped.
Status IngestBatch(const Services& services, UsageIngestor& ingestor, TenantId tenant,
                   ParsedBatch& batch, bool strict, ImportSummary& summary) {
  // Strict: the first malformed line ends the batch (and the import).
  size_t count = batch.items.size();
  if (strict) {
    for (size_t i = 0; i < count; ++i) {
      if (!batch.items[i].parse_error.ok()) {
        count = i;
        break;
      }
    }
  }
  std::vector<IngestItem>& items = batch.items;
  std::vector<IngestItem> rest(
      std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(count)),
      std::make_move_iterator(items.end()));
  items.resize(count);
  bool rolled_back = false;
  ASSIGN_OR_RETURN(IngestBatchResult result,
                   IngestCommitted(services, ingestor, tenant, items, strict, rolled_back));
  if (rolled_back) {
    // A rejected event: commit what precedes it, report it, stop.
    size_t bad = 0;
    while (result.results[bad].outcome != EventOutcome::kRejected) ++bad;
    const Status reason = result.results[bad].error;
    items.resize(bad);
    ASSIGN_OR_RETURN(result,
                     IngestCommitted(services, ingestor, tenant, items, false, rolled_back));
    Tally(batch, items.size(), result, summary);
    AddReject(batch, bad, reason, summary);
    summary.stopped = true;
    return OkStatus();
  }
  Tally(batch, items.size(), result, summary);
  if (!rest.empty()) {
    AddReject(batch, count, rest.front().parse_error, summary);
    summary.stopped = true;
  }
  return OkStatus();
}

}  // namespace

Result<ImportSummary> RunImport(const Services& services, const Actor& actor,
                                const ImportOptions& options) {
  if (options.batch_size < 1 || options.batch_size > kIngestBatchEventsMax) {
    return InvalidArgument("batch-size", "parameter.out_of_range",
                           fmt::format("--batch-size is from 1 to {}", kIngestBatchEventsMax));
  }
  int fd = STDIN_FILENO;
  if (options.path != "-") {
    fd = open(options.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return InvalidArgument("file", "import.cannot_open",
                             fmt::format("cannot open {}: {}", options.path, std::strerror(errno)));
    }
  }
  BatchQueue queue(kImportQueueBatches);
  Reader reader(fd, options, queue);
  std::thread reading([&reader] { reader.Run(); });
  UsageIngestor ingestor;
  ImportSummary summary;
  Status status;
  ParsedBatch first;
  while (queue.Pop(first)) {
    if (!first.error.ok()) {
      status = first.error;
      break;
    }
    if (options.strict) {
      summary.lines += first.lines_read;
      summary.bytes_read = first.bytes_through;
      status = IngestBatch(services, ingestor, actor.tenant, first, true, summary);
      if (!status.ok() || summary.stopped) break;
      if (options.on_batch && !first.lines.empty()) options.on_batch(first.lines.back(), summary);
      continue;
    }
    // Group the batches already parsed into one transaction (up to kImportCommitEventsMax
    // events): one commit, and each aggregate page written once, for all of them.
    std::vector<ParsedBatch> group;
    size_t events = first.items.size();
    group.push_back(std::move(first));
    ParsedBatch more;
    while (events < kImportCommitEventsMax && queue.TryPop(more)) {
      events += more.items.size();
      const bool failed = !more.error.ok();
      group.push_back(std::move(more));
      if (failed) break;
    }
    std::vector<IngestBatchResult> results;
    std::vector<const std::vector<IngestItem>*> batches;
    for (const ParsedBatch& b : group) {
      if (!b.error.ok()) break;
      batches.push_back(&b.items);
    }
    status = services.store.Write([&](StoreTx& tx) -> Status {
      ASSIGN_OR_RETURN(results, ingestor.IngestBatches(tx, services, actor.tenant, batches));
      return OkStatus();
    });
    if (!status.ok()) {
      ingestor.Forget();
      break;
    }
    for (size_t i = 0; i < results.size(); ++i) {
      summary.lines += group[i].lines_read;
      summary.bytes_read = group[i].bytes_through;
      Tally(group[i], group[i].items.size(), results[i], summary);
    }
    if (options.on_batch && !group[results.size() - 1].lines.empty()) {
      options.on_batch(group[results.size() - 1].lines.back(), summary);
    }
    if (results.size() < group.size()) {
      status = group.back().error;
      break;
    }
  }
  queue.Cancel();
  reading.join();
  if (fd != STDIN_FILENO) close(fd);
  if (!status.ok()) return status;
  return summary;
}

namespace {

std::string Rate(double events, double seconds) {
  if (seconds <= 0) return "-";
  const double r = events / seconds;
  if (r >= 1e6) return fmt::format("{:.2f}M", r / 1e6);
  if (r >= 1e3) return fmt::format("{:.1f}k", r / 1e3);
  return fmt::format("{:.0f}", r);
}

void PrintSummary(const ImportSummary& s, const std::string& path, double seconds, bool json) {
  if (json) {
    api::JsonWriter w;
    w.BeginObject();
    w.Field("object", "import_summary");
    w.Field("file", path);
    w.Field("lines", s.lines);
    w.Field("accepted", s.accepted);
    w.Field("duplicates", s.duplicates);
    w.Field("rejected", s.rejected);
    w.Field("stopped", s.stopped);
    w.Field("elapsed_ms", static_cast<int64_t>(seconds * 1000));
    w.Key("first_rejects");
    w.BeginArray();
    for (const ImportReject& r : s.first_rejects) {
      w.BeginObject();
      w.Field("line", r.line);
      w.Field("code", r.reason);
      if (!r.param.empty()) w.Field("param", r.param);
      w.Field("message", r.message);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    std::cout << w.Take() << "\n";
    return;
  }
  const int64_t events = s.accepted + s.duplicates + s.rejected;
  std::cout << fmt::format(
      "{}: {} events: {} accepted, {} duplicate, {} rejected in {:.2f} s ({} events/s){}\n",
      path == "-" ? "stdin" : path, events, s.accepted, s.duplicates, s.rejected, seconds,
      Rate(static_cast<double>(events), seconds), s.stopped ? " — stopped (--strict)" : "");
  if (!s.first_rejects.empty()) {
    std::cout << (s.rejected > static_cast<int64_t>(s.first_rejects.size())
                      ? fmt::format("first {} rejected lines:\n", s.first_rejects.size())
                      : std::string("rejected lines:\n"));
    for (const ImportReject& r : s.first_rejects) {
      std::cout << fmt::format("  line {}: {}{}: {}\n", r.line, r.reason,
                               r.param.empty() ? "" : fmt::format(" ({})", r.param), r.message);
    }
  }
}

}  // namespace

void RegisterImport(CLI::App& app, GlobalOptions& g, Command& selected) {
  auto* cmd = app.add_subcommand("import", "Import usage events from an NDJSON or CSV file");
  auto path = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  auto batch = std::make_shared<size_t>(10'000);
  auto strict = std::make_shared<bool>(false);
  auto acks = std::make_shared<bool>(false);
  cmd->add_option("file", *path, "File to import, '-' for standard input")->required();
  cmd->add_option("--format", *format, "ndjson or csv (default: from the file name)");
  cmd->add_option("--batch-size", *batch, "Events per transaction (1-10000)");
  cmd->add_flag("--strict", *strict, "Stop at the first bad line (exit code 1)");
  cmd->add_flag("--acks", *acks,
                "Print 'ack <line> <accepted> <duplicates> <rejected>' after each committed batch");
  cmd->callback([&g, &selected, path, format, batch, strict, acks] {
    selected = [&g, path, format, batch, strict, acks](const Config& config) {
      Result<std::unique_ptr<Runtime>> rt = Runtime::Open(config);
      if (!rt.ok()) return ReportError(rt.status());
      Result<Actor> actor = (*rt)->ResolveActor(g.tenant);
      if (!actor.ok()) return ReportError(actor.status());
      ImportOptions options;
      options.path = *path;
      options.batch_size = *batch;
      options.strict = *strict;
      const std::string fmt_name =
          !format->empty() ? *format : (path->ends_with(".csv") ? "csv" : "ndjson");
      if (fmt_name == "csv") {
        options.format = ImportFormat::kCsv;
      } else if (fmt_name != "ndjson" && fmt_name != "jsonl") {
        return ReportError(
            InvalidArgument("format", "parameter.invalid", "--format is ndjson or csv"));
      }
      int64_t total_bytes = 0;
      struct stat st {};
      if (*path != "-" && stat(path->c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
        total_bytes = st.st_size;
      }
      const bool tty = isatty(STDERR_FILENO) != 0;
      const absl::Time started = absl::Now();
      absl::Time last_draw = absl::InfinitePast();
      options.on_batch = [&](int64_t last_line, const ImportSummary& s) {
        if (*acks) {
          std::cout << fmt::format("ack {} {} {} {}\n", last_line, s.accepted, s.duplicates,
                                   s.rejected)
                    << std::flush;
        }
        const absl::Time now = absl::Now();
        if (!tty || now - last_draw < absl::Milliseconds(200)) return;
        last_draw = now;
        const double secs = absl::ToDoubleSeconds(now - started);
        const double events = static_cast<double>(s.accepted + s.duplicates + s.rejected);
        std::string bar;
        std::string eta;
        if (total_bytes > 0) {
          const double done = static_cast<double>(s.bytes_read) / static_cast<double>(total_bytes);
          const int width = 30;
          const int filled = static_cast<int>(done * width);
          bar = fmt::format("[{}{}] {:3.0f}% ", std::string(static_cast<size_t>(filled), '='),
                            std::string(static_cast<size_t>(width - filled), ' '), done * 100);
          if (done > 0) eta = fmt::format("  ETA {:.0f}s", secs / done - secs);
        }
        std::cerr << fmt::format("\r{}{} events  {} events/s{}   ", bar,
                                 static_cast<int64_t>(events), Rate(events, secs), eta);
      };
      Result<ImportSummary> summary = RunImport((*rt)->services(), *actor, options);
      if (tty) std::cerr << "\n";
      if (!summary.ok()) return ReportError(summary.status());
      PrintSummary(*summary, *path, absl::ToDoubleSeconds(absl::Now() - started), g.json);
      return summary->stopped ? 1 : 0;
    };
  });
}

}  // namespace accrue::cli
