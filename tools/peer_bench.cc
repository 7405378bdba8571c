// peer_bench: Parley side by side with the engines a user would pick
// instead — Xapian 1.4 (documents), SQLite 3 with FTS5 (names and documents)
// and, given --postgres, PostgreSQL 15 (pg_trgm, B-tree, tsvector + GIN) —
// on one generated corpus (tools/gen_corpus), the same query sets
// (service/lookup/bench_queries.h, 1,000 queries each), top 10, one query at
// a time, in process where the engine allows it (PostgreSQL over its socket).
//
// Each engine runs in a child process of its own, so its peak resident memory
// is its own (wait4's ru_maxrss). Load time: Parley from the corpus directory
// to a built index; the peers from the texts and names in memory to a built
// and committed index (reading the files is not counted for them).
//
//   build/tools/peer_bench --corpus=/tmp/parley-bench-1000000 --work=/tmp/peers
//       [--postgres=postgresql:///postgres?host=/tmp/pg&user=parley] [--markdown_out=F]
//
// The table it prints is the one in docs/BENCHMARKS.md ("Side by side").
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tools/peer_engines.h"

ABSL_FLAG(std::string, corpus, "", "a corpus written by gen_corpus");
ABSL_FLAG(std::string, work, "/tmp/parley-peers", "where the peers' databases are written");
ABSL_FLAG(std::string, postgres, "",
          "a libpq URI of an empty PostgreSQL 15 database; none: skipped");
ABSL_FLAG(std::string, engines, "parley,xapian,sqlite,postgres", "which engines run");
ABSL_FLAG(int, queries, 1000, "queries per set");
ABSL_FLAG(int, rounds, 5,
          "times each query is asked, in rounds over its set; its time is their median "
          "(1: each query once)");
ABSL_FLAG(std::vector<std::string>, sets, {},
          "which query sets are timed (typo,exact,prefix,all_words,phrase; Parley only: "
          "exact_whole,prefix_whole); none: all");
ABSL_FLAG(std::string, parley_snapshot_dir, "",
          "read Parley's index from a snapshot in this directory (written there by the first "
          "run): its load time is then a restart's, not a build's");
ABSL_FLAG(std::string, markdown_out, "", "also write the table here");

namespace parley {
namespace {

// Runs fn in a child process; its result comes back through a pipe, with the
// child's peak resident memory.
absl::StatusOr<EngineResult> InChild(const std::function<absl::StatusOr<EngineResult>()>& fn) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return absl::InternalError("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    close(pipe_fds[0]);
    absl::StatusOr<EngineResult> result = fn();
    const std::string text =
        result.ok() ? SerializeResult(*result) : absl::StrCat("error ", result.status().ToString());
    size_t written = 0;
    while (written < text.size()) {
      const ssize_t n = write(pipe_fds[1], text.data() + written, text.size() - written);
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    close(pipe_fds[1]);
    _exit(result.ok() ? 0 : 1);
  }
  close(pipe_fds[1]);
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(pipe_fds[0], buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  close(pipe_fds[0]);
  int status = 0;
  struct rusage usage {};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) return absl::InternalError("wait4 failed");
  }
  if (absl::StartsWith(text, "error ")) return absl::InternalError(text.substr(6));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {  // a crash mid-way: a partial result
    return absl::InternalError(absl::StrCat("the child ended with status ", status));
  }
  absl::StatusOr<EngineResult> result = ParseResult(text);
  if (!result.ok()) {
    return absl::InternalError(
        absl::StrCat("the child exited with status ", status, ": ", result.status().message()));
  }
  result->peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;
  return result;
}

int Main() {
  const std::string corpus = absl::GetFlag(FLAGS_corpus);
  const std::string work = absl::GetFlag(FLAGS_work);
  if (corpus.empty()) {
    std::cerr << "peer_bench: --corpus is required (a directory written by gen_corpus)\n";
    return 2;
  }
  std::filesystem::create_directories(work);
  SetTimingRounds(absl::GetFlag(FLAGS_rounds));
  SetWantedSets(absl::GetFlag(FLAGS_sets));
  const std::string queries = work + "/queries.tsv";
  const size_t per_set = static_cast<size_t>(absl::GetFlag(FLAGS_queries));
  const std::vector<std::string> wanted = absl::StrSplit(absl::GetFlag(FLAGS_engines), ',');
  auto runs = [&](absl::string_view e) {
    return std::find(wanted.begin(), wanted.end(), e) != wanted.end();
  };
  std::vector<EngineResult> results;
  bool failed = false;
  // Parley first: it draws the query sets and writes them for the others.
  const std::vector<std::pair<std::string, std::function<absl::StatusOr<EngineResult>()>>> engines =
      {{"parley",
        [&] {
          return RunParley(corpus, queries, per_set, absl::GetFlag(FLAGS_parley_snapshot_dir));
        }},
       {"xapian", [&] { return RunXapian(corpus, work, queries); }},
       {"sqlite", [&] { return RunSqlite(corpus, work, queries); }},
       {"postgres", [&] { return RunPostgres(corpus, absl::GetFlag(FLAGS_postgres), queries); }}};
  for (const auto& [name, run] : engines) {
    if (!runs(name) || (name == "postgres" && absl::GetFlag(FLAGS_postgres).empty())) continue;
    std::cerr << "peer_bench: " << name << " ...\n";
    absl::StatusOr<EngineResult> result = InChild(run);
    if (!result.ok()) {
      std::cerr << "peer_bench: " << name << ": " << result.status().message() << "\n";
      failed = true;
      if (name == "parley") return 1;  // no queries for the others
      continue;
    }
    // Each query's time, for a look at the slowest (queries.tsv lists them in the same order).
    std::ofstream(absl::StrCat(work, "/", name, ".times")) << SerializeResult(*result);
    results.push_back(*result);
  }
  const std::string table = MarkdownTable(results);
  std::cout << table;
  if (!absl::GetFlag(FLAGS_markdown_out).empty()) {
    std::ofstream(absl::GetFlag(FLAGS_markdown_out)) << table;
  }
  return failed ? 1 : 0;
}

}  // namespace
}  // namespace parley

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Parley side by side with Xapian, SQLite FTS5 and PostgreSQL");
  absl::ParseCommandLine(argc, argv);
  return parley::Main();
}
