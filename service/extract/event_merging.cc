#include "service/extract/event_merging.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "service/base/dates.h"
#include "service/base/normalize.h"
#include "service/extract/date_phrases.h"

namespace parley {
namespace {

bool SamePerson(const Extraction& extraction, size_t a, size_t b) {
  return NameKey(extraction.officials[a].name) == NameKey(extraction.officials[b].name);
}

// Whether the person of official takes part in event.
bool Takes(const ExtractedEvent& event, size_t official, const Extraction& extraction) {
  for (const ExtractedParticipant& p : event.participants) {
    if (SamePerson(extraction, p.official, official)) return true;
  }
  return false;
}

template <typename T>
void AddNew(const std::vector<T>& from, std::vector<T>* into) {
  for (const T& item : from) {
    if (std::find(into->begin(), into->end(), item) == into->end()) into->push_back(item);
  }
}

// The days from the first of a to the last of b (or the other way round).
v1::FuzzyDate Span(const v1::FuzzyDate& a, const v1::FuzzyDate& b) {
  const DayInterval ia = ToDayInterval(a), ib = ToDayInterval(b);
  const absl::CivilDay first = std::min(ia.first, ib.first);
  const absl::CivilDay last = std::max(ia.last, ib.last);
  v1::FuzzyDate d =
      MakeDate(static_cast<int>(first.year()), first.month(), first.day(), v1::DATE_BASIS_RESOLVED,
               absl::StrCat(a.basis_note(), "; ", b.basis_note()));
  if (last != first) {
    SetSpanEnd(static_cast<int>(last.year()), last.month(), last.day(), &d);
  }
  return d;
}

// Merges what event adds (people, organizations, countries, topics, a
// longer span of days) into earlier.
void Absorb(const ExtractedEvent& event, ExtractedEvent* earlier, const Extraction& extraction) {
  for (const ExtractedParticipant& p : event.participants) AddParticipant(p, earlier, extraction);
  AddNew(event.organizations, &earlier->organizations);
  AddNew(event.country_ids, &earlier->country_ids);
  AddNew(event.topics, &earlier->topics);
  if (!earlier->date) {
    earlier->date = event.date;
  } else if (event.date && event.date->display() != earlier->date->display()) {
    earlier->date = Span(*earlier->date, *event.date);
  }
  earlier->confidence = std::min(0.95, std::max(earlier->confidence, event.confidence) + 0.05);
}

// Whether two meetings of one day are two: they share one person only and
// each has someone the other lacks ("the visiting Deputy Secretary held
// talks with the Home Secretary ... Earlier in the day, he called on the
// Minister of State").
bool OtherCounterparts(const ExtractedEvent& a, const ExtractedEvent& b,
                       const Extraction& extraction) {
  if (a.kind != v1::EVENT_KIND_MEETING) return false;
  size_t shared = 0, only_a = 0, only_b = 0;
  for (const ExtractedParticipant& p : a.participants) {
    (Takes(b, p.official, extraction) ? shared : only_a) += 1;
  }
  for (const ExtractedParticipant& p : b.participants) {
    if (!Takes(a, p.official, extraction)) ++only_b;
  }
  return shared == 1 && only_a > 0 && only_b > 0;
}

// "Jha also called on Mr. Coldwell ... on 29 September", "X also met
// Minister of State Y on Wednesday evening": a call on (or a meeting with)
// someone who was not at the day's dialogue or signing is a meeting of
// its own.
bool CallOnSomeoneElse(const ExtractedEvent& meeting, const ExtractedEvent& specific,
                       const Extraction& extraction) {
  const std::string trigger = absl::AsciiStrToLower(meeting.trigger);
  if (meeting.kind != v1::EVENT_KIND_MEETING || specific.participants.empty() ||
      !(absl::StartsWith(trigger, "call") || (trigger == "met" && meeting.told_with_also))) {
    return false;
  }
  return std::any_of(
      meeting.participants.begin(), meeting.participants.end(),
      [&](const ExtractedParticipant& p) { return !Takes(specific, p.official, extraction); });
}

// Whether signings a and b each name a pair of signatories (or more),
// none in common, in an article that tells of several documents signed:
// two agreements signed, not one told twice ("Minister X and Secretary Y
// signed an MoU ... The MoU was signed by Joint Secretary Z and W").
bool SignedByOthers(const ExtractedEvent& a, const ExtractedEvent& b,
                    const Extraction& extraction) {
  if (a.kind != v1::EVENT_KIND_AGREEMENT_SIGNING || b.kind != v1::EVENT_KIND_AGREEMENT_SIGNING ||
      !a.among_several_signings || !b.among_several_signings) {
    return false;
  }
  auto signatories = [&](const ExtractedEvent& e) {
    std::vector<std::string> keys;
    for (const ExtractedParticipant& p : e.participants) {
      if (p.function == v1::PARTICIPANT_FUNCTION_SIGNATORY) {
        keys.push_back(NameKey(extraction.officials[p.official].name));
      }
    }
    return keys;
  };
  const std::vector<std::string> of_a = signatories(a), of_b = signatories(b);
  if (of_a.size() < 2 || of_b.size() < 2) return false;
  for (const std::string& key : of_a) {
    if (std::find(of_b.begin(), of_b.end(), key) != of_b.end()) return false;
  }
  return true;
}

// event is told as at another time of the day than earlier, told in a
// sentence before.
bool OtherTimeOfDay(const ExtractedEvent& event, const ExtractedEvent& earlier) {
  return event.other_time_of_day && earlier.sentence_start < event.sentence_start;
}

}  // namespace

bool IsSpecificEventKind(v1::EventKind kind) {
  return kind == v1::EVENT_KIND_DIALOGUE || kind == v1::EVENT_KIND_AGREEMENT_SIGNING ||
         kind == v1::EVENT_KIND_PRESS_CONFERENCE;
}

void AddParticipant(ExtractedParticipant participant, ExtractedEvent* event,
                    const Extraction& extraction) {
  if (!Takes(*event, participant.official, extraction)) event->participants.push_back(participant);
}

void AddEvent(ExtractedEvent event, Extraction* extraction) {
  const bool dated = event.date.has_value();
  auto same_day = [&](const ExtractedEvent& earlier) {
    return dated && earlier.date && earlier.date->display() == event.date->display();
  };
  auto shares_people = [&](const ExtractedEvent& earlier) {
    for (const ExtractedParticipant& p : event.participants) {
      if (Takes(earlier, p.official, *extraction)) return true;
    }
    return false;
  };
  for (ExtractedEvent& earlier : extraction->events) {
    // A separate act stays apart; a signing or a dialogue does not absorb
    // one told before.
    if (!same_day(earlier) || event.separate ||
        (earlier.separate && IsSpecificEventKind(event.kind)) || OtherTimeOfDay(event, earlier)) {
      continue;
    }
    // "Verma told reporters after the meeting": a meeting of people who
    // took part in an event of that day is that event.
    if (event.kind == v1::EVENT_KIND_MEETING && !event.participants.empty() &&
        std::all_of(event.participants.begin(), event.participants.end(),
                    [&](const ExtractedParticipant& p) {
                      return Takes(earlier, p.official, *extraction);
                    })) {
      return;
    }
    // "Day-long talks on Friday" and "the second round of the dialogue":
    // a meeting and a more specific event of one day, with the same
    // people or none named, are one event of the specific kind.
    // (A press conference after the talks is an act of its own: "Wells
    // later told a news conference that ..." is not the talks.)
    const bool meeting_and_specific =
        event.kind != v1::EVENT_KIND_PRESS_CONFERENCE &&
        earlier.kind != v1::EVENT_KIND_PRESS_CONFERENCE &&
        ((earlier.kind == v1::EVENT_KIND_MEETING && IsSpecificEventKind(event.kind)) ||
         (event.kind == v1::EVENT_KIND_MEETING && IsSpecificEventKind(earlier.kind)));
    // A dialogue told without its people ("the ministers met for their
    // annual 2+2 dialogue") takes the meeting of that day that names them,
    // told in the very next sentence.
    const bool next_sentence = event.sentence_start >= earlier.sentence_end &&
                               event.sentence_start - earlier.sentence_end <= 3;
    const bool dialogue_without_people =
        next_sentence &&
        ((earlier.kind == v1::EVENT_KIND_DIALOGUE && earlier.participants.empty()) ||
         (event.kind == v1::EVENT_KIND_DIALOGUE && event.participants.empty()));
    // A signing is part of the day's talks only when told beside them: "The
    // inaugural meeting of the Council was held today ... An MoU was signed
    // in the presence of the two co-chairs" four sentences on is an act of
    // its own.
    const bool signing_apart = (earlier.kind == v1::EVENT_KIND_AGREEMENT_SIGNING ||
                                event.kind == v1::EVENT_KIND_AGREEMENT_SIGNING) &&
                               event.sentence_start > earlier.sentence_end + 3;
    // "According to a statement ..., the two sides discussed ...": talks
    // told with no people and no date of their own are the day's dialogue
    // told before.
    const bool story_talks_without_people =
        event.kind == v1::EVENT_KIND_MEETING && event.participants.empty() &&
        earlier.kind == v1::EVENT_KIND_DIALOGUE && event.date &&
        absl::StartsWith(event.date->basis_note(), "no date in its sentence");
    if (meeting_and_specific && !signing_apart && !CallOnSomeoneElse(event, earlier, *extraction) &&
        !CallOnSomeoneElse(earlier, event, *extraction) &&
        ((earlier.participants.empty() && event.participants.empty()) || shares_people(earlier) ||
         dialogue_without_people || story_talks_without_people)) {
      if (earlier.kind == v1::EVENT_KIND_MEETING) {
        earlier.kind = event.kind;
        earlier.trigger = event.trigger;
      }
      Absorb(event, &earlier, *extraction);
      return;
    }
  }
  for (ExtractedEvent& earlier : extraction->events) {
    // (A separate meeting stays apart from the day's meeting; two reports
    // of one signing still merge.)
    if (earlier.kind != event.kind ||
        ((event.separate || earlier.separate || OtherTimeOfDay(event, earlier)) &&
         event.kind == v1::EVENT_KIND_MEETING)) {
      continue;
    }
    // "APHIS also signed a work plan with ... APHIS Administrator X signed
    // the plan on Tuesday": a signing told with neither a date of its own
    // nor people, then again in the very next sentence with both, is one
    // signing, of the later date.
    if (event.kind == v1::EVENT_KIND_AGREEMENT_SIGNING && earlier.participants.empty() &&
        !event.participants.empty() && earlier.date && event.date &&
        absl::StartsWith(earlier.date->basis_note(), "no date in its sentence") &&
        !absl::StartsWith(event.date->basis_note(), "no date in its sentence") &&
        event.sentence_start >= earlier.sentence_end &&
        event.sentence_start - earlier.sentence_end <= 3) {
      earlier.date = event.date;
      Absorb(event, &earlier, *extraction);
      return;
    }
    // One signing, one round of a dialogue a day: "India and France on
    // Tuesday signed a roadmap ... The document was signed by ..." — but
    // not two signings by different signatories ("The MoU between A and B
    // was signed by X and Y. The MoU between C and D was signed by Z and
    // W.").
    if ((event.kind == v1::EVENT_KIND_AGREEMENT_SIGNING || event.kind == v1::EVENT_KIND_DIALOGUE) &&
        same_day(earlier) && !SignedByOthers(event, earlier, *extraction)) {
      Absorb(event, &earlier, *extraction);
      return;
    }
    // A signing is an act of one day: one dated only by the span of the
    // talks it ended ("signed at the end of the meeting, held on Tuesday
    // and Wednesday") is the signing of a day in that span told before.
    if (event.kind == v1::EVENT_KIND_AGREEMENT_SIGNING && dated && earlier.date && !event.planned &&
        !earlier.planned) {
      const DayInterval a = ToDayInterval(*earlier.date), b = ToDayInterval(*event.date);
      if (a.first == a.last && b.first < b.last && b.first <= a.first && a.first <= b.last) {
        const v1::FuzzyDate day = *earlier.date;
        Absorb(event, &earlier, *extraction);
        earlier.date = day;
        return;
      }
    }
    // Otherwise the same day (or no date) and a participant in common. A
    // visit lasts days: "arrived on Monday", "visiting ... said on Tuesday".
    const bool visit = event.kind == v1::EVENT_KIND_VISIT;
    // A visit to a site within a trip is a visit of its own.
    if (visit && earlier.site != event.site) continue;
    if (dated && earlier.date && !same_day(earlier)) {
      if (!visit) continue;
      const DayInterval a = ToDayInterval(*earlier.date), b = ToDayInterval(*event.date);
      if (std::max(a.first, b.first) - std::min(a.last, b.last) > 7) continue;
    }
    // (A visit of the site told without its people that day is that visit:
    // "The NASA official ... also visited the Peenya facility on Tuesday".)
    const bool shared =
        shares_people(earlier) || ((!visit || same_day(earlier)) &&
                                   (earlier.participants.empty() || event.participants.empty()));
    if (!shared || OtherCounterparts(event, earlier, *extraction)) continue;
    Absorb(event, &earlier, *extraction);
    return;
  }
  extraction->events.push_back(std::move(event));
}

}  // namespace parley
