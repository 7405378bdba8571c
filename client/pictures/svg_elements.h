// For tests of pictures (client/pictures/pictures_test.cc, tests/
// cli_output_test.cc): what an SVG that Graphviz wrote says, read without an
// XML parser — the contents of every <tag ...>...</tag> (Graphviz nests none
// of <text> or <title>): with "text" its texts, with "title" its node and
// edge ids, entities as written ("janet&#45;napolitano").
//
// Thread-safety: a pure function.
#ifndef PARLEY_CLIENT_PICTURES_SVG_ELEMENTS_H_
#define PARLEY_CLIENT_PICTURES_SVG_ELEMENTS_H_

#include <string>
#include <vector>

namespace parley::pictures {

inline std::vector<std::string> SvgElements(const std::string& svg, const std::string& tag) {
  std::vector<std::string> out;
  const std::string open = "<" + tag, close = "</" + tag + ">";
  for (size_t at = svg.find(open); at != std::string::npos; at = svg.find(open, at + 1)) {
    const char after = at + open.size() < svg.size() ? svg[at + open.size()] : '\0';
    if (after != '>' && after != ' ') continue;
    const size_t start = svg.find('>', at) + 1;
    const size_t end = svg.find(close, start);
    if (end == std::string::npos) break;
    out.push_back(svg.substr(start, end - start));
  }
  return out;
}

}  // namespace parley::pictures

#endif  // PARLEY_CLIENT_PICTURES_SVG_ELEMENTS_H_
