// Http2Guard: the public plaintext listener's front door, against the HTTP/2
// "rapid reset" attack (CVE-2023-44487).
//
// gRPC 1.51 (Debian 12) creates a call for every stream a client opens, also
// for a stream the client resets at once, and queues those calls without
// limit until its handlers get to them (fixed upstream in 1.56+): a client
// that sends HEADERS + DATA + RST_STREAM in a loop made the server hold 2 GB.
// MAX_CONCURRENT_STREAMS does not help, since reset streams no longer count.
//
// The guard accepts TCP connections itself, connects each to gRPC's own
// listener on a private abstract Unix socket, and copies bytes both ways on
// one epoll thread, reading the 9-byte HTTP/2 frame headers (never payloads) as
// they pass. A client's RST_STREAM on a stream the server has not answered
// yet (no HEADERS from the server on it) is a "premature reset"; each
// connection has a budget of them (a token bucket: `max_premature_resets`
// at once, refilled at that many per second). A connection over budget is
// closed; for the next 10 s new connections from the same address start
// with a tenth of a budget, so reconnecting does not buy a fresh one.
// Buffers are bounded per direction (a slow side stops the other from being
// read). When gRPC closes a connection, what it sent last is delivered
// before the client's socket is closed (also at shutdown, for up to 1 s).
//
// TLS listeners are not guarded (the guard cannot read encrypted frames):
// put a proxy that mitigates rapid reset in front of them (docs/OPERATIONS.md).
//
// Thread-safety: Start() and the destructor from one thread; the other
// methods from any.
#ifndef PARLEY_SERVICE_GRPC_HTTP2_GUARD_H_
#define PARLEY_SERVICE_GRPC_HTTP2_GUARD_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace parley {

struct Http2GuardOptions {
  // host:port (numeric address or a name; port 0 picks a free one).
  std::string listen_address;
  // The abstract Unix socket gRPC listens on (its name, without the NUL).
  std::string upstream_abstract_name;
  // Premature resets a connection may make at once, and per second after.
  int max_premature_resets = 200;
  // gRPC's request limit: the guard logs requests over it, which gRPC
  // refuses before any handler or interceptor sees them. 0 = no logging.
  int max_message_bytes = 0;
  // Bytes buffered per direction of a connection before reading pauses.
  size_t buffer_bytes = 256 << 10;
};

class Http2Guard {
 public:
  // Binds and starts the epoll thread. Errors: UNAVAILABLE if the address
  // cannot be bound (in use, or not this machine's), INVALID_ARGUMENT if it
  // does not parse.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Http2Guard>> Start(
      const Http2GuardOptions& options);

  // Closes the listener; connections already made go on.
  void StopAccepting();

  // Stops accepting, closes every connection and joins the thread.
  ~Http2Guard();

  int port() const { return port_; }
  // Connections closed for going over their reset budget.
  int64_t disconnects() const { return disconnects_.load(std::memory_order_relaxed); }

 private:
  class Loop;
  Http2Guard() = default;

  int port_ = 0;
  std::atomic<int64_t> disconnects_{0};
  std::unique_ptr<Loop> loop_;
  std::thread thread_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_HTTP2_GUARD_H_
