// Text shared by the parley commands: API messages as JSON, enum values as
// words, dates, places and evidence as one line each, and the table of
// participations that `who` and `person` print. Plain tables themselves are
// client/table_formatter.h.
//
// Thread-safety: stateless functions.
#ifndef PARLEY_CLIENT_CLI_OUTPUT_H_
#define PARLEY_CLIENT_CLI_OUTPUT_H_

#include <ostream>
#include <string>

#include "absl/strings/string_view.h"
#include "client/table_formatter.h"
#include "google/protobuf/message.h"
#include "parley/v1/lookup_service.pb.h"

namespace parley::cli {

// The message as indented JSON with the proto's field names.
std::string Json(const google::protobuf::Message& message);

// The message as JSON on one line (no newline at the end).
std::string JsonLine(const google::protobuf::Message& message);

// JSON Lines (https://jsonlines.org): for a response of a List or Search
// call (a message named "...Response"), each item of its first repeated
// message field ("events", "participations", "hits", ...) on a line of its
// own; for any other message, the message on one line.
std::string JsonLines(const google::protobuf::Message& message);

// "EVENT_KIND_AGREEMENT_SIGNING" with prefix "EVENT_KIND_" -> "agreement signing".
std::string EnumWords(const std::string& name, absl::string_view prefix);

std::string KindText(v1::EntityKind kind);
std::string KindText(v1::EventKind kind);
std::string FunctionText(v1::ParticipantFunction function);
std::string MatchText(v1::MatchKind match);
std::string MentionKindText(v1::MentionKind kind);

// "signatory", or "signatory (x 0.80)" when extracted from text.
std::string FunctionWithOrigin(v1::ParticipantFunction function, v1::Origin origin,
                               double confidence);

// "2011-05-27", "2011-05-27 (ext)" for a date from outside the text, "—" unknown.
// Whether standard output is a terminal: only then are long cells cut to
// fit (a file or a pipe gets every word).
bool OutputIsTerminal();

// Whether to colour or embolden output: on a terminal, unless $NO_COLOR is
// set (https://no-color.org) or $TERM is "dumb".
bool UseColor();

// The width tables are fitted to: $COLUMNS when it is a positive number,
// else the terminal's width when standard output is one, else 0 (no limit:
// a file or a pipe gets every row on one line).
size_t OutputWidth();

// text wrapped to OutputWidth(), each line ending in a newline.
std::string WrappedLines(absl::string_view text);

// "19 event(s)", or "showing 3 of 19 event(s)" when fewer than all were
// fetched (--limit).
std::string CountText(int shown, int total, absl::string_view noun);

std::string DateText(const v1::FuzzyDate& date);
// The date with its basis: "2025-01-17 (resolved from the publication date: ...)".
std::string DateDetail(const v1::FuzzyDate& date);
// Place, else city, else country, else "—".
std::string PlaceText(const v1::Location& location);
// "“quote” — document [start, end)", or where a fact from outside the text comes from.
std::string EvidenceText(const v1::Evidence& evidence);
// "[start, end)".
std::string ByteRangeText(int64_t start, int64_t end);

// Person, title held, side, function, event, date and place, with the
// evidence under each row; without the person column for one person's rows.
Table ParticipationsTable(const v1::ListParticipationsResponse& response, bool with_person);

// One event as `parley event` prints it: title, kind, id, date with its
// basis, place, countries, organizations, topics, participants with their
// evidence, and the event's evidence. An extracted event is printed whole,
// its participants marked "(x 0.80)". A curated event's curated record
// comes first; what the extractor added to it from unannotated articles
// (participants, evidence) follows apart, under kExtractedAdditionsTitle,
// each with its confidence.
void PrintEvent(const v1::Event& event, std::ostream& out);
inline constexpr absl::string_view kExtractedAdditionsTitle =
    "Added by the extractor from unannotated articles (not curated):";

}  // namespace parley::cli

#endif  // PARLEY_CLIENT_CLI_OUTPUT_H_
