#include "service/index/short_names.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "service/base/normalize.h"
#include "service/extract/word_sets.h"

namespace parley {
namespace {

// What a word of the text would stand for.
struct ShortKey {
  int32_t entity = 0;
  v1::MentionKind kind = v1::MENTION_KIND_UNSPECIFIED;
  absl::string_view name;  // the word in the entity's canonical name
  char initial = 0;        // a surname's: the given name's first letter, normalized
  bool ambiguous = false;  // two anchors give it: it means no one
};

// The one person every accepted pattern of m names, or -1.
int32_t AnchorOf(const IndexData& d, const MentionMatch& m, const std::vector<Token>& tokens) {
  if (m.end_token - m.first_token < 2) return -1;  // a one-word name has no short form
  // Most matches are accepted by all their patterns: no copy of them then.
  std::vector<int32_t> accepted;
  if (!m.all_accept) accepted = d.matcher.AcceptedPatterns(m, tokens);
  const absl::Span<const int32_t> patterns =
      m.all_accept ? d.matcher.outputs(m.node) : absl::MakeConstSpan(accepted);
  if (patterns.empty()) return -1;
  const MentionPattern& first = d.matcher.pattern(patterns[0]);
  if (first.kind != v1::MENTION_KIND_NAME && first.kind != v1::MENTION_KIND_ALIAS) return -1;
  for (int32_t p : patterns) {
    if (d.matcher.pattern(p).entity != first.entity) return -1;
  }
  if (d.entity_store[first.entity].kind() != v1::ENTITY_KIND_PERSON) return -1;
  return first.entity;
}

// "During", "After", "The" at a sentence's start: no name's word
// (data/lexicons/function_words.txt as built in).
bool IsFunctionWord(absl::string_view normalized_word) {
  static const absl::flat_hash_set<std::string>& kFunctionWords =
      BuiltInWordSets()[static_cast<size_t>(WordSet::kFunctionWord)];
  return kFunctionWords.contains(normalized_word);
}

absl::string_view Gap(absl::string_view text, const Token& before, const Token& after) {
  return text.substr(before.end, after.start - before.end);
}

// "M. " or "M ": the gap after an initial of the same name.
bool IsInitialsGap(absl::string_view gap) {
  for (const char ch : gap) {
    if (ch != '.' && ch != ' ') return false;
  }
  return true;
}

// Per word, whether its line is in title case: three words or more, none
// of four letters or more in lower case.
std::vector<uint8_t> TitleCaseLines(absl::string_view text, const std::vector<Token>& tokens) {
  std::vector<uint8_t> title_case(tokens.size(), 0);
  size_t line = 0;  // the first word of the current line
  bool lower = false;
  auto close = [&](size_t end) {
    if (end - line >= 3 && !lower)
      std::fill(title_case.begin() + line, title_case.begin() + end, 1);
  };
  // One search for each line break (memchr), not one per word: linking
  // reads every word of its text here.
  size_t next_break = text.find('\n');
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].start > next_break) {
      close(i);
      line = i;
      lower = false;
      next_break = text.find('\n', tokens[i].start);
    }
    const char first = text[tokens[i].start];
    lower |= first >= 'a' && first <= 'z' && tokens[i].end - tokens[i].start >= 4;
  }
  close(tokens.size());
  return title_case;
}

}  // namespace

bool IsTitleWord(absl::string_view normalized_word) {
  static const auto* kTitleWords = new absl::flat_hash_set<std::string>{
      "minister", "secretary",  "president",    "prime",   "home",     "deputy",
      "acting",   "ambassador", "spokesperson", "envoy",   "special",  "coordinator",
      "chief",    "director",   "general",      "foreign", "external", "affairs",
      "official", "officials",  "state",        "vice",    "senior"};
  return kTitleWords->contains(normalized_word);
}

// A loop, not find_first_of: the gap is mostly one space, and find_first_of
// builds a table of the set on every call.
bool BreaksName(absl::string_view gap) {
  for (const char ch : gap) {
    if (ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '\n') return true;
  }
  return false;
}

std::vector<ShortNameMention> FindShortNames(const IndexData& d, absl::string_view text,
                                             const std::vector<Token>& tokens,
                                             std::vector<MentionMatch>* matches) {
  std::vector<ShortNameMention> found;
  const size_t n = tokens.size();
  std::vector<uint8_t> linked(n, 0);
  for (const MentionMatch& m : *matches) {
    for (uint32_t t = m.first_token; t < m.end_token; ++t) linked[t] = 1;
  }
  // Words of a line in title case ("Clinton Meets Karzai In Kabul"): their
  // capitals say nothing of where a name ends. Found when first asked.
  std::vector<uint8_t> title_case_lines;
  auto in_title_case = [&](size_t i) {
    if (title_case_lines.empty()) title_case_lines = TitleCaseLines(text, tokens);
    return title_case_lines[i] != 0;
  };
  // Whether words a and a + 1 are in one stretch of a name.
  auto joined = [&](size_t a) {
    return !tokens[a + 1].bracket_before && !BreaksName(Gap(text, tokens[a], tokens[a + 1]));
  };
  // Where the run of initials just before word i starts ("R. K." of "R. K.
  // Menon"), or i when there is none.
  auto initials_from = [&](size_t i) {
    size_t j = i;
    while (j > 0 && tokens[j - 1].norm.size() == 1 && tokens[j - 1].capitalized && !linked[j - 1] &&
           !tokens[j].bracket_before && IsInitialsGap(Gap(text, tokens[j - 1], tokens[j]))) {
      --j;
    }
    return j;
  };
  // A capitalized word before word i that is another word of its name: not
  // a title, an honorific, an initial, a function word ("During") or a name
  // the matcher found.
  auto name_word_before = [&](size_t i) {
    if (i == 0) return false;
    const Token& before = tokens[i - 1];
    return before.capitalized && !linked[i - 1] && before.norm.size() > 1 && joined(i - 1) &&
           !IsTitleWord(before.norm) && !IsHonorific(before.norm) && !IsFunctionWord(before.norm) &&
           !in_title_case(i);
  };
  // A capitalized word after word i in the same stretch: i ends no name.
  // A linked word may follow the matcher's surnames ("Napolitano US visit").
  auto name_word_after = [&](size_t i, bool unless_linked) {
    return i + 1 < n && tokens[i + 1].capitalized && !(unless_linked && linked[i + 1]) &&
           joined(i) && !in_title_case(i);
  };
  // The first letter of a person's given name, normalized.
  auto given_initial = [&d](int32_t entity) {
    const std::vector<Token> words = Tokenize(d.entity_store[entity].name());
    return words.empty() ? '\0' : words.front().norm[0];
  };
  // The matcher's surnames (no one else in the knowledge base has them)
  // pass the same checks as short names below; after an initial that is the
  // given name's, the span starts with it.
  std::vector<uint8_t> dropped(matches->size(), 0);
  for (size_t k = 0; k < matches->size(); ++k) {
    MentionMatch& m = (*matches)[k];
    if (m.end_token - m.first_token != 1) continue;
    // A surname pattern's word is no one else's (the matcher has it only
    // then): its node's patterns are that person's surname alone.
    const absl::Span<const int32_t> patterns = d.matcher.outputs(m.node);
    if (patterns.size() != 1 || d.matcher.pattern(patterns[0]).kind != v1::MENTION_KIND_SURNAME) {
      continue;
    }
    const size_t i = m.first_token;
    if (name_word_after(i, /*unless_linked=*/true) || name_word_before(i)) {
      dropped[k] = 1;  // a longer name: "Tom Ferraro" is someone else
      continue;
    }
    if (const size_t from = initials_from(i); from < i) {
      if (tokens[from].norm[0] != given_initial(d.matcher.pattern(patterns[0]).entity)) {
        dropped[k] = 1;
      } else {
        m.first_token = static_cast<uint32_t>(from);
      }
    }
  }
  size_t kept = 0;
  for (size_t k = 0; k < matches->size(); ++k) {
    if (!dropped[k]) (*matches)[kept++] = (*matches)[k];
  }
  matches->resize(kept);
  std::fill(linked.begin(), linked.end(), 0);
  for (const MentionMatch& m : *matches) {
    for (uint32_t t = m.first_token; t < m.end_token; ++t) linked[t] = 1;
  }

  absl::flat_hash_map<std::string, ShortKey> keys;
  absl::flat_hash_set<int32_t> anchors;
  auto add_key = [&keys](const std::string& word, const ShortKey& key) {
    if (word.size() < 3) return;
    auto [it, added] = keys.try_emplace(word, key);
    if (!added && (it->second.entity != key.entity || it->second.kind != key.kind)) {
      it->second.ambiguous = true;
    }
  };
  for (const MentionMatch& m : *matches) {
    const int32_t entity = AnchorOf(d, m, tokens);
    if (entity < 0 || !anchors.insert(entity).second) continue;
    const absl::string_view name = d.entity_store[entity].name();
    const std::vector<Token> words = Tokenize(name);
    if (words.size() < 2) continue;
    const Token& given = words.front();
    const Token& surname = words.back();
    add_key(given.norm, {entity, v1::MENTION_KIND_GIVEN_NAME,
                         name.substr(given.start, given.end - given.start)});
    add_key(surname.norm, {entity, v1::MENTION_KIND_SURNAME,
                           name.substr(surname.start, surname.end - surname.start), given.norm[0]});
  }
  if (keys.empty()) return found;

  for (size_t i = 0; i < n; ++i) {
    const Token& word = tokens[i];
    if (linked[i] || !word.capitalized) continue;
    const auto it = keys.find(word.norm);
    if (it == keys.end() || it->second.ambiguous) continue;
    const ShortKey& key = it->second;
    if (name_word_after(i, /*unless_linked=*/false)) continue;  // a longer name
    size_t first = i;
    if (const size_t from = initials_from(i); from < i) {
      // Initials: the given name's, before its surname, or someone else's.
      if (key.kind != v1::MENTION_KIND_SURNAME || tokens[from].norm[0] != key.initial) continue;
      first = from;
    } else if (name_word_before(i)) {
      continue;  // "Tom Okafor" is not Mohan Okafor
    }
    found.push_back({static_cast<uint32_t>(first), static_cast<uint32_t>(i + 1), key.entity,
                     key.kind, key.name});
  }
  return found;
}

}  // namespace parley
