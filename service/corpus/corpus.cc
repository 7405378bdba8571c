#include "service/corpus/corpus.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>
#include <tuple>

#include <dirent.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/cleanup/cleanup.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/types/span.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "service/base/atomic_file.h"
#include "service/base/normalize.h"
#include "service/base/run_concurrently.h"
#include "service/corpus/binary_knowledge_base.h"
#include "service/corpus/content_stamp.h"
#include "service/corpus/text_format_fast_path.h"
#include "service/corpus/text_format_hints.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using google::protobuf::TextFormat;

// protobuf's text-format errors as problems, where they are (text is the
// file's, parsed while the collector lives).
class TextFormatErrors : public google::protobuf::io::ErrorCollector {
 public:
  TextFormatErrors(std::string path, absl::string_view text, ProblemList* problems)
      : path_(std::move(path)), text_(text), problems_(problems) {}
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    // A character outside ASCII is reported twice by protobuf: once here.
    if (!NonAsciiCharacterAt(text_, {line, column}).empty()) {
      if (line == last_non_ascii_.line && column == last_non_ascii_.column) return;
      last_non_ascii_ = {line, column};
    }
    const TextPosition at = TextFormatErrorPosition(text_, message, {line, column});
    problems_->Add({path_, at.line + 1, CharacterColumn(text_, at)},
                   WithTextFormatHint(message, text_, {line, column}));
  }
  void AddWarning(int line, google::protobuf::io::ColumnNumber column,
                  const std::string& message) override {
    problems_->Add({path_, line + 1, CharacterColumn(text_, {line, column})},
                   "warning: " + message);
  }

 private:
  std::string path_;
  absl::string_view text_;
  ProblemList* problems_;
  TextPosition last_non_ascii_{-1, -1};
};

// The knowledge base's entity records, which a read may keep packed.
const google::protobuf::FieldDescriptor* EntitiesField() {
  static const google::protobuf::FieldDescriptor* const field =
      v1::KnowledgeBase::descriptor()->FindFieldByNumber(v1::KnowledgeBase::kEntitiesFieldNumber);
  return field;
}

// Room for a text file's entity records packed, made at the first: a record
// for every 128 bytes of text and two thirds of its size in bytes. Files
// of entity records as Parley's tools write them have ~270 bytes of text a
// record and half their size packed (at 1M): too little room would move the
// records as they grow; room to spare is never touched.
void ReserveForPacked(size_t text_size, PackedRecords* packed) {
  packed->Reserve(text_size / 128, text_size / 3 * 2);
}

// Moves file's entity records into file->packed_entities; binary_form, if
// not null, is the file's bytes in binary form. The other records
// are copied onto an arena of their own, and the parsed entities go with
// the old arena (clearing them would keep its memory).
void PackEntities(KnowledgeBaseFile* file, const std::string* binary_form) {
  const size_t count = static_cast<size_t>(file->kb->entities_size());
  PackedRecords& packed = file->packed_entities;
  // A file in binary form holds its records packed already: they are taken
  // as they are (the parse has checked them), in their order.
  if (binary_form != nullptr) {
    packed.Reserve(count, binary_form->size());
    if (!packed.AddEachOfField(*binary_form, v1::KnowledgeBase::kEntitiesFieldNumber) ||
        packed.size() != count) {
      packed = PackedRecords();  // not expected after a parse: packed anew below
    }
  }
  if (packed.empty()) {
    // Sized first: the bytes are written once, where they stay.
    size_t bytes = 0;
    for (const v1::EntityRecord& r : file->kb->entities()) bytes += r.ByteSizeLong();
    packed.Reserve(count, bytes);
    for (const v1::EntityRecord& r : file->kb->entities()) packed.AddWithCachedSize(r);
  }
  file->kb->clear_entities();
  auto arena = std::make_unique<google::protobuf::Arena>();
  auto* rest = google::protobuf::Arena::CreateMessage<v1::KnowledgeBase>(arena.get());
  rest->CopyFrom(*file->kb);
  file->kb = rest;
  file->arena = std::move(arena);
}

std::string Sha256Hex(absl::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

// The whole file (POSIX calls: an ifstream per file cost more than the
// reading itself for 100k small articles).
bool ReadFile(const fs::path& path, std::string* out) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    close(fd);
    return false;
  }
  // One byte more than the size, so that a file that grew since is read
  // to its end too.
  out->resize(static_cast<size_t>(st.st_size) + 1);
  size_t done = 0;
  while (true) {
    if (done == out->size()) out->resize(out->size() * 2);
    const ssize_t n = read(fd, out->data() + done, out->size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      close(fd);
      return false;
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  close(fd);
  out->resize(done);
  return true;
}

constexpr absl::string_view kArticleExtensions[] = {".txt"};
constexpr absl::string_view kKnowledgeBaseExtensions[] = {kTextKnowledgeBaseExtension,
                                                          kBinaryKnowledgeBaseExtension};

bool HasOneOf(absl::string_view name, absl::Span<const absl::string_view> extensions) {
  for (absl::string_view ext : extensions) {
    if (absl::EndsWith(name, ext) && name.size() > ext.size()) return true;
  }
  return false;
}

// Regular files in dir with one of the given extensions, sorted by name.
std::vector<fs::path> ListFiles(const fs::path& dir, absl::Span<const absl::string_view> extensions,
                                ProblemList* problems) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    problems->Add({dir.string()},
                  "directory not found: a corpus needs articles/ and kb/ "
                  "(see docs/DATA_FORMAT.md)");
    return files;
  }
  // Listed with readdir (the entry's type comes with its name) and sorted
  // by name as strings: directory_entry objects and comparing paths
  // component by component were most of the listing's time for 100k
  // articles. The order is the same.
  std::vector<std::string> names;
  DIR* listing = opendir(dir.c_str());
  if (listing == nullptr) {
    problems->Add({dir.string()}, absl::StrCat("cannot list: ", strerror(errno)));
    return files;
  }
  while (true) {
    errno = 0;  // readdir's end and its failure differ only by errno
    const dirent* entry = readdir(listing);
    if (entry == nullptr) {
      if (errno != 0) {
        problems->Add({dir.string()}, absl::StrCat("cannot list: ", strerror(errno)));
      }
      break;
    }
    const absl::string_view name = entry->d_name;
    if (!HasOneOf(name, extensions)) continue;
    bool regular = entry->d_type == DT_REG;
    if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK) {
      // Symbolic links and file systems that do not say: ask (following
      // links; a link to nothing is not a file, as before).
      const fs::path path = dir / std::string(name);
      regular = fs::is_regular_file(path, ec);
      if (ec && ec != std::errc::no_such_file_or_directory) {
        problems->Add({path.string()}, absl::StrCat("cannot read file: ", ec.message()));
      }
    }
    if (regular) names.emplace_back(name);
  }
  closedir(listing);
  std::sort(names.begin(), names.end());
  files.reserve(names.size());
  for (const std::string& name : names) files.push_back(dir / name);
  return files;
}

// Splits off and checks a front-matter block; records problems by line.
void ParseFrontMatter(ArticleFile* article, ProblemList* problems) {
  absl::string_view bytes = article->bytes;
  if (!absl::StartsWith(bytes, "---\n") && !absl::StartsWith(bytes, "---\r\n")) return;
  static const auto* kKeys =
      new std::set<std::string>{"id", "title", "publisher", "author", "published", "url"};
  size_t pos = bytes.find('\n') + 1;
  int line = 2;
  std::set<std::string> seen;
  while (pos < bytes.size()) {
    size_t end = bytes.find('\n', pos);
    if (end == absl::string_view::npos) end = bytes.size();
    absl::string_view text = absl::StripTrailingAsciiWhitespace(bytes.substr(pos, end - pos));
    pos = std::min(bytes.size(), end + 1);
    if (text == "---") {
      article->body_offset = pos;
      return;
    }
    const size_t colon = text.find(':');
    const std::string key = colon == absl::string_view::npos
                                ? ""
                                : std::string(absl::StripAsciiWhitespace(text.substr(0, colon)));
    if (!text.empty() && kKeys->count(key) == 0) {
      problems->Add({article->path, line},
                    absl::StrCat("front matter: expected \"key: value\" with key id, title, "
                                 "publisher, author, published or url; got \"",
                                 text.substr(0, 60), "\""));
    } else if (!text.empty()) {
      if (!seen.insert(key).second) {
        problems->Add({article->path, line}, absl::StrCat("front matter: ", key, " given twice"));
      }
      article->front_matter.push_back(
          {key, std::string(absl::StripAsciiWhitespace(text.substr(colon + 1))), line});
    }
    ++line;
  }
  problems->Add({article->path, 1},
                "front matter opened with --- is never closed: end it with a line \"---\"");
}

// 1-based line and column (in characters, as CharacterColumn) of offset in
// text. REQUIRES: text is valid UTF-8 before offset.
SourceLocation LocationIn(const std::string& path, absl::string_view text, size_t offset) {
  const CharacterPlace place = CharacterPlaceOf(text, offset);
  return {path, place.line, place.column};
}

// A problem for the first byte of bytes that is not valid UTF-8, if any.
// Protobuf refuses such strings when they are sent, so a corpus that has
// them would load and then fail every call that returns them.
bool CheckUtf8(const std::string& path, absl::string_view bytes, bool with_column,
               ProblemList* problems) {
  const size_t bad = FirstInvalidUtf8(bytes);
  if (bad == absl::string_view::npos) return true;
  SourceLocation where = LocationIn(path, bytes, bad);
  if (!with_column) where.column = 0;
  problems->Add(std::move(where),
                absl::StrCat("byte ", bad, " is not valid UTF-8: save the file as UTF-8"));
  return false;
}

constexpr absl::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Whether the text-format text has an escape that makes any byte (\351,
// \xE9): only those can put invalid UTF-8 into a string of a file that is
// valid UTF-8 itself.
bool HasByteEscape(absl::string_view text) {
  for (size_t i = text.find('\\'); i != absl::string_view::npos; i = text.find('\\', i + 2)) {
    if (i + 1 < text.size() && (absl::ascii_isdigit(static_cast<unsigned char>(text[i + 1])) ||
                                text[i + 1] == 'x' || text[i + 1] == 'X')) {
      return true;
    }
  }
  return false;
}

// Values the text format's parser keeps that a knowledge base may not hold:
// strings (not bytes) that are not valid UTF-8, which byte escapes make
// ("\351"), and enum values given by number that the enum does not define
// (protobuf keeps "kind: 99", its enums being open). Checked only when
// TextFormat parsed the text: the fast path takes neither kind of escape
// nor an enum value by number.
bool IsBadTextValue(const Message& message, const FieldDescriptor* field, int index,
                    bool check_utf8) {
  const Reflection* reflection = message.GetReflection();
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    const int value = index >= 0 ? reflection->GetRepeatedEnumValue(message, field, index)
                                 : reflection->GetEnumValue(message, field);
    return field->enum_type()->FindValueByNumber(value) == nullptr;
  }
  if (!check_utf8 || field->type() != FieldDescriptor::TYPE_STRING) return false;
  std::string scratch;
  const std::string& value =
      index >= 0 ? reflection->GetRepeatedStringReference(message, field, index, &scratch)
                 : reflection->GetStringReference(message, field, &scratch);
  return FirstInvalidUtf8(value) != absl::string_view::npos;
}

// Calls visit(message, field, index) for every value of message and of the
// messages in it (index -1 for a singular field) until visit returns false.
template <typename Visit>
bool VisitTextValues(const Message& message, Visit&& visit) {
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      const int index = field->is_repeated() ? i : -1;
      if (!visit(message, field, index)) return false;
    }
  }
  return true;
}

bool HasBadTextValue(const Message& message, bool check_utf8) {
  return !VisitTextValues(
      message, [check_utf8](const Message& m, const FieldDescriptor* field, int index) {
        if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          const Reflection* r = m.GetReflection();
          return !HasBadTextValue(
              index >= 0 ? r->GetRepeatedMessage(m, field, index) : r->GetMessage(m, field),
              check_utf8);
        }
        return !IsBadTextValue(m, field, index, check_utf8);
      });
}

// The problems HasBadTextValue finds, each named by its path in the file
// ("events[0].kind") and, with a parse tree, by line and column.
void ReportBadTextValues(const std::string& path, const TextLines& lines, const Message& message,
                         const std::string& field_path, const TextFormat::ParseInfoTree* tree,
                         bool check_utf8, ProblemList* problems) {
  VisitTextValues(message, [&](const Message& m, const FieldDescriptor* field, int index) {
    std::string name = absl::StrCat(field_path, field_path.empty() ? "" : ".", field->name());
    if (index >= 0) absl::StrAppend(&name, "[", index, "]");
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      const Reflection* r = m.GetReflection();
      ReportBadTextValues(
          path, lines,
          index >= 0 ? r->GetRepeatedMessage(m, field, index) : r->GetMessage(m, field), name,
          tree == nullptr ? nullptr : tree->GetTreeForNested(field, index), check_utf8, problems);
      return true;
    }
    if (!IsBadTextValue(m, field, index, check_utf8)) return true;
    SourceLocation where{path};
    if (tree != nullptr) {
      const TextFormat::ParseLocation loc = tree->GetLocation(field, index);
      if (loc.line >= 0)
        where = {path, loc.line + 1, lines.CharacterColumn({loc.line, loc.column})};
    }
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
      const Reflection* r = m.GetReflection();
      std::vector<std::string> names;
      for (int v = 0; v < field->enum_type()->value_count(); ++v) {
        // _UNSPECIFIED parses, but no rule takes it where a value is needed.
        const std::string& value = field->enum_type()->value(v)->name();
        if (!absl::EndsWith(value, "_UNSPECIFIED")) names.push_back(value);
      }
      problems->Add(std::move(where),
                    absl::StrCat(name, " is ",
                                 index >= 0 ? r->GetRepeatedEnumValue(m, field, index)
                                            : r->GetEnumValue(m, field),
                                 ", which ", field->enum_type()->full_name(),
                                 " does not define: write one of ", absl::StrJoin(names, ", ")));
    } else {
      std::string scratch;
      const std::string& value =
          index >= 0 ? m.GetReflection()->GetRepeatedStringReference(m, field, index, &scratch)
                     : m.GetReflection()->GetStringReference(m, field, &scratch);
      problems->Add(std::move(where),
                    absl::StrCat(name, " is not valid UTF-8 from byte ", FirstInvalidUtf8(value),
                                 " of its value: write text as UTF-8 characters (an escape "
                                 "such as \\351 makes one byte, not a character)"));
    }
    return true;
  });
}

}  // namespace

void ProblemList::Add(SourceLocation where, std::string what) {
  problems_.push_back({std::move(where), std::move(what)});
}

std::string ProblemList::ToString() const {
  std::vector<const Problem*> sorted;
  for (const Problem& p : problems_) sorted.push_back(&p);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Problem* a, const Problem* b) {
    return std::tie(a->where.file, a->where.line, a->where.column) <
           std::tie(b->where.file, b->where.line, b->where.column);
  });
  std::vector<std::string> lines;
  for (const Problem* p : sorted) {
    std::string line = p->where.file;
    if (p->where.line > 0) absl::StrAppend(&line, ":", p->where.line);
    if (p->where.column > 0) absl::StrAppend(&line, ":", p->where.column);
    if (!p->where.record.empty()) absl::StrAppend(&line, ": ", p->where.record);
    lines.push_back(absl::StrCat(line, ": ", p->what));
  }
  return absl::StrJoin(lines, "\n");
}

void ProblemList::Merge(ProblemList other) {
  for (Problem& p : other.problems_) problems_.push_back(std::move(p));
}

absl::Status ProblemList::ToStatus() const {
  if (problems_.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(problems_.size(), " problem(s) in the corpus:\n", ToString()));
}

namespace {

// One file of articles/ or kb/ as Read() takes it.
struct InputFile {
  std::string path;       // as problems name it
  std::string file_name;  // "x.txt"
  std::string bytes;
  bool readable = false;
  bool unread = false;  // listed only: whoever takes it reads it
};

// content_sha256(): SHA-256 over each corpus file's name (relative to the
// data directory, with a NUL) and the hex SHA-256 of its bytes, in the order
// given. Of each file's digest, not its bytes: those are taken where each
// file is read, by several threads, and the bytes need not be kept for a
// hashing in path order.
class ContentHasher {
 public:
  ContentHasher() : sha_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(sha_, EVP_sha256(), nullptr); }
  ~ContentHasher() { EVP_MD_CTX_free(sha_); }
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;

  void Add(const std::string& relative_path, absl::string_view file_sha256_hex) {
    EVP_DigestUpdate(sha_, relative_path.data(), relative_path.size() + 1);  // with the NUL
    EVP_DigestUpdate(sha_, file_sha256_hex.data(), file_sha256_hex.size());
  }
  std::string HexDigest() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;
    EVP_DigestFinal_ex(sha_, digest, &digest_len);
    return absl::BytesToHexString(
        absl::string_view(reinterpret_cast<const char*>(digest), digest_len));
  }

 private:
  EVP_MD_CTX* sha_;
};

// The files of sub/ with one of the extensions, sorted by name: from
// options.files when given, else from the directory (read now, or only
// listed and marked unread when read_now is false).
std::vector<InputFile> InputFiles(const std::string& data_dir, const Corpus::Options& options,
                                  absl::string_view sub,
                                  absl::Span<const absl::string_view> extensions,
                                  ProblemList* problems, bool read_now = true) {
  std::vector<InputFile> out;
  if (options.files != nullptr) {
    const std::string prefix = absl::StrCat(sub, "/");
    for (const CorpusFile& f : *options.files) {
      absl::string_view name = f.path;
      if (!absl::ConsumePrefix(&name, prefix) || !HasOneOf(name, extensions) ||
          name.find('/') != absl::string_view::npos) {
        continue;
      }
      out.push_back({data_dir + f.path, std::string(name), f.contents, true});
    }
    std::sort(out.begin(), out.end(),
              [](const InputFile& a, const InputFile& b) { return a.file_name < b.file_name; });
    return out;
  }
  for (const fs::path& path :
       ListFiles(fs::path(data_dir) / std::string(sub), extensions, problems)) {
    InputFile& file = out.emplace_back();
    file.path = path.string();
    file.file_name = path.filename().string();
    if (read_now) {
      file.readable = ReadFile(path, &file.bytes);
    } else {
      file.unread = true;
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<Corpus> Corpus::Read(const std::string& data_dir, const Options& options) {
  const absl::Time start = absl::Now();
  Corpus corpus;
  corpus.data_dir_ = data_dir;
  corpus.has_locations_ = options.record_locations;

  // Workers (one a core) take, in this order, the knowledge-base files to
  // read and parse, largest first, and chunks of articles to read (100k
  // small files: a second of system calls). Each file's SHA-256 is taken
  // where it is read, and the corpus's hash is made of those at the end
  // (ContentHasher). A knowledge-base file's text is freed as soon as it is
  // parsed. (Before, the texts were all read first, on one thread, and a
  // third thread hashed every byte again in path order, keeping each text
  // until its turn: the same peak, but 0.34 GB resident at 1M entities from
  // the first second, articles hashed twice, and 0.1-1.2 s of reading on
  // one core before any parse.) Problems are reported per file, in path order, articles
  // first.
  ProblemList kb_listing_problems;
  std::vector<InputFile> kb_inputs = InputFiles(data_dir, options, "kb", kKnowledgeBaseExtensions,
                                                &kb_listing_problems, /*read_now=*/false);
  std::vector<std::string> texts(kb_inputs.size());
  std::vector<std::string> kb_sha256(kb_inputs.size());
  std::vector<char> readable(kb_inputs.size(), 0);       // bytes: written by several workers
  std::vector<uintmax_t> kb_sizes(kb_inputs.size(), 0);  // the parse order's key
  for (size_t i = 0; i < kb_inputs.size(); ++i) {
    if (kb_inputs[i].unread) {
      std::error_code ec;
      const uintmax_t size = fs::file_size(kb_inputs[i].path, ec);
      if (!ec) kb_sizes[i] = size;
    } else {
      readable[i] = kb_inputs[i].readable;
      texts[i] = std::move(kb_inputs[i].bytes);
      kb_sizes[i] = texts[i].size();
    }
  }
  // A file in both forms (kb/x.textproto and kb/x.binpb, left after a
  // conversion) would give each of its records twice, a problem apiece:
  // one problem says so instead, and the binary one is not parsed.
  std::vector<bool> in_both_forms(kb_inputs.size(), false);
  {
    absl::flat_hash_set<std::string> text_stems;
    for (const InputFile& f : kb_inputs) {
      absl::string_view stem = f.file_name;
      if (absl::ConsumeSuffix(&stem, kTextKnowledgeBaseExtension)) text_stems.emplace(stem);
    }
    for (size_t i = 0; i < kb_inputs.size(); ++i) {
      absl::string_view stem = kb_inputs[i].file_name;
      in_both_forms[i] =
          absl::ConsumeSuffix(&stem, kBinaryKnowledgeBaseExtension) && text_stems.contains(stem);
    }
  }

  // The articles are listed by the first worker while the others begin on
  // the knowledge base (listing 100k files was 0.12-0.33 s on one core).
  ProblemList article_problems;
  std::vector<InputFile> article_inputs;
  constexpr size_t kArticlesPerChunk = 1024;
  size_t article_chunks = 0;
  std::vector<ArticleFile> articles;
  std::vector<char> article_read;  // bytes: written by several workers
  std::vector<ProblemList> chunk_problems;
  auto list_articles = [&] {
    article_inputs = InputFiles(data_dir, options, "articles", kArticleExtensions,
                                &article_problems, /*read_now=*/false);
    const size_t chunks = (article_inputs.size() + kArticlesPerChunk - 1) / kArticlesPerChunk;
    articles.resize(article_inputs.size());
    article_read.assign(article_inputs.size(), 0);
    chunk_problems.resize(chunks);
    article_chunks = chunks;  // last: if sizing throws, no worker reads a chunk
  };
  auto read_articles = [&](size_t chunk) {
    const size_t end = std::min(article_inputs.size(), (chunk + 1) * kArticlesPerChunk);
    for (size_t i = chunk * kArticlesPerChunk; i < end; ++i) {
      InputFile& file = article_inputs[i];
      if (file.unread) file.readable = ReadFile(file.path, &file.bytes);
      ArticleFile& article = articles[i];
      article.file_name = std::move(file.file_name);
      article.path = std::move(file.path);
      if (!file.readable) {
        chunk_problems[chunk].Add({article.path}, "cannot read file");
        continue;
      }
      article.bytes = std::move(file.bytes);
      article.sha256 = Sha256Hex(article.bytes);
      // By line and byte offset: evidence offsets count bytes, and a
      // column would be ambiguous in a file that is not UTF-8.
      CheckUtf8(article.path, article.bytes, /*with_column=*/false, &chunk_problems[chunk]);
      ParseFrontMatter(&article, &chunk_problems[chunk]);
      article_read[i] = 1;
    }
  };
  auto read_kb_text = [&](size_t i) {
    if (kb_inputs[i].unread) readable[i] = ReadFile(kb_inputs[i].path, &texts[i]);
    if (readable[i]) kb_sha256[i] = Sha256Hex(texts[i]);
  };

  std::vector<std::unique_ptr<KnowledgeBaseFile>> files(kb_inputs.size());
  std::vector<ProblemList> file_problems(kb_inputs.size());
  // A parsed file is kept, its entity records packed when asked (a file
  // with problems fails the read: nothing of it is kept for long).
  const bool pack = options.pack_entities && !options.record_locations;
  auto keep = [&](size_t i, std::unique_ptr<KnowledgeBaseFile> file, bool binary) {
    if (pack && file_problems[i].empty() && file->kb->entities_size() > 0) {
      PackEntities(file.get(), binary ? &texts[i] : nullptr);
    }
    files[i] = std::move(file);
  };
  auto parse = [&](size_t i) {
    auto file = std::make_unique<KnowledgeBaseFile>();
    file->path = kb_inputs[i].path;
    if (!readable[i]) {
      file_problems[i].Add({file->path}, "cannot read file");
      return;
    }
    if (in_both_forms[i]) {
      absl::string_view text_path = file->path;
      absl::ConsumeSuffix(&text_path, kBinaryKnowledgeBaseExtension);
      file_problems[i].Add({file->path},
                           absl::StrCat("the same file as ", text_path, kTextKnowledgeBaseExtension,
                                        " in binary form: both would give each record twice; "
                                        "remove one of them"));
      return;
    }
    file->arena = std::make_unique<google::protobuf::Arena>();
    file->kb = google::protobuf::Arena::CreateMessage<v1::KnowledgeBase>(file->arena.get());
    if (absl::EndsWith(file->path, kBinaryKnowledgeBaseExtension)) {
      if (!ParseBinaryKnowledgeBase(file->path, texts[i], file->kb, &file_problems[i])) return;
      if (options.record_locations) corpus.RecordBinaryLocations(file->path, *file->kb, "");
      keep(i, std::move(file), /*binary=*/true);
      return;
    }
    // A byte-order mark, as some editors begin UTF-8 files with, is dropped
    // (protobuf's tokenizer refuses it): columns on the first line count
    // from the first character an editor shows.
    const std::string* text = &texts[i];
    std::string without_mark;
    if (absl::StartsWith(*text, kByteOrderMark)) {
      without_mark = text->substr(kByteOrderMark.size());
      text = &without_mark;
    }
    const bool valid_utf8 = CheckUtf8(file->path, *text, /*with_column=*/true, &file_problems[i]);
    // Files in the plain subset of the format (all that Parley's tools
    // write, and most written by hand) are parsed ~3x faster without
    // TextFormat; locations need its parse tree.
    if (!options.record_locations) {
      // Entity records to be packed are written packed by the parse, with
      // no message made of them (proto3 parses strings in UTF-8 only: a
      // file that is not fails the read).
      const bool divert = pack && valid_utf8;
      PackedRecords& packed = file->packed_entities;
      auto add = [&packed, size = text->size()](absl::string_view record) {
        if (packed.empty()) ReserveForPacked(size, &packed);
        packed.AddBinary(record);
      };
      const bool taken = divert ? ParseTextFormatFastPath(*text, file->kb, EntitiesField(), add)
                                : ParseTextFormatFastPath(*text, file->kb);
      if (taken) {
        keep(i, std::move(file), /*binary=*/false);
        return;
      }
      // A new arena: the half-filled message is dropped with the old one.
      file->arena = std::make_unique<google::protobuf::Arena>();
      file->kb = google::protobuf::Arena::CreateMessage<v1::KnowledgeBase>(file->arena.get());
      packed = PackedRecords();
    }
    TextFormatErrors errors(file->path, *text, &file_problems[i]);
    TextFormat::ParseInfoTree tree;
    TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    if (options.record_locations) parser.WriteLocationsTo(&tree);
    if (!parser.ParseFromString(*text, file->kb)) return;
    // The parser keeps whatever bytes escapes make (strings are walked only
    // for files that have such escapes, as few do) and enum values by
    // number. Problems name their line: the text is parsed again with a
    // tree for that, when there is one to report and no tree yet.
    const bool check_utf8 = valid_utf8 && HasByteEscape(*text);
    if (HasBadTextValue(*file->kb, check_utf8)) {
      if (options.record_locations) {
        ReportBadTextValues(file->path, TextLines(*text), *file->kb, "", &tree, check_utf8,
                            &file_problems[i]);
        return;
      }
      TextFormat::ParseInfoTree located;
      TextFormat::Parser again;
      again.WriteLocationsTo(&located);
      v1::KnowledgeBase records;
      const bool parsed = again.ParseFromString(*text, &records);
      ReportBadTextValues(file->path, TextLines(*text), parsed ? records : *file->kb, "",
                          parsed ? &located : nullptr, check_utf8, &file_problems[i]);
      return;
    }
    // Locations go into one map: recorded here only when parsing runs on
    // this thread alone (see below).
    if (options.record_locations) {
      corpus.RecordLocations(file->path, TextLines(*text), *file->kb, &tree);
    }
    keep(i, std::move(file), /*binary=*/false);
  };
  // Locations are wanted only for a corpus with problems, read a second
  // time: one worker is fast enough for that (they go into one map).
  const size_t threads =
      options.record_locations ? 1 : std::max<size_t>(1, std::thread::hardware_concurrency());
  // Largest files first, so that no worker is left with a big one at the end.
  std::vector<size_t> order(kb_inputs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&kb_sizes](size_t a, size_t b) { return kb_sizes[a] > kb_sizes[b]; });
  // Then the articles, in chunks: small items last, so that the workers
  // end together.
  std::atomic<size_t> next_file{0}, next_chunk{0};
  std::mutex listed_mu;
  std::condition_variable listed_cv;
  bool listed = false;
  auto work = [&] {
    for (size_t k = next_file++; k < order.size(); k = next_file++) {
      const size_t i = order[k];
      read_kb_text(i);
      parse(i);
      std::string().swap(texts[i]);
    }
    {
      std::unique_lock<std::mutex> lock(listed_mu);
      listed_cv.wait(lock, [&listed] { return listed; });
    }
    for (size_t k = next_chunk++; k < article_chunks; k = next_chunk++) read_articles(k);
  };
  auto list_then_work = [&] {
    {
      // Also if the listing throws (bad_alloc): the others then read no
      // article, and the read fails with it.
      absl::Cleanup announce = [&] {
        {
          std::lock_guard<std::mutex> lock(listed_mu);
          listed = true;
        }
        listed_cv.notify_all();
      };
      list_articles();
    }
    work();
  };
  // The lister first: a worker whose thread cannot start runs after it
  // (run_concurrently.h), and the others wait for its list.
  std::vector<absl::FunctionRef<void()>> workers;
  workers.reserve(threads);
  workers.emplace_back(list_then_work);
  while (workers.size() < threads) workers.emplace_back(work);
  RunConcurrently(workers);
  ContentHasher hasher;
  for (size_t i = 0; i < articles.size(); ++i) {
    if (article_read[i]) hasher.Add("articles/" + articles[i].file_name, articles[i].sha256);
  }
  for (size_t i = 0; i < kb_inputs.size(); ++i) {
    if (readable[i]) hasher.Add("kb/" + kb_inputs[i].file_name, kb_sha256[i]);
  }
  corpus.content_sha256_ = hasher.HexDigest();
  for (size_t chunk = 0; chunk < article_chunks; ++chunk) {
    article_problems.Merge(std::move(chunk_problems[chunk]));
  }
  corpus.articles_.reserve(articles.size());
  for (size_t i = 0; i < articles.size(); ++i) {
    if (article_read[i]) corpus.articles_.push_back(std::move(articles[i]));
  }

  ProblemList problems = std::move(article_problems);
  problems.Merge(std::move(kb_listing_problems));
  for (size_t i = 0; i < kb_inputs.size(); ++i) {
    problems.Merge(std::move(file_problems[i]));
    if (files[i] != nullptr) corpus.kb_files_.push_back(std::move(files[i]));
  }

  if (!problems.empty()) return problems.ToStatus();
  corpus.read_duration_ = absl::Now() - start;
  return corpus;
}

namespace {

// A corpus's files, in the order its hash takes them: articles/*.txt then
// kb/*.textproto and kb/*.binpb, each by name. `relative` is
// "articles/x.txt".
struct ListedFile {
  fs::path path;
  std::string relative;
};
std::vector<ListedFile> ListCorpusFiles(const std::string& data_dir, ProblemList* problems) {
  std::vector<ListedFile> files;
  for (const auto& [sub, extensions] :
       {std::make_pair("articles", absl::MakeConstSpan(kArticleExtensions)),
        std::make_pair("kb", absl::MakeConstSpan(kKnowledgeBaseExtensions))}) {
    for (fs::path& path : ListFiles(fs::path(data_dir) / sub, extensions, problems)) {
      std::string relative = absl::StrCat(sub, "/", path.filename().string());
      files.push_back({std::move(path), std::move(relative)});
    }
  }
  return files;
}

// Read's digest of these files, one in memory at a time.
absl::StatusOr<std::string> HashFiles(const std::vector<ListedFile>& files, ProblemList problems) {
  ContentHasher hasher;
  std::string bytes;
  for (const ListedFile& file : files) {
    if (!ReadFile(file.path, &bytes)) {
      problems.Add({file.path.string()}, "cannot read file");
      continue;
    }
    hasher.Add(file.relative, Sha256Hex(bytes));
  }
  if (!problems.empty()) return problems.ToStatus();
  return hasher.HexDigest();
}

}  // namespace

absl::StatusOr<std::string> Corpus::ContentSha256(const std::string& data_dir) {
  // Read's listing and hashing, one file in memory at a time: this is what
  // a restart from a snapshot waits for (index/snapshot.h).
  ProblemList problems;
  const std::vector<ListedFile> files = ListCorpusFiles(data_dir, &problems);
  return HashFiles(files, std::move(problems));
}

absl::StatusOr<std::string> Corpus::StampedContentSha256(const std::string& data_dir,
                                                         const std::string& stamp_path,
                                                         absl::string_view context,
                                                         bool* from_stamp) {
  *from_stamp = false;
  if (!ContentStamp::OnLocalFileSystem(data_dir)) return ContentSha256(data_dir);
  // Before the first stat: a file changed after this is racily clean in the
  // stamp written below, or differs from it (content_stamp.h).
  const absl::Time taken_at = absl::Now();
  ProblemList problems;
  const std::vector<ListedFile> files = ListCorpusFiles(data_dir, &problems);
  std::vector<FileStamp> now;
  now.reserve(files.size());
  for (const ListedFile& file : files) {
    absl::StatusOr<FileStamp> stamp = ContentStamp::StatFile(file.path.string(), file.relative);
    if (!stamp.ok()) break;  // gone since the listing: hashed (and reported) below
    now.push_back(*std::move(stamp));
  }
  std::string bytes;
  if (problems.empty() && now.size() == files.size() && ReadFile(stamp_path, &bytes)) {
    absl::StatusOr<ContentStamp> stamp = ContentStamp::Parse(bytes);
    if (stamp.ok() && stamp->Vouches(data_dir, context, now, absl::Now())) {
      *from_stamp = true;
      return stamp->content_sha256();
    }
  }
  // The bytes of exactly the files stat'ed, not of a second listing: the
  // stamp must describe the files its hash covers.
  absl::StatusOr<std::string> sha256 = HashFiles(files, std::move(problems));
  if (!sha256.ok()) return sha256;
  // Stamped only if every file hashed was stat'ed, and none changed
  // between its stat and now (its read came in between).
  if (now.size() != files.size()) return sha256;
  for (const FileStamp& before : now) {
    absl::StatusOr<FileStamp> after = ContentStamp::StatFile(
        (fs::path(data_dir) / before.relative_path).string(), before.relative_path);
    if (!after.ok() || !(*after == before)) return sha256;
  }
  const ContentStamp stamp(data_dir, std::string(context), taken_at, std::move(now), *sha256);
  // A cache: not written, it is only not there next time.
  WriteFileAtomically(stamp_path, stamp.Serialize()).IgnoreError();
  return sha256;
}

void Corpus::RecordLocations(const std::string& path, const TextLines& lines,
                             const Message& message, const void* tree_ptr) {
  const auto* tree = static_cast<const TextFormat::ParseInfoTree*>(tree_ptr);
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      const int index = field->is_repeated() ? i : -1;
      const TextFormat::ParseLocation loc = tree->GetLocation(field, index);
      if (loc.line < 0) continue;
      const SourceLocation where{path, loc.line + 1, lines.CharacterColumn({loc.line, loc.column})};
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        const Message& child = field->is_repeated()
                                   ? reflection->GetRepeatedMessage(message, field, i)
                                   : reflection->GetMessage(message, field);
        locations_.emplace(std::make_pair(static_cast<const void*>(&child), ""), where);
        const TextFormat::ParseInfoTree* nested = tree->GetTreeForNested(field, index);
        if (nested != nullptr) RecordLocations(path, lines, child, nested);
      } else if (i == 0) {
        locations_.emplace(std::make_pair(static_cast<const void*>(&message), field->name()),
                           where);
      }
    }
  }
}

void Corpus::RecordBinaryLocations(const std::string& path, const Message& message,
                                   const std::string& message_path) {
  if (!message_path.empty()) {
    locations_.emplace(std::make_pair(static_cast<const void*>(&message), ""),
                       SourceLocation{path, 0, 0, message_path});
  }
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string field_path =
        message_path.empty() ? field->name() : absl::StrCat(message_path, ".", field->name());
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      locations_.emplace(std::make_pair(static_cast<const void*>(&message), field->name()),
                         SourceLocation{path, 0, 0, field_path});
      continue;
    }
    if (!field->is_repeated()) {
      RecordBinaryLocations(path, reflection->GetMessage(message, field), field_path);
      continue;
    }
    for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
      RecordBinaryLocations(path, reflection->GetRepeatedMessage(message, field, i),
                            absl::StrCat(field_path, "[", i, "]"));
    }
  }
}

absl::Status ForEachEntityRecord(const KnowledgeBaseFile& file,
                                 absl::FunctionRef<void(const v1::EntityRecord&)> visit) {
  for (const v1::EntityRecord& r : file.kb->entities()) visit(r);
  v1::EntityRecord record;
  for (size_t i = 0; i < file.packed_entities.size(); ++i) {
    if (!file.packed_entities.Parse(i, &record)) return PackedRecordLost(file, i);
    visit(record);
  }
  return absl::OkStatus();
}

std::string PackedRecordLostWhat(size_t i) {
  return absl::StrCat("packed entity record ", i, " did not parse back (a bug: please report it)");
}

absl::Status PackedRecordLost(const KnowledgeBaseFile& file, size_t i) {
  return absl::InternalError(absl::StrCat(file.path, ": ", PackedRecordLostWhat(i)));
}

SourceLocation Corpus::LocationOf(const Message& record, absl::string_view field_name) const {
  auto it =
      locations_.find(std::make_pair(static_cast<const void*>(&record), std::string(field_name)));
  if (it == locations_.end() && !field_name.empty()) {
    it = locations_.find(std::make_pair(static_cast<const void*>(&record), std::string()));
  }
  if (it != locations_.end()) return it->second;
  return SourceLocation{data_dir_};
}

}  // namespace parley
