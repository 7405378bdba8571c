// Reading a corpus directory from disk: the article files and the curated
// knowledge base, parsed but not yet cross-checked (see index.h for that).
//
// Layout of a corpus directory:
//   articles/*.txt     article texts, byte for byte; evidence offsets index them
//   kb/*.textproto     parley.v1.KnowledgeBase in protobuf text format
//   kb/*.binpb         the same in protobuf's binary wire format, for
//                      knowledge bases that programs write (a little
//                      faster to read than the text form, whose plain
//                      subset has a fast path: text_format_fast_path.h)
// The files of kb/ are read in name order, whatever their form.
//
// Every problem is reported with its file, line and column (in a binary
// file: the record's path, "entities[12]"), and reading goes on after a
// problem so that one run lists them all.
//
// Thread-safety: a Corpus is immutable after Read() (but for its owner's
// ReleaseKnowledgeBase() and TakeArticles()) and safe to share.
#ifndef PARLEY_SERVICE_CORPUS_CORPUS_H_
#define PARLEY_SERVICE_CORPUS_CORPUS_H_

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/message.h"
#include "parley/v1/knowledge_base.pb.h"
#include "parley/v1/resources.pb.h"
#include "service/corpus/packed_records.h"

namespace parley {

class TextLines;  // text_format_hints.h

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  // In a binary file, which has no lines: the record's path in the file
  // ("entities[12]", "events[3].participants[0]"); "" otherwise.
  std::string record = "";
};

// The extensions of knowledge-base files in kb/: text and binary form.
inline constexpr absl::string_view kTextKnowledgeBaseExtension = ".textproto";
inline constexpr absl::string_view kBinaryKnowledgeBaseExtension = ".binpb";

// Problems found while loading, in the order found.
class ProblemList {
 public:
  void Add(SourceLocation where, std::string what);
  bool empty() const { return problems_.empty(); }
  size_t size() const { return problems_.size(); }
  // "file:line:column: what" per problem, one per line, by file and line.
  std::string ToString() const;
  // OK if empty; otherwise INVALID_ARGUMENT listing every problem.
  [[nodiscard]] absl::Status ToStatus() const;
  // Adds every problem of other.
  void Merge(ProblemList other);

 private:
  struct Problem {
    SourceLocation where;
    std::string what;
  };
  std::vector<Problem> problems_;
};

// One "key: value" line of an article's front matter.
struct FrontMatterField {
  std::string key;  // id, title, publisher, author, published or url
  std::string value;
  int line = 0;
};

// An article file. It may start with a front-matter block of metadata:
//   ---
//   title: India, US hold cyber talks
//   publisher: Example Wire
//   author: A. Reporter
//   published: 2025-02-01          (YYYY, YYYY-MM or YYYY-MM-DD)
//   url: https://example.com/story
//   id: example-2025-02-01         (default: the file name without .txt)
//   ---
// The document text (which evidence offsets index) is what follows it.
struct ArticleFile {
  std::string file_name;  // "000_510fb721e618f646.txt"
  std::string path;
  std::string bytes;  // the whole file
  // Of bytes, lowercase hex (taken as it is read, on a worker). Both move
  // into the document when AssembleDocuments() runs.
  std::string sha256;
  size_t body_offset = 0;  // where the text starts, after any front matter
  std::vector<FrontMatterField> front_matter;

  absl::string_view body() const { return absl::string_view(bytes).substr(body_offset); }
};

// A corpus file given in memory rather than on disk (the shared store's
// snapshot): its path relative to the corpus root and its bytes.
struct CorpusFile {
  std::string path;  // '/'-separated: "articles/x.txt", "kb/events.textproto"
  std::string contents;
};

struct KnowledgeBaseFile {
  std::string path;
  // The records live on an arena of their own: parsing allocates from a few
  // blocks, and a million records are freed at once.
  std::unique_ptr<google::protobuf::Arena> arena;
  v1::KnowledgeBase* kb = nullptr;  // owned by arena
  // With Corpus::Options::pack_entities, the file's entity records, in
  // their order, and kb->entities() is empty; otherwise empty. Read them
  // with ForEachEntityRecord() (or one by one, as an index build does).
  PackedRecords packed_entities;
};

// Calls visit(record) for each entity record of file, in the file's order,
// packed or not. A packed record is parsed into a message that lives until
// visit returns. Errors: INTERNAL, having visited the records before it,
// if a packed record does not parse back (never for a corpus that
// Corpus::Read gave: it packs only files without problems, and a problem
// is any string that is not UTF-8, the one thing proto3 writes but does
// not parse back).
[[nodiscard]] absl::Status ForEachEntityRecord(
    const KnowledgeBaseFile& file, absl::FunctionRef<void(const v1::EntityRecord&)> visit);
// The error of a packed entity record i of file that did not parse back,
// and the same without the file's path.
absl::Status PackedRecordLost(const KnowledgeBaseFile& file, size_t i);
std::string PackedRecordLostWhat(size_t i);

class Corpus {
 public:
  struct Options {
    // Record where every knowledge-base record and field was written, for
    // LocationOf(). Costs several times the memory of the records
    // themselves, so Index::Load reads without it and reads again with it
    // only when the corpus has problems to report.
    bool record_locations = true;
    // Keep each file's entity records packed (KnowledgeBaseFile::
    // packed_entities): ~0.5 GB less at 1M entities, for a parse of each
    // record again when it is read. REQUIRES: !record_locations (a
    // location is found by the record's address).
    bool pack_entities = false;
    // When set, the corpus's articles/*.txt and kb/*.{textproto,binpb} are these
    // (other paths are ignored) and no file is read; data_dir is then only
    // what problems name them by: data_dir + path ("store:kb/x.textproto").
    const std::vector<CorpusFile>* files = nullptr;
  };

  // Reads data_dir. Errors: INVALID_ARGUMENT listing every problem (missing
  // directories, unreadable files, text-format syntax errors, binary files
  // that do not parse or hold fields or enum values the schema lacks, a
  // file in both forms).
  [[nodiscard]] static absl::StatusOr<Corpus> Read(const std::string& data_dir,
                                                   const Options& options);
  [[nodiscard]] static absl::StatusOr<Corpus> Read(const std::string& data_dir) {
    return Read(data_dir, Options());
  }

  // The content_sha256() that Read(data_dir) would give, from the files'
  // bytes alone (nothing parsed; one file in memory at a time). Errors:
  // INVALID_ARGUMENT when a directory or file cannot be read.
  [[nodiscard]] static absl::StatusOr<std::string> ContentSha256(const std::string& data_dir);

  // ContentSha256(data_dir), taken from the stamp at stamp_path when it
  // vouches for data_dir's files as they are now, in this context (what
  // the hash means: the program's fingerprint; content_stamp.h): only their
  // metadata is read. Otherwise the bytes of the files just listed are
  // hashed, and a new stamp is written there if each file was read as it
  // was listed (atomically; a stamp that cannot be written costs only the
  // next call's time). *from_stamp says which. On a file system that is not
  // local (ContentStamp::OnLocalFileSystem) no stamp is read or written.
  // Errors: ContentSha256's.
  [[nodiscard]] static absl::StatusOr<std::string> StampedContentSha256(
      const std::string& data_dir, const std::string& stamp_path, absl::string_view context,
      bool* from_stamp);

  Corpus(Corpus&&) = default;
  Corpus& operator=(Corpus&&) = default;

  const std::string& data_dir() const { return data_dir_; }
  // Sorted by file name.
  const std::vector<ArticleFile>& articles() const { return articles_; }
  // Sorted by path.
  const std::vector<std::unique_ptr<KnowledgeBaseFile>>& kb_files() const { return kb_files_; }

  // Frees the knowledge-base records (and their locations) once whoever
  // owns the corpus has built what it needs from them. Records handed out
  // before are invalid afterwards.
  void ReleaseKnowledgeBase() {
    kb_files_.clear();
    locations_.clear();
  }
  // Frees the files whose records release() says are no longer needed; the
  // others stay where they are. The locations of freed records stay in the
  // table: no live record can have their addresses.
  void ReleaseKnowledgeBaseFiles(absl::FunctionRef<bool(const v1::KnowledgeBase&)> release) {
    kb_files_.erase(std::remove_if(kb_files_.begin(), kb_files_.end(),
                                   [&](const std::unique_ptr<KnowledgeBaseFile>& f) {
                                     return release(*f->kb);
                                   }),
                    kb_files_.end());
  }

  // Joins every article file with its document record or front matter into
  // a document (documents.cc): ids checked, dates parsed, texts moved out of
  // articles() into documents(), sorted by publication date then id (undated
  // last). Problems go to problems(). Does nothing the second time.
  void AssembleDocuments();
  bool documents_assembled() const { return documents_assembled_; }
  // Whether it was read with record_locations: LocationOf knows each
  // record's place.
  bool has_locations() const { return has_locations_; }
  // REQUIRES: AssembleDocuments() was called.
  const std::vector<v1::Document>& documents() const { return documents_; }
  std::vector<v1::Document> TakeDocuments() { return std::move(documents_); }
  // Problems found after Read() (by AssembleDocuments()).
  ProblemList TakeProblems() { return std::move(problems_); }
  // Hex SHA-256 over every file's relative path and the hex SHA-256 of its
  // bytes, in path order (articles/, then kb/).
  const std::string& content_sha256() const { return content_sha256_; }
  // How long Read() and AssembleDocuments() took.
  absl::Duration read_duration() const { return read_duration_; }
  absl::Duration assemble_duration() const { return assemble_duration_; }

  // Where a record (any message inside kb_files()) or one of its fields was
  // written. field_name "" means the record itself. Without
  // record_locations, the file of the record is not known either: the data
  // directory is returned.
  SourceLocation LocationOf(const google::protobuf::Message& record,
                            absl::string_view field_name = "") const;

 private:
  Corpus() = default;
  // lines are the file's text's, whose parse made tree.
  void RecordLocations(const std::string& path, const TextLines& lines,
                       const google::protobuf::Message& message, const void* tree);
  // The same for a file in binary form, by the records' paths in it.
  void RecordBinaryLocations(const std::string& path, const google::protobuf::Message& message,
                             const std::string& message_path);

  std::string data_dir_;
  std::vector<ArticleFile> articles_;
  std::vector<v1::Document> documents_;
  bool documents_assembled_ = false;
  bool has_locations_ = false;
  ProblemList problems_;
  std::vector<std::unique_ptr<KnowledgeBaseFile>> kb_files_;
  std::string content_sha256_;
  absl::Duration read_duration_;
  absl::Duration assemble_duration_;
  // (message, field name) -> location; field name "" for the message itself.
  absl::flat_hash_map<std::pair<const void*, std::string>, SourceLocation> locations_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_CORPUS_CORPUS_H_
