// SQLite 3.40 in process, a database file in the work directory: names in a
// table with a NOCASE B-tree index (exact: equality; prefix: the range of
// keys starting with it, alphabetical as a B-tree gives them) and in an FTS5
// trigram table (typos: any of the query's trigrams, best bm25 first);
// documents in an FTS5 table (words AND, "phrases"; each hit's snippet()).
#include <filesystem>
#include <memory>

#include <sqlite3.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "tools/peer_engines.h"

namespace parley {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct Finalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

absl::Status Exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = absl::StrCat("SQLite: ", sql, ": ", error ? error : "?");
    sqlite3_free(error);
    return absl::InternalError(message);
  }
  return absl::OkStatus();
}

absl::StatusOr<Statement> Prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
    return absl::InternalError(absl::StrCat("SQLite: ", sql, ": ", sqlite3_errmsg(db)));
  }
  return Statement(s);
}

// Statements that failed (a syntax error would otherwise pass for a fast
// query that found nothing); RunSqlite fails if any did.
int failures = 0;

// Rows' first column as text, after binding the parameters.
std::vector<std::string> Rows(sqlite3_stmt* s, const std::vector<std::string>& params) {
  sqlite3_reset(s);
  for (size_t i = 0; i < params.size(); ++i) {
    if (sqlite3_bind_text(s, static_cast<int>(i + 1), params[i].data(),
                          static_cast<int>(params[i].size()), SQLITE_TRANSIENT) != SQLITE_OK) {
      ++failures;
    }
  }
  std::vector<std::string> rows;
  int step;
  while ((step = sqlite3_step(s)) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(s, 0);
    rows.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
  }
  if (step != SQLITE_DONE) ++failures;
  return rows;
}

// A string as an FTS5 string: in double quotes, its own doubled.
std::string FtsString(absl::string_view text) {
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

// An FTS5 query of the query's words ('"w1" "w2"') or phrase ('"w1 w2"').
std::string FtsQuery(const std::string& q) {
  if (!q.empty() && q[0] == '"') return q;
  std::vector<std::string> words = absl::StrSplit(q, ' ', absl::SkipEmpty());
  for (std::string& w : words) w = FtsString(w);
  return absl::StrJoin(words, " ");
}

// Any of the lower-cased query's trigrams.
std::string TrigramQuery(const std::string& q) {
  const std::string lower = absl::AsciiStrToLower(q);
  std::vector<std::string> grams;
  for (size_t i = 0; i + 3 <= lower.size(); ++i) {
    grams.push_back(FtsString(lower.substr(i, 3)));
  }
  return absl::StrJoin(grams, " OR ");
}

}  // namespace

absl::StatusOr<EngineResult> RunSqlite(const std::string& corpus_dir, const std::string& work,
                                       const std::string& queries_file) {
  absl::StatusOr<PeerInputs> inputs = ReadPeerInputs(corpus_dir, queries_file, /*names=*/true);
  if (!inputs.ok()) return inputs.status();
  PeerQueries* queries = &inputs->queries;
  PeerCorpus* corpus = &inputs->corpus;
  EngineResult result;
  result.engine = "sqlite";
  const std::string path = work + "/peer.sqlite";
  std::filesystem::remove(path);
  sqlite3* raw = nullptr;
  if (sqlite3_open(path.c_str(), &raw) != SQLITE_OK) {
    return absl::InternalError(absl::StrCat("SQLite: cannot open ", path));
  }
  std::unique_ptr<sqlite3, CloseDb> db(raw);
  const auto start = std::chrono::steady_clock::now();
  for (const char* sql : {"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "BEGIN",
                          "CREATE TABLE names(entity TEXT, name TEXT)",
                          "CREATE VIRTUAL TABLE names_trigram USING fts5(name, tokenize='trigram')",
                          "CREATE VIRTUAL TABLE docs USING fts5(text)"}) {
    if (absl::Status s = Exec(db.get(), sql); !s.ok()) return s;
  }
  {
    absl::StatusOr<Statement> name = Prepare(db.get(), "INSERT INTO names VALUES (?1, ?2)");
    absl::StatusOr<Statement> gram = Prepare(db.get(), "INSERT INTO names_trigram VALUES (?1)");
    absl::StatusOr<Statement> doc = Prepare(db.get(), "INSERT INTO docs VALUES (?1)");
    if (!name.ok()) return name.status();
    if (!gram.ok()) return gram.status();
    if (!doc.ok()) return doc.status();
    for (const PeerCorpus::Name& n : corpus->names) {
      Rows(name->get(), {n.entity, n.name});
      Rows(gram->get(), {n.name});
    }
    for (const std::string& text : corpus->documents) Rows(doc->get(), {text});
  }
  for (const char* sql : {"CREATE INDEX names_nocase ON names(name COLLATE NOCASE)", "COMMIT"}) {
    if (absl::Status s = Exec(db.get(), sql); !s.ok()) return s;
  }
  result.load_seconds = SecondsSince(start);
  *corpus = PeerCorpus();  // the engine keeps only its database

  absl::StatusOr<Statement> exact =
      Prepare(db.get(), "SELECT name FROM names WHERE name = ?1 COLLATE NOCASE LIMIT 10");
  absl::StatusOr<Statement> prefix =
      Prepare(db.get(),
              "SELECT name FROM names WHERE name >= ?1 COLLATE NOCASE AND name < ?2 COLLATE NOCASE "
              "ORDER BY name COLLATE NOCASE LIMIT 10");
  absl::StatusOr<Statement> typo =
      Prepare(db.get(),
              "SELECT name FROM names_trigram WHERE names_trigram MATCH ?1 ORDER BY rank LIMIT 10");
  absl::StatusOr<Statement> docs =
      Prepare(db.get(),
              "SELECT rowid, snippet(docs, 0, '[', ']', '...', 40) FROM docs WHERE docs MATCH ?1 "
              "ORDER BY rank LIMIT 10");
  for (const auto* s : {&exact, &prefix, &typo, &docs}) {
    if (!s->ok()) return s->status();
  }
  result.sets["exact"] = TimeSet(queries->sets["exact"],
                                 [&](const std::string& q) { return Rows(exact->get(), {q}); });
  result.sets["prefix"] = TimeSet(queries->sets["prefix"], [&](const std::string& q) {
    std::string end = absl::AsciiStrToLower(q);
    end.back() = static_cast<char>(end.back() + 1);
    return Rows(prefix->get(), {q, end});
  });
  result.sets["typo"] = TimeSet(
      queries->sets["typo"],
      [&](const std::string& q) { return Rows(typo->get(), {TrigramQuery(q)}); },
      &queries->intended);
  auto search = [&](const std::string& q) { return Rows(docs->get(), {FtsQuery(q)}); };
  result.sets["all_words"] = TimeSet(queries->sets["all_words"], search);
  result.sets["phrase"] = TimeSet(queries->sets["phrase"], search);
  if (failures > 0) {
    return absl::InternalError(absl::StrCat("SQLite: ", failures, " statements failed"));
  }
  return result;
}

}  // namespace parley
