#!/usr/bin/env bash
# Installs everything Accrue needs to build, test and benchmark, from Debian bookworm packages only.
# Idempotent and quiet when everything is already present; run as root (or with sudo available).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates curl tzdata
  clang clang-format libclang-rt-14-dev
  libabsl-dev libsqlite3-dev sqlite3 libsimdjson-dev libcli11-dev libspdlog-dev libfmt-dev
  libtomlplusplus-dev libcpp-httplib-dev libssl-dev libicu-dev libxml2-dev libxml2-utils
  libgtest-dev libgmock-dev libbenchmark-dev
  libcairo2-dev libpango1.0-dev libqrencode-dev fonts-noto-core fonts-noto-cjk poppler-utils
  zbar-tools
  time procps
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
