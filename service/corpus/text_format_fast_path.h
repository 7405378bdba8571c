// A fast path for protobuf's text format, for the plain subset that
// knowledge-base files are written in. protobuf's TextFormat::Parser reads
// about 60 MB/s a core (its tokenizer makes a std::string of every token,
// and every field goes through a generic parse tree of checks): at 1M
// entities its parse was 2.5-3 s of the start-up's 10 on two cores.
//
// The subset: `name: value` and `name { ... }` (optionally `name: { ... }`),
// a repeated field's values in brackets (`name: [a, b]`), each field
// optionally followed by `;` or `,`; `#` comments; values that are
// double- or single-quoted strings (adjacent ones concatenated) with the
// escapes \" \' \\ \n \t \r only, enum values by name, decimal integers
// with an optional minus sign, and true/false/True/False/t/f for bools.
// Anything else (extensions, `<...>`, numeric escapes,
// enum values by number, hex or octal numbers, floats, a singular field
// or a oneof's member given twice, unknown names, deprecated fields (TextFormat
// warns of them), nesting deeper than kMaxFastPathDepth, text over 2 GiB) is
// not taken: the function says so and the caller
// parses the text with TextFormat::Parser, which reads all of the format
// and names the line and column of an error.
//
// Contract: what the fast path takes, it parses into the message
// TextFormat::Parser (default options) makes of the same text; what
// TextFormat::Parser refuses, it does not take. Checked against it by
// text_format_fast_path_test and by fuzz/text_format_fuzzer.
//
// Thread-safety: a plain function of its arguments (the descriptors it reads
// are immutable).
#ifndef PARLEY_SERVICE_CORPUS_TEXT_FORMAT_FAST_PATH_H_
#define PARLEY_SERVICE_CORPUS_TEXT_FORMAT_FAST_PATH_H_

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace parley {

// Parses text into *message, which must be empty. Returns true when text is
// in the subset above and was parsed. Returns false otherwise; *message is
// then partly filled: parse the text again, into a new message, with
// TextFormat::Parser.
bool ParseTextFormatFastPath(absl::string_view text, google::protobuf::Message* message);

// The same, but each value of diverted, a repeated message field of
// *message's type, is not added to *message: sink is given it in binary
// form instead, in the text's order (what a corpus read keeps of entity
// records: corpus/packed_records.h). No message is made of it, which at
// 1M entities was most of the parse's time and fresh memory. Its fields
// are written in the text's order, repeated scalars unpacked: the bytes
// parse into the message TextFormat::Parser makes of its text, not
// necessarily into the bytes that message serializes to. It takes what the
// other form takes, but for a diverted message holding a message (itself
// included) of a type with over 64 fields or with zigzag or fixed-width
// integers (none of Parley's), or one over 2 GiB in binary form. On false,
// sink may have been given some values: drop them with *message.
bool ParseTextFormatFastPath(absl::string_view text, google::protobuf::Message* message,
                             const google::protobuf::FieldDescriptor* diverted,
                             absl::FunctionRef<void(absl::string_view)> sink);

// Deeper text is left to TextFormat::Parser (3.21 sets no limit of its own;
// parley.v1.KnowledgeBase nests four deep and no message of it is
// recursive, so TextFormat refuses deeper text at its first unknown name).
inline constexpr int kMaxFastPathDepth = 64;

}  // namespace parley

#endif  // PARLEY_SERVICE_CORPUS_TEXT_FORMAT_FAST_PATH_H_
