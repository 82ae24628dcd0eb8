#!/usr/bin/env bash
# Whole-process benchmark of a billing run: N fixed-fee subscriptions (default 100,000) invoiced
# and finalized by `accrue bill`, in a fresh data directory per run (synchronous=FULL, as in
# production). Baseline in the same command: the sqlite3 CLI appending the same number of
# invoice and line rows in one transaction, i.e. the raw cost of the writes alone.
#
#   bench/billing_run.sh                 # N=100000, RUNS=3
#   N=20000 RUNS=5 bench/billing_run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-100000}"
RUNS="${RUNS:-3}"
BIN="${ACCRUE_BIN:-build/release/bin/accrue}"
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds_of() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$1"; }
rss_mib_of() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }

ours=(); base=(); rss=(); created=()
for run in $(seq "$RUNS"); do
  dir=$(mktemp -d)
  "$BIN" init --data "$dir" >/dev/null
  "$BIN" seed --data "$dir" --subscriptions "$N" --start-date 2026-01-01 >/dev/null
  # Anchors spread over Jan 1..28 in zones UTC-5..UTC+9: at this instant each owes one period.
  /usr/bin/time -v "$BIN" bill --data "$dir" --at 2026-01-29T00:00:00Z --json \
      >"$dir/run.json" 2>"$dir/time.txt"
  ours+=("$(seconds_of "$dir/time.txt")")
  rss+=("$(rss_mib_of "$dir/time.txt")")
  created+=("$(grep -o '"invoices_finalized":[0-9]*' "$dir/run.json" | cut -d: -f2)")
  /usr/bin/time -v sqlite3 "$dir/baseline.db" >/dev/null 2>"$dir/base_time.txt" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
CREATE TABLE invoices (tenant_id BLOB, id BLOB, number TEXT, status TEXT, currency TEXT,
  total_minor INTEGER, due_date TEXT, PRIMARY KEY (tenant_id, id)) WITHOUT ROWID;
CREATE TABLE invoice_lines (tenant_id BLOB, invoice_id BLOB, position INTEGER, description TEXT,
  amount_minor INTEGER, PRIMARY KEY (tenant_id, invoice_id, position)) WITHOUT ROWID;
BEGIN;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < $N)
INSERT INTO invoices SELECT x'00', printf('%016d', x), printf('INV-2026-%06d', x), 'open', 'EUR',
  4900, '2026-02-28' FROM n;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < $N)
INSERT INTO invoice_lines SELECT x'00', printf('%016d', x), 0, 'Seed plan (EUR)', 4900 FROM n;
COMMIT;
SQL
  base+=("$(seconds_of "$dir/base_time.txt")")
  rm -rf "$dir"
done

m_ours=$(printf '%s\n' "${ours[@]}" | median)
m_base=$(printf '%s\n' "${base[@]}" | median)
m_rss=$(printf '%s\n' "${rss[@]}" | median)
echo "subscriptions:            $N (runs: $RUNS)"
echo "invoices finalized:       ${created[*]}"
echo "accrue bill wall seconds: ${ours[*]}  (median $m_ours)"
echo "invoices per second:      $(awk -v n="$N" -v s="$m_ours" 'BEGIN {printf "%.0f", n/s}')"
echo "peak RSS MiB:             ${rss[*]}  (median $m_rss)"
echo "sqlite3 baseline seconds: ${base[*]}  (median $m_base)"
echo "ratio accrue/baseline:    $(awk -v a="$m_ours" -v b="$m_base" 'BEGIN {printf "%.2f", a/b}')"
