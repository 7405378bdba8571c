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
#include "service/extract/event_merging.h"
#include "service/extract/event_participants.h"
#include "service/extract/event_places.h"
#include "service/extract/group_references.h"
#include "service/extract/person_names.h"
#include "service/extract/trigger_filters.h"

namespace parley {
namespace {

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

bool IsFutureWordOf(const void* lexicon, absl::string_view norm) {
  return static_cast<const ExtractionLexicon*>(lexicon)->IsFutureWord(norm);
}

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
                           &IsFutureWordOf, &article.lexicon())) {}

  void Find() {
    for (const Sentence& sentence : article_.sentences()) {
      std::vector<size_t> people = PeopleOf(sentence);
      std::vector<Trigger> triggers = TriggersOf(sentence, people);
      SentenceFacts facts{sentence, DatesOf(sentence), std::move(triggers), std::move(people)};
      const size_t events_before = extraction_->events.size();
      AddEventsOf(facts);
      AddGroupReferences(facts, events_before);
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

 private:
  // ---- What a sentence holds.

  std::vector<const DateFound*> DatesOf(const Sentence& s) const {
    std::vector<const DateFound*> dates;
    for (const DateFound& d : all_dates_) {
      // (Not a date in quoted words: "What I saw today" is the speaker's
      // day, not one resolved against publication.)
      if (d.first >= s.first && d.last < s.end &&
          tokens_[d.first].start >= article_.dateline_end() && !d.adjectival &&
          !DatesSomethingElse(d, s) && !article_.Quoted(tokens_[d.first].start)) {
        dates.push_back(&d);
      }
    }
    return dates;
  }

  // "officials said on Wednesday", "told ANI on Tuesday", "a statement
  // issued on Tuesday": the day the news was told, not the day of the act
  // it tells of. "negotiations began last
  // year", "a visit that began on Sunday", "since 2019": when something
  // else started.
  bool DatesSomethingElse(const DateFound& d, const Sentence& s) const {
    static const absl::flat_hash_set<absl::string_view> kOtherActs = {
        "said",  "says",    "told",  "added",  "stated",  "began",
        "begun", "started", "since", "issued", "released"};
    for (size_t back = 1; back <= 4 && d.first >= s.first + back; ++back) {
      const size_t t = d.first - back;
      if (kOtherActs.contains(tokens_[t].norm)) return true;
      if (article_.Gap(t + 1).find_first_of(",;:") != absl::string_view::npos) return false;
    }
    return false;
  }

  // Triggers, by kind: the first of each kind that is no source, state,
  // institution or plan, and a second act of a kind (SecondActOf).
  std::vector<Trigger> TriggersOf(const Sentence& s, const std::vector<size_t>& people) const {
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
  bool ObjectReferringBack(const Trigger& earlier, size_t t, const Sentence& s) const {
    return t > s.first && t <= earlier.at + 4 && lexicon_.IsBackReference(tokens_[t - 1].norm) &&
           tokens_[t - 1].norm != "that" && DatesOf(s).empty();
  }

  // "X called on Y and met Z", "X met Y on Monday and visited Z on
  // Wednesday": a trigger at token t of the kind of an earlier one is an act
  // of its own when a clause of its own opens with it ("and", maybe "also"
  // or "then", or a comma before it) and someone was named between the two.
  bool SecondActOf(const Trigger& earlier, size_t t, const Sentence& s,
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

  // Whether official belongs to the act of the trigger at token `at` when
  // the sentence tells of several acts of its kind: named before the first
  // (the subject of them all), or after this one and before the next.
  bool InActOf(const ExtractedOfficial& official, const Trigger& trigger,
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
    return at > tokens_[trigger.at].start &&
           (next == facts.sentence.end || at < tokens_[next].start);
  }

  // A sentence opening "A day earlier" / "The day before" / "The previous
  // day" (or "A day later",
  // "The next day", "The following day") dates its act a day from the act
  // the article told last, "Later that day" on its day, when that one has
  // a day. False otherwise.
  bool DateNextToPrevious(const Sentence& s, ExtractedEvent* event) const {
    if (s.first + 2 >= s.end) return false;
    const absl::string_view a = tokens_[s.first].norm, b = tokens_[s.first + 1].norm,
                            c = tokens_[s.first + 2].norm;
    int shift = 0;
    size_t words = 3;  // of the opening
    bool same_day = false;
    if ((a == "a" && b == "day" && c == "earlier") || (a == "the" && b == "day" && c == "before")) {
      shift = -1;
    } else if (a == "the" && b == "previous" && c == "day") {
      shift = -1;
    } else if ((a == "a" && b == "day" && c == "later") ||
               ((a == "the" && (b == "next" || b == "following") && c == "day"))) {
      shift = 1;
    } else if (SameDayOpening(s, &words)) {
      same_day = true;  // "Later that day", "Earlier the same day", "That evening"
      // "Earlier in the day, X co-chaired a roundtable": another act of
      // that day, not the one told last again.
      if (tokens_[s.first].norm == "earlier" || tokens_[s.first].norm == "later") {
        event->separate = true;
      }
    }
    std::string phrase(article_.TextOf(s.first, s.first + words - 1));
    if (shift == 0 && !same_day && SaysThatDay(s)) {
      same_day = true;  // "She also met X that day"
      phrase = "that day";
    }
    // "Later that day": the day the text named last before the sentence
    // (the act told last may be one dated earlier, or no event at all:
    // "toured relief camps on Wednesday. That evening he met ...").
    std::optional<v1::FuzzyDate> last;
    if (same_day) {
      last = LastDayNamedBefore(s);
    } else if (!extraction_->events.empty()) {
      last = extraction_->events.back().date;
    }
    if ((shift == 0 && !same_day) || !last || last->precision() != v1::DATE_PRECISION_DAY ||
        last->end_year() != 0) {
      return false;
    }
    const absl::CivilDay day = absl::CivilDay(last->year(), last->month(), last->day()) + shift;
    event->date =
        MakeDate(static_cast<int>(day.year()), day.month(), day.day(), v1::DATE_BASIS_RESOLVED,
                 absl::StrCat("'", phrase, "' from ", last->display()));
    return true;
  }

  // "The signing came a day after the two countries discussed ...", "The
  // meeting came two days before X visited ...": the act told after it is a
  // day (or N days) before (or after) the told act of the subject, when that
  // one has a day. False otherwise.
  bool DateBesideToldAct(const Trigger& trigger, const Sentence& s, ExtractedEvent* event) const {
    const size_t subject = s.first + 1;
    if (s.first + 6 >= s.end || trigger.at <= subject + 4 ||
        !lexicon_.IsBackReference(tokens_[s.first].norm)) {
      return false;
    }
    size_t length = 0;
    const v1::EventKind kind = lexicon_.TriggerAt(tokens_, subject, &length);
    if (kind == v1::EVENT_KIND_UNSPECIFIED) return false;
    size_t k = subject + length;
    if (k + 3 >= s.end || tokens_[k].norm != "came") return false;
    ++k;
    int days = 0;
    if (tokens_[k].norm == "a" || tokens_[k].norm == "one") {
      days = 1;
    } else if (tokens_[k].norm == "two") {
      days = 2;
    } else {
      return false;
    }
    if (tokens_[k + 1].norm != "day" && tokens_[k + 1].norm != "days") return false;
    const absl::string_view direction = tokens_[k + 2].norm;
    if (direction != "after" && direction != "before") return false;
    const ExtractedEvent* told = nullptr;
    for (const ExtractedEvent& e : extraction_->events) {
      if (e.kind == kind && e.date) told = &e;
    }
    if (told == nullptr || told->date->precision() != v1::DATE_PRECISION_DAY ||
        told->date->end_year() != 0) {
      return false;
    }
    const absl::CivilDay day =
        absl::CivilDay(told->date->year(), told->date->month(), told->date->day()) +
        (direction == "after" ? -days : days);
    event->date = MakeDate(
        static_cast<int>(day.year()), day.month(), day.day(), v1::DATE_BASIS_RESOLVED,
        absl::StrCat("'", article_.TextOf(s.first, k + 2), "' from ", told->date->display()));
    return true;
  }

  // The last date of day precision the text names before sentence s, after
  // the dateline and not one that dates something else; nullopt if none.
  std::optional<v1::FuzzyDate> LastDayNamedBefore(const Sentence& s) const {
    std::optional<v1::FuzzyDate> last;
    for (const Sentence& before : article_.sentences()) {
      if (before.first >= s.first) break;
      for (const DateFound* d : DatesOf(before)) {
        if (d->date.precision() == v1::DATE_PRECISION_DAY && d->date.end_year() == 0) {
          last = d->date;
        }
      }
    }
    return last;
  }

  // Whether s puts its act on "that day" or "the same day" after the words
  // of the act ("She also met X that day").
  bool SaysThatDay(const Sentence& s) const {
    for (size_t t = s.first + 1; t + 1 < s.end; ++t) {
      const absl::string_view w = tokens_[t].norm, next = tokens_[t + 1].norm;
      // (Not "said that day-long talks ...".)
      if (t + 2 < s.end && article_.Gap(t + 2) == "-") continue;
      if ((w == "that" && next == "day" && !lexicon_.IsReportingVerb(tokens_[t - 1].norm)) ||
          (w == "same" && next == "day" && tokens_[t - 1].norm == "the")) {
        return true;
      }
    }
    return false;
  }

  // Whether s opens with words that put its act on the day of the act told
  // last: "[Later|Earlier] that day|evening|morning|afternoon", "[Later|
  // Earlier] the same day", "Earlier in the day"; *words receives how many.
  bool SameDayOpening(const Sentence& s, size_t* words) const {
    auto norm = [&](size_t k) -> absl::string_view {
      return s.first + k < s.end ? absl::string_view(tokens_[s.first + k].norm) : "";
    };
    size_t k = norm(0) == "later" || norm(0) == "earlier" ? 1 : 0;
    if (k == 1 && (norm(1) == "on" || norm(1) == "in")) k = 2;  // "Later on the same day"
    const absl::string_view part = norm(k + 1);
    const bool part_of_day =
        part == "day" || part == "evening" || part == "morning" || part == "afternoon";
    if (norm(k) == "that" && part_of_day) {
      *words = k + 2;
      return true;
    }
    if (norm(k) == "the" && norm(k + 1) == "same" && norm(k + 2) == "day") {
      *words = k + 3;
      return true;
    }
    // "Earlier in the day", "Later in the evening".
    if (k == 2 && norm(1) == "in" && norm(k) == "the" && part_of_day) {
      *words = k + 2;
      return true;
    }
    return false;
  }

  // "the next round", "will soon sit down for the dialogue": planned, not
  // held (a plan with a date, "will visit next week", stays).
  bool IsPlanned(size_t t, const Sentence& s) const {
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
  std::vector<size_t> PeopleOf(const Sentence& s) const {
    std::vector<size_t> people;
    absl::flat_hash_set<std::string> keys;
    for (size_t o = 0; o < extraction_->officials.size(); ++o) {
      const ExtractedOfficial& official = extraction_->officials[o];
      if (official.name_start >= tokens_[s.first].start &&
          official.name_end <= tokens_[s.end - 1].end && !article_.Quoted(official.name_start) &&
          keys.insert(NameKey(official.name)).second) {
        people.push_back(o);
      }
    }
    return people;
  }

  // Organizations of the sentence that take part in what it tells; not the
  // one it is attributed to ("..., the Ministry of External Affairs said",
  // "according to the Ministry of Home Affairs"): a source, not a party.
  std::vector<size_t> OrganizationsOf(const Sentence& s) const {
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

  bool IsSpeaker(const ExtractedOrganization& org, const Sentence& s) const {
    size_t after = s.first;
    while (after < s.end && tokens_[after].start < org.end) ++after;
    if (after < s.end && lexicon_.IsReportingVerb(tokens_[after].norm)) return true;
    size_t before = s.first;  // the first token of the organization
    while (before < s.end && tokens_[before].end <= org.start) ++before;
    if (before >= s.first + 1 && tokens_[before - 1].norm == "the") --before;
    return before >= s.first + 2 && tokens_[before - 1].norm == "to" &&
           tokens_[before - 2].norm == "according";
  }

  bool NamesCountries(const Sentence& s) const {
    for (size_t t = s.first; t < s.end; ++t) {
      size_t last = 0;
      if (!article_.CountryStartingAt(t, &last).empty()) return true;
    }
    return false;
  }

  // ---- Participants and their quotes.

  // A participation is as sure as its event and its official, less so when
  // only the story, not the event's own sentence, ties the person to it.
  // A plain member among three or more people named is the likeliest to be
  // someone merely mentioned (measured on the development set: rows of
  // such members were right about three times in four).
  void ScoreParticipants(ExtractedEvent* event) const {
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
  ExtractedParticipant ParticipantIn(size_t o, v1::ParticipantFunction function, const Sentence& s,
                                     absl::string_view cue, absl::string_view rule) const {
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

  // "The Indian side also comprised X and Y", "X and Y were part of the US
  // delegation": a side word and a member cue.
  bool NamesMembers(const Sentence& s) const {
    bool side = false, member = false;
    for (size_t t = s.first; t < s.end; ++t) {
      side = side || lexicon_.IsDelegationWord(tokens_[t].norm);
      member = member || lexicon_.IsMemberCue(tokens_[t].norm);
    }
    return side && member;
  }

  // What official did at an act of kind told in s, as the person they are
  // joined to by "and" did when that one led or hosted ("co-chaired by X,
  // Title, and Y, Title": Y too); *previous holds the function of the
  // person before and receives this one's.
  v1::ParticipantFunction CoordinatedFunction(const ExtractedOfficial& official, v1::EventKind kind,
                                              const Sentence& s,
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

  // Whether token t comes after "accompanied [...] by" in s: "X was
  // accompanied by the Ambassador of India, Y, and Professor Z", "She was
  // accompanied throughout her visit by Y".
  bool AfterAccompaniedBy(size_t t, const Sentence& s) const {
    for (size_t k = s.first + 1; k < t; ++k) {
      if (tokens_[k].norm != "by") continue;
      for (size_t v = k; v-- > s.first && v + 6 >= k;) {
        if (tokens_[v].norm == "accompanied") return true;
      }
    }
    return false;
  }

  // Whether s names a side or delegation ("the Indian side").
  bool NamesSide(const Sentence& s) const {
    for (size_t t = s.first; t < s.end; ++t) {
      if (lexicon_.IsDelegationWord(tokens_[t].norm)) return true;
    }
    return false;
  }

  // The words of a sentence without a trigger that tie its people to the
  // story's event: the first role verb or delegation word ("led",
  // "accompanied", "delegation"), as written; "" if none.
  std::string StoryCueOf(const Sentence& s) const {
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
  bool PresentAtTheLast(const SentenceFacts& facts) {
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
  bool AttendedTheLast(const SentenceFacts& facts) {
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
  void AddGroupReferences(const SentenceFacts& facts, size_t events_before) {
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
        ExtractedParticipant p = ParticipantIn(o, function, s, CueOf(facts, event),
                                               "referred to as a group of people just named");
        p.mention_start = tokens_[reference->first].start;
        p.mention_end = tokens_[reference->last].end;
        p.group_mention = true;
        p.in_trigger_clause = false;
        AddParticipant(std::move(p), &event, *extraction_);
      }
    }
  }

  // The words of sentence facts that tell of event: its trigger of the
  // event's kind (the event may be one told before, with other words).
  static std::string CueOf(const SentenceFacts& facts, const ExtractedEvent& event) {
    for (const Trigger& trigger : facts.triggers) {
      if (trigger.kind == event.kind) return trigger.words;
    }
    return event.trigger;
  }

  // The two people of an event told in sentence s, both in its trigger's
  // clause and named before the group reference (who "the two" then are,
  // even for that event itself); empty if none such.
  std::vector<size_t> PairNamedBefore(size_t events_before, const GroupReference& reference,
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

  // ---- Events of a sentence.

  void AddEventsOf(const SentenceFacts& facts) {
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
      if (trigger->kind == v1::EVENT_KIND_MEETING &&
          !TalksBetween(article_, trigger->kind, trigger->at, s) &&
          !HeldTalksWith(article_, trigger->at, s) &&
          !NumberedMeetingOf(article_, trigger->at, s) &&
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
  bool NumberedMeetingOfAnotherBody(size_t t, const Sentence& s) const {
    if (!NumberedMeetingOf(article_, t, s)) return false;
    for (size_t u = tokens_[t + 2].norm == "the" ? t + 3 : t + 2;
         u < s.end && (tokens_[u].capitalized || lexicon_.IsConnector(tokens_[u].norm)); ++u) {
      size_t length = 0;
      if (lexicon_.TriggerAt(tokens_, u, &length) == v1::EVENT_KIND_DIALOGUE) return false;
    }
    return true;
  }

  // "the meeting", "this dialogue": the one the story already told of (a
  // meeting may be the dialogue), which the sentence's people join. False if
  // the trigger is no such reference or the story told of none.
  bool AddToToldEvent(const Trigger& trigger, const SentenceFacts& facts) {
    const size_t at = trigger.at;
    // ("It was co-chaired by X": "it" is the act the sentence before told;
    // "It was signed on Tuesday by X" dates it, and is read as itself.)
    const bool it_was = at == facts.sentence.first + 2 && tokens_[at - 2].norm == "it" &&
                        tokens_[at - 1].norm == "was" && ClauseDate(trigger, facts) == nullptr;
    if (at <= facts.sentence.first || !(it_was || lexicon_.IsBackReference(tokens_[at - 1].norm))) {
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
        if (FramedApart(article_, official, trigger.at, facts.sentence)) continue;
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
  std::optional<ExtractedEvent> EventOf(const Trigger& trigger, const SentenceFacts& facts,
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

  // The sentence's people take part in event, with their functions; a
  // visit's only its visitors. False when the event is none: a visit
  // without a visitor among the people named, or a meeting of only the
  // visitors of the sentence's visit ("Koh, on a visit to India, also met
  // officials of I4C": the visitors' meetings are part of the visit).
  bool AddParticipants(const Trigger& trigger, const SentenceFacts& facts, ExtractedEvent* event,
                       std::vector<size_t>* visitors) const {
    const v1::EventKind kind = trigger.kind;
    v1::ParticipantFunction previous = v1::PARTICIPANT_FUNCTION_UNSPECIFIED;
    std::vector<ExtractedParticipant> hosts;  // who received a visit's visitors
    for (size_t o : facts.people) {
      const ExtractedOfficial& official = extraction_->officials[o];
      if (kind == v1::EVENT_KIND_VISIT &&
          !IsVisitor(article_, official, trigger.at, facts.sentence)) {
        if (ReceivesTheVisit(article_, official, trigger.at, facts.sentence)) {
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

  // The date of the trigger's clause: the nearest one after it ("held talks
  // ... on Tuesday") before the next trigger, else the nearest before it
  // after the previous trigger ("on Monday signed"), else the nearest of
  // the sentence; nullptr if the sentence has none.
  const DateFound* ClauseDate(const Trigger& trigger, const SentenceFacts& facts) const {
    const size_t at = trigger.at;
    size_t previous = facts.sentence.first, next = facts.sentence.end;
    for (const Trigger& other : facts.triggers) {
      if (other.at < at) previous = std::max(previous, other.at);
      if (other.at > at) next = std::min(next, other.at);
    }
    const DateFound* nearest = nullptr;
    std::vector<const DateFound*> own;  // not in a relative clause the trigger is outside of
    for (const DateFound* d : facts.dates) {
      if (!InOtherRelativeClause(*d, at)) own.push_back(d);
    }
    for (const DateFound* d : own) {
      if (d->first > at && d->first < next &&
          (nearest == nullptr || nearest->first < at || d->first < nearest->first)) {
        nearest = d;
      }
    }
    for (const DateFound* d : own) {
      if (nearest == nullptr && d->last < at && d->first >= previous) nearest = d;
      if (nearest != nullptr && nearest->last < at && d->last < at && d->first >= previous &&
          d->last > nearest->last) {
        nearest = d;
      }
    }
    if (nearest != nullptr) return nearest;
    auto distance = [at](const DateFound* d) {
      return d->first > at ? d->first - at : at - d->last;
    };
    for (const DateFound* d : own) {
      if (nearest == nullptr || distance(d) < distance(nearest)) nearest = d;
    }
    return nearest;
  }

  // "co-chaired by X and Y, who arrived in New Delhi on Sunday": a date in
  // a relative clause about a person (", who ...") dates that person's act,
  // not a trigger outside it; unless the trigger's clause takes it up ("X,
  // who arrived on Monday, met Y the same day"). A ", which ..." clause is
  // kept: it often tells of the event itself ("the meeting, which was held
  // on Wednesday").
  bool InOtherRelativeClause(const DateFound& d, size_t trigger) const {
    auto opens_clause = [this](size_t t) {
      return tokens_[t].norm == "who" && article_.Gap(t).find(',') != absl::string_view::npos;
    };
    for (size_t t = trigger; t + 1 < tokens_.size() && t < trigger + 12; ++t) {
      if (tokens_[t].norm == "same" && tokens_[t + 1].norm == "day") return false;
    }
    if (d.first > trigger) {
      for (size_t t = trigger + 1; t < d.first; ++t) {
        if (opens_clause(t)) return true;
      }
      return false;
    }
    // "X, who arrived on Sunday, co-chaired": the clause closes before the trigger.
    for (size_t t = d.first; t > 0 && t + 6 > d.first; --t) {
      if (opens_clause(t)) {
        for (size_t u = d.last + 1; u <= trigger; ++u) {
          if (article_.Gap(u).find(',') != absl::string_view::npos) return true;
        }
        return false;
      }
    }
    return false;
  }

  // Dates event, told in s without a date of its own, by the act told before
  // that s places it beside or after ("On the sidelines of the Roundtable,
  // an MoU was signed", "Following the signing, the delegations held
  // talks"); false if s frames it by none.
  bool DateOfFrame(const Trigger& trigger, const Sentence& s, ExtractedEvent* event) const {
    for (size_t u = s.first; u < trigger.at; ++u) {
      size_t length = 0;
      const v1::EventKind frame = lexicon_.TriggerAt(tokens_, u, &length);
      // ("Before"/"ahead of" the act is another day.)
      if (frame == v1::EVENT_KIND_UNSPECIFIED || u + length > trigger.at) continue;
      const ActFrame how = FrameOfAnotherAct(article_, u, length, s);
      if (how != ActFrame::kBeside && how != ActFrame::kActAfterIt) continue;
      for (size_t e = extraction_->events.size(); e-- > 0;) {
        const ExtractedEvent& told = extraction_->events[e];
        if (told.kind != frame || !told.date || told.planned) continue;
        event->date = *told.date;
        event->date->set_basis_note(absl::StrCat("no date in its sentence: the date of the ",
                                                 told.trigger, " it is told beside, ",
                                                 told.date->basis_note()));
        return true;
      }
    }
    return false;
  }

  // Dates event by its clause's date, or the date the next sentence gives
  // when it refers back to it ("... co-chaired the fifth Dialogue. The
  // meeting, held on January 14, ..."); else by the story's; else, when the
  // article told of a signing, dialogue or press conference before, by that
  // one's (the sentence tells of it again: "The MoU was signed by ..."); else by the
  // publication's, only when the article dates nothing else (an event does
  // not silently take the publication date when the article dates events
  // elsewhere). False if there is none of them.
  bool DateFromClauseOrStory(const DateFound* clause_date, const Sentence& s,
                             ExtractedEvent* event) const {
    const v1::FuzzyDate& published = article_.published();
    if (clause_date == nullptr) clause_date = DateOfNextReference(s, event->kind);
    const ExtractedEvent* told = nullptr;
    for (const ExtractedEvent& e : extraction_->events) {
      if (e.kind == event->kind && e.date) told = &e;
    }
    // A signing told again without a date ("The document was signed by X
    // and Y") is the one told before, of its date, not the story's.
    const bool signing_told = told != nullptr && event->kind == v1::EVENT_KIND_AGREEMENT_SIGNING;
    if (clause_date != nullptr) {
      event->date = clause_date->date;
    } else if (news_date_ && !signing_told) {
      event->date = *news_date_;
      event->date->set_basis_note(absl::StrCat("no date in its sentence: the story's ",
                                               news_phrase_, ", ", news_date_->basis_note()));
    } else if (told != nullptr && IsSpecificEventKind(event->kind)) {
      event->date = *told->date;
      event->date->set_basis_note(absl::StrCat("no date in its sentence: the date of the ",
                                               told->trigger, " told before, ",
                                               told->date->basis_note()));
    } else if (published.precision() != v1::DATE_PRECISION_UNSPECIFIED && !DatesElsewhere()) {
      event->date = published;
      event->date->set_basis(v1::DATE_BASIS_RESOLVED);
      event->date->set_basis_note("no date in its sentence or story: the publication date");
    } else {
      return false;
    }
    return true;
  }

  // The date of the sentence after s when it opens with a reference to an
  // event of kind ("The meeting, held on January 14", "The talks on
  // Tuesday"; a meeting may be the dialogue): its first date; nullptr if none.
  const DateFound* DateOfNextReference(const Sentence& s, v1::EventKind kind) const {
    const std::vector<Sentence>& sentences = article_.sentences();
    const size_t index = static_cast<size_t>(&s - sentences.data());
    if (index + 1 >= sentences.size()) return nullptr;
    const Sentence& next = sentences[index + 1];
    if (next.end < next.first + 2 || !lexicon_.IsBackReference(tokens_[next.first].norm)) {
      return nullptr;
    }
    size_t length = 0;
    const v1::EventKind referred = lexicon_.TriggerAt(tokens_, next.first + 1, &length);
    const bool same =
        referred == kind || (referred == v1::EVENT_KIND_MEETING && IsSpecificEventKind(kind));
    if (!same) return nullptr;
    // Its own date: within six words of the reference, no other trigger
    // between ("The trip follows talks in March" dates the talks).
    const size_t after = next.first + 1 + length;
    for (const DateFound& d : all_dates_) {
      if (d.first < after || d.last >= next.end || d.first > after + 6 || d.adjectival) continue;
      for (size_t t = after; t < d.first; ++t) {
        size_t unused = 0;
        if (lexicon_.TriggerAt(tokens_, t, &unused) != v1::EVENT_KIND_UNSPECIFIED) return nullptr;
      }
      return &d;
    }
    return nullptr;
  }

  // Whether the article's body dates anything (not as an adjective).
  bool DatesElsewhere() const {
    for (const DateFound& d : all_dates_) {
      if (tokens_[d.first].start >= article_.dateline_end() && !d.adjectival) return true;
    }
    return false;
  }

  // The countries involved: the participants', then those the sentence names.
  void AddCountries(const Sentence& s, ExtractedEvent* event) const {
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

  // ---- The story.

  // Leads and hosts of a sentence without triggers join the latest
  // meeting, dialogue or visit told of (of a sentence that tells only of
  // visits, the latest meeting or dialogue); so does whoever "accompanied"
  // them.
  bool TellsOnlyOfVisits(const SentenceFacts& facts) const {
    if (facts.triggers.empty()) return false;
    for (const Trigger& trigger : facts.triggers) {
      if (trigger.kind != v1::EVENT_KIND_VISIT) return false;
    }
    return true;
  }

  void AddToStory(const SentenceFacts& facts, bool visits_too) {
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
    if (story == nullptr) return;
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

  // The latest news peg of the sentence becomes the story's date: "Clinton
  // arrived on Monday night" does not move a story of Tuesday back a day.
  void UpdateNewsDate(const std::vector<const DateFound*>& dates) {
    for (const DateFound* d : dates) {
      if (d->news_peg &&
          (!news_date_ || ToDayInterval(d->date).first >= ToDayInterval(*news_date_).first)) {
        news_date_ = d->date;
        news_phrase_ = "'" + std::string(article_.TextOf(d->first, d->last)) + "'";
      }
    }
  }

  const ArticleText& article_;
  const std::vector<Token>& tokens_;
  const ExtractionLexicon& lexicon_;
  Extraction* extraction_;
  const std::vector<DateFound> all_dates_;  // of the whole text, dateline included
  // The date of the news: the latest date near publication told before a
  // sentence (for sentences that give none), and its words.
  std::optional<v1::FuzzyDate> news_date_;
  std::string news_phrase_;
};

}  // namespace

void FindEvents(const ArticleText& article, Extraction* extraction) {
  EventFinder(article, extraction).Find();
}

}  // namespace parley
