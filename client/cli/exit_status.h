// How the outcome of a parley command becomes its exit code and its one
// error message: commands return an absl::Status, and ReportStatus is the
// only place that prints "parley: <message>" and picks the exit code.
//
// Exit codes: 0 ok, 1 other error, 2 bad input or usage, 3 not found,
// 4 ambiguous name, 5 server unavailable or deadline exceeded.
// Status codes map as the server's errors do: INVALID_ARGUMENT, OUT_OF_RANGE,
// FAILED_PRECONDITION, ALREADY_EXISTS, UNAUTHENTICATED and PERMISSION_DENIED
// are bad input; NOT_FOUND is not found; UNAVAILABLE and DEADLINE_EXCEEDED
// are an unavailable server (the message says to check --server).
//
// Thread-safety: stateless functions.
#ifndef PARLEY_CLIENT_CLI_EXIT_STATUS_H_
#define PARLEY_CLIENT_CLI_EXIT_STATUS_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace parley::cli {

enum ExitCode {
  kOk = 0,
  kError = 1,
  kBadInput = 2,
  kNotFound = 3,
  kAmbiguous = 4,
  kUnavailable = 5,
};

// A name that matches several entities equally well (exit 4).
absl::Status AmbiguousNameError(absl::string_view message);

// A failure the command has already shown on standard output (e.g. health
// printing NOT_SERVING): exit with code, print nothing more.
absl::Status ShownFailure(ExitCode code);

// status of a call to the admin listener at target (--admin): its message
// then points at --admin, not --server, and an UNAVAILABLE the server itself
// answered (its store is away) gets no hint about a server not running.
absl::Status AdminCallError(absl::Status status, absl::string_view target);

ExitCode ExitCodeFor(const absl::Status& status);

// message with the server's words for what to fix in the CLI's: request
// fields as flags ("filter.from_date" -> "--from"), RPCs as the commands that
// call them ("list ids with ListDocuments" -> "... with parley documents").
std::string InCliTerms(absl::string_view message);

// What "parley: " precedes on standard error, in the CLI's terms; empty for
// ok and shown failures.
std::string ErrorMessageFor(const absl::Status& status);

// Prints the error message, if any, to err and returns the exit code.
int ReportStatus(const absl::Status& status, std::ostream& err);

}  // namespace parley::cli

#endif  // PARLEY_CLIENT_CLI_EXIT_STATUS_H_
