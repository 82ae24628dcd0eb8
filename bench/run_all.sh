#!/usr/bin/env bash
# `make bench`: every benchmark, quick sizes. Long soak/load runs have their own scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
for b in build/release/bench/*_benchmark; do
  [ -x "$b" ] && "$b" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
done
bench/billing_run.sh
