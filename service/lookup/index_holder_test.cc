// IndexHolder without gRPC: reloads, ingestion and the atomic swap under
// concurrent readers. Built and run under ThreadSanitizer in CI
// (scripts/test), which is why nothing here links gRPC.
#include "service/lookup/index_holder.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "absl/time/clock.h"
#include "service/base/errors.h"
#include "service/lookup/directory_source.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class IndexHolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/parley-holder-XXXXXX";
    dir_ = mkdtemp(tmpl);
    fs::copy(PARLEY_SOURCE_DIR "/data", dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void SetExtra(bool present) {
    const std::string path = dir_ + "/articles/zz-extra.txt";
    if (present) {
      std::ofstream(path) << "Janet Napolitano discussed quantum-safe encryption.\n";
    } else {
      fs::remove(path);
    }
  }

  static int DocumentCount(const Lookup& lookup) {
    v1::IndexInfo info;
    EXPECT_TRUE(lookup.GetIndexInfo(v1::GetIndexInfoRequest(), &info).ok());
    return info.document_count();
  }

  std::string dir_;
};

TEST_F(IndexHolderTest, NothingServesBeforeTheFirstIndex) {
  IndexHolder holder;
  DirectorySource source(dir_, &holder);
  EXPECT_EQ(holder.Current(), nullptr);
  ASSERT_EQ(*source.Reload(), 1u);
  ASSERT_NE(holder.Current(), nullptr);
  EXPECT_EQ(holder.Current()->generation(), 1u);
}

TEST_F(IndexHolderTest, AFailedReloadKeepsTheCurrentIndexAndIsRecorded) {
  IndexHolder holder;
  DirectorySource source(dir_, &holder);
  ASSERT_TRUE(source.Reload().ok());
  std::ofstream(dir_ + "/kb/events.textproto", std::ios::app) << "events { id: \"cut";
  absl::StatusOr<int64_t> failed = source.Reload();
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(std::string(failed.status().message()), HasSubstr("events.textproto"));
  EXPECT_EQ(holder.Current()->generation(), 1u);
  v1::IndexInfo info;
  holder.FillReloadInfo(&info);
  EXPECT_EQ(info.reload_count(), 2);
  EXPECT_EQ(info.reload_failure_count(), 1);
  EXPECT_THAT(info.last_reload_error(), HasSubstr("events.textproto"));
}

TEST_F(IndexHolderTest, AddArticleRefusesTakenIdsAndUndoesAFailedLoad) {
  IndexHolder holder;
  DirectorySource source(dir_, &holder);
  ASSERT_TRUE(source.Reload().ok());
  absl::StatusOr<int64_t> taken = AddArticle(source, "wire-2015-painter", "x.txt", "text");
  EXPECT_EQ(taken.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(taken.status()), "DOCUMENT_EXISTS");
  // A corpus that no longer loads: the article is not left behind.
  std::ofstream(dir_ + "/kb/events.textproto", std::ios::app) << "events { id: \"cut";
  absl::StatusOr<int64_t> failed = AddArticle(source, "new", "new.txt", "Some text.\n");
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(fs::exists(dir_ + "/articles/new.txt"));
  EXPECT_EQ(holder.Current()->generation(), 1u);
}

TEST_F(IndexHolderTest, ReadersDuringReloadsAlwaysSeeOneWholeGeneration) {
  IndexHolder holder;
  DirectorySource source(dir_, &holder);
  ASSERT_TRUE(source.Reload().ok());  // generation 1: no extra article
  std::atomic<bool> stop{false};
  std::atomic<int> inconsistent{0};
  std::atomic<int64_t> reads{0};
  const absl::Time hard_stop = absl::Now() + absl::Seconds(60);
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      while (!stop && absl::Now() < hard_stop) {
        std::shared_ptr<const Lookup> snapshot = holder.Current();
        // Odd generations have 5 documents, even ones 6.
        const int expected = snapshot->generation() % 2 == 0 ? 6 : 5;
        if (DocumentCount(*snapshot) != expected) ++inconsistent;
        v1::ListDocumentsRequest request;
        v1::ListDocumentsResponse response;
        if (!snapshot->ListDocuments(request, &response).ok() ||
            response.documents_size() != expected) {
          ++inconsistent;
        }
        v1::IndexInfo info;
        holder.FillReloadInfo(&info);
        ++reads;
      }
    });
  }
  for (int i = 0; i < 12; ++i) {
    SetExtra(i % 2 == 0);
    absl::StatusOr<int64_t> generation = source.Reload();
    ASSERT_TRUE(generation.ok()) << generation.status();
    EXPECT_EQ(*generation, i + 2);
  }
  stop = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(inconsistent.load(), 0);
  EXPECT_GT(reads.load(), 0);
}

TEST_F(IndexHolderTest, ConcurrentReloadsAndIngestionsAreSerialized) {
  IndexHolder holder;
  DirectorySource source(dir_, &holder);
  ASSERT_TRUE(source.Reload().ok());
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < 3; ++i) {
        const std::string id = "w" + std::to_string(w) + "-" + std::to_string(i);
        absl::StatusOr<int64_t> added =
            AddArticle(source, id, id + ".txt", "---\nid: " + id + "\n---\nKapil Sibal spoke.\n");
        if (!added.ok() || !source.Reload().ok()) ++failures;
      }
    });
  }
  for (std::thread& t : writers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(holder.Current()->generation(), 1u + 24u);
  EXPECT_EQ(DocumentCount(*holder.Current()), 5 + 12);
}

}  // namespace
}  // namespace parley
