// What the server refuses to start with: an exposed admin listener without
// a token, a port another server holds (gRPC turns SO_REUSEPORT on), and an
// admin unix socket others could open.
#include <filesystem>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "absl/strings/str_cat.h"
#include "service/grpc/listen_address.h"
#include "service/grpc/server.h"

namespace parley {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

TEST(ServerOptionsTest, AnExposedAdminListenerNeedsAToken) {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.admin_listen_address = "0.0.0.0:0";
  auto server = ParleyServer::Start(options);
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(std::string(server.status().message()), HasSubstr("--admin_token_file"));
  EXPECT_TRUE(IsLoopbackListenAddress("127.0.0.1:50052"));
  EXPECT_TRUE(IsLoopbackListenAddress("unix:/tmp/parley.sock"));
  EXPECT_FALSE(IsLoopbackListenAddress("0.0.0.0:50052"));
}

// gRPC turns SO_REUSEPORT on; two servers on one port would then split the
// clients between two corpora. The second must refuse to start.
TEST(ServerOptionsTest, APortInUseFailsTheStart) {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.admin_listen_address = "127.0.0.1:0";
  auto first = ParleyServer::Start(options);
  ASSERT_TRUE(first.ok()) << first.status();

  ServerOptions same_port = options;
  same_port.listen_address = absl::StrCat("127.0.0.1:", (*first)->port());
  auto second = ParleyServer::Start(same_port);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(second.status().message()), HasSubstr("in use"));

  ServerOptions same_admin_port = options;
  same_admin_port.admin_listen_address = absl::StrCat("127.0.0.1:", (*first)->admin_port());
  auto third = ParleyServer::Start(same_admin_port);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(third.status().message()), HasSubstr("--admin_listen"));
}

// Admin calls on a unix socket need no token: only the owner may connect,
// whatever the umask the server was started with.
TEST(ServerOptionsTest, AUnixAdminSocketIsTheOwnersOnly) {
  char tmpl[] = "/tmp/parley-socket-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.admin_listen_address = absl::StrCat("unix:", dir, "/admin.sock");
  const mode_t old_umask = umask(0);
  auto server = ParleyServer::Start(options);
  umask(old_umask);
  ASSERT_TRUE(server.ok()) << server.status();
  struct stat info;
  ASSERT_EQ(stat((dir + "/admin.sock").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  server->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace parley
