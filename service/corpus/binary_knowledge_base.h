// A knowledge-base file in protobuf's binary wire format (kb/*.binpb,
// docs/DATA_FORMAT.md). What the text parser refuses, a field or an enum
// value that parley.v1.KnowledgeBase does not define, is refused here too,
// where protobuf's binary parser would keep it aside or pass it through.
// The wire format cannot show a singular field given twice (the last wins)
// nor a file cut between two records: those pass. Programs that write large
// knowledge bases may use this form: it is read a little faster than the
// text form (docs/DATA_FORMAT.md).
//
// Thread-safety: a plain function of its arguments.
#ifndef PARLEY_SERVICE_CORPUS_BINARY_KNOWLEDGE_BASE_H_
#define PARLEY_SERVICE_CORPUS_BINARY_KNOWLEDGE_BASE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "service/corpus/corpus.h"

namespace parley {

// Parses bytes into *message (a parley.v1.KnowledgeBase, usually on an
// arena). Returns false, with a problem naming path, if bytes are not such
// a message in binary form or a string in it is not valid UTF-8 (then the
// problem names the first such string's path: "entities[2].name"). Returns
// true otherwise; then every field and enum value the schema does not
// define is a problem naming its record ("entities[12]": at most
// kMaxUnknownProblems per file, then their count).
bool ParseBinaryKnowledgeBase(const std::string& path, absl::string_view bytes,
                              google::protobuf::Message* message, ProblemList* problems);

inline constexpr int kMaxUnknownProblems = 20;

}  // namespace parley

#endif  // PARLEY_SERVICE_CORPUS_BINARY_KNOWLEDGE_BASE_H_
