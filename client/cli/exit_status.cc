#include "client/cli/exit_status.h"

#include <string>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/types/span.h"

namespace parley::cli {
namespace {

// A status payload that fixes the exit code, for outcomes that no status
// code names (an ambiguous name) or that are already shown.
constexpr absl::string_view kExitCodePayload = "type.parley/cli.ExitCode";
constexpr absl::string_view kShownPayload = "type.parley/cli.Shown";
constexpr absl::string_view kAdminTargetPayload = "type.parley/cli.AdminTarget";

// gRPC's words for a connection that could not be made.
bool NoConnection(absl::string_view message) {
  for (absl::string_view words :
       {"failed to connect", "Connection refused", "connections to all backends failing",
        "DNS resolution failed", "Socket closed", "No such file or directory"}) {
    if (absl::StrContains(message, words)) return true;
  }
  return false;
}

std::optional<ExitCode> ExitCodePayload(const absl::Status& status) {
  const auto payload = status.GetPayload(kExitCodePayload);  // absl::optional<absl::Cord>
  int code = 0;
  if (!payload.has_value() || !absl::SimpleAtoi(std::string(*payload), &code)) {
    return std::nullopt;
  }
  return static_cast<ExitCode>(code);
}

absl::Status WithExitCode(absl::Status status, ExitCode code) {
  status.SetPayload(kExitCodePayload, absl::Cord(absl::StrCat(static_cast<int>(code))));
  return status;
}

// The server's words for what to fix, in the CLI's: request fields become
// flags, RPCs the commands that call them.
constexpr std::pair<absl::string_view, absl::string_view> kApiToCli[] = {
    {"filter.from_date", "--from"},
    {"filter.to_date", "--to"},
    {"examples[0].date", "--date"},  // parley match sends one example
    {"filter.topics", "--topic"},
    {"filter.kinds", "--kind"},
    {"filter.publisher", "--publisher"},
    {"filter.participant_ids", "--person"},
    {"filter.organization_ids", "--org"},
    {"filter.country_ids", "--country"},
    {"filter.mentioned_entity_ids", "--mentions"},
    {"filter.place", "--place"},
    {"filter.title_words", "--title"},
    {"extracted.min_confidence", "--min_confidence"},
    {"page_size", "--limit"},
    {"with ListDocuments", "with parley documents"},
    {"with ListEvents", "with parley events"},
    {"with SearchEntities", "with parley search"},
};

}  // namespace

std::string InCliTerms(absl::string_view message) {
  return absl::StrReplaceAll(message, absl::MakeConstSpan(kApiToCli));
}

absl::Status AmbiguousNameError(absl::string_view message) {
  return WithExitCode(absl::FailedPreconditionError(message), kAmbiguous);
}

absl::Status ShownFailure(ExitCode code) {
  absl::Status status = WithExitCode(absl::UnknownError("shown on standard output"), code);
  status.SetPayload(kShownPayload, absl::Cord());
  return status;
}

ExitCode ExitCodeFor(const absl::Status& status) {
  if (std::optional<ExitCode> code = ExitCodePayload(status)) return *code;
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return kOk;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kPermissionDenied:
      return kBadInput;
    case absl::StatusCode::kNotFound:
      return kNotFound;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return kUnavailable;
    default:
      return kError;
  }
}

absl::Status AdminCallError(absl::Status status, absl::string_view target) {
  if (!status.ok()) status.SetPayload(kAdminTargetPayload, absl::Cord(target));
  return status;
}

std::string ErrorMessageFor(const absl::Status& status) {
  if (status.ok() || status.GetPayload(kShownPayload).has_value()) return "";
  if (absl::optional<absl::Cord> admin = status.GetPayload(kAdminTargetPayload)) {
    const std::string target(*admin);
    const std::string code(absl::StatusCodeToString(status.code()));
    if (status.code() == absl::StatusCode::kUnavailable && NoConnection(status.message())) {
      return absl::StrCat(code, ": ", status.message(),
                          " (is parley-server's admin listener at --admin=", target,
                          "? that is its --admin_listen address)");
    }
    if (status.code() == absl::StatusCode::kUnimplemented) {
      return absl::StrCat(code, " (--admin=", target,
                          " does not serve parley.v1.AdminService: give the server's "
                          "--admin_listen address, not its public port)");
    }
    if (status.code() == absl::StatusCode::kUnavailable ||
        status.code() == absl::StatusCode::kDeadlineExceeded) {
      return absl::StrCat(code, ": ", InCliTerms(status.message()));
    }
  }
  if (status.code() == absl::StatusCode::kUnavailable ||
      status.code() == absl::StatusCode::kDeadlineExceeded) {
    return absl::StrCat(absl::StatusCodeToString(status.code()), ": ", status.message(),
                        " (is parley-server running at the --server address?)");
  }
  if (status.code() == absl::StatusCode::kUnimplemented) {
    return absl::StrCat("UNIMPLEMENTED", status.message().empty() ? "" : ": ", status.message(),
                        " (the server at --server does not answer this command: is that its "
                        "admin port, or an older parley-server?)");
  }
  if (status.code() == absl::StatusCode::kResourceExhausted) {
    return absl::StrCat("RESOURCE_EXHAUSTED: ", InCliTerms(status.message()),
                        " (the request or its answer is larger than the server takes, or the "
                        "server is busy: send less, or try again later)");
  }
  if (status.message().empty()) return absl::StatusCodeToString(status.code());
  return InCliTerms(status.message());
}

int ReportStatus(const absl::Status& status, std::ostream& err) {
  if (const std::string message = ErrorMessageFor(status); !message.empty()) {
    err << "parley: " << message << "\n";
  }
  return ExitCodeFor(status);
}

}  // namespace parley::cli
