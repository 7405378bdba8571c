// The one rule for a valid id, shared by the knowledge base, requests and
// ingestion: 1 to kMaxIdBytes bytes of ASCII letters, digits, '-', '_' and
// '.', not starting with '.' (an id may name a file).
//
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_BASE_IDS_H_
#define PARLEY_SERVICE_BASE_IDS_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace parley {

inline constexpr size_t kMaxIdBytes = 200;

// "" when id is valid; otherwise what is wrong and how to fix it, worded
// for what (e.g. "document_id", "entity id"), with example as a valid id.
[[nodiscard]] std::string IdProblem(absl::string_view what, absl::string_view id,
                                    absl::string_view example = "janet-napolitano");

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_IDS_H_
