#!/usr/bin/env bash
# Installs the Debian 12 packages Parley needs to build and test, if any are
# missing, and the Node client kit's npm packages (clients/node, npm ci) when
# its node_modules is missing or package-lock.json changed. Idempotent; uses
# sudo when not run as root.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

PACKAGES=(
  g++ cmake ninja-build ccache pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libabsl-dev libspdlog-dev libicu-dev libssl-dev libxxhash-dev
  golang-github-gogo-googleapis-dev libmicrohttpd-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  openssl clang libclang-rt-14-dev python3 python3-yaml
  python3-h2 libjemalloc-dev libgraphviz-dev fonts-dejavu-core
  python3-grpcio python3-protobuf
  libpqxx-dev libpq-dev postgresql-15
  libxapian-dev libsqlite3-dev
)

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_install() {
  echo "setup: installing $*" >&2
  if ((apt_updated == 0)); then $SUDO apt-get update -qq; apt_updated=1; fi
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  apt_install "${missing[@]}"
fi

# The Node client kit (tests/clients/node_client_test.sh runs offline): npm ci
# when node_modules is missing or package-lock.json differs from the one it
# was installed from. Skipped where clients/ is not there (the Dockerfile
# copies only this script before running it).
node_dir="$repo/clients/node"
if [[ -f $node_dir/package-lock.json ]]; then
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  stamp="$node_dir/node_modules/.parley-package-lock.sha256"
  want=$(sha256sum <"$node_dir/package-lock.json" | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    echo "setup: npm ci in clients/node" >&2
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
fi
