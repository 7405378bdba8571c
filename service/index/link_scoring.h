// How LinkMentions ranks the candidates of a span: by the kind of name that
// matched, and several candidates share by how much the corpus says about
// each. One scoring scheme, used when the index is built (candidates are
// pre-sorted per matcher node) and when a span's words are not accepted by
// every candidate.
#ifndef PARLEY_SERVICE_INDEX_LINK_SCORING_H_
#define PARLEY_SERVICE_INDEX_LINK_SCORING_H_

#include <cstddef>

#include "service/index/index_data.h"

namespace parley {

// Events the entity took part in, plus one.
inline double LinkWeight(const IndexData& d, const MentionPattern& pattern) {
  return d.entity_store[pattern.entity].event_count() + 1.0;
}

inline double LinkScore(const IndexData& d, const MentionPattern& pattern, size_t candidates,
                        double total_weight) {
  static constexpr double kKindScore[] = {0, 1.0, 0.9, 0.7, 0.6};
  // One candidate keeps its kind's score; several share it by how much the
  // corpus says about each.
  const double share = candidates == 1 ? 1.0 : 0.5 + 0.5 * LinkWeight(d, pattern) / total_weight;
  return kKindScore[pattern.kind] * share;
}

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_LINK_SCORING_H_
