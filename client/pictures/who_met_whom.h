// "Who met whom": the people of a set of participations as the nodes of a
// graph, joined by an edge for every pair that took part in one event,
// labelled with the events (title and date) they shared; optionally the
// organizations they represented as nodes of their own. The graph is DOT
// text for graphviz_render.h.
//
// Layout: people are coloured by side (India saffron, the United States
// blue, other sides grey, as the caption says). A graph of up to
// kMaxLabelledEdges edges is laid out by "dot" from left to right, India's
// people in the left column and the United States' in the right, each edge
// labelled with its events (labels never overlap there). A bigger graph (a
// generated corpus of a thousand events) keeps the events as tooltips (SVG),
// shows their number as the edge's width, leaves out the people who met no
// one else (and says so), and is laid out by neato, or by sfdp beyond
// kMaxNeatoNodes nodes.
//
// Thread-safety: stateless functions.
#ifndef PARLEY_CLIENT_PICTURES_WHO_MET_WHOM_H_
#define PARLEY_CLIENT_PICTURES_WHO_MET_WHOM_H_

#include <string>

#include "client/pictures/graphviz_render.h"
#include "parley/v1/lookup_service.pb.h"

namespace parley::pictures {

struct WhoMetWhomOptions {
  // Organizations as nodes, each person joined (dashed) to the ones they
  // represented at the events.
  bool organizations = false;
  // A line under the caption, e.g. the filter: "--topic cyber".
  std::string subtitle;
};

inline constexpr int kMaxLabelledEdges = 80;
inline constexpr int kMaxNeatoNodes = 150;

Picture WhoMetWhom(const v1::ListParticipationsResponse& participations,
                   const WhoMetWhomOptions& options);

// The fill colour of a side's people: "#f9cb9c" for india, "#9fc5e8" for
// united-states, "#d9d9d9" for any other or none.
std::string SideColor(const std::string& country_id);

// text broken into lines of about width characters at spaces (for labels).
std::string LabelLines(const std::string& text, size_t width);

}  // namespace parley::pictures

#endif  // PARLEY_CLIENT_PICTURES_WHO_MET_WHOM_H_
