#include "service/corpus/corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/sha.h>
#include <stdlib.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/unknown_field_set.h"
#include "service/corpus/binary_knowledge_base.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kData = PARLEY_SOURCE_DIR "/data";
const std::string kCorpora = PARLEY_SOURCE_DIR "/tests/corpora/";

TEST(CorpusTest, ReadsTheBundledCorpus) {
  auto corpus = Corpus::Read(kData);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  ASSERT_EQ(corpus->articles().size(), 5u);
  EXPECT_EQ(corpus->articles()[0].file_name, "000_510fb721e618f646.txt");
  EXPECT_EQ(corpus->articles()[2].bytes.size(), 8517u);  // byte-for-byte copy of the seed
  EXPECT_EQ(corpus->kb_files().size(), 4u);
  EXPECT_EQ(corpus->content_sha256().size(), 64u);
}

// Packed, every file's entity records are the ones a plain read gives, in
// their order, and its other records are untouched.
TEST(CorpusTest, KeepsEntityRecordsPackedWhenAsked) {
  Corpus::Options plain_options, packed_options;
  plain_options.record_locations = packed_options.record_locations = false;
  packed_options.pack_entities = true;
  auto plain = Corpus::Read(kData, plain_options);
  auto packed = Corpus::Read(kData, packed_options);
  ASSERT_TRUE(plain.ok()) << plain.status();
  ASSERT_TRUE(packed.ok()) << packed.status();
  ASSERT_EQ(plain->kb_files().size(), packed->kb_files().size());
  size_t entities = 0;
  for (size_t f = 0; f < plain->kb_files().size(); ++f) {
    const KnowledgeBaseFile& a = *plain->kb_files()[f];
    const KnowledgeBaseFile& b = *packed->kb_files()[f];
    EXPECT_EQ(a.path, b.path);
    EXPECT_TRUE(a.packed_entities.empty());
    EXPECT_EQ(b.kb->entities_size(), 0) << b.path;
    ASSERT_EQ(b.packed_entities.size(), static_cast<size_t>(a.kb->entities_size())) << b.path;
    std::vector<std::string> visited;
    ASSERT_TRUE(ForEachEntityRecord(b, [&visited](const v1::EntityRecord& r) {
                  visited.push_back(r.SerializeAsString());
                }).ok());
    ASSERT_EQ(visited.size(), b.packed_entities.size());
    for (int i = 0; i < a.kb->entities_size(); ++i) {
      EXPECT_EQ(visited[i], a.kb->entities(i).SerializeAsString()) << b.path << " " << i;
    }
    entities += visited.size();
    v1::KnowledgeBase rest = *a.kb;
    rest.clear_entities();
    EXPECT_EQ(b.kb->SerializeAsString(), rest.SerializeAsString()) << b.path;
  }
  EXPECT_GT(entities, 20u);
  // Locations are found by a record's address: a read that records them
  // keeps its records parsed.
  Corpus::Options located;
  located.pack_entities = true;
  auto with_locations = Corpus::Read(kData, located);
  ASSERT_TRUE(with_locations.ok()) << with_locations.status();
  for (const auto& file : with_locations->kb_files()) EXPECT_TRUE(file->packed_entities.empty());
}

// A file with other records beside its entities keeps them, in either form.
TEST(CorpusTest, PackingKeepsAFilesOtherRecords) {
  const std::string text =
      "topics { id: \"trade\" name: \"Trade\" }\n"
      "entities { id: \"asha-rao\" kind: ENTITY_KIND_PERSON name: \"Asha Rao\" }\n"
      "events { id: \"e\" kind: EVENT_KIND_MEETING title: \"Talks\" date: \"2020-02-03\" }\n"
      "entities { id: \"india\" kind: ENTITY_KIND_COUNTRY name: \"India\" }\n";
  v1::KnowledgeBase kb;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &kb));
  const std::vector<CorpusFile> files = {{"kb/a.textproto", text},
                                         {"kb/b.binpb", kb.SerializeAsString()}};
  Corpus::Options options;
  options.record_locations = false;
  options.pack_entities = true;
  options.files = &files;
  auto corpus = Corpus::Read("mixed/", options);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  ASSERT_EQ(corpus->kb_files().size(), 2u);
  v1::KnowledgeBase rest = kb;
  rest.clear_entities();
  for (const auto& file : corpus->kb_files()) {
    EXPECT_EQ(file->kb->SerializeAsString(), rest.SerializeAsString()) << file->path;
    ASSERT_EQ(file->packed_entities.size(), 2u) << file->path;
    EXPECT_EQ(file->packed_entities.bytes(1), kb.entities(1).SerializeAsString()) << file->path;
  }
  // A text the fast path leaves to TextFormat after it has packed a record
  // (a record in angle brackets between the entities): each record is
  // packed once.
  std::string angled = text;
  angled.insert(angled.find("events {"), "topics < id: \"visas\" >\n");
  const std::vector<CorpusFile> left = {{"kb/d.textproto", angled}};
  options.files = &left;
  auto reread = Corpus::Read("left/", options);
  ASSERT_TRUE(reread.ok()) << reread.status();
  ASSERT_EQ(reread->kb_files().size(), 1u);
  const KnowledgeBaseFile& parsed_slowly = *reread->kb_files()[0];
  ASSERT_EQ(parsed_slowly.packed_entities.size(), 2u);
  EXPECT_EQ(parsed_slowly.packed_entities.bytes(0), kb.entities(0).SerializeAsString());
  EXPECT_EQ(parsed_slowly.packed_entities.bytes(1), kb.entities(1).SerializeAsString());
  EXPECT_EQ(parsed_slowly.kb->topics_size(), 2);
  EXPECT_EQ(parsed_slowly.kb->entities_size(), 0);
  // A binary file's records are taken as written: here the first entity's
  // name twice (the last wins when it is parsed).
  const std::string named_twice =
      std::string("\x1a\x09", 2) + "\x0a\x01x" + "\x1a\x01P" + "\x1a\x01Q";
  const std::vector<CorpusFile> twice = {{"kb/c.binpb", named_twice}};
  options.files = &twice;
  auto read = Corpus::Read("twice/", options);
  ASSERT_TRUE(read.ok()) << read.status();
  const PackedRecords& packed = read->kb_files()[0]->packed_entities;
  ASSERT_EQ(packed.size(), 1u);
  EXPECT_EQ(packed.bytes(0), named_twice.substr(2));
  v1::EntityRecord record;
  ASSERT_TRUE(packed.Parse(0, &record));
  EXPECT_EQ(record.name(), "Q");
}

TEST(CorpusTest, EachDocumentCarriesItsFilesSha256) {
  auto corpus = Corpus::Read(kData);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  corpus->AssembleDocuments();
  const v1::Document* seed = nullptr;
  for (const v1::Document& d : corpus->documents()) {
    if (d.file_name() == "000_510fb721e618f646.txt") seed = &d;
  }
  ASSERT_NE(seed, nullptr);
  // sha256sum data/articles/000_510fb721e618f646.txt
  EXPECT_EQ(seed->sha256(), "4c05dd7c659f3c68bef524d9d54f40989558a29abeea99a4c8e98d1a9ec8caee");
  for (const v1::Document& d : corpus->documents()) EXPECT_EQ(d.sha256().size(), 64u) << d.id();
}

TEST(CorpusTest, HashDependsOnContent) {
  auto a = Corpus::Read(kCorpora + "minimal");
  auto b = Corpus::Read(kCorpora + "ambiguous_quote");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->content_sha256(), b->content_sha256());
  auto again = Corpus::Read(kCorpora + "minimal");
  EXPECT_EQ(a->content_sha256(), again->content_sha256());
}

std::string Sha256HexOf(absl::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

// The digest as corpus.h defines it, made here from the files: each file's
// relative path, a NUL and the hex SHA-256 of its bytes, articles then kb,
// each by name.
TEST(CorpusTest, ContentSha256IsTheDigestOfEachFilesPathAndDigest) {
  // minimal's files, with a second knowledge-base file in binary form.
  std::string made = fs::path(::testing::TempDir()) / "digest-XXXXXX";
  ASSERT_NE(mkdtemp(made.data()), nullptr);
  const fs::path dir = made;
  fs::copy(kCorpora + "minimal", dir, fs::copy_options::recursive);
  v1::KnowledgeBase extra;
  extra.add_topics()->set_id("law");
  std::ofstream(dir / "kb" / "extra.binpb", std::ios::binary) << extra.SerializeAsString();
  std::string input;
  for (const char* sub : {"articles", "kb"}) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir / sub)) {
      const std::string name = entry.path().filename().string();
      if (absl::EndsWith(name, ".txt") || absl::EndsWith(name, ".textproto") ||
          absl::EndsWith(name, ".binpb")) {
        names.push_back(name);
      }
    }
    std::sort(names.begin(), names.end());
    ASSERT_FALSE(names.empty()) << sub;
    for (const std::string& name : names) {
      std::ifstream in(dir / sub / name, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      absl::StrAppend(&input, sub, "/", name, std::string(1, '\0'), Sha256HexOf(bytes));
    }
  }
  absl::StatusOr<Corpus> read = Corpus::Read(dir.string());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->content_sha256(), Sha256HexOf(input));
  EXPECT_EQ(*Corpus::ContentSha256(dir.string()), Sha256HexOf(input));
  EXPECT_EQ(read->kb_files().size(), 2u);
  fs::remove_all(dir);
}

// A restart trusts a snapshot when ContentSha256 (which keeps one file in
// memory at a time) gives Read's digest: so it must, for many files too.
TEST(CorpusTest, ContentSha256OfManyArticlesIsReadsDigest) {
  // A directory of its own: suites of other checkouts may run at once.
  std::string made = fs::path(::testing::TempDir()) / "many_articles-XXXXXX";
  ASSERT_NE(mkdtemp(made.data()), nullptr);
  const fs::path dir = made;
  fs::copy(kCorpora + "minimal", dir, fs::copy_options::recursive);
  for (int i = 0; i < 1100; ++i) {
    std::ofstream(dir / "articles" / absl::StrCat("extra-", 10000 + i, ".txt"))
        << "Article " << i << std::string(i % 7, '.') << "\n";
  }
  absl::StatusOr<std::string> hashed = Corpus::ContentSha256(dir.string());
  absl::StatusOr<Corpus> read = Corpus::Read(dir.string());
  ASSERT_TRUE(hashed.ok()) << hashed.status();
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*hashed, read->content_sha256());
  EXPECT_EQ(read->articles().size(), 1102u);  // with minimal's two
  // The same with locations (one worker reads the article chunks then).
  Corpus::Options located;
  located.record_locations = true;
  absl::StatusOr<Corpus> read_located = Corpus::Read(dir.string(), located);
  ASSERT_TRUE(read_located.ok()) << read_located.status();
  EXPECT_EQ(read_located->content_sha256(), *hashed);
  EXPECT_EQ(read_located->articles().size(), read->articles().size());
  // Changing one article in the middle changes it.
  std::ofstream(dir / "articles" / "extra-10600.txt") << "Article 600!\n";
  absl::StatusOr<std::string> changed = Corpus::ContentSha256(dir.string());
  ASSERT_TRUE(changed.ok());
  EXPECT_NE(*changed, *hashed);
  EXPECT_EQ(*changed, Corpus::Read(dir.string())->content_sha256());
  fs::remove_all(dir);
}

TEST(CorpusTest, RecordsWhereEachRecordWasWritten) {
  auto corpus = Corpus::Read(kCorpora + "minimal");
  ASSERT_TRUE(corpus.ok());
  const v1::KnowledgeBase& kb = *corpus->kb_files()[0]->kb;
  const SourceLocation event = corpus->LocationOf(kb.events(0));
  EXPECT_THAT(event.file, HasSubstr("minimal/kb/kb.textproto"));
  EXPECT_EQ(event.line, 25);
  EXPECT_EQ(corpus->LocationOf(kb.events(0), "date").line, 27);
}

TEST(CorpusTest, SyntaxErrorsNameFileLineAndColumn) {
  auto corpus = Corpus::Read(kCorpora + "syntax_error");
  ASSERT_FALSE(corpus.ok());
  EXPECT_EQ(corpus.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(corpus.status().message()),
              HasSubstr("syntax_error/kb/kb.textproto:2:36: String literals cannot cross line"));
}

// The shared store's snapshot: the same files from memory.
TEST(CorpusTest, FilesGivenInMemoryReadAsTheDirectoryDoes) {
  std::vector<CorpusFile> files;
  for (const char* sub : {"articles", "kb"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(PARLEY_SOURCE_DIR "/data") / sub)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      files.push_back({std::string(sub) + "/" + entry.path().filename().string(), bytes});
    }
  }
  files.push_back({"kb/notes.md", "not a corpus file: ignored"});
  Corpus::Options options;
  options.files = &files;
  absl::StatusOr<Corpus> memory = Corpus::Read("store:", options);
  absl::StatusOr<Corpus> disk = Corpus::Read(PARLEY_SOURCE_DIR "/data");
  ASSERT_TRUE(memory.ok()) << memory.status();
  ASSERT_TRUE(disk.ok());
  EXPECT_EQ(memory->content_sha256(), disk->content_sha256());
  ASSERT_EQ(memory->articles().size(), disk->articles().size());
  EXPECT_EQ(memory->articles()[0].path, "store:articles/" + disk->articles()[0].file_name);
  // Problems name the file as the store has it.
  files.push_back({"kb/broken.textproto", "events { id: \"cut"});
  absl::StatusOr<Corpus> broken = Corpus::Read("store:", options);
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(std::string(broken.status().message()),
              ::testing::HasSubstr("store:kb/broken.textproto:1:"));
}

TEST(CorpusTest, MissingDirectoriesAreProblems) {
  auto corpus = Corpus::Read(kCorpora + "no_such_corpus");
  ASSERT_FALSE(corpus.ok());
  EXPECT_THAT(std::string(corpus.status().message()), HasSubstr("no_such_corpus/articles"));
  EXPECT_THAT(std::string(corpus.status().message()), HasSubstr("no_such_corpus/kb"));
}

// A copy of tests/corpora/minimal in a directory of its own, to break.
class BrokenCorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = fs::path(::testing::TempDir()) / "parley-corpus-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr) << tmpl;
    dir_ = tmpl;
    fs::copy(kCorpora + "minimal", dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& relative, const std::string& bytes, bool append = false) {
    std::ofstream out(dir_ + "/" + relative,
                      std::ios::binary | (append ? std::ios::app : std::ios::trunc));
    out << bytes;
    ASSERT_TRUE(out.good()) << relative;
  }

  // kb/kb.textproto's records, parsed.
  v1::KnowledgeBase TextRecords() {
    std::ifstream in(dir_ + "/kb/kb.textproto", std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    v1::KnowledgeBase kb;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &kb));
    return kb;
  }
  // The problems of reading the corpus (both of the corpus's reads: the
  // first without a record of locations, the second, for a build's
  // problems, with one).
  std::string ReadProblems(bool record_locations) {
    Corpus::Options options;
    options.record_locations = record_locations;
    auto corpus = Corpus::Read(dir_, options);
    EXPECT_FALSE(corpus.ok());
    return corpus.ok() ? "" : std::string(corpus.status().message());
  }
  // Replaces kb/kb.textproto with kb/kb.binpb holding bytes.
  void WriteBinary(const std::string& bytes) {
    fs::remove(dir_ + "/kb/kb.textproto");
    Write("kb/kb.binpb", bytes);
  }

  std::string dir_;
};

TEST_F(BrokenCorpusTest, ReadsABinaryKnowledgeBaseAsItsTextForm) {
  const v1::KnowledgeBase text = TextRecords();
  ASSERT_GT(text.entities_size(), 0);
  ASSERT_GT(text.events_size(), 0);
  WriteBinary(text.SerializeAsString());
  for (bool record_locations : {true, false}) {
    Corpus::Options options;
    options.record_locations = record_locations;
    auto corpus = Corpus::Read(dir_, options);
    ASSERT_TRUE(corpus.ok()) << corpus.status();
    ASSERT_EQ(corpus->kb_files().size(), 1u);
    EXPECT_THAT(corpus->kb_files()[0]->path, ::testing::EndsWith("/kb/kb.binpb"));
    EXPECT_EQ(corpus->kb_files()[0]->kb->SerializeAsString(), text.SerializeAsString());
    if (record_locations) {
      // No lines in a binary file: a record is named by its path in it.
      const v1::KnowledgeBase& kb = *corpus->kb_files()[0]->kb;
      const SourceLocation event = corpus->LocationOf(kb.events(0));
      EXPECT_THAT(event.file, ::testing::EndsWith("/kb/kb.binpb"));
      EXPECT_EQ(event.line, 0);
      EXPECT_EQ(event.record, "events[0]");
      EXPECT_EQ(corpus->LocationOf(kb.events(0), "date").record, "events[0].date");
      EXPECT_EQ(corpus->LocationOf(kb.events(0).participants(0)).record,
                "events[0].participants[0]");
    }
  }
}

TEST_F(BrokenCorpusTest, ReadsTextAndBinaryFilesTogetherInNameOrder) {
  v1::KnowledgeBase extra;
  extra.add_topics()->set_id("extra-topic");
  Write("kb/extra.binpb", extra.SerializeAsString());
  Write("kb/zz.binpb", "");  // an empty knowledge base is a valid one
  auto corpus = Corpus::Read(dir_);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  ASSERT_EQ(corpus->kb_files().size(), 3u);
  EXPECT_THAT(corpus->kb_files()[0]->path, ::testing::EndsWith("/kb/extra.binpb"));
  EXPECT_EQ(corpus->kb_files()[0]->kb->topics(0).id(), "extra-topic");
  EXPECT_THAT(corpus->kb_files()[1]->path, ::testing::EndsWith("/kb/kb.textproto"));
  EXPECT_THAT(corpus->kb_files()[2]->path, ::testing::EndsWith("/kb/zz.binpb"));
  // The binary file is part of the content: changing it changes the hash.
  const std::string before = corpus->content_sha256();
  EXPECT_EQ(*Corpus::ContentSha256(dir_), before);
  extra.add_topics()->set_id("another");
  Write("kb/extra.binpb", extra.SerializeAsString());
  EXPECT_NE(*Corpus::ContentSha256(dir_), before);
}

TEST_F(BrokenCorpusTest, RefusesABinaryFileThatIsNotAKnowledgeBase) {
  // A field number with wire type 7, which does not exist.
  Write("kb/notes.binpb", "\x0F\x01\x02");
  auto corpus = Corpus::Read(dir_);
  ASSERT_FALSE(corpus.ok());
  EXPECT_EQ(corpus.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(corpus.status().message()),
              HasSubstr("kb/notes.binpb: not a parley.v1.KnowledgeBase in protobuf's binary "
                        "form, or a string in it is not valid UTF-8"));
  // The command that shows where, with the file's own path.
  EXPECT_THAT(std::string(corpus.status().message()),
              HasSubstr("--decode=parley.v1.KnowledgeBase parley/v1/knowledge_base.proto < " +
                        dir_ + "/kb/notes.binpb` shows where it goes wrong"));
}

TEST_F(BrokenCorpusTest, RefusesInvalidUtf8InAStringOfABinaryFile) {
  v1::KnowledgeBase kb = TextRecords();
  ASSERT_EQ(kb.entities(2).id(), "asha-rao");
  kb.mutable_entities(2)->mutable_positions(0)->set_title("Caf\xC3\xA9 Minister");
  std::string bytes = kb.SerializeAsString();
  const size_t at = bytes.find("\xC3\xA9");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = '\xFF';  // the same length: the message's framing holds
  WriteBinary(bytes);
  auto corpus = Corpus::Read(dir_);
  ASSERT_FALSE(corpus.ok());
  // Named by its record, read from the wire format again.
  EXPECT_THAT(std::string(corpus.status().message()),
              HasSubstr("kb/kb.binpb: entities[2].positions[0].title: not valid UTF-8: write "
                        "text as UTF-8"));
}

// The text parser refuses a field name it does not know; protobuf's binary
// parser would keep an unknown field aside and pass any enum number
// through. Both are refused, by the record's path.
TEST_F(BrokenCorpusTest, RefusesFieldsAndEnumValuesTheSchemaDoesNotDefine) {
  v1::KnowledgeBase kb = TextRecords();
  ASSERT_GE(kb.entities_size(), 2);
  v1::EntityRecord* entity = kb.mutable_entities(1);
  entity->GetReflection()->MutableUnknownFields(entity)->AddVarint(999, 1);
  kb.mutable_entities(0)->set_kind(static_cast<v1::EntityKind>(77));
  WriteBinary(kb.SerializeAsString());
  auto corpus = Corpus::Read(dir_);
  ASSERT_FALSE(corpus.ok());
  const std::string message(corpus.status().message());
  EXPECT_THAT(message, HasSubstr("2 problem(s)"));
  EXPECT_THAT(message, HasSubstr("kb/kb.binpb: entities[1]: field number 999, which "
                                 "parley.v1.EntityRecord does not define: the file was written "
                                 "with another version of knowledge_base.proto"));
  EXPECT_THAT(message, HasSubstr("kb/kb.binpb: entities[0].kind: value 77, which "
                                 "parley.v1.EntityKind does not define"));
}

TEST_F(BrokenCorpusTest, RefusesAFieldTheFilesMessageDoesNotDefine) {
  v1::KnowledgeBase kb = TextRecords();
  kb.GetReflection()->MutableUnknownFields(&kb)->AddLengthDelimited(77, "x");
  WriteBinary(kb.SerializeAsString());
  auto corpus = Corpus::Read(dir_);
  ASSERT_FALSE(corpus.ok());
  EXPECT_THAT(std::string(corpus.status().message()),
              HasSubstr("kb/kb.binpb: the file's message: field number 77, which "
                        "parley.v1.KnowledgeBase does not define"));
}

// A conversion that leaves the text file beside its binary form would give
// every record twice: one problem says so, not one a record.
TEST_F(BrokenCorpusTest, AFileInBothFormsIsOneProblem) {
  Write("kb/kb.binpb", TextRecords().SerializeAsString());
  auto corpus = Corpus::Read(dir_);
  ASSERT_FALSE(corpus.ok());
  const std::string message(corpus.status().message());
  EXPECT_THAT(message, HasSubstr("1 problem(s)"));
  EXPECT_THAT(message, HasSubstr("kb/kb.binpb: the same file as " + dir_ +
                                 "/kb/kb.textproto in binary form: both would give each record "
                                 "twice; remove one of them"));
}

TEST_F(BrokenCorpusTest, CountsUnknownFieldsPastTheFirstTwenty) {
  v1::KnowledgeBase kb;
  for (int i = 0; i < kMaxUnknownProblems + 5; ++i) {
    v1::TopicRecord* topic = kb.add_topics();
    topic->set_id(absl::StrCat("t", i));
    topic->GetReflection()->MutableUnknownFields(topic)->AddVarint(50, i);
  }
  Write("kb/more.binpb", kb.SerializeAsString());
  auto corpus = Corpus::Read(dir_);
  ASSERT_FALSE(corpus.ok());
  const std::string message(corpus.status().message());
  EXPECT_THAT(message, HasSubstr(absl::StrCat(kMaxUnknownProblems + 1, " problem(s)")));
  EXPECT_THAT(message, HasSubstr("topics[19]: field number 50"));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("topics[20]:")));
  // In the order found, the count last.
  EXPECT_LT(message.find("topics[2]:"), message.find("topics[10]:"));
  EXPECT_LT(message.find("topics[19]:"),
            message.find("kb/more.binpb: 5 more field(s) or enum value(s) the schema does not "
                         "define"));
}

TEST_F(BrokenCorpusTest, RefusesAnArticleWithInvalidUtf8ByFileLineAndByte) {
  // "\xC3(" starts a two-byte sequence that never continues: byte 17, line 2.
  Write("articles/latin1.txt", "A first line.\nCaf\xC3(s closed.\n");
  for (bool record_locations : {true, false}) {
    Corpus::Options options;
    options.record_locations = record_locations;
    auto corpus = Corpus::Read(dir_, options);
    ASSERT_FALSE(corpus.ok());  // all or nothing: no corpus at all
    EXPECT_EQ(corpus.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(corpus.status().message()),
                HasSubstr("articles/latin1.txt:2: byte 17 is not valid UTF-8"));
    EXPECT_THAT(std::string(corpus.status().message()), HasSubstr("save the file as UTF-8"));
  }
}

TEST_F(BrokenCorpusTest, RefusesInvalidUtf8InFrontMatterAndATruncatedLastCharacter) {
  Write("articles/front.txt", "---\ntitle: Caf\xE9\n---\nText.\n");
  Write("articles/truncated.txt", "Ends in half a euro sign \xE2\x82");
  auto corpus = Corpus::Read(dir_);
  ASSERT_FALSE(corpus.ok());
  EXPECT_THAT(std::string(corpus.status().message()),
              HasSubstr("articles/front.txt:2: byte 14 is not valid UTF-8"));
  EXPECT_THAT(std::string(corpus.status().message()),
              HasSubstr("articles/truncated.txt:1: byte 25 is not valid UTF-8"));
}

TEST_F(BrokenCorpusTest, AcceptsValidUtf8Everywhere) {
  Write("articles/unicode.txt", "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x87\xAE\n");
  Write("kb/kb.textproto", "topics { id: \"caf\" name: \"Caf\xC3\xA9 \\303\\251\" }\n", true);
  auto corpus = Corpus::Read(dir_);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
}

TEST_F(BrokenCorpusTest, RefusesAKnowledgeBaseFileWithInvalidUtf8) {
  Write("kb/kb.textproto", "# caf\xE9\n", true);
  auto corpus = Corpus::Read(dir_);
  ASSERT_FALSE(corpus.ok());
  EXPECT_THAT(std::string(corpus.status().message()), HasSubstr("kb/kb.textproto:40:6: byte "));
  EXPECT_THAT(std::string(corpus.status().message()),
              HasSubstr("is not valid UTF-8: save the file as UTF-8"));
}

// The text-format parser turns escapes into any bytes it is given, and
// accepts them in string fields: the value itself is checked.
TEST_F(BrokenCorpusTest, RefusesAnEscapeThatMakesAStringFieldInvalidUtf8) {
  Write("kb/kb.textproto", "topics { id: \"bad\" name: \"caf\\351\" }\n", true);
  for (bool record_locations : {true, false}) {
    const std::string message = ReadProblems(record_locations);
    EXPECT_THAT(message, HasSubstr("kb/kb.textproto:40:20: topics[3].name is not valid UTF-8 "
                                   "from byte 3"));
  }
}

// protobuf's enums are open: its text parser keeps an enum value given by
// number that the enum does not define. The loader refuses it, by line.
TEST_F(BrokenCorpusTest, RefusesAnEnumNumberTheSchemaDoesNotDefine) {
  Write("kb/kb.textproto",
        "entities { id: \"odd\" name: \"Odd\"\n  kind: 7 }\n"
        "entities { id: \"fine\" name: \"Fine\" kind: 1 }\n",
        true);
  for (bool record_locations : {true, false}) {
    const std::string message = ReadProblems(record_locations);
    EXPECT_THAT(message, HasSubstr("kb/kb.textproto:41:3: entities[4].kind is 7, which "
                                   "parley.v1.EntityKind does not define: write one of "
                                   "ENTITY_KIND_PERSON, ENTITY_KIND_ORGANIZATION"));
    // One problem: the defined number passes, and the read stops before
    // the build would report the odd entity's references.
    EXPECT_THAT(message, HasSubstr("1 problem(s)"));
    EXPECT_THAT(message, Not(HasSubstr("needs kind")));
  }
}

// protobuf's errors name what it did not find; the loader adds the name
// that was probably meant.
TEST_F(BrokenCorpusTest, SuggestsTheFieldMeant) {
  Write("kb/kb.textproto", "topics { id: \"t\" nmae: \"T\" }\n", true);
  EXPECT_THAT(ReadProblems(false),
              HasSubstr("kb/kb.textproto:40:18: Message type \"parley.v1.TopicRecord\" has no "
                        "field named \"nmae\". Did you mean \"name\"?"));
}

// Columns count characters, as an editor shows them, not bytes: "Ü", "ï",
// "ö" and "é" are two bytes each: the unknown field is at character 34,
// byte 38.
TEST_F(BrokenCorpusTest, ColumnsCountCharacters) {
  Write("kb/kb.textproto",
        "topics { id: \"t\" name: \"\u00dcn\u00efc\u00f6d\u00e9\" nmae: \"T\" }\n", true);
  EXPECT_THAT(ReadProblems(false), HasSubstr("kb/kb.textproto:40:34: Message type"));
  // A value refused after the parse, located through the parse tree.
  Write("kb/kb.textproto", "");
  Write("kb/odd.textproto",
        "entities { id: \"odd\" name: \"\u00d6dd \u00dcn\u00efc\u00f6d\u00e9\" kind: 7 }\n");
  for (bool record_locations : {true, false}) {
    EXPECT_THAT(ReadProblems(record_locations),
                HasSubstr("kb/odd.textproto:1:42: entities[0].kind is 7"));
  }
}

// An unknown enum value is reported where it is written, not at the next
// field (where protobuf's parser notices it).
TEST_F(BrokenCorpusTest, PlacesAnUnknownEnumValueWhereItIsWritten) {
  Write("kb/kb.textproto",
        "entities { id: \"a\" name: \"\u00dcn\u00efc\u00f6d\u00e9\"\n"
        "  kind: ENTITY_KIND_PERSN\n  description: \"d\" }\n",
        true);
  EXPECT_THAT(ReadProblems(false),
              HasSubstr("kb/kb.textproto:41:9: Unknown enumeration value of "
                        "\"ENTITY_KIND_PERSN\" for field \"kind\". Did you mean "
                        "\"ENTITY_KIND_PERSON\"?"));
}

// An event left open before a topic: protobuf reads "topics" as the
// event's own field and says only what it expected.
TEST_F(BrokenCorpusTest, PointsAtAnEventLeftOpenBeforeATopic) {
  Write("kb/kb.textproto",
        "events { id: \"e\" kind: EVENT_KIND_MEETING title: \"T\"\n"
        "topics { id: \"t\" name: \"T\" }\n",
        true);
  EXPECT_THAT(ReadProblems(false),
              HasSubstr("kb/kb.textproto:41:8: Expected \":\", found \"{\". \"topics\" belongs at "
                        "the top level of the file: is a closing \"}\" missing before it?"));
}

// A record left open is reported where protobuf notices, with the brace
// that is probably missing.
TEST_F(BrokenCorpusTest, PointsAtARecordLeftOpen) {
  Write("kb/kb.textproto",
        "entities { id: \"a\" kind: ENTITY_KIND_PERSON name: \"A\"\n"
        "entities { id: \"b\" kind: ENTITY_KIND_PERSON name: \"B\" }\n",
        true);
  EXPECT_THAT(ReadProblems(false),
              HasSubstr("kb/kb.textproto:41:1: Message type \"parley.v1.EntityRecord\" has no "
                        "field named \"entities\". \"entities\" belongs at the top level of the "
                        "file: is a closing \"}\" missing before it?"));
  Write("kb/open.textproto", "topics { id: \"t\" name: \"T\"\n");
  EXPECT_THAT(ReadProblems(false),
              HasSubstr("kb/open.textproto:2:1: Expected identifier, got the end of the file: is "
                        "a closing \"}\" missing?"));
}

// As some editors save UTF-8: the mark is dropped, so columns on the first
// line are those an editor shows (which does not show the mark).
TEST_F(BrokenCorpusTest, ReadsAByteOrderMarkAsNothing) {
  Write("kb/marked.textproto", "\xEF\xBB\xBFtopics { id: \"marked\" name: \"Marked\" }\n");
  auto corpus = Corpus::Read(dir_);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  Write("kb/marked.textproto", "\xEF\xBB\xBFtopics { id: \"marked\" nme: \"Marked\" }\n");
  corpus = Corpus::Read(dir_);
  ASSERT_FALSE(corpus.ok());
  EXPECT_THAT(std::string(corpus.status().message()),
              HasSubstr("kb/marked.textproto:1:23: Message type \"parley.v1.TopicRecord\" has no "
                        "field named \"nme\""));
}

}  // namespace
}  // namespace parley
