#include "client/table_formatter.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace parley {

size_t DisplayWidth(absl::string_view utf8) {
  size_t width = 0;
  for (char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string TruncateToWidth(absl::string_view s, size_t width) {
  if (DisplayWidth(s) <= width) return std::string(s);
  size_t seen = 0;
  size_t i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == width - 1) break;
      ++seen;
    }
  }
  return absl::StrCat(s.substr(0, i), "…");
}

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)),
      max_widths_(headers_.size(), std::numeric_limits<size_t>::max()) {}

void Table::SetMaxWidth(size_t column, size_t width) { max_widths_[column] = width; }

void Table::AddRow(std::vector<std::string> cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    cells[i] = TruncateToWidth(cells[i], max_widths_[i]);
  }
  rows_.push_back({std::move(cells), {}});
}

void Table::AddNote(std::string note) { rows_.back().notes.push_back(std::move(note)); }

std::string Table::Render() const {
  std::vector<size_t> widths(headers_.size());
  for (size_t i = 0; i < headers_.size(); ++i) widths[i] = DisplayWidth(headers_[i]);
  for (const Row& row : rows_) {
    for (size_t i = 0; i < row.cells.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row.cells[i]));
    }
  }
  auto line = [&widths](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) {
      absl::StrAppend(&out, cells[i]);
      if (i + 1 < cells.size()) {
        out.append(widths[i] - DisplayWidth(cells[i]) + 2, ' ');
      }
    }
    return absl::StrCat(absl::StripTrailingAsciiWhitespace(out), "\n");
  };
  std::string out = line(headers_);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  absl::StrAppend(&out, line(rule));
  for (const Row& row : rows_) {
    absl::StrAppend(&out, line(row.cells));
    for (const std::string& note : row.notes) absl::StrAppend(&out, "    ", note, "\n");
  }
  return out;
}

}  // namespace parley
