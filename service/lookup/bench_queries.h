// The query sets Parley's benchmarks and the side-by-side comparison with
// other engines (tools/peer_bench) run: drawn from a built index of a
// generated corpus, deterministically (a fixed seed and no std::
// distributions), so every engine and every run is asked the same questions.
//
//   exact:  people's full names, as written
//   prefix: the first four letters of those names
//   typo:   those names with one or two random edits (a letter substituted,
//           dropped or swapped with the next); `intended` keeps the name
//   all_words: two words (four letters or more) of one document, both required
//   phrase: two adjacent words of one document, as a "quoted phrase"
//
// Thread-safety: a pure function of the index.
#ifndef PARLEY_SERVICE_LOOKUP_BENCH_QUERIES_H_
#define PARLEY_SERVICE_LOOKUP_BENCH_QUERIES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "service/index/index.h"

namespace parley {

struct BenchQuerySets {
  std::vector<std::string> exact, prefix, typo, all_words, phrase;
  std::vector<std::string> intended;  // of each typo query: the name it misspells
};

// Up to `per_set` queries in each set (fewer only in a corpus too small for
// them). Names are people's names of eight bytes or more, spread over the
// index; documents are spread over the corpus.
BenchQuerySets MakeBenchQueries(const Index& index, size_t per_set = 1000);

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_BENCH_QUERIES_H_
