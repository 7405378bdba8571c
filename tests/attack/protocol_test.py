#!/usr/bin/python3
"""Protocol defects of issue 13 that only a raw HTTP/2 client can show, against
a real parley-server on the bundled corpus:

- a call whose deadline has already passed (grpc-timeout 1n) gets
  DEADLINE_EXCEEDED, not an answer (before: OK);
- a call the client resets before its request arrives is logged CANCELLED
  (before: INVALID_ARGUMENT, as if the request had been malformed);
- a request over --max_message_bytes, which gRPC refuses before any Parley
  code runs, is logged (before: no line at all).

Usage: protocol_test.py --server BIN --data DIR
"""
import argparse
import re
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import attacklib as al  # noqa: E402
import hpack  # noqa: E402


def statuses_of_stream_1(port, headers, message, timeout=10.0):
    """Sends one call on stream 1 frame by frame and returns every grpc-status
    the server sends for it. gRPC 1.51 may send a second HEADERS after a call
    whose deadline expired on arrival (its own timer and the handler's answer
    race), which a strict HTTP/2 state machine such as h2's rejects; frames are
    read raw here so that the first status is seen either way."""
    rc = al.RawConnection(port)
    block = al.static_header_block(headers)
    rc.send(al.frame(al.FRAME_HEADERS, al.FLAG_END_HEADERS, 1, block) +
            al.frame(al.FRAME_DATA, al.FLAG_END_STREAM, 1, al.grpc_message(message)))
    decoder = hpack.Decoder()
    buf = bytearray()
    statuses = []
    deadline = time.monotonic() + timeout
    rc.sock.settimeout(0.2)
    while time.monotonic() < deadline and not statuses:
        try:
            data = rc.sock.recv(1 << 16)
        except socket.timeout:
            continue
        if not data:
            break
        buf += data
        while len(buf) >= 9:
            length = int.from_bytes(buf[0:3], "big")
            if len(buf) < 9 + length:
                break
            ftype, sid = buf[3], int.from_bytes(buf[5:9], "big") & 0x7FFFFFFF
            payload = bytes(buf[9:9 + length])
            del buf[:9 + length]
            if ftype == al.FRAME_HEADERS:
                for name, value in decoder.decode(payload):
                    if name in (b"grpc-status", "grpc-status") and sid == 1:
                        statuses.append(int(value))
    rc.close()
    return statuses


def expired_deadline(server):
    headers = al.grpc_headers(al.GET_INDEX_INFO, extra=(("grpc-timeout", "1n"),))
    statuses = statuses_of_stream_1(server.port, headers, b"")
    if statuses[:1] != [4]:
        return "grpc-timeout 1n: got statuses %s, want DEADLINE_EXCEEDED (4)" % statuses
    # A deadline well in the future still gets its answer.
    headers = al.grpc_headers(al.GET_INDEX_INFO, extra=(("grpc-timeout", "10S"),))
    statuses = statuses_of_stream_1(server.port, headers, b"")
    if statuses[:1] != [0]:
        return "grpc-timeout 10S: got statuses %s, want OK" % statuses
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


def oversized_request(server):
    # gRPC refuses it before any Parley code runs; the guard logs it.
    text = "x" * (5 * al.MB)
    with al.GrpcChannel(server.port, timeout=20.0) as ch:
        call = ch.unary(al.LINK_MENTIONS, al.link_mentions_request(text), timeout=20.0)
        got = al.status_name(call.status)
        if got != "RESOURCE_EXHAUSTED":
            return "a 5 MiB request: got %s (%r), want RESOURCE_EXHAUSTED" % (got, call.message)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if "over --max_message_bytes" in Path(server.log_path).read_text(errors="replace"):
            return None
        time.sleep(0.1)
    return "no log line for the refused 5 MiB request"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--server", required=True)
    p.add_argument("--data", required=True)
    a = p.parse_args()
    server = al.Server(a.server, a.data).start()
    failures = []
    try:
        for check in (expired_deadline, reset_before_request, oversized_request):
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
