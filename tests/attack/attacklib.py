"""Shared pieces of the attack suite (issue 13): the server launcher, gRPC
framing and tiny hand-encoded protobufs, an h2 client for well-behaved and
slow-reader calls, a raw-frame writer for floods, the RSS sampler and the
prober that makes well-behaved calls from its own connection.

Only the standard library and Debian's python3-h2 (with hpack); run with
/usr/bin/python3.
"""
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

import h2.config
import h2.connection
import h2.events
import h2.exceptions
import h2.settings
import hpack

MB = 1024 * 1024
LOOKUP = "/parley.v1.LookupService/"
GET_INDEX_INFO = LOOKUP + "GetIndexInfo"
GET_ENTITY = LOOKUP + "GetEntity"
LINK_MENTIONS = LOOKUP + "LinkMentions"
HEALTH_CHECK = "/grpc.health.v1.Health/Check"

STATUS_NAMES = {
    0: "OK", 1: "CANCELLED", 2: "UNKNOWN", 3: "INVALID_ARGUMENT",
    4: "DEADLINE_EXCEEDED", 5: "NOT_FOUND", 6: "ALREADY_EXISTS",
    7: "PERMISSION_DENIED", 8: "RESOURCE_EXHAUSTED", 9: "FAILED_PRECONDITION",
    10: "ABORTED", 11: "OUT_OF_RANGE", 12: "UNIMPLEMENTED", 13: "INTERNAL",
    14: "UNAVAILABLE", 15: "DATA_LOSS", 16: "UNAUTHENTICATED",
}


# --- protobuf and gRPC framing ------------------------------------------------

def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def pb_bytes(field, value):
    """A length-delimited protobuf field (string, bytes, message)."""
    return varint((field << 3) | 2) + varint(len(value)) + value


def link_mentions_request(text):
    return pb_bytes(1, text.encode("utf-8"))


def get_entity_request(entity_id):
    return pb_bytes(1, entity_id.encode("utf-8"))


def grpc_message(payload, compressed=False):
    """gRPC length-prefixed message: flag byte, 4-byte big-endian length."""
    return struct.pack(">BI", 1 if compressed else 0, len(payload)) + payload


def grpc_headers(path, authority="127.0.0.1", timeout_s=None, extra=()):
    headers = [
        (":method", "POST"), (":scheme", "http"), (":path", path),
        (":authority", authority), ("content-type", "application/grpc"),
        ("te", "trailers"),
    ]
    if timeout_s is not None:
        headers.append(("grpc-timeout", "%dm" % int(timeout_s * 1000)))
    headers.extend(extra)
    return headers


def status_name(code):
    if code is None:
        return "none"
    return STATUS_NAMES.get(code, str(code))


def gzip_bomb(inflated_bytes, chunk=MB):
    """gzip of a LinkMentionsRequest-shaped message (field 1 tag and length,
    then zeros) inflating to inflated_bytes, built by streaming so that the
    inflated form never exists here."""
    body_len = inflated_bytes - 1 - len(varint(inflated_bytes))
    head = b"\x0a" + varint(body_len)
    body_len = inflated_bytes - len(head)
    z = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: gzip container
    parts = [z.compress(head)]
    zeros = bytes(chunk)
    left = body_len
    while left > 0:
        n = min(chunk, left)
        parts.append(z.compress(zeros if n == chunk else bytes(n)))
        left -= n
    parts.append(z.flush())
    return b"".join(parts)


def corpus_text(data_dir, size):
    """Text of about size bytes made of the corpus's own articles, repeated,
    cut at a line or space boundary (whole UTF-8 characters)."""
    articles = sorted(Path(data_dir, "articles").glob("*.txt"))
    chunks = [p.read_text(encoding="utf-8") for p in articles]
    if not chunks:
        raise RuntimeError("no articles under %s" % data_dir)
    text = "\n\n".join(chunks) + "\n\n"
    out = []
    n = 0
    while n < size:
        out.append(text)
        n += len(text.encode("utf-8"))
    blob = "".join(out).encode("utf-8")[:size]
    cut = blob.rfind(b" ")
    return blob[:cut if cut > size // 2 else size].decode("utf-8", "ignore")


def names_text(size):
    """Sentences naming corpus entities, repeated to at most size bytes: the
    densest LinkMentions input (most spans and candidates per byte)."""
    s = ("Janet Napolitano met Barack Obama and Hillary Clinton in India. "
         "P. Chidambaram and Kapil Sibal spoke to Narendra Modi in China. ")
    return s * (size // len(s))


# --- the server ---------------------------------------------------------------

class Server:
    """parley-server as a child process on 127.0.0.1:0 with the given corpus."""

    def __init__(self, binary, data, extra_args=()):
        self.dir = tempfile.mkdtemp(prefix="parley-attack-")
        self.port_file = os.path.join(self.dir, "port")
        self.log_path = os.path.join(self.dir, "server.log")
        self.args = [binary, "--listen=127.0.0.1:0", "--admin_listen=127.0.0.1:0",
                     "--port_file=" + self.port_file, "--data=" + data, *extra_args]
        self.proc = None
        self.port = None

    def start(self, timeout=60.0):
        try:
            return self._start(timeout)
        except BaseException:
            print(self.log_tail(), file=sys.stderr)
            self.stop()
            raise

    def _start(self, timeout):
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL,
                                     stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while self.port is None:
            if not self.alive():
                raise RuntimeError("server exited with %s before listening:\n%s"
                                   % (self.proc.returncode, self.log_tail()))
            try:
                self.port = int(Path(self.port_file).read_text().strip())
            except (OSError, ValueError):
                if time.monotonic() > deadline:
                    raise RuntimeError("no port file after %.0fs" % timeout)
                time.sleep(0.05)
        # Listening is not serving: wait for GetIndexInfo to answer OK.
        last = None
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError("server exited with %s:\n%s"
                                   % (self.proc.returncode, self.log_tail()))
            try:
                with GrpcChannel(self.port, timeout=2.0) as ch:
                    call = ch.unary(GET_INDEX_INFO, b"", timeout=2.0)
                    if call.status == 0:
                        return self
                    last = status_name(call.status)
            except (OSError, ProtocolFailure) as e:
                last = repr(e)
            time.sleep(0.1)
        raise RuntimeError("server never served GetIndexInfo OK (last: %s)" % last)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def rss_kb(self):
        """VmRSS of the server in kB, or None once it is gone."""
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return None

    def log_tail(self, lines=20):
        try:
            return "\n".join(Path(self.log_path).read_text(errors="replace")
                             .splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


# --- an h2 client ---------------------------------------------------------------

class ProtocolFailure(Exception):
    """The connection ended (GOAWAY, close, reset) or an h2 error."""


class Call:
    def __init__(self, sid, body, keep_data):
        self.sid = sid
        self.body = body
        self.offset = 0
        self.body_done = False
        self.keep_data = keep_data
        self.headers = {}
        self.trailers = {}
        self.data = bytearray()
        self.received = 0
        self.ended = False
        self.reset = None          # RST_STREAM error code from the server
        self.started = time.monotonic()

    @property
    def status(self):
        v = self.trailers.get("grpc-status", self.headers.get("grpc-status"))
        try:
            return int(v) if v is not None else None
        except ValueError:
            return None

    @property
    def message(self):
        return self.trailers.get("grpc-message", self.headers.get("grpc-message", ""))

    def outcome(self):
        """'OK', a status name, 'RST(n)' or 'pending'."""
        if self.status is not None:
            return status_name(self.status)
        if self.reset is not None:
            return "RST(%d)" % self.reset
        return "pending" if not self.ended else "no-status"


class GrpcChannel:
    """One plaintext HTTP/2 connection (prior knowledge) driven by h2.

    initial_window: our SETTINGS_INITIAL_WINDOW_SIZE (None: h2's 65535 and a
    16 MiB connection window); auto_ack: whether received DATA is given back
    to the server's flow-control window (a slow reader never does)."""

    def __init__(self, port, host="127.0.0.1", timeout=5.0, initial_window=None,
                 auto_ack=True):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        cfg = h2.config.H2Configuration(client_side=True, header_encoding="utf-8",
                                        validate_inbound_headers=False)
        self.conn = h2.connection.H2Connection(cfg)
        values = {h2.settings.SettingCodes.ENABLE_PUSH: 0}
        if initial_window is not None:
            values[h2.settings.SettingCodes.INITIAL_WINDOW_SIZE] = initial_window
        else:
            values[h2.settings.SettingCodes.INITIAL_WINDOW_SIZE] = 4 * MB
            values[h2.settings.SettingCodes.MAX_FRAME_SIZE] = MB  # fewer frames to parse
        self.conn.local_settings = h2.settings.Settings(client=True, initial_values=values)
        self.conn.max_inbound_frame_size = self.conn.local_settings.max_frame_size
        self.conn.initiate_connection()
        if initial_window is None:
            self.conn.increment_flow_control_window(16 * MB)
        self.auto_ack = auto_ack
        self.calls = {}
        self.closed = False
        self.goaway = None          # error code of a GOAWAY received
        self.remote_settings = {}
        self.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
        self.closed = True

    def flush(self):
        data = self.conn.data_to_send()
        if data:
            try:
                self.sock.sendall(data)
            except OSError as e:
                self.closed = True
                raise ProtocolFailure("send: %r" % e)

    def start(self, path, message, timeout_s=None, extra=(), keep_data=True):
        if self.closed:
            raise ProtocolFailure("connection closed (goaway %s)" % self.goaway)
        try:
            sid = self.conn.get_next_available_stream_id()
            self.conn.send_headers(sid, grpc_headers(path, timeout_s=timeout_s, extra=extra))
        except h2.exceptions.H2Error as e:
            raise ProtocolFailure("h2: %r" % e)
        call = Call(sid, memoryview(message), keep_data)
        self.calls[sid] = call
        self._send_body(call)
        self.flush()
        return call

    def _send_body(self, call):
        """Sends as much of the request as flow control allows."""
        if call.body_done:
            return
        try:
            while True:
                left = len(call.body) - call.offset
                n = min(self.conn.local_flow_control_window(call.sid),
                        self.conn.max_outbound_frame_size, left)
                if n <= 0 and left > 0:
                    return
                last = n == left
                self.conn.send_data(call.sid, bytes(call.body[call.offset:call.offset + n]),
                                    end_stream=last)
                call.offset += n
                if last:
                    call.body_done = True
                    return
        except (h2.exceptions.StreamClosedError, h2.exceptions.FlowControlError):
            call.body_done = True
        except h2.exceptions.H2Error as e:
            raise ProtocolFailure("h2: %r" % e)

    def pump(self, timeout):
        """Sends what flow control allows, waits up to timeout for input and
        handles it. Returns False once the connection is gone."""
        if self.closed:
            return False
        for call in list(self.calls.values()):
            if not call.ended and not call.body_done:
                self._send_body(call)
        self.flush()
        r, _, _ = select.select([self.sock], [], [], max(0.0, timeout))
        if not r:
            return True
        try:
            data = self.sock.recv(1 << 20)
        except (BlockingIOError, socket.timeout):
            return True
        except OSError:
            data = b""
        if not data:
            self.closed = True
            for c in self.calls.values():
                c.ended = True
            return False
        try:
            events = self.conn.receive_data(data)
        except h2.exceptions.H2Error as e:
            self.closed = True
            raise ProtocolFailure("h2: %r" % e)
        for ev in events:
            self._handle(ev)
        self.flush()
        return not self.closed

    def _handle(self, ev):
        call = self.calls.get(getattr(ev, "stream_id", None) or -1)
        if isinstance(ev, h2.events.ResponseReceived) and call:
            call.headers = dict(ev.headers)
        elif isinstance(ev, h2.events.DataReceived):
            if call:
                call.received += len(ev.data)
                if call.keep_data:
                    call.data += ev.data
            if self.auto_ack:
                self.conn.acknowledge_received_data(ev.flow_controlled_length, ev.stream_id)
        elif isinstance(ev, h2.events.TrailersReceived) and call:
            call.trailers = dict(ev.headers)
        elif isinstance(ev, h2.events.StreamEnded) and call:
            call.ended = True
        elif isinstance(ev, h2.events.StreamReset) and call:
            call.reset = ev.error_code
            call.ended = True
        elif isinstance(ev, h2.events.RemoteSettingsChanged):
            for k, v in ev.changed_settings.items():
                self.remote_settings[k] = v.new_value
        elif isinstance(ev, h2.events.ConnectionTerminated):
            self.goaway = ev.error_code
            self.closed = True
            for c in self.calls.values():
                if c.sid > (ev.last_stream_id or 0):
                    c.ended = True

    def finish(self, calls, timeout):
        """Pumps until every call ended, the connection closed or timeout."""
        deadline = time.monotonic() + timeout
        while any(not c.ended for c in calls):
            left = deadline - time.monotonic()
            if left <= 0 or not self.pump(min(left, 0.2)):
                break
        for c in calls:
            if c.ended:
                self.calls.pop(c.sid, None)
        return calls

    def unary(self, path, message, timeout=5.0, extra=(), keep_data=True):
        call = self.start(path, grpc_message(message), timeout_s=timeout, extra=extra,
                          keep_data=keep_data)
        self.finish([call], timeout + 1.0)
        return call

    def forget(self, call):
        self.calls.pop(call.sid, None)


# --- raw frames, for floods ----------------------------------------------------

FRAME_DATA, FRAME_HEADERS, FRAME_RST, FRAME_SETTINGS = 0x0, 0x1, 0x3, 0x4
FRAME_PING, FRAME_GOAWAY, FRAME_WINDOW_UPDATE = 0x6, 0x7, 0x8
FLAG_END_STREAM, FLAG_END_HEADERS, FLAG_ACK = 0x1, 0x4, 0x1
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


def frame(ftype, flags, sid, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes((ftype, flags)) + \
        struct.pack(">I", sid) + payload


class RawConnection:
    """A client connection written frame by frame (no stream state kept), for
    sending far more streams than an h2 state machine would track quickly.
    Reads and discards what the server sends, answering SETTINGS and PING,
    and tracks the connection-level send window and GOAWAY."""

    def __init__(self, port, host="127.0.0.1", timeout=10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = bytearray()
        self.send_window = 65535
        self.stream_window = 65535
        self.max_streams = None
        self.goaway = None           # (last_stream_id, error_code)
        self.closed = False
        self.received = 0
        self.resets_received = 0
        self.next_sid = 1
        settings = struct.pack(">HI", 0x2, 0) + struct.pack(">HI", 0x4, (1 << 31) - 1)
        self.sock.sendall(PREFACE + frame(FRAME_SETTINGS, 0, 0, settings) +
                          frame(FRAME_WINDOW_UPDATE, 0, 0, struct.pack(">I", (1 << 31) - 1 - 65535)))

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
        self.closed = True

    def send(self, data):
        try:
            self.sock.sendall(data)
        except OSError:
            self.closed = True
            return False
        return True

    def read(self, timeout=0.0):
        """Reads what is available (waiting at most timeout) and handles it."""
        out = bytearray()
        wait = timeout
        while not self.closed:
            r, _, _ = select.select([self.sock], [], [], wait)
            if not r:
                break
            try:
                data = self.sock.recv(1 << 20)
            except (BlockingIOError, socket.timeout):
                break
            except OSError:
                data = b""
            if not data:
                self.closed = True
                break
            self.received += len(data)
            self.buf += data
            wait = 0.0
            out += self._parse()
        if out and not self.closed:
            self.send(bytes(out))

    def _parse(self):
        replies = bytearray()
        buf = self.buf
        pos = 0
        while len(buf) - pos >= 9:
            length = int.from_bytes(buf[pos:pos + 3], "big")
            if len(buf) - pos < 9 + length:
                break
            ftype, flags = buf[pos + 3], buf[pos + 4]
            sid = int.from_bytes(buf[pos + 5:pos + 9], "big") & 0x7FFFFFFF
            payload = bytes(buf[pos + 9:pos + 9 + length])
            pos += 9 + length
            if ftype == FRAME_SETTINGS and not flags & FLAG_ACK:
                for i in range(0, len(payload) - 5, 6):
                    ident, value = struct.unpack(">HI", payload[i:i + 6])
                    if ident == 0x3:
                        self.max_streams = value
                    elif ident == 0x4:
                        self.stream_window = value
                replies += frame(FRAME_SETTINGS, FLAG_ACK, 0)
            elif ftype == FRAME_PING and not flags & FLAG_ACK:
                replies += frame(FRAME_PING, FLAG_ACK, 0, payload)
            elif ftype == FRAME_WINDOW_UPDATE:
                if sid == 0:
                    self.send_window += struct.unpack(">I", payload)[0] & 0x7FFFFFFF
            elif ftype == FRAME_RST:
                self.resets_received += 1
            elif ftype == FRAME_GOAWAY:
                last, code = struct.unpack(">II", payload[:8])
                self.goaway = (last & 0x7FFFFFFF, code)
        del buf[:pos]
        return replies


def static_header_block(headers):
    """An HPACK block that references only the static table (a fresh
    encoder's first block), so that it can be sent again and again."""
    return hpack.Encoder().encode(headers)


# --- measuring ------------------------------------------------------------------

class RssSampler(threading.Thread):
    """Samples the server's VmRSS every interval seconds; tracks the peak."""

    def __init__(self, server, interval=0.05):
        super().__init__(daemon=True)
        self.server = server
        self.interval = interval
        self.peak_kb = 0
        self.last_kb = None
        self.samples = 0
        self._stop_event = threading.Event()
        self._lock = threading.Lock()

    def run(self):
        while not self._stop_event.is_set():
            kb = self.server.rss_kb()
            if kb is not None:
                with self._lock:
                    self.last_kb = kb
                    self.peak_kb = max(self.peak_kb, kb)
                    self.samples += 1
            self._stop_event.wait(self.interval)

    def reset_peak(self):
        with self._lock:
            self.peak_kb = self.last_kb or 0

    def stop(self):
        self._stop_event.set()
        self.join(timeout=5)


class Prober(threading.Thread):
    """Every interval seconds, a unary call with a deadline from its own
    connection, alternating GetIndexInfo and grpc.health.v1.Health/Check;
    reconnects after a failure."""

    def __init__(self, port, interval=0.2, timeout=5.0):
        super().__init__(daemon=True)
        self.port = port
        self.interval = interval
        self.timeout = timeout
        self.records = []          # (start, seconds, outcome) per call
        self._stop_event = threading.Event()

    def run(self):
        ch = None
        n = 0
        while not self._stop_event.is_set():
            t0 = time.monotonic()
            path = GET_INDEX_INFO if n % 2 == 0 else HEALTH_CHECK
            n += 1
            try:
                if ch is None or ch.closed:
                    if ch is not None:
                        ch.close()
                    ch = GrpcChannel(self.port, timeout=self.timeout)
                call = ch.unary(path, b"", timeout=self.timeout)
                outcome = call.outcome()
                if not call.ended:
                    ch.close()
                    ch = None
            except (OSError, ProtocolFailure) as e:
                outcome = type(e).__name__
                if ch is not None:
                    ch.close()
                ch = None
            self.records.append((t0, time.monotonic() - t0, outcome))
            self._stop_event.wait(max(0.0, self.interval - (time.monotonic() - t0)))
        if ch is not None:
            ch.close()

    def summary(self, since):
        """(ok, total, slowest seconds, {failure: n}) of the calls started at
        or after since (monotonic)."""
        recs = [r for r in list(self.records) if r[0] >= since]
        ok = sum(1 for r in recs if r[2] == "OK")
        failures = {}
        for r in recs:
            if r[2] != "OK":
                failures[r[2]] = failures.get(r[2], 0) + 1
        return ok, len(recs), max((r[1] for r in recs), default=0.0), failures

    def stop(self):
        self._stop_event.set()
        self.join(timeout=self.timeout + 5)


def run_many(ch, path, make_message, count, concurrency, deadline, call_timeout,
             extra=(), keep_data=False):
    """count calls on one channel, at most concurrency in flight, until done or
    deadline (monotonic). Returns {outcome: n} and the bytes received."""
    outcomes = {}
    received = 0
    started = 0
    inflight = []
    while (started < count or inflight) and time.monotonic() < deadline and not ch.closed:
        while started < count and len(inflight) < concurrency:
            inflight.append(ch.start(path, grpc_message(make_message(started)),
                                     timeout_s=call_timeout, extra=extra, keep_data=keep_data))
            started += 1
        ch.pump(0.05)
        now = time.monotonic()
        still = []
        for c in inflight:
            if c.ended or now - c.started > call_timeout + 2:
                o = c.outcome()
                outcomes[o] = outcomes.get(o, 0) + 1
                received += c.received
                ch.forget(c)
            else:
                still.append(c)
        inflight = still
    for c in inflight:
        o = "unfinished" if not ch.closed else "conn-closed"
        outcomes[o] = outcomes.get(o, 0) + 1
    return outcomes, received


def merge_counts(*dicts):
    out = {}
    for d in dicts:
        for k, v in d.items():
            out[k] = out.get(k, 0) + v
    return out


def fmt_counts(d):
    return ", ".join("%s %d" % (k, v) for k, v in sorted(d.items(), key=lambda kv: -kv[1])) or "none"
