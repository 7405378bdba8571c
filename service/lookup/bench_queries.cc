#include "service/lookup/bench_queries.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "service/base/text_tokens.h"

namespace parley {
namespace {

// SplitMix64: the same numbers with every standard library.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

std::string Misspell(std::string name, Random& random) {
  const size_t edits = 1 + random.Below(2);
  for (size_t k = 0; k < edits; ++k) {
    const size_t at = 1 + random.Below(name.size() - 2);
    if (!absl::ascii_isalpha(name[at]) || !absl::ascii_isalpha(name[at + 1])) continue;
    switch (random.Below(3)) {
      case 0:
        name[at] = static_cast<char>('a' + random.Below(26));
        break;
      case 1:
        name.erase(at, 1);
        break;
      default:
        std::swap(name[at], name[at + 1]);
    }
  }
  return name;
}

bool IsWord(absl::string_view text, const Token& t, size_t min_letters) {
  if (t.end - t.start < min_letters) return false;
  for (size_t i = t.start; i < t.end; ++i) {
    if (!absl::ascii_isalpha(text[i])) return false;
  }
  return true;
}

}  // namespace

BenchQuerySets MakeBenchQueries(const Index& index, size_t per_set) {
  BenchQuerySets sets;
  Random random(20261202);
  std::vector<EntityView> people;
  for (const EntityView e : index.entities()) {
    if (e.kind() == v1::ENTITY_KIND_PERSON && e.name().size() >= 8) people.push_back(e);
  }
  const size_t names = std::min(per_set, people.size());
  for (size_t q = 0; q < names; ++q) {
    const std::string name(people[q * people.size() / names].name());
    sets.exact.push_back(name);
    sets.prefix.push_back(name.substr(0, 4));
    sets.typo.push_back(Misspell(name, random));
    sets.intended.push_back(name);
  }
  const auto& documents = index.documents();
  if (documents.empty()) return sets;
  // Bounded: a corpus whose documents have too few words gives fewer queries.
  for (size_t tries = 0; tries < 20 * per_set && sets.all_words.size() < per_set; ++tries) {
    const std::string& text = documents[random.Below(documents.size())].text();
    std::vector<Token> tokens = Tokenize(text);
    tokens.erase(std::remove_if(tokens.begin(), tokens.end(),
                                [&](const Token& t) { return !IsWord(text, t, 4); }),
                 tokens.end());
    if (tokens.size() < 2) continue;
    const size_t a = random.Below(tokens.size()), b = random.Below(tokens.size());
    if (tokens[a].norm == tokens[b].norm) continue;
    sets.all_words.push_back(absl::StrCat(tokens[a].norm, " ", tokens[b].norm));
  }
  for (size_t tries = 0; tries < 20 * per_set && sets.phrase.size() < per_set; ++tries) {
    const std::string& text = documents[random.Below(documents.size())].text();
    const std::vector<Token> tokens = Tokenize(text);
    if (tokens.size() < 2) continue;
    const size_t a = random.Below(tokens.size() - 1);
    if (!IsWord(text, tokens[a], 3) || !IsWord(text, tokens[a + 1], 3)) continue;
    sets.phrase.push_back(absl::StrCat("\"", tokens[a].norm, " ", tokens[a + 1].norm, "\""));
  }
  return sets;
}

}  // namespace parley
