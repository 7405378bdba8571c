#include "service/base/atomic_file.h"

#include <filesystem>
#include <utility>
#include <vector>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"

namespace parley {
namespace {

absl::Status Failure(absl::string_view call, const std::string& path, int error) {
  std::string message = absl::StrCat("cannot write ", path, ": ", call, ": ", strerror(error));
  return error == ENOENT ? absl::NotFoundError(message) : absl::InternalError(message);
}

constexpr size_t kBufferSize = 1 << 20;

}  // namespace

absl::StatusOr<std::unique_ptr<AtomicFileWriter>> AtomicFileWriter::Create(const std::string& path,
                                                                           int mode) {
  const std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string tmpl = (dir / absl::StrCat(".", target.filename().string(), ".tmp-XXXXXX")).string();
  std::vector<char> tmp_path(tmpl.begin(), tmpl.end());
  tmp_path.push_back('\0');
  const int fd = mkstemp(tmp_path.data());
  if (fd < 0) return Failure("mkstemp", path, errno);
  auto writer = std::unique_ptr<AtomicFileWriter>(
      new AtomicFileWriter(path, std::string(tmp_path.data()), fd, mode));
  writer->buffer_.reserve(kBufferSize);
  return writer;
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) {
    close(fd_);
    unlink(tmp_path_.c_str());
  }
}

absl::Status AtomicFileWriter::Fail(absl::string_view call, int error) {
  if (fd_ >= 0) {
    close(fd_);
    fd_ = -1;
    unlink(tmp_path_.c_str());
  }
  status_ = Failure(call, path_, error);
  return status_;
}

absl::Status AtomicFileWriter::WriteAll(absl::string_view bytes) {
  for (size_t done = 0; done < bytes.size();) {
    const ssize_t n = write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail("write", errno);
    }
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::Status AtomicFileWriter::Flush() {
  absl::Status written = WriteAll(buffer_);
  buffer_.clear();
  return written;
}

absl::Status AtomicFileWriter::Append(absl::string_view bytes) {
  if (!status_.ok()) return status_;
  if (buffer_.size() + bytes.size() > kBufferSize) {
    if (absl::Status flushed = Flush(); !flushed.ok()) return flushed;
  }
  if (bytes.size() >= kBufferSize) return WriteAll(bytes);
  buffer_.append(bytes.data(), bytes.size());
  return absl::OkStatus();
}

absl::Status AtomicFileWriter::Commit() {
  if (!status_.ok()) return status_;
  if (absl::Status flushed = Flush(); !flushed.ok()) return flushed;
  // mkstemp makes the file 0600; corpus files are ordinary readable files.
  if (fchmod(fd_, static_cast<mode_t>(mode_)) != 0) return Fail("fchmod", errno);
  if (fsync(fd_) != 0) return Fail("fsync", errno);
  const int fd = std::exchange(fd_, -1);
  if (close(fd) != 0) {
    const int error = errno;
    unlink(tmp_path_.c_str());
    return status_ = Failure("close", path_, error);
  }
  if (rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    const int error = errno;
    unlink(tmp_path_.c_str());
    return status_ = Failure("rename", path_, error);
  }
  // Make the rename durable.
  std::filesystem::path dir = std::filesystem::path(path_).parent_path();
  if (dir.empty()) dir = ".";
  const int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd < 0) return status_ = Failure("open directory", path_, errno);
  const int sync_result = fsync(dir_fd);
  const int sync_error = errno;
  close(dir_fd);
  if (sync_result != 0) return status_ = Failure("fsync directory", path_, sync_error);
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const std::string& path, absl::string_view contents) {
  absl::StatusOr<std::unique_ptr<AtomicFileWriter>> writer = AtomicFileWriter::Create(path);
  if (!writer.ok()) return writer.status();
  if (absl::Status appended = (*writer)->Append(contents); !appended.ok()) return appended;
  return (*writer)->Commit();
}

}  // namespace parley
