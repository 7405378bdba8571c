// The commands about people, organizations and countries: search, person,
// org and entity.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/cli/command.h"
#include "client/cli/common_flags.h"
#include "client/cli/output.h"
#include "client/table_formatter.h"

namespace parley::cli {
namespace {

void DeclareSearchFlags(FlagSet& flags) {
  flags.AddList("kind",
                "Only entities of these kinds: person, organization (org), country; "
                "comma-separated or repeated");
  AddLimitFlag(flags);
  AddExtractedFactFlags(flags);
}

absl::Status Search(CommandContext& context) {
  absl::StatusOr<std::string> query = context.JoinedArgs("a name to search for");
  if (!query.ok()) return query.status();
  v1::SearchEntitiesRequest request;
  request.set_query(*query);
  *request.mutable_extracted() = ExtractedFilterFromFlags(context.flags());
  for (const std::string& kind : context.flags().GetList("kind")) {
    absl::StatusOr<v1::EntityKind> value = ParseEnumFlag<v1::EntityKind>(
        "kind", kind, "ENTITY_KIND_", v1::EntityKind_Parse, {{"ORG", "ORGANIZATION"}});
    if (!value.ok()) return value.status();
    request.add_kinds(*value);
  }
  absl::StatusOr<v1::SearchEntitiesResponse> response = context.FetchAll(
      &v1::LookupService::Stub::SearchEntities, request,
      &v1::SearchEntitiesResponse::mutable_matches, context.flags().GetInt("limit"));
  if (!response.ok()) return response.status();
  if (context.PrintedAsJson(*response)) return absl::OkStatus();
  if (response->matches().empty()) {
    return absl::NotFoundError(absl::StrCat("nothing matches \"", request.query(), "\""));
  }
  Table table({"#", "NAME", "KIND", "MATCHED", "ON", "SCORE", "ID"});
  table.SetNotesHeader("SCORE EXPLANATION");
  int rank = 0;
  for (const v1::EntityMatch& m : response->matches()) {
    std::string how = MatchText(m.match_kind());
    if (m.match_kind() == v1::MATCH_KIND_FUZZY) {
      absl::StrAppend(&how, " (", m.edit_distance(), m.edit_distance() == 1 ? " edit)" : " edits)");
    }
    table.AddRow({absl::StrCat(++rank), m.entity().name(), KindText(m.entity().kind()), how,
                  m.matched_name(), absl::StrFormat("%.2f", m.score()), m.entity().id()});
    table.AddNote(absl::StrCat("score: ", m.score_explanation()));
  }
  std::string footer;
  if (response->matches_size() < response->total_size()) {
    footer = absl::StrCat("showing ", response->matches_size(), " of ",
                          response->total_size_is_exact() ? "" : "at least ",
                          response->total_size(), " match(es)");
  }
  context.PrintTable(*response, table, footer);
  return absl::OkStatus();
}

// Name, kind, id, country, parent, aliases, description and evidence.
void PrintEntityHeader(const v1::Entity& entity, std::ostream& out) {
  out << entity.name() << "  (" << KindText(entity.kind()) << ", id " << entity.id()
      << (entity.origin() == v1::ORIGIN_EXTRACTED
              ? absl::StrFormat(", extracted from text, confidence %.2f", entity.confidence())
              : "")
      << ")\n";
  if (entity.has_country()) out << "Country:   " << entity.country().name() << "\n";
  if (entity.has_parent_organization()) {
    out << "Part of:   " << entity.parent_organization().name() << "\n";
  }
  if (!entity.aliases().empty())
    out << "Aliases:   " << absl::StrJoin(entity.aliases(), ", ") << "\n";
  if (!entity.description().empty()) out << "About:     " << entity.description() << "\n";
  for (const v1::Evidence& e : entity.evidence()) out << "Evidence:  " << EvidenceText(e) << "\n";
}

// A person's positions, each with where, dates held and evidence.
void PrintPositions(const v1::Entity& entity, std::ostream& out) {
  if (!entity.positions().empty()) out << "Positions:\n";
  for (const v1::Position& p : entity.positions()) {
    std::vector<std::string> where;
    if (p.has_organization()) where.push_back(p.organization().name());
    if (p.has_country()) where.push_back(p.country().name());
    out << "  " << p.title() << (where.empty() ? "" : " — ") << absl::StrJoin(where, ", ")
        << (p.origin() == v1::ORIGIN_EXTRACTED
                ? absl::StrFormat("  [extracted: %s, confidence %.2f]", p.extraction_rule(),
                                  p.confidence())
                : "")
        << "\n";
    if (!p.disagreement().empty()) {
      out << "    disagrees with the curated facts: " << p.disagreement() << "\n";
    }
    // Each date once: two events on one day give the day twice, with two
    // reasonings (the API keeps both; the line would only repeat it).
    std::vector<std::string> dates;
    for (const v1::FuzzyDate& d : p.held_on()) {
      std::string text = DateText(d);
      if (std::find(dates.begin(), dates.end(), text) == dates.end()) {
        dates.push_back(std::move(text));
      }
    }
    if (!dates.empty()) out << "    held on: " << absl::StrJoin(dates, ", ") << "\n";
    for (const v1::Evidence& e : p.evidence()) out << "    " << EvidenceText(e) << "\n";
  }
}

// Every event a person took part in, as the extracted-fact flags allow.
absl::StatusOr<v1::ListParticipationsResponse> PersonParticipations(const v1::Entity& person,
                                                                    CommandContext& context) {
  v1::ListParticipationsRequest request;
  request.add_person_ids(person.id());
  *request.mutable_extracted() = ExtractedFilterFromFlags(context.flags());
  return context.FetchAll(&v1::LookupService::Stub::ListParticipations, request,
                          &v1::ListParticipationsResponse::mutable_participations);
}

// For a person the events they took part in; for others how many events
// involve them and the command that lists those.
absl::Status PrintEntityEvents(const v1::Entity& entity, CommandContext& context) {
  std::ostream& out = context.out();
  if (entity.kind() != v1::ENTITY_KIND_PERSON) {
    out << "Involved in " << entity.event_count() << " event(s)";
    if (entity.event_count() > 0) {
      out << "; see parley events --"
          << (entity.kind() == v1::ENTITY_KIND_COUNTRY ? "country" : "org") << " \""
          << entity.name() << "\"";
    }
    out << "\n";
    return absl::OkStatus();
  }
  absl::StatusOr<v1::ListParticipationsResponse> rows = PersonParticipations(entity, context);
  if (!rows.ok()) return rows.status();
  out << "Took part in " << rows->participations_size() << " event(s)"
      << (rows->participations().empty() ? ".\n" : ":\n");
  if (!rows->participations().empty()) {
    out << ParticipationsTable(*rows, /*with_person=*/false).Render(OutputWidth());
  }
  return absl::OkStatus();
}

// person, org and entity: one entity by name, of kind (or of any kind).
absl::Status ShowEntity(CommandContext& context, v1::EntityKind kind) {
  absl::StatusOr<std::string> name = context.JoinedArgs("a name");
  if (!name.ok()) return name.status();
  absl::StatusOr<v1::Entity> resolved = context.Resolve(*name, kind);
  if (!resolved.ok()) return resolved.status();
  v1::GetEntityRequest request;
  request.set_id(resolved->id());
  *request.mutable_extracted() = ExtractedFilterFromFlags(context.flags());
  absl::StatusOr<v1::Entity> response = context.Call(&v1::LookupService::Stub::GetEntity, request);
  if (!response.ok()) return response.status();
  if (context.format() != "table" && response->kind() == v1::ENTITY_KIND_PERSON) {
    // What the text shows: the person and the events they took part in.
    absl::StatusOr<v1::ListParticipationsResponse> rows = PersonParticipations(*response, context);
    if (!rows.ok()) return rows.status();
    context.PrintedWithEntityAsJson(*response, "participations", *rows);
    return absl::OkStatus();
  }
  if (context.PrintedAsJson(*response)) return absl::OkStatus();
  const v1::Entity& entity = *response;
  PrintEntityHeader(entity, context.out());
  PrintPositions(entity, context.out());
  context.out() << "Mentioned: " << entity.mention_count() << " time(s) in the articles"
                << (entity.mention_count() > 0
                        ? absl::StrCat("; see parley mentions \"", entity.name(), "\"")
                        : "")
                << "\n";
  return PrintEntityEvents(entity, context);
}

Command ShowEntityCommand(std::string name, std::string description, v1::EntityKind kind) {
  return Command{name, absl::StrCat(name, " NAME"), std::move(description), AddExtractedFactFlags,
                 [kind](CommandContext& context) { return ShowEntity(context, kind); }};
}

}  // namespace

void AddEntityCommands(CommandRegistry& registry) {
  registry.Add({"search", "search NAME",
                "Find people, organizations and countries by name, alias or prefix; shows how "
                "each hit matched and its score.",
                DeclareSearchFlags, Search, kTableFormats});
  registry.Add(ShowEntityCommand(
      "person",
      "A person: positions held with evidence and dates, and the events they took part in.",
      v1::ENTITY_KIND_PERSON));
  registry.Add(ShowEntityCommand("org", "An organization: aliases, parent, evidence.",
                                 v1::ENTITY_KIND_ORGANIZATION));
  registry.Add(ShowEntityCommand("entity", "Any entity by name (person, organization or country).",
                                 v1::ENTITY_KIND_UNSPECIFIED));
}

}  // namespace parley::cli
