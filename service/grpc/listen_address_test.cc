#include "service/grpc/listen_address.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace parley {
namespace {

using ::testing::HasSubstr;
using Kind = ListenAddress::Kind;

TEST(IsLoopbackListenAddressTest, RefusesHostileLookalikes) {
  for (const char* address : {"127.0.0.1.example.org:1",
                              "127.evil.com:1",
                              "localhost.evil:1",
                              "[::1]x:1",
                              "0.0.0.0:1",
                              "[::]:1",
                              "ipv4:127.0.0.1.evil.com:1",
                              "127.0.0.1:1:2",
                              "127.1:1",
                              "localhost:",
                              "[::1]:",
                              "",
                              "unix:",
                              "10.0.0.1:1",
                              "localhost.:1",
                              "[::ffff:10.0.0.1]:1",
                              "unix://evil.com/tmp/x",
                              "127.0.0.1:65536",
                              "127.0.0.1:+1",
                              " 127.0.0.1:1"}) {
    EXPECT_FALSE(IsLoopbackListenAddress(address)) << address;
  }
}

TEST(IsLoopbackListenAddressTest, AcceptsLoopbackAddresses) {
  for (const char* address :
       {"127.0.0.1:50052", "127.1.2.3:0", "localhost:1", "[::1]:1", "[0:0:0:0:0:0:0:1]:1",
        "[::ffff:127.0.0.1]:1", "ipv4:127.0.0.1:1", "ipv6:[::1]:1", "unix:/tmp/x",
        "unix:relative.sock", "unix:///tmp/x", "unix-abstract:parley"}) {
    EXPECT_TRUE(IsLoopbackListenAddress(address)) << address;
  }
}

TEST(ParseListenAddressTest, ParsesEachForm) {
  auto v4 = ParseListenAddress("0.0.0.0:50051");
  ASSERT_TRUE(v4.ok()) << v4.status();
  EXPECT_EQ(v4->kind, Kind::kIpv4);
  EXPECT_EQ(v4->host, "0.0.0.0");
  EXPECT_EQ(v4->port, 50051);

  auto v6 = ParseListenAddress("ipv6:[fe80::1%eth0]:65535");
  ASSERT_TRUE(v6.ok()) << v6.status();
  EXPECT_EQ(v6->kind, Kind::kIpv6);
  EXPECT_EQ(v6->host, "fe80::1%eth0");
  EXPECT_EQ(v6->port, 65535);

  auto name = ParseListenAddress("parley-0.parley.svc.cluster.local:0");
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(name->kind, Kind::kHostName);
  EXPECT_EQ(name->host, "parley-0.parley.svc.cluster.local");
  EXPECT_EQ(name->port, 0);

  auto unix_uri = ParseListenAddress("unix:///run/parley/admin.sock");
  ASSERT_TRUE(unix_uri.ok()) << unix_uri.status();
  EXPECT_EQ(unix_uri->kind, Kind::kUnix);
  EXPECT_EQ(unix_uri->path, "/run/parley/admin.sock");
  EXPECT_EQ(ParseListenAddress("unix:admin.sock")->path, "admin.sock");

  auto abstract = ParseListenAddress("unix-abstract:parley-admin");
  ASSERT_TRUE(abstract.ok()) << abstract.status();
  EXPECT_EQ(abstract->kind, Kind::kUnixAbstract);
  EXPECT_EQ(abstract->path, "parley-admin");
}

TEST(ParseListenAddressTest, ExplainsWhatIsWrong) {
  const struct {
    const char* address;
    const char* problem;
  } kCases[] = {
      {"127.0.0.1", "has no :PORT"},
      {"127.0.0.1:http", "a port from 0 to 65535"},
      {"127.0.0.1:99999", "a port from 0 to 65535"},
      {"::1:50051", "needs brackets"},
      {"[::1:50051", "no closing ]"},
      {"[127.0.0.1]:1", "not a numeric IPv6 address"},
      {"[::1]x:1", "needs :PORT right after the ]"},
      {"127.1:1", "neither a dotted IPv4 address of four numbers nor a host name"},
      {":50051", "neither a dotted IPv4 address"},
      {"ipv4:localhost:1", "needs ipv4:A.B.C.D:PORT"},
      {"dns:///localhost:1", "schemes other than"},
      {"unix:", "names no socket file"},
      {"local host:1", "a space or a control character"},
  };
  for (const auto& c : kCases) {
    auto parsed = ParseListenAddress(c.address);
    ASSERT_FALSE(parsed.ok()) << c.address;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    const std::string message(parsed.status().message());
    EXPECT_THAT(message, HasSubstr(c.problem)) << c.address;
    EXPECT_THAT(message, HasSubstr("write host:port")) << c.address;
  }
}

}  // namespace
}  // namespace parley
