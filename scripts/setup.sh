#!/usr/bin/env bash
# Installs the Debian 12 packages Parley needs to build and test, if any are
# missing. Idempotent; uses sudo when not run as root.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build ccache pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libabsl-dev libspdlog-dev libicu-dev libssl-dev
  golang-github-gogo-googleapis-dev libmicrohttpd-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  openssl clang libclang-rt-14-dev python3 python3-yaml
  python3-h2 libjemalloc-dev libgraphviz-dev fonts-dejavu-core
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
