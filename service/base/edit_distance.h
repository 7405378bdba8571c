// Edit distance for typo tolerance: optimal string alignment (insertions,
// deletions, substitutions and adjacent transpositions, each one edit),
// bounded so that hopeless pairs stop early. Used by the name index's typo
// search and by document search's "did you mean".
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_BASE_EDIT_DISTANCE_H_
#define PARLEY_SERVICE_BASE_EDIT_DISTANCE_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace parley {

// Edits tolerated for a query key of this many bytes: none up to 2, one up to
// 5, two beyond.
int MaxEditsFor(size_t key_size);

// Edit distance between a and b if it is at most max_edits, else max_edits + 1.
int BoundedEditDistance(absl::string_view a, absl::string_view b, int max_edits);

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_EDIT_DISTANCE_H_
