// Hints for protobuf's text-format errors in a knowledge-base file: the name
// its writer probably meant. protobuf says what it did not find; a writer
// who typed "titel" or EVENT_KIND_DIALOG wants the name to write instead.
//
//   Message type "parley.v1.EventRecord" has no field named "titel".
//     -> ... Did you mean "title"?
//   Unknown enumeration value of "EVENT_KIND_DIALOG" for field "kind".
//     -> ... Did you mean "EVENT_KIND_DIALOGUE"?
//   Unknown enumeration value of "PERSON" for field "kind".
//     -> ... Did you mean "ENTITY_KIND_PERSON"?
//
// and, where protobuf reports a record left open only later (at the next
// record, or at the end of the file), the brace that is probably missing
// (unless the top-level name is a plural of one of the record's own
// fields, "entities" for a participant's "entity": that name is meant):
//
//   Message type "parley.v1.EntityRecord" has no field named "events".
//     -> ... "events" belongs at the top level of the file: is a closing
//        "}" missing before it?
//   Expected identifier, got:
//     -> Expected identifier, got the end of the file: is a closing "}"
//        missing?
//
// Thread-safety: a plain function (it reads protobuf's generated descriptor
// pool, which is immutable).
#ifndef PARLEY_SERVICE_CORPUS_TEXT_FORMAT_HINTS_H_
#define PARLEY_SERVICE_CORPUS_TEXT_FORMAT_HINTS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace parley {

// error with " Did you mean \"…\"?" added when it names a field or an enum
// value that parley.v1.KnowledgeBase's schema does not have and one name
// of the schema is closest to it (within the typo search's edits, or the
// same value without its enum's prefix); with the missing brace's hint
// above; otherwise error unchanged.
std::string WithTextFormatHint(absl::string_view error);

}  // namespace parley

#endif  // PARLEY_SERVICE_CORPUS_TEXT_FORMAT_HINTS_H_
