// What the files of Lookup (lookup.h) share: request checks (ids, query
// text, closed enums), the NOT_FOUND answers and the basic entity view.
// Internal to service/lookup.
#ifndef PARLEY_SERVICE_LOOKUP_LOOKUP_HELPERS_H_
#define PARLEY_SERVICE_LOOKUP_LOOKUP_HELPERS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_field.h"
#include "parley/v1/resources.pb.h"
#include "service/base/errors.h"
#include "service/base/ids.h"

namespace parley {

// example: an id of the kind asked for, for the message (base/ids.h).
inline absl::Status CheckId(absl::string_view field, absl::string_view id,
                            absl::string_view example = "janet-napolitano") {
  std::string problem = IdProblem(field, id, example);
  if (problem.empty()) return absl::OkStatus();
  return InvalidArgument("INVALID_ID", std::move(problem));
}

// Queries are text a person typed: no control characters.
inline absl::Status CheckQueryText(absl::string_view query) {
  for (char c : query) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      return InvalidArgument(
          "INVALID_QUERY",
          absl::StrCat("query contains the control character 0x", absl::Hex(u, absl::kZeroPad2),
                       ": remove it (tabs and newlines included)"));
    }
  }
  return absl::OkStatus();
}

inline absl::Status NotFound(absl::string_view what, absl::string_view id, absl::string_view how) {
  return NotFoundError(absl::StrCat(absl::AsciiStrToUpper(what), "_NOT_FOUND"),
                       absl::StrCat("no ", what, " with id \"", id, "\": ", how));
}

// Closed enums: values the server does not know are refused, not ignored.
template <typename Enum, typename IsValid>
absl::Status CheckEnums(absl::string_view field, const google::protobuf::RepeatedField<int>& values,
                        IsValid is_valid, bool allow_unspecified = false) {
  for (int v : values) {
    if (!is_valid(v) || (v == 0 && !allow_unspecified)) {
      return InvalidArgument("UNKNOWN_ENUM_VALUE",
                             absl::StrCat(field, " has an unknown or unspecified value ", v,
                                          ": use one of the values defined in parley.v1"));
    }
  }
  return absl::OkStatus();
}

// NOT_FOUND for an extracted entity or event (what) that the request's
// extracted filter does not show.
template <typename Resource>
absl::Status LeftOutByFilter(absl::string_view field, absl::string_view what,
                             const Resource& resource) {
  return NotFoundError(
      absl::StrCat(absl::AsciiStrToUpper(what), "_NOT_FOUND"),
      absl::StrCat(field, ": ", what, " \"", resource.id(),
                   "\" was extracted from text (confidence ", resource.confidence(),
                   ") and the extracted filter leaves it out: relax extracted "
                   "(min_confidence 0 shows every extracted fact) to see it"));
}

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_LOOKUP_HELPERS_H_
