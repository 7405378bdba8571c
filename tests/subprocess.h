// Test helpers that run the project's binaries as child processes, bounded
// in time: a command to completion with its output, and a parley-server kept
// running on 127.0.0.1 with a port it chose itself.
#ifndef PARLEY_TESTS_SUBPROCESS_H_
#define PARLEY_TESTS_SUBPROCESS_H_

#include <string>
#include <vector>

#include <sys/types.h>

#include "absl/time/time.h"

namespace parley::testing {

struct RunResult {
  int exit_code = -1;  // -1 if killed by a signal or timed out
  std::string out;
  std::string err;
};

// Runs argv[0] with argv, killing it after timeout.
RunResult RunCommand(const std::vector<std::string>& argv,
                     absl::Duration timeout = absl::Seconds(30));

// parley-server on 127.0.0.1 port 0, started with extra flags.
class ServerProcess {
 public:
  // Starts the server and waits (bounded) until it wrote its port file.
  ServerProcess(const std::string& binary, const std::vector<std::string>& flags);
  ~ServerProcess();

  int port() const { return port_; }
  int admin_port() const { return admin_port_; }
  int metrics_port() const { return metrics_port_; }  // 0 without --metrics_listen
  std::string admin_address() const { return "127.0.0.1:" + std::to_string(admin_port_); }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  // Sends sig and returns at once.
  void Send(int sig) const;
  // Sends sig and waits (bounded) for the exit status; -1 on timeout.
  int Signal(int sig, absl::Duration timeout = absl::Seconds(15));
  // What the server wrote to stderr so far (its log).
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int admin_port_ = 0;
  int metrics_port_ = 0;
  std::string dir_;
};

// GET path from 127.0.0.1:port over HTTP/1.1: the whole response, headers
// included; "" if nothing listens (5 s timeout on reads).
std::string HttpGet(int port, const std::string& path);

// Waits (bounded: 5 s) until `cli health` says the server is SERVING;
// returns whether it did.
bool WaitServing(const std::string& cli, const ServerProcess& server);

// Runs command with /bin/sh, where `parley` is the CLI at cli with
// --server=server (so that pipes and redirections work as a user types them).
RunResult RunWithParley(const std::string& cli, const std::string& server,
                        const std::string& command);

// A writable copy of a corpus directory in /tmp, removed when destroyed.
class CorpusCopy {
 public:
  explicit CorpusCopy(const std::string& from);
  ~CorpusCopy();
  CorpusCopy(const CorpusCopy&) = delete;
  CorpusCopy& operator=(const CorpusCopy&) = delete;

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

}  // namespace parley::testing

#endif  // PARLEY_TESTS_SUBPROCESS_H_
