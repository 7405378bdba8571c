// Plain-text tables for the CLI: columns padded to the widest cell, widths
// counted in Unicode code points so that "India’s" lines up, optional
// indented note lines under a row, and the same table as CSV or TSV.
//
// A table never loses text: to fit a width it shrinks its widest columns and
// wraps their cells onto more lines, at spaces where it can.
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

// s as lines of at most width code points, broken after spaces where it can
// and inside a word only when the word alone is longer than width; the
// spaces around a break are dropped (a run of them makes no line). Every
// other character is kept, in order. Empty s gives one empty line; width 0
// gives s whole.
std::vector<std::string> WrapToWidth(absl::string_view s, size_t width);

class Table {
 public:
  explicit Table(std::vector<std::string> headers);

  // REQUIRES: cells.size() == number of headers.
  void AddRow(std::vector<std::string> cells);

  // A line printed under the last row added, indented by four spaces.
  // REQUIRES: a row was added.
  void AddNote(std::string note);

  // The header of the column the notes become in CSV and TSV ("NOTES"
  // unless set); that column is there only when some row has notes.
  void SetNotesHeader(std::string header) { notes_header_ = std::move(header); }

  bool empty() const { return rows_.empty(); }

  // Header, a rule, then rows; trailing spaces trimmed; ends with a newline.
  // With width > 0 no line is longer than width code points: the widest
  // columns shrink first and their cells wrap at spaces, but no column
  // shrinks below its header, its longest word or kMinColumnWidth (words
  // are never broken). When the columns cannot fit so, or their rows would
  // take more than kMaxMeanRowLines lines on average, each row is printed
  // as a record instead, one "HEADER  value" line per column (as psql's
  // expanded display), rows apart by an empty line.
  std::string Render(size_t width = 0) const;
  static constexpr size_t kMinColumnWidth = 8;
  static constexpr size_t kMaxMeanRowLines = 3;

  // RFC 4180 CSV: a header line, one line per row, fields with a comma, a
  // quote or a line break quoted ("" for a quote), CRLF line ends; notes
  // joined with " | " in a last column.
  std::string RenderCsv() const;

  // Tab-separated values (IANA text/tab-separated-values): tabs and line
  // breaks inside a field become spaces; LF line ends.
  std::string RenderTsv() const;

 private:
  struct Row {
    std::vector<std::string> cells;
    std::vector<std::string> notes;
  };
  std::string RenderColumns(const std::vector<size_t>& widths, size_t width) const;
  std::string RenderRecords(size_t width) const;
  static std::string NoteLines(const std::vector<std::string>& notes, size_t width);
  // Records() with each field made by field(), apart by separator.
  std::string RenderDelimited(std::string (*field)(const std::string&), absl::string_view separator,
                              absl::string_view line_end) const;
  // The header and rows as fields, with the notes column when any row has notes.
  std::vector<std::vector<std::string>> Records() const;

  std::vector<std::string> headers_;
  std::vector<Row> rows_;
  std::string notes_header_ = "NOTES";
};

}  // namespace parley

#endif  // PARLEY_CLIENT_TABLE_H_
