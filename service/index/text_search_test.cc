#include "service/index/text_search.h"

#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace parley {
namespace {

class TextSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const std::string& t : texts_) search_.AddDocument(Tokenize(t));
    search_.Build();
  }
  std::vector<DocumentHit> Find(const std::string& q) {
    return search_.Search(*ParseTextQuery(q), nullptr, 10).hits;
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

TEST_F(TextSearchTest, OrTakesEitherAndExcludedTermsRemoveHits) {
  auto documents = [this](const std::string& q) {
    std::vector<int32_t> found;
    for (const DocumentHit& h : Find(q)) found.push_back(h.document);
    std::sort(found.begin(), found.end());
    return found;
  };
  using Found = std::vector<int32_t>;
  EXPECT_EQ(documents("cyber OR currency"), (Found{0, 1, 2}));
  EXPECT_EQ(documents("fake -real"), (Found{0}));
  EXPECT_EQ(documents("notes NOT \"currency notes\""), (Found{1}));  // 1 lacks the phrase
  EXPECT_EQ(documents("fake -notes"), (Found{}));
  // An alternative nobody wrote takes nothing away from the other.
  EXPECT_EQ(documents("cyber OR unknownword"), (Found{2}));
  EXPECT_EQ(documents("cyber -unknownword"), (Found{2}));
}

TEST_F(TextSearchTest, AHitOfAnOrIsScoredAndExplainedByWhatItHas) {
  const auto clauses = *ParseTextQuery("cyber OR fake");
  const TextSearchResult result = search_.Search(clauses, nullptr, 10);
  ASSERT_EQ(result.hits.size(), 3u);
  for (const DocumentHit& hit : result.hits) {
    const std::string explanation = search_.Explain(result, hit, clauses);
    const bool cyber = hit.document == 2;
    EXPECT_EQ(explanation.find("cyber ") != std::string::npos, cyber) << explanation;
    EXPECT_EQ(explanation.find("fake ") != std::string::npos, !cyber) << explanation;
  }
  // A document with both alternatives scores as the two alone.
  const auto both = *ParseTextQuery("fake OR notes");
  const TextSearchResult both_result = search_.Search(both, nullptr, 10);
  const double fake_alone = search_.Search(*ParseTextQuery("fake"), nullptr, 10).hits[0].score;
  const double notes_alone = search_.Search(*ParseTextQuery("notes"), nullptr, 10).hits[0].score;
  ASSERT_EQ(both_result.hits[0].document, 0);
  EXPECT_NEAR(both_result.hits[0].score, fake_alone + notes_alone, 1e-12);
  EXPECT_THAT(search_.Explain(both_result, both_result.hits[0], both),
              testing::ContainsRegex("^BM25 [0-9.]+ = fake [0-9.]+ \\(tf 2, df 2\\) \\+ notes "
                                     "[0-9.]+ \\(tf 2, df 2\\)$"));
  // Alone, each scores a document as it does within the OR.
  for (const char* word : {"cyber", "fake"}) {
    const auto alone = *ParseTextQuery(word);
    for (const DocumentHit& hit : search_.Search(alone, nullptr, 10).hits) {
      const auto in_or =
          std::find_if(result.hits.begin(), result.hits.end(),
                       [&](const DocumentHit& h) { return h.document == hit.document; });
      ASSERT_NE(in_or, result.hits.end());
      EXPECT_DOUBLE_EQ(in_or->score, hit.score) << word;
    }
  }
  // The snippet highlights the alternative the document has.
  const v1::Snippet snippet = search_.MakeSnippet(2, texts_[2], clauses);
  ASSERT_EQ(snippet.highlights_size(), 3);
  EXPECT_EQ(texts_[2].substr(snippet.highlights(0).start_offset(), 5), "Cyber");
}

TEST_F(TextSearchTest, SuggestsTheClosestIndexedWordForWordsNoDocumentHas) {
  auto suggest = [this](const std::string& q) {
    return search_.SuggestQuery(q, *ParseTextQuery(q));
  };
  EXPECT_EQ(suggest("currncy Notes"), "currency Notes");
  EXPECT_EQ(suggest("Currncy notes"), "Currency notes");
  EXPECT_EQ(suggest("\"fake curency\" OR cybr"), "\"fake currency\" OR cyber");
  EXPECT_EQ(suggest("“fake curency” notes"), "“fake currency” notes");
  // A clause that has a known alternative is not why nothing matched.
  EXPECT_EQ(suggest("fake OR fakke"), "");
  // At most kMaxSuggestedWords different words are looked up.
  EXPECT_EQ(suggest("currncy curency currenc ccurrency currencyy curerncy currnecy cuurrency "
                    "currecny currncy"),
            "currency currency currency currency currency currency currency currency currecny "
            "currency");
  // Excluded words exclude nothing when nobody wrote them; words far from
  // every indexed one, and words of two bytes, have no suggestion.
  EXPECT_EQ(suggest("fake -currncy"), "");
  EXPECT_EQ(suggest("fake zzzzzzzz"), "");
  EXPECT_EQ(suggest("fake xq"), "");
  EXPECT_EQ(suggest("fake notes"), "");
}

TEST(TextSearchSuggestTest, FewestEditsFirstThenTheWordInMostDocuments) {
  TextSearch search;
  for (const char* text : {"cyber cyber", "cyber talks", "cider"})
    search.AddDocument(Tokenize(text));
  search.Build();
  auto suggest = [&search](const std::string& q) {
    return search.SuggestQuery(q, *ParseTextQuery(q));
  };
  EXPECT_EQ(suggest("cyder"), "cyber");  // one edit from both: cyber is in two documents
  EXPECT_EQ(suggest("cidr"), "cider");   // one edit beats three
  EXPECT_EQ(suggest("tlaks"), "talks");  // a transposition is one edit
}

TEST(TextSearchNearTest, TermsWithinTenWordsOfEachOther) {
  TextSearch search;
  const std::string ten(" x x x x x x x x x ");  // nine words between: 10 positions apart
  const std::vector<std::string> texts = {
      "alpha beta gamma", "alpha" + ten + "beta", "alpha" + ten + "x beta",
      "beta x alpha",     "alpha only",           "beta gamma x x alpha beta"};
  for (const std::string& text : texts) search.AddDocument(Tokenize(text));
  search.Build();
  auto documents = [&search](const std::string& q) {
    std::vector<int32_t> found;
    for (const DocumentHit& h : search.Search(*ParseTextQuery(q), nullptr, 10).hits) {
      found.push_back(h.document);
    }
    std::sort(found.begin(), found.end());
    return found;
  };
  using Found = std::vector<int32_t>;
  EXPECT_EQ(documents("alpha NEAR beta"), (Found{0, 1, 3, 5}));  // 2: eleven apart
  EXPECT_EQ(documents("\"alpha beta\" NEAR gamma"), (Found{0, 5}));
  EXPECT_EQ(documents("alpha NEAR beta NEAR gamma"), (Found{0, 5}));
  EXPECT_EQ(documents("alpha NEAR beta -gamma"), (Found{1, 3}));
  EXPECT_EQ(documents("alpha NEAR nothing"), (Found{}));
  // Scored as the terms alone, added; explained term by term.
  const auto clauses = *ParseTextQuery("alpha NEAR beta");
  const TextSearchResult result = search.Search(clauses, nullptr, 10);
  for (const DocumentHit& hit : result.hits) {
    double alone = 0;
    for (const char* word : {"alpha", "beta"}) {
      for (const DocumentHit& h : search.Search(*ParseTextQuery(word), nullptr, 10).hits) {
        if (h.document == hit.document) alone += h.score;
      }
    }
    EXPECT_NEAR(hit.score, alone, 1e-12) << hit.document;
    EXPECT_THAT(search.Explain(result, hit, clauses),
                testing::ContainsRegex(
                    "= alpha [0-9.]+ \\(tf 1, df 6\\) \\+ beta [0-9.]+ \\(tf [12], df 5\\)$"));
  }
  // Other forms leave a NEAR as it is; a word of a NEAR that no document
  // has is suggested.
  EXPECT_EQ(search.WithForms(clauses)[0].terms.size(), 2u);
  EXPECT_EQ(search.SuggestQuery("alpha NEAR btea", *ParseTextQuery("alpha NEAR btea")),
            "alpha NEAR beta");
}

TEST(TextSearchNearTest, TheSnippetShowsTheTermsTogether) {
  TextSearch search;
  std::string text = "alpha alpha alpha";
  for (int i = 0; i < 50; ++i) text += " x";
  text += " alpha beta";
  search.AddDocument(Tokenize(text));
  search.Build();
  const v1::Snippet snippet = search.MakeSnippet(0, text, *ParseTextQuery("alpha NEAR beta"));
  EXPECT_NE(snippet.text().find("alpha beta"), std::string::npos) << snippet.text();
}

TEST(TextSearchFormsTest, WordsFindTheirOtherFormsAndPhrasesStayAsWritten) {
  TextSearch search;
  for (const char* text : {"negotiations began", "they negotiated", "negotiate now", "talks"}) {
    search.AddDocument(Tokenize(text));
  }
  search.Build();
  auto documents = [&search](const std::string& q, bool forms) {
    std::vector<QueryClause> clauses = *ParseTextQuery(q);
    if (forms) clauses = search.WithForms(std::move(clauses));
    std::vector<int32_t> found;
    for (const DocumentHit& h : search.Search(clauses, nullptr, 10).hits) {
      found.push_back(h.document);
    }
    std::sort(found.begin(), found.end());
    return found;
  };
  using Found = std::vector<int32_t>;
  EXPECT_EQ(documents("negotiate", false), (Found{2}));
  EXPECT_EQ(documents("negotiate", true), (Found{0, 1, 2}));
  EXPECT_EQ(documents("negotiating", true), (Found{0, 1, 2}));  // not indexed itself
  EXPECT_EQ(documents("\"negotiate now\"", true), (Found{2}));
  EXPECT_EQ(documents("\"negotiated now\"", true), (Found{}));
  EXPECT_EQ(documents("they -negotiations", false), (Found{1}));
  EXPECT_EQ(documents("they -negotiations", true), (Found{}));  // every form excluded
  EXPECT_EQ(documents("talks", true), (Found{3}));
  // A form the hit has is explained as itself, and is listed once though two
  // words of the clause share it.
  const std::vector<QueryClause> clauses =
      search.WithForms(*ParseTextQuery("negotiate OR negotiations"));
  ASSERT_EQ(clauses.size(), 1u);
  EXPECT_EQ(clauses[0].terms.size(), 3u);
  const TextSearchResult result = search.Search(clauses, nullptr, 10);
  for (const DocumentHit& hit : result.hits) {
    if (hit.document != 1) continue;
    EXPECT_THAT(search.Explain(result, hit, clauses),
                testing::ContainsRegex("= negotiated [0-9.]+ \\(tf 1, df 1\\)$"));
  }
}

TEST_F(TextSearchTest, RanksByBm25AndExplains) {
  const auto clauses = *ParseTextQuery("cyber");
  const TextSearchResult result = search_.Search(clauses, nullptr, 10);
  ASSERT_EQ(result.hits.size(), 1u);
  EXPECT_GT(result.hits[0].score, 0);
  const std::string explanation = search_.Explain(result, result.hits[0], clauses);
  EXPECT_NE(explanation.find("tf 3, df 1"), std::string::npos) << explanation;
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

// Against a plain scan: random documents over a small vocabulary, random
// queries of words and phrases; the same documents with the same counts, the
// best first.
TEST(TextSearchAgainstScanTest, SameDocumentsCountsAndOrderAsAScan) {
  const std::vector<std::string> vocabulary = {"india",    "us",  "talks",  "cyber",
                                               "security", "met", "signed", "the"};
  uint64_t state = 7;
  auto next = [&](size_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>((state >> 33) % n);
  };
  std::vector<std::vector<std::string>> documents(300);
  TextSearch search;
  for (auto& words : documents) {
    const size_t length = 1 + next(30);
    for (size_t i = 0; i < length; ++i) words.push_back(vocabulary[next(vocabulary.size())]);
    search.AddDocument(Tokenize(absl::StrJoin(words, " ")));
  }
  search.Build();
  auto count_in = [](const std::vector<std::string>& words, const std::vector<std::string>& run) {
    size_t count = 0;
    for (size_t i = 0; i + run.size() <= words.size(); ++i) {
      if (std::equal(run.begin(), run.end(), words.begin() + static_cast<ptrdiff_t>(i))) ++count;
    }
    return count;
  };
  // A clause holds in a document with any of its terms; an excluded one
  // in a document with none of them.
  // Whether run starts at position p of words.
  auto at = [](const std::vector<std::string>& words, const std::vector<std::string>& run,
               size_t p) {
    return p + run.size() <= words.size() &&
           std::equal(run.begin(), run.end(), words.begin() + static_cast<ptrdiff_t>(p));
  };
  // A NEAR clause: some window of kNearWords + 1 positions holds a start of
  // each term.
  auto near = [&](const std::vector<std::string>& document, const QueryClause& c) {
    for (size_t a = 0; a < document.size(); ++a) {
      bool all = true;
      for (const QueryTerm& t : c.terms) {
        bool in_window = false;
        for (size_t p = a; p <= a + kNearWords && p < document.size(); ++p) {
          in_window = in_window || at(document, t.words, p);
        }
        all = all && in_window;
      }
      if (all) return true;
    }
    return false;
  };
  auto holds = [&](const std::vector<std::string>& document, const QueryClause& c) {
    if (c.near) return near(document, c);
    bool any = false;
    for (const QueryTerm& t : c.terms) any = any || count_in(document, t.words) > 0;
    return any != c.excluded;
  };
  for (int q = 0; q < 300; ++q) {
    // One to three clauses, the first required; a required one of one or
    // two terms (a OR b, or a NEAR b), an excluded one of one term; each term a
    // word or a phrase of up to three.
    std::vector<QueryClause> clauses(1 + next(3));
    for (size_t i = 0; i < clauses.size(); ++i) {
      QueryClause& c = clauses[i];
      c.excluded = i > 0 && next(3) == 0;
      c.terms.resize(c.excluded ? 1 : 1 + next(2));
      c.near = c.terms.size() > 1 && next(2) == 0;
      for (QueryTerm& t : c.terms) {
        const size_t words = 1 + next(3);
        for (size_t w = 0; w < words; ++w) t.words.push_back(vocabulary[next(vocabulary.size())]);
        t.text = absl::StrJoin(t.words, " ");
      }
    }
    std::vector<int32_t> expected;
    for (size_t d = 0; d < documents.size(); ++d) {
      bool all = d % 5 != 0;  // the filter below drops every fifth document
      for (const QueryClause& c : clauses) all = all && holds(documents[d], c);
      if (all) expected.push_back(static_cast<int32_t>(d));
    }
    const auto accepts = [](int32_t d) { return d % 5 != 0; };
    const TextSearchResult best3 = search.Search(clauses, accepts, 3);
    const TextSearchResult result = search.Search(clauses, accepts, documents.size());
    EXPECT_EQ(best3.total, expected.size());
    EXPECT_EQ(result.total, expected.size());
    ASSERT_EQ(best3.hits.size(), std::min<size_t>(3, expected.size()));
    for (size_t i = 1; i < result.hits.size(); ++i) {
      EXPECT_GE(result.hits[i - 1].score, result.hits[i].score);
    }
    for (size_t i = 0; i < best3.hits.size(); ++i) {
      EXPECT_EQ(best3.hits[i].document, result.hits[i].document);
    }
    std::vector<int32_t> found;
    for (const DocumentHit& h : result.hits) found.push_back(h.document);
    std::sort(found.begin(), found.end());
    ASSERT_EQ(found, expected) << "query " << q;
    for (const DocumentHit& h : result.hits) {
      const std::string explanation = search.Explain(result, h, clauses);
      for (const QueryClause& c : clauses) {
        for (const QueryTerm& t : c.terms) {
          const size_t count = count_in(documents[h.document], t.words);
          const std::string part = absl::StrCat(t.text, " ");
          const std::string tf = absl::StrCat("(tf ", count, ",");
          if (c.excluded || count == 0) continue;
          EXPECT_NE(explanation.find(tf), std::string::npos) << explanation;
          EXPECT_NE(explanation.find(part), std::string::npos) << explanation;
        }
      }
    }
  }
}

}  // namespace
}  // namespace parley
