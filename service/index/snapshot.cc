#include "service/index/snapshot.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "openssl/evp.h"
#include "service/base/run_concurrently.h"
#include "service/base/snapshot_io.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

// Bumped whenever what is saved changes shape (the program fingerprint
// changes with every build anyway; this guards a rebuilt-identical binary
// reading an older layout, which cannot happen today).
constexpr uint64_t kFormatVersion = 4;
constexpr absl::string_view kMagic = "PARLEY-SNAPSHOT\n";
constexpr absl::string_view kFilePrefix = "index-";
constexpr absl::string_view kFileSuffix = ".snapshot";

std::string Sha256Hex(absl::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), size));
}

// Every regular file under dir (recursively), by path: names and bytes.
absl::StatusOr<std::string> LexiconBytes(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::string("no lexicons");
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) return absl::InvalidArgumentError(absl::StrCat(dir.string(), ": ", ec.message()));
  std::sort(files.begin(), files.end());
  std::string all;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad() || !in.is_open()) {
      return absl::InvalidArgumentError(absl::StrCat(f.string(), ": cannot read the lexicon"));
    }
    absl::StrAppend(&all, f.lexically_relative(dir).string(), std::string(1, '\0'),
                    bytes.str().size(), ":", bytes.str());
  }
  return all;
}

// Messages one after another, each serialized.
template <typename M>
void SaveMessages(const std::vector<M>& messages, SnapshotWriter& w) {
  w.U64(messages.size());
  std::string bytes;
  for (const M& m : messages) {
    bytes.clear();
    m.SerializeToString(&bytes);
    w.Bytes(bytes);
  }
}

template <typename M>
bool LoadMessages(SnapshotReader& r, std::vector<M>* messages) {
  uint64_t count = 0;
  if (!r.Count(&count, sizeof(uint64_t))) return false;
  // One at a time, not resize(count): a damaged count must not make
  // count messages (each far bigger than the 8 bytes counted for it) before
  // the bytes run out.
  messages->clear();
  for (uint64_t i = 0; i < count; ++i) {
    absl::string_view bytes;
    if (!r.Bytes(&bytes)) return false;
    if (bytes.size() > INT32_MAX ||
        !messages->emplace_back().ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      return r.Fail("a record that does not parse");
    }
  }
  return true;
}

// The events as SaveMessages() writes messages: each serialized.
void SaveEvents(const EventStore& events, SnapshotWriter& w) {
  w.U64(static_cast<uint64_t>(events.size()));
  for (int32_t e = 0; e < events.size(); ++e) w.Bytes(events.Serialized(e));
}

bool LoadEvents(SnapshotReader& r, EventStore* events) {
  uint64_t count = 0;
  if (!r.Count(&count, sizeof(uint64_t))) return false;
  EventStore::Builder builder;
  v1::Event event;
  for (uint64_t i = 0; i < count; ++i) {
    absl::string_view bytes;
    if (!r.Bytes(&bytes)) return false;
    if (bytes.size() > INT32_MAX ||
        !event.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      return r.Fail("a record that does not parse");
    }
    builder.Add(&event);
  }
  *events = std::move(builder).Finish();
  return true;
}

void SaveKey(const std::string& key, SnapshotWriter& w) { w.Bytes(key); }
void SaveKey(int key, SnapshotWriter& w) { w.U64(static_cast<uint32_t>(key)); }
bool LoadKey(SnapshotReader& r, std::string* key) {
  absl::string_view bytes;
  if (!r.Bytes(&bytes)) return false;
  key->assign(bytes.data(), bytes.size());
  return true;
}
bool LoadKey(SnapshotReader& r, int* key) {
  uint64_t v = 0;
  if (!r.U64(&v)) return false;
  *key = static_cast<int>(static_cast<uint32_t>(v));
  return true;
}

void SaveValue(const std::vector<int32_t>& v, SnapshotWriter& w) { w.Array(v); }
bool LoadValue(SnapshotReader& r, std::vector<int32_t>* v) { return r.Array(v); }

template <typename K, typename V>
void SaveMap(const absl::flat_hash_map<K, V>& map, SnapshotWriter& w) {
  w.U64(map.size());
  for (const auto& [key, value] : map) {
    SaveKey(key, w);
    SaveValue(value, w);
  }
}

template <typename K, typename V>
bool LoadMap(SnapshotReader& r, absl::flat_hash_map<K, V>* map) {
  uint64_t count = 0;
  if (!r.Count(&count, 2 * sizeof(uint64_t))) return false;
  map->reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    K key;
    V value;
    if (!LoadKey(r, &key) || !LoadValue(r, &value)) return false;
    (*map)[std::move(key)] = std::move(value);
  }
  return true;
}

// A read-only mapping of a whole file.
class MappedFile {
 public:
  static absl::StatusOr<std::unique_ptr<MappedFile>> Open(const std::string& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int error = errno;
      std::string message = absl::StrCat(path, ": ", strerror(error));
      return error == ENOENT ? absl::NotFoundError(message) : absl::InternalError(message);
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
      const int error = errno;
      close(fd);
      return absl::InternalError(absl::StrCat(path, ": fstat: ", strerror(error)));
    }
    auto file = std::unique_ptr<MappedFile>(new MappedFile());
    file->size_ = static_cast<size_t>(st.st_size);
    if (file->size_ > 0) {
      void* data = mmap(nullptr, file->size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (data == MAP_FAILED) {
        const int error = errno;
        close(fd);
        return absl::InternalError(absl::StrCat(path, ": mmap: ", strerror(error)));
      }
      file->data_ = static_cast<const char*>(data);
      madvise(const_cast<char*>(file->data_), file->size_, MADV_SEQUENTIAL);
    }
    close(fd);
    return file;
  }
  ~MappedFile() {
    if (data_ != nullptr) munmap(const_cast<char*>(data_), size_);
  }
  absl::string_view bytes() const { return absl::string_view(data_, size_); }
  // Gives back the pages before offset (read already): they would
  // otherwise count as resident beside the index made from them.
  void Release(size_t offset) {
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    const size_t end = std::min(offset, size_) / page * page;
    if (end > released_) {
      madvise(const_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);
      released_ = end;
    }
  }

 private:
  MappedFile() = default;
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t released_ = 0;
};

}  // namespace

// Index's data, saved and read back field by field (a friend of Index).
class IndexSnapshotCodec {
 public:
  static void Save(const Index& index, SnapshotWriter& w, const std::atomic<bool>* cancel) {
    const IndexData& d = index.d_;
    auto cancelled = [&] {
      if (cancel != nullptr && cancel->load()) w.Fail(absl::CancelledError("snapshot cancelled"));
      return !w.status().ok();
    };
    std::string info;
    d.info.SerializeToString(&info);
    w.Bytes(info);
    const ViewEncoder strings = d.entity_store.StringEncoder();
    d.entity_store.SaveTo(strings, w);
    if (cancelled()) return;
    SaveEvents(d.event_store, w);
    w.Array(d.event_days);
    SaveMessages(d.documents, w);
    SaveMessages(d.topics, w);
    w.Array(d.participations);
    w.Array(d.participation_ranges);
    WriteStringNumbers(d.event_by_id, w);
    WriteStringNumbers(d.document_by_id, w);
    WriteStringNumbers(d.topic_by_id, w);
    SaveMap(d.events_by_participant, w);
    SaveMap(d.events_by_country, w);
    SaveMap(d.events_by_organization, w);
    SaveMap(d.events_by_topic, w);
    SaveMap(d.events_by_kind, w);
    if (cancelled()) return;
    d.names.SaveTo(w);
    if (cancelled()) return;
    d.matcher.SaveTo(strings, w);
    w.Array(d.link_scores);
    d.text_search.SaveTo(w);
    if (cancelled()) return;
    w.Array(d.mentions);
    w.Array(d.mention_ranges);
    w.U64(d.entities_in_document.size());
    for (const std::vector<int32_t>& e : d.entities_in_document) w.Array(e);
    w.Array(d.document_mentioned);
    w.Array(d.document_mentioned_offsets);
    w.Array(d.document_participants);
    w.Array(d.document_participant_offsets);
  }

  // REQUIRES: r is past the header. Nothing read is used before r's
  // checksum is checked (Finish), and nothing read is indexed by unchecked.
  static absl::StatusOr<std::unique_ptr<const Index>> Load(SnapshotReader& r, MappedFile& file,
                                                           const std::string& data_dir) {
    const absl::Time start = absl::Now();
    IndexData d;
    ViewDecoder strings;
    absl::string_view info;
    bool ok = r.Bytes(&info) && d.info.ParseFromArray(info.data(), static_cast<int>(info.size())) &&
              EntityStore::LoadFrom(r, &d.entity_store, &strings);
    file.Release(r.position());
    ok = ok && LoadEvents(r, &d.event_store) && r.Array(&d.event_days) &&
         LoadMessages(r, &d.documents) && LoadMessages(r, &d.topics) &&
         r.Array(&d.participations) && r.Array(&d.participation_ranges) &&
         ReadStringNumbers(r, &d.event_by_id) && ReadStringNumbers(r, &d.document_by_id) &&
         ReadStringNumbers(r, &d.topic_by_id) && LoadMap(r, &d.events_by_participant) &&
         LoadMap(r, &d.events_by_country) && LoadMap(r, &d.events_by_organization) &&
         LoadMap(r, &d.events_by_topic) && LoadMap(r, &d.events_by_kind);
    file.Release(r.position());
    ok = ok && d.names.LoadFrom(r);
    file.Release(r.position());
    ok = ok && d.matcher.LoadFrom(strings, r) && r.Array(&d.link_scores) &&
         d.text_search.LoadFrom(r);
    file.Release(r.position());
    uint64_t documents = 0;
    ok = ok && r.Array(&d.mentions) && r.Array(&d.mention_ranges) && r.U64(&documents);
    if (ok) {
      if (documents != d.documents.size()) return Damaged(r, "documents do not add up");
      d.entities_in_document.resize(documents);
      for (std::vector<int32_t>& e : d.entities_in_document) ok = ok && r.Array(&e);
    }
    ok = ok && r.Array(&d.document_mentioned) && r.Array(&d.document_mentioned_offsets) &&
         r.Array(&d.document_participants) && r.Array(&d.document_participant_offsets);
    if (!ok) return Damaged(r, "a field does not parse");
    if (absl::Status finished = r.Finish(); !finished.ok()) return finished;
    if (!Consistent(d)) return Damaged(r, "its parts do not fit together");
    d.entity_store.IndexIds();  // after the checksum: hashing damaged ids could take long
    d.names.IndexKeys();
    // The index is the built one; where it is served from and how long
    // this took are this start's.
    d.info.set_data_dir(data_dir);
    *d.info.mutable_build_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
    const absl::Duration took = absl::Now() - start;
    *d.info.mutable_build_duration() =
        google::protobuf::util::TimeUtil::NanosecondsToDuration(absl::ToInt64Nanoseconds(took));
    d.info.clear_build_phases();
    v1::BuildPhase* phase = d.info.add_build_phases();
    phase->set_name("read from snapshot");
    *phase->mutable_duration() = d.info.build_duration();
    return std::unique_ptr<const Index>(new Index(std::move(d)));
  }

 private:
  static absl::Status Damaged(SnapshotReader& r, absl::string_view what) {
    r.Fail(what);
    return r.status();
  }

  // What the readers index into without checking, checked once.
  static bool Consistent(const IndexData& d) {
    const size_t entities = static_cast<size_t>(d.entity_store.size());
    const size_t documents = d.documents.size();
    const size_t events = static_cast<size_t>(d.event_store.size());
    if (d.mention_ranges.size() != entities || d.event_days.size() != events ||
        d.participation_ranges.size() != events ||
        d.document_mentioned_offsets.size() != documents + 1 ||
        d.document_participant_offsets.size() != documents + 1 ||
        d.document_mentioned_offsets.back() != d.document_mentioned.size() ||
        d.document_participant_offsets.back() != d.document_participants.size() ||
        d.link_scores.size() != d.matcher.output_count()) {
      return false;
    }
    for (const MentionRange& m : d.mention_ranges) {
      if (m.begin < 0 || m.begin > m.end || static_cast<size_t>(m.end) > d.mentions.size()) {
        return false;
      }
    }
    for (const MentionRow& m : d.mentions) {
      if (m.entity < 0 || static_cast<size_t>(m.entity) >= entities || m.document < 0 ||
          static_cast<size_t>(m.document) >= documents) {
        return false;
      }
    }
    for (const auto& [event, participant] : d.participations) {
      if (event < 0 || static_cast<size_t>(event) >= events || participant < 0 ||
          participant >= d.event_store[event].participant_count()) {
        return false;
      }
    }
    return true;
  }
};

absl::StatusOr<SnapshotKey> ComputeSnapshotKey(const std::string& data_dir,
                                               const std::string& stamp_path, bool* from_stamp) {
  absl::StatusOr<std::string> program = ProgramFingerprint();
  if (!program.ok()) return program.status();
  bool stamped = false;
  // The stamp's hash means what this program's hash means: another build
  // (which might hash otherwise) does not take it.
  absl::StatusOr<std::string> content =
      stamp_path.empty() ? Corpus::ContentSha256(data_dir)
                         : Corpus::StampedContentSha256(data_dir, stamp_path, *program, &stamped);
  if (from_stamp != nullptr) *from_stamp = stamped;
  if (!content.ok()) return content.status();
  absl::StatusOr<std::string> lexicons = LexiconBytes(fs::path(data_dir) / "lexicons");
  if (!lexicons.ok()) return lexicons.status();
  SnapshotKey key;
  key.content_sha256 = *content;
  key.lexicons_sha256 = Sha256Hex(*lexicons);
  key.key = Sha256Hex(absl::StrCat("format ", kFormatVersion, "\nprogram ", *program, "\ncorpus ",
                                   *content, "\nlexicons ", key.lexicons_sha256, "\n"));
  return key;
}

std::string SnapshotPath(const std::string& dir, const SnapshotKey& key) {
  return (fs::path(dir) / absl::StrCat(kFilePrefix, key.key, kFileSuffix)).string();
}

std::string SnapshotHeader(const SnapshotKey& key) {
  std::string header(kMagic);
  const uint64_t numbers[] = {kFormatVersion, key.key.size()};
  header.append(reinterpret_cast<const char*>(numbers), sizeof numbers);
  return header + key.key;
}

absl::Status WriteSnapshot(const Index& index, const SnapshotKey& key, const std::string& path,
                           const std::atomic<bool>* cancel) {
  absl::StatusOr<std::unique_ptr<SnapshotWriter>> writer = SnapshotWriter::Create(path, cancel);
  if (!writer.ok()) return writer.status();
  SnapshotWriter& w = **writer;
  w.RawBytes(SnapshotHeader(key));  // read back as the magic, U64 and Bytes
  IndexSnapshotCodec::Save(index, w, cancel);
  return w.Finish();
}

namespace {

absl::Status OtherKey(const std::string& path, absl::string_view stored,
                      const SnapshotKey& wanted) {
  return absl::FailedPreconditionError(
      absl::StrCat(path, ": written for another corpus or build of the program (key ",
                   stored.substr(0, 12), ", wanted ", wanted.key.substr(0, 12), ")"));
}

// Reads the snapshot at path: FAILED_PRECONDITION before reading further
// when its key is not wanted's; any key when wanted is null (the key, in
// *stored_key, is then the caller's to compare). data_dir is the corpus
// directory the index now serves (IndexInfo.data_dir).
absl::StatusOr<std::unique_ptr<const Index>> ReadSnapshotFile(const std::string& path,
                                                              const SnapshotKey* wanted,
                                                              const std::string& data_dir,
                                                              std::string* stored_key) {
  absl::StatusOr<std::unique_ptr<MappedFile>> file = MappedFile::Open(path);
  if (!file.ok()) return file.status();
  SnapshotReader r((*file)->bytes());
  absl::string_view magic, key;
  uint64_t version = 0;
  if (!r.RawView(kMagic.size(), &magic) || magic != kMagic) {
    return absl::DataLossError(absl::StrCat(path, ": not an index snapshot"));
  }
  if (!r.U64(&version) || !r.Bytes(&key)) {
    return absl::DataLossError(absl::StrCat(path, ": ", r.status().message()));
  }
  stored_key->assign(key.data(), key.size());
  if (version != kFormatVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, ": format version ", version, ", not ", kFormatVersion));
  }
  if (wanted != nullptr && *stored_key != wanted->key) return OtherKey(path, *stored_key, *wanted);
  absl::StatusOr<std::unique_ptr<const Index>> index =
      IndexSnapshotCodec::Load(r, **file, data_dir);
  if (!index.ok()) return absl::DataLossError(absl::StrCat(path, ": ", index.status().message()));
  return index;
}

// The directory's snapshot file written last, or "".
std::string NewestSnapshot(const std::string& dir) {
  std::string newest;
  fs::file_time_type newest_time;
  std::error_code ec;
  // increment(ec), not ++: nothing here may throw (a thread's exception
  // would end the process).
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    if (!absl::StartsWith(name, kFilePrefix) || !absl::EndsWith(name, kFileSuffix)) continue;
    const fs::file_time_type time = entry.last_write_time(ec);
    if (!ec && (newest.empty() || time > newest_time)) {
      newest = entry.path().string();
      newest_time = time;
    }
  }
  return newest;
}

}  // namespace

absl::StatusOr<std::unique_ptr<const Index>> ReadSnapshot(const std::string& path,
                                                          const SnapshotKey& key,
                                                          const std::string& data_dir) {
  std::string stored_key;
  return ReadSnapshotFile(path, &key, data_dir, &stored_key);
}

absl::StatusOr<std::unique_ptr<const Index>> LoadThroughSnapshot(const std::string& data_dir,
                                                                 const std::string& dir,
                                                                 SnapshotReport* report,
                                                                 bool use_content_stamp) {
  *report = SnapshotReport();
  const absl::Time start = absl::Now();
  // The corpus is hashed (reading 100k files, or their metadata only when
  // the content stamp vouches for them) while the directory's
  // newest snapshot is read, on another core: a restart takes the longer
  // of the two, not their sum. A snapshot of another key is then dropped.
  absl::StatusOr<SnapshotKey> key;
  std::string candidate, stored_key;
  absl::StatusOr<std::unique_ptr<const Index>> index;
  RunConcurrently(
      {[&] {
         candidate = NewestSnapshot(dir);
         index = candidate.empty() ? absl::NotFoundError("no snapshot")
                                   : ReadSnapshotFile(candidate, nullptr, data_dir, &stored_key);
         report->read_time = absl::Now() - start;
       },
       [&] {
         report->stamp_path = use_content_stamp ? (fs::path(dir) / kContentStampName).string() : "";
         key = ComputeSnapshotKey(data_dir, report->stamp_path, &report->key_from_stamp);
         report->key_time = absl::Now() - start;
       }});
  if (!key.ok()) {
    report->not_read = std::string(key.status().message());
    index = absl::StatusOr<std::unique_ptr<const Index>>();  // freed before the build
    return Index::Load(data_dir);
  }
  report->key = *key;
  report->path = SnapshotPath(dir, *key);
  if (index.ok() && (stored_key != key->key || candidate != report->path)) {
    index = OtherKey(candidate, stored_key, *key);
  }
  if (index.ok()) {
    report->read = true;
    return index;
  }
  report->not_read = absl::IsNotFound(index.status()) ? "no snapshot of this corpus and build yet"
                                                      : std::string(index.status().message());
  index = absl::StatusOr<std::unique_ptr<const Index>>();  // freed before the build
  return Index::Load(data_dir);
}

absl::StatusOr<bool> SaveSnapshotAfterBuild(const Index& index, const SnapshotReport& report,
                                            const std::atomic<bool>* cancel) {
  if (report.read || report.path.empty()) return false;
  if (index.info().content_sha256() != report.key.content_sha256) {
    // The corpus changed between the key and the build; or the content
    // stamp vouched for a corpus whose bytes say otherwise (its files' times
    // were not to be trusted): it goes, and the next start hashes them.
    if (report.key_from_stamp) {
      std::error_code ec;
      fs::remove(report.stamp_path, ec);
    }
    return false;
  }
  // The build read the corpus the key hashed (its own hash says so); the
  // lexicons are read again to be sure of them too.
  absl::StatusOr<std::string> lexicons =
      LexiconBytes(fs::path(index.info().data_dir()) / "lexicons");
  if (!lexicons.ok() || Sha256Hex(*lexicons) != report.key.lexicons_sha256) return false;
  if (absl::Status written = WriteSnapshot(index, report.key, report.path, cancel); !written.ok()) {
    return written;
  }
  // Older snapshots (another corpus or build) and interrupted writes.
  const fs::path dir = fs::path(report.path).parent_path();
  const std::string kept = fs::path(report.path).filename().string();
  std::error_code ec;
  std::vector<fs::path> stale;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    absl::string_view n = name;
    absl::ConsumePrefix(&n, ".");
    const bool stamp_left_over =
        absl::StartsWith(name, absl::StrCat(".", kContentStampName, ".tmp-"));
    if (stamp_left_over || (name != kept && absl::StartsWith(n, kFilePrefix) &&
                            (absl::EndsWith(n, kFileSuffix) ||
                             absl::StrContains(n, absl::StrCat(kFileSuffix, ".tmp-"))))) {
      stale.push_back(entry.path());
    }
  }
  for (const fs::path& path : stale) fs::remove(path, ec);
  return true;
}

}  // namespace parley
