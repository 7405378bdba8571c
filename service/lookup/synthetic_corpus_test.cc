// The synthetic corpus generator: deterministic, valid, and a corpus whose
// answers can be checked (the generator is what the benchmarks measure).
#include "service/corpus/synthetic_corpus.h"

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "service/lookup/lookup.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

std::string TempDir() {
  char tmpl[] = "/tmp/parley-synthetic-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  fs::remove(dir);  // the generator creates it
  return dir;
}

TEST(SyntheticCorpusTest, IsDeterministicValidAndSearchable) {
  const std::string a = TempDir(), b = TempDir();
  absl::StatusOr<SyntheticCorpusInfo> info = WriteSyntheticCorpus(a, 2000, 7);
  ASSERT_TRUE(info.ok()) << info.status();
  ASSERT_TRUE(WriteSyntheticCorpus(b, 2000, 7).ok());
  EXPECT_EQ(info->organizations, 200u);
  EXPECT_EQ(info->documents, 200u);
  EXPECT_EQ(info->events, 100u);

  auto index_a = Index::Load(a);
  ASSERT_TRUE(index_a.ok()) << index_a.status();
  auto index_b = Index::Load(b);
  ASSERT_TRUE(index_b.ok());
  EXPECT_EQ((*index_a)->info().content_sha256(), (*index_b)->info().content_sha256());
  EXPECT_EQ((*index_a)->info().person_count(), static_cast<int>(info->people));
  EXPECT_EQ((*index_a)->info().event_count(), 100);

  Lookup lookup(std::shared_ptr<const Index>(std::move(*index_a)));
  // A sample person is found by exact name, and its events' evidence quotes
  // sit at their offsets in the documents.
  v1::SearchEntitiesRequest search;
  search.set_query(info->sample_names[0]);
  v1::SearchEntitiesResponse found;
  ASSERT_TRUE(lookup.SearchEntities(search, &found).ok());
  ASSERT_GT(found.matches_size(), 0);
  EXPECT_EQ(found.matches(0).match_kind(), v1::MATCH_KIND_EXACT_NAME);
  EXPECT_EQ(found.matches(0).entity().name(), info->sample_names[0]);
  v1::ListEventsRequest events;
  events.set_page_size(200);
  v1::ListEventsResponse listed;
  ASSERT_TRUE(lookup.ListEvents(events, &listed).ok());
  ASSERT_EQ(listed.events_size(), 100);
  for (const v1::Event& event : listed.events()) {
    for (const v1::Evidence& e : event.evidence()) {
      v1::GetDocumentRequest get;
      get.set_id(e.document_id());
      v1::Document doc;
      ASSERT_TRUE(lookup.GetDocument(get, &doc).ok());
      EXPECT_EQ(doc.text().substr(e.start_offset(), e.end_offset() - e.start_offset()), e.quote());
    }
  }
  // A different seed gives a different corpus.
  const std::string c = TempDir();
  ASSERT_TRUE(WriteSyntheticCorpus(c, 2000, 8).ok());
  auto index_c = Index::Load(c);
  ASSERT_TRUE(index_c.ok());
  EXPECT_NE((*index_c)->info().content_sha256(), lookup.index().info().content_sha256());
  for (const std::string& dir : {a, b, c}) fs::remove_all(dir);
}

// A query with a title ("Minister Reddy") is searched with and without it
// and the two merged: pages of three, read one after the other, are the
// first thirty of one page of thirty — no entity twice, none skipped —
// although each page's searches stop at a different limit and dozens of
// namesakes tie.
TEST(SyntheticCorpusTest, PagesOfATitledQueryAreOnePageCut) {
  const std::string dir = TempDir();
  absl::StatusOr<SyntheticCorpusInfo> info = WriteSyntheticCorpus(dir, 3000, 11);
  ASSERT_TRUE(info.ok()) << info.status();
  auto index = Index::Load(dir);
  ASSERT_TRUE(index.ok()) << index.status();
  const Lookup lookup(std::shared_ptr<const Index>(std::move(*index)));
  int compared = 0;
  for (size_t s = 0; s < info->sample_names.size() && s < 8; ++s) {
    const std::string& name = info->sample_names[s];
    const std::string surname = name.substr(name.rfind(' ') + 1);
    const std::string first = name.substr(0, name.find(' '));
    for (const std::string& query : {"Minister " + surname, "PM " + first, "Dr " + first}) {
      v1::SearchEntitiesRequest whole;
      whole.set_query(query);
      whole.set_page_size(30);
      v1::SearchEntitiesResponse all;
      ASSERT_TRUE(lookup.SearchEntities(whole, &all).ok()) << query;
      std::vector<std::string> paged;
      v1::SearchEntitiesRequest request = whole;
      request.set_page_size(3);
      while (paged.size() < static_cast<size_t>(all.matches_size())) {
        v1::SearchEntitiesResponse page;
        ASSERT_TRUE(lookup.SearchEntities(request, &page).ok()) << query;
        ASSERT_GT(page.matches_size(), 0) << query;
        for (const v1::EntityMatch& m : page.matches()) paged.push_back(m.entity().id());
        if (page.next_page_token().empty()) break;
        request.set_page_token(page.next_page_token());
      }
      std::vector<std::string> expected;
      for (const v1::EntityMatch& m : all.matches()) expected.push_back(m.entity().id());
      paged.resize(std::min(paged.size(), expected.size()));
      EXPECT_EQ(paged, expected) << query;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 24);
  fs::remove_all(dir);
}

TEST(SyntheticCorpusTest, RefusesTinySizesAndNonEmptyDirectories) {
  EXPECT_EQ(WriteSyntheticCorpus(TempDir(), 10).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WriteSyntheticCorpus(PARLEY_SOURCE_DIR "/data", 1000).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace parley
