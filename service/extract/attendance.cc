#include "service/extract/attendance.h"

#include <optional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace parley {
namespace {

// What the act words after an attendance verb refer to.
enum class ActWords { kNone, kSigning, kTalks, kAny, kAnyOrTrip };

// What a word names as an act one attends ("ceremony": a signing).
ActWords ActWordAt(absl::string_view norm) {
  static const absl::flat_hash_set<absl::string_view> kSigning = {"signing", "ceremony"};
  static const absl::flat_hash_set<absl::string_view> kTalks = {
      "talks",       "meeting",       "meetings",      "discussions",  "dialogue",   "session",
      "sessions",    "consultations", "deliberations", "interaction",  "conference", "call",
      "ministerial", "roundtable",    "round",         "negotiations", "summit",     "negotiators"};
  static const absl::flat_hash_set<absl::string_view> kAny = {"event", "occasion", "function"};
  if (kSigning.contains(norm)) return ActWords::kSigning;
  if (kTalks.contains(norm)) return ActWords::kTalks;
  if (kAny.contains(norm)) return ActWords::kAny;
  return ActWords::kNone;
}

// The act words within a few tokens after token `from` ("the ceremony",
// "in the talks virtually"), stopping at a comma; *at receives where.
ActWords ActAfter(const ArticleText& article, const Sentence& s, size_t from, size_t* at) {
  const std::vector<Token>& tokens = article.tokens();
  for (size_t t = from; t < s.end && t < from + 5; ++t) {
    if (t > from && !article.Joined(t)) break;
    if (const ActWords act = ActWordAt(tokens[t].norm); act != ActWords::kNone) {
      *at = t;
      return act;
    }
  }
  return ActWords::kNone;
}

// The latest event that act words of this kind refer to, if any.
std::optional<size_t> EventReferredTo(const Extraction& extraction, ActWords act) {
  for (size_t e = extraction.events.size(); e-- > 0;) {
    const v1::EventKind kind = extraction.events[e].kind;
    // One attends talks, not a trip; one accompanies a visitor on either.
    if (kind == v1::EVENT_KIND_VISIT && act != ActWords::kAnyOrTrip) continue;
    const bool talks = kind == v1::EVENT_KIND_MEETING || kind == v1::EVENT_KIND_DIALOGUE;
    if (act == ActWords::kSigning && kind != v1::EVENT_KIND_AGREEMENT_SIGNING) continue;
    if (act == ActWords::kTalks && !talks) continue;
    return e;
  }
  return std::nullopt;
}

// An attendance verb of a sentence: its first and last tokens, whether its
// people come after it ("joined by X") and the act words it takes.
struct Verb {
  size_t first = 0, last = 0;
  bool people_after = false;
  ActWords act = ActWords::kNone;
  size_t act_at = 0;
};

// The first attendance verb of s and the act words it takes; nullopt if s
// has none.
std::optional<Verb> AttendanceVerb(const ArticleText& article, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  auto norm = [&](size_t t) -> absl::string_view {  // "" outside s
    return t >= s.first && t < s.end ? absl::string_view(tokens[t].norm) : absl::string_view();
  };
  // Where the verb's words end: the end of the sentence or a clause.
  auto ends_clause = [&](size_t t) {
    return t >= s.end || article.Gap(t).find_first_of(",;") != absl::string_view::npos;
  };
  // "Joining Director X were Y and Z": X's company at the act told last.
  if (norm(s.first) == "joining") {
    for (size_t t = s.first + 1; t < s.end && t < s.first + 12; ++t) {
      // (A title and a name only, maybe after "the": not "Joining hands
      // with the US, India was ...".)
      if (!tokens[t].capitalized && norm(t) != "were" && norm(t) != "was" &&
          !(t == s.first + 1 && norm(t) == "the")) {
        break;
      }
      if (norm(t) == "were" || norm(t) == "was") {
        Verb v{s.first, t};
        v.people_after = true;
        v.act = ActWords::kAny;
        return v;
      }
    }
  }
  for (size_t t = s.first + 1; t < s.end; ++t) {
    Verb v{t, t};
    const absl::string_view w = norm(t);
    if (w == "participated" || (w == "part" && norm(t - 1) == "took")) {
      // "also participated.", "participated in the Dialogue", "took part in the talks".
      if (w == "part") v.first = t - 1;
      if (ends_clause(t + 1)) {
        v.act = ActWords::kAny;
      } else if (norm(t + 1) == "in") {
        v.act = ActAfter(article, s, t + 2, &v.act_at);
      }
    } else if (w == "part" && norm(t + 1) == "of" &&
               (IsFormOfBe(norm(t - 1)) || norm(t - 1) == "also")) {
      // "were also part of the deliberations" (not "part of the delegation":
      // a side's members, events.cc).
      v.act = ActAfter(article, s, t + 2, &v.act_at);
      // ("part of the negotiations that sealed the deal": other talks.)
      if (v.act != ActWords::kNone && !ends_clause(v.act_at + 1)) v.act = ActWords::kNone;
    } else if ((w == "attended" || w == "joined") && norm(t + 1) != "by") {
      // "attended the ceremony", "joined the talks virtually from Honolulu",
      // "joined from New Delhi".
      v.act = ActAfter(article, s, t + 1, &v.act_at);
      // ("joined from New Delhi", a place; not "joined from Goldman Sachs".)
      size_t place_last = 0;
      const bool from_place = norm(t + 1) == "from" && t + 2 < s.end &&
                              !article.PlaceStartingAt(t + 2, &place_last).empty();
      if (v.act == ActWords::kNone && w == "joined" &&
          (from_place || norm(t + 1) == "virtually" || norm(t + 1) == "remotely")) {
        v.act = ActWords::kTalks;
      }
    } else if (w == "presentation" && (norm(t - 2) == "made" || norm(t - 2) == "gave") &&
               norm(t - 1) == "a") {
      // "made a presentation on the centre's work": at the talks.
      v.first = t - 2;
      v.act = ActWords::kTalks;
    } else if (w == "briefed" && (norm(t + 2) == "participants" || norm(t + 2) == "delegates" ||
                                  norm(t + 2) == "delegations" || norm(t + 2) == "meeting")) {
      v.last = t + 2;
      v.act = ActWords::kAny;
    } else if (w == "briefed" && norm(t + 1) == "the" &&
               (norm(t + 3) == "delegation" || norm(t + 3) == "visitors") &&
               article.Joined(t + 3)) {
      // "X, Director General of the NIA, briefed the US delegation on ...".
      v.last = t + 3;
      v.act = ActWords::kAny;
    } else if (w == "accompanied" && norm(t + 1) != "by" && !ends_clause(t + 1) &&
               !IsFormOfBe(norm(t - 1))) {
      // "X accompanied the Minister", "X accompanied her on the tour" (not
      // "He was accompanied to the Centre by Y", events.cc).
      v.act = ActWords::kAnyOrTrip;
    } else if (w == "on" && norm(t - 1) == "looked") {
      v.first = t - 1;
      v.act = ActWords::kAny;
    } else if (w == "present" && norm(t - 1) == "those" &&
               (norm(t + 1) == "were" || norm(t + 1) == "included")) {
      // "Among those present were X and Y", "Those present included X".
      v.first = t - 1;
      v.last = t + 1;
      v.people_after = true;
      v.act = ActWords::kAny;
    } else if (w == "attended" && norm(t + 1) == "by" && IsFormOfBe(norm(t - 1))) {
      // "The meeting was attended by X, Y and Z": the act words are its
      // subject, right before ("The meeting", "The signing ceremony").
      for (size_t back = 2; back <= 3 && t >= s.first + back; ++back) {
        if (const ActWords act = ActWordAt(norm(t - back)); act != ActWords::kNone) {
          v.first = t - back;
          v.act = act;
          break;
        }
      }
      v.last = t + 1;
      v.people_after = true;
    } else if (w == "joined" && norm(t + 1) == "by" &&
               (IsFormOfBe(norm(t - 1)) || norm(t - 1) == "also")) {
      v.last = t + 1;
      v.people_after = true;
      v.act = ActWords::kAny;
    }
    if (v.act != ActWords::kNone) return v;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Attendance> FindAttendance(const ArticleText& article, const Sentence& s,
                                       const std::vector<size_t>& people,
                                       const Extraction& extraction) {
  std::vector<Attendance> found;
  const std::optional<Verb> verb = AttendanceVerb(article, s);
  if (!verb) return found;
  const std::optional<size_t> event = EventReferredTo(extraction, verb->act);
  if (!event) return found;
  const std::vector<Token>& tokens = article.tokens();
  const size_t cue_last = verb->act_at > verb->last ? verb->act_at : verb->last;
  const std::string cue(article.TextOf(verb->first, cue_last));
  // The verb's subject is named after the last reporting verb before it:
  // "Spokesperson X said Ambassador Y attended the ceremony" is Y's.
  int64_t subject_from = tokens[s.first].start;
  for (size_t t = s.first; t < verb->first; ++t) {
    if (article.lexicon().IsReportingVerb(tokens[t].norm)) subject_from = tokens[t].end;
  }
  for (size_t o : people) {
    const ExtractedOfficial& official = extraction.officials[o];
    const bool after = official.quote_start >= tokens[verb->last].end;
    const bool before =
        official.name_end <= tokens[verb->first].start && official.quote_start >= subject_from;
    if (verb->people_after ? !after : !before) continue;
    found.push_back({o, *event, cue});
  }
  return found;
}

}  // namespace parley
