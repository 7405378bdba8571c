// The commands that draw: graph (who met whom) and timeline (events on a
// time axis), as DOT, SVG or PNG through Graphviz (client/pictures/).
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/cli/command.h"
#include "client/cli/common_flags.h"
#include "client/cli/event_filter_flags.h"
#include "client/cli/output.h"
#include "client/pictures/graphviz_render.h"
#include "client/pictures/timeline.h"
#include "client/pictures/who_met_whom.h"

namespace parley::cli {
namespace {

const std::vector<std::string> kPictureFormats = {"dot", "svg", "png", "json"};

void DeclareOutputFlag(FlagSet& flags) {
  flags.AddString("output", "", "Write the picture to this file instead of standard output");
}

void DeclareGraphFlags(FlagSet& flags) {
  DeclareEventFilterFlags(flags);
  DeclareFunctionFlag(flags);
  flags.AddBool("orgs", false, "Also draw the organizations people represented");
  DeclareOutputFlag(flags);
}

void DeclareTimelineFlags(FlagSet& flags) {
  DeclareEventFilterFlags(flags);
  flags.AddString("by", "kind", "One lane per kind or per topic: kind or topic");
  DeclareOutputFlag(flags);
}

// "--topic cyber --from 2011": the filter flags given, for the caption.
std::string FilterText(const FlagSet& flags) {
  std::vector<std::string> parts;
  for (const char* list : {"topic", "kind", "function"}) {
    if (!flags.Declared(list)) continue;
    for (const std::string& value : flags.GetList(list)) {
      parts.push_back(absl::StrCat("--", list, " ", value));
    }
  }
  for (const char* name : {"from", "to", "person", "country", "org"}) {
    if (const std::string& value = flags.GetString(name); !value.empty()) {
      parts.push_back(absl::StrCat("--", name, " ", value));
    }
  }
  return absl::StrJoin(parts, " ");
}

// The picture in the --format asked for, to --output or standard output.
absl::Status Draw(CommandContext& context, const pictures::Picture& picture) {
  const std::string& path = context.flags().GetString("output");
  if (context.format() == "png" && path.empty() && OutputIsTerminal()) {
    return absl::InvalidArgumentError(
        "--format=png is an image: give --output=FILE.png or redirect standard output");
  }
  absl::StatusOr<std::string> drawn = pictures::RenderDot(picture, context.format());
  if (!drawn.ok()) return drawn.status();
  if (path.empty()) {
    context.out() << *drawn;
    return absl::OkStatus();
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    return absl::InvalidArgumentError(
        absl::StrCat("--output: cannot create ", path, ": ", std::strerror(errno)));
  }
  file << *drawn;
  file.close();
  if (!file) {
    return absl::DataLossError(absl::StrCat("--output: writing ", path, " failed: ",
                                            std::strerror(errno), " (the file is incomplete)"));
  }
  context.err() << "wrote " << path << " (" << drawn->size() << " bytes)\n";
  return absl::OkStatus();
}

absl::Status Graph(CommandContext& context) {
  v1::ListParticipationsRequest request;
  absl::StatusOr<v1::EventFilter> filter = EventFilterFromFlags(context);
  if (!filter.ok()) return filter.status();
  *request.mutable_filter() = *filter;
  absl::StatusOr<std::vector<v1::ParticipantFunction>> functions =
      FunctionsFromFlags(context.flags());
  if (!functions.ok()) return functions.status();
  for (v1::ParticipantFunction function : *functions) request.add_functions(function);
  *request.mutable_extracted() = ExtractedFilterFromFlags(context.flags());
  absl::StatusOr<v1::ListParticipationsResponse> response =
      context.FetchAll(&v1::LookupService::Stub::ListParticipations, request,
                       &v1::ListParticipationsResponse::mutable_participations);
  if (!response.ok()) return response.status();
  if (context.PrintedAsJson(*response)) return absl::OkStatus();
  if (response->participations().empty()) {
    return absl::NotFoundError("no participations match; nothing to draw (see parley who)");
  }
  return Draw(context, pictures::WhoMetWhom(*response, {context.flags().GetBool("orgs"),
                                                        FilterText(context.flags())}));
}

absl::Status Timeline(CommandContext& context) {
  pictures::TimelineOptions options;
  const std::string by = absl::AsciiStrToLower(context.flags().GetString("by"));
  if (by != "kind" && by != "topic") {
    return absl::InvalidArgumentError(
        absl::StrCat("--by=", context.flags().GetString("by"), " is not known; use kind or topic"));
  }
  options.lanes = by == "kind" ? pictures::TimelineLanes::kKind : pictures::TimelineLanes::kTopic;
  options.subtitle = FilterText(context.flags());
  v1::ListEventsRequest request;
  absl::StatusOr<v1::EventFilter> filter = EventFilterFromFlags(context);
  if (!filter.ok()) return filter.status();
  *request.mutable_filter() = *filter;
  *request.mutable_extracted() = ExtractedFilterFromFlags(context.flags());
  absl::StatusOr<v1::ListEventsResponse> response = context.FetchAll(
      &v1::LookupService::Stub::ListEvents, request, &v1::ListEventsResponse::mutable_events);
  if (!response.ok()) return response.status();
  if (context.PrintedAsJson(*response)) return absl::OkStatus();
  if (std::none_of(response->events().begin(), response->events().end(),
                   [](const v1::Event& e) { return e.date().year() > 0; })) {
    return absl::NotFoundError("no dated events match; nothing to draw (see parley events)");
  }
  if (options.lanes == pictures::TimelineLanes::kTopic) {
    absl::StatusOr<v1::ListTopicsResponse> topics =
        context.Call(&v1::LookupService::Stub::ListTopics, v1::ListTopicsRequest());
    if (!topics.ok()) return topics.status();
    for (const v1::Topic& t : topics->topics()) options.topic_names[t.id()] = t.name();
  }
  return Draw(context, pictures::Timeline(*response, options));
}

}  // namespace

void AddPictureCommands(CommandRegistry& registry) {
  registry.Add({"graph", "graph",
                "Who met whom: people as nodes, the events they shared as labelled edges; "
                "filtered as parley who is. DOT, SVG or PNG (--format).",
                DeclareGraphFlags, Graph, kPictureFormats});
  registry.Add({"timeline", "timeline",
                "Events on a time axis, a lane per kind (or topic), with their participants. "
                "DOT, SVG or PNG (--format).",
                DeclareTimelineFlags, Timeline, kPictureFormats});
}

}  // namespace parley::cli
