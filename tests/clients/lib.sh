# Shared by the client kit tests (sourced): starts a real parley-server on
# an ephemeral port and stops it on exit.
#
#   source lib.sh; start_server SERVER_BINARY CLI_BINARY DATA_DIR  -> sets $port, $tmp
#
# Everything is bounded: the server gets 60 s to write its port file and
# report SERVING (`parley health`: the port opens before the index is
# loaded), each
# client or CLI run is wrapped in `timeout`, and the server is sent SIGTERM
# (SIGKILL after 10 s) by the EXIT trap, which also removes $tmp.

tmp=$(mktemp -d "${TMPDIR:-/tmp}/parley-client-test.XXXXXX")
server_pid=""

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

stop_server() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

cleanup() {
  local rc=$?
  stop_server
  if ((rc != 0)) && [[ -f $tmp/server.log ]]; then
    echo "--- server log (last 20 lines) ---" >&2
    tail -n 20 "$tmp/server.log" >&2
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

start_server() {
  local server=$1 cli=$2 data=$3
  [[ -x $server ]] || fail "no server binary at $server"
  [[ -x $cli ]] || fail "no CLI binary at $cli"
  [[ -d $data ]] || fail "no data directory at $data"
  "$server" --data="$data" --listen=127.0.0.1:0 --admin_listen=127.0.0.1:0 \
    --port_file="$tmp/port" >"$tmp/server.log" 2>&1 &
  server_pid=$!
  local deadline=$((SECONDS + 60))
  port=""
  while ((SECONDS < deadline)); do
    kill -0 "$server_pid" 2>/dev/null || fail "the server exited before it was SERVING"
    if [[ -z $port && -s $tmp/port ]]; then
      port=$(tr -d '[:space:]' <"$tmp/port")
      [[ $port =~ ^[0-9]+$ ]] || port=""
    fi
    if [[ -n $port ]] &&
       timeout 10 "$cli" --server="127.0.0.1:$port" --deadline=2s health >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  if [[ -z $port ]]; then fail "the server wrote no port file within 60 s"; fi
  fail "the server on port $port was not SERVING within 60 s"
}

# check_client_output rows CLIENT_JSON CLI_JSON PAGE_SIZE
# check_client_output error CLIENT_JSON CLIENT_EXIT_STATUS
# check_client_output link CLIENT_JSON CLI_JSON
# Checks a client kit's --json output (clients/*/parley_who.*) against the
# CLI's JSON for the same question (standard-library Python); prints why and
# returns 1 when something does not hold.
check_client_output() {
  /usr/bin/python3 - "$@" <<'PY'
import collections
import json
import sys

problems = []


def check(ok, message):
    if not ok:
        problems.append(message)
    return ok


def load(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"FAIL: {what} output is not JSON: {e}")
        sys.exit(1)


def evidence_quotes(evidence):
    return sorted((e.get("document_id", ""), e.get("quote", ""))
                  for e in evidence if e.get("document_id"))


def check_rows(client_path, cli_path, page_size):
    client = load(client_path, "client")
    cli = load(cli_path, "CLI")
    if not check("error" not in client, f"client failed: {client.get('error')}"):
        return
    cli_rows = cli.get("participations", [])
    cli_pairs = collections.Counter((p["person"]["id"], p["event_id"]) for p in cli_rows)
    rows = client["rows"]
    pairs = collections.Counter((r.get("person_id"), r.get("event_id")) for r in rows)
    n = len(rows)
    check(len(cli_pairs) > 0, "the CLI returned no participations: nothing to compare")
    check(pairs == cli_pairs,
          f"(person, event) rows differ: only the client {sorted((pairs - cli_pairs).elements())}, "
          f"only the CLI {sorted((cli_pairs - pairs).elements())}")
    check(n > page_size, f"{n} rows fit in one page of {page_size}: paging not exercised")
    check(client["pages"] >= -(-n // page_size),
          f"{client['pages']} page(s) for {n} rows of at most {page_size}")
    check(client["total_size"] == n, f"total_size {client['total_size']} but {n} rows")

    quotes = [q for r in rows for q in r["quotes"]]
    check(len(quotes) > 0, "no evidence quote was sliced from a document")
    bad = [q for q in quotes if not (q["matches"] and q["sliced"] == q["quote"])]
    check(not bad and client["quote_mismatches"] == 0,
          f"{len(bad)} quote(s) differ from the text at their offsets, e.g. "
          + "; ".join(f"{q['document_id']}: {q['quote']!r} vs sliced {q['sliced']!r}"
                      for q in bad[:3]))
    # The quotes the client sliced are the evidence the CLI shows for the row.
    cli_quotes = {(p["person"]["id"], p["event_id"]): evidence_quotes(p.get("evidence", []))
                  for p in cli_rows}
    for r in rows:
        key = (r["person_id"], r["event_id"])
        if key not in cli_quotes:
            continue
        mine = sorted((q["document_id"], q["sliced"]) for q in r["quotes"])
        if not check(mine == cli_quotes[key],
                     f"row {key}: sliced quotes {mine} but the CLI's evidence {cli_quotes[key]}"):
            break
    if not problems:
        print(f"ok: {n} rows in {client['pages']} pages equal the CLI's; "
              f"{len(quotes)} quotes sliced from offsets equal the evidence quotes")


def check_error(client_path, exit_status):
    client = load(client_path, "client")
    check(exit_status != 0, "the client exited 0 on a bad request")
    error = client.get("error")
    if not check(error is not None, f"no error reported: {str(client)[:200]}"):
        return
    check(error.get("code") == "INVALID_ARGUMENT", f"code {error.get('code')}, not INVALID_ARGUMENT")
    check(bool(error.get("reason")), f"no ErrorInfo reason decoded: {error}")
    check(error.get("domain") == "parley.v1", f"ErrorInfo domain {error.get('domain')!r}")
    violations = error.get("field_violations", [])
    check(len(violations) == 1, f"not one google.rpc.BadRequest field violation: {violations}")
    for v in violations:
        check(v.get("field") == "filter.to_date", f"a field violation not naming filter.to_date: {v}")
    if not problems:
        print(f"ok: bad request -> {error['code']} reason {error['reason']} "
              f"({len(error.get('field_violations', []))} field violation(s)): {error['message']}")


def check_link(client_path, cli_path):
    client = load(client_path, "client")
    cli = load(cli_path, "CLI")
    if not check("error" not in client, f"client failed: {client.get('error')}"):
        return
    spans = client["spans"]

    def key(s, entity_id):
        return (s.get("start_offset", 0), s.get("surface", ""), bool(s.get("linked")), entity_id)

    mine = sorted(key(s, s["entity_id"]) for s in spans)
    theirs = sorted(key(s, (s.get("candidates") or [{}])[0].get("entity", {}).get("id", ""))
                    for s in cli.get("spans", []))
    check(mine == theirs, f"LinkMentions spans differ: client {mine}, CLI {theirs}")
    check(any(s["linked"] for s in spans), "no span linked: nothing to slice")
    bad = [s for s in spans if not (s["matches"] and s["sliced"] == s["surface"])]
    check(not bad, "spans sliced from offsets differ from their surface: "
          + "; ".join(f"{s['surface']!r} vs {s['sliced']!r}" for s in bad[:3]))
    # The text has characters outside the BMP before the names, so slicing
    # in the wrong unit would fail.
    check(any(len({s["start_offset"], s["start_code_point"], s["start_utf16"]}) == 3
              for s in spans if s["linked"]),
          "no linked span whose bytes, code points and UTF-16 offsets all differ")
    if not problems:
        print(f"ok: {len(spans)} LinkMentions spans equal the CLI's, each sliced to its surface")


def main(argv):
    if len(argv) == 5 and argv[1] == "rows":
        check_rows(argv[2], argv[3], int(argv[4]))
    elif len(argv) == 4 and argv[1] == "link":
        check_link(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "error":
        check_error(argv[2], int(argv[3]))
    else:
        print("usage: check_client_output rows|error ...", file=sys.stderr)
        return 2
    for p in problems:
        print(f"FAIL: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
PY
}

# The checks both kits run, with who=(the client's command line), client
# (its name for messages), address, question, page_size, tmp, cli and
# link_text set by the caller.
check_kit() {
  status=0
  timeout 120 "${who[@]}" "${question[@]}" --page-size "$page_size" --json >"$tmp/client.json" ||
    status=$?
  if ((status != 0 && status != 3)); then  # 3: quote mismatches, reported below
    cat "$tmp/client.json" >&2
    fail "$client exited $status"
  fi
  timeout 60 "$cli" --server="$address" who "${question[@]}" --format json >"$tmp/cli.json" ||
    fail "the CLI exited $?"
  check_client_output rows "$tmp/client.json" "$tmp/cli.json" "$page_size" || fail "rows differ"

  status=0
  timeout 60 "${who[@]}" --topic cyber --from 2011 --to 2011-13-40 --json >"$tmp/error.json" ||
    status=$?
  check_client_output error "$tmp/error.json" "$status" || fail "bad request not reported right"

  # Offsets in three units: a text with emoji before the names, linked by the
  # client (sliced in its unit) and by the CLI.
  printf '%s' "$link_text" >"$tmp/link.txt"
  status=0
  timeout 60 "${who[@]}" --link-text "$link_text" --json >"$tmp/link.json" || status=$?
  if ((status != 0 && status != 3)); then  # 3: mismatches, reported below
    cat "$tmp/link.json" >&2
    fail "--link-text exited $status"
  fi
  timeout 60 "$cli" --server="$address" link "$tmp/link.txt" --format json >"$tmp/cli-link.json" ||
    fail "the CLI's link exited $?"
  check_client_output link "$tmp/link.json" "$tmp/cli-link.json" || fail "LinkMentions spans differ"

  # The human-readable output runs too (default page size).
  timeout 60 "${who[@]}" "${question[@]}" >"$tmp/client.txt" || fail "text mode exited $?"
  grep -q "quote mismatch" "$tmp/client.txt" || fail "text mode printed no summary"
}
