#!/usr/bin/env bash
# Generates the Python message and gRPC stub modules of Parley's API into
# OUT_DIR: parley/v1/*_pb2.py (+ *_pb2_grpc.py for the services) and
# google/rpc/{status,error_details}_pb2.py, which Debian 12 does not ship for
# Python (no googleapis-common-protos). Nothing generated is committed.
#
#   clients/python/generate.sh OUT_DIR
#
# Needs protoc (protobuf-compiler), grpc_python_plugin (protobuf-compiler-grpc)
# and the google/rpc protos (golang-github-gogo-googleapis-dev). Override the
# locations with PROTOC, GRPC_PYTHON_PLUGIN, GOOGLEAPIS_PROTO_ROOT and
# PROTOBUF_INCLUDE. Put OUT_DIR on sys.path (or PYTHONPATH) to import them:
# "google" is a namespace package, so google.rpc and the installed
# google.protobuf live side by side.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
out=$1
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
protoc=${PROTOC:-protoc}
plugin=${GRPC_PYTHON_PLUGIN:-/usr/bin/grpc_python_plugin}
googleapis=${GOOGLEAPIS_PROTO_ROOT:-/usr/share/gocode/src/github.com/gogo/googleapis}
protobuf_include=${PROTOBUF_INCLUDE:-/usr/include}

for f in "$plugin" "$googleapis/google/rpc/status.proto" \
         "$googleapis/google/rpc/error_details.proto" \
         "$protobuf_include/google/protobuf/any.proto"; do
  if [[ ! -e $f ]]; then
    echo "generate.sh: missing $f (run scripts/setup.sh)" >&2
    exit 1
  fi
done

mkdir -p "$out"
cd "$repo/proto"
parley_protos=(parley/v1/*.proto)
"$protoc" -I . -I "$googleapis" -I "$protobuf_include" \
  --python_out="$out" \
  --grpc_python_out="$out" --plugin=protoc-gen-grpc_python="$plugin" \
  "${parley_protos[@]}"
"$protoc" -I "$googleapis" -I "$protobuf_include" --python_out="$out" \
  google/rpc/status.proto google/rpc/error_details.proto
# Message-only protos get an empty *_pb2_grpc.py; drop those.
for f in "$out"/parley/v1/*_pb2_grpc.py; do
  grep -q "class .*Stub" "$f" || rm -f "$f"
done
