#!/usr/bin/env bash
# The order-independence property of usage ingest at 1,000,000 events (the test suite runs it at
# 50,000): the same events ingested in order in batches of 10,000, and shuffled with a third of
# them repeated in batches of random size, give identical aggregates for every subscription,
# meter, period and group.
#   bench/usage_property.sh [EVENTS=1000000]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TEST=${ACCRUE_STORAGE_TEST:-$ROOT/build/release/src/accrue/accrue_storage_test}
ACCRUE_USAGE_PROPERTY_EVENTS=${1:-1000000} "$TEST" \
  --gtest_filter='UsagePropertyTest.OrderBatchingAndRepetitionDoNotChangeAggregates'
