#include "service/index/evidence_quotes.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

class EvidenceQuotesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    documents_.emplace_back().set_text("Ann met Bob in Delhi. They signed.");
    documents_.back().set_id("d1");
    by_id_["d1"] = 0;
  }
  // Evidence citing document "d1" at [start, end) with the given quote.
  static v1::Evidence Cited(absl::string_view document, int32_t start, int32_t end,
                            absl::string_view quote) {
    v1::Evidence e;
    e.set_document_id(std::string(document));
    e.set_start_offset(start);
    e.set_end_offset(end);
    e.set_quote(std::string(quote));
    return e;
  }
  std::vector<v1::Document> documents_;
  absl::flat_hash_map<std::string, int32_t> by_id_;
};

TEST_F(EvidenceQuotesTest, DropsOnlyQuotesItCanRestoreAndRestoresThemByteForByte) {
  v1::Event event;
  *event.add_evidence() = Cited("d1", 0, 20, "Ann met Bob in Delhi");
  v1::Participant* p = event.add_participants();
  *p->add_evidence() = Cited("d1", 22, 33, "They signed");
  *p->add_evidence() = Cited("d1", 0, 3, "Bob");        // not the bytes at its offsets
  *p->add_evidence() = Cited("d1", 30, 99, "signed.");  // offsets past the text
  *p->add_evidence() = Cited("d2", 0, 3, "Ann");        // unknown document
  v1::Evidence* outside = p->add_evidence();
  outside->set_external_source("https://example.org/statement");
  outside->set_quote("as stated");
  const v1::Event built = event;

  const EvidenceQuotes quotes(documents_, by_id_);
  EXPECT_EQ(quotes.Drop(&event), 2);
  EXPECT_EQ(event.evidence(0).quote(), "");
  EXPECT_EQ(event.participants(0).evidence(0).quote(), "");
  for (int i = 1; i < 5; ++i) {
    EXPECT_EQ(event.participants(0).evidence(i).quote(), built.participants(0).evidence(i).quote())
        << i;
  }

  quotes.Restore(&event);
  EXPECT_EQ(event.SerializeAsString(), built.SerializeAsString());
}

TEST_F(EvidenceQuotesTest, RestoreLeavesEvidenceItCannotPlace) {
  google::protobuf::RepeatedPtrField<v1::Evidence> evidence;
  *evidence.Add() = Cited("d2", 0, 3, "");   // unknown document
  *evidence.Add() = Cited("d1", 5, 5, "");   // empty span
  *evidence.Add() = Cited("d1", -1, 3, "");  // negative offset
  *evidence.Add() = Cited("d1", 4, 7, "");
  EvidenceQuotes(documents_, by_id_).Restore(&evidence);
  EXPECT_EQ(evidence[0].quote(), "");
  EXPECT_EQ(evidence[1].quote(), "");
  EXPECT_EQ(evidence[2].quote(), "");
  EXPECT_EQ(evidence[3].quote(), "met");
}

}  // namespace
}  // namespace parley
