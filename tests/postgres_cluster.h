// A real PostgreSQL 15 cluster for tests: initdb into a temporary
// directory (as the unprivileged user "postgres" when the tests run as
// root: PostgreSQL refuses root), listening only on a unix socket in that
// directory (no TCP port to collide with), fsync off. Stopped and removed
// when destroyed.
#ifndef PARLEY_TESTS_POSTGRES_CLUSTER_H_
#define PARLEY_TESTS_POSTGRES_CLUSTER_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace parley::testing {

class PostgresCluster {
 public:
  // Errors: UNAVAILABLE (initdb or pg_ctl failed, with their output);
  // NOT_FOUND when PostgreSQL 15 is not installed (scripts/setup.sh).
  static absl::StatusOr<std::unique_ptr<PostgresCluster>> Start();
  ~PostgresCluster();

  // postgresql:///postgres?host=DIR&port=5432&user=parley
  std::string uri() const;

  absl::Status Stop();     // pg_ctl stop -m fast
  absl::Status Restart();  // after Stop()

 private:
  explicit PostgresCluster(std::string dir) : dir_(std::move(dir)) {}
  // Runs a PostgreSQL program (bin/<program>) as the cluster's user.
  absl::Status Run(const std::string& program, const std::vector<std::string>& args);

  std::string dir_;
  bool running_ = false;
};

}  // namespace parley::testing

#endif  // PARLEY_TESTS_POSTGRES_CLUSTER_H_
