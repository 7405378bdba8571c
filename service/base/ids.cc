#include "service/base/ids.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace parley {

std::string IdProblem(absl::string_view what, absl::string_view id, absl::string_view example) {
  if (absl::StripAsciiWhitespace(id).empty()) {
    return absl::StrCat(what, " is required: pass an id such as \"", example, "\"");
  }
  if (id.size() > kMaxIdBytes) {
    return absl::StrCat(what, " is ", id.size(), " bytes long; ids are at most ", kMaxIdBytes);
  }
  for (char c : id) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_' && c != '.') {
      return absl::StrCat(
          what, " \"", absl::CHexEscape(id.substr(0, 60)),
          "\" is malformed: ids use only letters, digits, '-', '_' and '.', e.g. \"", example,
          "\"");
    }
  }
  if (id[0] == '.') return absl::StrCat(what, " must not start with '.', e.g. \"", example, "\"");
  return "";
}

}  // namespace parley
