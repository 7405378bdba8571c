#include "service/extract/events.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "service/base/dates.h"
#include "service/base/normalize.h"
#include "service/extract/attendance.h"
#include "service/extract/date_phrases.h"
#include "service/extract/delegations.h"
#include "service/extract/event_finder.h"
#include "service/extract/event_merging.h"
#include "service/extract/event_participants.h"
#include "service/extract/event_places.h"
#include "service/extract/group_references.h"
#include "service/extract/person_names.h"
#include "service/extract/trigger_filters.h"

namespace parley {
namespace event_finder_internal {

bool IsFutureWordOf(const void* lexicon, absl::string_view norm) {
  return static_cast<const ExtractionLexicon*>(lexicon)->IsFutureWord(norm);
}

void EventFinder::Find() {
  for (const Sentence& sentence : article_.sentences()) {
    std::vector<size_t> people = PeopleOf(sentence);
    std::vector<Trigger> triggers = TriggersOf(sentence, people);
    SentenceFacts facts{sentence, DatesOf(sentence), std::move(triggers), std::move(people)};
    const size_t events_before = extraction_->events.size();
    AddEventsOf(facts);
    AddGroupReferences(facts, events_before);
    AddDelegationLead(facts, events_before);
    // "The US delegation was headed by X": X took part in the meeting the
    // story tells of, though the sentence names no event.
    // "X was also present on the occasion", "X and Y looked on": at the act
    // told last; else, with no act of its own, the sentence's people may
    // lead or join the story's talks.
    const bool attended = facts.triggers.empty() && !extraction_->events.empty() &&
                          (PresentAtTheLast(facts) || AttendedTheLast(facts));
    if (attended) {
      // Added by the two calls above.
    } else if (facts.triggers.empty() && !extraction_->events.empty()) {
      AddToStory(facts, /*visits_too=*/true);
    } else if (TellsOnlyOfVisits(facts)) {
      // "The American side was led by X, who arrived on Monday on a
      // four-day visit": X led a side in the story's talks too.
      AddToStory(facts, /*visits_too=*/false);
    }
    UpdateNewsDate(facts.dates);
  }
  for (ExtractedEvent& event : extraction_->events) ScoreParticipants(&event);
}

// Triggers, by kind: the first of each kind that is no source, state,
// institution or plan, and a second act of a kind (SecondActOf).
std::vector<Trigger> EventFinder::TriggersOf(const Sentence& s,
                                             const std::vector<size_t>& people) const {
  std::vector<Trigger> triggers;
  for (size_t t = s.first; t < s.end; ++t) {
    size_t length = 0;
    v1::EventKind kind = lexicon_.TriggerAt(tokens_, t, &length);
    // "The round, the sixth since negotiations began": a round of trade
    // talks is a meeting, not a dialogue's round.
    if (kind == v1::EVENT_KIND_DIALOGUE && tokens_[t].norm == "round" &&
        !RoundsAreADialogues(article_)) {
      kind = v1::EVENT_KIND_MEETING;
    }
    if (kind == v1::EVENT_KIND_UNSPECIFIED || t + length > s.end) continue;
    // "a round-the-clock channel": a word of a hyphenated compound.
    if (t + length < s.end && article_.Gap(t + length) == "-") continue;
    // "a second round of inspections": a round of something other than talks.
    if (tokens_[t].norm == "round" && t + 2 < s.end && tokens_[t + 1].norm == "of" &&
        lexicon_.IsNotTalks(tokens_[t + 2].norm)) {
      continue;
    }
    if (Unrealized(t, s) || CalledOffLater(t, s) ||
        (tokens_[t].norm == "received" && !ReceivedAsACall(t, s, people))) {
      continue;
    }
    if (IsSourceOrState(article_, kind, t, length, s) || IsInstitution(article_, kind, t, s) ||
        IsPlanned(t, s) || EndsSomething(article_, kind, t, s) ||
        FramesAnotherAct(article_, t, length, s)) {
      continue;
    }
    const Trigger* have = nullptr;
    for (const Trigger& trigger : triggers) {
      if (trigger.kind == kind) have = &trigger;
    }
    // ("The meeting followed the inaugural meeting of the X Working Group,
    // held on Tuesday": a numbered meeting of a named body is its own.)
    if (have == nullptr || ToldAsSeparate(article_, t, s) || SecondActOf(*have, t, s, people) ||
        AfterRelativeClauseOf(*have, t, s) ||
        (kind == v1::EVENT_KIND_MEETING && NumberedMeetingOf(article_, t, s))) {
      triggers.push_back({kind, t, std::string(article_.TextOf(t, t + length - 1))});
    } else if (ObjectReferringBack(*have, t, s)) {
      // "co-chaired the meeting": the act is the meeting told before.
      Trigger& object = triggers[have - triggers.data()];
      object = {kind, t, std::string(article_.TextOf(t, t + length - 1))};
    }
    t += length - 1;
  }
  return triggers;
}

// Whether the trigger at token t is the object of the earlier one and
// refers back to an act told before: "co-chaired the meeting", "held the
// talks" (a back-reference word right before it, a few words after).
// Only in a sentence with no date of its own (one with a date tells of an
// act of that day: "met on Monday at the meeting's end").
bool EventFinder::Unrealized(size_t t, const Sentence& s) const {
  for (size_t back = 1; back <= 3 && t >= s.first + back; ++back) {
    if (lexicon_.IsUnrealizedWord(tokens_[t - back].norm)) return true;
    if (article_.Gap(t - back + 1).find_first_of(",;") != absl::string_view::npos) break;
  }
  return false;
}

bool EventFinder::CalledOffLater(size_t t, const Sentence& s) const {
  static const absl::flat_hash_set<absl::string_view> kBe = {"was", "were", "been",
                                                             "be",  "is",   "are"};
  for (size_t k = t + 1; k < s.end; ++k) {
    if (lexicon_.IsCalledOffWord(tokens_[k].norm) && kBe.contains(tokens_[k - 1].norm)) return true;
  }
  return false;
}

bool EventFinder::ObjectReferringBack(const Trigger& earlier, size_t t, const Sentence& s) const {
  return t > s.first && t <= earlier.at + 4 && lexicon_.IsBackReference(tokens_[t - 1].norm) &&
         tokens_[t - 1].norm != "that" && DatesOf(s).empty();
}

// "X called on Y and met Z", "X met Y on Monday and visited Z on
// Wednesday": a trigger at token t of the kind of an earlier one is an act
// of its own when a clause of its own opens with it ("and", maybe "also"
// or "then", or a comma before it) and someone was named between the two.
bool EventFinder::SecondActOf(const Trigger& earlier, size_t t, const Sentence& s,
                              const std::vector<size_t>& people) const {
  size_t opener = t;
  while (opener > earlier.at + 1 &&
         (tokens_[opener - 1].norm == "also" || tokens_[opener - 1].norm == "then" ||
          tokens_[opener - 1].norm == "later")) {
    --opener;
  }
  const bool clause = (opener > s.first && tokens_[opener - 1].norm == "and") ||
                      absl::StrContains(article_.Gap(opener), ',');
  if (!clause) return false;
  for (size_t o : people) {
    const ExtractedOfficial& official = extraction_->officials[o];
    if (official.name_start > tokens_[earlier.at].end && official.name_end < tokens_[t].start) {
      return true;
    }
  }
  return false;
}

// "On Tuesday, Castellanos-Pike was received by Secretary X at Rajiv Gandhi
// Bhawan": a call, when a person (or a pronoun) was received, in a
// sentence of no visit ("visited the park, where they were received by
// ..." is the visit's host; "The letter was received by" is no act).
bool EventFinder::ReceivedAsACall(size_t t, const Sentence& s,
                                  const std::vector<size_t>& people) const {
  if (t < s.first + 2 || (tokens_[t - 1].norm != "was" && tokens_[t - 1].norm != "were") ||
      TellsOfKind(article_, s, v1::EVENT_KIND_VISIT)) {
    return false;
  }
  for (size_t k = s.first; k < t; ++k) {
    if (tokens_[k].norm == "where" || tokens_[k].norm == "there") return false;
  }
  if (lexicon_.IsPronoun(tokens_[t - 2].norm)) return true;
  return std::any_of(people.begin(), people.end(), [&](size_t o) {
    return extraction_->officials[o].name_end <= tokens_[t - 1].start;
  });
}

// "X, who began a week-long visit to India on Monday, toured the plant on
// Tuesday": a trigger after the ", who ..." clause that holds the earlier
// one is the subject's act of its own (the clause told the trip).
bool EventFinder::AfterRelativeClauseOf(const Trigger& earlier, size_t t, const Sentence& s) const {
  size_t who = earlier.at;
  while (who > s.first && tokens_[who].norm != "who") --who;
  if (tokens_[who].norm != "who" || !article_.CommaBefore(who)) return false;
  for (size_t k = who + 1; k <= earlier.at; ++k) {
    if (article_.CommaBefore(k)) return false;  // (the clause closed before it)
  }
  size_t closing = earlier.at + 1;
  while (closing <= t && !article_.CommaBefore(closing)) ++closing;
  if (closing > t) return false;
  // (With a date outside the clause: "..., also visited the City Palace,
  // officials said" is not dated, and is the trip's.)
  for (const DateFound* d : DatesOf(s)) {
    if (!d->adjectival && (d->first < who || d->first >= closing)) return true;
  }
  return false;
}

// Whether official belongs to the act of the trigger at token `at` when
// the sentence tells of several acts of its kind: named before the first
// (the subject of them all), or after this one and before the next.
bool EventFinder::InActOf(const ExtractedOfficial& official, const Trigger& trigger,
                          const SentenceFacts& facts) const {
  size_t first = trigger.at, next = facts.sentence.end;
  for (const Trigger& other : facts.triggers) {
    if (other.kind != trigger.kind) continue;
    first = std::min(first, other.at);
    if (other.at > trigger.at) next = std::min(next, other.at);
  }
  const int64_t at = official.name_start;
  // "after talks between X and Y": X and Y, not the sentence's subject.
  if (TalksBetween(article_, trigger.kind, trigger.at, facts.sentence))
    return at > tokens_[trigger.at].start;
  if (at < tokens_[first].start) return true;
  if (at <= tokens_[trigger.at].start ||
      (next != facts.sentence.end && at >= tokens_[next].start)) {
    return false;
  }
  return !InPlanOfAnotherClause(official, trigger.at, facts.sentence);
}

// Whether official is named after token `from`, in a plan of another
// clause ("held talks with X at the dialogue, and the four will call on Y
// later in the day": Y).
bool EventFinder::InPlanOfAnotherClause(const ExtractedOfficial& official, size_t from,
                                        const Sentence& s) const {
  bool new_clause = false;
  for (size_t t = from + 1; t < s.end && tokens_[t].start < official.name_start; ++t) {
    new_clause = new_clause || article_.Gap(t).find_first_of(",;") != absl::string_view::npos;
    if (new_clause && lexicon_.IsFutureWord(tokens_[t].norm)) return true;
  }
  return false;
}

// "the next round", "will soon sit down for the dialogue": planned, not
// held (a plan with a date, "will visit next week", stays).
bool EventFinder::IsPlanned(size_t t, const Sentence& s) const {
  if (lexicon_.IsPlanWord(WordBefore(article_, t, 1, s))) return true;
  bool planned = false;
  for (size_t back = 1; back <= 10 && t >= s.first + back; ++back) {
    if (absl::StripAsciiWhitespace(article_.Gap(t - back + 1)) == ",") break;
    planned = planned || lexicon_.IsFutureWord(tokens_[t - back].norm);
  }
  if (!planned) return false;
  for (const DateFound& d : all_dates_) {
    if (d.first >= s.first && d.last < s.end && !d.adjectival) return false;
  }
  return true;
}

// Officials of the sentence, each person once; not those quoted ("as
// President Obama has said").
std::vector<size_t> EventFinder::PeopleOf(const Sentence& s) const {
  return PeopleNamedIn(article_, *extraction_, s);
}

// Organizations of the sentence that take part in what it tells; not the
// one it is attributed to ("..., the Ministry of External Affairs said",
// "according to the Ministry of Home Affairs"): a source, not a party.
std::vector<size_t> EventFinder::OrganizationsOf(const Sentence& s) const {
  std::vector<size_t> organizations;
  for (size_t o = 0; o < extraction_->organizations.size(); ++o) {
    const ExtractedOrganization& org = extraction_->organizations[o];
    if (org.start >= tokens_[s.first].start && org.end <= tokens_[s.end - 1].end &&
        !IsSpeaker(org, s)) {
      organizations.push_back(o);
    }
  }
  return organizations;
}

bool EventFinder::IsSpeaker(const ExtractedOrganization& org, const Sentence& s) const {
  size_t after = s.first;
  while (after < s.end && tokens_[after].start < org.end) ++after;
  if (after < s.end && lexicon_.IsReportingVerb(tokens_[after].norm)) return true;
  size_t before = s.first;  // the first token of the organization
  while (before < s.end && tokens_[before].end <= org.start) ++before;
  if (before >= s.first + 1 && tokens_[before - 1].norm == "the") --before;
  return before >= s.first + 2 && tokens_[before - 1].norm == "to" &&
         tokens_[before - 2].norm == "according";
}

bool EventFinder::NamesCountries(const Sentence& s) const {
  for (size_t t = s.first; t < s.end; ++t) {
    size_t last = 0;
    if (!article_.CountryStartingAt(t, &last).empty()) return true;
  }
  return false;
}

// A participation is as sure as its event and its official, less so when
// only the story, not the event's own sentence, ties the person to it.
// A plain member among three or more people named is the likeliest to be
// someone merely mentioned (measured on the development set: rows of
// such members were right about three times in four).
void EventFinder::ScoreParticipants(ExtractedEvent* event) const {
  const bool crowded = event->participants.size() >= 3;
  for (ExtractedParticipant& p : event->participants) {
    const double official = extraction_->officials[p.official].confidence;
    double confidence = std::min(event->confidence, official);
    if (!p.in_trigger_clause) confidence *= 0.85;
    if (crowded && p.function == v1::PARTICIPANT_FUNCTION_MEMBER) confidence *= 0.9;
    p.confidence = confidence;
  }
}

// official's part in an event, quoted by sentence s, which the cue (words
// of s) ties to the event.
ExtractedParticipant EventFinder::ParticipantIn(size_t o, v1::ParticipantFunction function,
                                                const Sentence& s, absl::string_view cue,
                                                absl::string_view rule) const {
  const ExtractedOfficial& official = extraction_->officials[o];
  ExtractedParticipant p;
  p.official = o;
  p.function = function;
  p.quote_start = tokens_[s.first].start;
  p.quote_end = tokens_[s.end - 1].end;
  p.mention_start = official.name_start;
  p.mention_end = official.name_end;
  p.cue = std::string(cue);
  p.rule = std::string(rule);
  return p;
}

// As ParticipantIn, mentioned by a phrase of tokens [first, last] that
// refers to a group ("the two", "the delegation"), outside the trigger's
// clause.
ExtractedParticipant EventFinder::GroupMentionIn(size_t o, v1::ParticipantFunction function,
                                                 const Sentence& s, absl::string_view cue,
                                                 absl::string_view rule, size_t first,
                                                 size_t last) const {
  ExtractedParticipant p = ParticipantIn(o, function, s, cue, rule);
  p.mention_start = tokens_[first].start;
  p.mention_end = tokens_[last].end;
  p.group_mention = true;
  p.in_trigger_clause = false;
  return p;
}

// "The Indian side also comprised X and Y", "X and Y were part of the US
// delegation": a side word and a member cue.
bool EventFinder::NamesMembers(const Sentence& s) const {
  bool side = false, member = false;
  for (size_t t = s.first; t < s.end; ++t) {
    side = side || lexicon_.IsDelegationWord(tokens_[t].norm);
    member = member || lexicon_.IsMemberCue(tokens_[t].norm);
    // "X was also a member of the (US) delegation" (not "X, a member of the
    // National Security Council, said the US side ...").
    if (tokens_[t].norm == "member" && t + 3 < s.end && tokens_[t + 1].norm == "of" &&
        tokens_[t + 2].norm == "the") {
      size_t u = t + 3, country_last = 0;
      if (!article_.CountryStartingAt(u, &country_last).empty()) u = country_last + 1;
      if (u < s.end && lexicon_.IsDelegationWord(tokens_[u].norm)) return true;
    }
  }
  return side && member;
}

// What official did at an act of kind told in s, as the person they are
// joined to by "and" did when that one led or hosted ("co-chaired by X,
// Title, and Y, Title": Y too); *previous holds the function of the
// person before and receives this one's.
v1::ParticipantFunction EventFinder::CoordinatedFunction(const ExtractedOfficial& official,
                                                         v1::EventKind kind, const Sentence& s,
                                                         v1::ParticipantFunction* previous) const {
  v1::ParticipantFunction function = FunctionOf(article_, official, kind, s);
  const bool leads = function == v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD ||
                     function == v1::PARTICIPANT_FUNCTION_HOST;
  if (!leads && CoordinatedWithPrevious(article_, official, s) &&
      (*previous == v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD ||
       *previous == v1::PARTICIPANT_FUNCTION_HOST)) {
    function = *previous;
  }
  *previous = function;
  return function;
}

// Whether token t comes after "accompanied [...] by" (or "assisted by")
// in s: "X was accompanied by the Ambassador of India, Y, and Professor
// Z", "She was accompanied throughout her visit by Y", "The Union Minister
// was assisted by Secretary Y".
bool EventFinder::AfterAccompaniedBy(size_t t, const Sentence& s) const {
  for (size_t k = s.first + 1; k < t; ++k) {
    if (tokens_[k].norm != "by") continue;
    for (size_t v = k; v-- > s.first && v + 6 >= k;) {
      if (tokens_[v].norm == "accompanied" || tokens_[v].norm == "assisted") return true;
    }
  }
  return false;
}

// Whether s names a side or delegation ("the Indian side").
bool EventFinder::NamesSide(const Sentence& s) const {
  for (size_t t = s.first; t < s.end; ++t) {
    if (lexicon_.IsDelegationWord(tokens_[t].norm)) return true;
  }
  return false;
}

// The words of a sentence without a trigger that tie its people to the
// story's event: the first role verb or delegation word ("led",
// "accompanied", "delegation"), as written; "" if none.
std::string EventFinder::StoryCueOf(const Sentence& s) const {
  for (size_t t = s.first; t < s.end; ++t) {
    if (lexicon_.IsRoleVerb(tokens_[t].norm) || lexicon_.IsDelegationWord(tokens_[t].norm) ||
        lexicon_.IsLedVerb(tokens_[t].norm)) {
      return std::string(article_.TextOf(t, t));
    }
  }
  return "";
}

// "X was also present on the occasion", "Y and Z were present at the
// signing": the people named before "present" attended the act the
// article told last, as members. Only with words that refer to that act
// (the quote must tell of it). False if the sentence says no such thing.
bool EventFinder::PresentAtTheLast(const SentenceFacts& facts) {
  static const absl::flat_hash_set<absl::string_view> kActWords = {
      "occasion", "signing", "ceremony", "meeting", "event", "talks", "function"};
  const Sentence& s = facts.sentence;
  size_t present = s.end, act = s.end;
  for (size_t t = s.first + 1; t < s.end; ++t) {
    if (tokens_[t].norm != "present") continue;
    const absl::string_view before = tokens_[t - 1].norm;
    const bool copula = before == "was" || before == "were" ||
                        (before == "also" && t >= s.first + 2 &&
                         (tokens_[t - 2].norm == "was" || tokens_[t - 2].norm == "were"));
    if (!copula) continue;
    for (size_t u = t + 1; u < s.end && u <= t + 4; ++u) {
      if (kActWords.contains(tokens_[u].norm)) {
        present = t;
        act = u;
        break;
      }
    }
    if (act != s.end) break;
  }
  if (act == s.end) return false;
  ExtractedEvent& last = extraction_->events.back();
  const std::string cue(article_.TextOf(present, act));
  bool added = false;
  for (size_t o : facts.people) {
    if (extraction_->officials[o].name_end > tokens_[present].start) continue;
    ExtractedParticipant p =
        ParticipantIn(o, v1::PARTICIPANT_FUNCTION_MEMBER, s, cue, "present at the act told last");
    p.in_trigger_clause = false;
    AddParticipant(std::move(p), &last, *extraction_);
    added = true;
  }
  return added;
}

// "X and Y also participated", "X attended the ceremony": members of
// the act the words refer to (attendance.h). False if the sentence says
// no such thing.
bool EventFinder::AttendedTheLast(const SentenceFacts& facts) {
  const std::vector<Attendance> found =
      FindAttendance(article_, facts.sentence, facts.people, *extraction_);
  for (const Attendance& a : found) {
    ExtractedParticipant p = ParticipantIn(a.official, v1::PARTICIPANT_FUNCTION_MEMBER,
                                           facts.sentence, a.cue, "attended the act told last");
    p.in_trigger_clause = false;
    AddParticipant(std::move(p), &extraction_->events[a.event], *extraction_);
  }
  return !found.empty();
}

// "the two witnessed the signing", "The two officials last met in March",
// "signed in the presence of the co-chairs": the people the phrase refers
// to (group_references.h) took part in the events the sentence told,
// as members when they only attended.
void EventFinder::AddGroupReferences(const SentenceFacts& facts, size_t events_before) {
  const Sentence& s = facts.sentence;
  const std::optional<GroupReference> reference = FindGroupReference(article_, s);
  if (!reference) return;
  const int64_t start = tokens_[s.first].start;
  // "X held talks with Y ..., and the two witnessed the signing": the two
  // of an act this sentence told before the phrase, else of earlier ones.
  // The latest event of each kind the sentence refers back to ("The
  // co-chairs witnessed the signing").
  absl::flat_hash_set<size_t> referred;
  for (const Trigger& trigger : facts.triggers) {
    // ("the signing of a pact on space cooperation" names another one.)
    if (trigger.at <= s.first || !lexicon_.IsBackReference(tokens_[trigger.at - 1].norm) ||
        (trigger.at + 1 < s.end && tokens_[trigger.at + 1].norm == "of")) {
      continue;
    }
    for (size_t e = events_before; e-- > 0;) {
      if (extraction_->events[e].kind == trigger.kind) {
        referred.insert(e);
        break;
      }
    }
  }
  for (size_t e = 0; e < extraction_->events.size(); ++e) {
    ExtractedEvent& event = extraction_->events[e];
    // An event of this sentence, or one it tells again ("On the sidelines,
    // X and Y signed an MoU. The pact was signed by ...": merged there) or
    // refers back to.
    const bool told_here =
        event.sentence_start == start || referred.contains(e) ||
        std::any_of(event.participants.begin(), event.participants.end(),
                    [&](const ExtractedParticipant& p) { return p.quote_start == start; });
    if (!told_here || event.kind == v1::EVENT_KIND_VISIT) continue;
    std::vector<size_t> people;
    if (!reference->leads) people = PairNamedBefore(events_before, *reference, s);
    if (people.empty()) {
      people = ReferredPeople(*extraction_, events_before, start, event.kind, *reference);
    }
    for (size_t o : people) {
      // The co-chairs of talks lead them; whoever only witnessed attended.
      const bool talks =
          event.kind == v1::EVENT_KIND_MEETING || event.kind == v1::EVENT_KIND_DIALOGUE;
      const v1::ParticipantFunction function =
          reference->leads && talks && !reference->attended
              ? v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD
          : reference->attended || event.kind != v1::EVENT_KIND_AGREEMENT_SIGNING
              ? v1::PARTICIPANT_FUNCTION_MEMBER
              : v1::PARTICIPANT_FUNCTION_SIGNATORY;
      AddParticipant(GroupMentionIn(o, function, s, CueOf(facts, event),
                                    "referred to as a group of people just named", reference->first,
                                    reference->last),
                     &event, *extraction_);
    }
  }
}

// "Later in the day, the delegation visited the institute", "On August
// 12, the US delegation met X": the official named before as leading the
// delegation (delegations.h) took part in the act the phrase is the
// subject of — its visitor, or a side's lead in talks.
void EventFinder::AddDelegationLead(const SentenceFacts& facts, size_t events_before) {
  const Sentence& s = facts.sentence;
  const std::optional<DelegationReference> reference = FindDelegationReference(article_, s);
  if (!reference) return;
  const size_t verb = VerbAfterDelegationReference(article_, s, *reference);
  const Trigger* trigger = nullptr;
  for (const Trigger& t : facts.triggers) {
    if (t.at == verb) trigger = &t;
  }
  if (trigger == nullptr) return;
  v1::ParticipantFunction function = v1::PARTICIPANT_FUNCTION_UNSPECIFIED;
  if (trigger->kind == v1::EVENT_KIND_VISIT) function = v1::PARTICIPANT_FUNCTION_VISITOR;
  if (trigger->kind == v1::EVENT_KIND_MEETING || trigger->kind == v1::EVENT_KIND_DIALOGUE) {
    function = v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD;
  }
  if (function == v1::PARTICIPANT_FUNCTION_UNSPECIFIED) return;
  const int64_t start = tokens_[s.first].start;
  const std::optional<NamedDelegation> delegation = DelegationNamedBefore(
      article_, *extraction_, tokens_[reference->first].start, reference->country_id);
  if (!delegation) return;
  const std::string& lead_country = extraction_->officials[delegation->lead].country_id;
  for (size_t e = events_before; e < extraction_->events.size(); ++e) {
    ExtractedEvent& event = extraction_->events[e];
    if (event.sentence_start != start || event.kind != trigger->kind) continue;
    // ("Last month, Minister X led an Indian delegation to Washington. ...
    // The delegation met Commerce Secretary Y" of India: a delegation does
    // not meet its own side; that lead is another delegation's.)
    for (const ExtractedParticipant& p : event.participants) {
      const ExtractedOfficial& met = extraction_->officials[p.official];
      bool in_delegation =
          NameKey(met.name) == NameKey(extraction_->officials[delegation->lead].name);
      for (size_t m : delegation->members) {
        in_delegation =
            in_delegation || NameKey(met.name) == NameKey(extraction_->officials[m].name);
      }
      if (!in_delegation && function == v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD &&
          !lead_country.empty() && met.country_id == lead_country) {
        return;
      }
    }
    AddParticipant(GroupMentionIn(delegation->lead, function, s, trigger->words,
                                  "a delegation whose lead was named before", reference->first,
                                  reference->last),
                   &event, *extraction_);
    for (size_t member : delegation->members) {
      AddParticipant(GroupMentionIn(member, v1::PARTICIPANT_FUNCTION_MEMBER, s, trigger->words,
                                    "a delegation whose members were named before",
                                    reference->first, reference->last),
                     &event, *extraction_);
    }
    return;
  }
}

// Whether s puts the act of the trigger at token `at` at another time of a
// day told before: "Earlier today, X met Y", "She also held talks later in
// the day with Z" (in the trigger's clause: not "held talks at the
// dialogue, and the four will call on X later in the day").
bool EventFinder::OtherTimeOfDayIn(const Sentence& s, size_t at) const {
  for (size_t t = s.first; t + 1 < s.end; ++t) {
    const absl::string_view w = tokens_[t].norm, next = tokens_[t + 1].norm;
    if (w != "earlier" && w != "later") continue;
    if (t == s.first && next == "today") return true;
    if (t == s.first || next != "in" || t + 3 >= s.end || tokens_[t + 2].norm != "the" ||
        tokens_[t + 3].norm != "day") {
      continue;
    }
    bool same_clause = true;
    for (size_t u = std::min(t, at) + 1; u <= std::max(t, at) && same_clause; ++u) {
      same_clause = article_.Gap(u).find_first_of(",;") == absl::string_view::npos;
    }
    if (same_clause) return true;
  }
  return false;
}

// The words of sentence facts that tell of event: its trigger of the
// event's kind (the event may be one told before, with other words).
std::string EventFinder::CueOf(const SentenceFacts& facts, const ExtractedEvent& event) {
  for (const Trigger& trigger : facts.triggers) {
    if (trigger.kind == event.kind) return trigger.words;
  }
  return event.trigger;
}

// The two people of an event told in sentence s, both in its trigger's
// clause and named before the group reference (who "the two" then are,
// even for that event itself); empty if none such.
std::vector<size_t> EventFinder::PairNamedBefore(size_t events_before,
                                                 const GroupReference& reference,
                                                 const Sentence& s) const {
  const int64_t start = tokens_[s.first].start, at = tokens_[reference.first].start;
  for (size_t e = events_before; e < extraction_->events.size(); ++e) {
    const ExtractedEvent& event = extraction_->events[e];
    if (event.sentence_start != start) continue;
    std::vector<size_t> people;
    for (const ExtractedParticipant& p : event.participants) {
      if (p.in_trigger_clause && p.mention_end <= at) people.push_back(p.official);
    }
    if (people.size() == 2) return people;
  }
  return {};
}

void EventFinder::AddEventsOf(const SentenceFacts& facts) {
  const Sentence& s = facts.sentence;
  // "Talks" and "met" are part of a signing, a dialogue or a press
  // conference told in the same sentence, and of a visit made "for
  // talks"; visits come first, so that their visitors are known.
  bool specific = false, visit = false, dialogue = false;
  for (const Trigger& trigger : facts.triggers) {
    // ("The Dialogue was followed on 29 January by a meeting of the
    // Sub-Group": the dialogue told before, the sentence's subject, is no
    // act of this sentence.)
    const bool told_before =
        trigger.at == s.first + 1 && lexicon_.IsBackReference(tokens_[trigger.at - 1].norm) &&
        std::any_of(extraction_->events.begin(), extraction_->events.end(),
                    [&](const ExtractedEvent& e) { return e.kind == trigger.kind; });
    specific = specific || (IsSpecificEventKind(trigger.kind) && !told_before);
    visit = visit || trigger.kind == v1::EVENT_KIND_VISIT;
    dialogue = dialogue || trigger.kind == v1::EVENT_KIND_DIALOGUE;
  }
  std::vector<const Trigger*> order;
  for (const Trigger& trigger : facts.triggers) order.push_back(&trigger);
  std::stable_sort(order.begin(), order.end(), [](const Trigger* a, const Trigger* b) {
    return (a->kind == v1::EVENT_KIND_VISIT) > (b->kind == v1::EVENT_KIND_VISIT);
  });
  std::vector<size_t> visitors;
  for (const Trigger* trigger : order) {
    const size_t at = trigger->at;
    if (trigger->kind == v1::EVENT_KIND_DIALOGUE && ParentOfMeetingBody(at, facts)) continue;
    if (trigger->kind == v1::EVENT_KIND_MEETING &&
        !TalksBetween(article_, trigger->kind, trigger->at, s) &&
        !HeldTalksWith(article_, trigger->at, s) && !NumberedMeetingOf(article_, trigger->at, s) &&
        (specific ||
         (visit && at > s.first && lexicon_.IsVisitPurposeWord(tokens_[at - 1].norm)))) {
      continue;
    }
    if (AddToToldEvent(*trigger, facts)) continue;
    if (std::optional<ExtractedEvent> event = EventOf(*trigger, facts, &visitors)) {
      // "The 22nd meeting of the JWG and the 7th session of the Dialogue
      // were held": a named body's numbered meeting beside a dialogue is
      // a meeting of its own (beside a signing it is often only the day
      // before: "signed on Wednesday, a day after the 18th meeting of").
      if (trigger->kind == v1::EVENT_KIND_MEETING && dialogue &&
          NumberedMeetingOfAnotherBody(trigger->at, s)) {
        event->separate = true;
      }
      AddEvent(*std::move(event), extraction_);
    }
  }
}

// "the 22nd meeting of the Joint Working Group": a named body's numbered
// meeting, the body no dialogue ("the second meeting of the Strategic
// Trade Dialogue" is the dialogue's round).
// ("the first meeting of the Semiconductor Sub-Group of the India-US
// Commercial Dialogue": the body is the sub-group, the words after its
// "of" the body it belongs to.)
bool EventFinder::NumberedMeetingOfAnotherBody(size_t t, const Sentence& s) const {
  if (!NumberedMeetingOf(article_, t, s)) return false;
  const size_t body = tokens_[t + 2].norm == "the" ? t + 3 : t + 2;
  for (size_t u = body;
       u < s.end && (tokens_[u].capitalized || lexicon_.IsConnector(tokens_[u].norm)); ++u) {
    if (u > body && tokens_[u].norm == "of") return true;
    size_t length = 0;
    if (lexicon_.TriggerAt(tokens_, u, &length) == v1::EVENT_KIND_DIALOGUE) return false;
  }
  return true;
}

// Whether the dialogue trigger at token t names the body that a numbered
// meeting's body belongs to ("the first meeting of the Semiconductor
// Sub-Group of the India-US Commercial Dialogue"): the sub-group met; the
// dialogue held no round.
bool EventFinder::ParentOfMeetingBody(size_t t, const SentenceFacts& facts) const {
  const Sentence& s = facts.sentence;
  for (const Trigger& meeting : facts.triggers) {
    if (meeting.kind != v1::EVENT_KIND_MEETING || meeting.at > t ||
        !NumberedMeetingOfAnotherBody(meeting.at, s)) {
      continue;
    }
    const size_t body = tokens_[meeting.at + 2].norm == "the" ? meeting.at + 3 : meeting.at + 2;
    bool of = false;
    for (size_t u = body;
         u < s.end && (tokens_[u].capitalized || lexicon_.IsConnector(tokens_[u].norm)); ++u) {
      of = of || (u > body && tokens_[u].norm == "of");
      if (u == t) return of;
    }
  }
  return false;
}

// "The Working Group was co-chaired on the U.S. side by X", "Y co-chaired
// it for India": the chairs of a body (capitalized words after "The") or
// of "it", in a sentence with no date of its own, chaired the talks told
// before.
bool EventFinder::ChairOfToldBody(const Trigger& trigger, const SentenceFacts& facts) {
  const size_t at = trigger.at, first = facts.sentence.first;
  if (trigger.kind != v1::EVENT_KIND_MEETING || ClauseDate(trigger, facts) != nullptr) return false;
  const std::vector<std::string> words = NormalizedWords(trigger.words);
  if (words.empty() || (words.back() != "chaired" && words.back() != "cochaired")) return false;
  const ExtractedEvent* told = LatestTalks();
  if (told == nullptr) return false;
  const int64_t start = tokens_[first].start;
  const size_t end = at + words.size();
  // "Y co-chaired it": right after the sentence of the talks or of their
  // chairs.
  if (end < facts.sentence.end && tokens_[end].norm == "it") {
    const int64_t previous = std::max(told->sentence_end, chairs_sentence_end_);
    return previous <= start && start - previous <= 3;
  }
  if (tokens_[first].norm != "the" || at < first + 3 ||
      (tokens_[at - 1].norm != "was" && tokens_[at - 1].norm != "were")) {
    return false;
  }
  for (size_t k = first + 1; k + 1 < at; ++k) {
    if (!tokens_[k].capitalized && !lexicon_.IsConnector(tokens_[k].norm)) return false;
  }
  // ("The Quad summit was chaired by X" after other talks: the body is
  // named where the talks were told.)
  if (!NamedIn(article_.TextOf(first + 1, at - 2), *told)) return false;
  chairs_sentence_end_ = tokens_[facts.sentence.end - 1].end;
  return true;
}

const ExtractedEvent* EventFinder::LatestTalks() const {
  const ExtractedEvent* told = nullptr;
  for (const ExtractedEvent& e : extraction_->events) {
    if (e.kind == v1::EVENT_KIND_MEETING || e.kind == v1::EVENT_KIND_DIALOGUE) told = &e;
  }
  return told;
}

bool EventFinder::NamedIn(absl::string_view words, const ExtractedEvent& event) const {
  const std::string key = NameKey(words);
  return !key.empty() &&
         absl::StrContains(NameKey(article_.text().substr(
                               event.sentence_start, event.sentence_end - event.sentence_start)),
                           key);
}

// "the meeting", "this dialogue": the one the story already told of (a
// meeting may be the dialogue), which the sentence's people join. False if
// the trigger is no such reference or the story told of none.
bool EventFinder::AddToToldEvent(const Trigger& trigger, const SentenceFacts& facts) {
  const size_t at = trigger.at;
  // ("It was co-chaired by X": "it" is the act the sentence before told;
  // "It was signed on Tuesday by X" dates it, and is read as itself.)
  const bool it_was = at == facts.sentence.first + 2 && tokens_[at - 2].norm == "it" &&
                      tokens_[at - 1].norm == "was" && ClauseDate(trigger, facts) == nullptr;
  if (at <= facts.sentence.first || !(it_was || ChairOfToldBody(trigger, facts) ||
                                      lexicon_.IsBackReference(tokens_[at - 1].norm))) {
    return false;
  }
  ExtractedEvent* told = nullptr;
  for (ExtractedEvent& e : extraction_->events) {
    if (e.kind == trigger.kind ||
        (trigger.kind == v1::EVENT_KIND_MEETING && e.kind == v1::EVENT_KIND_DIALOGUE)) {
      told = &e;
    }
  }
  if (told == nullptr) return false;
  // "taken during the visit of X to Washington in September 2025": a date
  // of its own that is not the told event's: another act, whose people
  // are not the told event's. Only a visit is read as an act of its own
  // (a background "the dialogue ... in 2023" is left out).
  if (const DateFound* own = ClauseDate(trigger, facts);
      own != nullptr && told->date &&
      !ToDayInterval(own->date).Overlaps(ToDayInterval(*told->date))) {
    return trigger.kind != v1::EVENT_KIND_VISIT;
  }
  // "X and Y signed a memorandum during that visit": the visit only frames
  // the sentence's act; its people are that act's, not the visit's. ("X
  // told IANS after the meeting": X was at it.)
  const bool framing = at >= facts.sentence.first + 2 && lexicon_.IsFrameWord(tokens_[at - 2].norm);
  if (framing && std::any_of(facts.triggers.begin(), facts.triggers.end(),
                             [&](const Trigger& other) { return other.kind != trigger.kind; })) {
    return true;
  }
  // "The meetings were co-chaired by X and Y" after "The 22nd meeting of
  // the JWG and the 7th session of the Dialogue were held": each talks
  // told in that sentence.
  std::vector<ExtractedEvent*> targets = {told};
  if (tokens_[at].norm == "meetings" || tokens_[at].norm == "sessions") {
    for (ExtractedEvent& e : extraction_->events) {
      if (&e != told && e.sentence_start == told->sentence_start &&
          (e.kind == v1::EVENT_KIND_MEETING || e.kind == v1::EVENT_KIND_DIALOGUE)) {
        targets.push_back(&e);
      }
    }
  }
  for (ExtractedEvent* target : targets) {
    v1::ParticipantFunction previous = v1::PARTICIPANT_FUNCTION_UNSPECIFIED;
    for (size_t o : facts.people) {
      const ExtractedOfficial& official = extraction_->officials[o];
      if (trigger.kind == v1::EVENT_KIND_VISIT &&
          !IsVisitor(article_, official, at, facts.sentence)) {
        continue;
      }
      // ("X, a retired officer, said the visit was a signal": X speaks of it;
      // not "X said at the signing", "X told IANS after the meeting".)
      const bool spoken_of = at >= facts.sentence.first + 2 &&
                             lexicon_.IsReportingVerb(tokens_[at - 2].norm) &&
                             ReportsIt(article_, official, trigger.at, facts.sentence);
      if (FramedApart(article_, official, trigger.at, facts.sentence) || spoken_of ||
          (official.name_start > tokens_[at].start &&
           InPlanOfAnotherClause(official, at, facts.sentence))) {
        continue;
      }
      AddParticipant(
          ParticipantIn(o, CoordinatedFunction(official, trigger.kind, facts.sentence, &previous),
                        facts.sentence, trigger.words, "named with a reference to it"),
          target, *extraction_);
    }
  }
  return true;
}

// The event trigger tells of, or none. *visitors holds the visitors of
// the sentence's visits (read first) and receives this one's.
std::optional<ExtractedEvent> EventFinder::EventOf(const Trigger& trigger,
                                                   const SentenceFacts& facts,
                                                   std::vector<size_t>* visitors) const {
  const Sentence& s = facts.sentence;
  const v1::EventKind kind = trigger.kind;
  // Without a named official, a sentence must give its own date or name
  // the organizations involved to count as an event ("The previous round
  // was held in June"). A specific event with neither may still be the
  // story's, dated by it, if the sentence names the countries involved
  // ("This is the second round of India-US homeland security talks").
  std::vector<size_t> organizations = OrganizationsOf(s);
  const bool specific_kind = IsSpecificEventKind(kind) || kind == v1::EVENT_KIND_STATEMENT;
  if (facts.people.empty() && facts.dates.empty() && organizations.empty() &&
      !(specific_kind && news_date_ && NamesCountries(s))) {
    return std::nullopt;
  }
  // An incident ("the July 13 Mumbai serial blasts") is told with its own
  // date, often as an adjective; without one it is no event here.
  const DateFound* incident_date = nullptr;
  if (kind == v1::EVENT_KIND_INCIDENT) {
    for (const DateFound& d : all_dates_) {
      if (d.first >= s.first && d.last < trigger.at && trigger.at - d.last <= 4) {
        incident_date = &d;
      }
    }
    if (incident_date == nullptr) return std::nullopt;
  }
  ExtractedEvent event;
  event.kind = kind;
  event.trigger = trigger.words;
  event.sentence_start = tokens_[s.first].start;
  event.sentence_end = tokens_[s.end - 1].end;
  if (!AddParticipants(trigger, facts, &event, visitors)) return std::nullopt;
  const DateFound* clause_date = ClauseDate(trigger, facts);
  // "since the previous meeting of the Dialogue": a past round told
  // without a date of its own is none of this story's.
  if (clause_date == nullptr && trigger.at > s.first &&
      tokens_[trigger.at - 1].norm == "previous") {
    return std::nullopt;
  }
  if (incident_date != nullptr) {
    event.date = incident_date->date;
    event.participants.clear();
  } else if (clause_date == nullptr && DateNextToPrevious(s, &event)) {
    // "A day earlier, he met ...": the day before the act told last.
  } else if (clause_date == nullptr && DateBesideToldAct(trigger, s, &event)) {
    // "The signing came a day after the two countries discussed ...".
  } else if (clause_date == nullptr && DateOfFrame(trigger, s, &event)) {
    // "On the sidelines of the Roundtable, an MoU was signed": its day.
  } else if (!DateFromClauseOrStory(clause_date, s, &event)) {
    return std::nullopt;  // an event needs a date
  }
  // Plans months ahead ("will next meet in 2027") are not events yet.
  const v1::FuzzyDate& published = article_.published();
  if (published.precision() == v1::DATE_PRECISION_DAY &&
      ToDayInterval(*event.date).first >
          absl::CivilDay(published.year(), published.month(), published.day()) + 31) {
    return std::nullopt;
  }
  event.planned = clause_date != nullptr && clause_date->planned;
  // "held a separate meeting", "held talks with Y, and the two witnessed
  // the signing": acts of their own beside the others of the day.
  event.separate = event.separate || ToldAsSeparate(article_, trigger.at, s) ||
                   (HeldTalksWith(article_, trigger.at, s) &&
                    TellsOfKind(article_, s, v1::EVENT_KIND_AGREEMENT_SIGNING)) ||
                   FramedByAnotherAct(article_, trigger.at, s);
  event.other_time_of_day = OtherTimeOfDayIn(s, trigger.at);
  event.told_with_also = trigger.at > s.first && tokens_[trigger.at - 1].norm == "also";
  event.among_several_signings = kind == v1::EVENT_KIND_AGREEMENT_SIGNING && several_signings_;
  event.organizations = std::move(organizations);
  AddCountries(s, &event);
  event.topics = lexicon_.TopicsIn(tokens_, s.first, s.end);
  event.city = PlaceIn(article_, s);
  if (kind == v1::EVENT_KIND_VISIT) {
    event.site = SiteVisited(article_, extraction_->officials, trigger.at, s);
  }
  const size_t people = facts.people.size();
  event.confidence = std::min(0.9, (people == 0 ? 0.4 : 0.5) +
                                       0.1 * static_cast<double>(std::min<size_t>(people, 2)) +
                                       (clause_date != nullptr ? 0.1 : 0.0));
  // What was announced or stated is seldom an event of its own in a
  // reader's sense: never sure.
  if (kind == v1::EVENT_KIND_ANNOUNCEMENT || kind == v1::EVENT_KIND_STATEMENT) {
    event.confidence = std::min(event.confidence, 0.6);
  }
  return event;
}

// The visit trigger of the sentence nearest before official's name ("X,
// who is visiting India, toured the university, where Y received her": Y
// received the tour), or the first one.
size_t EventFinder::NearestVisitBefore(const ExtractedOfficial& official,
                                       const SentenceFacts& facts) const {
  size_t nearest = facts.sentence.end;
  for (const Trigger& other : facts.triggers) {
    if (other.kind != v1::EVENT_KIND_VISIT) continue;
    if (nearest == facts.sentence.end ||
        (tokens_[other.at].end <= official.name_start && other.at > nearest)) {
      nearest = other.at;
    }
  }
  return nearest;
}

// The sentence's people take part in event, with their functions; a
// visit's only its visitors. False when the event is none: a visit
// without a visitor among the people named, or a meeting of only the
// visitors of the sentence's visit ("Koh, on a visit to India, also met
// officials of I4C": the visitors' meetings are part of the visit).
bool EventFinder::AddParticipants(const Trigger& trigger, const SentenceFacts& facts,
                                  ExtractedEvent* event, std::vector<size_t>* visitors) const {
  const v1::EventKind kind = trigger.kind;
  v1::ParticipantFunction previous = v1::PARTICIPANT_FUNCTION_UNSPECIFIED;
  std::vector<ExtractedParticipant> hosts;  // who received a visit's visitors
  for (size_t o : facts.people) {
    const ExtractedOfficial& official = extraction_->officials[o];
    if (kind == v1::EVENT_KIND_VISIT &&
        !IsVisitor(article_, official, trigger.at, facts.sentence)) {
      if (ReceivesTheVisit(article_, official, trigger.at, facts.sentence) &&
          NearestVisitBefore(official, facts) == trigger.at) {
        hosts.push_back(ParticipantIn(o, v1::PARTICIPANT_FUNCTION_MEMBER, facts.sentence,
                                      trigger.words, "received the visitors"));
      }
      continue;
    }
    if (FramedApart(article_, official, trigger.at, facts.sentence) ||
        ReportsIt(article_, official, trigger.at, facts.sentence) ||
        !InActOf(official, trigger, facts)) {
      continue;
    }
    event->participants.push_back(
        ParticipantIn(o, CoordinatedFunction(official, kind, facts.sentence, &previous),
                      facts.sentence, trigger.words, "named with the trigger"));
  }
  // (A visit whose visitors are unnamed, "the US delegation visited the
  // facility, where X made a presentation", is one all the same.)
  if (kind == v1::EVENT_KIND_VISIT && event->participants.empty() && !facts.people.empty() &&
      hosts.empty()) {
    return false;
  }
  for (ExtractedParticipant& host : hosts) event->participants.push_back(std::move(host));
  if (kind == v1::EVENT_KIND_MEETING && !visitors->empty()) {
    bool all = !event->participants.empty();
    for (const ExtractedParticipant& p : event->participants) {
      all = all && std::find(visitors->begin(), visitors->end(), p.official) != visitors->end();
    }
    if (all) return false;
  }
  if (kind == v1::EVENT_KIND_VISIT) {
    for (const ExtractedParticipant& p : event->participants) visitors->push_back(p.official);
  }
  return true;
}

// Whether the article names signed documents in the plural ("two
// Memoranda of Understanding", "the MoUs", "agreements were signed").
bool EventFinder::TellsOfSeveralSignings(const std::vector<Token>& tokens) {
  static const absl::flat_hash_set<absl::string_view> kPlurals = {
      "memoranda", "mous", "moas", "agreements", "pacts", "loas", "letters"};
  for (const Token& t : tokens) {
    if (kPlurals.contains(t.norm)) return true;
  }
  return false;
}

// The countries involved: the participants', then those the sentence names.
void EventFinder::AddCountries(const Sentence& s, ExtractedEvent* event) const {
  absl::flat_hash_set<std::string> countries;
  auto add_country = [&](const std::string& id) {
    if (!id.empty() && countries.insert(id).second) event->country_ids.push_back(id);
  };
  for (const ExtractedParticipant& p : event->participants) {
    add_country(extraction_->officials[p.official].country_id);
  }
  for (size_t t = s.first; t < s.end; ++t) {
    size_t last = 0;
    if (const std::string c = article_.CountryStartingAt(t, &last); !c.empty()) {
      add_country(c);
      t = last;
    }
  }
}

// "The Quad summit was chaired by X" after talks at the White House: a
// sentence whose subject is a body (capitalized words after "The", not
// only a country's) the story's event did not name tells of another.
bool EventFinder::OfAnotherBody(const Sentence& s, const ExtractedEvent& story) const {
  if (s.first + 2 >= s.end || tokens_[s.first].norm != "the") return false;
  size_t end = s.first + 1;
  bool named = false;
  while (end < s.end && end < s.first + 8 && tokens_[end].norm != "was" &&
         tokens_[end].norm != "were" && article_.Joined(end)) {
    size_t last = 0;
    if (!article_.CountryStartingAt(end, &last).empty()) {
      end = last + 1;
      continue;
    }
    // ("The Union Minister was assisted by X": a person, no body.)
    if (lexicon_.IsTitleHead(tokens_[end].norm)) return false;
    named = named || tokens_[end].capitalized;
    ++end;
  }
  if (!named || end >= s.end || (tokens_[end].norm != "was" && tokens_[end].norm != "were")) {
    return false;
  }
  return !NamedIn(article_.TextOf(s.first + 1, end - 1), story);
}

// Leads and hosts of a sentence without triggers join the latest
// meeting, dialogue or visit told of (of a sentence that tells only of
// visits, the latest meeting or dialogue); so does whoever "accompanied"
// them.
bool EventFinder::TellsOnlyOfVisits(const SentenceFacts& facts) const {
  if (facts.triggers.empty()) return false;
  for (const Trigger& trigger : facts.triggers) {
    if (trigger.kind != v1::EVENT_KIND_VISIT) return false;
  }
  return true;
}

void EventFinder::AddToStory(const SentenceFacts& facts, bool visits_too) {
  const Sentence& s = facts.sentence;
  ExtractedEvent* story = nullptr;
  ExtractedEvent* talks = nullptr;  // members of a side are at talks, not on a trip
  for (ExtractedEvent& e : extraction_->events) {
    if (e.kind == v1::EVENT_KIND_MEETING || e.kind == v1::EVENT_KIND_DIALOGUE ||
        (visits_too && e.kind == v1::EVENT_KIND_VISIT)) {
      story = &e;
    }
    if (e.kind == v1::EVENT_KIND_MEETING || e.kind == v1::EVENT_KIND_DIALOGUE) talks = &e;
  }
  if (story == nullptr || OfAnotherBody(s, *story)) return;
  v1::ParticipantFunction previous = v1::PARTICIPANT_FUNCTION_UNSPECIFIED;
  for (size_t o : facts.people) {
    const ExtractedOfficial& official = extraction_->officials[o];
    // "led by X and Y", "counterparts were X, ..., and Y": Y as X.
    v1::ParticipantFunction function =
        CoordinatedFunction(official, v1::EVENT_KIND_MEETING, s, &previous);
    // "X was accompanied by Y": Y was there too.
    size_t name_token = s.first;
    for (size_t t = s.first; t < s.end; ++t) {
      if (tokens_[t].start == official.quote_start) name_token = t;
    }
    ExtractedEvent* event = story;
    if (AfterAccompaniedBy(name_token, s)) {
      function = v1::PARTICIPANT_FUNCTION_MEMBER;
    } else if (function == v1::PARTICIPANT_FUNCTION_MEMBER && NamesMembers(s)) {
      if (talks == nullptr) continue;
      event = talks;
    } else if (function != v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD &&
               function != v1::PARTICIPANT_FUNCTION_HOST) {
      continue;
    } else if (talks != nullptr && NamesSide(s)) {
      // "Leading the Indian side was X" after a visit was told: a side
      // is led at talks.
      event = talks;
    }
    const std::string cue = StoryCueOf(s);
    if (cue.empty()) continue;
    ExtractedParticipant p = ParticipantIn(o, function, s, cue, "named as the story's lead");
    p.in_trigger_clause = false;
    // "held the 20th meeting of the Joint Working Group on October 22,
    // followed by the sixth session of the Designations Dialogue on
    // October 23. The U.S. delegation was led by X": a side's lead leads
    // it at each talks that sentence told.
    if (function == v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD && event == talks) {
      for (ExtractedEvent& sibling : extraction_->events) {
        if (&sibling != event && sibling.sentence_start == event->sentence_start &&
            (sibling.kind == v1::EVENT_KIND_MEETING || sibling.kind == v1::EVENT_KIND_DIALOGUE)) {
          AddParticipant(p, &sibling, *extraction_);
        }
      }
    }
    AddParticipant(std::move(p), event, *extraction_);
  }
}

}  // namespace event_finder_internal

void FindEvents(const ArticleText& article, Extraction* extraction) {
  event_finder_internal::EventFinder(article, extraction).Find();
}

}  // namespace parley
