#include "service/store/corpus_files.h"

#include <filesystem>

#include <gtest/gtest.h>
#include <stdlib.h>

namespace parley {
namespace {

// An empty directory of its own: suites of other checkouts may run at once.
std::string MadeTempDir(const char* name) {
  std::string made = ::testing::TempDir() + "/" + name + "-XXXXXX";
  return mkdtemp(made.data()) == nullptr ? "" : made;
}

TEST(CorpusFilesTest, PathsStayInsideTheCorpus) {
  EXPECT_TRUE(IsCorpusFilePath("articles/a.txt"));
  EXPECT_TRUE(IsCorpusFilePath("kb/events.textproto"));
  EXPECT_TRUE(IsCorpusFilePath("lexicons/places.txt"));
  EXPECT_FALSE(IsCorpusFilePath("articles/../../etc/passwd"));
  EXPECT_FALSE(IsCorpusFilePath("articles/.."));
  EXPECT_FALSE(IsCorpusFilePath("other/a.txt"));
  EXPECT_FALSE(IsCorpusFilePath("articles/"));
  EXPECT_FALSE(IsCorpusFilePath("/articles/a.txt"));
}

TEST(CorpusFilesTest, ChangesReplaceAddAndRemove) {
  std::vector<CorpusFile> files = {{"articles/a.txt", "A"}, {"kb/x.textproto", "X"}};
  std::vector<CorpusFile> out = ApplyFileChanges(
      files, {{"articles/b.txt", "B"}, {"articles/a.txt", "A2"}, {"kb/x.textproto", std::nullopt}});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].path, "articles/a.txt");
  EXPECT_EQ(out[0].contents, "A2");
  EXPECT_EQ(out[1].path, "articles/b.txt");
}

TEST(CorpusFilesTest, WrittenFilesReadBackTheSame) {
  const std::string dir = MadeTempDir("corpus_files_test");
  ASSERT_FALSE(dir.empty());
  const std::vector<CorpusFile> files = {{"articles/a.txt", std::string("x\0y", 3)},
                                         {"kb/k.textproto", "topics {}\n"}};
  ASSERT_TRUE(WriteCorpusFiles(dir, files).ok());
  absl::StatusOr<std::vector<CorpusFile>> back = ReadCorpusFiles(dir);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].contents, files[0].contents);
  EXPECT_EQ((*back)[1].path, "kb/k.textproto");
  // No lexicons/ without lexicon files: a corpus without one extracts
  // nothing, where an empty one would lack every lexicon.
  EXPECT_FALSE(std::filesystem::exists(dir + "/lexicons"));
  // A directory that has files is never written over.
  EXPECT_EQ(WriteCorpusFiles(dir, files).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(WriteCorpusFiles(dir + "2", {{"../escape.txt", ""}}).code(),
            absl::StatusCode::kInvalidArgument);
  std::filesystem::remove_all(dir);
}

// The store keeps text: a binary knowledge-base file is refused with the
// way to convert it, not skipped (the store would lack its records).
TEST(CorpusFilesTest, ABinaryKnowledgeBaseFileIsRefusedNotSkipped) {
  const std::string dir = MadeTempDir("corpus_files_binary_test");
  ASSERT_FALSE(dir.empty());
  ASSERT_TRUE(WriteCorpusFiles(dir, {{"articles/a.txt", "A"},
                                     {"kb/k.binpb", "\x0a\x00"},
                                     {"kb/j.binpb", ""},
                                     {"kb/t.textproto", ""}})
                  .ok());
  absl::StatusOr<std::vector<CorpusFile>> read = ReadCorpusFiles(dir);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  // Every one named, in one error.
  EXPECT_NE(read.status().message().find(dir + "/kb/j.binpb, " + dir +
                                         "/kb/k.binpb: the shared store keeps knowledge-base "
                                         "files as text; write each as kb/*.textproto"),
            std::string::npos)
      << read.status();
  // The check alone, from the listing (import runs it before its build),
  // says the same.
  const absl::Status forms = CheckStorableForms(dir);
  EXPECT_EQ(forms.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(forms.message(), read.status().message());
  std::filesystem::remove(dir + "/kb/j.binpb");
  std::filesystem::remove(dir + "/kb/k.binpb");
  EXPECT_TRUE(CheckStorableForms(dir).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace parley
