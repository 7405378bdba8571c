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

}  // namespace

std::optional<GroupReference> FindGroupReference(const ArticleText& article, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  auto norm = [&](size_t t) -> absl::string_view {
    return t < s.end ? absl::string_view(tokens[t].norm) : absl::string_view();
  };
  // "co-chairs" (two tokens) or "cochairs" at token t: its last token, or 0.
  auto co_chairs = [&](size_t t) -> size_t {
    if (norm(t) == "cochairs") return t;
    return norm(t) == "co" && norm(t + 1) == "chairs" ? t + 1 : 0;
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
    GroupReference r{t, t + 1};
    if (norm(t + 1) == "two") {
      // "the two officials", "the two co-chairs", or a bare "the two" before
      // a verb of people; not "the two countries", "the two-day visit"
      // (a hyphen joins "two" to what follows) or "between the two."
      const bool next_joined = t + 2 < s.end && article.Joined(t + 2);
      if (next_joined && co_chairs(t + 2) != 0) {
        r.last = co_chairs(t + 2);
        r.leads = true;
      } else if (next_joined && norm(t + 2) == "delegation" && norm(t + 3) == "heads") {
        // "The two delegation heads witnessed the signing."
        r.last = t + 3;
        r.leads = true;
      } else if (next_joined && IsPeopleNoun(norm(t + 2))) {
        r.last = t + 2;
      } else if (!(next_joined && verb_of_people(t + 2))) {
        continue;
      }
    } else if (co_chairs(t + 1) != 0) {
      r.last = co_chairs(t + 1);
      r.leads = true;
    } else if (norm(t + 1) == "same" && co_chairs(t + 2) != 0) {
      // "... was held on the same day, with the same co-chairs".
      r.last = co_chairs(t + 2);
      r.leads = true;
    } else if (norm(t + 1) == "heads" && norm(t + 2) == "of" && norm(t + 3) == "the" &&
               norm(t + 4) == "two" && norm(t + 5) == "delegations") {
      r.last = t + 5;
      r.leads = true;
    } else if (norm(t + 1) == "heads" && norm(t + 2) == "of" &&
               (norm(t + 3) == "delegations" || norm(t + 3) == "delegation")) {
      // "in the presence of the heads of delegations".
      r.last = t + 3;
      r.leads = true;
    } else {
      continue;
    }
    r.history = norm(r.last + 1) == "last" || norm(r.last + 1) == "first" ||
                norm(r.last + 1) == "previously";
    r.attended =
        (r.first >= s.first + 2 && norm(r.first - 1) == "of" && norm(r.first - 2) == "presence") ||
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
  if (w.size() < 2 || w[0] != "the") return false;
  if (w.size() == 2) return w[1] == "two" || w[1] == "cochairs";
  if (w.size() == 3)
    return (w[1] == "two" && IsPeopleNoun(w[2])) || (w[1] == "co" && w[2] == "chairs");
  if (w.size() == 4 && (w[1] == "two" || w[1] == "same") &&
      ((w[2] == "co" && w[3] == "chairs") ||
       (w[1] == "two" && w[2] == "delegation" && w[3] == "heads"))) {
    return true;
  }
  if (w.size() == 3 && w[1] == "same" && w[2] == "cochairs") return true;
  if (w.size() == 4 && w[1] == "heads" && w[2] == "of" &&
      (w[3] == "delegations" || w[3] == "delegation")) {
    return true;
  }
  return w.size() == 6 && w[1] == "heads" && w[2] == "of" && w[3] == "the" && w[4] == "two" &&
         w[5] == "delegations";
}

}  // namespace parley
