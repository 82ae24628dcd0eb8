// `accrue import FILE`: bulk usage ingest from NDJSON (one event object per line, ours or
// CloudEvents) or CSV (header row id,customer,meter,timestamp,<property columns...>); FILE "-"
// reads standard input.
//
// Streaming with bounded memory: a reader thread parses lines into batches of --batch-size
// events (default 10,000) and hands them over a queue of kImportQueueBatches; the main thread
// ingests them with the same use case as POST /v1/events (so dedupe, attribution and aggregates
// are identical), committing the batches that are ready together (at most
// kImportCommitEventsMax events per transaction). Events are durable once their transaction
// commits; with --acks the importer then prints "ack <last line> <accepted> <duplicates>
// <rejected>" (running totals) on stdout and flushes, so a caller that is killed or crashes knows
// exactly what is safe. Re-running the import after a crash is harmless: events already stored
// are reported as duplicates.
//
// Bad lines: by default they are counted and the import goes on; the summary lists the line
// numbers and reasons of the first kImportRejectsShown. --strict stops at the first bad line
// (malformed or rejected): every event before it is imported, none after, and the exit code is 1.
// A TTY on stderr gets a progress bar with rate and ETA (ETA only for regular files).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "accrue/app/services.h"
#include "accrue/cli/commands.h"

namespace accrue::cli {

inline constexpr size_t kImportQueueBatches = 8;
// Batches already parsed when a transaction starts are committed together, up to this many
// events (without --strict).
inline constexpr size_t kImportCommitEventsMax = 100'000;
inline constexpr size_t kImportRejectsShown = 20;

enum class ImportFormat { kNdjson, kCsv };

struct ImportOptions {
  std::string path;  // "-" for stdin
  ImportFormat format = ImportFormat::kNdjson;
  size_t batch_size = 10'000;
  bool strict = false;
  // Called after each committed batch (for --acks and the progress bar).
  std::function<void(int64_t last_line, const struct ImportSummary&)> on_batch;
};

struct ImportReject {
  int64_t line = 0;
  std::string reason;
  std::string param;
  std::string message;
};

struct ImportSummary {
  int64_t lines = 0;  // non-blank lines read (the CSV header included)
  int64_t accepted = 0;
  int64_t duplicates = 0;
  int64_t rejected = 0;
  int64_t bytes_read = 0;
  std::vector<ImportReject> first_rejects;  // at most kImportRejectsShown
  bool stopped = false;                     // --strict hit a bad line
};

// Runs an import for `actor` (see above). An error Status for what stops the whole import
// (unreadable file, bad CSV header, storage failure); bad lines are in the summary.
Result<ImportSummary> RunImport(const Services& services, const Actor& actor,
                                const ImportOptions& options);

void RegisterImport(CLI::App& app, GlobalOptions& globals, Command& selected);

}  // namespace accrue::cli
