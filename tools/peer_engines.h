// The engines tools/peer_bench compares, one file each (peer_parley.cc,
// peer_xapian.cc, peer_sqlite.cc, peer_postgres.cc), and what they share:
// the corpus as the peers read it, the query file, per-query timing and the
// report.
//
// Thread-safety: each Run* function is meant to run alone in a process of
// its own (peer_bench forks one per engine).
#ifndef PARLEY_TOOLS_PEER_ENGINES_H_
#define PARLEY_TOOLS_PEER_ENGINES_H_

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace parley {

// One query set on one engine.
struct SetResult {
  double p50_us = 0, p99_us = 0;
  double per_second = 0;     // one client, one query at a time
  double recall_at_10 = -1;  // typo sets only
  size_t queries = 0;
  std::vector<double> micros;  // per query, in the set's order
};

struct EngineResult {
  std::string engine;
  double load_seconds = 0;
  double peak_rss_mib = 0;                // filled in by the parent
  std::map<std::string, SetResult> sets;  // "typo", "exact", "prefix", "all_words", "phrase"
};

std::string SerializeResult(const EngineResult& result);
absl::StatusOr<EngineResult> ParseResult(absl::string_view text);
// Parley ÷ each peer, per set and figure.
std::string MarkdownTable(const std::vector<EngineResult>& results);

// The query sets, as Parley drew them: lines "set<TAB>query<TAB>intended".
struct PeerQueries {
  std::map<std::string, std::vector<std::string>> sets;
  std::vector<std::string> intended;  // of each typo query
};
absl::Status WriteQueries(const std::string& path, const PeerQueries& queries);
absl::StatusOr<PeerQueries> ReadQueries(const std::string& path);

// What the peers index: every entity's name and aliases, and every article.
struct PeerCorpus {
  struct Name {
    std::string entity, name;
  };
  std::vector<Name> names;
  std::vector<std::string> documents;
};
absl::StatusOr<PeerCorpus> ReadPeerCorpus(const std::string& dir, bool names = true);

// What a peer starts from: the query file Parley wrote and the corpus.
struct PeerInputs {
  PeerQueries queries;
  PeerCorpus corpus;
};
absl::StatusOr<PeerInputs> ReadPeerInputs(const std::string& corpus_dir,
                                          const std::string& queries_file, bool names);

// A set stops after this long (an engine taking 200 ms a query would take
// minutes); the report says how many of its queries were asked.
inline constexpr double kSecondsPerSet = 30;

// Times query(q) for every query of a set (or as many as kSecondsPerSet allows), in rounds
// (SetTimingRounds; 5 unless set): each query's time is the median of its rounds, and p50/p99
// are over the queries. query returns the names (or document ids) of its top ten, which
// `intended` (typo sets) is looked for in, in the first round.
void SetTimingRounds(int rounds);
// The query sets timed: all of them unless SetWantedSets names some. A peer reads the query
// file through ReadQueries, which leaves the others' queries out (an empty set times nothing).
void SetWantedSets(const std::vector<std::string>& names);
bool WantedSet(absl::string_view name);
SetResult TimeSet(const std::vector<std::string>& queries,
                  const std::function<std::vector<std::string>(const std::string&)>& query,
                  const std::vector<std::string>* intended = nullptr);

double SecondsSince(std::chrono::steady_clock::time_point start);

// snapshot_dir: "" builds the index; else it is read from the snapshot there
// when one of this corpus is (and one is written there when not): the
// queries on an index as a restarted server has it, without the build's wait.
absl::StatusOr<EngineResult> RunParley(const std::string& corpus, const std::string& queries_out,
                                       size_t per_set, const std::string& snapshot_dir);
absl::StatusOr<EngineResult> RunXapian(const std::string& corpus, const std::string& work,
                                       const std::string& queries);
absl::StatusOr<EngineResult> RunSqlite(const std::string& corpus, const std::string& work,
                                       const std::string& queries);
absl::StatusOr<EngineResult> RunPostgres(const std::string& corpus, const std::string& uri,
                                         const std::string& queries);

}  // namespace parley

#endif  // PARLEY_TOOLS_PEER_ENGINES_H_
