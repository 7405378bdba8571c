#include "service/corpus/text_format_hints.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include <unicode/utf8.h>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "parley/v1/knowledge_base.pb.h"
#include "service/base/edit_distance.h"

namespace parley {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;

// The text between the first quotes after prefix in text, or "".
absl::string_view QuotedAfter(absl::string_view text, absl::string_view prefix) {
  const size_t at = text.find(prefix);
  if (at == absl::string_view::npos) return "";
  text.remove_prefix(at + prefix.size());
  if (text.empty() || text[0] != '"') return "";
  text.remove_prefix(1);
  const size_t end = text.find('"');
  return end == absl::string_view::npos ? "" : text.substr(0, end);
}

// The one candidate closest to typed within the typo search's edits ("" if
// none is, or two are equally close). A candidate that is typed without its
// enum's prefix ("PERSON" for ENTITY_KIND_PERSON) wins outright, if it is
// the only one.
std::string Closest(absl::string_view typed, const std::vector<std::string>& candidates,
                    int max_edits) {
  std::vector<const std::string*> prefixed;
  for (const std::string& c : candidates) {
    if (c.size() > typed.size() && absl::EndsWith(c, typed) &&
        c[c.size() - typed.size() - 1] == '_') {
      prefixed.push_back(&c);
    }
  }
  if (prefixed.size() == 1) return *prefixed[0];
  if (prefixed.size() > 1) return "";
  ClosestWithin closest(typed, max_edits);
  for (const std::string& c : candidates) closest.Offer(c);
  return std::string(closest.found());
}
std::string Closest(absl::string_view typed, const std::vector<std::string>& candidates) {
  return Closest(typed, candidates, MaxEditsFor(CodePointCount(typed)));
}

// entity -> entities: a plural is at most this many edits from its singular.
constexpr int kMaxPluralEdits = 3;

// Every message type a knowledge-base file can hold.
void CollectTypes(const Descriptor* type, absl::flat_hash_set<const Descriptor*>* seen) {
  if (!seen->insert(type).second) return;
  for (int i = 0; i < type->field_count(); ++i) {
    if (const Descriptor* nested = type->field(i)->message_type()) CollectTypes(nested, seen);
  }
}

}  // namespace

std::string WithTextFormatHint(absl::string_view error) {
  // protobuf's tokenizer says so at the end of the input (it "got" nothing).
  if (absl::StripTrailingAsciiWhitespace(error) == "Expected identifier, got:") {
    return "Expected identifier, got the end of the file: is a closing \"}\" missing?";
  }
  std::vector<std::string> candidates;
  absl::string_view typed;
  std::string to_write;  // an unknown enum value's: the values to write
  if (absl::StrContains(error, "has no field named")) {
    const absl::string_view type_name = QuotedAfter(error, "Message type ");
    typed = QuotedAfter(error, "has no field named ");
    const Descriptor* type =
        google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
            std::string(type_name));
    if (type == nullptr) return std::string(error);
    for (int i = 0; i < type->field_count(); ++i) candidates.push_back(type->field(i)->name());
    const Descriptor* top = v1::KnowledgeBase::descriptor();
    if (type != top && top->FindFieldByName(std::string(typed)) != nullptr) {
      // "entities" or "events" inside a record: a plural written for one of
      // the record's fields ("entities" for a participant's "entity", three
      // edits away), or the record before it was left open, which protobuf
      // reports only here.
      const std::string meant = Closest(typed, candidates, kMaxPluralEdits);
      if (!meant.empty()) return absl::StrCat(error, " Did you mean \"", meant, "\"?");
      return absl::StrCat(error, " \"", typed,
                          "\" belongs at the top level of the file: is a closing \"}\" "
                          "missing before it?");
    }
  } else if (absl::StrContains(error, "Unknown enumeration value of")) {
    typed = QuotedAfter(error, "Unknown enumeration value of ");
    const absl::string_view field_name = QuotedAfter(error, "for field ");
    // The message does not say whose field: every enum of a field of that
    // name in the knowledge base's records.
    absl::flat_hash_set<const Descriptor*> types;
    CollectTypes(v1::KnowledgeBase::descriptor(), &types);
    absl::flat_hash_set<std::string> names;
    std::vector<const EnumDescriptor*> enums_seen;
    for (const Descriptor* type : types) {
      const FieldDescriptor* field = type->FindFieldByName(std::string(field_name));
      if (field == nullptr || field->enum_type() == nullptr) continue;
      if (std::find(enums_seen.begin(), enums_seen.end(), field->enum_type()) == enums_seen.end()) {
        enums_seen.push_back(field->enum_type());
      }
      for (int v = 0; v < field->enum_type()->value_count(); ++v) {
        if (names.insert(field->enum_type()->value(v)->name()).second) {
          candidates.push_back(field->enum_type()->value(v)->name());
        }
      }
    }
    // The values to write, by enum (in name order: the set of types has
    // none), for a value close to none of them.
    std::sort(enums_seen.begin(), enums_seen.end(),
              [](const EnumDescriptor* a, const EnumDescriptor* b) {
                return a->full_name() < b->full_name();
              });
    for (const EnumDescriptor* e : enums_seen) {
      std::vector<std::string> values;
      for (int v = 0; v < e->value_count(); ++v) {
        // _UNSPECIFIED parses, but no rule takes it where a value is needed.
        if (!absl::EndsWith(e->value(v)->name(), "_UNSPECIFIED")) {
          values.push_back(e->value(v)->name());
        }
      }
      if (!to_write.empty()) absl::StrAppend(&to_write, "; or ");
      absl::StrAppend(&to_write, absl::StrJoin(values, ", "));
      if (enums_seen.size() > 1) absl::StrAppend(&to_write, " (", e->name(), ")");
    }
  }
  if (typed.empty() || candidates.empty()) return std::string(error);
  const std::string closest = Closest(typed, candidates);
  if (!closest.empty()) return absl::StrCat(error, " Did you mean \"", closest, "\"?");
  if (to_write.empty()) return std::string(error);
  return absl::StrCat(error, " Write one of ", to_write, ".");
}

namespace {

constexpr int kTabWidth = 8;  // protobuf's tokenizer's

bool IsWordByte(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The offset in text of a place on the line that starts at offset, as
// protobuf's tokenizer counts columns.
size_t OffsetInLine(absl::string_view text, size_t offset, int at_column) {
  for (int column = 0; offset < text.size() && text[offset] != '\n' && column < at_column;
       ++offset) {
    column += text[offset] == '\t' ? kTabWidth - column % kTabWidth : 1;
  }
  return offset;
}

// The offset in text of a place as protobuf's tokenizer gives it.
size_t OffsetOf(absl::string_view text, TextPosition at) {
  size_t offset = 0;
  for (int line = 0; line < at.line && offset < text.size(); ++line) {
    const size_t newline = text.find('\n', offset);
    offset = newline == absl::string_view::npos ? text.size() : newline + 1;
  }
  return OffsetInLine(text, offset, at.column);
}

// 1-based character column of offset, on the line that starts at line_start.
int CharacterColumnFrom(absl::string_view text, size_t line_start, size_t offset) {
  return static_cast<int>(CodePointCount(text.substr(line_start, offset - line_start))) + 1;
}

// The column of text's byte at as protobuf's tokenizer counts it.
int ColumnOf(absl::string_view text, size_t at) {
  const size_t line_start = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;  // npos + 1 == 0
  int column = 0;
  for (size_t i = line_start; i < at; ++i) {
    column += text[i] == '\t' ? kTabWidth - column % kTabWidth : 1;
  }
  return column;
}

}  // namespace

CharacterPlace CharacterPlaceOf(absl::string_view text, size_t at) {
  const absl::string_view before = text.substr(0, at);
  const size_t line_start = before.rfind('\n') + 1;  // 0 when there is none
  return {static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1,
          static_cast<int>(CodePointCount(before.substr(line_start))) + 1};
}

int CharacterColumn(absl::string_view text, TextPosition at) {
  const size_t offset = OffsetOf(text, at);
  return CharacterColumnFrom(text, offset == 0 ? 0 : text.rfind('\n', offset - 1) + 1, offset);
}

TextLines::TextLines(absl::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = text.find('\n'); i != absl::string_view::npos; i = text.find('\n', i + 1)) {
    starts_.push_back(i + 1);
  }
}

int TextLines::CharacterColumn(TextPosition at) const {
  if (at.line < 0) return 1;
  const size_t line_start = static_cast<size_t>(at.line) < starts_.size()
                                ? starts_[static_cast<size_t>(at.line)]
                                : text_.size();
  return CharacterColumnFrom(text_, line_start, OffsetInLine(text_, line_start, at.column));
}

std::string NonAsciiCharacterAt(absl::string_view text, TextPosition at) {
  const size_t offset = OffsetOf(text, at);
  if (offset >= text.size() || static_cast<unsigned char>(text[offset]) < 0x80) return "";
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  int32_t end = static_cast<int32_t>(offset);
  UChar32 c;
  U8_NEXT(bytes, end, static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX)), c);
  return std::string(text.substr(offset, static_cast<size_t>(end) - offset));
}

namespace {

std::string NonAsciiMessage(absl::string_view character) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(character.data());
  const int32_t length = static_cast<int32_t>(character.size());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(bytes, i, length, c);
  if (c < 0) return "a byte that is not UTF-8 where a token was expected: save the file as UTF-8";
  std::string message = absl::StrFormat("unexpected character %s (U+%04X)", character, c);
  switch (c) {
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2018:
    case 0x2019:
    case 0x00AB:
    case 0x00BB:
      absl::StrAppend(&message,
                      ": strings go between straight quotes (\"…\"), not typographic "
                      "ones (an editor's smart quotes)");
      break;
    default:
      absl::StrAppend(&message, ": outside strings and comments the format is ASCII");
      break;
  }
  return message;
}

}  // namespace

TextPosition TextFormatErrorPosition(absl::string_view text, absl::string_view error,
                                     TextPosition reported) {
  // The name protobuf read before it noticed: an enum value, a field name
  // it does not know, a field given twice.
  absl::string_view value;
  if (absl::StrContains(error, "Unknown enumeration value of")) {
    value = QuotedAfter(error, "Unknown enumeration value of ");
  } else if (absl::StrContains(error, "has no field named")) {
    value = QuotedAfter(error, "has no field named ");
  } else if (absl::StartsWith(error, "Non-repeated field ")) {
    value = QuotedAfter(error, "Non-repeated field ");
  }
  if (value.empty()) return reported;
  for (size_t end = OffsetOf(text, reported); end >= value.size();) {
    const size_t at = text.substr(0, end).rfind(value);
    if (at == absl::string_view::npos) break;
    const size_t after = at + value.size();
    if ((at == 0 || !IsWordByte(text[at - 1])) &&
        (after == text.size() || !IsWordByte(text[after]))) {
      const int line = static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
      return {line, ColumnOf(text, at)};
    }
    end = after - 1;
  }
  return reported;
}

namespace {

// 1-based line and character column of text's byte at, as "31:3".
std::string LineAndColumn(absl::string_view text, size_t at) {
  const CharacterPlace place = CharacterPlaceOf(text, at);
  return absl::StrCat(place.line, ":", place.column);
}

// What a forward scan of text up to a place finds of its braces.
struct BraceScan {
  struct Open {
    absl::string_view name;  // the field's ("" when none was written)
    size_t name_at = 0;
    int indent = 0;  // of the line the record opens on
  };
  std::vector<Open> open;
  // The first record closed by a "}" at the start of a line indented less
  // than the line the record opened on, since the last moment no record was
  // open: its own "}" is probably the one missing, and a later one closed
  // it.
  std::optional<Open> suspect;
  size_t suspect_closed_at = 0;  // the "}" that closed it
  bool in_string = false;        // the place is inside a string never closed
};

// One pass, each byte looked at once (a file written on one line is as
// quick as one of many): strings and comments skipped; a record's name is
// the last word before its "{", or a list's name for a record in a list
// ("participants: [{…}, {…"); "<" and ">" open and close as braces do.
BraceScan ScanBraces(absl::string_view text, size_t end) {
  BraceScan scan;
  end = std::min(end, text.size());
  absl::string_view word;  // the last one outside strings and comments
  size_t word_at = 0;
  char last = 0;  // the last byte of a token (not space, not a comment)
  std::vector<std::pair<absl::string_view, size_t>> lists;  // names of the lists open
  int indent = 0;          // the current line's, in protobuf's columns
  bool line_blank = true;  // no token on the current line yet
  for (size_t i = 0; i < end; ++i) {
    const char c = text[i];
    if (c == '\n') {
      indent = 0;
      line_blank = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      if (line_blank) indent += c == '\t' ? kTabWidth - indent % kTabWidth : 1;
      continue;
    }
    if (c == '#') {  // a comment, to the end of the line
      while (i + 1 < end && text[i + 1] != '\n') ++i;
      continue;
    }
    const bool first_on_line = std::exchange(line_blank, false);
    if (c == '"' || c == '\'') {  // a string, with its escapes
      size_t j = i + 1;
      while (j < end && text[j] != c && text[j] != '\n') j += text[j] == '\\' ? 2 : 1;
      if (j >= end) {
        scan.in_string = true;
        break;
      }
      i = text[j] == '\n' ? j - 1 : j;  // a newline ends it (protobuf says so)
      last = c;
      continue;
    }
    if (IsWordByte(c)) {
      size_t j = i;
      while (j + 1 < end && IsWordByte(text[j + 1])) ++j;
      word = text.substr(i, j + 1 - i);
      word_at = i;
      i = j;
      last = 'a';
      continue;
    }
    if (c == '[') {
      lists.emplace_back(word, word_at);
    } else if (c == ']') {
      if (!lists.empty()) lists.pop_back();
    } else if (c == '{' || c == '<') {
      const bool in_list = !lists.empty() && (last == '[' || last == ',');
      scan.open.push_back(
          {in_list ? lists.back().first : word, in_list ? lists.back().second : word_at, indent});
    } else if ((c == '}' || c == '>') && !scan.open.empty()) {
      if (!scan.suspect && first_on_line && indent < scan.open.back().indent) {
        scan.suspect = scan.open.back();
        scan.suspect_closed_at = i;
      }
      scan.open.pop_back();
      if (scan.open.empty()) scan.suspect.reset();
    }
    last = c;
  }
  return scan;
}

// The note of a scan (OpenRecordNote).
std::string NoteOf(const BraceScan& scan, absl::string_view text) {
  if (scan.open.empty() || scan.in_string) return "";
  const BraceScan::Open& o = scan.suspect ? *scan.suspect : scan.open.back();
  if (o.name.empty()) return "";
  if (!scan.suspect) {
    return absl::StrCat("The \"", o.name, "\" opened at ", LineAndColumn(text, o.name_at),
                        " is not closed.");
  }
  return absl::StrCat("The \"", o.name, "\" opened at ", LineAndColumn(text, o.name_at),
                      " is probably the one not closed: the \"}\" at ",
                      LineAndColumn(text, scan.suspect_closed_at),
                      " closed it, indented as the end of the record around it.");
}

}  // namespace

std::string OpenRecordNote(absl::string_view text, size_t end) {
  return NoteOf(ScanBraces(text, end), text);
}

namespace {

// hinted with the open record's note when its hint says a "}" is missing;
// error alone, without that hint, when the place is in a string never
// closed (protobuf has said so: the "}" is not what is missing).
std::string WithOpenRecordNote(absl::string_view error, std::string hinted, absl::string_view text,
                               size_t offset) {
  if (!absl::StrContains(hinted, "is a closing \"}\" missing")) return hinted;
  const BraceScan scan = ScanBraces(text, offset);  // once: it reads the text to offset
  if (scan.in_string) return std::string(error);
  const std::string note = NoteOf(scan, text);
  return note.empty() ? hinted : absl::StrCat(hinted, " ", note);
}

}  // namespace

std::string WithTextFormatHint(absl::string_view error, absl::string_view text, TextPosition at) {
  // A character outside ASCII where protobuf's tokenizer expects a token:
  // it says "Interpreting non ascii codepoint 226." (a byte) and then
  // "Expected string, got: " and that lone byte. The character itself, and
  // for a typographic quote, the quote to write.
  if (const std::string character = NonAsciiCharacterAt(text, at); !character.empty()) {
    if (absl::StartsWith(error, "Interpreting non ascii codepoint") ||
        absl::StartsWith(error, "Expected ")) {
      return NonAsciiMessage(character);
    }
  }
  const size_t offset = OffsetOf(text, at);
  // A value written in quotes where an enumeration value (or a number)
  // belongs: decision: "ACCEPT".
  if (absl::StartsWith(error, "Expected integer or identifier, got: \"")) {
    return absl::StrCat(error, " Values of this field are written without quotes.");
  }
  if (absl::StartsWith(error, "Expected string, got: ")) {
    size_t before = offset;
    while (before > 0 && absl::ascii_isspace(static_cast<unsigned char>(text[before - 1]))) {
      --before;
    }
    // ["cyber",]: protobuf expects another string after a comma.
    if (offset < text.size() && text[offset] == ']' && before > 0 && text[before - 1] == ',') {
      return absl::StrCat(error, " A list has no comma after its last value: remove the \",\".");
    }
    // reviewer: me": the opening quote left out.
    if (offset < text.size() && IsWordByte(text[offset])) {
      return absl::StrCat(error, " Strings go between double quotes (\"…\").");
    }
  }
  // A scalar field of a record followed by "{": the record before was left
  // open and this is the next top-level record ("topics" is also an
  // event's field).
  if (absl::StartsWith(error, "Expected \":\", found \"{\"")) {
    size_t end = OffsetOf(text, at);
    while (end > 0 && absl::ascii_isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    size_t begin = end;
    while (begin > 0 && IsWordByte(text[begin - 1])) --begin;
    const std::string name(text.substr(begin, end - begin));
    const FieldDescriptor* top = v1::KnowledgeBase::descriptor()->FindFieldByName(name);
    if (!name.empty() && top != nullptr && top->message_type() != nullptr) {
      return WithOpenRecordNote(error,
                                absl::StrCat(error, " \"", name,
                                             "\" belongs at the top level of the file: is a "
                                             "closing \"}\" missing before it?"),
                                text, offset);
    }
  }
  return WithOpenRecordNote(error, WithTextFormatHint(error), text, offset);
}

}  // namespace parley
