#include "service/index/text_query.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

std::vector<std::vector<std::string>> WordsOf(const QueryClause& clause) {
  std::vector<std::vector<std::string>> out;
  for (const QueryTerm& t : clause.terms) out.push_back(t.words);
  return out;
}

TEST(ParseTextQueryTest, WordsAndPhrases) {
  auto clauses = ParseTextQuery("ransomware \"fake currency notes\" “digital forensics”");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 3u);
  using Words = std::vector<std::vector<std::string>>;
  EXPECT_EQ(WordsOf((*clauses)[0]), (Words{{"ransomware"}}));
  EXPECT_EQ(WordsOf((*clauses)[1]), (Words{{"fake", "currency", "notes"}}));
  EXPECT_EQ(WordsOf((*clauses)[2]), (Words{{"digital", "forensics"}}));
  EXPECT_EQ((*clauses)[1].terms[0].text, "fake currency notes");
  for (const QueryClause& c : *clauses) EXPECT_FALSE(c.excluded);
}

TEST(ParseTextQueryTest, OrJoinsAlternativesIntoOneClause) {
  auto clauses = ParseTextQuery("cyber malware OR Ransomware OR \"fake currency\" talks");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 3u);
  using Words = std::vector<std::vector<std::string>>;
  EXPECT_EQ(WordsOf((*clauses)[0]), (Words{{"cyber"}}));
  EXPECT_EQ(WordsOf((*clauses)[1]), (Words{{"malware"}, {"ransomware"}, {"fake", "currency"}}));
  EXPECT_EQ((*clauses)[1].terms[1].text, "Ransomware");
  EXPECT_EQ(WordsOf((*clauses)[2]), (Words{{"talks"}}));
}

TEST(ParseTextQueryTest, MinusAndNotExclude) {
  auto clauses = ParseTextQuery("cyber -Pakistan NOT China -\"fake currency\" cyber-security");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 6u);
  const std::vector<bool> excluded = {false, true, true, true, false, false};
  for (size_t i = 0; i < excluded.size(); ++i) {
    EXPECT_EQ((*clauses)[i].excluded, excluded[i]) << i << " " << (*clauses)[i].terms[0].text;
  }
  EXPECT_EQ((*clauses)[1].terms[0].words, (std::vector<std::string>{"pakistan"}));
  EXPECT_EQ((*clauses)[3].terms[0].words, (std::vector<std::string>{"fake", "currency"}));
  // The hyphen inside a word excludes nothing.
  EXPECT_EQ((*clauses)[5].terms[0].words, (std::vector<std::string>{"security"}));
}

TEST(ParseTextQueryTest, LowerCaseOperatorsAndQuotedOnesAreWords) {
  auto clauses = ParseTextQuery("war or peace \"NOT OR\" not");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 5u);
  EXPECT_EQ((*clauses)[1].terms[0].words, (std::vector<std::string>{"or"}));
  EXPECT_EQ((*clauses)[3].terms[0].words, (std::vector<std::string>{"not", "or"}));
  for (const QueryClause& c : *clauses) EXPECT_FALSE(c.excluded);
}

TEST(ParseTextQueryTest, RefusesWhatItCannotReadWithAReasonAndAnExample) {
  struct Case {
    const char* query;
    const char* says;
  };
  for (const Case& c : std::vector<Case>{
           {"\"fake currency", "unclosed quote"},
           {"  ...  ", "no words"},
           {"OR malware", "OR needs a word"},
           {"malware OR", "OR needs a word"},
           {"malware OR OR virus", "OR needs a word"},
           {"cyber -malware OR virus", "an excluded term"},
           {"cyber malware OR -virus", "an excluded term"},
           {"cyber malware OR NOT virus", "an excluded term"},
           {"cyber NOT", "NOT needs a word"},
           {"cyber NOT NOT virus", "NOT needs a word"},
           {"-malware NOT virus", "only excludes"},
       }) {
    const auto parsed = ParseTextQuery(c.query);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << c.query;
    EXPECT_NE(parsed.status().message().find(c.says), absl::string_view::npos)
        << c.query << ": " << parsed.status();
  }
}

}  // namespace
}  // namespace parley
