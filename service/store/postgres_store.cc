#include "service/store/postgres_store.h"

#include <algorithm>
#include <cstring>

#include <pqxx/pqxx>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "service/base/errors.h"
#include "service/store/migrations.h"

namespace parley {
namespace {

constexpr char kChannel[] = "parley_corpus";

// libpq waits for a dead host as long as TCP does; a replica should learn
// sooner that the store is away. Parameters the URI sets itself win.
std::string WithConnectTimeout(const std::string& uri) {
  std::string out = uri;
  for (const char* param :
       {"connect_timeout=5", "keepalives=1", "keepalives_idle=5", "keepalives_interval=2",
        "keepalives_count=3", "tcp_user_timeout=15000"}) {
    const absl::string_view name =
        absl::string_view(param).substr(0, std::strchr(param, '=') - param + 1);
    if (absl::StrContains(out, name)) continue;
    absl::StrAppend(&out, out.find('?') == std::string::npos ? "?" : "&", param);
  }
  return out;
}

PqxxConnection OpenConnection(const std::string& uri) {
  PqxxConnection conn(new pqxx::connection(WithConnectTimeout(uri)));
  // No statement runs long; a write may wait for another replica's write
  // (its index builds) on the version's row lock.
  pqxx::nontransaction setup(*conn);
  setup.exec0("SET statement_timeout = '120s'");
  setup.exec0("SET lock_timeout = '300s'");
  setup.exec0("SET idle_in_transaction_session_timeout = '600s'");
  return conn;
}

// "postgresql://user:secret@host/db" -> "postgresql://user@host/db".
std::string WithoutPassword(const std::string& uri) {
  const size_t scheme = uri.find("://");
  if (scheme == std::string::npos) return uri;
  const size_t start = scheme + 3;
  const size_t at = uri.find('@', start);
  const size_t slash = uri.find('/', start);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return uri;
  const size_t colon = uri.find(':', start);
  if (colon == std::string::npos || colon > at) return uri;
  return absl::StrCat(uri.substr(0, colon), uri.substr(at));
}

absl::Status FromException(const std::exception& e, absl::string_view doing) {
  std::string what = e.what();
  while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) {
    return WithReason(absl::UnknownError(absl::StrCat(
                          "the connection to the store was lost while committing (", doing,
                          "): the change may or may not have been made; look (GetDocument, "
                          "ListChanges) before trying again: ",
                          what)),
                      "COMMIT_IN_DOUBT");
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return WithReason(
        absl::UnavailableError(absl::StrCat("the store is unreachable (", doing, "): ", what)),
        "STORE_UNAVAILABLE");
  }
  return absl::InternalError(absl::StrCat("store error (", doing, "): ", what));
}

v1::Change ChangeFromRow(const pqxx::row& row) {
  v1::Change change;
  change.set_version(row[0].as<int64_t>());
  change.set_kind(static_cast<v1::ChangeKind>(row[1].as<int>()));
  change.set_id(row[2].as<std::string>());
  change.set_type(static_cast<v1::ChangeType>(row[3].as<int>()));
  const double seconds = row[4].as<double>();
  change.mutable_time()->set_seconds(static_cast<int64_t>(seconds));
  change.mutable_time()->set_nanos(
      static_cast<int32_t>((seconds - static_cast<double>(static_cast<int64_t>(seconds))) * 1e9));
  return change;
}

absl::Status Migrate(pqxx::connection_base& conn) {
  pqxx::work tx(conn);
  tx.exec1("SELECT pg_advisory_xact_lock(7170706172)");  // "parley" migrations
  tx.exec0(
      "CREATE TABLE IF NOT EXISTS parley_schema_migrations ("
      " version integer PRIMARY KEY, description text NOT NULL,"
      " applied_at timestamptz NOT NULL DEFAULT now())");
  int64_t applied =
      tx.exec1("SELECT coalesce(max(version), 0) FROM parley_schema_migrations")[0].as<int64_t>();
  for (const Migration& m : StoreMigrations()) {
    if (m.version <= applied) continue;
    tx.exec0(m.sql);
    tx.exec_params0("INSERT INTO parley_schema_migrations (version, description) VALUES ($1, $2)",
                    m.version, m.description);
  }
  tx.commit();
  return absl::OkStatus();
}

}  // namespace

// The LISTEN connection. The receiver is declared last so that it is
// destroyed first: it unregisters itself from the connection.
struct PostgresStore::Listener {
  class CountingReceiver : public pqxx::notification_receiver {
   public:
    CountingReceiver(pqxx::connection_base& c, int* count)
        : pqxx::notification_receiver(c, kChannel), count_(count) {}
    void operator()(const std::string& /*payload*/, int /*backend_pid*/) override { ++*count_; }

   private:
    int* count_;
  };

  PqxxConnection conn;
  int received = 0;
  std::unique_ptr<CountingReceiver> receiver;
};

void PqxxConnectionDeleter::operator()(pqxx::connection_base* conn) const {
  delete static_cast<pqxx::connection*>(conn);
}

absl::StatusOr<std::unique_ptr<PostgresStore>> PostgresStore::Create(const std::string& uri) {
  if (!absl::StartsWith(uri, "postgresql://") && !absl::StartsWith(uri, "postgres://")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--database=", WithoutPassword(uri),
        ": expected a PostgreSQL URI, postgresql://[user@]host[:port]/database (the password "
        "from $PGPASSWORD or ~/.pgpass)"));
  }
  return std::unique_ptr<PostgresStore>(new PostgresStore(uri, WithoutPassword(uri)));
}

absl::Status PostgresStore::Connect() {
  std::lock_guard<std::mutex> lock(mu_);
  return ConnectionLocked(conn_).status();
}

PostgresStore::PostgresStore(std::string uri, std::string description)
    : uri_(std::move(uri)), description_(std::move(description)) {}

PostgresStore::~PostgresStore() = default;

absl::StatusOr<pqxx::connection_base*> PostgresStore::ConnectionLocked(PqxxConnection& conn) {
  if (conn != nullptr && conn->is_open()) return conn.get();
  conn.reset();
  try {
    conn = OpenConnection(uri_);
  } catch (const std::exception& e) {
    return FromException(e, absl::StrCat("connecting to ", description_));
  }
  if (!migrated_) {
    try {
      if (absl::Status s = Migrate(*conn); !s.ok()) return s;
    } catch (const std::exception& e) {
      conn.reset();
      absl::Status status = FromException(e, "applying the schema migrations");
      if (absl::IsUnavailable(status)) return status;
      return absl::InternalError(
          absl::StrCat(status.message(),
                       " (does the role own the database or may it create tables? "
                       "parley-server --migrate applies them once with such a role)"));
    }
    migrated_ = true;
  }
  return conn.get();
}

absl::StatusOr<StoreHead> PostgresStore::HeadOnce() {
  std::lock_guard<std::mutex> lock(feed_mu_);  // a read: never behind a write
  absl::StatusOr<pqxx::connection_base*> conn = ConnectionLocked(feed_conn_);
  if (!conn.ok()) return conn.status();
  try {
    pqxx::read_transaction tx(**conn);
    const pqxx::row row = tx.exec1("SELECT version, content_sha256 FROM parley_corpus");
    return StoreHead{row[0].as<int64_t>(), row[1].as<std::string>()};
  } catch (const std::exception& e) {
    feed_conn_.reset();
    return FromException(e, "reading the corpus version");
  }
}

absl::StatusOr<StoreSnapshot> PostgresStore::ReadSnapshotOnce() {
  std::lock_guard<std::mutex> lock(mu_);
  absl::StatusOr<pqxx::connection_base*> conn = ConnectionLocked(conn_);
  if (!conn.ok()) return conn.status();
  try {
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(**conn);
    StoreSnapshot snapshot;
    const pqxx::row head = tx.exec1("SELECT version, content_sha256 FROM parley_corpus");
    snapshot.head = {head[0].as<int64_t>(), head[1].as<std::string>()};
    const pqxx::result rows = tx.exec("SELECT path, contents FROM parley_file ORDER BY path");
    snapshot.files.reserve(rows.size());
    for (const pqxx::row& row : rows) {
      snapshot.files.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
    }
    tx.commit();
    return snapshot;
  } catch (const std::exception& e) {
    conn_.reset();
    return FromException(e, "reading a snapshot");
  }
}

absl::StatusOr<int64_t> PostgresStore::WriteOnce(const Planner& plan, bool* planned) {
  std::lock_guard<std::mutex> lock(mu_);
  absl::StatusOr<pqxx::connection_base*> conn = ConnectionLocked(conn_);
  if (!conn.ok()) return conn.status();
  try {
    pqxx::work tx(**conn);
    const pqxx::row head =
        tx.exec1("SELECT version, feed_start, content_sha256 FROM parley_corpus FOR UPDATE");
    const int64_t version = head[0].as<int64_t>();
    const int64_t feed_start = head[1].as<int64_t>();
    const StoreHead locked{version, head[2].as<std::string>()};
    auto read_files = [&tx]() -> absl::StatusOr<std::vector<CorpusFile>> {
      std::vector<CorpusFile> files;
      for (const pqxx::row& row : tx.exec("SELECT path, contents FROM parley_file ORDER BY path")) {
        files.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
      }
      return files;
    };
    *planned = true;
    absl::StatusOr<StoreWrite> write = plan(locked, read_files);
    if (!write.ok()) return write.status();  // the transaction rolls back
    const int64_t next = version + 1;
    for (const FileChange& change : write->files) {
      if (!IsCorpusFilePath(change.path)) {
        return absl::InvalidArgumentError(
            absl::StrCat("\"", change.path, "\" is not a corpus file path"));
      }
    }
    if (write->replace_all) {
      // An import: the table emptied, then every file in one COPY.
      tx.exec0("DELETE FROM parley_file");
      pqxx::stream_to copy(tx, "parley_file",
                           std::vector<std::string>{"path", "contents", "version"});
      for (const FileChange& change : write->files) {
        if (change.contents) copy << std::make_tuple(change.path, *change.contents, next);
      }
      copy.complete();
    } else {
      for (const FileChange& change : write->files) {
        if (change.contents) {
          tx.exec_params0(
              "INSERT INTO parley_file (path, contents, version) VALUES ($1, $2, $3) "
              "ON CONFLICT (path) DO UPDATE SET contents = EXCLUDED.contents, "
              "version = EXCLUDED.version",
              change.path, *change.contents, next);
        } else {
          tx.exec_params0("DELETE FROM parley_file WHERE path = $1", change.path);
        }
      }
    }
    {
      // An import's feed has a row per entity, event, participation and
      // document: one COPY.
      pqxx::stream_to copy(
          tx, "parley_change",
          std::vector<std::string>{"version", "seq", "kind", "id", "type", "changed_at"});
      int seq = 0;
      for (const v1::Change& change : write->changes) {
        copy << std::make_tuple(next, seq++, static_cast<int>(change.kind()), change.id(),
                                static_cast<int>(change.type()), std::string("now"));
      }
      copy.complete();
    }
    // The feed keeps kFeedVersions versions.
    const int64_t new_feed_start = std::max(feed_start, next - kFeedVersions);
    tx.exec_params0("DELETE FROM parley_change WHERE version <= $1", new_feed_start);
    tx.exec_params0(
        "UPDATE parley_corpus SET version = $1, content_sha256 = $2, feed_start = $3, "
        "changed_at = now()",
        next, write->content_sha256, new_feed_start);
    tx.exec0(absl::StrCat("NOTIFY ", kChannel, ", '", next, "'"));
    tx.commit();
    return next;
  } catch (const std::exception& e) {
    conn_.reset();
    return FromException(e, "writing");
  }
}

absl::StatusOr<ChangeFeed> PostgresStore::ChangesSinceOnce(int64_t since) {
  std::lock_guard<std::mutex> lock(feed_mu_);
  absl::StatusOr<pqxx::connection_base*> conn = ConnectionLocked(feed_conn_);
  if (!conn.ok()) return conn.status();
  try {
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(**conn);
    const pqxx::row head = tx.exec1("SELECT version, feed_start FROM parley_corpus");
    ChangeFeed feed;
    feed.current_version = head[0].as<int64_t>();
    const int64_t feed_start = head[1].as<int64_t>();
    if (since < 0 || since > feed.current_version) {
      return WithReason(absl::InvalidArgumentError(absl::StrCat(
                            "since_version: ", since, " is not a version of the corpus (0 to ",
                            feed.current_version, ")")),
                        "INVALID_VERSION");
    }
    if (since < feed_start) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "since_version: the feed keeps the changes after version ", feed_start,
                            " only; read everything again (Export) and follow "
                            "the feed from version ",
                            feed.current_version)),
                        "CHANGES_EXPIRED");
    }
    for (const pqxx::row& row :
         tx.exec_params("SELECT version, kind, id, type, extract(epoch from changed_at)::float8 "
                        "FROM parley_change WHERE version > $1 ORDER BY version, seq",
                        since)) {
      feed.changes.push_back(ChangeFromRow(row));
    }
    tx.commit();
    return feed;
  } catch (const std::exception& e) {
    feed_conn_.reset();
    return FromException(e, "reading the change feed");
  }
}

// A connection kept from before may have been closed by the server since
// (a restart): a call that finds it broken is made once more on a new one,
// whose error, if any, is the one that says why.
absl::StatusOr<StoreHead> PostgresStore::Head() {
  absl::StatusOr<StoreHead> head = HeadOnce();
  return absl::IsUnavailable(head.status()) ? HeadOnce() : head;
}

absl::StatusOr<StoreSnapshot> PostgresStore::ReadSnapshot() {
  absl::StatusOr<StoreSnapshot> snapshot = ReadSnapshotOnce();
  return absl::IsUnavailable(snapshot.status()) ? ReadSnapshotOnce() : snapshot;
}

absl::StatusOr<ChangeFeed> PostgresStore::ChangesSince(int64_t since) {
  absl::StatusOr<ChangeFeed> feed = ChangesSinceOnce(since);
  return absl::IsUnavailable(feed.status()) ? ChangesSinceOnce(since) : feed;
}

absl::StatusOr<int64_t> PostgresStore::Write(const Planner& plan) {
  bool planned = false;
  absl::StatusOr<int64_t> version = WriteOnce(plan, &planned);
  // Again only if it broke before the planner ran: nothing was done yet.
  if (absl::IsUnavailable(version.status()) && !planned) return WriteOnce(plan, &planned);
  return version;
}

absl::StatusOr<bool> PostgresStore::WaitForChange(absl::Duration timeout) {
  try {
    if (listener_ == nullptr || !listener_->conn->is_open()) {
      listener_.reset();
      auto listener = std::make_unique<Listener>();
      listener->conn = OpenConnection(uri_);
      listener->receiver =
          std::make_unique<Listener::CountingReceiver>(*listener->conn, &listener->received);
      listener_ = std::move(listener);
      // LISTEN is sent when the receiver is made; report a change so that
      // the caller reads the version it may have missed before.
      return true;
    }
    const int before = listener_->received;
    const int64_t micros = absl::ToInt64Microseconds(timeout);
    listener_->conn->await_notification(micros / 1000000, micros % 1000000);
    listener_->conn->get_notifs();
    if (!listener_->conn->is_open()) {
      listener_.reset();
      return WithReason(absl::UnavailableError("the store closed the connection"),
                        "STORE_UNAVAILABLE");
    }
    return listener_->received != before;
  } catch (const std::exception& e) {
    listener_.reset();
    return FromException(e, "waiting for changes");
  }
}

}  // namespace parley
