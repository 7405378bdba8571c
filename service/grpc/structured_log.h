// The server's log: lines on stderr, as text ("2026-12-02T17:00:00.000Z info
// rpc method=... status=OK") or as JSON objects with a field per fact
// ({"ts": ..., "level": "info", "msg": "rpc", "method": ..., "latency_us": 812}),
// so that a log pipeline can filter on method or status without parsing
// the message. Plain spdlog calls still work and carry only "msg".
//
// Thread-safety: InstallLogging once, before serving; LogEvent from any thread.
#ifndef PARLEY_SERVICE_GRPC_STRUCTURED_LOG_H_
#define PARLEY_SERVICE_GRPC_STRUCTURED_LOG_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <variant>

#include <spdlog/spdlog.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace parley {

// format: "text" or "json"; level: "debug", "info", "warn", "error" (what
// is below it is not logged). INVALID_ARGUMENT naming the flag otherwise.
[[nodiscard]] absl::Status InstallLogging(absl::string_view format, absl::string_view level);

struct LogField {
  absl::string_view key;
  std::variant<std::string, int64_t> value;  // numbers stay numbers in JSON
};

// Logs event with its fields (keys are plain identifiers).
void LogEvent(spdlog::level::level_enum level, absl::string_view event,
              std::initializer_list<LogField> fields);

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_STRUCTURED_LOG_H_
