#!/usr/bin/env bash
# Soak run of the ledger property simulation (storage/contract/ledger_property_test.cc) at the
# issue's size: 10,000 customers × 24 months of billing runs, voids, write-offs, cancellations
# and recognition runs, invariants checked after every month. The unit suite runs it small.
#
#   bench/ledger_soak.sh                            # 10000 customers, 24 months, 1 seed
#   CUSTOMERS=2000 MONTHS=36 SEEDS=3 bench/ledger_soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TEST="${ACCRUE_STORAGE_TEST:-build/release/src/accrue/accrue_storage_test}"
[ -x "$TEST" ] || { echo "build first: make build" >&2; exit 1; }
export ACCRUE_LEDGER_SIM_CUSTOMERS="${CUSTOMERS:-10000}"
export ACCRUE_LEDGER_SIM_MONTHS="${MONTHS:-24}"
export ACCRUE_LEDGER_SIM_SEEDS="${SEEDS:-1}"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" \
  "$TEST" --gtest_filter='LedgerPropertyTest.*' --gtest_brief=0
