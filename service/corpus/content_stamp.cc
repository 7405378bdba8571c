#include "service/corpus/content_stamp.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <sys/stat.h>
#include <sys/statfs.h>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
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

bool ContentStamp::OnLocalFileSystem(const std::string& path) {
  struct statfs fs;
  if (statfs(path.c_str(), &fs) != 0) return false;
  switch (static_cast<uint64_t>(static_cast<uint32_t>(fs.f_type))) {
    case 0x6969:      // NFS
    case 0x517B:      // SMB
    case 0xFF534D42:  // CIFS
    case 0xFE534D42:  // SMB2
    case 0x65735546:  // FUSE: virtiofs, sshfs, ...
    case 0x01021997:  // 9p (v9fs)
    case 0x00C36400:  // Ceph
    case 0x5346414F:  // AFS
    case 0x6B414653:  // kAFS
    case 0x0BD00BD0:  // Lustre
    case 0x01161970:  // GFS2
    case 0x7461636F:  // OCFS2
    case 0x73757245:  // Coda
    case 0x47504653:  // GPFS
      return false;
    default:
      return true;
  }
}

std::string ContentStamp::Serialize() const {
  std::string out =
      absl::StrCat(kFirstLine, "\ndata_dir ", absl::CEscape(data_dir_), "\ncontext ",
                   absl::CEscape(context_), "\ntaken_at_ns ", absl::ToUnixNanos(taken_at_),
                   "\nsha256 ", content_sha256_, "\nfiles ", files_.size(), "\n");
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
  constexpr size_t kHeader = 6;  // lines before the files'
  if (lines.size() < kHeader + 1 || lines[0] != kFirstLine) return Damaged("another format");
  absl::string_view data_dir, context, taken_at, sha256, count_text;
  int64_t taken_at_ns = 0;
  size_t count = 0;
  std::string unescaped_dir, unescaped_context;
  const auto is_hex = [](char c) { return absl::ascii_isdigit(c) || (c >= 'a' && c <= 'f'); };
  if (!Field(lines[1], "data_dir", &data_dir) || !absl::CUnescape(data_dir, &unescaped_dir) ||
      !Field(lines[2], "context", &context) || !absl::CUnescape(context, &unescaped_context) ||
      !Field(lines[3], "taken_at_ns", &taken_at) || !absl::SimpleAtoi(taken_at, &taken_at_ns) ||
      !Field(lines[4], "sha256", &sha256) || sha256.size() != 64 ||
      !std::all_of(sha256.begin(), sha256.end(), is_hex) ||
      !Field(lines[5], "files", &count_text) || !absl::SimpleAtoi(count_text, &count)) {
    return Damaged("bad header");
  }
  if (lines.size() != count + kHeader + 1 || lines.back() != kLastLine) {
    return Damaged(
        absl::StrCat(count, " files announced, ", lines.size() - kHeader - 1, " present"));
  }
  std::vector<FileStamp> files(count);
  for (size_t i = 0; i < count; ++i) {
    const std::vector<absl::string_view> parts =
        absl::StrSplit(lines[kHeader + i], absl::MaxSplits(' ', 5));
    FileStamp& f = files[i];
    if (parts.size() != 6 || !absl::SimpleAtoi(parts[0], &f.size) ||
        !absl::SimpleAtoi(parts[1], &f.device) || !absl::SimpleAtoi(parts[2], &f.inode) ||
        !absl::SimpleAtoi(parts[3], &f.modified_ns) || !absl::SimpleAtoi(parts[4], &f.changed_ns) ||
        !absl::CUnescape(parts[5], &f.relative_path)) {
      return Damaged(absl::StrCat("bad line ", kHeader + i + 1));
    }
  }
  return ContentStamp(std::move(unescaped_dir), std::move(unescaped_context),
                      absl::FromUnixNanos(taken_at_ns), std::move(files), std::string(sha256));
}

bool ContentStamp::Vouches(absl::string_view data_dir, absl::string_view context,
                           const std::vector<FileStamp>& now, absl::Time checked_at) const {
  if (data_dir != data_dir_ || context != context_ || checked_at < taken_at_ ||
      now.size() != files_.size()) {
    return false;
  }
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
