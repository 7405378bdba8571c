// Which words of a sentence that match an event trigger tell of an act,
// and how (internal to extraction): a source or a state rather than an act
// ("according to a joint statement", "in talks with"), a dialogue's name
// rather than a session of it, talks that end rather than an agreement
// concluded, words that frame another act ("on the sidelines of the talks",
// "Following the signing"), an act told as separate from the others of its
// day, talks held with a partner beside a signing.
//
// Ownership: the functions read their arguments.
// Errors: none.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_TRIGGER_FILTERS_H_
#define PARLEY_SERVICE_EXTRACT_TRIGGER_FILTERS_H_

#include <cstddef>

#include "absl/strings/string_view.h"
#include "parley/v1/resources.pb.h"
#include "service/extract/article_text.h"

namespace parley {

// The word `back` tokens before token t in sentence s, or "".
absl::string_view WordBefore(const ArticleText& article, size_t t, size_t back, const Sentence& s);

// "after talks between X and Y", "following talks with X": talks told as an
// act before another of the sentence, with people of their own (the
// meeting trigger of kind at token at).
bool TalksBetween(const ArticleText& article, v1::EventKind kind, size_t at, const Sentence& s);

// Whether the article's rounds are a dialogue's (it names a dialogue, or
// speaks of no negotiations or trade).
bool RoundsAreADialogues(const ArticleText& article);

// "The meeting, which concluded on Tuesday": talks ending, not an
// agreement concluded (the trigger of kind at token t).
bool EndsSomething(const ArticleText& article, v1::EventKind kind, size_t t, const Sentence& s);

// "according to a joint statement", "in talks with": a source or a state,
// not an event.
bool IsSourceOrState(const ArticleText& article, v1::EventKind kind, size_t t, size_t length,
                     const Sentence& s);

// "under the India-US Homeland Security Dialogue": the institution, not a
// session of it, unless the sentence launches, numbers or holds it.
bool IsInstitution(const ArticleText& article, v1::EventKind kind, size_t t, const Sentence& s);

// How the trigger of `length` tokens at t places another act of s told
// after it: beside it ("On the sidelines of the talks, X held a separate
// meeting"), the act after it ("Following the signing, the delegations
// held talks") or the act before it ("Prior to the meeting, X called on Y":
// another day); kNone if the trigger tells of an act itself.
enum class ActFrame { kNone, kBeside, kActAfterIt, kActBeforeIt };
ActFrame FrameOfAnotherAct(const ArticleText& article, size_t t, size_t length, const Sentence& s);

// Whether the trigger only frames another act (FrameOfAnotherAct).
bool FramesAnotherAct(const ArticleText& article, size_t t, size_t length, const Sentence& s);

// Whether s places the act of the trigger at token `at` after or beside
// another told before it in s (then that act is one of its own).
bool FramedByAnotherAct(const ArticleText& article, size_t at, const Sentence& s);

// "the 21st meeting of the Counterterrorism Joint Working Group": the
// trigger at t numbers a named body's meeting, an event of its own even
// beside a dialogue told in the same sentence.
bool NumberedMeetingOf(const ArticleText& article, size_t t, const Sentence& s);

// "held a separate meeting", "Separate talks were held": the trigger at t
// told as an act apart from the others of its day.
bool ToldAsSeparate(const ArticleText& article, size_t t, const Sentence& s);

// Whether s has a trigger of kind.
bool TellsOfKind(const ArticleText& article, const Sentence& s, v1::EventKind kind);

// "X held talks with Y ...": talks told as an act with a partner (the
// trigger at token `at`).
bool HeldTalksWith(const ArticleText& article, size_t at, const Sentence& s);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_TRIGGER_FILTERS_H_
