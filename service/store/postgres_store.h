// PostgreSQL as the shared corpus store of every replica (--database).
//
// The store keeps the corpus as its files (corpus_files.h: articles/, kb/,
// lexicons/), a version that grows by one per committed write, and a feed
// of the entity/event/participation/document changes each version made.
// A replica reads one consistent snapshot (one REPEATABLE READ
// transaction), builds its index from it, and waits for a NOTIFY on
// channel "parley_corpus", which every commit sends with its version.
//
// Writes are serialized by a row lock on the version: Write() locks it,
// hands the planner the version and the files as of it, and commits what
// the planner returns, all in one transaction; nothing is written when the
// planner fails.
//
// The schema (migrations.cc) is applied on the first connection, under an
// advisory lock, so that replicas starting together apply it once.
//
// Connections: TCP keepalives and a user timeout, so that a vanished host
// is noticed in seconds, and statement and lock timeouts on every session.
//
// Errors: UNAVAILABLE when the server cannot be reached (with libpq's
// reason, never the password); INTERNAL for any other database error.
// Thread-safety: all methods are thread-safe; they share one connection
// (serialized), and WaitForChange() has a connection of its own.
#ifndef PARLEY_SERVICE_STORE_POSTGRES_STORE_H_
#define PARLEY_SERVICE_STORE_POSTGRES_STORE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "parley/v1/lookup_service.pb.h"
#include "service/store/corpus_files.h"

namespace pqxx {
class connection_base;
}

namespace parley {

// Deletes a pqxx::connection held as its base, whose destructor is not
// virtual (defined where pqxx::connection is complete).
struct PqxxConnectionDeleter {
  void operator()(pqxx::connection_base* conn) const;
};
using PqxxConnection = std::unique_ptr<pqxx::connection_base, PqxxConnectionDeleter>;

// Which corpus the store holds: its version and content hash. Versions
// only grow within one store, but a store recreated or restored from a
// backup may go back: replicas compare both.
struct StoreHead {
  int64_t version = 0;
  std::string content_sha256;
};

struct StoreSnapshot {
  StoreHead head;
  std::vector<CorpusFile> files;
};

// What one write commits.
struct StoreWrite {
  bool replace_all = false;         // remove every file first (an import)
  std::vector<FileChange> files;    // then apply these
  std::vector<v1::Change> changes;  // the feed rows (their version is set by the store)
  std::string content_sha256;       // of the corpus after the write
};

class PostgresStore {
 public:
  // How many versions of changes the feed keeps.
  static constexpr int64_t kFeedVersions = 10000;

  // A store at uri ("postgresql://..." or "postgres://..."); connects on
  // first use (and again after the connection is lost).
  // Errors: INVALID_ARGUMENT for another scheme.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<PostgresStore>> Create(
      const std::string& uri);

  // Connects now and applies the migrations. Errors: UNAVAILABLE when the
  // server cannot be reached.
  [[nodiscard]] absl::Status Connect();

  ~PostgresStore();

  // uri without its password: for logs and IndexInfo.
  const std::string& description() const { return description_; }

  [[nodiscard]] absl::StatusOr<StoreHead> Head();
  [[nodiscard]] absl::StatusOr<StoreSnapshot> ReadSnapshot();

  // The planner gets the locked head and a function that reads the files
  // as of it. Returns the new version. An error of the planner is returned
  // as it is, and nothing is written. A commit whose outcome is unknown
  // (the connection lost during COMMIT) is UNKNOWN, saying to look before
  // retrying.
  using Planner = std::function<absl::StatusOr<StoreWrite>(
      const StoreHead& head,
      const std::function<absl::StatusOr<std::vector<CorpusFile>>()>& files)>;
  [[nodiscard]] absl::StatusOr<int64_t> Write(const Planner& plan);

  // Errors: FAILED_PRECONDITION (reason CHANGES_EXPIRED) when since is
  // older than the oldest version the feed keeps; INVALID_ARGUMENT when
  // since is negative or ahead of the store.
  [[nodiscard]] absl::StatusOr<ChangeFeed> ChangesSince(int64_t since);

  // Waits up to timeout for a commit's notification (LISTEN on a
  // connection of its own, opened on first use). Returns true if one came.
  // REQUIRES: called from one thread at a time.
  [[nodiscard]] absl::StatusOr<bool> WaitForChange(absl::Duration timeout);

 private:
  PostgresStore(std::string uri, std::string description);
  // One try of the methods above (which try twice when a kept connection
  // turns out broken).
  absl::StatusOr<StoreHead> HeadOnce();
  absl::StatusOr<StoreSnapshot> ReadSnapshotOnce();
  absl::StatusOr<ChangeFeed> ChangesSinceOnce(int64_t since);
  // *planned is set once the planner has been called.
  absl::StatusOr<int64_t> WriteOnce(const Planner& plan, bool* planned);
  // A connection, opened if needed (and the migrations applied on the
  // first). REQUIRES: the mutex that guards conn held.
  absl::StatusOr<pqxx::connection_base*> ConnectionLocked(PqxxConnection& conn);

  const std::string uri_;
  const std::string description_;
  std::mutex mu_;  // conn_: snapshots and writes (held through a write)
  PqxxConnection conn_;
  // The change feed reads on a connection of their own, so that they never
  // wait behind a write's index builds.
  std::mutex feed_mu_;
  PqxxConnection feed_conn_;
  std::atomic<bool> migrated_{false};
  struct Listener;
  std::unique_ptr<Listener> listener_;  // used by WaitForChange only
};

}  // namespace parley

#endif  // PARLEY_SERVICE_STORE_POSTGRES_STORE_H_
