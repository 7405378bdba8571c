// Listen addresses as gRPC takes them, parsed rather than matched by prefix,
// so that a host name such as "127.0.0.1.example.org" is not mistaken for
// the loopback address it starts with.
//
// Accepted forms:
//   host:port                 a host name ("localhost") or a dotted IPv4 address
//   [v6]:port                 a numeric IPv6 address, with an optional %zone
//   ipv4:a.b.c.d:port         gRPC's explicit forms
//   ipv6:[v6]:port
//   unix:PATH, unix:///PATH   a Unix-domain socket
//   unix-abstract:NAME        a Linux abstract socket
// A port is a decimal number in [0, 65535]; 0 picks a free port.
//
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_GRPC_LISTEN_ADDRESS_H_
#define PARLEY_SERVICE_GRPC_LISTEN_ADDRESS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace parley {

struct ListenAddress {
  enum class Kind {
    kIpv4,          // host is a dotted quad
    kIpv6,          // host is the address without brackets (and with any %zone)
    kHostName,      // host is a name, resolved by gRPC when it binds
    kUnix,          // path is the socket file
    kUnixAbstract,  // path is the abstract name (without the leading NUL)
  };
  Kind kind = Kind::kHostName;
  std::string host;  // "" for Unix sockets
  int port = 0;      // 0 for Unix sockets
  std::string path;  // "" for TCP addresses
};

// Errors: INVALID_ARGUMENT naming the address, what is wrong with it and a
// form that would be accepted.
[[nodiscard]] absl::StatusOr<ListenAddress> ParseListenAddress(absl::string_view address);

// True when only this machine can connect: an IPv4 address in 127.0.0.0/8,
// ::1 (or ::ffff:127.x.y.z), the host name "localhost" exactly, or a Unix
// socket (a file one, whose permissions say which local users may connect, or
// an abstract one, which any local user may connect to as to 127.0.0.1).
bool IsLoopback(const ListenAddress& address);

// IsLoopback(ParseListenAddress(address)); false for an address that does
// not parse.
bool IsLoopbackListenAddress(absl::string_view address);

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_LISTEN_ADDRESS_H_
