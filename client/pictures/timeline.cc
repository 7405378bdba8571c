#include "client/pictures/timeline.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "client/pictures/who_met_whom.h"
#include "client/table_formatter.h"

namespace parley::pictures {
namespace {

// Sizes in points (1/72 inch), as Graphviz's positions are.
constexpr double kLeft = 150;           // room for the lane labels
constexpr double kPointsPerChar = 5.6;  // DejaVu Sans at 9 pt, a little generous
constexpr double kGap = 14;             // between boxes in a row
constexpr double kRowHeight = 74;       // a box of up to five lines and its gap
constexpr double kLaneGap = 24;

struct Box {
  const v1::Event* event;
  std::string label;
  double x = 0, half_width = 0;
  int row = 0;
};

absl::CivilDay StartDay(const v1::FuzzyDate& date) {
  return absl::CivilDay(date.year(), std::max(date.month(), 1), std::max(date.day(), 1));
}

std::string KindName(v1::EventKind kind) {
  // A kind this client does not know (a newer server's) has no name.
  const std::string& name = v1::EventKind_Name(kind);
  if (name.size() <= 11) return absl::StrCat("kind ", static_cast<int>(kind));
  std::string words = name.substr(11);  // after "EVENT_KIND_"
  absl::AsciiStrToLower(&words);
  absl::StrReplaceAll({{"_", " "}}, &words);
  return words;
}

// "2011-05-27\nLaunch of the US-India Homeland\nSecurity Dialogue\nJanet
// Napolitano, P. Chidambaram": at most two lines of title, three names.
std::string EventLabel(const v1::Event& e) {
  std::vector<std::string> title = WrapToWidth(e.title(), 30);
  if (title.size() > 2) {
    title.resize(2);
    absl::StrAppend(&title[1], " …");
  }
  std::vector<std::string> names;
  for (const v1::Participant& p : e.participants()) {
    if (names.size() == 3) {
      names.push_back(absl::StrCat("+", e.participants_size() - 3));
      break;
    }
    names.push_back(p.entity().name());
  }
  std::string label = absl::StrCat(e.date().display(), "\n", absl::StrJoin(title, "\n"));
  if (!names.empty()) absl::StrAppend(&label, "\n", LabelLines(absl::StrJoin(names, ", "), 34));
  return label;
}

double LabelHalfWidth(const std::string& label) {
  size_t longest = 0;
  for (absl::string_view line : absl::StrSplit(label, '\n')) {
    longest = std::max(longest, DisplayWidth(line));
  }
  return (longest * kPointsPerChar + 16) / 2;
}

}  // namespace

Picture Timeline(const v1::ListEventsResponse& response, const TimelineOptions& options) {
  // The lanes, in the order of the kinds' enum or of the topic ids.
  std::map<std::string, std::vector<Box>> lanes;
  std::map<std::string, int> lane_order;
  absl::CivilDay first(9999, 12, 31), last(1, 1, 1);
  int drawn = 0;
  for (const v1::Event& e : response.events()) {
    // Undated events, and years no calendar of these events has, stay out.
    if (e.date().year() < 1 || e.date().year() > 9999) continue;
    ++drawn;
    first = std::min(first, StartDay(e.date()));
    last = std::max(last, StartDay(e.date()));
    std::vector<std::pair<std::string, int>> keys;
    if (options.lanes == TimelineLanes::kKind) {
      keys.emplace_back(KindName(e.kind()), e.kind());
    } else {
      for (const std::string& topic : e.topics()) keys.emplace_back(topic, 0);
      if (keys.empty()) keys.emplace_back("(no topic)", 1);
    }
    for (const auto& [lane, order] : keys) {
      lane_order.emplace(lane, order);
      lanes[lane].push_back(Box{&e, EventLabel(e)});
    }
  }
  first = absl::CivilDay(first.year(), 1, 1);  // the axis starts with a year mark
  const int events = drawn;
  const double width = std::clamp(170.0 * events, 900.0, 7200.0);
  const double span = std::max<double>(last - first, 1);
  auto x_of = [&](absl::CivilDay day) { return kLeft + (day - first) / span * width; };

  std::vector<std::string> lane_names;
  for (const auto& [name, boxes] : lanes) lane_names.push_back(name);
  std::stable_sort(
      lane_names.begin(), lane_names.end(),
      [&](const std::string& a, const std::string& b) { return lane_order[a] < lane_order[b]; });

  std::string nodes, edges;
  double y = 0;  // top of the current lane; lanes go down (y decreases)
  double right = kLeft + width;
  int n = 0;
  for (const std::string& lane : lane_names) {
    std::vector<Box>& boxes = lanes[lane];
    std::stable_sort(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
      return StartDay(a.event->date()) < StartDay(b.event->date());
    });
    std::vector<double> row_ends;  // right edge of the last box of each row
    for (Box& box : boxes) {
      box.half_width = LabelHalfWidth(box.label);
      box.x = std::max(x_of(StartDay(box.event->date())), kLeft + box.half_width);
      box.row = 0;
      while (box.row < static_cast<int>(row_ends.size()) &&
             row_ends[box.row] + kGap > box.x - box.half_width) {
        ++box.row;
      }
      if (box.row == static_cast<int>(row_ends.size())) row_ends.push_back(0);
      row_ends[box.row] = box.x + box.half_width;
      right = std::max(right, box.x + box.half_width);
    }
    const double height = row_ends.size() * kRowHeight;
    const std::string lane_label =
        options.lanes == TimelineLanes::kTopic && options.topic_names.count(lane)
            ? options.topic_names.at(lane)
            : lane;
    absl::StrAppend(&nodes, "  lane", n, " [shape=plaintext, style=solid, fontsize=12, label=",
                    DotQuoted(LabelLines(lane_label, 18)),
                    absl::StrFormat(", pos=\"%.0f,%.0f\"];\n", kLeft / 2 - 10, y - height / 2));
    for (const Box& box : boxes) {
      absl::StrAppend(&nodes, "  ", DotQuoted(absl::StrCat(box.event->id(), "@", n)),
                      " [label=", DotQuoted(box.label), ", tooltip=",
                      DotQuoted(absl::StrCat(box.event->title(), " [", box.event->id(), "]")),
                      absl::StrFormat(", pos=\"%.0f,%.0f\"];\n", box.x,
                                      y - kRowHeight / 2 - box.row * kRowHeight));
    }
    y -= height + kLaneGap;
    // A rule under each lane.
    absl::StrAppend(&nodes,
                    absl::StrFormat("  rule%da [shape=point, width=0, pos=\"%.0f,%.0f\"];\n"
                                    "  rule%db [shape=point, width=0, pos=\"%.0f,%.0f\"];\n",
                                    n, 10.0, y + kLaneGap / 2, n, right + 20, y + kLaneGap / 2));
    absl::StrAppend(&edges, absl::StrFormat("  rule%da -- rule%db [color=\"#cccccc\"];\n", n, n));
    ++n;
  }
  // Years under the lanes, and a dotted line up from each.
  // At most about 25 marks, on round years.
  const int64_t years = last.year() - first.year() + 1;
  int64_t step = 1;
  for (int64_t round : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
    step = round;
    if (years / round <= 25) break;
  }
  for (int64_t year = first.year() + (step - first.year() % step) % step; year <= last.year() + 1;
       year += step) {
    const double x = x_of(absl::CivilDay(year, 1, 1));
    if (x < kLeft - 1 || x > right) continue;
    absl::StrAppend(
        &nodes,
        absl::StrFormat("  year%d [shape=plaintext, style=solid, fontsize=10, label=\"%d\", "
                        "pos=\"%.0f,%.0f\"];\n"
                        "  top%d [shape=point, width=0, pos=\"%.0f,%.0f\"];\n",
                        year, year, x, y - 6, year, x, 10.0));
    absl::StrAppend(
        &edges,
        absl::StrFormat("  top%d -- year%d [style=dotted, color=\"#bbbbbb\"];\n", year, year));
  }
  std::string caption = absl::StrCat("Timeline: ", events, " events by ",
                                     options.lanes == TimelineLanes::kKind ? "kind" : "topic");
  if (!options.subtitle.empty()) absl::StrAppend(&caption, " (", options.subtitle, ")");
  std::string dot = absl::StrCat(
      "graph timeline {\n  graph [label=", DotQuoted(caption),
      ", labelloc=t, fontname=\"DejaVu Sans\", fontsize=14, splines=line, outputorder=edgesfirst, "
      "pad=0.3];\n"
      "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#fff2cc\", color=\"#7f6000\", "
      "fontname=\"DejaVu Sans\", fontsize=9, margin=\"0.08,0.04\"];\n"
      "  edge [penwidth=0.8];\n",
      nodes, edges, "}\n");
  return Picture{std::move(dot), "nop2"};
}

}  // namespace parley::pictures
