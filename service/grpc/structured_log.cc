#include "service/grpc/structured_log.h"

#include <atomic>
#include <memory>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace parley {
namespace {

// Marks a message whose payload is JSON members already ("msg":..., ...).
constexpr char kMembersMarker = '\x1e';

std::atomic<bool> json_logs{false};

void AppendJsonString(absl::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(out, "\\u%04x", c);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

// %* in the JSON pattern: "msg":"<escaped message>", or the members of a
// structured event as they are.
class JsonMessage final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm& /*tm*/,
              spdlog::memory_buf_t& dest) override {
    const absl::string_view payload(msg.payload.data(), msg.payload.size());
    std::string out;
    if (!payload.empty() && payload[0] == kMembersMarker) {
      out = std::string(payload.substr(1));
    } else {
      out = "\"msg\":";
      AppendJsonString(payload, &out);
    }
    dest.append(out.data(), out.data() + out.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessage>();
  }
};

}  // namespace

absl::Status InstallLogging(absl::string_view format, absl::string_view level) {
  const spdlog::level::level_enum threshold = spdlog::level::from_str(std::string(level));
  if (level != "debug" && level != "info" && level != "warn" && level != "error") {
    return absl::InvalidArgumentError(
        absl::StrCat("--log_level=", level, " is not known: use debug, info, warn or error"));
  }
  if (format != "text" && format != "json") {
    return absl::InvalidArgumentError(
        absl::StrCat("--log_format=", format, " is not known: use text or json"));
  }
  spdlog::set_default_logger(spdlog::stderr_logger_mt("parley"));
  spdlog::set_level(threshold);
  json_logs.store(format == "json", std::memory_order_relaxed);
  if (format == "json") {
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<JsonMessage>('*').set_pattern(
        R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%*})");
    spdlog::set_formatter(std::move(formatter));
  } else {
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %l %v", spdlog::pattern_time_type::utc);
  }
  return absl::OkStatus();
}

void LogEvent(spdlog::level::level_enum level, absl::string_view event,
              std::initializer_list<LogField> fields) {
  if (!spdlog::default_logger_raw()->should_log(level)) return;
  std::string line;
  if (json_logs.load(std::memory_order_relaxed)) {
    line.push_back(kMembersMarker);
    line.append("\"msg\":");
    AppendJsonString(event, &line);
    for (const LogField& f : fields) {
      line.push_back(',');
      AppendJsonString(f.key, &line);
      line.push_back(':');
      if (const auto* number = std::get_if<int64_t>(&f.value)) {
        absl::StrAppend(&line, *number);
      } else {
        AppendJsonString(std::get<std::string>(f.value), &line);
      }
    }
  } else {
    line = std::string(event);
    for (const LogField& f : fields) {
      absl::StrAppend(&line, " ", f.key, "=");
      if (const auto* number = std::get_if<int64_t>(&f.value)) {
        absl::StrAppend(&line, *number);
      } else {
        absl::StrAppend(&line, std::get<std::string>(f.value));
      }
    }
  }
  spdlog::log(level, "{}", line);
}

}  // namespace parley
