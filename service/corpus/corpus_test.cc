#include "service/corpus/corpus.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace parley {
namespace {

using ::testing::HasSubstr;

const std::string kData = PARLEY_SOURCE_DIR "/data";
const std::string kCorpora = PARLEY_SOURCE_DIR "/tests/corpora/";

TEST(CorpusTest, ReadsTheBundledCorpus) {
  auto corpus = Corpus::Read(kData);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  ASSERT_EQ(corpus->articles().size(), 5u);
  EXPECT_EQ(corpus->articles()[0].file_name, "000_510fb721e618f646.txt");
  EXPECT_EQ(corpus->articles()[2].bytes.size(), 8517u);  // byte-for-byte copy of the seed
  EXPECT_EQ(corpus->kb_files().size(), 4u);
  EXPECT_EQ(corpus->content_sha256().size(), 64u);
}

TEST(CorpusTest, HashDependsOnContent) {
  auto a = Corpus::Read(kCorpora + "minimal");
  auto b = Corpus::Read(kCorpora + "ambiguous_quote");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->content_sha256(), b->content_sha256());
  auto again = Corpus::Read(kCorpora + "minimal");
  EXPECT_EQ(a->content_sha256(), again->content_sha256());
}

TEST(CorpusTest, RecordsWhereEachRecordWasWritten) {
  auto corpus = Corpus::Read(kCorpora + "minimal");
  ASSERT_TRUE(corpus.ok());
  const v1::KnowledgeBase& kb = *corpus->kb_files()[0]->kb;
  const SourceLocation event = corpus->LocationOf(kb.events(0));
  EXPECT_THAT(event.file, HasSubstr("minimal/kb/kb.textproto"));
  EXPECT_EQ(event.line, 25);
  EXPECT_EQ(corpus->LocationOf(kb.events(0), "date").line, 27);
}

TEST(CorpusTest, SyntaxErrorsNameFileLineAndColumn) {
  auto corpus = Corpus::Read(kCorpora + "syntax_error");
  ASSERT_FALSE(corpus.ok());
  EXPECT_EQ(corpus.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(corpus.status().message()),
              HasSubstr("syntax_error/kb/kb.textproto:2:36: String literals cannot cross line"));
}

TEST(CorpusTest, MissingDirectoriesAreProblems) {
  auto corpus = Corpus::Read(kCorpora + "no_such_corpus");
  ASSERT_FALSE(corpus.ok());
  EXPECT_THAT(std::string(corpus.status().message()), HasSubstr("no_such_corpus/articles"));
  EXPECT_THAT(std::string(corpus.status().message()), HasSubstr("no_such_corpus/kb"));
}

}  // namespace
}  // namespace parley
