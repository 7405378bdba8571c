#include "service/index/text_search.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(ParseTextQueryTest, WordsAndPhrases) {
  auto clauses = ParseTextQuery("ransomware \"fake currency notes\" “digital forensics”");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 3u);
  EXPECT_EQ((*clauses)[0].words, (std::vector<std::string>{"ransomware"}));
  EXPECT_EQ((*clauses)[1].words, (std::vector<std::string>{"fake", "currency", "notes"}));
  EXPECT_EQ((*clauses)[2].words, (std::vector<std::string>{"digital", "forensics"}));
}

TEST(ParseTextQueryTest, RefusesUnclosedQuotesAndEmptyQueries) {
  EXPECT_EQ(ParseTextQuery("\"fake currency").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseTextQuery("  ...  ").status().code(), absl::StatusCode::kInvalidArgument);
}

class TextSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const std::string& t : texts_) search_.AddDocument(Tokenize(t));
    search_.Build();
  }
  std::vector<DocumentHit> Find(const std::string& q) {
    return search_.Search(*ParseTextQuery(q), [](int32_t) { return true; });
  }
  std::vector<std::string> texts_ = {
      "Fake currency notes were seized. Notes were fake.",
      "The currency was fake but the notes were real.",
      "Cyber security and cyber crime, cyber everything.",
  };
  TextSearch search_;
};

TEST_F(TextSearchTest, EveryClauseMustOccurAndPhrasesMustBeAdjacent) {
  auto words = Find("fake notes");
  ASSERT_EQ(words.size(), 2u);
  auto phrase = Find("\"fake currency notes\"");
  ASSERT_EQ(phrase.size(), 1u);
  EXPECT_EQ(phrase[0].document, 0);
  EXPECT_TRUE(Find("fake cyber").empty());
  EXPECT_TRUE(Find("unknownword").empty());
}

TEST_F(TextSearchTest, RanksByBm25AndExplains) {
  auto hits = Find("cyber");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_GT(hits[0].score, 0);
  EXPECT_NE(hits[0].explanation.find("tf 3, df 1"), std::string::npos) << hits[0].explanation;
  auto both = Find("fake");
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].document, 0);  // two occurrences beat one
}

TEST_F(TextSearchTest, SnippetHighlightsAreByteOffsetsOfTheMatches) {
  const auto clauses = *ParseTextQuery("\"currency notes\"");
  const v1::Snippet snippet = search_.MakeSnippet(0, texts_[0], clauses);
  ASSERT_EQ(snippet.highlights_size(), 1);
  const auto& h = snippet.highlights(0);
  EXPECT_EQ(texts_[0].substr(h.start_offset(), h.end_offset() - h.start_offset()),
            "currency notes");
  EXPECT_EQ(texts_[0].substr(snippet.start_offset(), snippet.end_offset() - snippet.start_offset()),
            snippet.text());
}

}  // namespace
}  // namespace parley
