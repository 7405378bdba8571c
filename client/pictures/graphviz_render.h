// Pictures through Graphviz's library (libgvc and libcgraph from Debian):
// a graph written in the DOT language, laid out by one of Graphviz's
// engines and rendered as SVG or PNG. The DOT text itself is made by
// who_met_whom.h and timeline.h; this file only lays out and renders.
//
// Thread-safety: RenderDot may be called from any thread; calls take turns
// (Graphviz keeps global state, such as its error reporting).
#ifndef PARLEY_CLIENT_PICTURES_GRAPHVIZ_RENDER_H_
#define PARLEY_CLIENT_PICTURES_GRAPHVIZ_RENDER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace parley::pictures {

// A graph to draw: its DOT text and the Graphviz layout engine that suits it
// ("neato", "sfdp", or "nop2" for one whose every node has its position).
struct Picture {
  std::string dot;
  std::string engine;
};

// text as a DOT quoted string, quotes included: "\"" and "\\" escaped, line
// breaks as DOT's centred line break "\n".
std::string DotQuoted(absl::string_view text);

// The picture laid out by its engine and rendered as format ("svg" or
// "png"; "dot" gives the DOT text unchanged). INVALID_ARGUMENT for another
// format or DOT that Graphviz cannot read (with Graphviz's own words);
// FAILED_PRECONDITION when Graphviz has no such engine or renderer here
// (its plugins are missing: scripts/setup.sh installs them).
absl::StatusOr<std::string> RenderDot(const Picture& picture, absl::string_view format);

}  // namespace parley::pictures

#endif  // PARLEY_CLIENT_PICTURES_GRAPHVIZ_RENDER_H_
