#!/usr/bin/env bash
# `make demo`: a fresh demo data directory, seeded and billed, then the server in the foreground.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA_DIR="${ACCRUE_DEMO_DATA:-demo-data}"
PORT="${PORT:-8080}"
rm -rf "$DATA_DIR"
exec build/release/bin/accrue demo --data "$DATA_DIR" --port "$PORT"
