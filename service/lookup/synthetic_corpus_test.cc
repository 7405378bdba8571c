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

TEST(SyntheticCorpusTest, RefusesTinySizesAndNonEmptyDirectories) {
  EXPECT_EQ(WriteSyntheticCorpus(TempDir(), 10).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WriteSyntheticCorpus(PARLEY_SOURCE_DIR "/data", 1000).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace parley
