#include "service/base/snapshot_io.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace parley {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string WriteAndRead(const std::function<void(SnapshotWriter&)>& write) {
  char tmpl[] = "/tmp/parley-snapshot-io-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const std::string path = dir + "/s";
  auto w = SnapshotWriter::Create(path);
  EXPECT_TRUE(w.ok());
  write(**w);
  EXPECT_TRUE((*w)->Finish().ok());
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  fs::remove_all(dir);
  return bytes.str();
}

TEST(SnapshotIoTest, ValuesComeBackInOrderAndTheChecksumHolds) {
  const std::vector<std::pair<uint64_t, int32_t>> pairs = {{1, -2}, {3, 4}};
  const std::string bytes = WriteAndRead([&](SnapshotWriter& w) {
    w.U64(42);
    w.Bytes("name");
    w.Array(pairs);
    w.RawBytes("xyz");
  });
  SnapshotReader r(bytes);
  uint64_t n = 0;
  absl::string_view name, raw;
  std::vector<std::pair<uint64_t, int32_t>> read_pairs;
  ASSERT_TRUE(r.U64(&n) && r.Bytes(&name) && r.Array(&read_pairs) && r.RawView(3, &raw));
  EXPECT_EQ(n, 42u);
  EXPECT_EQ(name, "name");
  EXPECT_EQ(read_pairs, pairs);
  EXPECT_EQ(raw, "xyz");
  EXPECT_TRUE(r.Finish().ok());

  std::string bad = bytes;
  bad[17] ^= 3;  // "name" (after 42 and its length) becomes "nbme": every read succeeds...
  SnapshotReader damaged(bad);
  ASSERT_TRUE(damaged.U64(&n) && damaged.Bytes(&name) && damaged.Array(&read_pairs) &&
              damaged.RawView(3, &raw));
  EXPECT_EQ(name, "nbme");
  const absl::Status finished = damaged.Finish();  // ...and the checksum says so
  EXPECT_EQ(finished.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(finished.message(), HasSubstr("checksum does not match"));
}

TEST(SnapshotIoTest, ACancelledWriterWritesNothingAndAFileIsItsOwnersOnly) {
  char tmpl[] = "/tmp/parley-snapshot-io-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  std::atomic<bool> cancel{false};
  {
    auto w = SnapshotWriter::Create(dir + "/kept", &cancel);
    ASSERT_TRUE(w.ok());
    (*w)->RawBytes(std::string(5 << 20, 'x'));
    ASSERT_TRUE((*w)->Finish().ok());
  }
  EXPECT_EQ(fs::status(dir + "/kept").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  cancel = true;
  {
    auto w = SnapshotWriter::Create(dir + "/cancelled", &cancel);
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 3; ++i) (*w)->RawBytes(std::string(3 << 20, 'x'));  // past 4 MB
    EXPECT_EQ((*w)->status().code(), absl::StatusCode::kCancelled);
    EXPECT_EQ((*w)->Finish().code(), absl::StatusCode::kCancelled);
  }
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename());
  EXPECT_EQ(names, std::vector<std::string>{"kept"});  // nor a temporary file
  fs::remove_all(dir);
}

TEST(SnapshotIoTest, ReadsStopAtTheEndAndCountsAreBounded) {
  const std::string bytes = WriteAndRead([](SnapshotWriter& w) { w.U64(1000000); });
  SnapshotReader r(bytes);
  uint64_t count = 0;
  EXPECT_FALSE(r.Count(&count, 8));  // a million 8-byte things cannot fit in nothing
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(r.status().message(), HasSubstr("a count larger than the rest"));
  SnapshotReader again(bytes);
  std::vector<int32_t> values;
  EXPECT_FALSE(again.Array(&values));
  EXPECT_TRUE(values.empty());
  SnapshotReader short_input("abc");
  EXPECT_FALSE(short_input.U64(&count));
  EXPECT_THAT(short_input.status().message(), HasSubstr("shorter than its checksum"));
}

TEST(SnapshotIoTest, ViewsBecomeOffsetsInTheBlocksLaidEndToEnd) {
  const std::string a = "alpha", b = "beta";
  ViewEncoder encoder({a, b});
  EXPECT_EQ(encoder.space_size(), 9u);
  EXPECT_EQ(*encoder.Offset(absl::string_view(a).substr(1, 3)), 1u);
  EXPECT_EQ(*encoder.Offset(b), 5u);
  EXPECT_EQ(*encoder.Offset(absl::string_view()), 0u);
  const std::string elsewhere = "gamma";
  EXPECT_EQ(encoder.Offset(elsewhere).status().code(), absl::StatusCode::kInternal);
  // Running past a block's end is not inside it.
  EXPECT_FALSE(encoder.Offset(absl::string_view(a.data() + 3, 4)).ok());

  const std::string space = "alphabeta";
  ViewDecoder decoder(space);
  absl::string_view v;
  ASSERT_TRUE(decoder.View(5, 4, &v));
  EXPECT_EQ(v, "beta");
  EXPECT_FALSE(decoder.View(6, 4, &v));
  EXPECT_FALSE(decoder.View(UINT64_MAX, 2, &v));
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST(SnapshotIoTest, TheProgramFingerprintIsMadeOfBuildIds) {
  absl::StatusOr<std::string> fingerprint = ProgramFingerprint();
  ASSERT_TRUE(fingerprint.ok()) << fingerprint.status();
  EXPECT_EQ(fingerprint->size(), 32u);
  EXPECT_EQ(fingerprint->find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(*ProgramFingerprint(), *fingerprint);
}

}  // namespace
}  // namespace parley
