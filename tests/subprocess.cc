#include "tests/subprocess.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace parley::testing {
namespace {

std::vector<char*> Argv(const std::vector<std::string>& args) {
  std::vector<char*> out;
  for (const std::string& a : args) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

int WaitExit(pid_t pid, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  int status = 0;
  while (absl::Now() < deadline) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    absl::SleepFor(absl::Milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}

}  // namespace

RunResult RunCommand(const std::vector<std::string>& argv, absl::Duration timeout) {
  int out_pipe[2], err_pipe[2];
  RunResult result;
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return result;
  // Everything the child needs is made before fork(): between fork and exec
  // only async-signal-safe calls. An allocation there can wait forever on an
  // allocator lock that another thread of this process held at the fork (it
  // did under ASan in CI: a CLI that never ran, killed after 90 s).
  std::vector<char*> args = Argv(argv);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    close(out_pipe[0]);
    close(err_pipe[0]);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  const absl::Time deadline = absl::Now() + timeout;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  while (open_fds > 0 && absl::Now() < deadline) {
    if (poll(fds, 2, 100) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP)) == 0) continue;
      char buffer[4096];
      const ssize_t n = read(fds[i].fd, buffer, sizeof(buffer));
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (pollfd& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  result.exit_code = WaitExit(pid, std::max(absl::Seconds(1), deadline - absl::Now()));
  return result;
}

ServerProcess::ServerProcess(const std::string& binary, const std::vector<std::string>& flags) {
  char tmpl[] = "/tmp/parley-test-XXXXXX";
  dir_ = mkdtemp(tmpl);
  const std::string port_file = dir_ + "/port";
  std::vector<std::string> argv = {binary, "--listen=127.0.0.1:0", "--admin_listen=127.0.0.1:0",
                                   "--port_file=" + port_file};
  argv.insert(argv.end(), flags.begin(), flags.end());
  // Made before fork(), as in RunCommand: no allocation in the child.
  const std::string log_path = dir_ + "/log";
  std::vector<char*> args = Argv(argv);
  pid_ = fork();
  if (pid_ == 0) {
    const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(log, 2);
    execv(args[0], args.data());
    _exit(127);
  }
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (absl::Now() < deadline) {
    std::ifstream in(port_file);
    if (in >> port_) {
      std::ifstream admin(port_file + ".admin");
      admin >> admin_port_;
      std::ifstream metrics(port_file + ".metrics");
      metrics >> metrics_port_;
      break;
    }
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
}

std::string HttpGet(int port, const std::string& path) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return "";
  }
  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  (void)!write(fd, request.data(), request.size());
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof(buffer))) > 0;) response.append(buffer, n);
  close(fd);
  return response;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Signal(SIGKILL, absl::Seconds(5));
  std::string cmd = "rm -rf " + dir_;
  (void)system(cmd.c_str());
}

void ServerProcess::Send(int sig) const {
  if (pid_ > 0) kill(pid_, sig);
}

int ServerProcess::Signal(int sig, absl::Duration timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, sig);
  const int code = WaitExit(pid_, timeout);
  pid_ = -1;
  return code;
}

std::string ServerProcess::Log() const {
  std::ifstream in(dir_ + "/log");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool WaitServing(const std::string& cli, const ServerProcess& server) {
  for (int i = 0; i < 200; ++i) {
    if (RunCommand({cli, "health", "--server=" + server.address()}).exit_code == 0) return true;
    absl::SleepFor(absl::Milliseconds(25));
  }
  return false;
}

RunResult RunWithParley(const std::string& cli, const std::string& server,
                        const std::string& command) {
  return RunCommand(
      {"/bin/sh", "-c",
       absl::StrCat("parley() { '", cli, "' \"$@\" --server=", server, "; }; ", command)});
}

CorpusCopy::CorpusCopy(const std::string& from) {
  char tmpl[] = "/tmp/parley-corpus-XXXXXX";
  dir_ = mkdtemp(tmpl);
  std::filesystem::copy(from, dir_, std::filesystem::copy_options::recursive);
}

CorpusCopy::~CorpusCopy() { std::filesystem::remove_all(dir_); }

}  // namespace parley::testing
