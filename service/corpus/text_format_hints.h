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
#include <vector>

#include "absl/strings/string_view.h"

namespace parley {

// error with " Did you mean \"…\"?" added when it names a field or an enum
// value that parley.v1.KnowledgeBase's schema does not have and one name
// of the schema is closest to it (within the typo search's edits, or the
// same value without its enum's prefix); with the missing brace's hint
// above; otherwise error unchanged.
std::string WithTextFormatHint(absl::string_view error);

// A place in a text-format file as protobuf's ErrorCollector gives it:
// 0-based line and column, the column counting bytes with tabs to the next
// multiple of 8.
struct TextPosition {
  int line = 0;
  int column = 0;
};

// The 1-based line and column, the column in characters (code points; a
// tab is one), of text's byte at: what an editor shows. REQUIRES: text is
// valid UTF-8 up to at.
struct CharacterPlace {
  int line = 0;
  int column = 0;
};
CharacterPlace CharacterPlaceOf(absl::string_view text, size_t at);

// The same column for a place in text as protobuf gives it (it counts
// bytes and expands tabs). Reads text from its start to the place: for
// many places of one text, TextLines.
int CharacterColumn(absl::string_view text, TextPosition at);

// A text's line starts, found once, for the places of every record of a
// file (a corpus with problems is read again with them): each place costs
// its own line, not the lines before it. Holds a view of text, which must
// outlive it. Thread-compatible.
class TextLines {
 public:
  explicit TextLines(absl::string_view text);
  absl::string_view text() const { return text_; }
  // CharacterColumn(text(), at).
  int CharacterColumn(TextPosition at) const;

 private:
  absl::string_view text_;
  std::vector<size_t> starts_;  // of each line
};

// The same for an error protobuf reported at in text (the file it
// parsed), which also names a top-level record written inside a record
// left open where protobuf's message does not ("topics" is also an
// event's field):
//
//   Expected ":", found "{".
//     -> ... "topics" belongs at the top level of the file: is a closing
//        "}" missing before it?
//
// with, after any hint of a missing "}", the record left open
// (OpenRecordNote); and for two mistakes protobuf reports as a token it did
// not expect, what to write:
//
//   Expected integer or identifier, got: "ACCEPT"
//     -> ... Values of this field are written without quotes.
//   Expected string, got: me
//     -> ... Strings go between double quotes ("…").
//   Expected string, got: ]        (after ["cyber",)
//     -> ... A list has no comma after its last value: remove the ",".
std::string WithTextFormatHint(absl::string_view error, absl::string_view text, TextPosition at);

// Where a "}" is missing, for an error at byte end of text that says one
// is: the record that is still open there, by its field name and place
// ("The \"participants\" opened at 31:3 is not closed."), found by
// matching braces outside strings and comments. When a "}" closed a record
// opened on a line indented more than its own, that record is named
// instead, as probably the one not closed (the "}" written was meant for
// the record around it). "" when no record is open at end.
std::string OpenRecordNote(absl::string_view text, size_t end);

// The character at a place of text when it is not ASCII ("" otherwise):
// protobuf's tokenizer reports such a character, outside strings, twice
// (as a byte, then as a token it did not expect); a reader reports it once.
std::string NonAsciiCharacterAt(absl::string_view text, TextPosition at);

// Where error, reported by protobuf's text parser at reported in text, is:
// reported itself, but for an unknown enumeration value, which the parser
// reports at the token after it (the next field's name, often on the next
// line, "kind: ENTITY_KIND_PERSN\n  name: ..." at "name"). There it is the
// value's own place: its last occurrence as a word before reported;
// reported when there is none.
TextPosition TextFormatErrorPosition(absl::string_view text, absl::string_view error,
                                     TextPosition reported);

}  // namespace parley

#endif  // PARLEY_SERVICE_CORPUS_TEXT_FORMAT_HINTS_H_
