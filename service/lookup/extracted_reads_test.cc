// Reads of extracted facts through the request API: every read shows
// exactly the facts its confidence floor lets through (the default floor
// or one the request gives), and they agree with one another.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/lookup/lookup.h"

namespace parley {
namespace {

void ExpectError(const absl::Status& status, absl::StatusCode code, absl::string_view says) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr(std::string(says)));
}

// The seeds with articles no curated fact cites, so that the index holds
// extracted facts. Which facts the extractor finds, and their confidences,
// are its business: the tests read them from the index and check that every
// read shows exactly those the filter lets through.
class ExtractedReadsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/parley-extracted-XXXXXX";
    if (mkdtemp(tmpl.data()) == nullptr) {
      problem_ = new std::string("mkdtemp failed for " + tmpl);
      return;
    }
    dir_ = new std::string(tmpl);
    std::filesystem::copy(PARLEY_SOURCE_DIR "/data", *dir_,
                          std::filesystem::copy_options::recursive);
    Write("wire-2026-11-19.txt",
          "---\ntitle: India, US hold homeland security talks\npublished: 2026-11-19\n---\n"
          "New Delhi: Indian Home Secretary Govind Mohan and US Deputy Secretary of Homeland "
          "Security Troy Edgar held talks on cyber security on Wednesday. Mohan said the two "
          "sides would meet again next year.\n");
    Write("wire-2025-01-20.txt",
          "---\ntitle: India, US sign pact on cybercrime\npublished: 2025-01-20\n---\n"
          "WASHINGTON, Jan 20 - India's Ambassador to the US Vinay Kwatra and Acting US Deputy "
          "Secretary of Homeland Security Kristie Canegallo signed a memorandum of "
          "understanding on cybercrime investigations on Friday. Deputy Assistant Secretary "
          "Liesyl Franz was also present.\n");
    Write("wire-2026-10-05.txt",
          "---\ntitle: Cyber officials meet in Delhi\npublished: 2026-10-05\n---\n"
          "New Delhi: Joint Secretary Arun Kumar met visiting Deputy Assistant Secretary "
          "Liesyl Franz on Monday to discuss cyber norms. Director Meera Rao accompanied "
          "Kumar.\n");
    auto index = Index::Load(*dir_);
    if (!index.ok()) {
      problem_ = new std::string(index.status().ToString());
      return;
    }
    lookup_ = new Lookup(std::shared_ptr<const Index>(std::move(*index)));
  }
  // A corpus that does not load fails every test (an assertion in
  // SetUpTestSuite would only skip them).
  void SetUp() override { ASSERT_NE(lookup_, nullptr) << (problem_ ? *problem_ : ""); }
  static void TearDownTestSuite() {
    delete lookup_;
    lookup_ = nullptr;
    if (dir_ != nullptr) std::filesystem::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
    delete problem_;
    problem_ = nullptr;
  }
  static void Write(const std::string& name, const std::string& text) {
    std::ofstream(*dir_ + "/articles/" + name) << text;
  }

  static const Index& index() { return lookup_->index(); }

  static v1::ExtractedFactsFilter Floor(double min_confidence) {
    v1::ExtractedFactsFilter filter;
    filter.set_min_confidence(min_confidence);
    return filter;
  }

  // Every page of a paged read (bounded).
  template <typename Item, typename Request, typename Response>
  static std::vector<Item> AllPages(
      Request request, absl::Status (Lookup::*read)(const Request&, Response*) const,
      const google::protobuf::RepeatedPtrField<Item>& (Response::*items)() const) {
    std::vector<Item> all;
    for (int pages = 0; pages < 1000; ++pages) {
      Response response;
      absl::Status status = (lookup_->*read)(request, &response);
      EXPECT_TRUE(status.ok()) << status;
      if (!status.ok()) break;
      all.insert(all.end(), (response.*items)().begin(), (response.*items)().end());
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return all;
  }

  static std::vector<v1::Event> ListAllEvents(const v1::ExtractedFactsFilter& extracted,
                                              const v1::EventFilter& filter = {}) {
    v1::ListEventsRequest request;
    *request.mutable_filter() = filter;
    *request.mutable_extracted() = extracted;
    request.set_page_size(200);
    return AllPages(request, &Lookup::ListEvents, &v1::ListEventsResponse::events);
  }

  static std::vector<v1::Participation> ListAllRows(const v1::ExtractedFactsFilter& extracted) {
    v1::ListParticipationsRequest request;
    *request.mutable_extracted() = extracted;
    request.set_page_size(500);
    return AllPages(request, &Lookup::ListParticipations,
                    &v1::ListParticipationsResponse::participations);
  }

  // The extracted events of the index (origin EXTRACTED), and the extracted
  // participants of its curated events.
  static std::vector<const v1::Event*> ExtractedEvents() {
    std::vector<const v1::Event*> out;
    for (const v1::Event& e : EventMessages()) {
      if (e.origin() == v1::ORIGIN_EXTRACTED) out.push_back(&e);
    }
    return out;
  }

  // The index's events as messages (without their quotes), made once.
  static const std::vector<v1::Event>& EventMessages() {
    static const std::vector<v1::Event>* const events = [] {
      auto* out = new std::vector<v1::Event>();
      for (const EventView e : index().events()) out->push_back(e.ToProto());
      return out;
    }();
    return *events;
  }

  static std::string* dir_;
  static std::string* problem_;
  static const Lookup* lookup_;
};
std::string* ExtractedReadsTest::dir_ = nullptr;
std::string* ExtractedReadsTest::problem_ = nullptr;
const Lookup* ExtractedReadsTest::lookup_ = nullptr;

// Whether a fact's own origin and confidence meet the default floor (the
// comparison itself is extracted_filter_test's).
template <typename Fact>
bool ShownByDefault(const Fact& fact) {
  static const ExtractedFilter* const kDefault =
      new ExtractedFilter(*ExtractedFilter::Make(v1::ExtractedFactsFilter(), nullptr));
  return kDefault->Shows(fact.origin(), fact.confidence());
}

TEST_F(ExtractedReadsTest, TheArticlesGiveExtractedFacts) {
  // Not an assertion on the extractor's confidences: a record of what the
  // tests below had to work with (extracted_filter_test has facts on both
  // sides of the floor whatever the extractor does).
  int below = 0, at_or_above = 0;
  for (const v1::Event* e : ExtractedEvents()) (ShownByDefault(*e) ? at_or_above : below) += 1;
  for (const EntityView e : index().entities()) {
    if (e.origin() == v1::ORIGIN_EXTRACTED) (ShownByDefault(e) ? at_or_above : below) += 1;
  }
  for (int32_t r = 0; r < index().participation_count(); ++r) {
    const ParticipationView row = index().participation(r);
    if (row.origin() == v1::ORIGIN_EXTRACTED) (ShownByDefault(row) ? at_or_above : below) += 1;
  }
  RecordProperty("extracted_below_default", below);
  RecordProperty("extracted_at_or_above_default", at_or_above);
  ASSERT_FALSE(ExtractedEvents().empty())
      << "the test articles gave no extracted event: give them one the extractor reads";
}

TEST_F(ExtractedReadsTest, ListEventsShowsExtractedEventsFromTheDefaultFloorUnlessAskedOtherwise) {
  std::set<std::string> curated, by_default, every;
  for (const v1::Event& e : EventMessages()) {
    every.insert(e.id());
    if (e.origin() != v1::ORIGIN_EXTRACTED) curated.insert(e.id());
    if (ShownByDefault(e)) by_default.insert(e.id());
  }
  auto ids = [](const std::vector<v1::Event>& events) {
    std::set<std::string> out;
    for (const v1::Event& e : events) out.insert(e.id());
    return out;
  };
  const std::vector<v1::Event> unset = ListAllEvents(v1::ExtractedFactsFilter());
  EXPECT_EQ(ids(unset), by_default);
  EXPECT_EQ(ids(ListAllEvents(Floor(kDefaultMinExtractedConfidence))), by_default);
  const std::vector<v1::Event> zero = ListAllEvents(Floor(0));
  EXPECT_EQ(ids(zero), every);
  v1::ExtractedFactsFilter exclude;
  exclude.set_exclude(true);
  EXPECT_EQ(ids(ListAllEvents(exclude)), curated);
  // Participants and evidence answer to the same floor.
  for (const v1::Event& e : unset) {
    for (const v1::Participant& p : e.participants()) {
      EXPECT_TRUE(ShownByDefault(p)) << e.id() << " " << p.entity().id();
      const std::optional<EntityView> person = index().FindEntity(p.entity().id());
      ASSERT_TRUE(person);
      EXPECT_TRUE(ShownByDefault(*person)) << e.id() << " " << p.entity().id();
    }
    for (const v1::Evidence& q : e.evidence()) EXPECT_TRUE(ShownByDefault(q)) << e.id();
  }
  for (const v1::Event& e : zero) {
    EXPECT_EQ(e.participants_size(), index().FindEvent(e.id())->participant_count()) << e.id();
    EXPECT_EQ(e.evidence_size(), index().FindEvent(e.id())->ToProto().evidence_size()) << e.id();
  }
}

TEST_F(ExtractedReadsTest, GetEventAgreesWithListEvents) {
  std::map<std::string, v1::Event> listed;
  for (v1::Event& e : ListAllEvents(v1::ExtractedFactsFilter())) listed[e.id()] = std::move(e);
  for (const v1::Event& e : EventMessages()) {
    v1::GetEventRequest request;
    request.set_id(e.id());
    v1::Event got;
    const absl::Status status = lookup_->GetEvent(request, &got);
    if (ShownByDefault(e)) {
      ASSERT_TRUE(status.ok()) << e.id() << ": " << status;
      EXPECT_EQ(got.SerializeAsString(), listed[e.id()].SerializeAsString()) << e.id();
    } else {
      ExpectError(status, absl::StatusCode::kNotFound, "min_confidence 0 shows every extracted");
    }
    *request.mutable_extracted() = Floor(0);
    ASSERT_TRUE(lookup_->GetEvent(request, &got).ok()) << e.id();
    v1::Event whole;  // the index's event with its quotes
    index().CopyEvent(*index().FindEvent(e.id()), &whole);
    EXPECT_EQ(got.SerializeAsString(), whole.SerializeAsString()) << e.id();
  }
}

TEST_F(ExtractedReadsTest, AnExplicitFloorJustAboveAnExtractedEventsConfidenceHidesIt) {
  ASSERT_FALSE(ExtractedEvents().empty());
  const v1::Event& e = *ExtractedEvents().front();
  v1::GetEventRequest request;
  request.set_id(e.id());
  *request.mutable_extracted() = Floor(e.confidence());
  v1::Event got;
  EXPECT_TRUE(lookup_->GetEvent(request, &got).ok());
  if (e.confidence() + 0.01 <= 1) {
    *request.mutable_extracted() = Floor(e.confidence() + 0.01);
    EXPECT_EQ(lookup_->GetEvent(request, &got).code(), absl::StatusCode::kNotFound);
    for (const v1::Event& listed : ListAllEvents(Floor(e.confidence() + 0.01))) {
      EXPECT_NE(listed.id(), e.id());
    }
  }
}

TEST_F(ExtractedReadsTest, EventsDoNotMatchAPersonThroughAParticipationThatIsLeftOut) {
  for (const v1::Event& e : EventMessages()) {
    for (const v1::Participant& p : e.participants()) {
      if (p.origin() != v1::ORIGIN_EXTRACTED) continue;
      v1::EventFilter filter;
      filter.add_participant_ids(p.entity().id());
      v1::ExtractedFactsFilter exclude;
      exclude.set_exclude(true);
      for (const v1::Event& listed : ListAllEvents(exclude, filter)) {
        EXPECT_NE(listed.id(), e.id()) << p.entity().id();
      }
      bool found = false;
      for (const v1::Event& listed : ListAllEvents(Floor(0), filter))
        found |= listed.id() == e.id();
      EXPECT_TRUE(found) << p.entity().id() << " at " << e.id();
    }
  }
}

TEST_F(ExtractedReadsTest, ParticipationsAndEntitiesAnswerToTheSameFloor) {
  const std::vector<v1::Participation> every = ListAllRows(Floor(0));
  EXPECT_EQ(every.size(), static_cast<size_t>(index().participation_count()));
  std::set<std::pair<std::string, std::string>> by_default;
  for (const v1::Participation& row : ListAllRows(v1::ExtractedFactsFilter())) {
    by_default.emplace(row.event_id(), row.person().id());
    EXPECT_TRUE(ShownByDefault(row)) << row.event_id();
  }
  for (const v1::Participation& row : every) {
    const std::optional<EntityView> person = index().FindEntity(row.person().id());
    ASSERT_TRUE(person);
    const bool shown = ShownByDefault(*index().FindEvent(row.event_id())) && ShownByDefault(row) &&
                       ShownByDefault(*person);
    EXPECT_EQ(by_default.count({row.event_id(), row.person().id()}), shown ? 1u : 0u)
        << row.person().id() << " at " << row.event_id();
  }
  // An extracted entity is found, by id and by name, from the floor up.
  for (const EntityView entity : index().entities()) {
    if (entity.origin() != v1::ORIGIN_EXTRACTED) continue;
    const bool shown = ShownByDefault(entity);
    v1::GetEntityRequest get;
    get.set_id(std::string(entity.id()));
    v1::Entity got;
    EXPECT_EQ(lookup_->GetEntity(get, &got).ok(), shown) << entity.id();
    *get.mutable_extracted() = Floor(0);
    EXPECT_TRUE(lookup_->GetEntity(get, &got).ok()) << entity.id();
    v1::SearchEntitiesRequest search;
    search.set_query(std::string(entity.name()));
    search.set_page_size(100);
    v1::SearchEntitiesResponse found;
    ASSERT_TRUE(lookup_->SearchEntities(search, &found).ok()) << entity.name();
    bool listed = false;
    for (const v1::EntityMatch& m : found.matches()) listed |= m.entity().id() == entity.id();
    EXPECT_EQ(listed, shown) << entity.id();
  }
}

}  // namespace
}  // namespace parley
