#include "client/cli/output.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
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

std::string DateText(const v1::FuzzyDate& date) {
  if (date.year() == 0) return "—";
  if (date.basis() == v1::DATE_BASIS_EXTERNAL) return absl::StrCat(date.display(), " (ext)");
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

std::string ByteRangeText(int64_t start, int64_t end) {
  return absl::StrCat("[", start, ", ", end, ")");
}

void PrintParticipations(const v1::ListParticipationsResponse& response, bool with_person,
                         std::ostream& out) {
  std::vector<std::string> headers = {"PERSON", "TITLE HELD", "SIDE", "FUNCTION",
                                      "EVENT",  "DATE",       "PLACE"};
  if (!with_person) headers.erase(headers.begin());
  Table table(headers);
  table.SetMaxWidth(with_person ? 1 : 0, 44);
  table.SetMaxWidth(with_person ? 4 : 3, 56);
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
  out << table.Render();
}

}  // namespace parley::cli
