#include "service/index/short_names.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "service/base/normalize.h"

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
  const std::vector<int32_t> patterns = d.matcher.AcceptedPatterns(m, tokens);
  if (patterns.empty()) return -1;
  const MentionPattern& first = d.matcher.pattern(patterns[0]);
  if (first.kind != v1::MENTION_KIND_NAME && first.kind != v1::MENTION_KIND_ALIAS) return -1;
  for (int32_t p : patterns) {
    if (d.matcher.pattern(p).entity != first.entity) return -1;
  }
  if (d.entity_store[first.entity].kind() != v1::ENTITY_KIND_PERSON) return -1;
  return first.entity;
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
                                             const std::vector<MentionMatch>& matches) {
  std::vector<ShortNameMention> found;
  absl::flat_hash_map<std::string, ShortKey> keys;
  absl::flat_hash_set<int32_t> anchors;
  auto add_key = [&keys](const std::string& word, const ShortKey& key) {
    if (word.size() < 3) return;
    auto [it, added] = keys.try_emplace(word, key);
    if (!added && (it->second.entity != key.entity || it->second.kind != key.kind)) {
      it->second.ambiguous = true;
    }
  };
  for (const MentionMatch& m : matches) {
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
                           name.substr(surname.start, surname.end - surname.start),
                           given.norm.size() == 1 ? '\0' : given.norm[0]});
  }
  if (keys.empty()) return found;

  std::vector<uint8_t> linked(tokens.size(), 0);
  for (const MentionMatch& m : matches) {
    for (uint32_t t = m.first_token; t < m.end_token; ++t) linked[t] = 1;
  }
  // Whether words a and a + 1 are in one stretch of a name.
  auto joined = [&](size_t a) {
    return !tokens[a + 1].bracket_before && !BreaksName(Gap(text, tokens[a], tokens[a + 1]));
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& word = tokens[i];
    if (linked[i] || !word.capitalized) continue;
    const auto it = keys.find(word.norm);
    if (it == keys.end() || it->second.ambiguous) continue;
    const ShortKey& key = it->second;
    if (i + 1 < tokens.size() && tokens[i + 1].capitalized && joined(i)) continue;
    size_t first = i;
    if (i > 0 && tokens[i - 1].capitalized) {
      const Token& before = tokens[i - 1];
      const absl::string_view gap = Gap(text, before, word);
      if (before.norm.size() == 1 && !word.bracket_before && IsInitialsGap(gap)) {
        // An initial: the given name's, before its surname, or someone else.
        if (key.kind != v1::MENTION_KIND_SURNAME || before.norm[0] != key.initial) continue;
        first = i - 1;
      } else if (joined(i - 1) && !linked[i - 1] && !IsTitleWord(before.norm) &&
                 !IsHonorific(before.norm)) {
        continue;  // "Tom Okafor" is not Mohan Okafor
      }
    }
    found.push_back({static_cast<uint32_t>(first), static_cast<uint32_t>(i + 1), key.entity,
                     key.kind, key.name});
  }
  return found;
}

}  // namespace parley
