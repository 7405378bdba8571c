#include "service/extract/group_references.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "service/base/normalize.h"

namespace parley {
namespace {

// Nouns of "the two <noun>": people, not countries ("the two sides").
bool IsPeopleNoun(absl::string_view norm) {
  static const absl::flat_hash_set<absl::string_view> kNouns = {
      "officials",   "ministers", "leaders",  "secretaries", "co-chairs", "cochairs", "envoys",
      "ambassadors", "advisers",  "advisors", "chiefs",      "heads",     "officers", "diplomats"};
  return kNouns.contains(norm);
}

// A group phrase: its number of words ("the" included), whether it names
// the leads, and whether it is a bare "the two" (people only before a verb
// of people).
struct GroupPhrase {
  size_t length = 0;
  bool leads = false;
  bool bare_two = false;
};

// The one phrase grammar of group references, on the words from a "the":
// word(i) is the i-th word normalized ("" past the end), joined(i) whether
// word i is joined to the one before (no comma or stop between). nullopt if
// no group phrase starts there.
template <typename Word, typename Joined>
std::optional<GroupPhrase> MatchGroupPhrase(Word word, Joined joined) {
  if (word(0) != "the") return std::nullopt;
  // "co-chairs", "co-leads" (two words) or "cochairs" at word i: how many
  // words, or 0.
  auto co_chairs = [&](size_t i) -> size_t {
    if (word(i) == "cochairs" || word(i) == "coleads") return 1;
    return word(i) == "co" && (word(i + 1) == "chairs" || word(i + 1) == "leads") ? 2 : 0;
  };
  if (word(1) == "two") {
    // "the two officials", "the two co-chairs", "the two delegation heads"
    // or a bare "the two"; not "the two countries", nor "the two-day visit"
    // (a hyphen joins "two" to what follows: the caller's verb test).
    if (joined(2) && co_chairs(2) != 0) return GroupPhrase{2 + co_chairs(2), true};
    if (joined(2) && word(2) == "delegation" && word(3) == "heads") return GroupPhrase{4, true};
    if (joined(2) && IsPeopleNoun(word(2))) return GroupPhrase{3, false};
    return GroupPhrase{2, false, true};
  }
  if (co_chairs(1) != 0) return GroupPhrase{1 + co_chairs(1), true};
  // "... was held on the same day, with the same co-chairs".
  if (word(1) == "same" && co_chairs(2) != 0) return GroupPhrase{2 + co_chairs(2), true};
  if (word(1) == "heads" && word(2) == "of") {
    // "the heads of the two delegations", "in the presence of the heads of
    // delegations".
    if (word(3) == "the" && word(4) == "two" && word(5) == "delegations") {
      return GroupPhrase{6, true};
    }
    if (word(3) == "delegations" || word(3) == "delegation") return GroupPhrase{4, true};
  }
  return std::nullopt;
}

}  // namespace

std::optional<GroupReference> FindGroupReference(const ArticleText& article, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  auto norm = [&](size_t t) -> absl::string_view {
    return t < s.end ? absl::string_view(tokens[t].norm) : absl::string_view();
  };
  // Verbs (and adverbs) that may follow a bare "the two" used of people:
  // "the two witnessed the signing", "the two last met in March".
  auto verb_of_people = [&](size_t t) {
    static const absl::flat_hash_set<absl::string_view> kVerbs = {
        "witnessed", "also",     "met",  "signed", "held",      "had",   "discussed",
        "agreed",    "reviewed", "last", "first",  "exchanged", "spoke", "co"};
    return kVerbs.contains(norm(t));
  };
  for (size_t t = s.first; t + 1 < s.end; ++t) {
    if (norm(t) != "the" || (t > s.first && article.Quoted(tokens[t].start))) continue;
    const std::optional<GroupPhrase> phrase =
        MatchGroupPhrase([&](size_t i) { return norm(t + i); },
                         [&](size_t i) { return t + i < s.end && article.Joined(t + i); });
    if (!phrase) continue;
    // (A bare "the two" only before a verb of people: not "between the two.")
    if (phrase->bare_two && !(t + 2 < s.end && article.Joined(t + 2) && verb_of_people(t + 2))) {
      continue;
    }
    GroupReference r{t, t + phrase->length - 1};
    r.leads = phrase->leads;
    r.history = norm(r.last + 1) == "last" || norm(r.last + 1) == "first" ||
                norm(r.last + 1) == "previously";
    // ("in the presence of the co-chairs", "witnessed by the two co-chairs",
    // "the two witnessed": there, not signing.)
    r.attended =
        (r.first >= s.first + 2 && norm(r.first - 1) == "of" && norm(r.first - 2) == "presence") ||
        (r.first >= s.first + 2 && norm(r.first - 1) == "by" &&
         (norm(r.first - 2) == "witnessed" || norm(r.first - 2) == "attended")) ||
        norm(r.last + 1) == "witnessed" ||
        (norm(r.last + 1) == "also" && norm(r.last + 2) == "witnessed");
    return r;
  }
  return std::nullopt;
}

std::vector<size_t> ReferredPeople(const Extraction& extraction, size_t before,
                                   int64_t sentence_start, v1::EventKind kind,
                                   const GroupReference& reference) {
  before = std::min(before, extraction.events.size());
  bool of_kind = false;
  for (size_t e = 0; e < before; ++e) {
    of_kind = of_kind || (extraction.events[e].kind == kind &&
                          extraction.events[e].sentence_start < sentence_start);
  }
  for (size_t k = 0; k < before; ++k) {
    // The latest event first; for a history ("last met"), the first.
    const size_t e = reference.history ? k : before - 1 - k;
    const ExtractedEvent& event = extraction.events[e];
    // ("The pact was signed ... in the presence of the co-chairs" after
    // another signing was told: the co-chairs are still the talks'.)
    if (event.sentence_start >= sentence_start ||
        (of_kind && !reference.leads && event.kind != kind)) {
      continue;
    }
    const bool talks =
        event.kind == v1::EVENT_KIND_MEETING || event.kind == v1::EVENT_KIND_DIALOGUE;
    std::vector<size_t> people;
    for (const ExtractedParticipant& p : event.participants) {
      const bool lead = p.function == v1::PARTICIPANT_FUNCTION_DELEGATION_LEAD ||
                        p.function == v1::PARTICIPANT_FUNCTION_HOST;
      if (reference.leads ? lead : p.in_trigger_clause) people.push_back(p.official);
    }
    if (reference.leads) {
      if (!talks) continue;  // the co-chairs are of talks
      // A meeting whose functions say nothing: its two of the trigger's
      // clause ("X and Y co-chaired the meeting"), or its only two, are its
      // leads.
      if (people.empty()) {
        for (const ExtractedParticipant& p : event.participants) {
          if (p.in_trigger_clause || event.participants.size() == 2) people.push_back(p.official);
        }
        if (people.size() != 2) return {};
      }
      if (people.size() < 2) return {};
      return people;
    }
    if (people.size() != 2) return {};
    return people;
  }
  return {};
}

bool IsGroupReference(absl::string_view words) {
  const std::vector<std::string> w = NormalizedWords(words);
  const std::optional<GroupPhrase> phrase = MatchGroupPhrase(
      [&](size_t i) { return i < w.size() ? absl::string_view(w[i]) : absl::string_view(); },
      [](size_t) { return true; });
  return phrase && phrase->length == w.size();
}

}  // namespace parley
