// The dates of sentences and of the acts they tell: EventFinder's members
// of dates (event_finder.h).
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "service/base/dates.h"
#include "service/extract/event_finder.h"
#include "service/extract/event_merging.h"
#include "service/extract/trigger_filters.h"

namespace parley {
namespace event_finder_internal {

std::vector<const DateFound*> EventFinder::DatesOf(const Sentence& s) const {
  std::vector<const DateFound*> dates;
  for (const DateFound& d : all_dates_) {
    // (Not a date in quoted words: "What I saw today" is the speaker's
    // day, not one resolved against publication.)
    if (d.first >= s.first && d.last < s.end && tokens_[d.first].start >= article_.dateline_end() &&
        !d.adjectival && !DatesSomethingElse(d, s) && !SpeakersOwnDay(d)) {
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
bool EventFinder::SpeakersOwnDay(const DateFound& d) const {
  const absl::string_view word = tokens_[d.first].norm;
  return (word == "today" || word == "tonight") && article_.Quoted(tokens_[d.first].start);
}

bool EventFinder::DatesSomethingElse(const DateFound& d, const Sentence& s) const {
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

// A sentence opening "A day earlier" / "The day before" / "The previous
// day" (or "A day later", "The next day", "The following day") dates its
// act a day from the act the article told last ("A day before the talks":
// from the talks told last), "Later that day" on its day, when that one
// has a day. False otherwise.
bool EventFinder::DateNextToPrevious(const Sentence& s, ExtractedEvent* event) const {
  if (s.first + 2 >= s.end) return false;
  const absl::string_view a = tokens_[s.first].norm, b = tokens_[s.first + 1].norm,
                          c = tokens_[s.first + 2].norm;
  int shift = 0;
  size_t words = 3;  // of the opening
  bool same_day = false;
  // ("A day before the talks, X called on Y": a day from the talks.)
  const ExtractedEvent* named = nullptr;
  if ((a == "a" || a == "the") && b == "day" && (c == "before" || c == "after") &&
      s.first + 4 < s.end && tokens_[s.first + 3].norm == "the") {
    size_t length = 0;
    const v1::EventKind kind = lexicon_.TriggerAt(tokens_, s.first + 4, &length);
    for (const ExtractedEvent& e : extraction_->events) {
      if (kind != v1::EVENT_KIND_UNSPECIFIED && e.kind == kind && e.date) named = &e;
    }
  }
  if (named != nullptr) {
    shift = c == "before" ? -1 : 1;
    words = 5;
  } else if ((a == "a" && b == "day" && c == "earlier") ||
             (a == "the" && b == "day" && c == "before")) {
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
  size_t phrase_first = s.first;
  // "The seventh session of the Dialogue followed the next day": after the
  // act told last, wherever the words stand.
  for (size_t k = s.first; shift == 0 && !same_day && k + 3 < s.end; ++k) {
    const absl::string_view x = tokens_[k + 1].norm, y = tokens_[k + 2].norm,
                            z = tokens_[k + 3].norm;
    if (tokens_[k].norm == "followed" &&
        ((x == "the" && (y == "next" || y == "following") && z == "day") ||
         (x == "a" && y == "day" && z == "later"))) {
      shift = 1;
      phrase_first = k + 1;
      words = 3;
    }
  }
  std::string phrase(article_.TextOf(phrase_first, phrase_first + words - 1));
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
  } else if (named != nullptr) {
    last = named->date;
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
bool EventFinder::DateBesideToldAct(const Trigger& trigger, const Sentence& s,
                                    ExtractedEvent* event) const {
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
// the dateline and not one that dates something else — or the day of an
// act told after that date's sentence, dated from the words of its own
// ("On June 24, X called on Y. The following day, X toured the centre.
// Later that day, ...": June 25); nullopt if none.
std::optional<v1::FuzzyDate> EventFinder::LastDayNamedBefore(const Sentence& s) const {
  std::optional<v1::FuzzyDate> last;
  int64_t named_at = -1;  // where the sentence of that date starts
  for (const Sentence& before : article_.sentences()) {
    if (before.first >= s.first) break;
    for (const DateFound* d : DatesOf(before)) {
      if (d->date.precision() == v1::DATE_PRECISION_DAY && d->date.end_year() == 0) {
        last = d->date;
        named_at = tokens_[before.first].start;
      }
    }
  }
  const int64_t start = tokens_[s.first].start;
  for (const ExtractedEvent& e : extraction_->events) {
    if (last && e.sentence_start > named_at && e.sentence_start < start && e.date &&
        e.date->precision() == v1::DATE_PRECISION_DAY && e.date->end_year() == 0) {
      last = e.date;
    }
  }
  return last;
}

// Whether s puts its act on "that day" or "the same day" after the words
// of the act ("She also met X that day").
bool EventFinder::SaysThatDay(const Sentence& s) const {
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
bool EventFinder::SameDayOpening(const Sentence& s, size_t* words) const {
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

// The date of the trigger's clause: the nearest one after it ("held talks
// ... on Tuesday") before the next trigger, else the nearest before it
// after the previous trigger ("on Monday signed"), else the nearest of
// the sentence; nullptr if the sentence has none.
const DateFound* EventFinder::ClauseDate(const Trigger& trigger, const SentenceFacts& facts) const {
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
  auto distance = [at](const DateFound* d) { return d->first > at ? d->first - at : at - d->last; };
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
bool EventFinder::InOtherRelativeClause(const DateFound& d, size_t trigger) const {
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
  // "X, who arrived on Sunday, co-chaired", "The US official, who took
  // charge of the State Department's Bureau of ... (CDP) in March, is on
  // her first visit": the clause, with no comma inside before the date,
  // closes before the trigger.
  for (size_t t = d.first; t > 0 && t + 20 > d.first; --t) {
    if (opens_clause(t)) {
      for (size_t u = d.last + 1; u <= trigger; ++u) {
        if (article_.Gap(u).find(',') != absl::string_view::npos) return true;
      }
      return false;
    }
    if (article_.Gap(t).find_first_of(",.;") != absl::string_view::npos) break;
  }
  return false;
}

// Dates event, told in s without a date of its own, by the act told before
// that s places it beside or after ("On the sidelines of the Roundtable,
// an MoU was signed", "Following the signing, the delegations held
// talks"); false if s frames it by none.
bool EventFinder::DateOfFrame(const Trigger& trigger, const Sentence& s,
                              ExtractedEvent* event) const {
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
  // "On the margins of the Working Group, X and Y signed": a body whose
  // meeting was told, not a trigger; the meeting or dialogue told last.
  auto word = [&](size_t k) -> absl::string_view {
    return s.first + k < trigger.at ? absl::string_view(tokens_[s.first + k].norm) : "";
  };
  if (word(0) != "on" || word(1) != "the" || (word(2) != "sidelines" && word(2) != "margins") ||
      word(3) != "of") {
    return false;
  }
  // (Only a body named where the talks were told: not "On the sidelines of
  // the Quad summit" after talks at the White House.)
  size_t body_end = s.first + 4;
  while (body_end < trigger.at && !article_.CommaBefore(body_end)) ++body_end;
  if (body_end == s.first + 4) return false;
  const absl::string_view body = article_.TextOf(s.first + 4, body_end - 1);
  for (size_t e = extraction_->events.size(); e-- > 0;) {
    const ExtractedEvent& told = extraction_->events[e];
    if ((told.kind != v1::EVENT_KIND_MEETING && told.kind != v1::EVENT_KIND_DIALOGUE) ||
        !told.date || told.planned) {
      continue;
    }
    if (!NamedIn(absl::StripPrefix(body, "the "), told)) return false;
    event->date = *told.date;
    event->date->set_basis_note(absl::StrCat("no date in its sentence: the date of the ",
                                             told.trigger, " whose margins it is on, ",
                                             told.date->basis_note()));
    return true;
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
bool EventFinder::DateFromClauseOrStory(const DateFound* clause_date, const Sentence& s,
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
    event->date->set_basis_note(absl::StrCat("no date in its sentence: the story's ", news_phrase_,
                                             ", ", news_date_->basis_note()));
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
const DateFound* EventFinder::DateOfNextReference(const Sentence& s, v1::EventKind kind) const {
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
bool EventFinder::DatesElsewhere() const {
  for (const DateFound& d : all_dates_) {
    if (tokens_[d.first].start >= article_.dateline_end() && !d.adjectival) return true;
  }
  return false;
}

// The latest news peg of the sentence becomes the story's date: "Clinton
// arrived on Monday night" does not move a story of Tuesday back a day.
void EventFinder::UpdateNewsDate(const std::vector<const DateFound*>& dates) {
  for (const DateFound* d : dates) {
    if (d->news_peg &&
        (!news_date_ || ToDayInterval(d->date).first >= ToDayInterval(*news_date_).first)) {
      news_date_ = d->date;
      news_phrase_ = "'" + std::string(article_.TextOf(d->first, d->last)) + "'";
    }
  }
}

}  // namespace event_finder_internal
}  // namespace parley
