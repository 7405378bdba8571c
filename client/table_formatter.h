// Plain-text tables for the CLI: columns padded to the widest cell, widths
// counted in Unicode code points so that "India’s" lines up, long cells cut
// with an ellipsis, and optional indented note lines under a row.
//
// Thread-safety: a Table is a plain value; not for concurrent mutation.
#ifndef PARLEY_CLIENT_TABLE_H_
#define PARLEY_CLIENT_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace parley {

// Number of code points in valid UTF-8 (continuation bytes are not counted).
size_t DisplayWidth(absl::string_view utf8);

// s cut to at most width code points, ending in "…" when cut.
std::string TruncateToWidth(absl::string_view s, size_t width);

class Table {
 public:
  explicit Table(std::vector<std::string> headers);

  // Cells of column longer than width are cut. REQUIRES: width >= 2.
  void SetMaxWidth(size_t column, size_t width);

  // REQUIRES: cells.size() == number of headers.
  void AddRow(std::vector<std::string> cells);

  // A line printed under the last row added, indented by four spaces.
  // REQUIRES: a row was added.
  void AddNote(std::string note);

  bool empty() const { return rows_.empty(); }

  // Header, a rule, then rows; trailing spaces trimmed; ends with a newline.
  std::string Render() const;

 private:
  struct Row {
    std::vector<std::string> cells;
    std::vector<std::string> notes;
  };
  std::vector<std::string> headers_;
  std::vector<size_t> max_widths_;
  std::vector<Row> rows_;
};

}  // namespace parley

#endif  // PARLEY_CLIENT_TABLE_H_
