#include "service/corpus/content_stamp.h"

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

const absl::Time kTakenAt = absl::FromUnixSeconds(1'800'000'000);

FileStamp File(std::string path, uint64_t size, int64_t changed_ns) {
  FileStamp f;
  f.relative_path = std::move(path);
  f.size = size;
  f.device = 2049;
  f.inode = 1234567;
  f.modified_ns = changed_ns - 5;
  f.changed_ns = changed_ns;
  return f;
}

// Files last changed a minute before the stamp was taken.
std::vector<FileStamp> SettledFiles() {
  const int64_t minute_before = absl::ToUnixNanos(kTakenAt - absl::Minutes(1));
  return {File("articles/a b.txt", 10, minute_before), File("kb/x.textproto", 20, minute_before)};
}

const std::string kSha(64, 'c');
const std::string kContext = "program 1";

ContentStamp Stamp(std::string dir, std::vector<FileStamp> files) {
  return ContentStamp(std::move(dir), kContext, kTakenAt, std::move(files), kSha);
}

// Checked a minute after the stamp, by the same program.
bool Vouches(const ContentStamp& stamp, absl::string_view dir, const std::vector<FileStamp>& now) {
  return stamp.Vouches(dir, kContext, now, kTakenAt + absl::Minutes(1));
}

TEST(ContentStampTest, SerializesAndParsesBack) {
  std::vector<FileStamp> files = SettledFiles();
  files[0].relative_path = "articles/odd\nname \"quoted\".txt";
  const ContentStamp stamp("/data dir/\xE0\xA4\x95", "program\n2", kTakenAt, files, kSha);
  absl::StatusOr<ContentStamp> back = ContentStamp::Parse(stamp.Serialize());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->data_dir(), "/data dir/\xE0\xA4\x95");
  EXPECT_EQ(back->context(), "program\n2");
  EXPECT_EQ(back->taken_at(), kTakenAt);
  EXPECT_EQ(back->content_sha256(), kSha);
  EXPECT_EQ(back->files(), files);
}

TEST(ContentStampTest, RefusesAStampCutShortOrOfAnotherFormat) {
  const std::string bytes = Stamp("/d", SettledFiles()).Serialize();
  // Without its last file line (and "end"): announced 2 files, 1 there.
  const size_t last_file = bytes.rfind("20 2049");
  absl::StatusOr<ContentStamp> cut = ContentStamp::Parse(bytes.substr(0, last_file));
  EXPECT_EQ(cut.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(cut.status().message()), ::testing::HasSubstr("2 files announced"));
  EXPECT_EQ(ContentStamp::Parse(bytes.substr(0, bytes.size() - 1)).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(
      ContentStamp::Parse(absl::StrReplaceAll(bytes, {{"stamp 1", "stamp 2"}})).status().code(),
      absl::StatusCode::kDataLoss);
  EXPECT_EQ(
      ContentStamp::Parse(absl::StrReplaceAll(bytes, {{"20 2049", "2x 2049"}})).status().code(),
      absl::StatusCode::kDataLoss);
  // A hash that is not 64 hex digits.
  EXPECT_EQ(ContentStamp::Parse(absl::StrReplaceAll(bytes, {{kSha, std::string(64, 'g')}}))
                .status()
                .code(),
            absl::StatusCode::kDataLoss);
  EXPECT_TRUE(ContentStamp::Parse(bytes).ok());
}

TEST(ContentStampTest, APathThatCannotBeToldIsNotLocal) {
  EXPECT_FALSE(ContentStamp::OnLocalFileSystem("/no/such/directory/anywhere"));
  EXPECT_TRUE(ContentStamp::OnLocalFileSystem("/proc"));  // procfs: local
}

TEST(ContentStampTest, VouchesOnlyForTheSameSettledFiles) {
  const ContentStamp stamp = Stamp("/d", SettledFiles());
  EXPECT_TRUE(Vouches(stamp, "/d", SettledFiles()));
  EXPECT_FALSE(Vouches(stamp, "/other", SettledFiles()));
  // Another program (which might hash otherwise), or a clock now earlier
  // than the stamp's (stepped back: a rewrite could get the recorded times).
  EXPECT_FALSE(stamp.Vouches("/d", "program 2", SettledFiles(), kTakenAt + absl::Minutes(1)));
  EXPECT_FALSE(stamp.Vouches("/d", kContext, SettledFiles(), kTakenAt - absl::Seconds(1)));
  EXPECT_TRUE(stamp.Vouches("/d", kContext, SettledFiles(), kTakenAt));

  std::vector<FileStamp> now = SettledFiles();
  now.pop_back();
  EXPECT_FALSE(Vouches(stamp, "/d", now)) << "a file removed";
  now = SettledFiles();
  now.push_back(File("kb/y.textproto", 1, 0));
  EXPECT_FALSE(Vouches(stamp, "/d", now)) << "a file added";

  // Each property of a file, changed alone.
  for (int property = 0; property < 6; ++property) {
    now = SettledFiles();
    FileStamp& f = now[1];
    switch (property) {
      case 0:
        f.relative_path = "kb/z.textproto";
        break;
      case 1:
        ++f.size;
        break;
      case 2:
        ++f.device;
        break;
      case 3:
        ++f.inode;
        break;
      case 4:
        ++f.modified_ns;
        break;
      case 5:
        ++f.changed_ns;
        break;
    }
    EXPECT_FALSE(Vouches(stamp, "/d", now)) << "property " << property;
  }
}

TEST(ContentStampTest, AFileChangedNearTheStampIsRacilyClean) {
  // A file changed within kRacyMargin before the stamp may have been
  // written again in the same clock tick, unseen: the stamp vouches for
  // nothing then, though every file looks the same.
  for (const absl::Duration before :
       {ContentStamp::kRacyMargin / 2, ContentStamp::kRacyMargin, absl::ZeroDuration()}) {
    std::vector<FileStamp> files = SettledFiles();
    files[1].changed_ns = absl::ToUnixNanos(kTakenAt - before);
    files[1].modified_ns = files[1].changed_ns - 5;
    EXPECT_FALSE(Vouches(Stamp("/d", files), "/d", files)) << before;
  }
  // The modification time alone too (a file whose mtime is in the future).
  std::vector<FileStamp> files = SettledFiles();
  files[0].modified_ns = absl::ToUnixNanos(kTakenAt + absl::Hours(1));
  EXPECT_FALSE(Vouches(Stamp("/d", files), "/d", files));
  // Just outside the margin: vouched for.
  files = SettledFiles();
  files[1].changed_ns = absl::ToUnixNanos(kTakenAt - ContentStamp::kRacyMargin) - 1;
  EXPECT_TRUE(Vouches(Stamp("/d", files), "/d", files));
}

TEST(ContentStampTest, StatFileSeesAWriteOfTheSameSize) {
  // A directory of its own: suites of other checkouts may run at once.
  std::string made = fs::path(::testing::TempDir()) / "content_stamp_test-XXXXXX";
  ASSERT_NE(mkdtemp(made.data()), nullptr);
  const fs::path path = fs::path(made) / "content_stamp_test.txt";
  std::ofstream(path) << "same size 1";
  absl::StatusOr<FileStamp> before = ContentStamp::StatFile(path.string(), "articles/x.txt");
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->relative_path, "articles/x.txt");
  EXPECT_EQ(before->size, 11u);
  EXPECT_GT(before->changed_ns, 0);
  // Rewritten (same size) through a new file renamed over it, as editors
  // and rsync do: another inode, whatever the clock's tick.
  const fs::path tmp = path.string() + ".new";
  std::ofstream(tmp) << "same size 2";
  fs::rename(tmp, path);
  absl::StatusOr<FileStamp> after = ContentStamp::StatFile(path.string(), "articles/x.txt");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size, 11u);
  EXPECT_FALSE(*after == *before);
  fs::remove(path);

  absl::StatusOr<FileStamp> missing = ContentStamp::StatFile(path.string(), "articles/x.txt");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(missing.status().message()), ::testing::HasSubstr("cannot read file"));
  fs::remove_all(made);
}

}  // namespace
}  // namespace parley
