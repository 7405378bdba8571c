#include "service/extract/lexicon_files.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace parley {

absl::StatusOr<std::vector<ListEntry>> ParseList(absl::string_view contents,
                                                 absl::string_view source) {
  std::vector<ListEntry> entries;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(contents, '\n')) {
    ++number;
    absl::string_view entry = line.substr(0, line.find('#'));
    entry = absl::StripAsciiWhitespace(entry);
    if (!entry.empty()) entries.push_back({std::string(entry), number});
  }
  if (entries.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": the lexicon is empty"));
  }
  return entries;
}

absl::StatusOr<std::vector<ListEntry>> ReadList(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(path.string(), ": cannot read the lexicon (one entry per line)"));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return ParseList(contents.str(), path.string());
}

absl::Status ForEachKeyedEntry(
    const std::vector<ListEntry>& entries, absl::string_view source,
    const std::function<absl::Status(absl::string_view key, absl::string_view entry, int line)>&
        add) {
  for (const ListEntry& e : entries) {
    const size_t colon = e.text.find(':');
    const absl::string_view key =
        colon == std::string::npos
            ? absl::string_view()
            : absl::StripAsciiWhitespace(absl::string_view(e.text).substr(0, colon));
    if (key.empty() || key.find(' ') != absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, ":", e.line, ": \"", e.text,
          "\": write ID: name, name, ... (an id without spaces, a colon, then the names)"));
    }
    for (absl::string_view name :
         absl::StrSplit(absl::string_view(e.text).substr(colon + 1), ',')) {
      name = absl::StripAsciiWhitespace(name);
      if (name.empty()) continue;
      if (absl::Status s = add(key, name, e.line); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::Status ReadKeyedList(const std::filesystem::path& path,
                           const std::function<void(absl::string_view, absl::string_view)>& add) {
  absl::StatusOr<std::vector<ListEntry>> entries = ReadList(path);
  if (!entries.ok()) return entries.status();
  return ForEachKeyedEntry(*entries, path.string(),
                           [&](absl::string_view key, absl::string_view name, int) {
                             add(key, name);
                             return absl::OkStatus();
                           });
}

}  // namespace parley
