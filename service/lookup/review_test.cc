// Review of extracted facts with a data directory: the list, and decisions
// written to kb/reviews.textproto atomically and applied at every build.
// (Through the store and the CLI: tests/store_test.cc.)
#include "service/lookup/review.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "service/base/errors.h"
#include "service/lookup/directory_source.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class ReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/parley-review-XXXXXX";
    dir_ = mkdtemp(tmpl);
    fs::copy(PARLEY_SOURCE_DIR "/data", dir_, fs::copy_options::recursive);
    std::ofstream(dir_ + "/articles/talks.txt")
        << "---\ntitle: India, US hold homeland security talks\npublished: 2026-11-19\n---\n"
           "New Delhi: Indian Home Secretary Govind Mohan and US Deputy Secretary of Homeland "
           "Security Troy Edgar held talks on cyber security on Wednesday. Mohan said the two "
           "sides would meet again next year.\n";
    source_ = std::make_unique<DirectorySource>(dir_, &holder_);
    ASSERT_TRUE(source_->Reload().ok());
  }
  void TearDown() override { fs::remove_all(dir_); }

  absl::StatusOr<int64_t> Decide(const std::string& fact, v1::ReviewRecord::Decision decision,
                                 v1::ReviewFactRequest request = {}) {
    request.set_fact(fact);
    request.set_decision(decision);
    if (request.reviewer().empty()) request.set_reviewer("asha");
    return source_->ChangeFiles("the review", [&](const Lookup& current, FileReader read) {
      v1::ReviewRecord written;
      return PlanReview(current, read, request, absl::FromUnixSeconds(1796083200), &written);
    });
  }
  // The event as a message (without quotes); nullopt when it is gone.
  std::optional<v1::Event> Talks() const {
    const std::optional<EventView> talks = holder_.Current()->index().FindEvent("x-talks-1");
    if (!talks) return std::nullopt;
    return talks->ToProto();
  }
  const v1::Participant* In(const v1::Event& event, const std::string& person) const {
    for (const v1::Participant& p : event.participants()) {
      if (p.entity().id() == person) return &p;
    }
    return nullptr;
  }

  std::string dir_;
  IndexHolder holder_;
  std::unique_ptr<DirectorySource> source_;
};

TEST_F(ReviewTest, TheListHasEveryExtractedFactMostConfidentFirstWithItsQuotes) {
  v1::ListExtractedFactsResponse all;
  ASSERT_TRUE(ListExtractedFacts(*holder_.Current(), {}, &all).ok());
  ASSERT_GT(all.facts_size(), 3);
  for (int i = 1; i < all.facts_size(); ++i) {
    EXPECT_GE(all.facts(i - 1).confidence(), all.facts(i).confidence());
  }
  v1::ListExtractedFactsRequest participants;
  participants.set_kind(v1::FACT_KIND_PARTICIPANT);
  v1::ListExtractedFactsResponse some;
  ASSERT_TRUE(ListExtractedFacts(*holder_.Current(), participants, &some).ok());
  ASSERT_EQ(some.facts_size(), 2);
  EXPECT_EQ(some.facts(0).kind(), v1::FACT_KIND_PARTICIPANT);
  EXPECT_EQ(some.facts(0).document_id(), "talks");
  EXPECT_THAT(some.facts(0).evidence(0).quote(), HasSubstr("held talks"));
  v1::ListExtractedFactsRequest bad;
  bad.set_min_confidence(2);
  EXPECT_EQ(ListExtractedFacts(*holder_.Current(), bad, &some).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ReviewTest, DecisionsAreWrittenAppliedAtEveryBuildAndMadeOnce) {
  // A corrected date moves the event.
  v1::ReviewFactRequest with_date;
  with_date.set_date("2026-11-18");
  EXPECT_EQ(Decide("event:x-talks-1", v1::ReviewRecord::ACCEPT, with_date).status().code(),
            absl::StatusCode::kInvalidArgument);  // a correction needs CORRECT
  ASSERT_TRUE(Decide("event:x-talks-1", v1::ReviewRecord::CORRECT, with_date).ok());
  EXPECT_EQ(Talks()->date().display(), "2026-11-18");
  EXPECT_EQ(Talks()->origin(), v1::ORIGIN_CURATED);
  EXPECT_TRUE(Talks()->review().corrected());

  const std::string mohan = "participant:x-talks-1:x-govind-mohan";
  ASSERT_TRUE(Decide(mohan, v1::ReviewRecord::ACCEPT).ok());
  const v1::Event talks = *Talks();
  const v1::Participant* accepted = In(talks, "x-govind-mohan");
  ASSERT_NE(accepted, nullptr);
  EXPECT_EQ(accepted->origin(), v1::ORIGIN_CURATED);
  EXPECT_EQ(accepted->review().reviewer(), "asha");
  EXPECT_EQ(accepted->review().time().seconds(), 1796083200);
  // Its quote supports a curated fact now: shown whatever the reads' floor.
  ASSERT_GT(accepted->evidence_size(), 0);
  EXPECT_EQ(accepted->evidence(0).origin(), v1::ORIGIN_CURATED);
  EXPECT_THAT(accepted->evidence(0).note(), HasSubstr("accepted by asha"));
  std::stringstream file;
  file << std::ifstream(dir_ + "/" + kReviewsFile).rdbuf();
  EXPECT_THAT(file.str(), HasSubstr("fact: \"" + mohan + "\""));
  EXPECT_THAT(file.str(), HasSubstr("time: \"2026-12-01T00:00:00Z\""));
  EXPECT_THAT(file.str(), HasSubstr("document: \"talks\""));

  absl::StatusOr<int64_t> twice = Decide(mohan, v1::ReviewRecord::REJECT);
  EXPECT_EQ(twice.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(twice.status()), "FACT_ALREADY_REVIEWED");
  absl::StatusOr<int64_t> unknown = Decide("event:x-nothing-1", v1::ReviewRecord::ACCEPT);
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReasonOf(unknown.status()), "FACT_NOT_FOUND");
  EXPECT_EQ(Decide(mohan, v1::ReviewRecord::DECISION_UNSPECIFIED).status().code(),
            absl::StatusCode::kInvalidArgument);

  // A rejected person is gone everywhere.
  ASSERT_TRUE(Decide("entity:x-troy-edgar", v1::ReviewRecord::REJECT).ok());
  EXPECT_FALSE(holder_.Current()->index().FindEntity("x-troy-edgar"));
  EXPECT_EQ(In(*Talks(), "x-troy-edgar"), nullptr);

  // A restart reads the same decisions; one whose fact is gone is counted.
  std::ofstream(dir_ + "/" + kReviewsFile, std::ios::app)
      << "reviews { fact: \"event:x-nothing-1\" decision: ACCEPT reviewer: \"asha\" }\n";
  IndexHolder restarted;
  DirectorySource again(dir_, &restarted);
  ASSERT_TRUE(again.Reload().ok());
  EXPECT_EQ(restarted.Current()->index().info().orphan_review_count(), 1);
  ASSERT_TRUE(restarted.Current()->index().FindEvent("x-talks-1"));
  EXPECT_EQ(restarted.Current()->index().FindEvent("x-talks-1")->date().display(), "2026-11-18");
  EXPECT_FALSE(restarted.Current()->index().FindEntity("x-troy-edgar"));
}

}  // namespace
}  // namespace parley
