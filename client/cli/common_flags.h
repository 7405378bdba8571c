// Flags that more than one parley command declares, and what they become:
// the global flags every command takes (--server, --deadline, --json, TLS),
// --limit, the extracted-facts filter, and enum values typed as words.
//
// Thread-safety: stateless functions.
#ifndef PARLEY_CLIENT_CLI_COMMON_FLAGS_H_
#define PARLEY_CLIENT_CLI_COMMON_FLAGS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "client/cli/flag_set.h"
#include "client/parley_client.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/generated_enum_reflection.h"
#include "parley/v1/lookup_service.pb.h"

namespace parley::cli {

// --server, --deadline, --json, --format, --tls_ca, --tls_cert, --tls_key, --tls_server_name.
void AddGlobalFlags(FlagSet& flags);

// Where a local parley-server listens by default: its public and admin ports.
inline constexpr char kDefaultServer[] = "127.0.0.1:50051";
inline constexpr char kDefaultAdmin[] = "127.0.0.1:50052";

// The client options of the global flags: --server, else $PARLEY_SERVER,
// else kDefaultServer. INVALID_ARGUMENT for a deadline that is not positive.
absl::StatusOr<ClientOptions> ClientOptionsFromFlags(const FlagSet& flags);

// The output format of --format (or "json" for --json): one of formats,
// formats[0] when neither is given. INVALID_ARGUMENT naming the flag and
// the formats command takes otherwise.
absl::StatusOr<std::string> FormatFromFlags(const FlagSet& flags,
                                            const std::vector<std::string>& formats,
                                            absl::string_view command);

// --limit: stop fetching pages once this many rows have come (0 = all).
void AddLimitFlag(FlagSet& flags);

// --curated_only and --min_confidence, and the filter they make. Without
// --min_confidence the filter leaves min_confidence unset and the server's
// default floor applies; --min_confidence=0 shows every extracted fact.
void AddExtractedFactFlags(FlagSet& flags);
v1::ExtractedFactsFilter ExtractedFilterFromFlags(const FlagSet& flags);

// What --min_confidence's usage says leaving it out means. The server's
// floor is kDefaultMinExtractedConfidence (service/lookup/extracted_filter.h),
// which the client does not link; cli_test checks that the two agree.
inline constexpr absl::string_view kServerDefaultMinConfidenceText = "the server's, 0.8";

// "signing", "agreement-signing" or "AGREEMENT_SIGNING" with prefix
// "EVENT_KIND_" -> the enum value; aliases map an upper-case word to another
// ("MOU" -> "AGREEMENT_SIGNING"). INVALID_ARGUMENT naming --flag when the
// value is unknown or the enum's unspecified zero.
template <typename Enum>
absl::StatusOr<Enum> ParseEnumFlag(absl::string_view flag, absl::string_view text,
                                   absl::string_view prefix,
                                   bool (*parse)(const std::string&, Enum*),
                                   const std::map<std::string, std::string>& aliases = {}) {
  std::string key = absl::AsciiStrToUpper(text);
  absl::StrReplaceAll({{"-", "_"}, {" ", "_"}}, &key);
  // British and American spellings of the words enum values are made of.
  absl::StrReplaceAll({{"ORGANISATION", "ORGANIZATION"}}, &key);
  if (key == "DIALOG") key = "DIALOGUE";
  if (auto alias = aliases.find(key); alias != aliases.end()) key = alias->second;
  Enum value;
  if (!parse(absl::StrCat(prefix, key), &value) || static_cast<int>(value) == 0) {
    // The values as the flag takes them: "agreement-signing", not
    // "EVENT_KIND_AGREEMENT_SIGNING".
    const google::protobuf::EnumDescriptor* values = google::protobuf::GetEnumDescriptor<Enum>();
    std::vector<std::string> known;
    for (int i = 0; i < values->value_count(); ++i) {
      if (values->value(i)->number() == 0) continue;
      absl::string_view name = values->value(i)->name();
      absl::ConsumePrefix(&name, prefix);
      std::string shown = absl::AsciiStrToLower(name);
      absl::StrReplaceAll({{"_", "-"}}, &shown);
      known.push_back(std::move(shown));
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "--", flag, "=", text, " is not known: use one of ", absl::StrJoin(known, ", ")));
  }
  return value;
}

}  // namespace parley::cli

#endif  // PARLEY_CLIENT_CLI_COMMON_FLAGS_H_
