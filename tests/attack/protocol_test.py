#!/usr/bin/python3
"""Protocol defects of issue 13 that only a raw HTTP/2 client can show, against
a real parley-server on the bundled corpus:

- a call whose deadline has already passed (grpc-timeout 1n) gets
  DEADLINE_EXCEEDED, not an answer (before: OK);
- a call the client resets before its request arrives is logged CANCELLED
  (before: INVALID_ARGUMENT, as if the request had been malformed).

Usage: protocol_test.py --server BIN --data DIR
"""
import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import attacklib as al  # noqa: E402


def expired_deadline(server):
    with al.GrpcChannel(server.port) as ch:
        call = ch.start(al.GET_INDEX_INFO, al.grpc_message(b""),
                        extra=(("grpc-timeout", "1n"),))
        ch.finish([call], 10.0)
        got = al.status_name(call.status)
        if got != "DEADLINE_EXCEEDED":
            return "grpc-timeout 1n: got %s (%r), want DEADLINE_EXCEEDED" % (got, call.message)
        # A deadline well in the future still gets its answer.
        ok = ch.unary(al.GET_INDEX_INFO, b"", timeout=10.0)
        if ok.status != 0:
            return "grpc-timeout 10000m: got %s" % al.status_name(ok.status)
    return None


def reset_before_request(server):
    with al.GrpcChannel(server.port) as ch:
        sid = ch.conn.get_next_available_stream_id()
        ch.conn.send_headers(sid, al.grpc_headers(al.GET_ENTITY, timeout_s=10))
        ch.conn.reset_stream(sid)
        ch.flush()
        ch.pump(0.2)
    # The call's log line is written when gRPC is done with it.
    pattern = re.compile(r"rpc method=/parley\.v1\.LookupService/GetEntity status=(\S+)")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = pattern.findall(Path(server.log_path).read_text(errors="replace"))
        if found:
            if found != ["CANCELLED"]:
                return "a call reset before its request was logged %s, want CANCELLED" % found
            return None
        time.sleep(0.1)
    return "no log line for the reset call in 10 s"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--server", required=True)
    p.add_argument("--data", required=True)
    a = p.parse_args()
    server = al.Server(a.server, a.data).start()
    failures = []
    try:
        for check in (expired_deadline, reset_before_request):
            problem = check(server)
            print("%s: %s" % (check.__name__, problem or "ok"))
            if problem:
                failures.append(problem)
        if not server.alive():
            failures.append("the server exited")
    finally:
        server.stop()
    if failures:
        print("FAILED: " + "; ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
