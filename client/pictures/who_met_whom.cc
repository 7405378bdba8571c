#include "client/pictures/who_met_whom.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/table_formatter.h"

namespace parley::pictures {
namespace {

struct Person {
  std::string name;
  std::string side_id;
  std::string side_name;
};

struct SharedEvent {
  std::string date;  // display, sorts as ISO 8601
  std::string title;
  std::string id;
  bool operator<(const SharedEvent& o) const {
    return std::tie(date, title, id) < std::tie(o.date, o.title, o.id);
  }
};

// The people of the participations, and per event who took part.
struct Gathered {
  std::map<std::string, Person> people;                       // by entity id
  std::map<std::string, std::string> organizations;           // id -> name
  std::set<std::pair<std::string, std::string>> represented;  // (person, organization)
  std::map<std::string, std::set<std::string>> people_of_event;
  std::map<std::string, SharedEvent> events;
};

Gathered Gather(const v1::ListParticipationsResponse& participations) {
  Gathered g;
  for (const v1::Participation& p : participations.participations()) {
    const std::string& id = p.person().id();
    g.people.emplace(id, Person{p.person().name(), p.side().id(), p.side().name()});
    g.people_of_event[p.event_id()].insert(id);
    g.events.emplace(p.event_id(),
                     SharedEvent{p.event_date().display(), p.event_title(), p.event_id()});
    if (!p.organization().id().empty()) {
      g.organizations.emplace(p.organization().id(), p.organization().name());
      g.represented.emplace(id, p.organization().id());
    }
  }
  return g;
}

// "Launch of the US-India Homeland Security Dialogue (2011-05-27)" lines,
// the first three events and "+N more".
std::string EdgeLabel(const std::vector<SharedEvent>& shared) {
  std::vector<std::string> lines;
  for (size_t i = 0; i < shared.size() && i < 3; ++i) {
    lines.push_back(LabelLines(absl::StrCat(shared[i].title, " (", shared[i].date, ")"), 34));
  }
  if (shared.size() > 3) lines.push_back(absl::StrCat("+", shared.size() - 3, " more"));
  return absl::StrJoin(lines, "\n");
}

// "India (saffron), United States (blue), other (grey)" for the sides drawn.
std::string Legend(const Gathered& g) {
  // By side id, as SideColor colours them; named as the data names them.
  std::map<int, std::string> named;  // 0 India, 1 United States, 2 others
  for (const auto& [id, person] : g.people) {
    if (person.side_id == "india") {
      named[0] = absl::StrCat(person.side_name.empty() ? "India" : person.side_name, " (saffron)");
    } else if (person.side_id == "united-states") {
      named[1] =
          absl::StrCat(person.side_name.empty() ? "United States" : person.side_name, " (blue)");
    } else {
      named[2] = "other (grey)";
    }
  }
  std::vector<std::string> parts;
  for (const auto& [order, text] : named) parts.push_back(text);
  return absl::StrJoin(parts, ", ");
}

}  // namespace

std::string SideColor(const std::string& country_id) {
  if (country_id == "india") return "#f9cb9c";
  if (country_id == "united-states") return "#9fc5e8";
  return "#d9d9d9";
}

std::string LabelLines(const std::string& text, size_t width) {
  return absl::StrJoin(WrapToWidth(text, width), "\n");
}

Picture WhoMetWhom(const v1::ListParticipationsResponse& participations,
                   const WhoMetWhomOptions& options) {
  Gathered g = Gather(participations);
  // Every pair of people at one event, with the events they shared.
  std::map<std::pair<std::string, std::string>, std::vector<SharedEvent>> pairs;
  for (const auto& [event, people] : g.people_of_event) {
    for (auto a = people.begin(); a != people.end(); ++a) {
      for (auto b = std::next(a); b != people.end(); ++b) {
        pairs[{*a, *b}].push_back(g.events.at(event));
      }
    }
  }
  const bool labelled = pairs.size() <= static_cast<size_t>(kMaxLabelledEdges);

  // A big graph leaves out the people who met no one else there: they would
  // be most of its nodes, and say least.
  std::set<std::string> met;
  for (const auto& [pair, events] : pairs) met.insert({pair.first, pair.second});
  if (!labelled) {
    for (auto it = g.people.begin(); it != g.people.end();) {
      it = met.count(it->first) ? std::next(it) : g.people.erase(it);
    }
  }
  const size_t nodes = g.people.size() + (options.organizations ? g.organizations.size() : 0);
  const bool big = nodes > static_cast<size_t>(kMaxNeatoNodes);
  std::string dot = "graph who_met_whom {\n";
  std::string caption =
      absl::StrCat("Who met whom: ", g.people.size(), " people, ", g.events.size(), " events");
  if (!options.subtitle.empty()) absl::StrAppend(&caption, " (", options.subtitle, ")");
  if (!labelled) absl::StrAppend(&caption, "; people who met no one else left out");
  absl::StrAppend(&caption, "\n", Legend(g));
  absl::StrAppend(&dot, "  graph [label=", DotQuoted(caption),
                  ", labelloc=t, fontname=\"DejaVu Sans\", fontsize=14, outputorder=edgesfirst, "
                  "splines=true, overlap=",
                  big ? "prism" : "false",
                  ", sep=\"+10\", pad=0.3, rankdir=LR, ranksep=1.2, nodesep=0.25];\n");
  absl::StrAppend(&dot,
                  "  node [shape=box, style=\"rounded,filled\", fontname=\"DejaVu Sans\", "
                  "fontsize=11, color=\"#666666\"];\n"
                  "  edge [fontname=\"DejaVu Sans\", fontsize=8, color=\"#7f7f7f\", "
                  "fontcolor=\"#404040\"];\n");
  std::string indians, americans;
  for (const auto& [id, person] : g.people) {
    absl::StrAppend(&dot, "  ", DotQuoted(id),
                    " [label=", DotQuoted(absl::StrCat(person.name, "\n", person.side_name)),
                    ", fillcolor=", DotQuoted(SideColor(person.side_id)), "];\n");
    if (person.side_id == "india") absl::StrAppend(&indians, " ", DotQuoted(id), ";");
    if (person.side_id == "united-states") absl::StrAppend(&americans, " ", DotQuoted(id), ";");
  }
  // With "dot" (the labelled layout), India's people in the left column and
  // the United States' in the right: a bilateral meeting reads across.
  if (!indians.empty()) absl::StrAppend(&dot, "  {rank=source;", indians, " }\n");
  if (!americans.empty()) absl::StrAppend(&dot, "  {rank=sink;", americans, " }\n");
  if (options.organizations) {
    for (const auto& [id, name] : g.organizations) {
      absl::StrAppend(&dot, "  ", DotQuoted(id), " [label=", DotQuoted(LabelLines(name, 24)),
                      ", shape=ellipse, style=filled, fillcolor=\"#f3f3f3\", fontsize=9];\n");
    }
    for (const auto& [person, organization] : g.represented) {
      if (!g.people.count(person)) continue;
      absl::StrAppend(&dot, "  ", DotQuoted(person), " -- ", DotQuoted(organization),
                      " [style=dashed, color=\"#b7b7b7\"];\n");
    }
  }
  for (const auto& [pair, events] : pairs) {
    std::vector<SharedEvent> shared = events;
    std::sort(shared.begin(), shared.end());
    const std::string label = EdgeLabel(shared);
    absl::StrAppend(
        &dot, "  ", DotQuoted(pair.first), " -- ", DotQuoted(pair.second), " [",
        labelled ? "label=" : "tooltip=", DotQuoted(label),
        absl::StrFormat(", penwidth=%.1f", 1.0 + 0.6 * std::min<size_t>(shared.size() - 1, 5)),
        "];\n");
  }
  absl::StrAppend(&dot, "}\n");
  return Picture{std::move(dot), labelled ? "dot" : big ? "sfdp" : "neato"};
}

}  // namespace parley::pictures
