#include "service/extract/trigger_filters.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace parley {
namespace {

// "7th", "21st", "2nd", "3rd": a round's number.
bool IsNumericOrdinal(absl::string_view norm) {
  size_t digits = 0;
  while (digits < norm.size() && absl::ascii_isdigit(static_cast<unsigned char>(norm[digits]))) {
    ++digits;
  }
  const absl::string_view suffix = norm.substr(digits);
  return digits > 0 && (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th");
}

}  // namespace

// The word `back` tokens before token t in sentence s, or "".
absl::string_view WordBefore(const ArticleText& article, size_t t, size_t back, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  return t >= s.first + back ? absl::string_view(tokens[t - back].norm) : "";
}

// "after talks between X and Y", "following talks with X": talks told as
// an act before another of the sentence (a signing), with people of their own.
bool TalksBetween(const ArticleText& article, v1::EventKind kind, size_t at, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  if (kind != v1::EVENT_KIND_MEETING || at <= s.first || at + 1 >= s.end) return false;
  const absl::string_view before = tokens[at - 1].norm, after = tokens[at + 1].norm;
  return (before == "after" || before == "following") && (after == "between" || after == "with");
}

// Whether the article's rounds are a dialogue's: it names a
// dialogue, or speaks of no negotiations or trade ("the second round of
// India-US homeland security talks" is a round of the Homeland Security
// Dialogue; "the sixth round since negotiations began" one of trade talks).
bool RoundsAreADialogues(const ArticleText& article) {
  const std::vector<Token>& tokens = article.tokens();
  bool negotiations = false;
  for (const Token& token : tokens) {
    if (token.norm == "dialogue" || token.norm == "dialogues") return true;
    negotiations =
        negotiations || absl::StartsWith(token.norm, "negotiat") || token.norm == "trade";
  }
  return !negotiations;
}

// "The meeting, which concluded on Tuesday": talks ending, not an
// agreement concluded.
bool EndsSomething(const ArticleText& article, v1::EventKind kind, size_t t, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  if (kind != v1::EVENT_KIND_AGREEMENT_SIGNING || tokens[t].norm != "concluded") return false;
  const absl::string_view before = WordBefore(article, t, 1, s);
  const absl::string_view after = t + 1 < s.end ? absl::string_view(tokens[t + 1].norm) : "";
  return before == "which" || before == "that" || after.empty() || after == "on" || after == "in" ||
         after == "with" || after == "today" || after == "yesterday";
}

// "according to a joint statement", "said in a statement": a source, not
// an event. "in talks with": a state, not an event.
bool IsSourceOrState(const ArticleText& article, v1::EventKind kind, size_t t, size_t length,
                     const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  if (kind == v1::EVENT_KIND_STATEMENT &&
      (lexicon.IsSourceCue(WordBefore(article, t, 1, s)) ||
       lexicon.IsSourceCue(WordBefore(article, t, 2, s)) ||
       lexicon.IsSourceCue(WordBefore(article, t, 3, s)) ||
       (WordBefore(article, t, 1, s) == "a" && WordBefore(article, t, 2, s) == "in") ||
       (t + length < s.end && lexicon.IsReportingVerb(tokens[t + length].norm)))) {
    return true;
  }
  return kind == v1::EVENT_KIND_MEETING && WordBefore(article, t, 1, s) == "in" &&
         tokens[t].norm == "talks";
}

// "under the India-US Homeland Security Dialogue": the institution, not a
// round of it, unless the sentence launches or numbers it.
bool IsInstitution(const ArticleText& article, v1::EventKind kind, size_t t, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  if (kind != v1::EVENT_KIND_DIALOGUE || !tokens[t].capitalized) return false;
  // "constituted under the India-US Homeland Security Dialogue": the
  // framework a body works under, whatever else the sentence numbers.
  size_t name = t;
  while (name > s.first && name + 6 > t &&
         (tokens[name - 1].capitalized || article.Gap(name) == "-")) {
    --name;
  }
  if (name >= s.first + 2 && tokens[name - 1].norm == "the" && tokens[name - 2].norm == "under") {
    return true;
  }
  // "when she led the U.S. delegation to the Raisina Dialogue": a gathering
  // a delegation went to, no round of talks told.
  if (name >= s.first + 3 && tokens[name - 1].norm == "the" && tokens[name - 2].norm == "to" &&
      lexicon.IsDelegationWord(tokens[name - 3].norm)) {
    return true;
  }
  // "co-chaired the Strategic Security Dialogue with X": a session held.
  for (size_t k = t >= s.first + 8 ? t - 8 : s.first; k < t; ++k) {
    const absl::string_view w = tokens[k].norm;
    if ((lexicon.IsRoleVerb(w) || w == "attended" || w == "convened") && w != "signed" &&
        !(k + 1 < t && tokens[k + 1].norm == "by")) {
      return false;
    }
  }
  // "The Dialogue was co-chaired by ...": the round just told of.
  if (t > s.first && t + 1 < s.end && tokens[t - 1].norm == "the" &&
      (tokens[t + 1].norm == "was" || tokens[t + 1].norm == "were")) {
    return false;
  }
  for (size_t k = s.first; k < s.end; ++k) {
    if (lexicon.IsDialogueRoundWord(tokens[k].norm) || IsNumericOrdinal(tokens[k].norm)) {
      return false;
    }
  }
  return true;
}

// "On the sidelines of the talks, X held a separate meeting with Y",
// "Following the signing, the two delegations held talks", "Prior to the
// meeting, X visited ...": the words that place another act of s (one told
// after them) beside, after or before a told one.
ActFrame FrameOfAnotherAct(const ArticleText& article, size_t t, size_t length, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  size_t k = t;
  if (k > s.first && lexicon.IsBackReference(tokens[k - 1].norm)) --k;
  const absl::string_view before = k > s.first ? absl::string_view(tokens[k - 1].norm) : "";
  const bool sidelines = k >= s.first + 2 && before == "of" &&
                         (tokens[k - 2].norm == "sidelines" || tokens[k - 2].norm == "margins" ||
                          tokens[k - 2].norm == "margin" || tokens[k - 2].norm == "sideline");
  // "Following the signing, the two delegations held talks": when. ("After
  // the meeting, they discussed ..." and "During the talks, X and Y held
  // discussions" are that meeting: only an act of another kind is framed.)
  // "Before the meeting, ...", "Prior to the meeting, ...", "Ahead of the
  // talks, ...": the same, earlier.
  const absl::string_view two_before =
      k >= s.first + 2 ? absl::string_view(tokens[k - 2].norm) : "";
  // ("Prior to the meeting, X called on Y": an act before the meeting is
  // another one, of any kind.)
  const bool earlier_frame = k > s.first && k < t &&
                             (before == "before" || (before == "to" && two_before == "prior") ||
                              (before == "of" && two_before == "ahead"));
  const bool time_frame =
      earlier_frame || (k > s.first && k < t && (before == "following" || before == "after"));
  if (!sidelines && !time_frame) return ActFrame::kNone;
  size_t frame_length = 0;
  const v1::EventKind frame = lexicon.TriggerAt(tokens, t, &frame_length);
  for (size_t u = t + length; u < s.end; ++u) {
    size_t other = 0;
    const v1::EventKind kind = lexicon.TriggerAt(tokens, u, &other);
    if (kind != v1::EVENT_KIND_UNSPECIFIED && (sidelines || earlier_frame || kind != frame)) {
      return sidelines       ? ActFrame::kBeside
             : earlier_frame ? ActFrame::kActBeforeIt
                             : ActFrame::kActAfterIt;
    }
  }
  return ActFrame::kNone;
}

bool FramesAnotherAct(const ArticleText& article, size_t t, size_t length, const Sentence& s) {
  return FrameOfAnotherAct(article, t, length, s) != ActFrame::kNone;
}

// Whether s places trigger's act after or beside another told in s
// before it ("Following the signing, the two delegations held talks"):
// then that act is one of its own.
bool FramedByAnotherAct(const ArticleText& article, size_t at, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  for (size_t u = s.first; u < at; ++u) {
    size_t length = 0;
    if (lexicon.TriggerAt(tokens, u, &length) != v1::EVENT_KIND_UNSPECIFIED && u + length <= at &&
        FramesAnotherAct(article, u, length, s)) {
      return true;
    }
  }
  return false;
}

bool NumberedMeetingOf(const ArticleText& article, size_t t, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  if (t <= s.first || t + 2 >= s.end || tokens[t + 1].norm != "of") return false;
  const absl::string_view number = tokens[t - 1].norm;
  // ("The previous meeting of the JWG-CT was held in June 2024".)
  if (!IsNumericOrdinal(number) && number != "previous" &&
      !(article.lexicon().IsDialogueRoundWord(number) && number != "held" && number != "round")) {
    return false;
  }
  const size_t name = tokens[t + 2].norm == "the" ? t + 3 : t + 2;
  return name < s.end && tokens[name].capitalized;
}

// "held a separate meeting", "Separate talks were held": the trigger at
// token t told as an act apart from the others of its day.
bool ToldAsSeparate(const ArticleText& article, size_t t, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  for (size_t back = 1; back <= 2 && t >= s.first + back; ++back) {
    if (tokens[t - back].norm == "separate") return true;
  }
  return false;
}

// Whether s has a trigger of kind.
bool TellsOfKind(const ArticleText& article, const Sentence& s, v1::EventKind kind) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  for (size_t t = s.first; t < s.end; ++t) {
    size_t length = 0;
    if (lexicon.TriggerAt(tokens, t, &length) == kind) return true;
  }
  return false;
}

// "X held talks with Y ..., and the two witnessed the signing": talks
// told as an act with a partner, beside a signing of the same sentence.
bool HeldTalksWith(const ArticleText& article, size_t at, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  return at + 2 < s.end && tokens[at].norm == "held" &&
         (tokens[at + 1].norm == "talks" || tokens[at + 1].norm == "discussions") &&
         tokens[at + 2].norm == "with";
}

}  // namespace parley
