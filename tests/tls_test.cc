// TLS and mutual TLS on the public port, with throwaway certificates made by
// openssl at test time: a trusted CA that signs the server and a client
// certificate, and an untrusted CA that signs another client certificate.
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "absl/strings/str_cat.h"
#include "client/parley_client.h"
#include "service/grpc/server.h"

namespace parley {
namespace {

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/parley-tls-XXXXXX";
    dir_ = new std::string(mkdtemp(tmpl));
    const std::string d = *dir_;
    // Each step is one openssl command; any failure fails the suite.
    const std::vector<std::string> steps = {
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=parley-test-ca "
        "-keyout " +
            d + "/ca.key -out " + d + "/ca.pem",
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=untrusted-ca "
        "-keyout " +
            d + "/bad-ca.key -out " + d + "/bad-ca.pem",
        "openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout " + d +
            "/server.key -out " + d + "/server.csr",
        "openssl x509 -req -in " + d + "/server.csr -CA " + d + "/ca.pem -CAkey " + d +
            "/ca.key -CAcreateserial -days 1 -extfile " + d + "/san.ext -out " + d + "/server.pem",
        "openssl req -newkey rsa:2048 -nodes -subj /CN=analyst -keyout " + d + "/client.key -out " +
            d + "/client.csr",
        "openssl x509 -req -in " + d + "/client.csr -CA " + d + "/ca.pem -CAkey " + d +
            "/ca.key -CAcreateserial -days 1 -out " + d + "/client.pem",
        "openssl req -newkey rsa:2048 -nodes -subj /CN=intruder -keyout " + d +
            "/intruder.key -out " + d + "/intruder.csr",
        "openssl x509 -req -in " + d + "/intruder.csr -CA " + d + "/bad-ca.pem -CAkey " + d +
            "/bad-ca.key -CAcreateserial -days 1 -out " + d + "/intruder.pem",
    };
    std::ofstream(d + "/san.ext") << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
    for (const std::string& step : steps) {
      ASSERT_EQ(system((step + " >/dev/null 2>&1").c_str()), 0) << step;
    }
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  void Start(bool mutual) {
    ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.admin_listen_address = "";
    options.data_dir = PARLEY_SOURCE_DIR "/data";
    options.tls.cert_file = *dir_ + "/server.pem";
    options.tls.key_file = *dir_ + "/server.key";
    if (mutual) options.tls.client_ca_file = *dir_ + "/ca.pem";
    auto server = ParleyServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    auto index = Index::Load(options.data_dir);
    ASSERT_TRUE(index.ok());
    server_->SetIndex(std::move(*index));
  }

  // GetIndexInfo through a client with these TLS files ("" = none).
  absl::Status Ask(const std::string& ca, const std::string& cert, const std::string& key) {
    ClientOptions options;
    options.target = absl::StrCat("127.0.0.1:", server_->port());
    options.deadline = absl::Seconds(3);
    options.tls_server_name = "localhost";  // the certificate's DNS name
    if (!ca.empty()) options.tls_ca_file = *dir_ + "/" + ca;
    if (!cert.empty()) options.tls_cert_file = *dir_ + "/" + cert;
    if (!key.empty()) options.tls_key_file = *dir_ + "/" + key;
    ParleyClient client(options);
    v1::IndexInfo info;
    absl::Status status =
        client.Call(&v1::LookupService::Stub::GetIndexInfo, v1::GetIndexInfoRequest(), &info);
    if (status.ok() && info.event_count() != 19) return absl::InternalError("wrong answer");
    return status;
  }

  static std::string* dir_;
  std::unique_ptr<ParleyServer> server_;
};
std::string* TlsTest::dir_ = nullptr;

TEST_F(TlsTest, TlsServesTrustingClientsAndRefusesPlaintextAndUntrustedServers) {
  Start(/*mutual=*/false);
  EXPECT_EQ(Ask("ca.pem", "", ""), absl::OkStatus());
  EXPECT_EQ(Ask("", "", "").code(), absl::StatusCode::kUnavailable);  // plaintext
  EXPECT_EQ(Ask("bad-ca.pem", "", "").code(), absl::StatusCode::kUnavailable);
}

TEST_F(TlsTest, MutualTlsRefusesClientsWithoutOrWithUntrustedCertificates) {
  Start(/*mutual=*/true);
  EXPECT_EQ(Ask("ca.pem", "client.pem", "client.key"), absl::OkStatus());
  EXPECT_EQ(Ask("ca.pem", "", "").code(), absl::StatusCode::kUnavailable);  // no certificate
  EXPECT_EQ(Ask("ca.pem", "intruder.pem", "intruder.key").code(),
            absl::StatusCode::kUnavailable);                          // untrusted certificate
  EXPECT_EQ(Ask("", "", "").code(), absl::StatusCode::kUnavailable);  // plaintext
}

TEST_F(TlsTest, UnreadableCertificateFilesAreRefusedAtStart) {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.admin_listen_address = "";
  options.tls.cert_file = *dir_ + "/missing.pem";
  options.tls.key_file = *dir_ + "/server.key";
  auto server = ParleyServer::Start(options);
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(std::string(server.status().message()), ::testing::HasSubstr("--tls_cert"));
}

}  // namespace
}  // namespace parley
