#include "service/base/atomic_file.h"

#include <filesystem>
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

}  // namespace

absl::Status WriteFileAtomically(const std::string& path, absl::string_view contents) {
  const std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string tmpl = (dir / absl::StrCat(".", target.filename().string(), ".tmp-XXXXXX")).string();
  std::vector<char> tmp_path(tmpl.begin(), tmpl.end());
  tmp_path.push_back('\0');
  const int fd = mkstemp(tmp_path.data());
  if (fd < 0) return Failure("mkstemp", path, errno);
  auto fail = [&](absl::string_view call) {
    const int error = errno;
    close(fd);
    unlink(tmp_path.data());
    return Failure(call, path, error);
  };
  for (size_t done = 0; done < contents.size();) {
    const ssize_t n = write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write");
    }
    done += static_cast<size_t>(n);
  }
  // mkstemp makes the file 0600; corpus files are ordinary readable files.
  if (fchmod(fd, 0644) != 0) return fail("fchmod");
  if (fsync(fd) != 0) return fail("fsync");
  if (close(fd) != 0) {
    const int error = errno;
    unlink(tmp_path.data());
    return Failure("close", path, error);
  }
  if (rename(tmp_path.data(), path.c_str()) != 0) {
    const int error = errno;
    unlink(tmp_path.data());
    return Failure("rename", path, error);
  }
  // Make the rename durable.
  const int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd < 0) return Failure("open directory", path, errno);
  const int sync_result = fsync(dir_fd);
  const int sync_error = errno;
  close(dir_fd);
  if (sync_result != 0) return Failure("fsync directory", path, sync_error);
  return absl::OkStatus();
}

}  // namespace parley
