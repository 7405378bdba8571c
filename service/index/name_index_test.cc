#include "service/index/name_index.h"

#include <cmath>
#include <map>
#include <tuple>

#include <gtest/gtest.h>

#include "service/base/edit_distance.h"
#include "service/base/normalize.h"

namespace parley {
namespace {

class NameIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_.Add(0, v1::MATCH_KIND_EXACT_NAME, 0, NameKey("Kristie Canegallo"));
    index_.Add(0, v1::MATCH_KIND_WORD, 0, "canegallo");
    index_.Add(1, v1::MATCH_KIND_EXACT_NAME, 0, NameKey("S. M. Krishna"));
    index_.Add(1, v1::MATCH_KIND_WORD, 0, "krishna");
    index_.Add(2, v1::MATCH_KIND_EXACT_NAME, 0, NameKey("United States"));
    index_.Add(2, v1::MATCH_KIND_ALIAS, 0, NameKey("US"));
    index_.Add(3, v1::MATCH_KIND_EXACT_NAME, 0, NameKey("US-CERT"));
    index_.Build({0.25, 0.4, 0.45, 0.0});
  }

  // entity -> its match, for every match of key.
  std::map<int32_t, NameMatch> Find(absl::string_view key) const {
    std::map<int32_t, NameMatch> out;
    for (const NameMatch& m : index_.SearchAll(key).matches) out[m.entity] = m;
    return out;
  }

  NameIndex index_;
};

TEST_F(NameIndexTest, ExactAliasPrefixAndFuzzy) {
  auto us = Find("us");
  ASSERT_EQ(us.count(2), 1u);
  EXPECT_EQ(us.at(2).kind, v1::MATCH_KIND_ALIAS);
  EXPECT_EQ(us.at(3).kind, v1::MATCH_KIND_PREFIX);
  auto typo = Find(NameKey("Kristi Canegalo"));
  ASSERT_EQ(typo.count(0), 1u);
  EXPECT_EQ(typo.at(0).kind, v1::MATCH_KIND_FUZZY);
  EXPECT_EQ(typo.at(0).distance, 2);
  auto surname = Find("canegalo");  // one l for two: another spelling
  ASSERT_EQ(surname.count(0), 1u);
  EXPECT_EQ(surname.at(0).kind, v1::MATCH_KIND_PHONETIC);
  auto typo_surname = Find("canegallu");  // 9 bytes: two edits allowed
  ASSERT_EQ(typo_surname.count(0), 1u);
  EXPECT_EQ(typo_surname.at(0).kind, v1::MATCH_KIND_FUZZY);
  EXPECT_EQ(typo_surname.at(0).distance, 1);
  auto prefix = Find("kri");
  EXPECT_EQ(prefix.size(), 2u);
  EXPECT_TRUE(Find("zzzzzz").empty());
}

TEST_F(NameIndexTest, TheBestMatchPerEntityWins) {
  auto exact = Find(NameKey("S M Krishna"));
  ASSERT_EQ(exact.count(1), 1u);
  EXPECT_EQ(exact.at(1).kind, v1::MATCH_KIND_EXACT_NAME);
}

TEST_F(NameIndexTest, ScoresHaveTheirPartsAndKindsNeverMix) {
  const std::vector<NameMatch> kri = index_.SearchAll("kri").matches;
  ASSERT_EQ(kri.size(), 2u);
  // Krishna (weight 0.4, key "krishna") before Kristie (0.25, a longer key).
  EXPECT_EQ(kri[0].entity, 1);
  EXPECT_DOUBLE_EQ(kri[0].parts.match, 1.0);
  EXPECT_DOUBLE_EQ(kri[0].parts.coverage, 0.4 * 3 / 7);
  EXPECT_DOUBLE_EQ(kri[0].parts.corpus_weight, 0.4);
  EXPECT_DOUBLE_EQ(kri[0].score, 1.0 + 0.4 * 3 / 7 + 0.4);
  // "us": the alias (3 + 0.45) above the prefix of US-CERT.
  const std::vector<NameMatch> us = index_.SearchAll("us").matches;
  ASSERT_EQ(us.size(), 2u);
  EXPECT_EQ(us[0].kind, v1::MATCH_KIND_ALIAS);
  EXPECT_EQ(us[1].kind, v1::MATCH_KIND_PREFIX);
}

TEST_F(NameIndexTest, AFilterRestrictsAndALimitStopsEarly) {
  const NameSearchResult only_people = index_.Search("us", 10, [](int32_t e) { return e != 2; });
  ASSERT_EQ(only_people.matches.size(), 1u);
  EXPECT_EQ(only_people.matches[0].entity, 3);
  EXPECT_TRUE(only_people.complete);
  const NameSearchResult first = index_.Search("us", 1, [](int32_t) { return true; });
  ASSERT_EQ(first.matches.size(), 1u);
  EXPECT_EQ(first.matches[0].entity, 2);
  EXPECT_FALSE(first.complete);
}

// Many entities of one name and one weight (a common name of people without
// events): a page takes as many as it asks for, in entity order, and no more.
TEST(NameIndexTiesTest, EqualScoresStopAtTheLimitInEntityOrder) {
  NameIndex index;
  const std::string name = "ravi kumar";
  for (int32_t e = 0; e < 50; ++e) index.Add(e, v1::MATCH_KIND_EXACT_NAME, 0, NameKey(name));
  index.Build(std::vector<double>(50, 0.0));
  const NameSearchResult page = index.Search(NameKey(name), 10, [](int32_t e) { return e % 2; });
  ASSERT_EQ(page.matches.size(), 10u);
  for (size_t i = 0; i < page.matches.size(); ++i) {
    EXPECT_EQ(page.matches[i].entity, static_cast<int32_t>(2 * i + 1));
  }
  EXPECT_FALSE(page.complete);
}

// Two weights a rounding apart give one score: the tie is broken by entity
// number, as for equal weights, although the heavier entity is stored first.
TEST(NameIndexTiesTest, WeightsThatRoundToOneScoreStillRankByEntity) {
  NameIndex index;
  const std::string name = "ravi kumar";
  index.Add(0, v1::MATCH_KIND_EXACT_NAME, 0, NameKey(name));
  index.Add(1, v1::MATCH_KIND_EXACT_NAME, 0, NameKey(name));
  const double heavy = 0.25, light = std::nextafter(0.25, 0.0);
  ASSERT_EQ(4.0 + heavy, 4.0 + light);  // the premise
  index.Build({light, heavy});
  const NameSearchResult first = index.Search(NameKey(name), 1, [](int32_t) { return true; });
  ASSERT_GE(first.matches.size(), 1u);
  EXPECT_EQ(first.matches[0].entity, 0);
}

// The reference: every entry compared with the key, best match per entity,
// sorted as NameIndex documents.
std::vector<NameMatch> BruteForce(
    const std::vector<std::tuple<int32_t, v1::MatchKind, std::string>>& entries,
    const std::vector<double>& weight, const std::string& key) {
  static constexpr double kKindScore[] = {0, 4.0, 3.0, 2.0, 1.0, 0.5, 1.5};
  std::map<int32_t, NameMatch> best;
  std::vector<std::string> keys;  // distinct, sorted: key numbers as NameIndex's
  for (const auto& entry : entries) keys.push_back(std::get<2>(entry));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  auto better = [](const NameMatch& a, const NameMatch& b) {
    if (a.kind != b.kind) return KindRank(a.kind) < KindRank(b.kind);
    if (a.score != b.score) return a.score > b.score;
    if (a.key != b.key) return a.key < b.key;
    return a.entity < b.entity;
  };
  for (const auto& [entity, kind, k] : entries) {
    NameMatch m;
    m.entity = entity;
    m.key = static_cast<int32_t>(std::lower_bound(keys.begin(), keys.end(), k) - keys.begin());
    const int max_edits = MaxEditsFor(CodePointCount(key));
    const int distance = BoundedEditDistance(key, k, max_edits);
    if (k == key) {
      m.kind = kind;
    } else if (key.size() >= 4 && k.size() >= 4 && PhoneticKey(k) == PhoneticKey(key)) {
      m.kind = v1::MATCH_KIND_PHONETIC;
    } else if (k.size() > key.size() && k.compare(0, key.size(), key) == 0) {
      m.kind = v1::MATCH_KIND_PREFIX;
      m.parts.coverage = 0.4 * static_cast<double>(key.size()) / static_cast<double>(k.size());
    } else if (distance <= max_edits) {
      m.kind = v1::MATCH_KIND_FUZZY;
      m.distance = distance;
    } else {
      continue;
    }
    m.parts.match = kKindScore[m.kind];
    m.parts.corpus_weight = weight[entity];
    m.parts.edit_penalty = kEditPenalty * m.distance;
    m.score = m.parts.match + m.parts.coverage + m.parts.corpus_weight - m.parts.edit_penalty;
    auto [it, inserted] = best.try_emplace(entity, m);
    if (!inserted && better(m, it->second)) it->second = m;
  }
  std::vector<NameMatch> out;
  for (const auto& [entity, m] : best) out.push_back(m);
  std::sort(out.begin(), out.end(), better);
  return out;
}

// The byte where key's character number n starts (key.size() past its end).
size_t CharacterStart(const std::string& key, size_t n) {
  size_t i = 0;
  for (; i < key.size() && n > 0; --n) {
    ++i;
    while (i < key.size() && (static_cast<unsigned char>(key[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// Searches over keys written with letters (one character each, of any
// number of bytes) agree with BruteForce.
void CheckAgainstBruteForce(const std::vector<std::string>& letters, uint64_t seed) {
  uint64_t state = seed;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state >> 33);
  };
  auto word = [&](int min, int max) {
    std::string w;
    for (int i = 0, n = min + static_cast<int>(next() % (max - min + 1)); i < n; ++i) {
      w += letters[next() % letters.size()];  // few letters: shared prefixes, near misses
    }
    return w;
  };
  constexpr int kEntities = 800;
  std::vector<std::tuple<int32_t, v1::MatchKind, std::string>> entries;
  std::vector<double> weight;
  NameIndex index;
  for (int32_t e = 0; e < kEntities; ++e) {
    const int events = static_cast<int>(next() % 4);  // few weights: many ties
    weight.push_back(0.5 * events / (events + 1.0));
    const int names = 1 + static_cast<int>(next() % 3);
    for (int n = 0; n < names; ++n) {
      const v1::MatchKind kind = n == 0 ? v1::MATCH_KIND_EXACT_NAME
                                        : (next() % 2 ? v1::MATCH_KIND_ALIAS : v1::MATCH_KIND_WORD);
      // A quarter share a 15-letter stem: keys alike in their first 16
      // bytes, some longer than 16 (the key sort's slow path).
      std::string stem;
      for (size_t i = 0; i < 15; ++i) stem += letters[i % letters.size()];
      const std::string key = next() % 4 == 0 ? stem + word(1, 11) : word(2, 11);
      entries.emplace_back(e, kind, key);
      index.Add(e, kind, static_cast<uint32_t>(n), key);
    }
  }
  index.Build(weight);
  int complete = 0;
  for (int trial = 0; trial < 600; ++trial) {
    std::string key = std::get<2>(entries[next() % entries.size()]);
    switch (trial % 4) {
      case 0:
        key = key.substr(0, CharacterStart(key, 1 + next() % 4));
        break;   // a prefix
      case 1: {  // a typo: a character substituted, inserted, dropped, or two swapped
        const size_t count = CodePointCount(key);
        const size_t n = next() % count;
        const size_t at = CharacterStart(key, n), end = CharacterStart(key, n + 1);
        const std::string& letter = letters[next() % letters.size()];
        switch (next() % 4) {
          case 0:
            key.replace(at, end - at, letter);
            break;
          case 1:
            key.insert(at, letter);
            break;
          case 2:
            if (count > 1) key.erase(at, end - at);
            break;
          default:
            if (n + 1 < count) {
              const size_t after = CharacterStart(key, n + 2);
              key = key.substr(0, at) + key.substr(end, after - end) + key.substr(at, end - at) +
                    key.substr(after);
            }
        }
        break;
      }
      case 2:
        key = word(1, 11);
        break;
      default:
        break;  // a key as it is
    }
    const uint32_t modulus = 1 + next() % 3;
    auto accept = [modulus](int32_t e) { return e % modulus == 0; };
    std::vector<NameMatch> expected;
    for (const NameMatch& m : BruteForce(entries, weight, key)) {
      if (accept(m.entity)) expected.push_back(m);
    }
    // Typos only when fewer than kTypoThreshold matched as written.
    const size_t as_written =
        std::count_if(expected.begin(), expected.end(), [](const NameMatch& m) {
          return m.kind != v1::MATCH_KIND_FUZZY && m.kind != v1::MATCH_KIND_PHONETIC;
        });
    if (as_written >= kTypoThreshold) {
      expected.erase(
          std::remove_if(expected.begin(), expected.end(),
                         [](const NameMatch& m) { return m.kind == v1::MATCH_KIND_FUZZY; }),
          expected.end());
    }
    const size_t limit = trial % 5 == 0 ? SIZE_MAX : 1 + next() % 25;
    const NameSearchResult got = index.Search(key, limit, accept);
    auto same = [&](size_t i, size_t j) {
      return got.matches[i].entity == expected[j].entity &&
             got.matches[i].kind == expected[j].kind && got.matches[i].score == expected[j].score &&
             got.matches[i].distance == expected[j].distance;
    };
    ASSERT_LE(got.matches.size(), expected.size()) << key;
    if (got.complete) {
      ++complete;
      ASSERT_EQ(got.matches.size(), expected.size()) << key;
    } else if (got.matches.size() < std::min(limit, expected.size())) {
      // Short only because typo-tolerant matches were missed: every other
      // match is there.
      auto not_fuzzy = [](const std::vector<NameMatch>& v) {
        return std::count_if(v.begin(), v.end(),
                             [](const NameMatch& m) { return m.kind != v1::MATCH_KIND_FUZZY; });
      };
      ASSERT_EQ(not_fuzzy(got.matches), not_fuzzy(expected)) << key;
    }
    size_t i = 0;
    for (; i < got.matches.size() && got.matches[i].kind != v1::MATCH_KIND_FUZZY; ++i) {
      ASSERT_TRUE(same(i, i)) << key << " #" << i << " limit " << limit;
    }
    // Typo-tolerant matches: all of them, in order, when complete; a subset
    // when the query is too short for the trigram filter.
    for (size_t j = i; i < got.matches.size(); ++i) {
      while (j < expected.size() && !same(i, j)) ++j;
      ASSERT_LT(j, expected.size()) << key << " #" << i << ": not a match, or out of order";
      if (got.complete) {
        ASSERT_EQ(i, j) << key;
      }
    }
  }
  EXPECT_GT(complete, 100);  // the exhaustive case is exercised
}

TEST(NameIndexSearchTest, LazySearchesAgreeWithABruteForceReference) {
  CheckAgainstBruteForce({"a", "b", "c", "d", "e", "f", "g", "h"}, 777);
}

// Keys of Cyrillic and CJK names: edits count characters, and the trigram
// filter (which counts bytes) still finds every key within them.
TEST(NameIndexSearchTest, KeysOfManyBytesPerCharacterAgreeWithTheReference) {
  CheckAgainstBruteForce({"а", "б", "в", "г", "д", "е", "习", "平"}, 4242);
  CheckAgainstBruteForce({"a", "б", "c", "д", "e", "\xF0\x9F\x98\x80", "近", "h"}, 99);
}

TEST(NameIndexSearchTest, AnAsciiQueryFindsAKeyWithAWideCharacterItLacks) {
  NameIndex index;
  index.Add(0, v1::MATCH_KIND_EXACT_NAME, 0,
            "a\xD0\xB1"
            "cde");  // "aбcde"
  index.Add(1, v1::MATCH_KIND_EXACT_NAME, 0,
            "ab\xF0\x9F\x98\x80"
            "cdef");
  index.Add(2, v1::MATCH_KIND_EXACT_NAME, 0, "zzzzzz");
  index.Build({0.0, 0.0, 0.0});
  // Each query is ASCII and one character from its key, which is 2 and 4
  // bytes longer: the length window is the index's widest character wide.
  for (const auto& [query, entity] : {std::make_pair("acde", 0), std::make_pair("abcdef", 1)}) {
    const NameSearchResult result = index.SearchAll(query);
    ASSERT_FALSE(result.matches.empty()) << query;
    EXPECT_EQ(result.matches[0].entity, entity) << query;  // fewest edits first
    EXPECT_EQ(result.matches[0].kind, v1::MATCH_KIND_FUZZY);
    EXPECT_EQ(result.matches[0].distance, 1);
  }
}

TEST(NameIndexSearchTest, AShortQueryIsNotClaimedComplete) {
  NameIndex index;
  index.Add(0, v1::MATCH_KIND_EXACT_NAME, 0, "bd");
  index.Build({0.0});
  // "bd" is one edit from "bed" but shares no trigram with it.
  const NameSearchResult result = index.SearchAll("bed");
  EXPECT_TRUE(result.matches.empty());
  EXPECT_FALSE(result.complete);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {}  // namespace
}  // namespace parley
