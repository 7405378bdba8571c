// MergeExtractedFacts's guards, on a corpus made for the test (the minimal
// one and one unannotated article) and an extraction written by hand, so
// that the index's rules are tested apart from the extractor's: a
// participation whose quote does not support it is dropped and counted,
// and a curated event takes only sure participants.
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/extract/date_phrases.h"
#include "service/index/index.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

// The minimal corpus and one more article, in a fresh directory.
class RetoldCorpus {
 public:
  explicit RetoldCorpus(const std::string& text) {
    dir_ = fs::temp_directory_path() /
           ("parley-extracted-facts-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::copy(PARLEY_SOURCE_DIR "/tests/corpora/minimal", dir_, fs::copy_options::recursive);
    std::ofstream(dir_ / "articles" / "retold.txt") << text;
  }
  ~RetoldCorpus() { fs::remove_all(dir_); }
  std::string dir() const { return dir_.string(); }

 private:
  fs::path dir_;
};

ExtractedOfficial Official(const std::string& text, const std::string& name) {
  ExtractedOfficial o;
  o.name = name;
  o.title = "Minister";
  o.name_start = static_cast<int64_t>(text.find(name));
  o.name_end = o.name_start + static_cast<int64_t>(name.size());
  o.quote_start = o.name_start;
  o.quote_end = o.name_end;
  o.rule = "title before name";
  o.confidence = 0.9;
  return o;
}

// official (index) took part, quoted by the sentence that starts with
// `sentence` and names them at `mention`.
ExtractedParticipant Participant(const std::string& text, size_t official,
                                 const std::string& sentence, const std::string& mention,
                                 const std::string& cue, bool in_trigger_clause,
                                 double confidence) {
  ExtractedParticipant p;
  p.official = official;
  p.quote_start = static_cast<int64_t>(text.find(sentence));
  p.quote_end = static_cast<int64_t>(text.find('.', p.quote_start));
  p.mention_start = static_cast<int64_t>(text.find(mention, p.quote_start));
  p.mention_end = p.mention_start + static_cast<int64_t>(mention.size());
  p.cue = cue;
  p.in_trigger_clause = in_trigger_clause;
  p.rule = "test";
  p.confidence = confidence;
  return p;
}

TEST(ExtractedFactsTest, UnsupportedQuotesAreDroppedAndCuratedEventsTakeOnlySureParticipants) {
  const std::string text =
      "Asha Rao met Ben Cole on Monday. Carl Diaz joined the talks. Dev Nair was in town in the "
      "week Rao met Cole. Eva Roy attended.";
  RetoldCorpus corpus_dir(text);
  absl::StatusOr<Corpus> corpus = Corpus::Read(corpus_dir.dir());
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  corpus->AssembleDocuments();

  Extraction x;
  for (const char* name : {"Carl Diaz", "Dev Nair", "Eva Roy", "Asha Rao"}) {
    x.officials.push_back(Official(text, name));
  }
  ExtractedEvent e;
  e.kind = v1::EVENT_KIND_MEETING;
  e.trigger = "met";
  e.sentence_start = 0;
  e.sentence_end = static_cast<int64_t>(text.find('.'));
  e.date = MakeDate(2020, 3, 2, v1::DATE_BASIS_RESOLVED, "'on Monday'");
  e.confidence = 0.9;
  // Asha Rao, already there; Carl Diaz, named with a reference to the
  // talks in the trigger's clause: sure; Dev Nair, in a clause that only
  // dates the act: kept out of the curated event; Eva Roy, quoted with a
  // sentence that does not tell of the event: dropped.
  e.participants = {
      Participant(text, 3, "Asha Rao met", "Asha Rao", "met", true, 0.9),
      Participant(text, 0, "Carl Diaz joined", "Carl Diaz", "talks", true, 0.85),
      Participant(text, 1, "Dev Nair was", "Dev Nair", "met", false, 0.9),
      Participant(text, 2, "Eva Roy attended", "Eva Roy", "met", true, 0.9),
  };
  x.events.push_back(e);

  absl::StatusOr<std::unique_ptr<const Index>> index =
      Index::Build(std::move(*corpus), {ArticleExtraction{"retold", std::move(x)}});
  ASSERT_TRUE(index.ok()) << index.status();
  const v1::IndexInfo& info = (*index)->info();
  EXPECT_EQ(info.unsupported_extracted_quote_count(), 1);
  EXPECT_EQ(info.extracted_participants_kept_out_of_curated_events(), 1);

  // The article retells the curated meeting: no new event, and only Carl
  // Diaz joins it, marked extracted, with his own sentence as the quote.
  const std::optional<EventView> kept = (*index)->FindEvent("2020-03-02-talks");
  ASSERT_TRUE(kept);
  v1::Event talks;
  (*index)->CopyEvent(*kept, &talks);
  EXPECT_EQ(talks.origin(), v1::ORIGIN_CURATED);
  std::vector<std::string> extracted;
  for (const v1::Participant& p : talks.participants()) {
    if (p.origin() != v1::ORIGIN_EXTRACTED) continue;
    extracted.push_back(p.entity().name());
    ASSERT_EQ(p.evidence_size(), 1);
    EXPECT_EQ(p.evidence(0).quote(), "Carl Diaz joined the talks");
    EXPECT_EQ(p.evidence(0).document_id(), "retold");
  }
  EXPECT_THAT(extracted, ::testing::ElementsAre("Carl Diaz"));
  for (const EventView event : (*index)->events()) {
    EXPECT_EQ(event.id().rfind("x-retold", 0), absl::string_view::npos) << event.id();
  }
}

// Extracted entities and positions refer to curated and extracted
// entities while the index is built as positions in its entity list
// (EntityStore::Links); what is served carries the whole references, and a
// curated person's extracted position says where the text disagrees with
// the curated country.
TEST(ExtractedFactsTest, ExtractedReferencesAreServedWhole) {
  const std::string text =
      "The Cyber Agency (CAI) hosted Minister Carl Diaz and Minister Dev Nair of the Data Office. "
      "Minister Asha Rao spoke for the US.";
  RetoldCorpus corpus_dir(text);
  auto build = [&]() -> absl::StatusOr<std::unique_ptr<const Index>> {
    absl::StatusOr<Corpus> corpus = Corpus::Read(corpus_dir.dir());
    if (!corpus.ok()) return corpus.status();
    corpus->AssembleDocuments();
    Extraction x;
    ExtractedOrganization agency;
    agency.name = "Cyber Agency";
    agency.acronym = "CAI";
    agency.country_id = "india";
    agency.start = static_cast<int64_t>(text.find("Cyber Agency"));
    agency.end = static_cast<int64_t>(text.find(" hosted"));
    agency.rule = "name with acronym";
    agency.confidence = 0.9;
    x.organizations.push_back(agency);
    ExtractedOrganization office = agency;
    office.name = "Data Office";
    office.acronym = "";
    office.country_id = "united-states";
    office.start = static_cast<int64_t>(text.find("Data Office"));
    office.end = office.start + 11;
    x.organizations.push_back(office);
    for (const char* name : {"Carl Diaz", "Dev Nair"}) {
      ExtractedOfficial official = Official(text, name);
      const bool carl = name[0] == 'C';
      official.country_id = carl ? "india" : "united-states";
      official.organization_id = carl ? "x-org-cyber-agency" : "x-org-data-office";
      x.officials.push_back(official);
    }
    ExtractedOfficial rao = Official(text, "Asha Rao");  // curated, in india
    rao.country_id = "united-states";
    x.officials.push_back(rao);
    rao.title = "Envoy";
    rao.country_id = "india";
    rao.organization_id = "x-org-data-office";
    x.officials.push_back(rao);
    return Index::Build(std::move(*corpus), {ArticleExtraction{"retold", std::move(x)}});
  };

  absl::StatusOr<std::unique_ptr<const Index>> index = build();
  ASSERT_TRUE(index.ok()) << index.status();
  const std::optional<EntityView> cai = (*index)->FindEntity("x-org-cyber-agency");
  ASSERT_TRUE(cai.has_value());
  EXPECT_EQ(cai->ToProto().country().name(), "India");
  const v1::Entity carl = (*index)->FindEntity("x-carl-diaz")->ToProto();
  EXPECT_EQ(carl.country().id(), "india");
  EXPECT_EQ(carl.country().name(), "India");
  ASSERT_EQ(carl.positions_size(), 1);
  EXPECT_EQ(carl.positions(0).country().name(), "India");
  EXPECT_EQ(carl.positions(0).organization().id(), "x-org-cyber-agency");
  EXPECT_EQ(carl.positions(0).organization().name(), "Cyber Agency");
  EXPECT_EQ(carl.positions(0).organization().kind(), v1::ENTITY_KIND_ORGANIZATION);
  EXPECT_EQ((*index)->FindEntity("x-dev-nair")->ToProto().country().name(), "United States");
  const v1::Entity asha = (*index)->FindEntity("asha-rao")->ToProto();
  EXPECT_EQ(asha.country().name(), "India");
  const int curated_positions = asha.positions_size() - 2;
  const v1::Position& extracted = asha.positions(curated_positions);
  EXPECT_EQ(extracted.origin(), v1::ORIGIN_EXTRACTED);
  EXPECT_EQ(extracted.title(), "Minister");
  EXPECT_EQ(extracted.country().name(), "United States");
  EXPECT_EQ(extracted.disagreement(),
            "the text gives country \"united-states\"; the curated country is \"india\"");
  const v1::Position& envoy = asha.positions(curated_positions + 1);
  EXPECT_EQ(envoy.title(), "Envoy");
  EXPECT_EQ(envoy.country().name(), "India");
  EXPECT_EQ(envoy.organization().name(), "Data Office");
  EXPECT_EQ(envoy.disagreement(), "");

  // Rejected: the agency (the entities after it move up, and the links to
  // them follow; the positions at it lose their organization) and Asha
  // Rao's extracted position.
  std::ofstream(fs::path(corpus_dir.dir()) / "kb" / "reviews.textproto")
      << "reviews { fact: \"entity:x-org-cyber-agency\" decision: REJECT reviewer: \"asha\" "
         "document: \"retold\" }\n"
         "reviews { fact: \"position:asha-rao:Minister\" decision: REJECT reviewer: \"asha\" "
         "document: \"retold\" }\n";
  index = build();
  ASSERT_TRUE(index.ok()) << index.status();
  EXPECT_FALSE((*index)->FindEntity("x-org-cyber-agency").has_value());
  const v1::Entity carl_after = (*index)->FindEntity("x-carl-diaz")->ToProto();
  EXPECT_EQ(carl_after.country().name(), "India");
  ASSERT_EQ(carl_after.positions_size(), 1);
  EXPECT_FALSE(carl_after.positions(0).has_organization());
  EXPECT_EQ(carl_after.positions(0).country().name(), "India");
  const v1::Entity dev_after = (*index)->FindEntity("x-dev-nair")->ToProto();
  EXPECT_EQ(dev_after.country().name(), "United States");
  EXPECT_EQ(dev_after.positions(0).country().name(), "United States");
  EXPECT_EQ(dev_after.positions(0).organization().id(), "x-org-data-office");
  EXPECT_EQ(dev_after.positions(0).organization().name(), "Data Office");
  EXPECT_EQ((*index)->FindEntity("x-org-data-office")->ToProto().country().name(), "United States");
  // Her Minister position goes with its links: the Envoy's stay its own.
  const v1::Entity asha_after = (*index)->FindEntity("asha-rao")->ToProto();
  ASSERT_EQ(asha_after.positions_size(), curated_positions + 1);
  for (int k = 0; k < curated_positions; ++k) {
    EXPECT_EQ(asha_after.positions(k).SerializeAsString(), asha.positions(k).SerializeAsString());
  }
  const v1::Position& envoy_after = asha_after.positions(curated_positions);
  EXPECT_EQ(envoy_after.title(), "Envoy");
  EXPECT_EQ(envoy_after.country().name(), "India");
  EXPECT_EQ(envoy_after.organization().id(), "x-org-data-office");
  EXPECT_EQ(envoy_after.organization().name(), "Data Office");
}

TEST(ExtractedFactsTest, ANewEventsTitleNamesOnlyItsSureParticipants) {
  const std::string text = "Carl Diaz met Eva Roy on Friday.";
  RetoldCorpus corpus_dir(text);
  absl::StatusOr<Corpus> corpus = Corpus::Read(corpus_dir.dir());
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  corpus->AssembleDocuments();
  Extraction x;
  for (const char* name : {"Carl Diaz", "Eva Roy"}) x.officials.push_back(Official(text, name));
  x.officials[1].confidence = 0.6;  // a person the reads' default floor leaves out
  ExtractedEvent e;
  e.kind = v1::EVENT_KIND_MEETING;
  e.trigger = "met";
  e.sentence_end = static_cast<int64_t>(text.size()) - 1;
  e.date = MakeDate(2020, 3, 6, v1::DATE_BASIS_RESOLVED, "'on Friday'");
  e.confidence = 0.8;
  e.participants = {Participant(text, 0, "Carl Diaz", "Carl Diaz", "met", true, 0.8),
                    Participant(text, 1, "Carl Diaz", "Eva Roy", "met", true, 0.6)};
  x.events.push_back(e);
  absl::StatusOr<std::unique_ptr<const Index>> index =
      Index::Build(std::move(*corpus), {ArticleExtraction{"retold", std::move(x)}});
  ASSERT_TRUE(index.ok()) << index.status();
  const std::optional<EventView> found = (*index)->FindEvent("x-retold-1");
  ASSERT_TRUE(found);
  const v1::Event message = found->ToProto();
  const v1::Event* event = &message;
  EXPECT_EQ(event->participants_size(), 2);  // both, for a read that asks for every fact
  EXPECT_EQ(event->title(), "Meeting: Carl Diaz (extracted from retold)");
}

}  // namespace
}  // namespace parley
