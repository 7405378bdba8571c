#include "service/index/mentions.h"

#include <algorithm>
#include <deque>

#include <gtest/gtest.h>

namespace parley {
namespace {

class MentionMatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Add("United States", 0, v1::MENTION_KIND_NAME);
    Add("US", 0, v1::MENTION_KIND_ALIAS, /*caps=*/true);
    Add("US Department of Homeland Security", 1, v1::MENTION_KIND_NAME);
    Add("Department of Homeland Security", 1, v1::MENTION_KIND_ALIAS);
    Add("Painter", 2, v1::MENTION_KIND_SURNAME, false, /*capital=*/true);
    Add("Stern", 3, v1::MENTION_KIND_SURNAME, false, true);
    Add("Stern", 4, v1::MENTION_KIND_SURNAME, false, true);  // two people share it
    matcher_.Build();
  }
  void Add(const std::string& name, int32_t entity, v1::MentionKind kind, bool caps = false,
           bool capital = false) {
    MentionPattern p;
    p.entity = entity;
    p.kind = kind;
    p.name = names_.emplace_back(name);  // the matcher keeps a view
    p.requires_caps = caps;
    p.requires_capital = capital;
    matcher_.Add(name, p);
  }
  // "surface:entity,entity" per match.
  std::vector<std::string> Find(const std::string& text) {
    std::vector<std::string> out;
    const std::vector<Token> tokens = Tokenize(text);
    for (const MentionMatch& m : matcher_.Match(tokens)) {
      std::string s = text.substr(tokens[m.first_token].start,
                                  tokens[m.end_token - 1].end - tokens[m.first_token].start);
      s += ":";
      for (int32_t p : matcher_.AcceptedPatterns(m, tokens)) {
        s += std::to_string(matcher_.pattern(p).entity);
      }
      out.push_back(s);
    }
    return out;
  }
  std::deque<std::string> names_;
  MentionMatcher matcher_;
};

TEST_F(MentionMatcherTest, LeftmostLongestOnWordBoundaries) {
  EXPECT_EQ(Find("the US Department of Homeland Security and the US"),
            (std::vector<std::string>{"US Department of Homeland Security:1", "US:0"}));
  EXPECT_EQ(Find("USA and USB are not US."), (std::vector<std::string>{"US:0"}));
}

TEST_F(MentionMatcherTest, NamesAreNotReadAcrossABracket) {
  // The shorter pattern at the name's end is found instead: a surname here.
  EXPECT_EQ(Find("the (United) States and Mr (Painter)"), (std::vector<std::string>{"Painter:2"}));
  EXPECT_EQ(Find("Department of [Homeland] Security"), std::vector<std::string>{});
  EXPECT_EQ(Find("(United States)"), (std::vector<std::string>{"United States:0"}));
  EXPECT_EQ(Find("US (Department of Homeland Security)"),
            (std::vector<std::string>{"US:0", "Department of Homeland Security:1"}));
}

TEST_F(MentionMatcherTest, CapitalsOnlyAcronymsDoNotMatchTheWordUs) {
  EXPECT_TRUE(Find("Let us meet; tell us more.").empty());
  EXPECT_EQ(Find("Painter met a painter."), (std::vector<std::string>{"Painter:2"}));
}

TEST_F(MentionMatcherTest, AmbiguousWordsKeepEveryCandidate) {
  EXPECT_EQ(Find("Stern said"), (std::vector<std::string>{"Stern:34"}));
}

TEST_F(MentionMatcherTest, CaseRulesFilterPatternsThatShareWords) {
  MentionMatcher matcher;
  MentionPattern plain;
  plain.entity = 7;
  plain.name = "it";
  matcher.Add("it", plain);
  MentionPattern caps = plain;
  caps.entity = 8;
  caps.name = "IT";
  caps.requires_caps = true;
  matcher.Add("IT", caps);
  matcher.Build();
  const std::vector<Token> lower = Tokenize("it works");
  const std::vector<MentionMatch> a = matcher.Match(lower);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_FALSE(a[0].all_accept);
  EXPECT_EQ(matcher.AcceptedPatterns(a[0], lower), (std::vector<int32_t>{0}));
  const std::vector<Token> upper = Tokenize("IT works");
  const std::vector<MentionMatch> b = matcher.Match(upper);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_TRUE(b[0].all_accept);
  EXPECT_EQ(matcher.AcceptedPatterns(b[0], upper), (std::vector<int32_t>{0, 1}));
}

TEST_F(MentionMatcherTest, SortOutputsOrdersTheCandidatesOfANode) {
  matcher_.SortOutputs([this](int32_t /*node*/, absl::Span<int32_t> patterns) {
    std::sort(patterns.begin(), patterns.end(), [this](int32_t a, int32_t b) {
      return matcher_.pattern(a).entity > matcher_.pattern(b).entity;
    });
  });
  EXPECT_EQ(Find("Stern said"), (std::vector<std::string>{"Stern:43"}));
}

TEST(MentionMatcherOwnTest, AnEntityReachingTheSameWordsTwiceKeepsItsFirstPattern) {
  // A name and an alias that normalize alike, and another entity on the
  // same words: one pattern each, the first added for the entity that came
  // twice, in the order added.
  const std::string names[] = {"United States", "UNITED STATES", "united states"};
  MentionMatcher matcher;
  auto add = [&matcher](const std::string& name, int32_t entity, v1::MentionKind kind) {
    MentionPattern p;
    p.entity = entity;
    p.kind = kind;
    p.name = name;
    matcher.Add(name, p);
  };
  add(names[0], 7, v1::MENTION_KIND_NAME);
  add(names[1], 7, v1::MENTION_KIND_ALIAS);
  add(names[2], 3, v1::MENTION_KIND_ALIAS);
  matcher.Build();
  const std::vector<Token> tokens = Tokenize("talks with the United States");
  const std::vector<MentionMatch> matches = matcher.Match(tokens);
  ASSERT_EQ(matches.size(), 1u);
  const std::vector<int32_t> accepted = matcher.AcceptedPatterns(matches[0], tokens);
  ASSERT_EQ(accepted.size(), 2u);
  EXPECT_EQ(matcher.pattern(accepted[0]).entity, 7);
  EXPECT_EQ(matcher.pattern(accepted[0]).kind, v1::MENTION_KIND_NAME);
  EXPECT_EQ(matcher.pattern(accepted[1]).entity, 3);
}

}  // namespace
}  // namespace parley
