#include "service/store/corpus_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace parley {

namespace fs = std::filesystem;

bool IsCorpusFilePath(absl::string_view path) {
  std::vector<absl::string_view> parts = absl::StrSplit(path, '/');
  if (parts.size() != 2 || parts[1].empty() || parts[1] == "." || parts[1] == "..") return false;
  if (path.find('\0') != absl::string_view::npos) return false;
  for (const char* dir : kCorpusSubdirectories) {
    if (parts[0] == dir) return true;
  }
  return false;
}

namespace {

// The files of dir's corpus that Corpus::Read would take (editors' and
// systems' strays are not part of it), and its binary knowledge-base files.
struct Listing {
  std::vector<std::pair<std::string, fs::path>> files;  // ("kb/x.textproto", path)
  std::vector<std::string> binary;                      // kb/*.binpb, as paths
};

absl::StatusOr<Listing> ListCorpus(const std::string& dir) {
  Listing listing;
  std::error_code ec;
  for (const char* sub : kCorpusSubdirectories) {
    const fs::path root = fs::path(dir) / sub;
    if (!fs::is_directory(root, ec)) continue;
    const bool kb = std::string(sub) == "kb";
    const std::string extension = kb ? ".textproto" : ".txt";
    for (const fs::directory_entry& entry : fs::directory_iterator(root, ec)) {
      if (!entry.is_regular_file()) continue;
      if (kb && entry.path().extension() == std::string(kBinaryKnowledgeBaseExtension)) {
        listing.binary.push_back(entry.path().string());
      } else if (entry.path().extension() == extension) {
        listing.files.emplace_back(absl::StrCat(sub, "/", entry.path().filename().string()),
                                   entry.path());
      }
    }
    if (ec) return absl::InternalError(absl::StrCat(root.string(), ": ", ec.message()));
  }
  return listing;
}

// INVALID_ARGUMENT naming every binary file, else OK. Not skipped: the
// store would hold a corpus without their records.
absl::Status RefuseBinary(std::vector<std::string> binary) {
  if (binary.empty()) return absl::OkStatus();
  std::sort(binary.begin(), binary.end());
  return absl::InvalidArgumentError(absl::StrCat(
      absl::StrJoin(binary, ", "),
      ": the shared store keeps knowledge-base files as text; write each as kb/*.textproto "
      "(from the repository's root: protoc -I proto --decode=parley.v1.KnowledgeBase "
      "parley/v1/knowledge_base.proto < FILE.binpb > FILE.textproto) and remove it, then "
      "import again"));
}

}  // namespace

absl::Status CheckStorableForms(const std::string& dir) {
  absl::StatusOr<Listing> listing = ListCorpus(dir);
  if (!listing.ok()) return listing.status();
  return RefuseBinary(std::move(listing->binary));
}

absl::StatusOr<std::vector<CorpusFile>> ReadCorpusFiles(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(absl::StrCat(dir, ": no such directory"));
  }
  absl::StatusOr<Listing> listing = ListCorpus(dir);
  if (!listing.ok()) return listing.status();
  if (absl::Status forms = RefuseBinary(std::move(listing->binary)); !forms.ok()) return forms;
  std::vector<CorpusFile> files;
  for (auto& [relative, path] : listing->files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in && !in.eof()) {
      return absl::InternalError(absl::StrCat(path.string(), ": cannot read"));
    }
    files.push_back({std::move(relative), std::move(bytes).str()});
  }
  std::sort(files.begin(), files.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return a.path < b.path; });
  return files;
}

absl::Status WriteCorpusFiles(const std::string& dir, const std::vector<CorpusFile>& files) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return absl::AlreadyExistsError(
        absl::StrCat(dir, " exists and is not empty: give a new directory"));
  }
  for (const CorpusFile& file : files) {
    if (!IsCorpusFilePath(file.path)) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", file.path, "\" is not a corpus file path"));
    }
  }
  fs::create_directories(dir, ec);
  if (ec) return absl::InternalError(absl::StrCat(dir, ": ", ec.message()));
  // articles/ and kb/ always (a corpus has them); lexicons/ only with
  // files in it: a corpus without one extracts nothing, one with an empty
  // one lacks every lexicon.
  for (const char* sub : {"articles", "kb"}) {
    fs::create_directories(fs::path(dir) / sub, ec);
    if (ec) return absl::InternalError(absl::StrCat(dir, "/", sub, ": ", ec.message()));
  }
  for (const CorpusFile& file : files) {
    fs::create_directories((fs::path(dir) / file.path).parent_path(), ec);
    if (ec) return absl::InternalError(absl::StrCat(dir, "/", file.path, ": ", ec.message()));
  }
  for (const CorpusFile& file : files) {
    const fs::path path = fs::path(dir) / file.path;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(file.contents.data(), static_cast<std::streamsize>(file.contents.size()));
    out.close();
    if (!out) return absl::InternalError(absl::StrCat(path.string(), ": cannot write"));
  }
  return absl::OkStatus();
}

std::vector<CorpusFile> ApplyFileChanges(std::vector<CorpusFile> files,
                                         const std::vector<FileChange>& changes) {
  absl::flat_hash_map<std::string, size_t> at;
  for (size_t i = 0; i < files.size(); ++i) at[files[i].path] = i;
  std::vector<bool> removed(files.size(), false);
  for (const FileChange& change : changes) {
    auto it = at.find(change.path);
    if (it == at.end()) {
      if (!change.contents) continue;
      at[change.path] = files.size();
      removed.push_back(false);
      files.push_back({change.path, *change.contents});
    } else if (change.contents) {
      files[it->second].contents = *change.contents;
      removed[it->second] = false;
    } else {
      removed[it->second] = true;
    }
  }
  std::vector<CorpusFile> out;
  out.reserve(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (!removed[i]) out.push_back(std::move(files[i]));
  }
  std::sort(out.begin(), out.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace parley
