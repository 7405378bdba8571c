// Who attended an act the article told before, named in a sentence that
// tells of no act of its own (internal to extraction): "X and Y also
// participated", "X attended the ceremony", "X and Y looked on", "X took
// part in the talks", "X joined the talks virtually", "The Minister was
// joined by X and by Y", "X made a presentation", "X briefed the
// participants", "X joined from New Delhi", "X accompanied the Minister",
// "The meeting was attended by X and Y".
// They are members of the act the words refer to
// ("the ceremony" and "the signing" a signing, "the talks" a meeting or a
// dialogue), else of the act told last (a visit only for "accompanied").
//
// Ownership: reads its arguments; returns what it found.
// Errors: none; a sentence with no such words gives nothing.
// Thread-safety: pure function.
#ifndef PARLEY_SERVICE_EXTRACT_ATTENDANCE_H_
#define PARLEY_SERVICE_EXTRACT_ATTENDANCE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "service/extract/article_text.h"
#include "service/extract/extract.h"

namespace parley {

struct Attendance {
  size_t official = 0;  // index into Extraction::officials
  size_t event = 0;     // index into Extraction::events
  std::string cue;      // the words of the sentence that say so, as written
};

// people: the officials sentence s names (indices into extraction.officials).
std::vector<Attendance> FindAttendance(const ArticleText& article, const Sentence& s,
                                       const std::vector<size_t>& people,
                                       const Extraction& extraction);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_ATTENDANCE_H_
