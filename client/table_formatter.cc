#include "client/table_formatter.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace parley {
namespace {

bool StartsCodePoint(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// Byte length of the first code points of s, at most n of them.
size_t BytesOfCodePoints(absl::string_view s, size_t n) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (StartsCodePoint(s[i])) {
      if (seen == n) return i;
      ++seen;
    }
  }
  return s.size();
}

std::string PaddedTo(absl::string_view s, size_t width) {
  std::string out(s);
  const size_t have = DisplayWidth(s);
  if (have < width) out.append(width - have, ' ');
  return out;
}

// The width each column gets: its widest cell, the widest shrunk one step
// at a time while the line is longer than width, none below its floor.
std::vector<size_t> FittedWidths(std::vector<size_t> natural, const std::vector<size_t>& floors,
                                 size_t width) {
  if (width == 0 || natural.empty()) return natural;
  size_t total = std::accumulate(natural.begin(), natural.end(), 2 * (natural.size() - 1));
  while (total > width) {
    size_t widest = natural.size();
    for (size_t i = 0; i < natural.size(); ++i) {
      if (natural[i] > floors[i] && (widest == natural.size() || natural[i] > natural[widest])) {
        widest = i;
      }
    }
    if (widest == natural.size()) break;  // every column is at its floor
    --natural[widest];
    --total;
  }
  return natural;
}

std::string CsvField(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  return absl::StrCat("\"", absl::StrReplaceAll(field, {{"\"", "\"\""}}), "\"");
}

std::string TsvField(const std::string& field) {
  return absl::StrReplaceAll(field, {{"\t", " "}, {"\r\n", " "}, {"\n", " "}, {"\r", " "}});
}

}  // namespace

size_t DisplayWidth(absl::string_view utf8) {
  return std::count_if(utf8.begin(), utf8.end(), StartsCodePoint);
}

std::vector<std::string> WrapToWidth(absl::string_view s, size_t width) {
  if (width == 0) return {std::string(s)};
  std::vector<std::string> lines;
  while (DisplayWidth(s) > width) {
    const size_t limit = BytesOfCodePoints(s, width);
    // Break after the last space that keeps the line within width; a word
    // longer than the line is broken where the line ends.
    size_t cut = s.substr(0, limit + 1).find_last_of(' ');
    size_t next;
    if (cut == absl::string_view::npos) {
      cut = limit;
      next = limit;
    } else {
      next = cut + 1;
    }
    absl::string_view line = s.substr(0, cut);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    if (!line.empty()) lines.emplace_back(line);  // a run of spaces makes no line
    s.remove_prefix(next);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  }
  if (!s.empty() || lines.empty()) lines.emplace_back(s);
  return lines;
}

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::AddRow(std::vector<std::string> cells) { rows_.push_back({std::move(cells), {}}); }

void Table::AddNote(std::string note) { rows_.back().notes.push_back(std::move(note)); }

std::string Table::Render(size_t width) const {
  // A column may shrink to its header or its longest word, whichever is
  // wider, and not below kMinColumnWidth: words are never broken.
  std::vector<size_t> natural(headers_.size()), floors(headers_.size());
  for (size_t i = 0; i < headers_.size(); ++i) {
    natural[i] = DisplayWidth(headers_[i]);
    floors[i] = std::max(natural[i], kMinColumnWidth);
  }
  for (const Row& row : rows_) {
    for (size_t i = 0; i < row.cells.size(); ++i) {
      natural[i] = std::max(natural[i], DisplayWidth(row.cells[i]));
      for (absl::string_view word : absl::StrSplit(row.cells[i], ' ')) {
        floors[i] = std::max(floors[i], DisplayWidth(word));
      }
    }
  }
  for (size_t i = 0; i < natural.size(); ++i) floors[i] = std::min(floors[i], natural[i]);
  const std::vector<size_t> widths = FittedWidths(natural, floors, width);
  if (width == 0) return RenderColumns(widths, width);
  const size_t total = std::accumulate(widths.begin(), widths.end(), 2 * (widths.size() - 1));
  // Rows wrapped onto many lines read worse than records.
  size_t lines = 0;
  for (const Row& row : rows_) {
    size_t height = 1;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      height = std::max(height, WrapToWidth(row.cells[i], widths[i]).size());
    }
    lines += height;
  }
  if (total > width || lines > kMaxMeanRowLines * rows_.size()) return RenderRecords(width);
  return RenderColumns(widths, width);
}

std::string Table::RenderColumns(const std::vector<size_t>& widths, size_t width) const {
  // One row of cells as as many lines as its most wrapped cell needs.
  auto lines = [&widths](const std::vector<std::string>& cells) {
    std::vector<std::vector<std::string>> wrapped;
    size_t height = 1;
    for (size_t i = 0; i < cells.size(); ++i) {
      wrapped.push_back(WrapToWidth(cells[i], std::max<size_t>(widths[i], 1)));
      height = std::max(height, wrapped.back().size());
    }
    std::string out;
    for (size_t k = 0; k < height; ++k) {
      std::string line;
      for (size_t i = 0; i < cells.size(); ++i) {
        const std::string piece = k < wrapped[i].size() ? wrapped[i][k] : "";
        absl::StrAppend(&line, i + 1 < cells.size() ? PaddedTo(piece, widths[i] + 2) : piece);
      }
      absl::StrAppend(&out, absl::StripTrailingAsciiWhitespace(line), "\n");
    }
    return out;
  };
  std::string out = lines(headers_);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  absl::StrAppend(&out, lines(rule));
  for (const Row& row : rows_) {
    absl::StrAppend(&out, lines(row.cells), NoteLines(row.notes, width));
  }
  return out;
}

std::string Table::RenderRecords(size_t width) const {
  size_t label = 0;
  for (const std::string& header : headers_) label = std::max(label, DisplayWidth(header));
  label += 2;
  const size_t room = width > label + kMinColumnWidth ? width - label : 0;
  std::string out;
  for (size_t r = 0; r < rows_.size(); ++r) {
    if (r > 0) out += "\n";
    const Row& row = rows_[r];
    for (size_t i = 0; i < headers_.size(); ++i) {
      const std::vector<std::string> parts =
          room > 0 ? WrapToWidth(row.cells[i], room) : std::vector{row.cells[i]};
      for (size_t k = 0; k < parts.size(); ++k) {
        const std::string line = absl::StrCat(PaddedTo(k == 0 ? headers_[i] : "", label), parts[k]);
        absl::StrAppend(&out, absl::StripTrailingAsciiWhitespace(line), "\n");
      }
    }
    absl::StrAppend(&out, NoteLines(row.notes, width));
  }
  return out;
}

std::string Table::NoteLines(const std::vector<std::string>& notes, size_t width) {
  // Notes are indented four spaces, their continuation lines six.
  std::string out;
  for (const std::string& note : notes) {
    const std::vector<std::string> parts =
        width > 6 + kMinColumnWidth ? WrapToWidth(note, width - 6) : std::vector{note};
    for (size_t k = 0; k < parts.size(); ++k) {
      absl::StrAppend(&out, k == 0 ? "    " : "      ", parts[k], "\n");
    }
  }
  return out;
}

std::vector<std::vector<std::string>> Table::Records() const {
  const bool notes =
      std::any_of(rows_.begin(), rows_.end(), [](const Row& row) { return !row.notes.empty(); });
  std::vector<std::vector<std::string>> records = {headers_};
  if (notes) records.back().push_back(notes_header_);
  for (const Row& row : rows_) {
    records.push_back(row.cells);
    if (notes) records.back().push_back(absl::StrJoin(row.notes, " | "));
  }
  return records;
}

std::string Table::RenderDelimited(std::string (*field)(const std::string&),
                                   absl::string_view separator, absl::string_view line_end) const {
  std::string out;
  for (const std::vector<std::string>& record : Records()) {
    absl::StrAppend(
        &out,
        absl::StrJoin(record, separator,
                      [field](std::string* to, const std::string& f) { to->append(field(f)); }),
        line_end);
  }
  return out;
}

std::string Table::RenderCsv() const { return RenderDelimited(CsvField, ",", "\r\n"); }

std::string Table::RenderTsv() const { return RenderDelimited(TsvField, "\t", "\n"); }

}  // namespace parley
