// PostgreSQL 15 over its socket (libpqxx), the way a user would set it up
// for this: names in a table with a B-tree on lower(name) (exact: equality;
// prefix: LIKE 'abcd%', alphabetical; the cluster is --no-locale, so the
// B-tree serves LIKE) and a pg_trgm GIN index (typos: the % operator, best
// similarity first); documents with a stored tsvector ('simple': no stemming,
// as Parley) under GIN (plainto_tsquery for words AND, phraseto_tsquery for
// phrases, ts_rank order, ts_headline of the ten returned).
#include <pqxx/pqxx>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tools/peer_engines.h"

namespace parley {

absl::StatusOr<EngineResult> RunPostgres(const std::string& corpus_dir, const std::string& uri,
                                         const std::string& queries_file) {
  absl::StatusOr<PeerInputs> inputs = ReadPeerInputs(corpus_dir, queries_file, /*names=*/true);
  if (!inputs.ok()) return inputs.status();
  PeerQueries* queries = &inputs->queries;
  PeerCorpus* corpus = &inputs->corpus;
  EngineResult result;
  result.engine = "postgres";
  try {
    pqxx::connection conn(uri);
    {
      // Each LIKE 'abcd%' planned with its value (a generic plan of the
      // prepared statement could not use the B-tree).
      pqxx::nontransaction setup(conn);
      setup.exec0("SET plan_cache_mode = force_custom_plan");
    }
    const auto start = std::chrono::steady_clock::now();
    {
      pqxx::work tx(conn);
      tx.exec0("CREATE EXTENSION IF NOT EXISTS pg_trgm");
      tx.exec0("DROP TABLE IF EXISTS peer_names, peer_docs");
      tx.exec0("CREATE TABLE peer_names (entity text, name text)");
      tx.exec0(
          "CREATE TABLE peer_docs (id int, text text, tsv tsvector GENERATED ALWAYS AS "
          "(to_tsvector('simple', text)) STORED)");
      {
        pqxx::stream_to copy(tx, "peer_names", std::vector<std::string>{"entity", "name"});
        for (const PeerCorpus::Name& n : corpus->names) copy << std::make_tuple(n.entity, n.name);
        copy.complete();
      }
      {
        pqxx::stream_to copy(tx, "peer_docs", std::vector<std::string>{"id", "text"});
        for (size_t d = 0; d < corpus->documents.size(); ++d) {
          copy << std::make_tuple(static_cast<int>(d), corpus->documents[d]);
        }
        copy.complete();
      }
      tx.exec0("CREATE INDEX peer_names_lower ON peer_names (lower(name))");
      tx.exec0("CREATE INDEX peer_names_trgm ON peer_names USING gin (lower(name) gin_trgm_ops)");
      tx.exec0("CREATE INDEX peer_docs_tsv ON peer_docs USING gin (tsv)");
      tx.commit();
    }
    {
      pqxx::nontransaction analyze(conn);
      analyze.exec0("ANALYZE peer_names");
      analyze.exec0("ANALYZE peer_docs");
    }
    result.load_seconds = SecondsSince(start);
    *corpus = PeerCorpus();

    conn.prepare("exact", "SELECT name FROM peer_names WHERE lower(name) = lower($1) LIMIT 10");
    conn.prepare("prefix",
                 "SELECT name FROM peer_names WHERE lower(name) LIKE $1 ORDER BY lower(name) "
                 "LIMIT 10");
    conn.prepare("typo",
                 "SELECT name FROM peer_names WHERE lower(name) % lower($1) "
                 "ORDER BY similarity(lower(name), lower($1)) DESC LIMIT 10");
    for (const char* kind : {"plainto_tsquery", "phraseto_tsquery"}) {
      conn.prepare(kind, absl::StrCat("SELECT id, ts_headline('simple', text, q) FROM (SELECT id, "
                                      "text, q FROM peer_docs, ",
                                      kind,
                                      "('simple', $1) q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) "
                                      "DESC LIMIT 10) best"));
    }
    pqxx::nontransaction tx(conn);
    auto rows = [&](const char* statement, const std::string& param) {
      std::vector<std::string> top;
      for (const pqxx::row& row : tx.exec_prepared(statement, param)) {
        top.push_back(row[0].as<std::string>());
      }
      return top;
    };
    result.sets["exact"] =
        TimeSet(queries->sets["exact"], [&](const std::string& q) { return rows("exact", q); });
    result.sets["prefix"] = TimeSet(queries->sets["prefix"], [&](const std::string& q) {
      return rows("prefix", absl::StrCat(absl::AsciiStrToLower(q), "%"));
    });
    result.sets["typo"] = TimeSet(
        queries->sets["typo"], [&](const std::string& q) { return rows("typo", q); },
        &queries->intended);
    result.sets["all_words"] = TimeSet(queries->sets["all_words"], [&](const std::string& q) {
      return rows("plainto_tsquery", q);
    });
    result.sets["phrase"] = TimeSet(queries->sets["phrase"], [&](const std::string& q) {
      return rows("phraseto_tsquery", q.size() > 2 ? q.substr(1, q.size() - 2) : q);
    });
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("PostgreSQL: ", e.what()));
  }
  return result;
}

}  // namespace parley
