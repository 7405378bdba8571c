#include "service/base/text_tokens.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

std::vector<std::string> Norms(absl::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.push_back(t.norm);
  return out;
}

TEST(TokenizeTest, WordsWithByteOffsets) {
  const std::string text = "India’s Ambassador to US, Vinay Kwatra";
  const std::vector<Token> tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].norm, "india");  // possessive dropped
  EXPECT_EQ(text.substr(tokens[0].start, tokens[0].end - tokens[0].start), "India");
  EXPECT_EQ(tokens[1].start, 10u);  // after the three-byte apostrophe and "s "
  EXPECT_EQ(tokens[3].norm, "us");
  EXPECT_TRUE(tokens[3].all_caps);
  EXPECT_TRUE(tokens[4].capitalized);
  EXPECT_FALSE(tokens[4].all_caps);
}

TEST(TokenizeTest, PunctuationSplitsAndApostrophesJoin) {
  EXPECT_EQ(Norms("CERT-In"), (std::vector<std::string>{"cert", "in"}));
  EXPECT_EQ(Norms("U.S."), (std::vector<std::string>{"u", "s"}));
  EXPECT_EQ(Norms("O'Brien's report"), (std::vector<std::string>{"obrien", "report"}));
  EXPECT_EQ(Norms("Röntgen, Natarâjan"), (std::vector<std::string>{"rontgen", "natarajan"}));
  EXPECT_EQ(Norms("“Their main thrust”"), (std::vector<std::string>{"their", "main", "thrust"}));
  EXPECT_TRUE(Norms("... — !!").empty());
}

TEST(TokenizeTest, InvalidUtf8IsABreakNotACrash) {
  EXPECT_EQ(Norms("abc\xff\xfe"
                  "def"),
            (std::vector<std::string>{"abc", "def"}));
}

// A word that normalizes to nothing (a lone combining mark: its diacritic
// is stripped) is no token, and the words after it keep their offsets.
TEST(TokenizeTest, AWordThatNormalizesToNothingIsDropped) {
  const std::string text = "a \xCC\x81 bc";
  const std::vector<Token> tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].norm, "a");
  EXPECT_EQ(tokens[1].norm, "bc");
  EXPECT_EQ(tokens[1].start, 5u);
  EXPECT_EQ(tokens[1].end, 7u);
}

TEST(TokenizeTest, EachWordSaysWhetherABracketPrecedesIt) {
  std::vector<bool> bracket_before;
  for (const Token& t : Tokenize("President (Barack) Obama [sic] {x} y")) {
    bracket_before.push_back(t.bracket_before);
  }
  EXPECT_EQ(bracket_before, (std::vector<bool>{false, true, true, true, true, true}));
  // Through a dropped word too: the bracket is still between its neighbours.
  const std::vector<Token> tokens = Tokenize("a ( \xCC\x81 bc");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_TRUE(tokens[1].bracket_before);
  EXPECT_FALSE(Tokenize("Jane Holl Lute, Deputy")[1].bracket_before);
}

}  // namespace
}  // namespace parley
