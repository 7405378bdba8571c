#include "service/extract/delegations.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "service/base/normalize.h"
#include "service/extract/event_participants.h"

namespace parley {
namespace {

// The nouns that end a delegation phrase ("the US delegation", "the
// lawmakers"): a group that travels with a lead.
bool IsDelegationHead(absl::string_view norm) {
  return norm == "delegation" || norm == "lawmakers" || norm == "delegates";
}

// Words that cannot stand between "the" and the head: they join another
// phrase ("the head of the delegation", "the two delegations").
bool BreaksPhrase(absl::string_view norm) {
  static const absl::flat_hash_set<absl::string_view> kWords = {
      "of", "and", "or", "to", "for", "from",  "with",
      "by", "in",  "on", "at", "two", "other", "whole"};
  return kWords.contains(norm);
}

// At most this many words between "the" and the head ("the 12-member US
// semiconductor delegation").
constexpr size_t kMaxModifiers = 4;

// The side a modifier names: a country or its demonym ("US", "Indian");
// "congressional" is of the United States' Congress.
std::string SideOf(const ExtractionLexicon& lexicon, absl::string_view norm) {
  if (norm == "congressional") return "united-states";
  return lexicon.CountryOf(norm);
}

// Whether official's mention holds a word of their name (not a title or
// rank reference, "the Consul General").
bool NamesPersonAt(const ArticleText& article, const ExtractedOfficial& official) {
  const std::string mention = absl::AsciiStrToLower(
      article.text().substr(official.name_start, official.name_end - official.name_start));
  for (const std::string& word : NormalizedWords(official.name)) {
    if (word.size() >= 3 && absl::StrContains(mention, word)) return true;
  }
  return false;
}

// The grammar of the phrase on normalized words from a "the": its length,
// or 0. joined(i): word i follows word i - 1 with only spaces or a hyphen.
template <typename Word, typename Joined>
size_t MatchDelegationPhrase(Word word, Joined joined) {
  if (word(0) != "the") return 0;
  for (size_t i = 1; i <= kMaxModifiers + 1; ++i) {
    if (word(i).empty() || !joined(i)) return 0;
    if (IsDelegationHead(word(i))) return i + 1;
    if (BreaksPhrase(word(i))) return 0;
  }
  return 0;
}

// Words that may stand between an opening phrase and its verb: "the
// delegation also visited", "the lawmakers later met".
bool IsAdverbBeforeVerb(absl::string_view norm) {
  return norm == "also" || norm == "later" || norm == "then" || norm == "first" ||
         norm == "subsequently" || norm == "separately";
}

// Whether official (a mention in sentence s) is named there as leading a
// delegation: "X led a delegation", "X, who heads the Indian delegation",
// "a delegation led by X", "The delegation was headed by X".
bool NamedAsLead(const ArticleText& article, const ExtractedOfficial& official, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  auto norm = [&](size_t t) -> absl::string_view {
    return t < s.end ? absl::string_view(tokens[t].norm) : absl::string_view();
  };
  // A delegation word among the n words from t on (before the sentence's
  // next comma when forward).
  auto delegation_within = [&](size_t from, size_t to) {
    for (size_t t = from; t < to && t < s.end; ++t) {
      if (lexicon.IsDelegationWord(tokens[t].norm)) return true;
    }
    return false;
  };
  const size_t first = article.TokenStartingAt(std::min(official.quote_start, official.name_start));
  const size_t last = article.TokenEndingAt(std::max(official.quote_end, official.name_end));
  if (first >= tokens.size() || last >= tokens.size() || first < s.first || last >= s.end) {
    return false;
  }
  // After the name (and its apposition): ", who led", "led", "heading".
  size_t u = last + 1;
  if (norm(u) == "who") ++u;
  if (IsFormOfBe(norm(u)) && (norm(u + 1) == "leading" || norm(u + 1) == "heading")) ++u;
  if (lexicon.IsLeadWordAfterName(norm(u)) || norm(u) == "leads" || norm(u) == "heads") {
    if (delegation_within(u + 1, u + 5)) return true;
  }
  // Before it: "led by", "headed by", a delegation word a few words before.
  if (first >= s.first + 3 && norm(first - 1) == "by" && lexicon.IsLedVerb(norm(first - 2))) {
    const size_t from = first >= s.first + 8 ? first - 8 : s.first;
    if (delegation_within(from, first - 2)) return true;
  }
  return false;
}

// The member word of sentence s that lists a delegation's members: at most
// three words after a delegation word ("a delegation comprising", "The
// delegation, which also included"), or right after "and" ("was led by X
// and included Y"); s.end if none.
size_t DelegationMemberCue(const ArticleText& article, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  const ExtractionLexicon& lexicon = article.lexicon();
  for (size_t t = s.first + 1; t < s.end; ++t) {
    if (!lexicon.IsMemberCue(tokens[t].norm) || tokens[t].norm == "part") continue;
    if (tokens[t - 1].norm == "and") return t;
    for (size_t back = 1; back <= 4 && t >= s.first + back; ++back) {
      if (lexicon.IsDelegationWord(tokens[t - back].norm)) return t;
    }
  }
  return s.end;
}

// "It included X", "It also comprised X", "The delegation also included
// X": a sentence that lists the members of the delegation told before.
bool OpensWithMembers(const ArticleText& article, const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  size_t t = s.first;
  if (tokens[t].norm == "it") {
    ++t;
  } else {
    const size_t length = MatchDelegationPhrase(
        [&](size_t i) {
          return t + i < s.end ? absl::string_view(tokens[t + i].norm) : absl::string_view();
        },
        [](size_t) { return true; });
    if (length == 0) return false;
    t += length;
  }
  if (t < s.end && tokens[t].norm == "also") ++t;
  // ("It included a stop at ISRO": no people listed.)
  return t + 1 < s.end && article.lexicon().IsMemberCue(tokens[t].norm) &&
         tokens[t].norm != "part" && tokens[t + 1].capitalized;
}

}  // namespace

std::optional<DelegationReference> FindDelegationReference(const ArticleText& article,
                                                           const Sentence& s) {
  const std::vector<Token>& tokens = article.tokens();
  auto norm = [&](size_t t) -> absl::string_view {
    return t < s.end ? absl::string_view(tokens[t].norm) : absl::string_view();
  };
  for (size_t t = s.first; t < s.end && t < s.first + 10; ++t) {
    // It opens the sentence or its first clause ("Later in the day, the
    // delegation visited ..."), and is not quoted.
    if (norm(t) != "the" || article.Quoted(tokens[t].start)) continue;
    if (t != s.first && !article.CommaBefore(t)) continue;
    const size_t length =
        MatchDelegationPhrase([&](size_t i) { return norm(t + i); },
                              [&](size_t i) {
                                if (t + i >= s.end) return false;
                                const absl::string_view gap = article.Gap(t + i);
                                return gap.find_first_not_of(" -") == absl::string_view::npos;
                              });
    if (length == 0) continue;
    DelegationReference r{t, t + length - 1, ""};
    // Not "the delegation's visit": the phrase must be the subject.
    if (article.Possessive(r.last)) return std::nullopt;
    for (size_t m = t + 1; m < r.last && r.country_id.empty(); ++m) {
      r.country_id = SideOf(article.lexicon(), norm(m));
    }
    return r;
  }
  return std::nullopt;
}

size_t VerbAfterDelegationReference(const ArticleText& article, const Sentence& s,
                                    const DelegationReference& r) {
  size_t t = r.last + 1;
  while (t < s.end && IsAdverbBeforeVerb(article.tokens()[t].norm)) ++t;
  return t;
}

std::optional<NamedDelegation> DelegationNamedBefore(const ArticleText& article,
                                                     const Extraction& extraction, int64_t before,
                                                     absl::string_view country_id) {
  // The quote check finds each name at most 4000 bytes before the phrase
  // (quote_support.cc); stay well inside it.
  constexpr int64_t kWindow = 3500;
  const std::vector<Sentence>& sentences = article.sentences();
  const std::vector<Token>& tokens = article.tokens();
  auto people_of = [&](const Sentence& s) { return PeopleNamedIn(article, extraction, s); };
  for (size_t k = sentences.size(); k-- > 0;) {
    const Sentence& s = sentences[k];
    const int64_t start = tokens[s.first].start, end = tokens[s.end - 1].end;
    if (end > before) continue;
    if (before - start > kWindow) break;
    std::optional<size_t> lead;
    for (size_t o : people_of(s)) {
      const ExtractedOfficial& official = extraction.officials[o];
      if ((country_id.empty() || official.country_id == country_id) &&
          NamedAsLead(article, official, s)) {
        // Two leads in one sentence ("X led the Indian delegation and Y the
        // US one"): a side must say which.
        if (lead && extraction.officials[*lead].name != official.name) return std::nullopt;
        lead = o;
      }
    }
    if (!lead) continue;
    // The quote check finds a word of the name before the phrase
    // (quote_support.cc): a lead named there by a title alone ("The Consul
    // General led a delegation") whose name came long before is no answer.
    if (before - extraction.officials[*lead].name_start > kWindow ||
        !NamesPersonAt(article, extraction.officials[*lead])) {
      return std::nullopt;
    }
    NamedDelegation delegation{*lead, {}};
    const std::string& lead_name = extraction.officials[*lead].name;
    // Members: after a member word of the lead's sentence that belongs to
    // the delegation ("a delegation comprising", "was led by X and
    // included"; not "held talks with leaders including Y"), of the
    // lead's country or none.
    const std::string& lead_country = extraction.officials[*lead].country_id;
    auto same_side = [&](size_t o) {
      const std::string& c = extraction.officials[o].country_id;
      return c.empty() || lead_country.empty() || c == lead_country;
    };
    const size_t cue = DelegationMemberCue(article, s);
    for (size_t o : people_of(s)) {
      const ExtractedOfficial& official = extraction.officials[o];
      if (cue < s.end && official.name_start > tokens[cue].start && official.name != lead_name &&
          same_side(o)) {
        delegation.members.push_back(o);
      }
    }
    // ("The delegation comprises Representatives X, Y and Z ... X is
    // leading the delegation": the members told before the lead too.)
    for (size_t m = 0; m < sentences.size(); ++m) {
      const Sentence& other = sentences[m];
      const int64_t other_start = tokens[other.first].start;
      // ("It included ..." only right after the lead's sentence.)
      if (m == k || tokens[other.end - 1].end > before || before - other_start > kWindow ||
          !OpensWithMembers(article, other) || (tokens[other.first].norm == "it" && m != k + 1)) {
        continue;
      }
      for (size_t o : people_of(other)) {
        if (extraction.officials[o].name != lead_name && same_side(o)) {
          delegation.members.push_back(o);
        }
      }
    }
    return delegation;
  }
  return std::nullopt;
}

bool IsDelegationReference(absl::string_view words) {
  const std::vector<std::string> w = NormalizedWords(words);
  const size_t length = MatchDelegationPhrase(
      [&](size_t i) { return i < w.size() ? absl::string_view(w[i]) : absl::string_view(); },
      [](size_t) { return true; });
  return length != 0 && length == w.size();
}

}  // namespace parley
