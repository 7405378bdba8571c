#include "service/base/atomic_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

namespace parley {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/parley-atomic-XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream out;
    out << in.rdbuf();
    return out.str();
  }
  std::vector<std::string> Names() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  std::string dir_;
};

TEST_F(AtomicFileTest, CreatesThenReplacesAndLeavesNoTemporaryFile) {
  const std::string path = dir_ + "/a.txt";
  ASSERT_TRUE(WriteFileAtomically(path, std::string("first\0bytes", 11)).ok());
  EXPECT_EQ(Read(path), std::string("first\0bytes", 11));
  ASSERT_TRUE(WriteFileAtomically(path, "second").ok());
  EXPECT_EQ(Read(path), "second");
  EXPECT_THAT(Names(), ::testing::ElementsAre("a.txt"));
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST_F(AtomicFileTest, WritesEmptyAndLargeFiles) {
  ASSERT_TRUE(WriteFileAtomically(dir_ + "/empty.txt", "").ok());
  EXPECT_EQ(Read(dir_ + "/empty.txt"), "");
  const std::string big(3 << 20, 'x');
  ASSERT_TRUE(WriteFileAtomically(dir_ + "/big.txt", big).ok());
  EXPECT_EQ(Read(dir_ + "/big.txt").size(), big.size());
}

TEST_F(AtomicFileTest, MissingDirectoryIsNotFoundAndWritesNothing) {
  absl::Status status = WriteFileAtomically(dir_ + "/no/such/dir/a.txt", "x");
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("no/such/dir/a.txt"));
  EXPECT_TRUE(Names().empty());
}

TEST_F(AtomicFileTest, FailedRenameKeepsTheOldTargetAndRemovesTheTemporaryFile) {
  // A directory cannot be replaced by a file: rename fails after the write.
  fs::create_directory(dir_ + "/target.txt");
  absl::Status status = WriteFileAtomically(dir_ + "/target.txt", "x");
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("rename"));
  EXPECT_TRUE(fs::is_directory(dir_ + "/target.txt"));
  EXPECT_THAT(Names(), ::testing::ElementsAre("target.txt"));
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST_F(AtomicFileTest, AWriterInPiecesAppearsOnlyOnCommit) {
  const std::string path = dir_ + "/big.bin";
  {
    auto writer = AtomicFileWriter::Create(path);
    ASSERT_TRUE(writer.ok()) << writer.status();
    ASSERT_TRUE((*writer)->Append("abc").ok());
    ASSERT_TRUE((*writer)->Append(std::string(3 << 20, 'x')).ok());  // past the buffer
    EXPECT_EQ(Names().size(), 1u);                                   // only the temporary file
    EXPECT_FALSE(fs::exists(path));
    ASSERT_TRUE((*writer)->Append("end").ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  EXPECT_EQ(Read(path), "abc" + std::string(3 << 20, 'x') + "end");
  EXPECT_EQ(Names(), std::vector<std::string>{"big.bin"});
  {
    auto writer = AtomicFileWriter::Create(path);
    ASSERT_TRUE((*writer)->Append("abandoned").ok());
  }  // destroyed without Commit: the old file stays, the temporary goes
  EXPECT_EQ(Read(path).size(), (3u << 20) + 6);
  EXPECT_EQ(Names(), std::vector<std::string>{"big.bin"});
}

}  // namespace
}  // namespace parley
