#include "service/grpc/listen_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace parley {
namespace {

using Kind = ListenAddress::Kind;

absl::Status Invalid(absl::string_view address, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(
      "listen address \"", absl::CHexEscape(address), "\" ", problem,
      ": write host:port (0.0.0.0:50051 for every interface, 127.0.0.1:50051 for this machine "
      "only), [::]:50051 or [::1]:50051 for IPv6, or unix:/path/to/socket"));
}

bool ParseIpv4(absl::string_view text, in_addr* out) {
  // inet_pton takes exactly four decimal parts and nothing after them, unlike
  // inet_aton ("127.1") and the resolver gRPC binds with.
  return inet_pton(AF_INET, std::string(text).c_str(), out) == 1;
}

// text without brackets, with an optional %zone.
bool ParseIpv6(absl::string_view text, in6_addr* out) {
  const size_t percent = text.find('%');
  if (percent != absl::string_view::npos && percent + 1 == text.size()) return false;
  return inet_pton(AF_INET6, std::string(text.substr(0, percent)).c_str(), out) == 1;
}

// A decimal port in [0, 65535]; no sign, no spaces, no service names.
bool ParsePort(absl::string_view text, int* port) {
  if (text.empty() || text.size() > 5) return false;
  int value = 0;
  for (const char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + (c - '0');
  }
  if (value > 65535) return false;
  *port = value;
  return true;
}

// A DNS name: dot-separated labels of letters, digits and hyphens, with at
// least one letter somewhere, so that a short or overlong dotted number
// ("127.1", "127.0.0.1.2") is not taken for a name the resolver would read as
// an address.
bool IsHostName(absl::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  bool has_letter = false;
  size_t label = 0;
  for (const char c : host) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    if (absl::ascii_isalpha(static_cast<unsigned char>(c))) has_letter = true;
    if (++label > 63) return false;
  }
  return label > 0 && has_letter;
}

// "[v6]:port" (brackets included) into *result.
absl::Status ParseBracketed(absl::string_view address, absl::string_view rest,
                            ListenAddress* result) {
  const size_t close = rest.find(']');
  if (close == absl::string_view::npos) return Invalid(address, "has no closing ]");
  const absl::string_view host = rest.substr(1, close - 1);
  in6_addr ignored;
  if (!ParseIpv6(host, &ignored)) {
    return Invalid(address, absl::StrCat("has \"", absl::CHexEscape(host),
                                         "\" in brackets, which is not a numeric IPv6 address"));
  }
  const absl::string_view after = rest.substr(close + 1);
  if (!absl::StartsWith(after, ":") || !ParsePort(after.substr(1), &result->port)) {
    return Invalid(address, "needs :PORT right after the ], a number from 0 to 65535");
  }
  result->kind = Kind::kIpv6;
  result->host = std::string(host);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ListenAddress> ParseListenAddress(absl::string_view address) {
  for (const char c : address) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) {
      return Invalid(address, "contains a space or a control character");
    }
  }
  ListenAddress result;
  absl::string_view rest = address;
  if (absl::ConsumePrefix(&rest, "unix-abstract:")) {
    if (rest.empty()) return Invalid(address, "names no abstract socket");
    result.kind = Kind::kUnixAbstract;
    result.path = std::string(rest);
    return result;
  }
  if (absl::ConsumePrefix(&rest, "unix:")) {
    // The URI form unix:///path has an empty authority; unix://host/path
    // would be a socket on another host, which gRPC refuses.
    if (absl::ConsumePrefix(&rest, "//") && !absl::StartsWith(rest, "/")) {
      return Invalid(address, "names a host after unix://");
    }
    if (rest.empty()) return Invalid(address, "names no socket file");
    result.kind = Kind::kUnix;
    result.path = std::string(rest);
    return result;
  }
  if (absl::ConsumePrefix(&rest, "ipv6:")) {
    if (!absl::StartsWith(rest, "[")) return Invalid(address, "needs ipv6:[ADDRESS]:PORT");
    if (absl::Status s = ParseBracketed(address, rest, &result); !s.ok()) return s;
    return result;
  }
  const bool explicit_ipv4 = absl::ConsumePrefix(&rest, "ipv4:");
  if (!explicit_ipv4 && absl::StartsWith(rest, "[")) {
    if (absl::Status s = ParseBracketed(address, rest, &result); !s.ok()) return s;
    return result;
  }
  const size_t colon = rest.rfind(':');
  if (colon == absl::string_view::npos) return Invalid(address, "has no :PORT");
  const absl::string_view host = rest.substr(0, colon);
  if (!ParsePort(rest.substr(colon + 1), &result.port)) {
    return Invalid(address, "needs a port from 0 to 65535 after the last :");
  }
  result.host = std::string(host);
  in_addr ipv4;
  if (ParseIpv4(host, &ipv4)) {
    result.kind = Kind::kIpv4;
    return result;
  }
  if (explicit_ipv4) return Invalid(address, "needs ipv4:A.B.C.D:PORT, four numbers 0 to 255");
  if (host.find(':') != absl::string_view::npos) {
    in6_addr ipv6;
    if (ParseIpv6(host, &ipv6)) return Invalid(address, "needs brackets around an IPv6 address");
    return Invalid(address,
                   "is not a host:port (schemes other than unix:, unix-abstract:, "
                   "ipv4: and ipv6: are not listen addresses)");
  }
  if (!IsHostName(host)) {
    return Invalid(address, absl::StrCat("has host \"", absl::CHexEscape(host),
                                         "\", which is neither a dotted IPv4 address of four "
                                         "numbers nor a host name"));
  }
  result.kind = Kind::kHostName;
  return result;
}

bool IsLoopback(const ListenAddress& address) {
  switch (address.kind) {
    case Kind::kIpv4: {
      in_addr ipv4;
      return ParseIpv4(address.host, &ipv4) && (ntohl(ipv4.s_addr) >> 24) == 127;  // 127.0.0.0/8
    }
    case Kind::kIpv6: {
      in6_addr ipv6;
      if (!ParseIpv6(address.host, &ipv6)) return false;
      return IN6_IS_ADDR_LOOPBACK(&ipv6) ||
             (IN6_IS_ADDR_V4MAPPED(&ipv6) && ipv6.s6_addr[12] == 127);
    }
    case Kind::kHostName:
      // Exactly: "localhost.evil" or "localhost." are resolved like any name.
      return address.host == "localhost";
    case Kind::kUnix:
    case Kind::kUnixAbstract:
      return true;
  }
  return false;
}

bool IsLoopbackListenAddress(absl::string_view address) {
  absl::StatusOr<ListenAddress> parsed = ParseListenAddress(address);
  return parsed.ok() && IsLoopback(*parsed);
}

}  // namespace parley
