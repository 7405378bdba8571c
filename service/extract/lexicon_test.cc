// The word sets of data/lexicons (word_sets.h): the copy compiled in for
// FromLists is the files', and Load reports malformed word-set files.
#include "service/extract/lexicon.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/status/status.h"
#include "service/extract/known_facts.h"
#include "service/extract/word_sets.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

const std::string kLexicons = PARLEY_SOURCE_DIR "/data/lexicons";

TEST(WordSetsTest, TheBuiltInCopyIsDataLexicons) {
  absl::StatusOr<WordSets> read = ReadWordSets(kLexicons);
  ASSERT_TRUE(read.ok()) << read.status();
  // A difference means the build is older than data/lexicons: re-run cmake.
  EXPECT_TRUE(*read == BuiltInWordSets());
}

TEST(WordSetsTest, ListedLexiconsAskTheWordSets) {
  const ExtractionLexicon lexicon = ExtractionLexicon::FromLists({}, {}, {}, {});
  EXPECT_TRUE(lexicon.IsConnector("of"));
  EXPECT_FALSE(lexicon.IsConnector("with"));
  EXPECT_TRUE(lexicon.IsFunctionWord("according"));
  EXPECT_TRUE(lexicon.IsDialogueRoundWord("inaugural"));
  EXPECT_FALSE(lexicon.IsLedVerb("represented"));
  // As written: punctuation counts.
  EXPECT_TRUE(lexicon.LinksNameToOrganization(", of the"));
  EXPECT_FALSE(lexicon.LinksNameToOrganization("of, the"));
}

TEST(TitleCountriesTest, TheLongestPhraseATitleHoldsDecides) {
  absl::StatusOr<ExtractionLexicon> lexicon = ExtractionLexicon::Load(kLexicons, KnownFacts());
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_EQ(lexicon->CountryOfTitle("union home secretary"), "india");
  // India's and the United Kingdom's both: no country from the title alone.
  EXPECT_EQ(lexicon->CountryOfTitle("home secretary"), "");
  EXPECT_EQ(lexicon->CountryOfTitle("british home secretary"), "united-kingdom");
  EXPECT_EQ(lexicon->CountryOfTitle("foreign secretary of the united kingdom"), "united-kingdom");
  EXPECT_EQ(lexicon->CountryOfTitle("joint secretary for counter terrorism"), "india");
  EXPECT_EQ(lexicon->CountryOfTitle("coordinator for counterterrorism"), "united-states");
  EXPECT_EQ(lexicon->CountryOfTitle("director general"), "");
}

// A copy of data/lexicons with one file replaced.
class MalformedLexiconTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One directory per test: ctest runs them in parallel.
    dir_ = fs::path(::testing::TempDir()) /
           (std::string("lexicons_") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::copy(kLexicons, dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  absl::Status LoadWith(const std::string& file, const std::string& contents) {
    std::ofstream(dir_ / file) << contents;
    return ExtractionLexicon::Load(dir_.string(), KnownFacts()).status();
  }

  fs::path dir_;
};

TEST_F(MalformedLexiconTest, AnUnknownKindNamesTheFileAndLine) {
  const absl::Status status =
      LoadWith("connectors.txt",
               "# comment\nname: of\ntitle_complement: of\norganization: of\nnames: and\n");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), ::testing::HasSubstr("connectors.txt:5: unknown kind \"names\""));
}

TEST_F(MalformedLexiconTest, AMissingKindIsAnError) {
  const absl::Status status = LoadWith("event_cues.txt", "source: according\n");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), ::testing::HasSubstr("no line for \"reported\""));
}

TEST_F(MalformedLexiconTest, ALineWithoutAKindIsAnError) {
  const absl::Status status = LoadWith("participant_cues.txt", "led, headed\n");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), ::testing::HasSubstr("participant_cues.txt:1: \"led, headed\""));
}

TEST_F(MalformedLexiconTest, AMissingFileIsAnError) {
  fs::remove(dir_ / "function_words.txt");
  const absl::Status status = ExtractionLexicon::Load(dir_.string(), KnownFacts()).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), ::testing::HasSubstr("function_words.txt: cannot read"));
}

}  // namespace
}  // namespace parley
