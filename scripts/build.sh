#!/usr/bin/env bash
# Configures (once) and builds Parley in build/ with Ninja and ccache.
# BUILD_DIR and CMAKE_ARGS may be set to build a variant elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
# ccache caches files compiled with a precompiled header only if told that
# the header's timestamps and __DATE__/__TIME__ may be ignored.
export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja ${CMAKE_ARGS:-} >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$(nproc)"
