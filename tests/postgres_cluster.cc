#include "tests/postgres_cluster.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "tests/subprocess.h"

namespace parley::testing {
namespace {

constexpr char kBin[] = "/usr/lib/postgresql/15/bin";

}  // namespace

absl::Status PostgresCluster::Run(const std::string& program,
                                  const std::vector<std::string>& args) {
  std::vector<std::string> argv;
  if (getuid() == 0) argv = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  argv.push_back(absl::StrCat(kBin, "/", program));
  argv.insert(argv.end(), args.begin(), args.end());
  // Through the shell with the output in a file: pg_ctl leaves the server
  // running with whatever descriptors it inherited, so a pipe to read its
  // output from would never reach end of file.
  std::string command;
  for (const std::string& arg : argv) {
    absl::StrAppend(&command, "'", absl::StrReplaceAll(arg, {{"'", "'\\''"}}), "' ");
  }
  const std::string output = dir_ + "/command.out";
  absl::StrAppend(&command, "</dev/null >", output, " 2>&1");
  const int status = system(command.c_str());
  if (status != 0) {
    std::ifstream in(output);
    std::stringstream text;
    text << in.rdbuf();
    return absl::UnavailableError(
        absl::StrCat(absl::StrJoin(argv, " "), " failed (", status, "): ", text.str()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<PostgresCluster>> PostgresCluster::Start() {
  if (!std::filesystem::exists(absl::StrCat(kBin, "/initdb"))) {
    return absl::NotFoundError("PostgreSQL 15 is not installed: run scripts/setup.sh");
  }
  char tmpl[] = "/tmp/parley-pg-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return absl::UnavailableError("mkdtemp failed");
  std::unique_ptr<PostgresCluster> cluster(new PostgresCluster(tmpl));
  if (getuid() == 0) {
    const passwd* pg = getpwnam("postgres");
    if (pg == nullptr) return absl::NotFoundError("no user postgres to run PostgreSQL as");
    if (chown(tmpl, pg->pw_uid, pg->pw_gid) != 0) {
      return absl::UnavailableError("cannot give the cluster directory to postgres");
    }
  }
  const std::string data = cluster->dir_ + "/data";
  if (absl::Status s = cluster->Run("initdb", {"-D", data, "-U", "parley", "-A", "trust", "-E",
                                               "UTF8", "--no-locale", "--no-sync"});
      !s.ok()) {
    return s;
  }
  if (absl::Status s = cluster->Restart(); !s.ok()) return s;
  return cluster;
}

std::string PostgresCluster::uri() const {
  return absl::StrCat("postgresql:///postgres?host=", dir_, "&port=5432&user=parley");
}

absl::Status PostgresCluster::Restart() {
  absl::Status s = Run("pg_ctl", {"-D", dir_ + "/data", "-l", dir_ + "/log", "-w", "-t", "60", "-o",
                                  absl::StrCat("-k ", dir_,
                                               " -c listen_addresses='' -p 5432 -c fsync=off "
                                               "-c full_page_writes=off"),
                                  "start"});
  running_ = s.ok();
  return s;
}

absl::Status PostgresCluster::Stop() {
  absl::Status s = Run("pg_ctl", {"-D", dir_ + "/data", "-w", "-t", "60", "-m", "fast", "stop"});
  if (s.ok()) running_ = false;
  return s;
}

PostgresCluster::~PostgresCluster() {
  if (running_) (void)Stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace parley::testing
