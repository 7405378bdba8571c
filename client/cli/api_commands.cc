// The commands for calling services' needs: match (entity resolution of a
// record) and export (everything, streamed).
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/cli/command.h"
#include "client/cli/common_flags.h"
#include "client/cli/output.h"
#include "client/table_formatter.h"

namespace parley::cli {
namespace {

std::string OriginText(v1::Origin origin) {
  return origin == v1::ORIGIN_EXTRACTED ? "extracted" : "curated";
}

void DeclareMatchFlags(FlagSet& flags) {
  flags.AddString("title", "", "A title the person held, e.g. \"Home Minister\"");
  flags.AddString("country", "", "Their country: a name, alias or id");
  flags.AddString("org", "", "An organization they belonged to (or that it is): name or id");
  flags.AddString("date", "", "When they held the title: YYYY, YYYY-MM or YYYY-MM-DD");
  flags.AddString("threshold", "", "Score a match needs, 0 to 1 (default 0.7)");
  AddLimitFlag(flags);
  AddExtractedFactFlags(flags);
}

absl::Status Match(CommandContext& context) {
  absl::StatusOr<std::string> name = context.JoinedArgs("a name");
  if (!name.ok()) return name.status();
  const FlagSet& flags = context.flags();
  v1::MatchEntitiesRequest request;
  v1::EntityExample* example = request.add_examples();
  example->set_name(*name);
  example->set_title(flags.GetString("title"));
  example->set_country(flags.GetString("country"));
  example->set_organization(flags.GetString("org"));
  example->set_date(flags.GetString("date"));
  if (const std::string& t = flags.GetString("threshold"); !t.empty()) {
    double threshold;
    if (!absl::SimpleAtod(t, &threshold)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--threshold=", t, " is not a number: give a score from 0 to 1"));
    }
    request.set_threshold(threshold);
  }
  request.set_max_candidates(flags.GetInt("limit"));
  *request.mutable_extracted() = ExtractedFilterFromFlags(flags);
  absl::StatusOr<v1::MatchEntitiesResponse> response =
      context.Call(&v1::LookupService::Stub::MatchEntities, request);
  if (!response.ok()) return response.status();
  const v1::ExampleMatches& result = response->results(0);
  if (result.candidates().empty()) {
    return absl::NotFoundError(absl::StrCat("no entity has a name like \"", *name,
                                            "\": try another spelling, or parley search"));
  }
  Table table({"SCORE", "MATCH", "NAME", "KIND", "COUNTRY", "WHY", "ID"});
  for (const v1::MatchCandidate& c : result.candidates()) {
    table.AddRow({absl::StrFormat("%.2f", c.score()), c.match() ? "yes" : "no", c.entity().name(),
                  KindText(c.entity().kind()), c.entity().country().name(), c.explanation(),
                  c.entity().id()});
  }
  const std::string verdict =
      result.matched()     ? absl::StrCat("match: ", result.candidates(0).entity().name())
      : result.ambiguous() ? "no match: two candidates score alike; say more (--title, --date, "
                             "--country, --org)"
                           : absl::StrFormat("no match at threshold %.2f", response->threshold());
  context.PrintTable(*response, table, verdict);
  return absl::OkStatus();
}

void DeclareExportFlags(FlagSet& flags) {
  flags.AddList("kind",
                "What to export: entities, events, participations, documents (default all; "
                "exactly one with --format csv)");
  flags.AddBool("without_text", false, "Documents without their text");
  AddExtractedFactFlags(flags);
}

// A CSV row for an item, and the header of its kind.
std::vector<std::string> CsvHeader(v1::ExportKind kind) {
  switch (kind) {
    case v1::EXPORT_KIND_ENTITIES:
      return {"id", "kind", "name", "aliases", "country", "events", "origin"};
    case v1::EXPORT_KIND_EVENTS:
      return {"id", "date", "kind", "title", "place", "participants", "topics", "origin"};
    case v1::EXPORT_KIND_PARTICIPATIONS:
      return {"event_id", "date", "person_id", "person", "title", "side", "function", "quote"};
    default:
      return {"id", "published", "publisher", "title", "url", "size_bytes"};
  }
}

std::vector<std::string> CsvRow(const v1::ExportItem& item) {
  if (item.has_entity()) {
    const v1::Entity& e = item.entity();
    return {e.id(),
            KindText(e.kind()),
            e.name(),
            absl::StrJoin(e.aliases(), "; "),
            e.country().id(),
            absl::StrCat(e.event_count()),
            OriginText(e.origin())};
  }
  if (item.has_event()) {
    const v1::Event& e = item.event();
    std::vector<std::string> people;
    for (const v1::Participant& p : e.participants()) people.push_back(p.entity().id());
    return {e.id(),
            e.date().display(),
            KindText(e.kind()),
            e.title(),
            e.location().place(),
            absl::StrJoin(people, "; "),
            absl::StrJoin(e.topics(), "; "),
            OriginText(e.origin())};
  }
  if (item.has_participation()) {
    const v1::Participation& p = item.participation();
    return {p.event_id(),
            p.event_date().display(),
            p.person().id(),
            p.person().name(),
            p.title(),
            p.side().id(),
            FunctionText(p.function()),
            p.evidence().empty() ? "" : p.evidence(0).quote()};
  }
  const v1::Document& d = item.document();
  return {d.id(),  d.published().display(),     d.publisher(), d.title(),
          d.url(), absl::StrCat(d.size_bytes())};
}

absl::Status Export(CommandContext& context) {
  const FlagSet& flags = context.flags();
  v1::ExportRequest request;
  for (const std::string& kind : flags.GetList("kind")) {
    absl::StatusOr<v1::ExportKind> value =
        ParseEnumFlag<v1::ExportKind>("kind", kind, "EXPORT_KIND_", v1::ExportKind_Parse,
                                      {{"ENTITY", "ENTITIES"},
                                       {"EVENT", "EVENTS"},
                                       {"PARTICIPATION", "PARTICIPATIONS"},
                                       {"WHO", "PARTICIPATIONS"},
                                       {"DOCUMENT", "DOCUMENTS"}});
    if (!value.ok()) return value.status();
    request.add_kinds(*value);
  }
  if (flags.GetBool("without_text")) request.set_document_view(v1::DOCUMENT_VIEW_BASIC);
  *request.mutable_extracted() = ExtractedFilterFromFlags(flags);
  if (context.format() == "csv") {
    if (request.kinds_size() != 1) {
      return absl::InvalidArgumentError(
          "--format=csv writes one table: give exactly one --kind (entities, events, "
          "participations or documents), or use --format=jsonl for everything");
    }
    Table table(CsvHeader(static_cast<v1::ExportKind>(request.kinds(0))));
    absl::Status status = context.client().Export(request, [&table](const v1::ExportItem& item) {
      table.AddRow(CsvRow(item));
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    context.out() << table.RenderCsv();
    return absl::OkStatus();
  }
  // One JSON object a line, written as it arrives.
  return context.client().Export(request, [&context](const v1::ExportItem& item) {
    context.out() << JsonLine(item) << '\n';
    return context.out().good() ? absl::OkStatus()
                                : absl::UnavailableError("cannot write standard output");
  });
}

}  // namespace

void AddApiCommands(CommandRegistry& registry) {
  registry.Add({"match", "match NAME",
                "Entity resolution: who a record means, scored on name, title, organization, "
                "country and date, with a clear match or no match.",
                DeclareMatchFlags, Match, kTableFormats});
  registry.Add({"export",
                "export",
                "Everything (entities, events, participations, documents), streamed as JSON "
                "lines, or one kind as CSV.",
                DeclareExportFlags,
                Export,
                {"jsonl", "csv"}});
}

}  // namespace parley::cli
