// WriteSyntheticCorpus() writes a synthetic corpus in Parley's own format (articles/ and
// kb/*.textproto, see docs/DATA_FORMAT.md) of any size, deterministically:
// the same --entities and --seed give the same bytes on every machine (the
// generator is SplitMix64 and uses no std:: distributions, whose output
// differs between standard libraries).
//
// Proportions, per N entities: ~3% countries (capped at the 60 known names),
// 10% organizations (long names with acronyms, some sharing words), the rest
// people (first names, shared surnames, middle initials, "J. Smith" aliases);
// N/10 documents, N/20 events with 2-4 participants each, positions and
// evidence quotes that really occur in the generated texts.
//
// Used by tools/gen_corpus (the command line) and by the benchmarks.
//
// Thread-safety: a pure function of its arguments (it writes only dir).
#ifndef PARLEY_SERVICE_CORPUS_SYNTHETIC_CORPUS_H_
#define PARLEY_SERVICE_CORPUS_SYNTHETIC_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace parley {

struct SyntheticCorpusInfo {
  size_t countries = 0, organizations = 0, people = 0, documents = 0, events = 0;
  // Names that occur in the corpus, for benchmarks and tests to look up.
  std::vector<std::string> sample_names;     // people's full names
  std::vector<std::string> sample_aliases;   // "J. Smith" forms
  std::vector<std::string> sample_acronyms;  // organizations' acronyms
  std::vector<std::string> sample_person_ids;
};

// Writes a corpus of `entities` entities into dir (created; it must not exist
// or must be empty). Errors: INVALID_ARGUMENT for fewer than 100 entities,
// FAILED_PRECONDITION for a non-empty dir, INTERNAL for I/O errors.
[[nodiscard]] absl::StatusOr<SyntheticCorpusInfo> WriteSyntheticCorpus(const std::string& dir,
                                                                       int64_t entities,
                                                                       uint64_t seed = 1);

}  // namespace parley

#endif  // PARLEY_SERVICE_CORPUS_SYNTHETIC_CORPUS_H_
