#include "client/cli/common_flags.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "absl/strings/str_join.h"

namespace parley::cli {

void AddGlobalFlags(FlagSet& flags) {
  flags.AddString("server", "",
                  "Server target: host:port, dns:///name:port or ipv4:a:p,b:p "
                  "(default $PARLEY_SERVER, else 127.0.0.1:50051)");
  flags.AddDuration("deadline", absl::Seconds(5), "Deadline of every call, e.g. 500ms, 5s");
  flags.AddBool("json", false, "Print the API response as JSON (the same as --format=json)");
  flags.AddString("format", "",
                  "Output: table (the default), csv or tsv (listings), json, jsonl; "
                  "graph and timeline: dot, svg or png");
  flags.AddString("tls_ca", "", "PEM CA that signed the server's certificate: use TLS");
  flags.AddString("tls_cert", "", "PEM client certificate, for servers that require mutual TLS");
  flags.AddString("tls_key", "", "PEM private key of --tls_cert");
  flags.AddString("tls_server_name", "",
                  "Name the server certificate must carry, if not the --server host "
                  "(e.g. localhost)");
}

absl::StatusOr<ClientOptions> ClientOptionsFromFlags(const FlagSet& flags) {
  ClientOptions options;
  options.target = flags.GetString("server");
  if (options.target.empty()) {
    const char* env = std::getenv("PARLEY_SERVER");
    options.target = env != nullptr && *env != '\0' ? env : kDefaultServer;
  }
  options.deadline = flags.GetDuration("deadline");
  if (options.deadline <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--deadline must be positive, e.g. 5s or 500ms");
  }
  options.tls_ca_file = flags.GetString("tls_ca");
  options.tls_cert_file = flags.GetString("tls_cert");
  options.tls_key_file = flags.GetString("tls_key");
  options.tls_server_name = flags.GetString("tls_server_name");
  return options;
}

absl::StatusOr<std::string> FormatFromFlags(const FlagSet& flags,
                                            const std::vector<std::string>& formats,
                                            absl::string_view command) {
  std::string format = absl::AsciiStrToLower(flags.GetString("format"));
  if (flags.GetBool("json")) {
    if (!format.empty() && format != "json") {
      return absl::InvalidArgumentError(
          absl::StrCat("--json and --format=", format, " disagree; give one of them"));
    }
    format = "json";
  }
  if (format.empty()) return formats.front();
  if (std::find(formats.begin(), formats.end(), format) == formats.end()) {
    return absl::InvalidArgumentError(absl::StrCat("--format=", flags.GetString("format"),
                                                   " is not one parley ", command, " prints; use ",
                                                   absl::StrJoin(formats, ", ")));
  }
  return format;
}

void AddLimitFlag(FlagSet& flags) {
  flags.AddCount("limit", 0, "At most this many rows (0 = all)");
}

void AddExtractedFactFlags(FlagSet& flags) {
  flags.AddBool("curated_only", false, "Leave out facts extracted from unannotated articles");
  flags.AddOptionalDouble("min_confidence", std::string(kServerDefaultMinConfidenceText),
                          "Leave out extracted facts below this confidence, 0 to 1; 0 shows "
                          "them all (docs/EXTRACTION.md, Calibration)");
}

v1::ExtractedFactsFilter ExtractedFilterFromFlags(const FlagSet& flags) {
  v1::ExtractedFactsFilter filter;
  filter.set_exclude(flags.GetBool("curated_only"));
  if (std::optional<double> floor = flags.GetOptionalDouble("min_confidence")) {
    filter.set_min_confidence(*floor);
  }
  return filter;
}

}  // namespace parley::cli
