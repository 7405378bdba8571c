#include "service/corpus/content_stamp.h"

#include <cerrno>
#include <cstring>

#include <sys/stat.h>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace parley {
namespace {

constexpr absl::string_view kFirstLine = "parley content stamp 1";
constexpr absl::string_view kLastLine = "end";

int64_t Nanoseconds(const struct timespec& t) {
  return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// "name value" lines: the value, or false.
bool Field(absl::string_view line, absl::string_view name, absl::string_view* value) {
  if (!absl::ConsumePrefix(&line, name) || !absl::ConsumePrefix(&line, " ")) return false;
  *value = line;
  return true;
}

absl::Status Damaged(absl::string_view why) {
  return absl::DataLossError(absl::StrCat("not a whole content stamp: ", why));
}

}  // namespace

absl::StatusOr<FileStamp> ContentStamp::StatFile(const std::string& path,
                                                 std::string relative_path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot read file: ", strerror(errno)));
  }
  FileStamp file;
  file.relative_path = std::move(relative_path);
  file.size = static_cast<uint64_t>(st.st_size);
  file.device = static_cast<uint64_t>(st.st_dev);
  file.inode = static_cast<uint64_t>(st.st_ino);
  file.modified_ns = Nanoseconds(st.st_mtim);
  file.changed_ns = Nanoseconds(st.st_ctim);
  return file;
}

std::string ContentStamp::Serialize() const {
  std::string out = absl::StrCat(kFirstLine, "\ndata_dir ", absl::CEscape(data_dir_),
                                 "\ntaken_at_ns ", absl::ToUnixNanos(taken_at_), "\nsha256 ",
                                 content_sha256_, "\nfiles ", files_.size(), "\n");
  for (const FileStamp& f : files_) {
    absl::StrAppend(&out, f.size, " ", f.device, " ", f.inode, " ", f.modified_ns, " ",
                    f.changed_ns, " ", absl::CEscape(f.relative_path), "\n");
  }
  absl::StrAppend(&out, kLastLine, "\n");
  return out;
}

absl::StatusOr<ContentStamp> ContentStamp::Parse(absl::string_view bytes) {
  if (!absl::ConsumeSuffix(&bytes, "\n")) return Damaged("no final newline");
  const std::vector<absl::string_view> lines = absl::StrSplit(bytes, '\n');
  if (lines.size() < 6 || lines[0] != kFirstLine) return Damaged("another format");
  absl::string_view data_dir, taken_at, sha256, count_text;
  int64_t taken_at_ns = 0;
  size_t count = 0;
  std::string unescaped_dir;
  if (!Field(lines[1], "data_dir", &data_dir) || !absl::CUnescape(data_dir, &unescaped_dir) ||
      !Field(lines[2], "taken_at_ns", &taken_at) || !absl::SimpleAtoi(taken_at, &taken_at_ns) ||
      !Field(lines[3], "sha256", &sha256) || sha256.size() != 64 ||
      !Field(lines[4], "files", &count_text) || !absl::SimpleAtoi(count_text, &count)) {
    return Damaged("bad header");
  }
  if (lines.size() != count + 6 || lines.back() != kLastLine) {
    return Damaged(absl::StrCat(count, " files announced, ", lines.size() - 6, " present"));
  }
  std::vector<FileStamp> files(count);
  for (size_t i = 0; i < count; ++i) {
    const std::vector<absl::string_view> parts =
        absl::StrSplit(lines[5 + i], absl::MaxSplits(' ', 5));
    FileStamp& f = files[i];
    if (parts.size() != 6 || !absl::SimpleAtoi(parts[0], &f.size) ||
        !absl::SimpleAtoi(parts[1], &f.device) || !absl::SimpleAtoi(parts[2], &f.inode) ||
        !absl::SimpleAtoi(parts[3], &f.modified_ns) || !absl::SimpleAtoi(parts[4], &f.changed_ns) ||
        !absl::CUnescape(parts[5], &f.relative_path)) {
      return Damaged(absl::StrCat("bad line ", 6 + i));
    }
  }
  return ContentStamp(std::move(unescaped_dir), absl::FromUnixNanos(taken_at_ns), std::move(files),
                      std::string(sha256));
}

bool ContentStamp::Vouches(absl::string_view data_dir, const std::vector<FileStamp>& now) const {
  if (data_dir != data_dir_ || now.size() != files_.size()) return false;
  const int64_t settled_before = absl::ToUnixNanos(taken_at_ - kRacyMargin);
  for (size_t i = 0; i < files_.size(); ++i) {
    const FileStamp& f = files_[i];
    if (!(f == now[i]) || f.modified_ns >= settled_before || f.changed_ns >= settled_before) {
      return false;
    }
  }
  return true;
}

}  // namespace parley
