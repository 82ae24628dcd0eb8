#!/usr/bin/env bash
# Whole-process usage-ingest benchmark (docs/benchmarks.md, "Usage ingest").
#
#   bench/ingest.sh [EVENTS=1000000] [CUSTOMERS=10000] [RUNS=3]
#   ACCRUE=build/release/bin/accrue bench/ingest.sh 10000000      # the full-size run
#
# 1. Seeds CUSTOMERS customers with one monthly subscription each and creates 5 meters (count,
#    sum, max, unique_count, weighted_sum), each grouped by 2 properties (region × tier).
# 2. Generates EVENTS events (NDJSON, and the same as CSV) with bench/ingest_gen.cc.
# 3. `accrue import` of the NDJSON into a fresh copy of the seeded database, RUNS times: events/s
#    and peak RSS (/usr/bin/time -v); the median is reported.
# 4. Baseline, same runs: the sqlite3 CLI importing the CSV into a plain table (no dedupe, no
#    aggregates, WAL, synchronous=FULL), and the ratio accrue time / sqlite3 time.
# 5. HTTP: `accrue serve` on a fresh copy, and bench/ingest_http_client.cc posting the events in
#    batches of 10,000 from 4 connections: events/s (median of RUNS).
set -euo pipefail

EVENTS=${1:-1000000}
CUSTOMERS=${2:-10000}
RUNS=${3:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ACCRUE=${ACCRUE:-$ROOT/build/release/bin/accrue}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/accrue-ingest-bench.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -x "$ACCRUE" ] || { echo "no accrue binary at $ACCRUE (build it, or set ACCRUE=)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "the sqlite3 CLI is needed for the baseline" >&2; exit 1; }

echo "# building the generator and the HTTP client"
g++ -O2 -std=c++20 -o "$WORK/gen" "$ROOT/bench/ingest_gen.cc"
# shellcheck disable=SC2046
g++ -O2 -std=c++20 -o "$WORK/client" "$ROOT/bench/ingest_http_client.cc" \
  $(pkg-config --cflags --libs cpp-httplib) -lpthread

start_server() {  # $1 = data dir; sets PORT and SERVER_PID
  : >"$WORK/serve.out"
  "$ACCRUE" serve --data "$1" --port 0 --log-level warn >"$WORK/serve.out" 2>"$WORK/serve.err" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's/.*serving on port \([0-9]*\).*/\1/p' "$WORK/serve.out" || true)
    [ -n "$PORT" ] && return 0
    sleep 0.1
  done
  echo "server did not start" >&2; cat "$WORK/serve.err" >&2; exit 1
}
stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

echo "# seeding $CUSTOMERS customers and 5 meters"
SEED="$WORK/seed"
KEY=$("$ACCRUE" --data "$SEED" --json init --name Bench | sed -n 's/.*"api_key":"\([^"]*\)".*/\1/p')
"$ACCRUE" --data "$SEED" seed --subscriptions "$CUSTOMERS" --start-date 2026-01-01 >/dev/null
start_server "$SEED"
for spec in "bench_calls count" "bench_bytes sum value" "bench_peak max value" \
            "bench_users unique_count user" "bench_storage weighted_sum value"; do
  set -- $spec
  prop=""; [ $# -ge 3 ] && prop=",\"property\":\"$3\""
  curl -sf -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/meters" \
    -d "{\"code\":\"$1\",\"name\":\"$1\",\"aggregation\":\"$2\"$prop,\"group_by\":[\"region\",\"tier\"]}" >/dev/null
done
stop_server
sqlite3 "$SEED/accrue.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
sqlite3 "$SEED/accrue.db" "SELECT lower(substr(hex(id),1,8)||'-'||substr(hex(id),9,4)||'-'||
  substr(hex(id),13,4)||'-'||substr(hex(id),17,4)||'-'||substr(hex(id),21)) FROM customers" \
  >"$WORK/customers.txt"

echo "# generating $EVENTS events"
"$WORK/gen" "$WORK/customers.txt" "$EVENTS" ndjson 1 >"$WORK/events.ndjson"
"$WORK/gen" "$WORK/customers.txt" "$EVENTS" csv 1 >"$WORK/events.csv"
echo "  $(du -h "$WORK/events.ndjson" | cut -f1) NDJSON, $(du -h "$WORK/events.csv" | cut -f1) CSV"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds_of() {  # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:12.34" -> 12.34
  grep 'Elapsed (wall clock)' "$1" | awk '{print $NF}' | awk -F: '{s=0; for(i=1;i<=NF;i++) s=s*60+$i; print s}'
}

: >"$WORK/import.s"; : >"$WORK/import.rss"; : >"$WORK/sqlite.s"; : >"$WORK/http.eps"
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/a"; cp -r "$SEED" "$WORK/a"
  /usr/bin/time -v "$ACCRUE" --data "$WORK/a" import "$WORK/events.ndjson" >"$WORK/import.out" 2>"$WORK/import.time"
  cat "$WORK/import.out"
  seconds_of "$WORK/import.time" >>"$WORK/import.s"
  sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/import.time" >>"$WORK/import.rss"

  rm -f "$WORK/base.db"*
  /usr/bin/time -v sqlite3 "$WORK/base.db" \
    "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=FULL;" \
    "CREATE TABLE events(id TEXT, customer TEXT, meter TEXT, timestamp TEXT, region TEXT, tier TEXT, value TEXT, user TEXT);" \
    ".mode csv" ".import --skip 1 $WORK/events.csv events" >/dev/null 2>"$WORK/sqlite.time"
  seconds_of "$WORK/sqlite.time" >>"$WORK/sqlite.s"

  rm -rf "$WORK/b"; cp -r "$SEED" "$WORK/b"
  start_server "$WORK/b"
  "$WORK/client" "$PORT" "$KEY" "$WORK/events.ndjson" 10000 4 | tee "$WORK/http.out"
  sed -n 's/.*events_per_s=\([0-9]*\).*/\1/p' "$WORK/http.out" >>"$WORK/http.eps"
  stop_server
done

IMPORT_S=$(median <"$WORK/import.s")
SQLITE_S=$(median <"$WORK/sqlite.s")
RSS_KB=$(median <"$WORK/import.rss")
HTTP_EPS=$(median <"$WORK/http.eps")
awk -v e="$EVENTS" -v c="$CUSTOMERS" -v r="$RUNS" -v is="$IMPORT_S" -v ss="$SQLITE_S" \
    -v rss="$RSS_KB" -v h="$HTTP_EPS" 'BEGIN {
  printf "\nusage ingest: %d events, %d customers, 5 meters x 2 group-by dims, median of %d run(s)\n", e, c, r
  printf "  accrue import   %8.2f s  %10.0f events/s  peak RSS %.0f MiB\n", is, e / is, rss / 1024
  printf "  sqlite3 .import %8.2f s  %10.0f events/s  (plain table, no dedupe, no aggregates)\n", ss, e / ss
  printf "  ratio accrue/sqlite3 time  %.2f\n", is / ss
  printf "  HTTP ingest (10k-event batches, 4 connections) %10.0f events/s\n", h
}'
