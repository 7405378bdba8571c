// gen_corpus: writes a deterministic synthetic corpus in Parley's format (see
// synthetic_corpus.h for what it contains).
//
//   gen_corpus --out=/tmp/corpus-100k --entities=100000 [--seed=1]
#include <cstdio>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "service/corpus/synthetic_corpus.h"

ABSL_FLAG(std::string, out, "", "Directory to write (created; must not exist or be empty)");
ABSL_FLAG(int64_t, entities, 10000, "Number of entities (at least 100)");
ABSL_FLAG(uint64_t, seed, 1, "Random seed");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Writes a deterministic synthetic Parley corpus.\n"
      "  gen_corpus --out=DIR --entities=N [--seed=S]");
  absl::ParseCommandLine(argc, argv);
  absl::StatusOr<parley::SyntheticCorpusInfo> info = parley::WriteSyntheticCorpus(
      absl::GetFlag(FLAGS_out), absl::GetFlag(FLAGS_entities), absl::GetFlag(FLAGS_seed));
  if (!info.ok()) {
    std::cerr << "gen_corpus: " << info.status().message() << "\n";
    return 2;
  }
  std::printf(
      "gen_corpus: wrote %s: %zu countries, %zu organizations, %zu people, "
      "%zu documents, %zu events\n",
      absl::GetFlag(FLAGS_out).c_str(), info->countries, info->organizations, info->people,
      info->documents, info->events);
  return 0;
}
