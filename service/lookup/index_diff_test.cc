#include "service/lookup/index_diff.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <stdlib.h>

namespace parley {
namespace {

namespace fs = std::filesystem;

TEST(IndexDiffTest, SaysWhatWasAddedChangedAndRemoved) {
  char tmpl[] = "/tmp/parley-diff-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  fs::copy(PARLEY_SOURCE_DIR "/data", dir, fs::copy_options::recursive);
  absl::StatusOr<std::unique_ptr<const Index>> before = Index::Load(dir);
  ASSERT_TRUE(before.ok()) << before.status();
  std::ofstream(dir + "/articles/extra.txt") << "Janet Napolitano spoke about cyber security.\n";
  absl::StatusOr<std::unique_ptr<const Index>> after = Index::Load(dir);
  ASSERT_TRUE(after.ok()) << after.status();
  fs::remove_all(dir);

  EXPECT_TRUE(DiffIndexes(before->get(), **before).empty());
  // The article, and the one person it mentions (her mention count).
  const std::vector<v1::Change> added = DiffIndexes(before->get(), **after);
  ASSERT_EQ(added.size(), 2u);
  EXPECT_EQ(added[0].kind(), v1::CHANGE_KIND_ENTITY);
  EXPECT_EQ(added[0].id(), "janet-napolitano");
  EXPECT_EQ(added[0].type(), v1::CHANGE_TYPE_CHANGED);
  EXPECT_EQ(added[1].kind(), v1::CHANGE_KIND_DOCUMENT);
  EXPECT_EQ(added[1].id(), "extra");
  EXPECT_EQ(added[1].type(), v1::CHANGE_TYPE_ADDED);
  const std::vector<v1::Change> removed = DiffIndexes(after->get(), **before);
  ASSERT_EQ(removed.size(), 2u);
  EXPECT_EQ(removed[1].type(), v1::CHANGE_TYPE_REMOVED);
  // From nothing: everything, once.
  const Index& index = **before;
  EXPECT_EQ(DiffIndexes(nullptr, index).size(),
            index.entities().size() + index.events().size() +
                static_cast<size_t>(index.participation_count()) + index.documents().size());
}

}  // namespace
}  // namespace parley
