// The reader of events behind FindEvents (events.h), internal to
// extraction: one class, its members defined in events.cc (triggers,
// events, participants, the story) and event_dates.cc (dates of sentences
// and of the acts they tell).
//
// Ownership: holds references to the article and the extraction it adds
// to, which must outlive it.
// Errors: none.
// Thread-safety: one reader per article; not shared.
#ifndef PARLEY_SERVICE_EXTRACT_EVENT_FINDER_H_
#define PARLEY_SERVICE_EXTRACT_EVENT_FINDER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "parley/v1/resources.pb.h"
#include "service/extract/article_text.h"
#include "service/extract/date_phrases.h"
#include "service/extract/extract.h"
#include "service/extract/group_references.h"
#include "service/extract/lexicon.h"

namespace parley {
namespace event_finder_internal {

// The words that make a sentence tell of an event of a kind.
struct Trigger {
  v1::EventKind kind = v1::EVENT_KIND_UNSPECIFIED;
  size_t at = 0;      // its first token
  std::string words;  // as written
};

// A sentence being read: its dates, triggers and officials.
struct SentenceFacts {
  const Sentence& sentence;
  std::vector<const DateFound*> dates;  // after the dateline, not adjectival
  std::vector<Trigger> triggers;        // one per kind, in text order
  std::vector<size_t> people;           // officials, each person once, not quoted
};

// Whether norm is a future word of the lexicon (context) (DatesIn's callback).
bool IsFutureWordOf(const void* lexicon, absl::string_view norm);

// Reads the sentences in order, so that the date of the story (the latest
// news date told so far) is known for sentences that give none.
class EventFinder {
 public:
  EventFinder(const ArticleText& article, Extraction* extraction)
      : article_(article),
        tokens_(article.tokens()),
        lexicon_(article.lexicon()),
        extraction_(extraction),
        all_dates_(DatesIn(article.text(), tokens_, 0, tokens_.size(), article.published(),
                           &IsFutureWordOf, &article.lexicon())),
        several_signings_(TellsOfSeveralSignings(tokens_)) {}
  void Find();

 private:
  // ---- What a sentence holds (events.cc).

  std::vector<Trigger> TriggersOf(const Sentence& s, const std::vector<size_t>& people) const;
  bool ObjectReferringBack(const Trigger& earlier, size_t t, const Sentence& s) const;
  // "before any deal was signed", "no agreement was signed", "have never
  // met": the trigger at t tells of an act not done.
  bool Unrealized(size_t t, const Sentence& s) const;
  // Whether the sentence says, after the trigger at t, that its act was
  // called off ("... but the meeting was cancelled").
  bool CalledOffLater(size_t t, const Sentence& s) const;
  bool OfAnotherBody(const Sentence& s, const ExtractedEvent& story) const;
  bool ReceivedAsACall(size_t t, const Sentence& s, const std::vector<size_t>& people) const;
  size_t NearestVisitBefore(const ExtractedOfficial& official, const SentenceFacts& facts) const;
  // (Sets chairs_sentence_end_ when it reads "The <Body> was co-chaired".)
  bool ChairOfToldBody(const Trigger& trigger, const SentenceFacts& facts);
  // The meeting or dialogue told last, or nullptr.
  const ExtractedEvent* LatestTalks() const;
  // Whether words name something event's sentence names too ("the Working
  // Group" in "the inaugural meeting of the ... Working Group").
  bool NamedIn(absl::string_view words, const ExtractedEvent& event) const;
  bool AfterRelativeClauseOf(const Trigger& earlier, size_t t, const Sentence& s) const;
  bool SecondActOf(const Trigger& earlier, size_t t, const Sentence& s,
                   const std::vector<size_t>& people) const;
  bool InActOf(const ExtractedOfficial& official, const Trigger& trigger,
               const SentenceFacts& facts) const;
  bool InPlanOfAnotherClause(const ExtractedOfficial& official, size_t from,
                             const Sentence& s) const;
  bool IsPlanned(size_t t, const Sentence& s) const;
  std::vector<size_t> PeopleOf(const Sentence& s) const;
  std::vector<size_t> OrganizationsOf(const Sentence& s) const;
  bool IsSpeaker(const ExtractedOrganization& org, const Sentence& s) const;
  bool NamesCountries(const Sentence& s) const;

  // ---- Participants and their quotes.

  void ScoreParticipants(ExtractedEvent* event) const;
  ExtractedParticipant ParticipantIn(size_t o, v1::ParticipantFunction function, const Sentence& s,
                                     absl::string_view cue, absl::string_view rule) const;
  ExtractedParticipant GroupMentionIn(size_t o, v1::ParticipantFunction function, const Sentence& s,
                                      absl::string_view cue, absl::string_view rule, size_t first,
                                      size_t last) const;
  bool NamesMembers(const Sentence& s) const;
  v1::ParticipantFunction CoordinatedFunction(const ExtractedOfficial& official, v1::EventKind kind,
                                              const Sentence& s,
                                              v1::ParticipantFunction* previous) const;
  bool AfterAccompaniedBy(size_t t, const Sentence& s) const;
  bool NamesSide(const Sentence& s) const;
  std::string StoryCueOf(const Sentence& s) const;
  bool PresentAtTheLast(const SentenceFacts& facts);
  bool AttendedTheLast(const SentenceFacts& facts);
  void AddGroupReferences(const SentenceFacts& facts, size_t events_before);
  void AddDelegationLead(const SentenceFacts& facts, size_t events_before);
  static std::string CueOf(const SentenceFacts& facts, const ExtractedEvent& event);
  std::vector<size_t> PairNamedBefore(size_t events_before, const GroupReference& reference,
                                      const Sentence& s) const;

  // ---- Events of a sentence (events.cc).

  void AddEventsOf(const SentenceFacts& facts);
  bool NumberedMeetingOfAnotherBody(size_t t, const Sentence& s) const;
  bool OtherTimeOfDayIn(const Sentence& s, size_t at) const;
  static bool TellsOfSeveralSignings(const std::vector<Token>& tokens);
  bool ParentOfMeetingBody(size_t t, const SentenceFacts& facts) const;
  bool AddToToldEvent(const Trigger& trigger, const SentenceFacts& facts);
  std::optional<ExtractedEvent> EventOf(const Trigger& trigger, const SentenceFacts& facts,
                                        std::vector<size_t>* visitors) const;
  bool AddParticipants(const Trigger& trigger, const SentenceFacts& facts, ExtractedEvent* event,
                       std::vector<size_t>* visitors) const;
  void AddCountries(const Sentence& s, ExtractedEvent* event) const;

  // ---- The story (events.cc).

  bool TellsOnlyOfVisits(const SentenceFacts& facts) const;
  void AddToStory(const SentenceFacts& facts, bool visits_too);

  // ---- Dates of sentences and of their acts (event_dates.cc).

  std::vector<const DateFound*> DatesOf(const Sentence& s) const;
  bool DatesSomethingElse(const DateFound& d, const Sentence& s) const;
  // "today" in quoted words ("What I saw today"): the speaker's day, not one
  // resolved against publication ("on Tuesday" in them still is).
  bool SpeakersOwnDay(const DateFound& d) const;
  bool DateNextToPrevious(const Sentence& s, ExtractedEvent* event) const;
  bool DateBesideToldAct(const Trigger& trigger, const Sentence& s, ExtractedEvent* event) const;
  std::optional<v1::FuzzyDate> LastDayNamedBefore(const Sentence& s) const;
  bool SaysThatDay(const Sentence& s) const;
  bool SameDayOpening(const Sentence& s, size_t* words) const;
  const DateFound* ClauseDate(const Trigger& trigger, const SentenceFacts& facts) const;
  bool InOtherRelativeClause(const DateFound& d, size_t trigger) const;
  bool DateOfFrame(const Trigger& trigger, const Sentence& s, ExtractedEvent* event) const;
  bool DateFromClauseOrStory(const DateFound* clause_date, const Sentence& s,
                             ExtractedEvent* event) const;
  const DateFound* DateOfNextReference(const Sentence& s, v1::EventKind kind) const;
  bool DatesElsewhere() const;
  void UpdateNewsDate(const std::vector<const DateFound*>& dates);

  const ArticleText& article_;
  const std::vector<Token>& tokens_;
  const ExtractionLexicon& lexicon_;
  Extraction* extraction_;
  const std::vector<DateFound> all_dates_;  // of the whole text, dateline included
  const bool several_signings_;             // TellsOfSeveralSignings, once per article
  // The date of the news: the latest date near publication told before a
  // sentence (for sentences that give none), and its words.
  std::optional<v1::FuzzyDate> news_date_;
  std::string news_phrase_;
  // Where the last sentence telling the chairs of the talks told before
  // ends ("The Working Group was co-chaired by X"), for a "Y co-chaired it"
  // right after.
  int64_t chairs_sentence_end_ = -1;
};

}  // namespace event_finder_internal
}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_EVENT_FINDER_H_
