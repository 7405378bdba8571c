#include "service/index/snapshot.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "service/base/text_tokens.h"
#include "service/corpus/content_stamp.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const std::string kData = PARLEY_SOURCE_DIR "/data";

// Everything a reader of the index can see, as text: two indexes that give
// the same dump answer every lookup the same way.
std::string Dump(const Index& index) {
  std::string out;
  v1::IndexInfo info = index.info();
  // When and how long: this start's, not the index's.
  info.clear_build_time();
  info.clear_build_duration();
  info.clear_build_phases();
  absl::StrAppend(&out, "info ", info.SerializeAsString(), "\n");
  for (EntityView e : index.entities()) {
    absl::StrAppend(&out, "entity ", e.ToProto().SerializeAsString(), " ", e.mention_count(), "\n");
    const MentionRange mentions = index.MentionsOf(e.number());
    for (int32_t m = mentions.begin; m < mentions.end; ++m) {
      v1::Mention mention;
      index.MentionAt(m, &mention);
      absl::StrAppend(&out, "  mention ", mention.SerializeAsString(), "\n");
    }
    absl::StrAppend(&out, "  found ", index.EntityIndex(e.id()), "\n");
  }
  for (const EventView e : index.events()) {
    const std::optional<EventView> found = index.FindEvent(e.id());
    absl::StrAppend(&out, "event ", e.ToProto().SerializeAsString(), " ",
                    found && found->number() == e.number() ? "found" : "lost", "\n");
  }
  for (int32_t d = 0; d < static_cast<int32_t>(index.documents().size()); ++d) {
    v1::Document doc;
    index.CopyDocument(d, /*with_text=*/true, &doc);
    absl::StrAppend(&out, "document ", doc.SerializeAsString(), " ", index.DocumentIndex(doc.id()),
                    "\n");
    for (int32_t e : index.EntitiesInDocument(d)) absl::StrAppend(&out, " ", e);
    v1::LinkMentionsResponse links;
    index.LinkMentions(doc.text(), &links);
    absl::StrAppend(&out, "\n  links ", links.SerializeAsString(), "\n");
  }
  for (const v1::Topic& t : index.topics()) absl::StrAppend(&out, "topic ", t.SerializeAsString());
  for (int32_t p = 0; p < index.participation_count(); ++p) {
    absl::StrAppend(&out, "participation ", index.participation(p).event().id(), " ",
                    index.participation(p).participant().entity().id(), "\n");
  }
  for (size_t e = 0; e < index.event_days().size(); ++e) {
    absl::StrAppend(&out, "days ", absl::FormatCivilTime(index.event_days()[e].first), " ",
                    absl::FormatCivilTime(index.event_days()[e].last), "\n");
  }
  for (const char* topic : {"cyber", "homeland-security", "climate-change", "nothing"}) {
    const v1::Topic* t = index.FindTopic(topic);
    absl::StrAppend(&out, "topic ", topic, " ", t == nullptr ? "none" : t->SerializeAsString(),
                    "\n");
  }
  std::vector<v1::EventFilter> filters(5);
  filters[0].add_participant_ids("christopher-painter");
  filters[1].add_country_ids("india");
  filters[2].add_organization_ids("us-dhs");
  filters[3].add_topics("cyber");
  filters[4].add_kinds(v1::EVENT_KIND_MEETING);
  for (const v1::EventFilter& filter : filters) {
    absl::StrAppend(&out, "filter ", filter.ShortDebugString(), ":");
    for (int32_t e : index.EventsMatching(filter)) absl::StrAppend(&out, " ", e);
    absl::StrAppend(&out, "\n");
  }
  auto people = [&index](int32_t e) {
    return index.entities()[e].kind() == v1::ENTITY_KIND_PERSON;
  };
  for (const NameMatch& m : index.SearchNames("Ja", 10, people).matches) {
    absl::StrAppend(&out, "person Ja ", m.entity, " ", index.ExplainHit(m), "\n");
  }
  for (const char* query :
       {"Painter", "Napolitno", "chris", "US", "India", "Kwatra", "Secretary", "Jane", "hom"}) {
    for (const NameMatch& m : index.SearchNames(query, 10, [](int32_t) { return true; }).matches) {
      absl::StrAppend(&out, "name ", query, " ", m.entity, " ", m.entry, " ", m.key, " ", m.score,
                      " ", index.ExplainHit(m), " ", index.MatchedName(m), "\n");
    }
  }
  for (const char* query : {"cyber security", "\"homeland security\"", "India", "dialogue"}) {
    absl::StatusOr<std::vector<QueryClause>> clauses = ParseTextQuery(query);
    TextSearchResult result = index.text_search().Search(*clauses, nullptr, 10);
    absl::StrAppend(&out, "docs ", query, " ", result.total, "\n");
    for (const DocumentHit& hit : result.hits) {
      absl::StrAppend(
          &out, "  ", hit.document, " ", hit.score, " ",
          index.text_search().Explain(result, hit, *clauses), " ",
          index.text_search()
              .MakeSnippet(hit.document, index.documents()[hit.document].text(), *clauses)
              .SerializeAsString(),
          "\n");
    }
  }
  return out;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/parley-snapshot-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_;
};

TEST_F(SnapshotTest, AnIndexReadBackAnswersEveryLookupAsTheBuiltOne) {
  auto built = Index::Load(kData);
  ASSERT_TRUE(built.ok()) << built.status();
  absl::StatusOr<SnapshotKey> key = ComputeSnapshotKey(kData);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->content_sha256, (*built)->info().content_sha256());
  const std::string path = SnapshotPath(dir_, *key);
  ASSERT_TRUE(WriteSnapshot(**built, *key, path).ok());
  auto read = ReadSnapshot(path, *key, kData);
  ASSERT_TRUE(read.ok()) << read.status();
  const std::string want = Dump(**built);
  for (const char* seen : {"name Napolitno", "mention ", "person Ja ", "filter participant_ids",
                           "filter topics: \"cyber\": 1", "topic nothing none\n"}) {
    EXPECT_THAT(want, HasSubstr(seen));  // the dump sees real answers
  }
  EXPECT_EQ(Dump(**read), want);
  ASSERT_EQ((*read)->info().build_phases_size(), 1);
  EXPECT_EQ((*read)->info().build_phases(0).name(), "read from snapshot");
  // The same again from a snapshot of the snapshot's index.
  const std::string again = dir_ + "/again.snapshot";
  ASSERT_TRUE(WriteSnapshot(**read, *key, again).ok());
  auto reread = ReadSnapshot(again, *key, kData);
  ASSERT_TRUE(reread.ok()) << reread.status();
  EXPECT_EQ(Dump(**reread), want);
}

// Names in Cyrillic keep their keys' characters (only Indic scripts are
// read in Latin letters): typo search by characters works the same on an
// index read back, whose name index learns its widest character anew.
TEST_F(SnapshotTest, TypoSearchOverCyrillicNamesAgreesAfterAReadBack) {
  const std::string corpus = dir_ + "/corpus";
  fs::copy(kData, corpus, fs::copy_options::recursive);
  WriteAll(corpus + "/kb/zz-cyrillic.textproto",
           "entities {\n  id: \"sergey-lavrov\" kind: ENTITY_KIND_PERSON\n"
           "  name: \"\xD0\xA1\xD0\xB5\xD1\x80\xD0\xB3\xD0\xB5\xD0\xB9 "
           "\xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2\"\n"  // Сергей Лавров
           "  description: \"Russia's Minister of Foreign Affairs.\"\n}\n");
  auto built = Index::Load(corpus);
  ASSERT_TRUE(built.ok()) << built.status();
  absl::StatusOr<SnapshotKey> key = ComputeSnapshotKey(corpus);
  ASSERT_TRUE(key.ok()) << key.status();
  const std::string path = SnapshotPath(dir_, *key);
  ASSERT_TRUE(WriteSnapshot(**built, *key, path).ok());
  auto read = ReadSnapshot(path, *key, corpus);
  ASSERT_TRUE(read.ok()) << read.status();
  auto search = [](const Index& index, absl::string_view query) {
    std::string out;
    for (const NameMatch& m : index.SearchNames(query, 10, [](int32_t) { return true; }).matches) {
      absl::StrAppend(&out, index.entities()[m.entity].id(), " ", v1::MatchKind_Name(m.kind), " ",
                      m.distance, "; ");
    }
    return out;
  };
  // "Лаврво": two letters swapped, one edit (four bytes differ).
  const std::string swapped = "\xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xB2\xD0\xBE";
  EXPECT_THAT(search(**built, swapped), HasSubstr("sergey-lavrov MATCH_KIND_FUZZY 1;"));
  // "Лавов": a letter dropped, the key two bytes longer than the query,
  // which one edit reaches only through the index's widest character.
  const std::string dropped = "\xD0\x9B\xD0\xB0\xD0\xB2\xD0\xBE\xD0\xB2";
  EXPECT_THAT(search(**built, dropped), HasSubstr("sergey-lavrov MATCH_KIND_FUZZY 1;"));
  for (const std::string& query :
       {swapped, dropped, std::string("Napolitno"), std::string("Lavrov")}) {
    EXPECT_EQ(search(**read, query), search(**built, query)) << query;
  }
}

TEST_F(SnapshotTest, TheKeyFollowsTheCorpusAndTheLexicons) {
  const std::string corpus = dir_ + "/corpus";
  fs::copy(kData, corpus, fs::copy_options::recursive);
  absl::StatusOr<SnapshotKey> before = ComputeSnapshotKey(corpus);
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(ComputeSnapshotKey(corpus)->key, before->key);
  WriteAll(corpus + "/articles/zz-late.txt", "Christopher Painter spoke again.\n");
  absl::StatusOr<SnapshotKey> article = ComputeSnapshotKey(corpus);
  EXPECT_NE(article->key, before->key);
  EXPECT_NE(article->content_sha256, before->content_sha256);
  const std::string lexicon = (*fs::directory_iterator(corpus + "/lexicons")).path().string();
  WriteAll(lexicon, ReadAll(lexicon) + "\n");
  absl::StatusOr<SnapshotKey> lexicons = ComputeSnapshotKey(corpus);
  EXPECT_NE(lexicons->key, article->key);
  EXPECT_EQ(lexicons->content_sha256, article->content_sha256);  // lexicons are not corpus
}

TEST_F(SnapshotTest, ASnapshotOfAnotherKeyIsRefused) {
  auto built = Index::Load(kData);
  ASSERT_TRUE(built.ok());
  SnapshotKey key = *ComputeSnapshotKey(kData);
  const std::string path = SnapshotPath(dir_, key);
  ASSERT_TRUE(WriteSnapshot(**built, key, path).ok());
  SnapshotKey other = key;
  other.key[0] = other.key[0] == '0' ? '1' : '0';
  auto read = ReadSnapshot(path, other, kData);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(read.status().message(), HasSubstr("another corpus or build"));
  EXPECT_EQ(ReadSnapshot(dir_ + "/missing.snapshot", key, kData).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(SnapshotTest, ADamagedOrCutSnapshotIsRefusedWithoutHarm) {
  auto built = Index::Load(kData);
  ASSERT_TRUE(built.ok());
  SnapshotKey key = *ComputeSnapshotKey(kData);
  const std::string path = SnapshotPath(dir_, key);
  ASSERT_TRUE(WriteSnapshot(**built, key, path).ok());
  const std::string good = ReadAll(path);
  ASSERT_GT(good.size(), 100000u);
  // One byte changed at 61 places past the header, then cut at 61 lengths:
  // every one is DATA_LOSS (the checksum, or a field that ends early).
  const size_t header = 16 + 8 + 8 + 64;
  for (int i = 0; i <= 60; ++i) {
    const size_t at = header + (good.size() - header - 1) * i / 60;
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x5a);
    WriteAll(path, bad);
    auto read = ReadSnapshot(path, key, kData);
    EXPECT_EQ(read.status().code(), absl::StatusCode::kDataLoss) << "byte " << at;
    WriteAll(path, good.substr(0, at));
    read = ReadSnapshot(path, key, kData);
    EXPECT_EQ(read.status().code(), absl::StatusCode::kDataLoss) << "cut at " << at;
  }
  WriteAll(path, "not a snapshot");
  EXPECT_EQ(ReadSnapshot(path, key, kData).status().code(), absl::StatusCode::kDataLoss);
  WriteAll(path, good);
  EXPECT_TRUE(ReadSnapshot(path, key, kData).ok());
}

TEST_F(SnapshotTest, LoadThroughSnapshotBuildsWritesThenReadsAndRebuildsAChangedCorpus) {
  const std::string corpus = dir_ + "/corpus";
  const std::string snapshots = dir_ + "/snapshots";
  fs::copy(kData, corpus, fs::copy_options::recursive);
  fs::create_directory(snapshots);
  SnapshotReport first;
  auto built = LoadThroughSnapshot(corpus, snapshots, &first);
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_FALSE(first.read);
  EXPECT_EQ(first.not_read, "no snapshot of this corpus and build yet");
  EXPECT_EQ(*SaveSnapshotAfterBuild(**built, first, nullptr), true);

  SnapshotReport second;
  auto read = LoadThroughSnapshot(corpus, snapshots, &second);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(second.read) << second.not_read;
  EXPECT_EQ(second.path, first.path);
  EXPECT_EQ(Dump(**read), Dump(**built));
  EXPECT_EQ(*SaveSnapshotAfterBuild(**read, second, nullptr), false);  // nothing to write

  WriteAll(corpus + "/articles/zz-late.txt", "Christopher Painter spoke again.\n");
  SnapshotReport third;
  auto rebuilt = LoadThroughSnapshot(corpus, snapshots, &third);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
  EXPECT_FALSE(third.read);
  EXPECT_THAT(third.not_read, HasSubstr("written for another corpus or build"));
  EXPECT_EQ((*rebuilt)->documents().size(), (*built)->documents().size() + 1);
  EXPECT_EQ(*SaveSnapshotAfterBuild(**rebuilt, third, nullptr), true);
  // Only the new corpus's snapshot is kept, beside the corpus's stamp.
  const std::string stamp = snapshots + "/" + kContentStampName;
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(snapshots)) {
    files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{stamp, third.path}));

  std::atomic<bool> cancel{true};
  fs::remove(third.path);
  fs::remove(stamp);
  EXPECT_EQ(SaveSnapshotAfterBuild(**rebuilt, third, &cancel).status().code(),
            absl::StatusCode::kCancelled);
  EXPECT_TRUE(fs::is_empty(snapshots));  // nor its temporary file
}

TEST_F(SnapshotTest, ARestartKnowsAnUnchangedCorpusByItsContentStamp) {
  const std::string corpus = dir_ + "/corpus";
  const std::string snapshots = dir_ + "/snapshots";
  fs::copy(kData, corpus, fs::copy_options::recursive);
  fs::create_directory(snapshots);
  if (!ContentStamp::OnLocalFileSystem(corpus))
    GTEST_SKIP() << "no stamps on a network file system";
  // The copies settle: a file changed less than the margin before its
  // stamp is hashed again each time (content_stamp.h).
  absl::SleepFor(ContentStamp::kRacyMargin + absl::Milliseconds(100));
  SnapshotReport first;
  auto built = LoadThroughSnapshot(corpus, snapshots, &first);
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_FALSE(first.key_from_stamp);  // no stamp yet: hashed, and stamped
  ASSERT_EQ(*SaveSnapshotAfterBuild(**built, first, nullptr), true);

  SnapshotReport second;
  auto read = LoadThroughSnapshot(corpus, snapshots, &second);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(second.key_from_stamp);
  EXPECT_TRUE(second.read) << second.not_read;
  EXPECT_EQ(second.key.key, first.key.key);
  // Not asked to trust the stamp: the bytes give the same key.
  SnapshotReport unstamped;
  ASSERT_TRUE(LoadThroughSnapshot(corpus, snapshots, &unstamped, false).ok());
  EXPECT_FALSE(unstamped.key_from_stamp);
  EXPECT_TRUE(unstamped.read);
  EXPECT_EQ(unstamped.key.key, first.key.key);

  // A stamp whose hash is not the bytes' (as if it had vouched wrongly):
  // no snapshot has its key, the build hashes otherwise, and the stamp goes.
  const std::string stamp_path = snapshots + "/" + kContentStampName;
  const std::string good_stamp = ReadAll(stamp_path);
  WriteAll(stamp_path,
           absl::StrReplaceAll(good_stamp, {{first.key.content_sha256, std::string(64, 'a')}}));
  SnapshotReport lied;
  auto lied_build = LoadThroughSnapshot(corpus, snapshots, &lied);
  ASSERT_TRUE(lied_build.ok()) << lied_build.status();
  EXPECT_TRUE(lied.key_from_stamp);
  EXPECT_FALSE(lied.read);
  EXPECT_EQ((*lied_build)->info().content_sha256(), first.key.content_sha256);
  EXPECT_EQ(*SaveSnapshotAfterBuild(**lied_build, lied, nullptr), false);
  EXPECT_FALSE(fs::exists(stamp_path));
  SnapshotReport after_lie;
  ASSERT_TRUE(LoadThroughSnapshot(corpus, snapshots, &after_lie).ok());
  EXPECT_FALSE(after_lie.key_from_stamp);  // hashed, and stamped again
  EXPECT_TRUE(after_lie.read);
  EXPECT_TRUE(fs::exists(stamp_path));

  // One article rewritten in place, its size and name unchanged: its
  // change time moves, so the stamp vouches no more and the index is built
  // from the new bytes.
  std::string article, bytes;
  for (const auto& entry : fs::directory_iterator(corpus + "/articles")) {
    bytes = ReadAll(entry.path().string());
    if (bytes.find("Gainers") != std::string::npos) {
      article = entry.path().string();
      break;
    }
  }
  ASSERT_FALSE(article.empty());
  bytes.replace(bytes.find("Gainers"), 7, "Winners");  // in no quote
  WriteAll(article, bytes);
  SnapshotReport third;
  auto rebuilt = LoadThroughSnapshot(corpus, snapshots, &third);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
  EXPECT_FALSE(third.key_from_stamp);
  EXPECT_FALSE(third.read);
  EXPECT_NE(third.key.key, first.key.key);
  EXPECT_EQ((*rebuilt)->info().content_sha256(), third.key.content_sha256);
  auto mentions_winners = [](const Index& index) {
    int documents = 0;
    for (const v1::Document& d : index.documents()) {
      documents += absl::StrContains(d.text(), "Winners");
    }
    return documents;
  };
  EXPECT_EQ(mentions_winners(**built), 0);
  EXPECT_EQ(mentions_winners(**rebuilt), 1);
}

}  // namespace
}  // namespace parley
