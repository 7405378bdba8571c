// The commands about events and who took part in them: events, who, event,
// connections, and topics (the vocabulary events are filed under).
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/cli/command.h"
#include "client/cli/common_flags.h"
#include "client/cli/event_filter_flags.h"
#include "client/cli/output.h"
#include "client/table_formatter.h"

namespace parley::cli {
namespace {

void DeclareEventsFlags(FlagSet& flags) {
  DeclareEventFilterFlags(flags);
  DeclareOrderFlag(flags);
  AddLimitFlag(flags);
  DeclareFacetAndFieldFlags(flags);
}

void DeclareConnectionsFlags(FlagSet& flags) {
  AddLimitFlag(flags);
  AddExtractedFactFlags(flags);
}

void DeclareWhoFlags(FlagSet& flags) {
  DeclareEventsFlags(flags);
  DeclareFunctionFlag(flags);
}

bool AnyExtracted(const v1::ListEventsResponse& response) {
  return std::any_of(response.events().begin(), response.events().end(), [](const v1::Event& e) {
    return e.origin() == v1::ORIGIN_EXTRACTED ||
           std::any_of(e.participants().begin(), e.participants().end(),
                       [](const v1::Participant& p) { return p.origin() == v1::ORIGIN_EXTRACTED; });
  });
}

Table EventsTable(const v1::ListEventsResponse& response) {
  Table table({"DATE", "KIND", "EVENT", "PLACE", "PARTICIPANTS", "ID"});
  for (const v1::Event& e : response.events()) {
    // Extracted facts are marked: the event "(x 0.80)", its people "*".
    std::vector<std::string> people;
    for (const v1::Participant& p : e.participants()) {
      const bool marked = p.origin() == v1::ORIGIN_EXTRACTED && e.origin() != v1::ORIGIN_EXTRACTED;
      people.push_back(marked ? absl::StrCat(p.entity().name(), "*") : p.entity().name());
    }
    table.AddRow({DateText(e.date()),
                  e.origin() == v1::ORIGIN_EXTRACTED
                      ? absl::StrFormat("%s (x %.2f)", KindText(e.kind()), e.confidence())
                      : KindText(e.kind()),
                  e.title(), PlaceText(e.location()),
                  people.empty() ? "—" : absl::StrJoin(people, ", "), e.id()});
  }
  return table;
}

std::string EventsFooter(const v1::ListEventsResponse& response) {
  return absl::StrCat(CountText(response.events_size(), response.total_size(), "event(s)"),
                      AnyExtracted(response)
                          ? "; (x 0.80): extracted from text, with its confidence; "
                            "*: participant extracted from text (--curated_only leaves them out)"
                          : "");
}

absl::Status Events(CommandContext& context) {
  v1::ListEventsRequest request;
  absl::StatusOr<v1::EventFilter> filter = EventFilterFromFlags(context);
  if (!filter.ok()) return filter.status();
  *request.mutable_filter() = *filter;
  request.set_order(EventOrderFromFlags(context.flags()));
  *request.mutable_extracted() = ExtractedFilterFromFlags(context.flags());
  if (absl::Status s = FacetsAndFieldsFromFlags(context, &request); !s.ok()) return s;
  absl::StatusOr<v1::ListEventsResponse> response =
      context.FetchAll(&v1::LookupService::Stub::ListEvents, request,
                       &v1::ListEventsResponse::mutable_events, context.flags().GetInt("limit"));
  if (!response.ok()) return response.status();
  context.PrintTable(*response, EventsTable(*response), EventsFooter(*response));
  PrintFacets(context, response->facets());
  return absl::OkStatus();
}

absl::Status Who(CommandContext& context) {
  v1::ListParticipationsRequest request;
  absl::StatusOr<v1::EventFilter> filter = EventFilterFromFlags(context);
  if (!filter.ok()) return filter.status();
  *request.mutable_filter() = *filter;
  request.set_order(EventOrderFromFlags(context.flags()));
  absl::StatusOr<std::vector<v1::ParticipantFunction>> functions =
      FunctionsFromFlags(context.flags());
  if (!functions.ok()) return functions.status();
  for (v1::ParticipantFunction function : *functions) request.add_functions(function);
  *request.mutable_extracted() = ExtractedFilterFromFlags(context.flags());
  if (absl::Status s = FacetsAndFieldsFromFlags(context, &request); !s.ok()) return s;
  absl::StatusOr<v1::ListParticipationsResponse> response = context.FetchAll(
      &v1::LookupService::Stub::ListParticipations, request,
      &v1::ListParticipationsResponse::mutable_participations, context.flags().GetInt("limit"));
  if (!response.ok()) return response.status();
  context.PrintTable(
      *response, ParticipationsTable(*response, /*with_person=*/true),
      CountText(response->participations_size(), response->total_size(), "participation(s)"));
  PrintFacets(context, response->facets());
  return absl::OkStatus();
}

absl::Status ShowEvent(CommandContext& context) {
  absl::StatusOr<std::string> id = context.JoinedArgs("an event id (see parley events)");
  if (!id.ok()) return id.status();
  v1::GetEventRequest request;
  request.set_id(*id);
  *request.mutable_extracted() = ExtractedFilterFromFlags(context.flags());
  absl::StatusOr<v1::Event> event = context.Call(&v1::LookupService::Stub::GetEvent, request);
  // Ids may hold capitals, but those of events seldom do: "2016-06-MODI-VISIT"
  // is tried as 2016-06-modi-visit before it is said to be unknown.
  if (absl::IsNotFound(event.status()) && absl::AsciiStrToLower(*id) != *id) {
    request.set_id(absl::AsciiStrToLower(*id));
    absl::StatusOr<v1::Event> lowercase = context.Call(&v1::LookupService::Stub::GetEvent, request);
    if (lowercase.ok()) event = std::move(lowercase);
  }
  if (!event.ok()) return event.status();
  if (context.PrintedAsJson(*event)) return absl::OkStatus();
  PrintEvent(*event, context.out());
  return absl::OkStatus();
}

absl::Status Connections(CommandContext& context) {
  absl::StatusOr<std::string> name = context.JoinedArgs("a name");
  if (!name.ok()) return name.status();
  absl::StatusOr<v1::Entity> entity = context.Resolve(*name, v1::ENTITY_KIND_UNSPECIFIED);
  if (!entity.ok()) return entity.status();
  v1::ListConnectionsRequest request;
  request.set_entity_id(entity->id());
  *request.mutable_extracted() = ExtractedFilterFromFlags(context.flags());
  absl::StatusOr<v1::ListConnectionsResponse> response = context.FetchAll(
      &v1::LookupService::Stub::ListConnections, request,
      &v1::ListConnectionsResponse::mutable_connections, context.flags().GetInt("limit"));
  if (!response.ok()) return response.status();
  if (context.PrintedWithEntityAsJson(*entity, "connections", *response)) return absl::OkStatus();
  if (response->connections().empty() && context.format() == "table") {
    context.out() << entity->name() << " took part in no event together with anyone else.\n";
    return absl::OkStatus();
  }
  Table table({"PERSON", "SHARED", "EVENTS"});
  for (const v1::Connection& c : response->connections()) {
    std::vector<std::string> events;
    for (const v1::EventRef& e : c.shared_events()) {
      events.push_back(absl::StrCat(e.title(), " (", e.date().display(), ")"));
    }
    table.AddRow(
        {c.entity().name(), absl::StrCat(c.shared_events_size()), absl::StrJoin(events, "; ")});
  }
  context.PrintTable(
      *response, table,
      response->connections_size() < response->total_size()
          ? CountText(response->connections_size(), response->total_size(), "person(s)")
          : "",
      absl::StrCat("Took part in events together with ", entity->name(), ":"));
  return absl::OkStatus();
}

absl::Status Topics(CommandContext& context) {
  absl::StatusOr<v1::ListTopicsResponse> response =
      context.Call(&v1::LookupService::Stub::ListTopics, v1::ListTopicsRequest());
  if (!response.ok()) return response.status();
  Table table({"TOPIC", "NAME", "PART OF"});
  for (const v1::Topic& t : response->topics()) {
    table.AddRow({t.id(), t.name(), t.parent_id().empty() ? "—" : t.parent_id()});
  }
  context.PrintTable(*response, table);
  return absl::OkStatus();
}

}  // namespace

void AddEventCommands(CommandRegistry& registry) {
  registry.Add({"events", "events",
                "Events, by date, filtered by topic, dates, kind, person, country, "
                "organization.",
                DeclareEventsFlags, Events, kTableFormats});
  registry.Add({"who", "who",
                "Who took part in what: person, title held, side, function, event, date, "
                "place, and the quote that shows it.",
                DeclareWhoFlags, Who, kTableFormats});
  registry.Add({"event", "event ID",
                "One event: date with its basis, place, participants, evidence; what the "
                "extractor added to a curated event is shown apart.",
                AddExtractedFactFlags, ShowEvent});
  registry.Add({"connections", "connections NAME",
                "People who took part in events together with NAME.", DeclareConnectionsFlags,
                Connections, kTableFormats});
  registry.Add({"topics", "topics", "The topic vocabulary.", nullptr, Topics, kTableFormats});
}

}  // namespace parley::cli
