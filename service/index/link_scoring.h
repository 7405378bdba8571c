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

// What the kind of name says alone: a short name (a surname, a given name)
// says less than a whole one, a demonym less than a country's name.
inline double LinkKindScore(v1::MentionKind kind) {
  static constexpr double kKindScore[] = {0, 1.0, 0.9, 0.7, 0.6, 0.7};
  static_assert(sizeof(kKindScore) / sizeof(kKindScore[0]) == v1::MentionKind_ARRAYSIZE);
  return kind >= 0 && kind < v1::MentionKind_ARRAYSIZE ? kKindScore[kind] : 0;
}

inline double LinkScore(const IndexData& d, const MentionPattern& pattern, size_t candidates,
                        double total_weight) {
  // One candidate keeps its kind's score; several share it by how much the
  // corpus says about each.
  const double share = candidates == 1 ? 1.0 : 0.5 + 0.5 * LinkWeight(d, pattern) / total_weight;
  return LinkKindScore(pattern.kind) * share;
}

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_LINK_SCORING_H_
