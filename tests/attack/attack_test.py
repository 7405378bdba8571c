#!/usr/bin/python3
"""Attack suite of issue 13: hostile HTTP/2 clients against a real parley-server.

Each case starts the server binary on 127.0.0.1:0 with the given corpus,
waits for GetIndexInfo to answer OK, then attacks it over plaintext HTTP/2
(prior knowledge) with python3-h2 or hand-written frames, and asserts:
  1. the server process stays up;
  2. well-behaved unary calls made every 200 ms from another connection
     (GetIndexInfo and grpc.health.v1.Health/Check, 5 s deadline) succeed:
     at least 90% of them, and at least a few;
  3. the server's peak RSS (sampled every 50 ms) stays under --max_rss_mb;
  4. within --recover_seconds after the attacker leaves, RSS is back within
     --recover_mb of its value before the attack.
It prints one line of figures per case.

Cases:
  rapid_reset       HEADERS + DATA + RST_STREAM(CANCEL) in a loop on one
                    connection (CVE-2023-44487), >= 75,000 streams; a GOAWAY
                    or close from the server ends that connection (that is
                    the server defending itself) and the attack reconnects.
  unread_responses  40 LinkMentions calls for ~5 MB responses on 4
                    connections that advertise a 0-byte stream window and
                    never read, held open 10 s.
  compression_bomb  1 MiB of gzip inflating to 1 GiB (grpc-encoding: gzip),
                    5 calls one after another then 3 at once; each must be
                    refused (non-OK status, reset or close).
  memory_retention  8,000 well-formed LinkMentions calls of ~100 KB (the
                    corpus's articles repeated) on 4 connections, 16 in flight
                    on each, responses read.

usage: /usr/bin/python3 attack_test.py --server PATH/parley-server --data PATH/data
           --case NAME|all [--max_rss_mb 300] [--recover_mb 50] [--recover_seconds 10]
Exit status 0 when every case run passes, 1 otherwise.
"""
import argparse
import os
import struct
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import attacklib as al  # noqa: E402

CASES = {}


def case(fn):
    CASES[fn.__name__[len("case_"):]] = fn
    return fn


@case
def case_rapid_reset(ctx):
    a = ctx.args
    block = al.static_header_block(al.grpc_headers(al.LINK_MENTIONS))
    msg = al.grpc_message(al.link_mentions_request("Barack Obama met Hillary Clinton in India."))
    rst = struct.pack(">I", 0x8)  # CANCEL
    deadline = time.monotonic() + a.rapid_seconds
    streams = conns = 0
    ends = {}
    max_streams = None
    t0 = time.monotonic()
    while streams < a.rapid_streams and time.monotonic() < deadline:
        try:
            rc = al.RawConnection(ctx.port)
        except OSError as e:
            ends["connect-failed"] = ends.get("connect-failed", 0) + 1
            ctx.note("connect failed: %r" % e)
            time.sleep(0.2)
            continue
        conns += 1
        rc.read(0.05)
        sid = 1
        end = "volume"
        while streams < a.rapid_streams:
            if time.monotonic() > deadline:
                end = "time"
                break
            if rc.closed or rc.goaway is not None:
                break
            batch = min(a.rapid_batch, a.rapid_streams - streams)
            need = batch * len(msg)
            wait_until = time.monotonic() + 5.0
            while rc.send_window < need and not rc.closed and time.monotonic() < wait_until:
                rc.read(0.05)
            if rc.send_window < need:
                end = "window-stalled" if not rc.closed else end
                break
            out = bytearray()
            for _ in range(batch):
                out += al.frame(al.FRAME_HEADERS, al.FLAG_END_HEADERS, sid, block)
                out += al.frame(al.FRAME_DATA, al.FLAG_END_STREAM, sid, msg)
                out += al.frame(al.FRAME_RST, 0, sid, rst)
                sid += 2
            rc.send_window -= need
            if not rc.send(bytes(out)):
                break
            streams += batch
            rc.read(0.0)
        if end == "volume" and (rc.goaway is not None or rc.closed):
            end = ("goaway(%d)" % rc.goaway[1]) if rc.goaway else "closed"
        ends[end] = ends.get(end, 0) + 1
        if rc.max_streams is not None:
            max_streams = rc.max_streams
        rc.close()
    secs = time.monotonic() - t0
    return ("%d streams reset in %.1fs on %d connection(s) (server's MAX_CONCURRENT_STREAMS %s;"
            " connections ended by: %s)" % (streams, secs, conns, "not sent (unlimited)" if max_streams is None else max_streams,
               al.fmt_counts(ends)))


@case
def case_unread_responses(ctx):
    a = ctx.args
    text = al.names_text(a.unread_text_bytes)
    msg = al.grpc_message(al.link_mentions_request(text))
    chans = []
    calls = []
    for i in range(a.unread_connections):
        chans.append(al.GrpcChannel(ctx.port, initial_window=a.unread_window, auto_ack=False))
    for i in range(a.unread_streams):
        ch = chans[i % len(chans)]
        try:
            calls.append(ch.start(al.LINK_MENTIONS, msg, keep_data=False))
        except al.ProtocolFailure as e:
            ctx.note("stream %d not started: %s" % (i, e))
    # Send the requests (flow control permitting), then keep the connections
    # open without ever granting the server window to send the responses.
    t0 = time.monotonic()
    sent_by = None
    hold_until = None
    while True:
        now = time.monotonic()
        if sent_by is None and all(c.body_done or c.ended for c in calls):
            sent_by = now - t0
            hold_until = now + a.unread_hold
        if hold_until is not None and now >= hold_until:
            break
        if now - t0 > a.unread_hold + 30:
            ctx.note("requests not all sent after %.0fs" % (now - t0))
            break
        if all(ch.closed for ch in chans):
            break
        for ch in chans:
            try:
                ch.pump(0.02)
            except al.ProtocolFailure as e:
                ctx.note("connection failed: %s" % e)
                ch.closed = True
    outcomes = {}
    headers = 0
    for c in calls:
        o = c.outcome()
        if o == "pending" and c.headers:
            o = "waiting-for-window"
        outcomes[o] = outcomes.get(o, 0) + 1
        headers += bool(c.headers)
    closed = sum(ch.closed for ch in chans)
    goaways = sorted({ch.goaway for ch in chans if ch.goaway is not None})
    for ch in chans:
        ch.close()
    return ("%d LinkMentions calls of %d KB text on %d connection(s), window %d, held %.0fs"
            " (requests sent in %.1fs); outcomes: %s; closed by server: %d%s"
            % (len(calls), len(text) // 1024, len(chans), a.unread_window, a.unread_hold,
               sent_by or -1, al.fmt_counts(outcomes), closed,
               (" goaway %s" % goaways) if goaways else ""))


_BOMB = {}


def bomb_message(inflated):
    if inflated not in _BOMB:
        _BOMB[inflated] = al.grpc_message(al.gzip_bomb(inflated), compressed=True)
    return _BOMB[inflated]


@case
def case_compression_bomb(ctx):
    a = ctx.args
    msg = bomb_message(a.bomb_inflated_mb * al.MB)
    extra = [("grpc-encoding", "gzip"), ("grpc-accept-encoding", "identity,gzip")]
    deadline = time.monotonic() + a.bomb_seconds
    outcomes = {}
    results = []

    def record(call, ch, secs):
        if call is None:
            o = "not-sent"
        elif call.status is None and not call.ended:
            o = "no-answer"
        elif call.status is None and ch.closed:
            o = "conn-closed" + ("(goaway %d)" % ch.goaway if ch.goaway is not None else "")
        else:
            o = call.outcome()
        outcomes[o] = outcomes.get(o, 0) + 1
        results.append((o, secs, call.message if call else ""))
        if o == "OK":
            ctx.fail("a compression bomb was answered OK")
        elif o in ("no-answer", "not-sent"):
            ctx.fail("a compression bomb got %s" % o)

    def one_round(k):
        chans, calls = [], []
        t0 = time.monotonic()
        for _ in range(k):
            try:
                ch = al.GrpcChannel(ctx.port, timeout=10.0)
                chans.append(ch)
                calls.append(ch.start(al.LINK_MENTIONS, msg, timeout_s=a.bomb_call_timeout,
                                      extra=extra, keep_data=False))
            except (OSError, al.ProtocolFailure) as e:
                ctx.note("bomb not sent: %r" % e)
                calls.append(None)
        until = min(deadline, t0 + a.bomb_call_timeout + 2)
        while time.monotonic() < until and any(
                c is not None and not c.ended and not ch.closed for ch, c in zip(chans, calls)):
            for ch in chans:
                try:
                    ch.pump(0.02)
                except al.ProtocolFailure:
                    ch.closed = True
        for ch, c in zip(chans, calls):
            record(c, ch, time.monotonic() - t0)
            ch.close()

    rounds = [1] * a.bomb_sequential + [a.bomb_concurrent]
    done = 0
    for k in rounds:
        if time.monotonic() >= deadline:
            ctx.note("time bound reached after %d bombs" % done)
            break
        one_round(k)
        done += k
    slowest = max((r[1] for r in results), default=0)
    msgs = sorted({r[2] for r in results if r[2]})
    return ("%d bombs of %d KB gzip -> %d MiB (%d sequential, %d concurrent); outcomes: %s;"
            " slowest answer %.1fs%s" % (done, len(msg) // 1024, a.bomb_inflated_mb,
                                          a.bomb_sequential, a.bomb_concurrent,
                                          al.fmt_counts(outcomes), slowest,
                                          ("; message: %s" % " | ".join(msgs)[:200]) if msgs else ""))


@case
def case_memory_retention(ctx):
    a = ctx.args
    if a.retention_text == "names":
        text = al.names_text(a.retention_text_bytes)
    else:
        text = al.corpus_text(a.data, a.retention_text_bytes)
    msg = al.link_mentions_request(text)
    deadline = time.monotonic() + a.retention_seconds
    per_conn = [a.retention_calls // a.retention_connections] * a.retention_connections
    per_conn[0] += a.retention_calls - sum(per_conn)
    results = [None] * a.retention_connections

    def worker(i):
        try:
            with al.GrpcChannel(ctx.port, timeout=10.0) as ch:
                results[i] = al.run_many(ch, al.LINK_MENTIONS, lambda n: msg, per_conn[i],
                                         a.retention_concurrency, deadline, 30.0)
        except (OSError, al.ProtocolFailure) as e:
            results[i] = ({"conn-error": 1}, 0)
            ctx.note("load connection %d: %r" % (i, e))

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(a.retention_connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(a.retention_seconds + 60)
    secs = time.monotonic() - t0
    outcomes = al.merge_counts(*[r[0] for r in results if r])
    received = sum(r[1] for r in results if r)
    ok = outcomes.get("OK", 0)
    if ok < a.retention_calls * 0.9:
        ctx.fail("only %d of %d load calls OK" % (ok, a.retention_calls))
    return ("%d LinkMentions calls of %d KB in %.1fs on %d connection(s) x %d in flight;"
            " outcomes: %s; %d MB of responses read"
            % (sum(outcomes.values()), len(msg) // 1024, secs, a.retention_connections,
               a.retention_concurrency, al.fmt_counts(outcomes), received // al.MB))


class Context:
    def __init__(self, args, server):
        self.args = args
        self.server = server
        self.port = server.port
        self.failures = []
        self.notes = []

    def fail(self, why):
        if why not in self.failures:
            self.failures.append(why)

    def note(self, what):
        if len(self.notes) < 20:
            self.notes.append(what)


def mb(kb):
    return "%.0f MB" % (kb / 1024.0) if kb is not None else "gone"


def run_case(name, args):
    server = al.Server(args.server, args.data, args.server_arg).start()
    try:
        return measure_case(name, args, server)
    finally:
        server.stop()


def measure_case(name, args, server):
    ctx = Context(args, server)
    sampler = al.RssSampler(server)
    sampler.start()
    prober = al.Prober(server.port)
    prober.start()
    time.sleep(1.0)  # a few well-behaved calls before the attack
    start_kb = server.rss_kb()
    sampler.reset_peak()
    attack_start = time.monotonic()
    try:
        volume = CASES[name](ctx)
    except Exception as e:  # the attack itself broke: report, keep measuring
        volume = "attack raised %r" % e
        ctx.fail("attack raised %r" % e)
    left_at = time.monotonic()
    # Recovery: poll until RSS is within recover_mb of the start.
    recovered = None
    after_kb = server.rss_kb()
    while time.monotonic() - left_at <= args.recover_seconds:
        after_kb = server.rss_kb()
        if after_kb is None:
            break
        if after_kb <= start_kb + args.recover_mb * 1024:
            recovered = time.monotonic() - left_at
            break
        time.sleep(0.05)
    # A couple more well-behaved calls after the attack, and at least five
    # since it began: a fast machine is done with an attack in 0.2 s.
    enough_by = time.monotonic() + 10.0
    while prober.summary(attack_start)[1] < 5 and time.monotonic() < enough_by:
        time.sleep(0.1)
    time.sleep(0.5)
    prober.stop()
    sampler.stop()
    peak_kb = sampler.peak_kb
    ok, total, slowest, failures = prober.summary(attack_start)
    alive = server.alive()
    if not alive:
        ctx.fail("server died (exit %s)" % server.proc.returncode)
    if total < 5 or ok < 0.9 * total:
        ctx.fail("well-behaved calls: %d/%d OK (%s)" % (
            ok, total, al.fmt_counts(failures)))
    if peak_kb > args.max_rss_mb * 1024:
        ctx.fail("peak RSS %s > %d MB" % (mb(peak_kb), args.max_rss_mb))
    if recovered is None:
        ctx.fail("RSS not back within %d MB of %s in %.0fs (%s)" % (
            args.recover_mb, mb(start_kb), args.recover_seconds, mb(after_kb)))
    log_tail = server.log_tail() if not alive else ""
    verdict = "PASS" if not ctx.failures else "FAIL"
    print("%s %s: rss start %s, peak %s, after %s, recovered %s; good calls %d/%d"
          " (slowest %.1fs); volume: %s" % (
              name, verdict, mb(start_kb), mb(peak_kb), mb(after_kb),
              ("in %.1fs" % recovered) if recovered is not None else
              ("never (>%.0fs)" % args.recover_seconds), ok, total, slowest, volume),
          flush=True)
    for f in ctx.failures:
        print("  failure: " + f)
    for n in ctx.notes:
        print("  note: " + n)
    if log_tail:
        print("  server log tail:\n" + log_tail)
    return not ctx.failures


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--server", required=True, help="parley-server binary")
    p.add_argument("--data", required=True, help="corpus directory (the bundled data/)")
    p.add_argument("--case", action="append", required=True,
                   help="one of %s, or all (repeatable)" % ", ".join(CASES))
    p.add_argument("--server_arg", action="append", default=[],
                   help="extra flag passed to the server (repeatable)")
    p.add_argument("--max_rss_mb", type=int, default=300)
    p.add_argument("--recover_mb", type=int, default=50)
    p.add_argument("--recover_seconds", type=float, default=10.0)
    p.add_argument("--rapid_streams", type=int, default=75000)
    p.add_argument("--rapid_seconds", type=float, default=60.0)
    p.add_argument("--rapid_batch", type=int, default=250)
    p.add_argument("--unread_streams", type=int, default=40)
    p.add_argument("--unread_connections", type=int, default=4)
    p.add_argument("--unread_text_bytes", type=int, default=1 << 20)
    p.add_argument("--unread_window", type=int, default=0)
    p.add_argument("--unread_hold", type=float, default=10.0)
    p.add_argument("--bomb_inflated_mb", type=int, default=1024)
    p.add_argument("--bomb_sequential", type=int, default=5)
    p.add_argument("--bomb_concurrent", type=int, default=3)
    p.add_argument("--bomb_call_timeout", type=float, default=30.0)
    p.add_argument("--bomb_seconds", type=float, default=75.0)
    p.add_argument("--retention_calls", type=int, default=8000)
    p.add_argument("--retention_text_bytes", type=int, default=100_000)
    p.add_argument("--retention_text", choices=("corpus", "names"), default="corpus",
                   help="the corpus's articles repeated, or dense names (5x larger responses)")
    p.add_argument("--retention_connections", type=int, default=4)
    p.add_argument("--retention_concurrency", type=int, default=16)
    p.add_argument("--retention_seconds", type=float, default=75.0)
    args = p.parse_args()
    names = []
    for c in args.case:
        names.extend(CASES if c == "all" else [c])
    for n in names:
        if n not in CASES:
            p.error("unknown case %r (cases: %s)" % (n, ", ".join(CASES)))
    ok = True
    for n in names:
        ok = run_case(n, args) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
