#!/usr/bin/env bash
# The Python client kit (clients/python) against a real parley-server:
#
#   tests/clients/python_client_test.sh SERVER_BINARY CLI_BINARY DATA_DIR
#
# Generates the stubs (clients/python/generate.sh), asks "who took part in
# cyber events in 2011" with a small page size so that several pages are
# fetched, and asserts that the (person, event) rows equal those of
# `parley who --format json` for the same question, that every evidence quote
# sliced from the document text by code points equals the quote (and is the
# CLI's evidence for that row), and that a bad date is INVALID_ARGUMENT with
# an ErrorInfo reason decoded from grpc-status-details-bin; and that the
# spans LinkMentions finds in a text with emoji equal the CLI's and slice
# (by code points) to their surface. Exits 0 only if
# all holds. Uses Debian's /usr/bin/python3 (python3-grpcio,
# python3-protobuf); PYTHON overrides it.
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "usage: $0 SERVER_BINARY CLI_BINARY DATA_DIR" >&2
  exit 2
fi
server=$1 cli=$2 data=$3
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}
page_size=3
question=(--topic cyber --from 2011 --to 2011)
link_text='😀 🇮🇳 Home Minister P. Chidambaram met Janet Napolitano — “CERT-In” and US-CERT signed an MoU.'
source "$repo/tests/clients/lib.sh"

"$python" -c 'import grpc, google.protobuf' 2>/dev/null ||
  fail "$python cannot import grpc and google.protobuf (run scripts/setup.sh: python3-grpcio python3-protobuf)"
"$repo/clients/python/generate.sh" "$tmp/stubs" || fail "clients/python/generate.sh failed"

start_server "$server" "$cli" "$data"
address=127.0.0.1:$port
who=("$python" "$repo/clients/python/parley_who.py" --server "$address" --stubs "$tmp/stubs")

client=parley_who.py
check_kit
echo "PASS: Python client kit"
