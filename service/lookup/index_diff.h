// What changed between two indexes, as change-feed rows (parley.v1.Change):
// entities, events, participations (id "<event id>/<person id>") and
// documents added, removed, or changed in any field. The writer of a
// change computes it (old index -> index with the change) and commits it
// with the change, so that every replica serves the same feed.
//
// Thread-safety: a pure function of two immutable indexes.
#ifndef PARLEY_SERVICE_LOOKUP_INDEX_DIFF_H_
#define PARLEY_SERVICE_LOOKUP_INDEX_DIFF_H_

#include <vector>

#include "parley/v1/lookup_service.pb.h"
#include "service/index/index.h"

namespace parley {

// The changes from before to after, by kind then id; version and time
// unset. before == nullptr: everything in after is ADDED.
std::vector<v1::Change> DiffIndexes(const Index* before, const Index& after);

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_INDEX_DIFF_H_
