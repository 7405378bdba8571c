// What the knowledge base knows that extraction uses: countries with their
// names, aliases and demonyms; organizations with their names, aliases and
// country; the cities events took place in with their country. Plain data,
// read from a Corpus's records (no Index needed).
//
// Thread-safety: plain data; KnownFactsOf is pure.
#ifndef PARLEY_SERVICE_EXTRACT_KNOWN_FACTS_H_
#define PARLEY_SERVICE_EXTRACT_KNOWN_FACTS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "service/corpus/corpus.h"

namespace parley {

struct KnownFacts {
  struct Named {
    std::string id;
    std::string country_id;          // organizations: their country, or ""
    std::vector<std::string> names;  // name first, then aliases (and demonyms)
  };
  struct Place {
    std::string city, country_id;
  };
  std::vector<Named> countries;
  std::vector<Named> organizations;
  std::vector<Place> places;
};

// The known facts of corpus's knowledge-base records, in record order.
// Organizations in withheld_organizations are left out (the evaluation
// withholds an article's own annotations). Errors: ForEachEntityRecord's.
absl::StatusOr<KnownFacts> KnownFactsOf(
    const Corpus& corpus, const absl::flat_hash_set<std::string>& withheld_organizations = {});

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_KNOWN_FACTS_H_
