#!/usr/bin/env bash
# The Node client kit (clients/node) against a real parley-server:
#
#   tests/clients/node_client_test.sh SERVER_BINARY CLI_BINARY DATA_DIR
#
# Asks "who took part in cyber events in 2011" with a small page size so that
# several pages are fetched, and asserts that the (person, event) rows equal
# those of `parley who --format json` for the same question, that every
# evidence quote sliced from the document text with
# text.slice(start_utf16, end_utf16) equals the quote (and is the CLI's
# evidence for that row), and that a bad date is INVALID_ARGUMENT with an
# ErrorInfo reason decoded from grpc-status-details-bin; and that the spans
# LinkMentions finds in a text with emoji equal the CLI's and slice (by
# UTF-16 units) to their surface. Exits 0 only if all
# holds. Offline: needs clients/node/node_modules from scripts/setup.sh
# (npm ci) and never runs npm itself.
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "usage: $0 SERVER_BINARY CLI_BINARY DATA_DIR" >&2
  exit 2
fi
server=$1 cli=$2 data=$3
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
node=${NODE:-node}
page_size=3
question=(--topic cyber --from 2011 --to 2011)
link_text='😀 🇮🇳 Home Minister P. Chidambaram met Janet Napolitano — “CERT-In” and US-CERT signed an MoU.'
source "$repo/tests/clients/lib.sh"

command -v "$node" >/dev/null || fail "no node on PATH (run scripts/setup.sh)"
for m in @grpc/grpc-js @grpc/proto-loader protobufjs; do
  [[ -d $repo/clients/node/node_modules/$m ]] ||
    fail "clients/node/node_modules lacks $m (run scripts/setup.sh, which runs npm ci)"
done

start_server "$server" "$cli" "$data"
address=127.0.0.1:$port
who=("$node" "$repo/clients/node/parley_who.js" --server "$address")

client=parley_who.js
check_kit
echo "PASS: Node client kit"
