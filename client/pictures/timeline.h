// Events on a time axis: one horizontal lane per kind (or per topic), each
// event a box at the x of its date, with its date, title and participants;
// the years marked under the lanes. The layout is computed here (positions
// for Graphviz's "nop2" engine, which only draws): x is linear in the date,
// and events too close to share a row in their lane take the next row down.
//
// Thread-safety: stateless functions.
#ifndef PARLEY_CLIENT_PICTURES_TIMELINE_H_
#define PARLEY_CLIENT_PICTURES_TIMELINE_H_

#include <map>
#include <string>

#include "client/pictures/graphviz_render.h"
#include "parley/v1/lookup_service.pb.h"

namespace parley::pictures {

enum class TimelineLanes { kKind, kTopic };

struct TimelineOptions {
  TimelineLanes lanes = TimelineLanes::kKind;
  // A line under the caption, e.g. the filter: "--topic cyber".
  std::string subtitle;
  // Topic ids to names, for lane labels by topic (the id when missing).
  std::map<std::string, std::string> topic_names;
};

// REQUIRES: every event has a date (year > 0); events without one are left out.
Picture Timeline(const v1::ListEventsResponse& events, const TimelineOptions& options);

}  // namespace parley::pictures

#endif  // PARLEY_CLIENT_PICTURES_TIMELINE_H_
