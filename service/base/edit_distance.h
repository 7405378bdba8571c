// Edit distance for typo tolerance: optimal string alignment (insertions,
// deletions, substitutions and adjacent transpositions, each one edit),
// bounded so that hopeless pairs stop early. Used by the name index's typo
// search and by document search's "did you mean".
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_BASE_EDIT_DISTANCE_H_
#define PARLEY_SERVICE_BASE_EDIT_DISTANCE_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace parley {

// Characters (UTF-8 code points) in text: each lead byte with the
// continuation bytes it announces counts as one, and so does each byte
// that is not part of such a character (a stray continuation byte).
size_t CodePointCount(absl::string_view text);

// Bytes of text's longest character (1 for ASCII, up to 4).
int LongestCodePoint(absl::string_view text);

// Edits tolerated for a query key of this many characters (CodePointCount):
// none up to 2, one up to 5, two beyond.
int MaxEditsFor(size_t key_characters);

// Edit distance between a and b, in characters (UTF-8 code points: "Лавров"
// and "Лаврав" are one edit apart, though two bytes differ), if it is at
// most max_edits, else max_edits + 1. Bytes that are not UTF-8 count one
// each.
int BoundedEditDistance(absl::string_view a, absl::string_view b, int max_edits);

// The same for strings known to be ASCII, without looking for other bytes
// (a typo search over ASCII keys, its hot loop).
// REQUIRES: every byte of a and b is below 0x80.
int BoundedAsciiEditDistance(absl::string_view a, absl::string_view b, int max_edits);

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_EDIT_DISTANCE_H_
