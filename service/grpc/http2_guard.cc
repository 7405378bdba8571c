#include "service/grpc/http2_guard.h"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/grpc/listen_address.h"

namespace parley {
namespace {

constexpr uint8_t kFrameData = 0x0;
constexpr uint8_t kFrameHeaders = 0x1;
constexpr uint8_t kFlagEndStream = 0x1;
constexpr uint8_t kFlagPadded = 0x8;
constexpr size_t kGrpcPrefixBytes = 5;  // compressed flag, 4-byte big-endian length
constexpr uint8_t kFrameRstStream = 0x3;
constexpr size_t kClientPrefaceBytes = 24;  // "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
constexpr size_t kFrameHeaderBytes = 9;
// How long an address that went over its reset budget starts new
// connections with an empty one.
constexpr absl::Duration kPenalty = absl::Seconds(10);

// Reads the frame headers of one direction of an HTTP/2 byte stream, in
// pieces as they arrive, and reports each frame: on_frame(type, flags,
// stream, length) returns how many of its first payload bytes (at most
// kMaxPeek) it wants to see, and on_payload(stream, flags, bytes) gets them.
class FrameHeaderReader {
 public:
  static constexpr size_t kMaxPeek = 8;

  explicit FrameHeaderReader(size_t preface) : skip_(preface) {}

  template <typename OnFrame, typename OnPayload>
  void Feed(const char* data, size_t size, OnFrame on_frame, OnPayload on_payload) {
    while (size > 0) {
      if (peek_wanted_ > peek_have_) {  // the first bytes of a payload
        const size_t n = std::min({peek_wanted_ - peek_have_, size, skip_});
        std::memcpy(peek_ + peek_have_, data, n);
        peek_have_ += n, skip_ -= n, data += n, size -= n;
        if (peek_have_ == peek_wanted_) {
          on_payload(stream_, flags_, absl::string_view(peek_, peek_have_));
          peek_wanted_ = peek_have_ = 0;
        }
        continue;
      }
      if (skip_ > 0) {  // the preface, or the rest of a payload
        const size_t n = std::min(skip_, size);
        skip_ -= n, data += n, size -= n;
        continue;
      }
      const size_t n = std::min(kFrameHeaderBytes - have_, size);
      std::memcpy(header_ + have_, data, n);
      have_ += n, data += n, size -= n;
      if (have_ < kFrameHeaderBytes) return;
      have_ = 0;
      const auto* h = reinterpret_cast<const uint8_t*>(header_);
      skip_ = (size_t{h[0]} << 16) | (size_t{h[1]} << 8) | h[2];
      stream_ = ((uint32_t{h[5]} << 24) | (uint32_t{h[6]} << 16) | (uint32_t{h[7]} << 8) | h[8]) &
                0x7fffffffu;
      flags_ = h[4];
      peek_wanted_ = std::min({on_frame(h[3], flags_, stream_, skip_), skip_, kMaxPeek});
    }
  }

 private:
  size_t skip_;
  char header_[kFrameHeaderBytes];
  size_t have_ = 0;
  uint32_t stream_ = 0;
  uint8_t flags_ = 0;
  char peek_[kMaxPeek];
  size_t peek_wanted_ = 0;
  size_t peek_have_ = 0;
};

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

absl::StatusOr<int> Listen(absl::string_view address, int* port) {
  absl::StatusOr<ListenAddress> parsed = ParseListenAddress(address);
  if (!parsed.ok()) return parsed.status();
  if (parsed->kind == ListenAddress::Kind::kUnix ||
      parsed->kind == ListenAddress::Kind::kUnixAbstract) {
    return absl::InvalidArgumentError(
        absl::StrCat("--listen ", address, ": the public listener takes host:port"));
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string port_text = absl::StrCat(parsed->port);
  if (int rc = getaddrinfo(parsed->host.c_str(), port_text.c_str(), &hints, &found); rc != 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", address, ": ", gai_strerror(rc),
                                               "; pass --listen host:port"));
  }
  std::string error = "no address";
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));  // not SO_REUSEPORT
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, 1024) != 0) {
      error = std::strerror(errno);
      CloseFd(fd);
    }
  }
  freeaddrinfo(found);
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", address, ": ", error,
                                               " (the address is malformed or in use); pass "
                                               "--listen host:port (port 0 picks a free one)"));
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof(bound);
  getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
  *port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                            : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  return fd;
}

std::string AddressOf(const sockaddr_storage& peer) {
  char text[INET6_ADDRSTRLEN] = "?";
  if (peer.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(peer).sin_addr, text, sizeof(text));
  } else if (peer.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(peer).sin6_addr, text, sizeof(text));
  }
  return text;
}

}  // namespace

class Http2Guard::Loop {
 public:
  Loop(const Http2GuardOptions& options, int listener, std::atomic<int64_t>* disconnects)
      : options_(options), listener_(listener), disconnects_(disconnects) {
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    wake_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    Watch(listener_, EPOLLIN, &listener_);
    Watch(wake_, EPOLLIN, &wake_);
  }

  ~Loop() {
    for (auto& [conn, owned] : conns_) Drop(conn, false);
    conns_.clear();
    for (Conn* conn : dropped_) delete conn;
    CloseFd(listener_);
    CloseFd(wake_);
    CloseFd(epoll_);
  }

  // Wakes the loop to close the listener, or to finish.
  void Wake(bool stop) {
    if (stop) stop_.store(true);
    const uint64_t one = 1;
    (void)!write(wake_, &one, sizeof(one));
  }

  void Run() {
    epoll_event events[64];
    absl::Time drain_until = absl::InfiniteFuture();
    for (;;) {
      const bool draining = drain_until != absl::InfiniteFuture();
      const int n = epoll_wait(epoll_, events, 64, draining ? 20 : -1);
      if (n < 0 && errno != EINTR) return;
      for (int i = 0; i < n; ++i) {
        void* tag = events[i].data.ptr;
        if (tag == &wake_) {
          uint64_t count;
          (void)!read(wake_, &count, sizeof(count));
          CloseListener();
          // Stopping: gRPC has closed its ends; give what it last said a
          // moment to reach the clients.
          if (stop_.load() && !draining) drain_until = absl::Now() + absl::Seconds(1);
        } else if (tag == &listener_) {
          Accept();
        } else {
          auto* side = static_cast<Side*>(tag);
          Conn* conn = side->conn;
          if (conns_.contains(conn) && !Pump(conn)) Drop(conn, true);
        }
      }
      for (Conn* conn : dropped_) delete conn;
      dropped_.clear();
      if (draining && (conns_.empty() || absl::Now() > drain_until)) return;
    }
  }

 private:
  struct Conn;
  // One end of a relayed connection. Bytes read from one side go to the
  // other side's out.
  struct Side {
    explicit Side(Conn* owner) : conn(owner) {}
    Conn* conn;
    int fd = -1;
    std::string out;          // bytes waiting to be written to fd
    bool read_done = false;   // nothing more will be read from fd
    bool write_done = false;  // nothing more will be written to fd
    uint32_t events = 0;      // registered with epoll; 0 = not registered
  };
  struct Conn {
    Side client{this};
    Side server{this};  // the connection to gRPC's private listener
    FrameHeaderReader from_client{kClientPrefaceBytes};
    FrameHeaderReader from_server{0};
    absl::flat_hash_set<uint32_t> unanswered;
    absl::flat_hash_set<uint32_t> no_message_yet;  // client streams whose request has not begun
    double budget = 0;
    absl::Time refilled;
    std::string address;
  };

  void Watch(int fd, uint32_t events, void* tag, int op = EPOLL_CTL_ADD) {
    epoll_event event{};
    event.events = events;
    event.data.ptr = tag;
    epoll_ctl(epoll_, op, fd, &event);
  }

  void CloseListener() {
    if (listener_ < 0) return;
    if (!listener_paused_) epoll_ctl(epoll_, EPOLL_CTL_DEL, listener_, nullptr);
    CloseFd(listener_);
  }

  void Accept() {
    for (;;) {
      sockaddr_storage peer{};
      socklen_t length = sizeof(peer);
      const int fd = accept4(listener_, reinterpret_cast<sockaddr*>(&peer), &length,
                             SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
          // Out of descriptors or memory: a level-triggered listener would
          // wake at once again. Listen again when a connection closes.
          epoll_ctl(epoll_, EPOLL_CTL_DEL, listener_, nullptr);
          listener_paused_ = true;
        }
        return;
      }
      const int upstream = ConnectUpstream();
      if (upstream < 0) {
        close(fd);
        return;
      }
      const int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      auto* conn = new Conn();
      conn->client.fd = fd;
      conn->server.fd = upstream;
      conn->address = AddressOf(peer);
      conn->refilled = absl::Now();
      // An address that just went over its budget gets a tenth of one.
      conn->budget = Penalized(conn->address) ? std::max(1, options_.max_premature_resets / 10)
                                              : options_.max_premature_resets;
      conns_.emplace(conn, true);
      Rearm(conn);
    }
  }

  // A new connection to gRPC's private listener, without blocking; -1 on
  // failure (including a full accept queue).
  int ConnectUpstream() {
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string& name = options_.upstream_abstract_name;
    const size_t length = std::min(name.size(), sizeof(address.sun_path) - 1);
    std::memcpy(address.sun_path + 1, name.data(), length);  // sun_path[0] = 0: abstract
    const socklen_t size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + length);
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), size) != 0) {
      close(fd);
      return -1;
    }
    return fd;
  }

  bool Penalized(const std::string& address) {
    auto it = penalized_.find(address);
    if (it == penalized_.end()) return false;
    if (absl::Now() - it->second < kPenalty) return true;
    penalized_.erase(it);
    return false;
  }

  // Moves what can be moved both ways; false when the connection is over:
  // closed, or over its budget.
  bool Pump(Conn* conn) {
    if (!Move(conn, conn->client, conn->server)) return false;
    if (!Move(conn, conn->server, conn->client)) return false;
    // Over once gRPC has closed and what it said is delivered (or cannot
    // be), or once the client can neither send nor receive.
    const Side& client = conn->client;
    if (conn->server.read_done && (client.out.empty() || client.write_done)) return false;
    if (client.read_done && client.write_done) return false;
    Rearm(conn);
    return true;
  }

  // Relays from -> to as far as buffers allow; false if the client went
  // over its budget.
  bool Move(Conn* conn, Side& from, Side& to) {
    Flush(to);
    char buffer[64 << 10];
    while (!from.read_done && !to.write_done && to.out.size() < options_.buffer_bytes) {
      const ssize_t n = read(from.fd, buffer, sizeof(buffer));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      if (n <= 0) {  // end of stream, or an error: nothing more comes from it
        from.read_done = true;
        break;
      }
      if (!Inspect(conn, &from == &conn->client, buffer, static_cast<size_t>(n))) return false;
      to.out.append(buffer, static_cast<size_t>(n));
      Flush(to);
    }
    if (to.write_done) {
      from.read_done = true;  // what it sends has nowhere to go
    } else if (from.read_done && to.out.empty()) {
      shutdown(to.fd, SHUT_WR);
      to.write_done = true;
    }
    return true;
  }

  // Reads the frame headers in data; false if the client went over its
  // budget of premature resets.
  bool Inspect(Conn* conn, bool from_client_side, const char* data, size_t size) {
    bool over = false;
    if (!from_client_side) {
      conn->from_server.Feed(
          data, size,
          [conn](uint8_t type, uint8_t, uint32_t stream, size_t) -> size_t {
            if (type == kFrameHeaders || type == kFrameRstStream) conn->unanswered.erase(stream);
            return 0;
          },
          [](uint32_t, uint8_t, absl::string_view) {});
      return true;
    }
    auto on_frame = [&](uint8_t type, uint8_t flags, uint32_t stream, size_t) -> size_t {
      if (type == kFrameHeaders && (stream & 1) == 1) {
        conn->unanswered.insert(stream);
        if ((flags & kFlagEndStream) == 0) conn->no_message_yet.insert(stream);
      } else if (type == kFrameData && conn->no_message_yet.erase(stream) > 0) {
        // The first DATA of a stream starts with the gRPC message prefix
        // (after a pad length when padded): peek at its length.
        return ((flags & kFlagPadded) != 0 ? 1 : 0) + kGrpcPrefixBytes;
      } else if (type == kFrameRstStream && conn->unanswered.erase(stream) > 0) {
        conn->no_message_yet.erase(stream);
        const absl::Time now = absl::Now();
        const double limit = options_.max_premature_resets;
        conn->budget =
            std::min(limit, conn->budget + limit * absl::ToDoubleSeconds(now - conn->refilled));
        conn->refilled = now;
        conn->budget -= 1;
        if (conn->budget < 0) over = true;
      }
      return 0;
    };
    auto on_payload = [&](uint32_t, uint8_t flags, absl::string_view peek) {
      if ((flags & kFlagPadded) != 0) peek.remove_prefix(1);
      if (peek.size() < kGrpcPrefixBytes) return;
      const auto* p = reinterpret_cast<const uint8_t*>(peek.data());
      const uint64_t length =
          (uint64_t{p[1]} << 24) | (uint64_t{p[2]} << 16) | (uint64_t{p[3]} << 8) | p[4];
      // gRPC refuses it before any interceptor exists: say so here.
      if (options_.max_message_bytes > 0 &&
          length > static_cast<uint64_t>(options_.max_message_bytes)) {
        spdlog::info(
            "rpc status=RESOURCE_EXHAUSTED peer={} refused by gRPC before it reached Parley: a "
            "request of {} bytes, over --max_message_bytes ({})",
            conn->address, length, options_.max_message_bytes);
      }
    };
    conn->from_client.Feed(data, size, on_frame, on_payload);
    // Streams the server never answered and the client never reset cannot
    // outnumber what gRPC admits at once by much; if they do, the frames are
    // not what they seem.
    if (conn->unanswered.size() > 4096 || conn->no_message_yet.size() > 4096) over = true;
    if (over) {
      disconnects_->fetch_add(1, std::memory_order_relaxed);
      penalized_[conn->address] = absl::Now();
      if (penalized_.size() > 4096) penalized_.clear();  // bounded; forgets, never grows
      spdlog::warn(
          "closed a connection from {}: it reset streams before they were answered faster "
          "than {} per second (HTTP/2 rapid reset)",
          conn->address, options_.max_premature_resets);
    }
    return !over;
  }

  // Writes what it can of side.out; on an error the side takes no more.
  void Flush(Side& side) {
    while (!side.out.empty() && !side.write_done) {
      const ssize_t n = send(side.fd, side.out.data(), side.out.size(), MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        side.write_done = true;
        break;
      }
      side.out.erase(0, static_cast<size_t>(n));
    }
    if (side.write_done) side.out.clear();
  }

  // Reads a side only while the other side's buffer has room, waits for
  // "writable" while a side has bytes pending, and unregisters a side that
  // waits for nothing (so that a closed socket's EPOLLHUP cannot spin).
  void Rearm(Conn* conn) {
    for (Side* side : {&conn->client, &conn->server}) {
      const Side& other = side == &conn->client ? conn->server : conn->client;
      uint32_t events = 0;
      if (!side->read_done && !other.write_done && other.out.size() < options_.buffer_bytes) {
        events |= EPOLLIN;
      }
      if (!side->out.empty() && !side->write_done) events |= EPOLLOUT;
      if (events == side->events) continue;
      if (events == 0) {
        epoll_ctl(epoll_, EPOLL_CTL_DEL, side->fd, nullptr);
      } else {
        Watch(side->fd, events, side, side->events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD);
      }
      side->events = events;
    }
  }

  void Drop(Conn* conn, bool later) {
    CloseFd(conn->client.fd);
    CloseFd(conn->server.fd);
    if (later) {
      conns_.erase(conn);
      dropped_.push_back(conn);  // events of this round may still name it
      if (listener_paused_ && listener_ >= 0) {
        Watch(listener_, EPOLLIN, &listener_);
        listener_paused_ = false;
      }
    } else {
      delete conn;
    }
  }

  const Http2GuardOptions options_;
  int listener_;
  bool listener_paused_ = false;
  int epoll_ = -1;
  int wake_ = -1;
  std::atomic<int64_t>* disconnects_;
  std::atomic<bool> stop_{false};
  absl::flat_hash_map<Conn*, bool> conns_;
  std::vector<Conn*> dropped_;
  absl::flat_hash_map<std::string, absl::Time> penalized_;
};

absl::StatusOr<std::unique_ptr<Http2Guard>> Http2Guard::Start(const Http2GuardOptions& options) {
  std::unique_ptr<Http2Guard> guard(new Http2Guard());
  absl::StatusOr<int> listener = Listen(options.listen_address, &guard->port_);
  if (!listener.ok()) return listener.status();
  guard->loop_ = std::make_unique<Loop>(options, *listener, &guard->disconnects_);
  guard->thread_ = std::thread([loop = guard->loop_.get()] { loop->Run(); });
  return guard;
}

void Http2Guard::StopAccepting() {
  if (loop_ != nullptr) loop_->Wake(false);
}

Http2Guard::~Http2Guard() {
  if (loop_ != nullptr) loop_->Wake(true);
  if (thread_.joinable()) thread_.join();
}

}  // namespace parley
