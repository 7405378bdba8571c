// Edit distance for typo tolerance: optimal string alignment (insertions,
// deletions, substitutions and adjacent transpositions, each one edit),
// bounded so that hopeless pairs stop early. Used by the name index's typo
// search, by document search's "did you mean", and by the knowledge base's
// errors (ClosestWithin: the one id or field name meant).
// Thread-safety: pure functions; a ClosestWithin is one caller's.
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

// The one candidate closest to a typed string, within a number of edits:
// what "did you mean" offers. Candidates are offered one at a time; the
// answer is the closest, unless two are equally close (no guess, then) or
// none is within max_edits.
//   ClosestWithin closest(typed, 2);
//   for (const std::string& id : ids) closest.Offer(id);
//   if (!closest.found().empty()) ...
// Ownership: the answer views the offered candidate: it must outlive it.
class ClosestWithin {
 public:
  ClosestWithin(absl::string_view typed, int max_edits) : typed_(typed), max_edits_(max_edits) {}

  void Offer(absl::string_view candidate) {
    const int d = BoundedEditDistance(typed_, candidate, best_ <= max_edits_ ? best_ : max_edits_);
    if (d > max_edits_ || d > best_) return;
    tied_ = d == best_;
    if (d < best_) {
      best_ = d;
      closest_ = candidate;
    }
  }

  // The closest candidate offered if exactly one is closest, else "" (an
  // empty candidate is never an answer).
  absl::string_view found() const { return tied_ ? absl::string_view() : closest_; }

 private:
  absl::string_view typed_;
  int max_edits_;
  int best_ = INT32_MAX;  // the closest candidate's edits
  absl::string_view closest_;
  bool tied_ = false;  // another candidate is as close as closest_
};

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_EDIT_DISTANCE_H_
