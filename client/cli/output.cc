#include "client/cli/output.h"

#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>

#include <sys/ioctl.h>
#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "client/table_formatter.h"
#include "google/protobuf/util/json_util.h"

namespace parley::cli {

std::string Json(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

std::string JsonLine(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

std::string JsonLines(const google::protobuf::Message& message) {
  const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
  const google::protobuf::Reflection* reflection = message.GetReflection();
  if (absl::EndsWith(descriptor->name(), "Response")) {
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const google::protobuf::FieldDescriptor* field = descriptor->field(i);
      if (!field->is_repeated() || field->message_type() == nullptr || field->is_map()) continue;
      std::string out;
      for (int k = 0; k < reflection->FieldSize(message, field); ++k) {
        absl::StrAppend(&out, JsonLine(reflection->GetRepeatedMessage(message, field, k)), "\n");
      }
      return out;
    }
  }
  return absl::StrCat(JsonLine(message), "\n");
}

std::string EnumWords(const std::string& name, absl::string_view prefix) {
  std::string words = name.substr(std::min(name.size(), prefix.size()));
  absl::AsciiStrToLower(&words);
  return absl::StrReplaceAll(words, {{"_", " "}});
}

std::string KindText(v1::EntityKind kind) {
  return EnumWords(v1::EntityKind_Name(kind), "ENTITY_KIND_");
}
std::string KindText(v1::EventKind kind) {
  return EnumWords(v1::EventKind_Name(kind), "EVENT_KIND_");
}
std::string FunctionText(v1::ParticipantFunction function) {
  return EnumWords(v1::ParticipantFunction_Name(function), "PARTICIPANT_FUNCTION_");
}
std::string MatchText(v1::MatchKind match) {
  return EnumWords(v1::MatchKind_Name(match), "MATCH_KIND_");
}
std::string MentionKindText(v1::MentionKind kind) {
  return EnumWords(v1::MentionKind_Name(kind), "MENTION_KIND_");
}

std::string FunctionWithOrigin(v1::ParticipantFunction function, v1::Origin origin,
                               double confidence) {
  if (origin != v1::ORIGIN_EXTRACTED) return FunctionText(function);
  return absl::StrFormat("%s (x %.2f)", FunctionText(function), confidence);
}

bool OutputIsTerminal() { return isatty(STDOUT_FILENO) != 0; }

bool UseColor() {
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return OutputIsTerminal() && (no_color == nullptr || *no_color == '\0') &&
         !(term != nullptr && absl::string_view(term) == "dumb");
}

size_t OutputWidth() {
  const char* columns = std::getenv("COLUMNS");
  int width = 0;
  if (columns != nullptr && absl::SimpleAtoi(columns, &width) && width > 0) return width;
  winsize size{};
  if (OutputIsTerminal() && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  return 0;
}

std::string WrappedLines(absl::string_view text) {
  const size_t width = OutputWidth();
  if (width == 0) return absl::StrCat(text, "\n");
  return absl::StrCat(absl::StrJoin(WrapToWidth(text, width), "\n"), "\n");
}

std::string CountText(int shown, int total, absl::string_view noun) {
  if (shown >= total) return absl::StrCat(shown, " ", noun);
  return absl::StrCat("showing ", shown, " of ", total, " ", noun);
}

std::string DateText(const v1::FuzzyDate& date) {
  if (date.year() == 0) return "—";
  if (date.basis() == v1::DATE_BASIS_EXTERNAL || date.anchored_externally()) {
    return absl::StrCat(date.display(), " (ext)");
  }
  return date.display();
}

std::string DateDetail(const v1::FuzzyDate& date) {
  if (date.year() == 0) return "unknown";
  std::string basis;
  switch (date.basis()) {
    case v1::DATE_BASIS_STATED:
      basis = "stated in the text";
      break;
    case v1::DATE_BASIS_RESOLVED:
      basis = "resolved from the publication date";
      break;
    case v1::DATE_BASIS_EXTERNAL:
      basis = "from outside the text";
      break;
    default:
      basis = "basis unknown";
      break;
  }
  std::string out = absl::StrCat(date.display(), " (", basis);
  if (!date.basis_note().empty()) absl::StrAppend(&out, ": ", date.basis_note());
  if (date.anchored_externally()) {
    absl::StrAppend(&out, "; the article's own date is from outside its text");
  }
  return absl::StrCat(out, ")");
}

std::string PlaceText(const v1::Location& location) {
  if (!location.place().empty()) return location.place();
  if (!location.city().empty()) return location.city();
  if (location.has_country()) return location.country().name();
  return "—";
}

std::string EvidenceText(const v1::Evidence& evidence) {
  if (evidence.document_id().empty()) {
    return absl::StrCat("outside the text: ", evidence.external_source(),
                        evidence.note().empty() ? "" : absl::StrCat(" (", evidence.note(), ")"));
  }
  std::string out = absl::StrFormat("“%s” — %s %s", evidence.quote(), evidence.document_id(),
                                    ByteRangeText(evidence.start_offset(), evidence.end_offset()));
  if (!evidence.external_source().empty()) {
    absl::StrAppend(&out, "; outside the text: ", evidence.external_source());
  }
  if (!evidence.note().empty()) absl::StrAppend(&out, " (", evidence.note(), ")");
  return out;
}

namespace {

bool IsExtracted(const v1::Participant& p) { return p.origin() == v1::ORIGIN_EXTRACTED; }
bool IsExtracted(const v1::Evidence& e) { return e.origin() == v1::ORIGIN_EXTRACTED; }

// "Label:     a, b" when there are names.
void PrintNames(absl::string_view label,
                const google::protobuf::RepeatedPtrField<v1::EntityRef>& refs, std::ostream& out) {
  std::vector<std::string> names;
  for (const v1::EntityRef& ref : refs) names.push_back(ref.name());
  if (!names.empty()) out << label << absl::StrJoin(names, ", ") << "\n";
}

// Person, title held, side and function (marked when extracted), with the
// evidence under each row.
void PrintParticipants(const std::vector<const v1::Participant*>& participants, std::ostream& out) {
  Table table({"PERSON", "TITLE HELD", "SIDE", "FUNCTION"});
  for (const v1::Participant* p : participants) {
    table.AddRow({p->entity().name(), p->title(), p->side().name(),
                  FunctionWithOrigin(p->function(), p->origin(), p->confidence())});
    for (const v1::Evidence& evidence : p->evidence()) table.AddNote(EvidenceText(evidence));
  }
  out << table.Render(OutputWidth());
}

// What the extractor added to a curated event, apart from its record.
void PrintExtractedAdditions(const std::vector<const v1::Participant*>& participants,
                             const std::vector<const v1::Evidence*>& evidence, std::ostream& out) {
  if (participants.empty() && evidence.empty()) return;
  out << kExtractedAdditionsTitle << "\n";
  if (!participants.empty()) {
    Table table({"PERSON", "TITLE HELD", "SIDE", "FUNCTION", "CONFIDENCE"});
    for (const v1::Participant* p : participants) {
      table.AddRow({p->entity().name(), p->title(), p->side().name(), FunctionText(p->function()),
                    absl::StrFormat("%.2f", p->confidence())});
      for (const v1::Evidence& e : p->evidence()) table.AddNote(EvidenceText(e));
    }
    out << table.Render(OutputWidth());
  }
  if (!evidence.empty()) {
    out << "Evidence added:\n";
    for (const v1::Evidence* e : evidence) {
      out << absl::StrFormat("  (x %.2f) ", e->confidence()) << EvidenceText(*e) << "\n";
    }
  }
  out << "(--curated_only leaves these out; --min_confidence sets the confidence they need)\n";
}

}  // namespace

void PrintEvent(const v1::Event& e, std::ostream& out) {
  out << e.title() << "  (" << KindText(e.kind()) << ", id " << e.id()
      << (e.origin() == v1::ORIGIN_EXTRACTED
              ? absl::StrFormat(", extracted from text, confidence %.2f", e.confidence())
              : "")
      << ")\n";
  out << "Date:      " << DateDetail(e.date()) << "\n";
  out << "Place:     " << PlaceText(e.location()) << "\n";
  PrintNames("Countries: ", e.countries(), out);
  PrintNames("Orgs:      ", e.organizations(), out);
  out << "Topics:    " << absl::StrJoin(e.topics(), ", ") << "\n";
  if (!e.part_of_event_id().empty()) out << "Part of:   " << e.part_of_event_id() << "\n";
  if (!e.summary().empty()) out << "Summary:   " << e.summary() << "\n";
  // An extracted event is the extractor's throughout; a curated one keeps
  // its record whole, and what the extractor added to it is set apart.
  const bool curated = e.origin() != v1::ORIGIN_EXTRACTED;
  std::vector<const v1::Participant*> participants, added_participants;
  for (const v1::Participant& p : e.participants()) {
    (curated && IsExtracted(p) ? added_participants : participants).push_back(&p);
  }
  std::vector<const v1::Evidence*> evidence, added_evidence;
  for (const v1::Evidence& q : e.evidence()) {
    (curated && IsExtracted(q) ? added_evidence : evidence).push_back(&q);
  }
  if (participants.empty()) {
    out << "Participants: none named in the corpus"
        << (added_participants.empty() ? "" : "'s curated facts") << "\n";
  } else {
    out << "Participants:\n";
    PrintParticipants(participants, out);
  }
  out << "Evidence:\n";
  for (const v1::Evidence* q : evidence) out << "  " << EvidenceText(*q) << "\n";
  PrintExtractedAdditions(added_participants, added_evidence, out);
}

std::string ByteRangeText(int64_t start, int64_t end) {
  return absl::StrCat("[", start, ", ", end, ")");
}

Table ParticipationsTable(const v1::ListParticipationsResponse& response, bool with_person) {
  std::vector<std::string> headers = {"PERSON", "TITLE HELD", "SIDE", "FUNCTION",
                                      "EVENT",  "DATE",       "PLACE"};
  if (!with_person) headers.erase(headers.begin());
  Table table(headers);
  table.SetNotesHeader("EVIDENCE");
  for (const v1::Participation& p : response.participations()) {
    std::vector<std::string> row = {p.person().name(),
                                    p.title(),
                                    p.side().name(),
                                    FunctionWithOrigin(p.function(), p.origin(), p.confidence()),
                                    p.event_title(),
                                    DateText(p.event_date()),
                                    PlaceText(p.event_location())};
    if (!with_person) row.erase(row.begin());
    table.AddRow(std::move(row));
    for (const v1::Evidence& e : p.evidence()) table.AddNote(EvidenceText(e));
  }
  return table;
}

}  // namespace parley::cli
