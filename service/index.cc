#include "index.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <set>
#include <thread>
#include <utility>

#include <openssl/sha.h>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "extract.h"
#include "google/protobuf/util/time_util.h"
#include "normalize.h"
#include "text_tokens.h"

namespace parley {
namespace {

using google::protobuf::Message;

std::string Truncate(absl::string_view s, size_t n) {
  if (s.size() <= n) return std::string(s);
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat(s.substr(0, cut), "…");
}

std::string Sha256Hex(absl::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

// Letters present and none of them lower case: "US", "US-CERT", "I4C".
bool IsAllCaps(absl::string_view name) {
  const std::vector<Token> words = Tokenize(name);
  if (words.empty()) return false;
  for (const Token& w : words) {
    if (!w.all_caps) return false;
  }
  return true;
}

// "S. M. Krishna" -> "SM Krishna"; "" when the name has no run of initials.
std::string JoinInitials(absl::string_view name) {
  const std::vector<Token> words = Tokenize(name);
  std::vector<std::string> out;
  bool joined = false;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string word(name.substr(words[i].start, words[i].end - words[i].start));
    const bool initial = words[i].norm.size() == 1;
    if (initial && !out.empty() && i > 0 && words[i - 1].norm.size() == 1) {
      out.back() += word;
      joined = true;
    } else {
      out.push_back(word);
    }
  }
  return joined ? absl::StrJoin(out, " ") : "";
}

v1::EntityRef RefOf(const v1::Entity& e) {
  v1::EntityRef ref;
  ref.set_id(e.id());
  ref.set_name(e.name());
  ref.set_kind(e.kind());
  return ref;
}

// Union of sorted posting lists.
std::vector<int32_t> UnionOf(const std::vector<const std::vector<int32_t>*>& lists) {
  std::vector<int32_t> out;
  for (const auto* list : lists) {
    std::vector<int32_t> merged;
    std::set_union(out.begin(), out.end(), list->begin(), list->end(),
                   std::back_inserter(merged));
    out.swap(merged);
  }
  return out;
}

}  // namespace

// Resolves and checks records kind by kind, adding every problem found to one
// list, so that one run reports them all. Nothing is returned unless the
// list stays empty.
class IndexBuilder {
 public:
  explicit IndexBuilder(Corpus corpus) : corpus_(std::move(corpus)) {
    index_.reset(new Index());
  }
  ~IndexBuilder() {
    if (text_thread_.joinable()) text_thread_.join();
  }

  absl::StatusOr<std::unique_ptr<const Index>> Build() {
    const absl::Time start = absl::Now();
    for (const auto& file : corpus_.kb_files()) {
      for (const auto& r : file->kb->topics()) topic_records_.push_back(&r);
      for (const auto& r : file->kb->documents()) document_records_.push_back(&r);
      for (const auto& r : file->kb->entities()) entity_records_.push_back(&r);
      for (const auto& r : file->kb->events()) event_records_.push_back(&r);
    }
    Phase("read", corpus_.read_duration());
    absl::Time phase_start = absl::Now();
    auto timed = [this, &phase_start](const char* name, auto&& step) {
      step();
      const absl::Time now = absl::Now();
      Phase(name, now - phase_start);
      phase_start = now;
    };
    timed("documents", [this] {
      BuildTopics();
      BuildDocuments();
    });
    timed("entities", [this] { BuildEntities(); });
    timed("events", [this] { BuildEvents(); });
    if (!problems_.empty()) return problems_.ToStatus();
    timed("extraction", [this] { BuildExtracted(); });
    if (!problems_.empty()) return problems_.ToStatus();
    ReleaseRecords();
    StartTextIndex();
    timed("participations", [this] { BuildDerived(); });
    timed("names", [this] { BuildNameKeys(); });
    timed("mentions", [this] { BuildMentions(); });
    BuildInfo(absl::Now() - start);
    return std::unique_ptr<const Index>(std::move(index_));
  }

 private:
  // Tokenizing the documents and indexing their words needs nothing but the
  // documents: a thread of its own does it while the derived structures and
  // the name index are built (not earlier: the records are freed first, so
  // that the two do not add up to the peak). Only it touches text_search_
  // and doc_tokens_ until BuildMentions() joins it.
  void StartTextIndex() {
    std::vector<absl::string_view> texts;
    texts.reserve(index_->documents_.size());
    // The texts are not modified again: their bytes stay where they are.
    for (const v1::Document& d : index_->documents_) texts.push_back(d.text());
    doc_tokens_.resize(texts.size());
    text_thread_ = std::thread([this, texts = std::move(texts)] {
      const absl::Time start = absl::Now();
      for (size_t d = 0; d < texts.size(); ++d) {
        doc_tokens_[d] = Tokenize(texts[d]);
        text_search_.AddDocument(doc_tokens_[d]);
      }
      text_search_.Build();
      text_index_duration_ = absl::Now() - start;
    });
  }

  void Phase(const char* name, absl::Duration took) {
    v1::BuildPhase* phase = index_->info_.add_build_phases();
    phase->set_name(name);
    *phase->mutable_duration() =
        google::protobuf::util::TimeUtil::NanosecondsToDuration(absl::ToInt64Nanoseconds(took));
  }

  // The records are checked and copied into the index: free them before the
  // index grows its derived structures.
  void ReleaseRecords() {
    topic_records_ = {};
    document_records_ = {};
    entity_records_ = {};
    event_records_ = {};
    doc_records_by_id_ = {};
    corpus_.ReleaseKnowledgeBase();
  }

  void Problem(const Message& record, absl::string_view field, std::string what) {
    problems_.Add(corpus_.LocationOf(record, field), std::move(what));
  }

  // Checks that id is present and unused among ids; records it.
  bool CheckId(const Message& record, const std::string& id,
               absl::flat_hash_map<std::string, int32_t>* ids, int32_t value,
               absl::string_view what) {
    if (id.empty()) {
      Problem(record, "", absl::StrCat(what, " without an id: add id: \"...\""));
      return false;
    }
    for (char c : id) {
      if (!(absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.')) {
        Problem(record, "id", absl::StrCat(what, " id \"", id,
                                           "\" may only use letters, digits, '-', '_' and '.'"));
        return false;
      }
    }
    if (!ids->emplace(id, value).second) {
      Problem(record, "id", absl::StrCat("duplicate ", what, " id \"", id,
                                         "\": ids must be unique across kb/*.textproto"));
      return false;
    }
    return true;
  }

  // Resolves a reference to an entity of the expected kind (or any kind when
  // UNSPECIFIED). Returns nullptr and records a problem when it does not resolve.
  const v1::Entity* ResolveEntity(const Message& record, absl::string_view field,
                                  const std::string& id, v1::EntityKind kind) {
    auto it = entity_ids_.find(id);
    if (it == entity_ids_.end()) {
      Problem(record, field, absl::StrCat(field, ": unknown entity \"", id,
                                          "\": define it under entities or fix the id"));
      return nullptr;
    }
    const v1::Entity& entity = index_->entities_[it->second];
    if (kind != v1::ENTITY_KIND_UNSPECIFIED && entity.kind() != kind) {
      Problem(record, field,
              absl::StrCat(field, ": \"", id, "\" is a ",
                           v1::EntityKind_Name(entity.kind()), ", expected a ",
                           v1::EntityKind_Name(kind)));
      return nullptr;
    }
    return &entity;
  }

  // Locates a quote in its document and fills the evidence. Returns false and
  // records a problem when the quote is missing, absent or ambiguous.
  bool ResolveQuote(const v1::QuoteRecord& q, v1::Evidence* out) {
    out->set_note(q.note());
    if (!q.external_source().empty()) {
      out->set_external_source(q.external_source());
      if (q.document().empty() && q.quote().empty()) return true;
    }
    if (q.document().empty() || q.quote().empty()) {
      Problem(q, "", "evidence needs document and quote (or external_source for "
                     "facts from outside the text)");
      return false;
    }
    auto it = index_->document_by_id_.find(q.document());
    if (it == index_->document_by_id_.end()) {
      Problem(q, "document", absl::StrCat("document: unknown document \"", q.document(),
                                          "\": use an id from documents or an article "
                                          "file name without .txt"));
      return false;
    }
    const v1::Document& doc = index_->documents_[it->second];
    const std::string& text = doc.text();
    std::vector<size_t> found;
    for (size_t pos = text.find(q.quote()); pos != std::string::npos;
         pos = text.find(q.quote(), pos + 1)) {
      found.push_back(pos);
    }
    if (found.empty()) {
      // Say where the quote stops matching: the longest prefix that occurs.
      size_t lo = 0, hi = q.quote().size();
      while (lo < hi) {
        const size_t mid = (lo + hi + 1) / 2;
        if (text.find(q.quote().substr(0, mid)) != std::string::npos) lo = mid; else hi = mid - 1;
      }
      std::string hint = lo == 0
          ? "no part of it occurs"
          : absl::StrCat("the text matches up to \"", Truncate(q.quote().substr(0, lo), 60),
                         "\" and differs after that");
      Problem(q, "quote",
              absl::StrCat("quote not found in document \"", q.document(), "\" (",
                           doc.file_name(), "): ", hint,
                           "; copy the quote byte for byte, including quote marks and spacing"));
      return false;
    }
    size_t pick = 0;
    if (q.occurrence() != 0) {
      if (q.occurrence() < 1 || static_cast<size_t>(q.occurrence()) > found.size()) {
        Problem(q, "occurrence",
                absl::StrCat("occurrence ", q.occurrence(), " is out of range: the quote occurs ",
                             found.size(), " time(s) in \"", q.document(), "\""));
        return false;
      }
      pick = static_cast<size_t>(q.occurrence()) - 1;
    } else if (found.size() > 1) {
      Problem(q, "quote",
              absl::StrCat("quote occurs ", found.size(), " times in \"", q.document(),
                           "\" (at byte offsets ", absl::StrJoin(found, ", "),
                           "): add occurrence: N to say which, or quote more text"));
      return false;
    }
    out->set_document_id(q.document());
    out->set_quote(q.quote());
    out->set_start_offset(static_cast<int64_t>(found[pick]));
    out->set_end_offset(static_cast<int64_t>(found[pick] + q.quote().size()));
    ++evidence_count_;
    return true;
  }

  bool ResolveQuotes(const google::protobuf::RepeatedPtrField<v1::QuoteRecord>& quotes,
                     google::protobuf::RepeatedPtrField<v1::Evidence>* out) {
    bool ok = true;
    for (const v1::QuoteRecord& q : quotes) ok &= ResolveQuote(q, out->Add());
    return ok;
  }

  // Parses a date field, recording a problem on failure.
  bool ParseDate(const Message& record, absl::string_view field, const std::string& text,
                 bool allow_span, v1::FuzzyDate* out) {
    absl::StatusOr<v1::FuzzyDate> date = ParseFuzzyDate(text, allow_span);
    if (!date.ok()) {
      Problem(record, field, absl::StrCat(field, ": ", date.status().message()));
      return false;
    }
    *out = *std::move(date);
    return true;
  }

  void BuildTopics() {
    for (const v1::TopicRecord* r : topic_records_) {
      if (!CheckId(*r, r->id(), &index_->topic_by_id_,
                   static_cast<int32_t>(index_->topics_.size()), "topic")) {
        continue;
      }
      v1::Topic& topic = index_->topics_.emplace_back();
      topic.set_id(r->id());
      topic.set_name(r->name().empty() ? r->id() : r->name());
      topic.set_parent_id(r->parent());
    }
    for (const v1::TopicRecord* r : topic_records_) {
      if (!r->parent().empty() && index_->topic_by_id_.count(r->parent()) == 0) {
        Problem(*r, "parent", absl::StrCat("parent: unknown topic \"", r->parent(), "\""));
      }
    }
    // Closure: every topic covers itself and its descendants.
    for (const v1::Topic& topic : index_->topics_) {
      std::string at = topic.id();
      for (size_t depth = 0; !at.empty(); ++depth) {
        if (depth > index_->topics_.size()) {
          problems_.Add({corpus_.data_dir()},
                        absl::StrCat("topic \"", topic.id(), "\" has a cycle of parents"));
          break;
        }
        auto it = index_->topic_by_id_.find(at);
        if (it == index_->topic_by_id_.end()) break;
        at = index_->topics_[it->second].parent_id();
      }
    }
  }

  void BuildDocuments() {
    // The article texts move into the documents.
    std::vector<ArticleFile> articles = corpus_.TakeArticles();
    absl::flat_hash_map<std::string, ArticleFile*> by_file;
    for (ArticleFile& a : articles) by_file[a.file_name] = &a;
    absl::flat_hash_set<std::string> described;
    std::vector<v1::Document> docs;
    for (const v1::DocumentRecord* r : document_records_) {
      auto file = by_file.find(r->file());
      if (file == by_file.end()) {
        Problem(*r, "file", absl::StrCat("file: no article \"", r->file(),
                                         "\" under articles/ in ", corpus_.data_dir()));
        continue;
      }
      if (!described.insert(r->file()).second) {
        Problem(*r, "file", absl::StrCat("file: \"", r->file(),
                                         "\" is described by two document records"));
        continue;
      }
      v1::Document doc;
      doc.set_id(r->id());
      doc.set_title(r->title());
      doc.set_publisher(r->publisher());
      doc.set_author(r->author());
      doc.set_url(r->url());
      if (!r->published().empty()) {
        if (!ParseDate(*r, "published", r->published(), false, doc.mutable_published())) continue;
        if (r->published_basis() == v1::DATE_BASIS_UNSPECIFIED) {
          Problem(*r, "published", "published_basis is required with published: STATED, "
                                   "RESOLVED or EXTERNAL");
          continue;
        }
        doc.mutable_published()->set_basis(r->published_basis());
        doc.mutable_published()->set_basis_note(r->published_note());
      }
      FillDocumentFile(*file->second, &doc);
      docs.push_back(std::move(doc));
      doc_records_by_id_[r->id()] = r;
    }
    // Articles nobody described are indexed too: metadata from their front
    // matter, if any; the id defaults to the file name without ".txt".
    for (ArticleFile& a : articles) {
      if (described.count(a.file_name) != 0) continue;
      v1::Document doc;
      doc.set_id(a.file_name.substr(0, a.file_name.size() - 4));
      bool ok = true;
      for (const FrontMatterField& f : a.front_matter) {
        if (f.key == "id") doc.set_id(f.value);
        if (f.key == "title") doc.set_title(f.value);
        if (f.key == "publisher") doc.set_publisher(f.value);
        if (f.key == "author") doc.set_author(f.value);
        if (f.key == "url") doc.set_url(f.value);
        if (f.key == "published") {
          absl::StatusOr<v1::FuzzyDate> date = ParseFuzzyDate(f.value, false);
          if (!date.ok()) {
            problems_.Add({a.path, f.line}, absl::StrCat("front matter: published: ",
                                                         date.status().message()));
            ok = false;
            continue;
          }
          *doc.mutable_published() = *date;
          doc.mutable_published()->set_basis(v1::DATE_BASIS_STATED);
          doc.mutable_published()->set_basis_note("front matter of the article file");
        }
      }
      if (!ok) continue;
      if (doc.title().empty()) {
        absl::string_view text = absl::StripLeadingAsciiWhitespace(a.body());
        doc.set_title(Truncate(text.substr(0, text.find('\n')), 120));
      }
      FillDocumentFile(a, &doc);
      docs.push_back(std::move(doc));
    }
    std::stable_sort(docs.begin(), docs.end(), [](const v1::Document& a, const v1::Document& b) {
      const bool ad = a.published().year() != 0, bd = b.published().year() != 0;
      if (ad != bd) return ad;
      if (ad) {
        const DayInterval ai = ToDayInterval(a.published()), bi = ToDayInterval(b.published());
        if (ai.first != bi.first) return ai.first < bi.first;
      }
      return a.id() < b.id();
    });
    for (v1::Document& doc : docs) {
      const int32_t i = static_cast<int32_t>(index_->documents_.size());
      const auto rec = doc_records_by_id_.find(doc.id());
      const Message& where = rec != doc_records_by_id_.end()
                                 ? static_cast<const Message&>(*rec->second)
                                 : static_cast<const Message&>(doc);
      if (!CheckId(where, doc.id(), &index_->document_by_id_, i, "document")) continue;
      index_->documents_.push_back(std::move(doc));
    }
  }

  // Moves the file's text into doc.
  static void FillDocumentFile(ArticleFile& file, v1::Document* doc) {
    doc->set_file_name(file.file_name);
    doc->set_size_bytes(static_cast<int64_t>(file.bytes.size()));
    doc->set_sha256(Sha256Hex(file.bytes));
    if (file.body_offset == 0) {
      doc->set_text(std::move(file.bytes));
    } else {
      doc->set_text(std::string(file.body()));
    }
    file.bytes.clear();
  }

  void BuildEntities() {
    // Ids first, so that references may point forward.
    std::vector<const v1::EntityRecord*> kept;
    kept.reserve(entity_records_.size());
    index_->entities_.reserve(entity_records_.size());
    entity_ids_.reserve(entity_records_.size());
    for (const v1::EntityRecord* r : entity_records_) {
      if (!CheckId(*r, r->id(), &entity_ids_,
                   static_cast<int32_t>(index_->entities_.size()), "entity")) {
        continue;
      }
      v1::Entity& e = index_->entities_.emplace_back();
      e.set_id(r->id());
      e.set_kind(r->kind());
      e.set_name(r->name());
      kept.push_back(r);
    }
    for (size_t i = 0; i < kept.size(); ++i) {
      const v1::EntityRecord& r = *kept[i];
      v1::Entity& e = index_->entities_[i];
      if (r.kind() == v1::ENTITY_KIND_UNSPECIFIED) {
        Problem(r, "", absl::StrCat("entity \"", r.id(),
                                    "\" needs kind: PERSON, ORGANIZATION or COUNTRY "
                                    "(written ENTITY_KIND_PERSON etc.)"));
      }
      if (!HasLetterOrDigit(r.name())) {
        Problem(r, "name", absl::StrCat("entity \"", r.id(), "\" needs a name with letters"));
      }
      for (const std::string& alias : r.aliases()) {
        if (!HasLetterOrDigit(alias)) {
          Problem(r, "aliases", absl::StrCat("alias \"", alias, "\" has no letters or digits"));
        } else {
          e.add_aliases(alias);
        }
      }
      e.set_description(r.description());
      if (!r.demonyms().empty() && r.kind() != v1::ENTITY_KIND_COUNTRY) {
        Problem(r, "demonyms", "only countries have demonyms");
      }
      *e.mutable_demonyms() = r.demonyms();
      if (!r.country().empty()) {
        if (const v1::Entity* c = ResolveEntity(r, "country", r.country(), v1::ENTITY_KIND_COUNTRY)) {
          *e.mutable_country() = RefOf(*c);
        }
      }
      if (!r.parent_organization().empty()) {
        if (const v1::Entity* p = ResolveEntity(r, "parent_organization", r.parent_organization(),
                                                v1::ENTITY_KIND_ORGANIZATION)) {
          *e.mutable_parent_organization() = RefOf(*p);
        }
      }
      if (!r.positions().empty() && r.kind() != v1::ENTITY_KIND_PERSON) {
        Problem(r, "positions", "only people hold positions");
      }
      for (const v1::PositionRecord& pr : r.positions()) {
        v1::Position& p = *e.add_positions();
        if (pr.title().empty()) Problem(pr, "", "position needs a title");
        p.set_title(pr.title());
        if (!pr.organization().empty()) {
          if (const v1::Entity* o = ResolveEntity(pr, "organization", pr.organization(),
                                                  v1::ENTITY_KIND_ORGANIZATION)) {
            *p.mutable_organization() = RefOf(*o);
          }
        }
        if (!pr.country().empty()) {
          if (const v1::Entity* c = ResolveEntity(pr, "country", pr.country(),
                                                  v1::ENTITY_KIND_COUNTRY)) {
            *p.mutable_country() = RefOf(*c);
          }
        }
        ResolveQuotes(pr.evidence(), p.mutable_evidence());
        for (const std::string& as_of : pr.as_of()) {
          v1::FuzzyDate date;
          if (ParseDate(pr, "as_of", as_of, false, &date)) {
            date.set_basis(v1::DATE_BASIS_STATED);
            *p.add_held_on() = date;
          }
        }
      }
      ResolveQuotes(r.evidence(), e.mutable_evidence());
    }
  }

  void BuildEvents() {
    struct Pending {
      const v1::EventRecord* record;
      v1::Event event;
      DayInterval days;
    };
    std::vector<Pending> pending;
    absl::flat_hash_map<std::string, int32_t> ids;
    for (const v1::EventRecord* r : event_records_) {
      if (!CheckId(*r, r->id(), &ids, 0, "event")) continue;
      Pending p{r, v1::Event(), {}};
      if (BuildEvent(*r, &p.event)) {
        p.days = ToDayInterval(p.event.date());
        pending.push_back(std::move(p));
      }
    }
    for (const Pending& p : pending) {
      if (!p.record->part_of().empty() && ids.count(p.record->part_of()) == 0) {
        Problem(*p.record, "part_of",
                absl::StrCat("part_of: unknown event \"", p.record->part_of(), "\""));
      }
    }
    std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
      if (a.days.first != b.days.first) return a.days.first < b.days.first;
      if (a.days.last != b.days.last) return a.days.last < b.days.last;
      return a.event.id() < b.event.id();
    });
    for (Pending& p : pending) {
      index_->event_by_id_[p.event.id()] = static_cast<int32_t>(index_->events_.size());
      index_->event_days_.push_back(p.days);
      index_->events_.push_back(std::move(p.event));
    }
  }

  bool BuildEvent(const v1::EventRecord& r, v1::Event* ev) {
    const size_t problems_before = problems_.size();
    ev->set_id(r.id());
    ev->set_kind(r.kind());
    ev->set_title(r.title());
    ev->set_summary(r.summary());
    ev->set_part_of_event_id(r.part_of());
    if (r.kind() == v1::EVENT_KIND_UNSPECIFIED) {
      Problem(r, "", absl::StrCat("event \"", r.id(), "\" needs kind, e.g. EVENT_KIND_MEETING"));
    }
    if (r.title().empty()) Problem(r, "", absl::StrCat("event \"", r.id(), "\" needs a title"));
    if (r.date().empty()) {
      Problem(r, "", absl::StrCat("event \"", r.id(), "\" needs a date (YYYY, YYYY-MM or YYYY-MM-DD)"));
    } else if (ParseDate(r, "date", r.date(), true, ev->mutable_date())) {
      if (r.date_basis() == v1::DATE_BASIS_UNSPECIFIED) {
        Problem(r, "date", "date_basis is required: DATE_BASIS_STATED, _RESOLVED or _EXTERNAL");
      }
      ev->mutable_date()->set_basis(r.date_basis());
      ev->mutable_date()->set_basis_note(r.date_note());
    }
    ev->mutable_location()->set_place(r.place());
    ev->mutable_location()->set_city(r.city());
    if (!r.country().empty()) {
      if (const v1::Entity* c = ResolveEntity(r, "country", r.country(), v1::ENTITY_KIND_COUNTRY)) {
        *ev->mutable_location()->mutable_country() = RefOf(*c);
      }
    }
    for (const std::string& id : r.countries()) {
      if (const v1::Entity* c = ResolveEntity(r, "countries", id, v1::ENTITY_KIND_COUNTRY)) {
        *ev->add_countries() = RefOf(*c);
      }
    }
    for (const std::string& id : r.organizations()) {
      if (const v1::Entity* o = ResolveEntity(r, "organizations", id, v1::ENTITY_KIND_ORGANIZATION)) {
        *ev->add_organizations() = RefOf(*o);
      }
    }
    for (const std::string& topic : r.topics()) {
      if (index_->topic_by_id_.count(topic) == 0) {
        Problem(r, "topics", absl::StrCat("topics: unknown topic \"", topic,
                                          "\": define it under topics"));
      } else {
        ev->add_topics(topic);
      }
    }
    if (r.evidence().empty()) {
      Problem(r, "", absl::StrCat("event \"", r.id(), "\" needs at least one evidence quote"));
    }
    ResolveQuotes(r.evidence(), ev->mutable_evidence());
    for (const v1::ParticipantRecord& pr : r.participants()) {
      BuildParticipant(pr, ev->add_participants());
    }
    return problems_.size() == problems_before;
  }

  void BuildParticipant(const v1::ParticipantRecord& pr, v1::Participant* p) {
    const v1::Entity* person = ResolveEntity(pr, "entity", pr.entity(), v1::ENTITY_KIND_PERSON);
    if (person == nullptr) return;
    *p->mutable_entity() = RefOf(*person);
    p->set_function(pr.function());
    if (pr.function() == v1::PARTICIPANT_FUNCTION_UNSPECIFIED) {
      Problem(pr, "", "participant needs function, e.g. PARTICIPANT_FUNCTION_SIGNATORY");
    }
    // The title held, and from it the defaults for side and organization.
    const v1::Position* position = nullptr;
    if (pr.title().empty()) {
      if (person->positions_size() != 1) {
        Problem(pr, "", absl::StrCat("participant \"", pr.entity(), "\" holds ",
                                     person->positions_size(),
                                     " positions: set title to the one held at this event"));
        return;
      }
      position = &person->positions(0);
    } else {
      for (const v1::Position& pos : person->positions()) {
        if (absl::EqualsIgnoreCase(pos.title(), pr.title())) position = &pos;
      }
    }
    p->set_title(pr.title().empty() ? position->title() : pr.title());
    if (!pr.side().empty()) {
      if (const v1::Entity* c = ResolveEntity(pr, "side", pr.side(), v1::ENTITY_KIND_COUNTRY)) {
        *p->mutable_side() = RefOf(*c);
      }
    } else if (position != nullptr && position->has_country()) {
      *p->mutable_side() = position->country();
    } else if (person->has_country()) {
      *p->mutable_side() = person->country();
    }
    if (!pr.organization().empty()) {
      if (const v1::Entity* o = ResolveEntity(pr, "organization", pr.organization(),
                                              v1::ENTITY_KIND_ORGANIZATION)) {
        *p->mutable_organization() = RefOf(*o);
      }
    } else if (position != nullptr && position->has_organization()) {
      *p->mutable_organization() = position->organization();
    }
    if (pr.evidence().empty()) {
      Problem(pr, "", absl::StrCat("participant \"", pr.entity(),
                                   "\" needs an evidence quote showing they took part"));
    }
    ResolveQuotes(pr.evidence(), p->mutable_evidence());
  }

  // Participations, postings, event counts and the dates positions were held.
  // Officials the extractor finds in articles that no curated fact cites
  // (issue 7, first part). Runs only when the corpus has lexicons/. An
  // official matching a known entity by name or alias gains an extracted
  // position (curated ones stay first); anyone else becomes an extracted
  // person. Everything extracted says so (origin, confidence, rule).
  // Articles that no curated fact cites are read by the extractor
  // (extract.h). What it finds joins the index marked ORIGIN_EXTRACTED, with
  // its confidence, rule and quote:
  //  - officials: merged into the person of the same name or alias (an
  //    extracted position beside the curated ones, its disagreement with
  //    them noted), or a new person "x-<name>";
  //  - organizations: merged into the organization of the same name, alias
  //    or acronym (an extracted evidence quote), or a new one "x-org-<name>";
  //  - events: merged into an event of the same kind, an overlapping date
  //    and a participant in common, from any article (the new article's
  //    evidence and any new participants, marked extracted), or a new event
  //    "x-<document>-<n>". Curated facts always stay as they were.
  void BuildExtracted() {
    Index& x = *index_;
    for (v1::Entity& e : x.entities_) {
      e.set_origin(v1::ORIGIN_CURATED);
      for (v1::Position& p : *e.mutable_positions()) p.set_origin(v1::ORIGIN_CURATED);
    }
    for (v1::Event& ev : x.events_) {
      ev.set_origin(v1::ORIGIN_CURATED);
      for (v1::Participant& p : *ev.mutable_participants()) p.set_origin(v1::ORIGIN_CURATED);
    }
    absl::flat_hash_set<std::string> cited;
    auto cite = [&cited](const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence) {
      for (const v1::Evidence& e : evidence) cited.insert(e.document_id());
    };
    for (const v1::Entity& e : x.entities_) {
      cite(e.evidence());
      for (const v1::Position& p : e.positions()) cite(p.evidence());
    }
    for (const v1::Event& ev : x.events_) {
      cite(ev.evidence());
      for (const v1::Participant& p : ev.participants()) cite(p.evidence());
    }
    const bool uncited = std::any_of(x.documents_.begin(), x.documents_.end(),
                                     [&](const v1::Document& d) { return !cited.contains(d.id()); });
    // The lexicons are read only when some article needs them.
    const std::string lexicon_dir = corpus_.data_dir() + "/lexicons";
    std::error_code ec;
    if (!uncited || !std::filesystem::is_directory(lexicon_dir, ec)) return;
    absl::StatusOr<ExtractionLexicon> lexicon = ExtractionLexicon::Load(lexicon_dir, x);
    if (!lexicon.ok()) {
      problems_.Add({lexicon_dir}, std::string(lexicon.status().message()));
      return;
    }
    // Curated (and, as they come, extracted) people and organizations by
    // name, alias and acronym.
    absl::flat_hash_map<std::string, int32_t> people, organizations;
    for (int32_t i = 0; i < static_cast<int32_t>(x.entities_.size()); ++i) {
      const v1::Entity& e = x.entities_[i];
      auto* by_key = e.kind() == v1::ENTITY_KIND_PERSON         ? &people
                     : e.kind() == v1::ENTITY_KIND_ORGANIZATION ? &organizations
                                                                : nullptr;
      if (by_key == nullptr) continue;
      by_key->emplace(NameKey(e.name()), i);
      for (const std::string& alias : e.aliases()) by_key->emplace(NameKey(alias), i);
    }
    std::vector<v1::Event> new_events;
    for (const v1::Document& doc : x.documents_) {
      if (cited.contains(doc.id())) continue;
      const Extraction extraction = ExtractArticle(doc.text(), doc.published(), *lexicon);
      std::vector<int32_t> organization_entities;
      for (const ExtractedOrganization& o : extraction.organizations) {
        organization_entities.push_back(AddExtractedOrganization(doc, o, &organizations));
      }
      for (const ExtractedOfficial& o : extraction.officials) {
        if (o.rule.rfind("short reference", 0) == 0) continue;  // the full mention suffices
        AddExtractedOfficial(doc, o, &people);
      }
      AddExtractedEvents(doc, extraction, *lexicon, people, organization_entities, &new_events);
    }
    if (new_events.empty()) return;
    // Keep events in date order, as BuildEvents left them.
    std::vector<std::pair<DayInterval, v1::Event>> all;
    for (size_t i = 0; i < x.events_.size(); ++i) {
      all.emplace_back(x.event_days_[i], std::move(x.events_[i]));
    }
    for (v1::Event& ev : new_events) {
      const DayInterval days = ToDayInterval(ev.date());
      all.emplace_back(days, std::move(ev));
    }
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      if (a.first.first != b.first.first) return a.first.first < b.first.first;
      if (a.first.last != b.first.last) return a.first.last < b.first.last;
      return a.second.id() < b.second.id();
    });
    x.events_.clear();
    x.event_days_.clear();
    x.event_by_id_.clear();
    for (auto& [days, ev] : all) {
      x.event_by_id_[ev.id()] = static_cast<int32_t>(x.events_.size());
      x.event_days_.push_back(days);
      x.events_.push_back(std::move(ev));
    }
  }

  // An id for an extracted entity: prefix + the name's words, unique.
  std::string NewEntityId(absl::string_view prefix, absl::string_view name) {
    std::string id = absl::StrCat(prefix, absl::StrJoin(NormalizedWords(name), "-"));
    while (entity_ids_.contains(id)) id += "-2";
    return id;
  }

  v1::Evidence ExtractedEvidence(const v1::Document& doc, int64_t start, int64_t end,
                                 absl::string_view how, double confidence) {
    v1::Evidence ev;
    ev.set_document_id(doc.id());
    ev.set_start_offset(start);
    ev.set_end_offset(end);
    ev.set_quote(std::string(doc.text().substr(start, end - start)));
    ev.set_note(absl::StrFormat("extracted (%s), confidence %.2f", how, confidence));
    ev.set_origin(v1::ORIGIN_EXTRACTED);
    ev.set_confidence(confidence);
    ++evidence_count_;
    return ev;
  }

  // The entity index of a country id the index knows, or -1.
  int32_t KnownEntity(const std::string& id) const {
    auto it = entity_ids_.find(id);
    return id.empty() || it == entity_ids_.end() ? -1 : it->second;
  }

  int32_t AddExtractedOrganization(const v1::Document& doc, const ExtractedOrganization& o,
                                   absl::flat_hash_map<std::string, int32_t>* organizations) {
    Index& x = *index_;
    int32_t target = -1;
    for (const std::string& key : {NameKey(o.name), NameKey(o.acronym)}) {
      if (auto it = organizations->find(key); !key.empty() && it != organizations->end()) {
        target = it->second;
        break;
      }
    }
    if (target < 0 && !o.known_id.empty()) target = KnownEntity(o.known_id);
    if (target < 0) {
      const std::string id = NewEntityId("x-org-", o.name);
      target = static_cast<int32_t>(x.entities_.size());
      entity_ids_[id] = target;
      v1::Entity& e = x.entities_.emplace_back();
      e.set_id(id);
      e.set_kind(v1::ENTITY_KIND_ORGANIZATION);
      e.set_name(o.name);
      if (!o.acronym.empty()) e.add_aliases(o.acronym);
      e.set_origin(v1::ORIGIN_EXTRACTED);
      e.set_confidence(o.confidence);
      e.set_description(absl::StrCat("Extracted from ", doc.id(), " (", o.rule, ")"));
      if (const int32_t c = KnownEntity(o.country_id); c >= 0) {
        *e.mutable_country() = RefOf(x.entities_[c]);
      }
      organizations->emplace(NameKey(o.name), target);
      if (!o.acronym.empty()) organizations->emplace(NameKey(o.acronym), target);
    }
    *x.entities_[target].add_evidence() =
        ExtractedEvidence(doc, o.start, o.end, o.rule, o.confidence);
    return target;
  }

  void AddExtractedOfficial(const v1::Document& doc, const ExtractedOfficial& o,
                            absl::flat_hash_map<std::string, int32_t>* people) {
    Index& x = *index_;
    const std::string key = NameKey(o.name);
    int32_t target;
    if (auto it = people->find(key); it != people->end()) {
      target = it->second;
    } else {
      const std::string id = NewEntityId("x-", absl::StrReplaceAll(o.name, {{".", ""}}));
      target = static_cast<int32_t>(x.entities_.size());
      entity_ids_[id] = target;
      people->emplace(key, target);
      v1::Entity& e = x.entities_.emplace_back();
      e.set_id(id);
      e.set_kind(v1::ENTITY_KIND_PERSON);
      e.set_name(o.name);
      e.set_origin(v1::ORIGIN_EXTRACTED);
      e.set_confidence(o.confidence);
      e.set_description(absl::StrCat("Extracted from ", doc.id(), ": \"",
                                     doc.text().substr(o.quote_start, o.quote_end - o.quote_start),
                                     "\""));
      if (const int32_t c = KnownEntity(o.country_id); c >= 0) {
        *e.mutable_country() = RefOf(x.entities_[c]);
      }
    }
    v1::Entity& person = x.entities_[target];
    v1::Position* position = nullptr;
    for (v1::Position& p : *person.mutable_positions()) {
      if (p.origin() == v1::ORIGIN_EXTRACTED && absl::EqualsIgnoreCase(p.title(), o.title)) {
        position = &p;
      }
    }
    if (position == nullptr) {
      position = person.add_positions();
      position->set_title(o.title);
      position->set_origin(v1::ORIGIN_EXTRACTED);
      position->set_extraction_rule(o.rule);
      if (const int32_t c = KnownEntity(o.country_id); c >= 0) {
        *position->mutable_country() = RefOf(x.entities_[c]);
      }
      if (const int32_t org = KnownEntity(o.organization_id); org >= 0) {
        *position->mutable_organization() = RefOf(x.entities_[org]);
      }
      // Curated facts win; a disagreement stays visible on the extracted side.
      if (person.origin() == v1::ORIGIN_CURATED && !o.country_id.empty() &&
          !person.country().id().empty() && person.country().id() != o.country_id) {
        position->set_disagreement(absl::StrCat("the text gives country \"", o.country_id,
                                                "\"; the curated country is \"",
                                                person.country().id(), "\""));
      }
    }
    position->set_confidence(std::max(position->confidence(), o.confidence));
    *position->add_evidence() =
        ExtractedEvidence(doc, o.quote_start, o.quote_end, o.rule, o.confidence);
  }

  // Events of one article: each merges into an event the index already has
  // (same kind, overlapping dates, a participant in common) or is new.
  void AddExtractedEvents(const v1::Document& doc, const Extraction& extraction,
                          const ExtractionLexicon& lexicon,
                          const absl::flat_hash_map<std::string, int32_t>& people,
                          const std::vector<int32_t>& organization_entities,
                          std::vector<v1::Event>* out) {
    Index& x = *index_;
    int n = 0;
    for (const ExtractedEvent& e : extraction.events) {
      if (!e.date) continue;
      const std::string sentence(doc.text().substr(e.sentence_start,
                                                   e.sentence_end - e.sentence_start));
      const v1::Evidence evidence =
          ExtractedEvidence(doc, e.sentence_start, e.sentence_end,
                            absl::StrCat("trigger \"", e.trigger, "\""), e.confidence);
      std::vector<v1::Participant> participants;
      for (const ExtractedParticipant& ep : e.participants) {
        const ExtractedOfficial& official = extraction.officials[ep.official];
        auto it = people.find(NameKey(official.name));
        if (it == people.end()) continue;
        v1::Participant& p = participants.emplace_back();
        *p.mutable_entity() = RefOf(x.entities_[it->second]);
        p.set_title(official.title);
        if (const int32_t c = KnownEntity(official.country_id); c >= 0) {
          *p.mutable_side() = RefOf(x.entities_[c]);
        }
        if (const int32_t org = KnownEntity(official.organization_id); org >= 0) {
          *p.mutable_organization() = RefOf(x.entities_[org]);
        }
        p.set_function(ep.function);
        p.set_origin(v1::ORIGIN_EXTRACTED);
        p.set_confidence(std::min(e.confidence, official.confidence));
        *p.add_evidence() = evidence;
      }
      const DayInterval days = ToDayInterval(*e.date);
      // The same event told in another article?
      v1::Event* same = nullptr;
      auto matches = [&](v1::Event& candidate, const DayInterval& candidate_days) {
        if (candidate.kind() != e.kind || !candidate_days.Overlaps(days)) return false;
        for (const v1::Participant& a : candidate.participants()) {
          for (const v1::Participant& b : participants) {
            if (a.entity().id() == b.entity().id()) return true;
          }
        }
        return false;
      };
      for (size_t i = 0; i < x.events_.size() && same == nullptr; ++i) {
        if (matches(x.events_[i], x.event_days_[i])) same = &x.events_[i];
      }
      for (size_t i = 0; i < out->size() && same == nullptr; ++i) {
        if (matches((*out)[i], ToDayInterval((*out)[i].date()))) same = &(*out)[i];
      }
      if (same != nullptr) {
        *same->add_evidence() = evidence;
        for (v1::Participant& p : participants) {
          bool known = false;
          for (v1::Participant& q : *same->mutable_participants()) {
            if (q.entity().id() == p.entity().id()) {
              known = true;
              if (q.origin() == v1::ORIGIN_EXTRACTED) *q.add_evidence() = evidence;
            }
          }
          if (!known) *same->add_participants() = std::move(p);
        }
        continue;
      }
      // A new event needs someone or something to have taken part.
      if (participants.empty() && e.organizations.empty()) continue;
      v1::Event& ev = out->emplace_back();
      ev.set_id(absl::StrCat("x-", doc.id(), "-", ++n));
      ev.set_kind(e.kind);
      ev.set_origin(v1::ORIGIN_EXTRACTED);
      ev.set_confidence(e.confidence);
      *ev.mutable_date() = *e.date;
      if (!e.city.empty()) {
        ev.mutable_location()->set_city(e.city);
        ev.mutable_location()->set_place(e.city);
        std::string country = lexicon.CountryOfPlace(NormalizeName(e.city));
        if (country.empty() && e.city == extraction.dateline_city) country = extraction.dateline_country;
        if (const int32_t c = KnownEntity(country); c >= 0) {
          *ev.mutable_location()->mutable_country() = RefOf(x.entities_[c]);
        }
      }
      *ev.add_evidence() = evidence;
      for (const std::string& country : e.country_ids) {
        if (const int32_t c = KnownEntity(country); c >= 0) *ev.add_countries() = RefOf(x.entities_[c]);
      }
      for (size_t o : e.organizations) {
        *ev.add_organizations() = RefOf(x.entities_[organization_entities[o]]);
      }
      for (const std::string& topic : e.topics) {
        if (x.topic_by_id_.contains(topic)) ev.add_topics(topic);
      }
      std::vector<std::string> names;
      for (v1::Participant& p : participants) {
        names.push_back(p.entity().name());
        *ev.add_participants() = std::move(p);
      }
      if (names.empty()) {
        for (const v1::EntityRef& org : ev.organizations()) names.push_back(org.name());
      }
      std::string kind = absl::AsciiStrToLower(v1::EventKind_Name(e.kind).substr(11));
      kind = absl::StrReplaceAll(kind, {{"_", " "}});
      kind[0] = absl::ascii_toupper(kind[0]);
      ev.set_title(absl::StrCat(kind, ": ", absl::StrJoin(names, ", "), " (extracted from ",
                                doc.id(), ")"));
      ev.set_summary(sentence);
    }
  }

  void BuildDerived() {
    Index& x = *index_;
    absl::flat_hash_map<std::string, std::set<int32_t>> events_of_entity;
    absl::flat_hash_map<std::string, std::set<std::string>> doc_participants;
    for (int32_t i = 0; i < static_cast<int32_t>(x.events_.size()); ++i) {
      const v1::Event& ev = x.events_[i];
      const int32_t begin = static_cast<int32_t>(x.participations_.size());
      x.events_by_kind_[ev.kind()].push_back(i);
      absl::flat_hash_set<std::string> countries, organizations;
      for (const v1::EntityRef& c : ev.countries()) countries.insert(c.id());
      for (const v1::EntityRef& o : ev.organizations()) organizations.insert(o.id());
      for (const v1::Participant& p : ev.participants()) {
        x.events_by_participant_[p.entity().id()].push_back(i);
        events_of_entity[p.entity().id()].insert(i);
        if (p.has_side()) countries.insert(p.side().id());
        if (p.has_organization()) organizations.insert(p.organization().id());
        for (const v1::Evidence& e : p.evidence()) {
          if (!e.document_id().empty()) doc_participants[e.document_id()].insert(p.entity().id());
        }
        v1::Participation& row = x.participations_.emplace_back();
        *row.mutable_person() = p.entity();
        row.set_event_id(ev.id());
        row.set_event_title(ev.title());
        row.set_event_kind(ev.kind());
        *row.mutable_event_date() = ev.date();
        *row.mutable_event_location() = ev.location();
        *row.mutable_event_topics() = ev.topics();
        row.set_title(p.title());
        *row.mutable_side() = p.side();
        *row.mutable_organization() = p.organization();
        row.set_function(p.function());
        *row.mutable_evidence() = p.evidence();
        if (ev.origin() == v1::ORIGIN_EXTRACTED || p.origin() == v1::ORIGIN_EXTRACTED) {
          row.set_origin(v1::ORIGIN_EXTRACTED);
          row.set_confidence(p.origin() == v1::ORIGIN_EXTRACTED ? p.confidence() : ev.confidence());
        } else {
          row.set_origin(v1::ORIGIN_CURATED);
        }
        // The position this title belongs to was held on this date.
        v1::Entity& person = x.entities_[entity_ids_[p.entity().id()]];
        for (v1::Position& pos : *person.mutable_positions()) {
          if (absl::EqualsIgnoreCase(pos.title(), p.title())) *pos.add_held_on() = ev.date();
        }
      }
      x.participation_ranges_.emplace_back(begin, static_cast<int32_t>(x.participations_.size()));
      for (const std::string& c : countries) {
        x.events_by_country_[c].push_back(i);
        events_of_entity[c].insert(i);
      }
      for (const std::string& o : organizations) {
        x.events_by_organization_[o].push_back(i);
        events_of_entity[o].insert(i);
      }
      absl::flat_hash_set<std::string> topics;
      for (const std::string& t : ev.topics()) {
        for (const std::string& covering : TopicsCovering(t)) topics.insert(covering);
      }
      for (const std::string& t : topics) x.events_by_topic_[t].push_back(i);
    }
    for (v1::Entity& e : x.entities_) {
      auto it = events_of_entity.find(e.id());
      e.set_event_count(it == events_of_entity.end() ? 0 : static_cast<int32_t>(it->second.size()));
      for (v1::Position& pos : *e.mutable_positions()) {
        auto* held = pos.mutable_held_on();
        std::sort(held->begin(), held->end(), [](const v1::FuzzyDate& a, const v1::FuzzyDate& b) {
          return ToDayInterval(a).first < ToDayInterval(b).first;
        });
      }
    }
    for (v1::Document& d : x.documents_) {
      auto it = doc_participants.find(d.id());
      if (it == doc_participants.end()) continue;
      for (const std::string& id : it->second) {
        *d.add_participants_of_events() = RefOf(x.entities_[entity_ids_[id]]);
      }
    }
    // Entities sorted by kind then name; ids re-pointed.
    std::vector<int32_t> order(x.entities_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
    std::sort(order.begin(), order.end(), [&x](int32_t a, int32_t b) {
      const v1::Entity& ea = x.entities_[a];
      const v1::Entity& eb = x.entities_[b];
      if (ea.kind() != eb.kind()) return ea.kind() < eb.kind();
      if (ea.name() != eb.name()) return ea.name() < eb.name();
      return ea.id() < eb.id();
    });
    std::vector<v1::Entity> sorted;
    sorted.reserve(order.size());
    for (int32_t i : order) sorted.push_back(std::move(x.entities_[i]));
    x.entities_ = std::move(sorted);
    x.entity_by_id_.reserve(x.entities_.size());
    for (int32_t i = 0; i < static_cast<int32_t>(x.entities_.size()); ++i) {
      x.entity_by_id_[x.entities_[i].id()] = i;
    }
  }

  // The topic itself and every ancestor: an event on "cyber-security" is also
  // on "cyber".
  std::vector<std::string> TopicsCovering(const std::string& topic) const {
    std::vector<std::string> out;
    std::string at = topic;
    for (size_t depth = 0; !at.empty() && depth <= index_->topics_.size(); ++depth) {
      out.push_back(at);
      auto it = index_->topic_by_id_.find(at);
      if (it == index_->topic_by_id_.end()) break;
      at = index_->topics_[it->second].parent_id();
    }
    return out;
  }

  void BuildNameKeys() {
    Index& x = *index_;
    for (int32_t i = 0; i < static_cast<int32_t>(x.entities_.size()); ++i) {
      const v1::Entity& e = x.entities_[i];
      x.names_.Add(i, v1::MATCH_KIND_EXACT_NAME, e.name(), NameKey(e.name()));
      for (const std::string& alias : e.aliases()) {
        x.names_.Add(i, v1::MATCH_KIND_ALIAS, alias, NameKey(alias));
      }
      for (const std::string& demonym : e.demonyms()) {
        x.names_.Add(i, v1::MATCH_KIND_ALIAS, demonym, NameKey(demonym));
      }
      // Trailing words of a person's name: "Napolitano", "Holl Lute".
      if (e.kind() == v1::ENTITY_KIND_PERSON) {
        const std::vector<std::string> words = NormalizedWords(e.name());
        for (size_t w = 1; w < words.size(); ++w) {
          std::string key;
          for (size_t k = w; k < words.size(); ++k) key += words[k];
          if (key.size() >= 2) x.names_.Add(i, v1::MATCH_KIND_WORD, e.name(), key);
        }
      }
    }
    std::vector<double> corpus_weight;
    corpus_weight.reserve(x.entities_.size());
    for (const v1::Entity& e : x.entities_) corpus_weight.push_back(CorpusWeight(e));
    x.names_.Build(std::move(corpus_weight));
  }

  // Patterns for every name, alias, demonym and unambiguous surname; then
  // every document scanned once for all of them.
  void BuildMentions() {
    Index& x = *index_;
    absl::flat_hash_map<std::string, int> surname_count;
    auto surname_of = [](const v1::Entity& e) -> std::string {
      const std::vector<std::string> words = NormalizedWords(e.name());
      return words.size() >= 2 && words.back().size() >= 3 ? words.back() : "";
    };
    for (const v1::Entity& e : x.entities_) {
      if (e.kind() == v1::ENTITY_KIND_PERSON && !surname_of(e).empty()) ++surname_count[surname_of(e)];
    }
    for (int32_t i = 0; i < static_cast<int32_t>(x.entities_.size()); ++i) {
      const v1::Entity& e = x.entities_[i];
      auto add = [&](const std::string& name, v1::MentionKind kind, bool capital) {
        MentionPattern p;
        p.entity = i;
        p.kind = kind;
        p.name = name;
        p.requires_caps = IsAllCaps(name);
        p.requires_capital = capital;
        x.matcher_.Add(name, p);
        // "S. M. Krishna" is also written "SM Krishna": join runs of initials.
        const std::string joined = JoinInitials(name);
        if (!joined.empty()) x.matcher_.Add(joined, p);
      };
      add(e.name(), v1::MENTION_KIND_NAME, false);
      for (const std::string& alias : e.aliases()) add(alias, v1::MENTION_KIND_ALIAS, false);
      for (const std::string& d : e.demonyms()) add(d, v1::MENTION_KIND_DEMONYM, true);
      if (e.kind() == v1::ENTITY_KIND_PERSON) {
        const std::string surname = surname_of(e);
        if (!surname.empty() && surname_count[surname] == 1) {
          const std::vector<Token> words = Tokenize(e.name());
          absl::string_view name = e.name();
          add(std::string(name.substr(words.back().start)), v1::MENTION_KIND_SURNAME, true);
        }
      }
    }
    x.matcher_.Build();
    // Each node's candidates in LinkMentions order, and their scores when
    // every candidate accepts the words (the common case), side by side.
    x.matcher_.SortOutputs([&x](int32_t /*node*/, absl::Span<int32_t> patterns) {
      double total = 0;
      for (int32_t p : patterns) total += x.LinkWeight(x.matcher_.pattern(p));
      std::sort(patterns.begin(), patterns.end(), [&](int32_t a, int32_t b) {
        const double sa = x.LinkScore(x.matcher_.pattern(a), patterns.size(), total);
        const double sb = x.LinkScore(x.matcher_.pattern(b), patterns.size(), total);
        if (sa != sb) return sa > sb;
        return x.entities_[x.matcher_.pattern(a).entity].id() <
               x.entities_[x.matcher_.pattern(b).entity].id();
      });
    });
    x.link_scores_.resize(x.matcher_.output_count());
    for (int32_t node = 0; node < static_cast<int32_t>(x.matcher_.node_count()); ++node) {
      const absl::Span<const int32_t> patterns = x.matcher_.outputs(node);
      double total = 0;
      for (int32_t p : patterns) total += x.LinkWeight(x.matcher_.pattern(p));
      for (size_t i = 0; i < patterns.size(); ++i) {
        x.link_scores_[x.matcher_.first_output(node) + i] =
            x.LinkScore(x.matcher_.pattern(patterns[i]), patterns.size(), total);
      }
    }
    std::vector<std::vector<v1::Mention>> by_entity(x.entities_.size());
    x.entities_in_document_.resize(x.documents_.size());
    text_thread_.join();
    Phase("text index (in parallel)", text_index_duration_);
    x.text_search_ = std::move(text_search_);
    // Each document's words are dropped once its mentions are found.
    for (int32_t d = 0; d < static_cast<int32_t>(x.documents_.size()); ++d) {
      v1::Document& doc = x.documents_[d];
      const std::vector<Token> tokens = std::move(doc_tokens_[d]);
      absl::flat_hash_map<int32_t, int32_t> counts;
      for (const MentionMatch& m : x.matcher_.Match(tokens)) {
        // Stored mentions are unambiguous; LinkMentions shows the rest.
        const std::vector<int32_t> patterns = x.matcher_.AcceptedPatterns(m, tokens);
        const int32_t entity = x.matcher_.pattern(patterns[0]).entity;
        bool one_entity = true;
        for (int32_t p : patterns) one_entity &= x.matcher_.pattern(p).entity == entity;
        if (!one_entity) continue;
        v1::Mention& mention = by_entity[entity].emplace_back();
        *mention.mutable_entity() = RefOf(x.entities_[entity]);
        mention.set_document_id(doc.id());
        mention.set_start_offset(tokens[m.first_token].start);
        mention.set_end_offset(tokens[m.end_token - 1].end);
        mention.set_surface(doc.text().substr(mention.start_offset(),
                                              mention.end_offset() - mention.start_offset()));
        mention.set_kind(x.matcher_.pattern(patterns[0]).kind);
        ++counts[entity];
      }
      std::vector<std::pair<int32_t, int32_t>> ranked(counts.begin(), counts.end());
      std::sort(ranked.begin(), ranked.end(), [&x](const auto& a, const auto& b) {
        if (a.second != b.second) return a.second > b.second;
        return x.entities_[a.first].name() < x.entities_[b.first].name();
      });
      for (const auto& [entity, count] : ranked) {
        v1::MentionedEntity* me = doc.add_mentioned_entities();
        *me->mutable_entity() = RefOf(x.entities_[entity]);
        me->set_count(count);
        x.entities_in_document_[d].push_back(entity);
      }
      std::sort(x.entities_in_document_[d].begin(), x.entities_in_document_[d].end());
    }
    for (int32_t i = 0; i < static_cast<int32_t>(by_entity.size()); ++i) {
      MentionRange range;
      range.begin = static_cast<int32_t>(x.mentions_.size());
      for (v1::Mention& m : by_entity[i]) x.mentions_.push_back(std::move(m));
      range.end = static_cast<int32_t>(x.mentions_.size());
      x.mention_ranges_.push_back(range);
      x.entities_[i].set_mention_count(range.end - range.begin);
    }
  }

  void BuildInfo(absl::Duration took) {
    Index& x = *index_;
    v1::IndexInfo& info = x.info_;
    for (const v1::Entity& e : x.entities_) {
      switch (e.kind()) {
        case v1::ENTITY_KIND_PERSON: info.set_person_count(info.person_count() + 1); break;
        case v1::ENTITY_KIND_ORGANIZATION:
          info.set_organization_count(info.organization_count() + 1);
          break;
        case v1::ENTITY_KIND_COUNTRY: info.set_country_count(info.country_count() + 1); break;
        default: break;
      }
    }
    info.set_event_count(static_cast<int32_t>(x.events_.size()));
    info.set_participation_count(static_cast<int32_t>(x.participations_.size()));
    info.set_document_count(static_cast<int32_t>(x.documents_.size()));
    info.set_topic_count(static_cast<int32_t>(x.topics_.size()));
    info.set_evidence_count(evidence_count_);
    info.set_content_sha256(corpus_.content_sha256());
    info.set_data_dir(corpus_.data_dir());
    *info.mutable_build_time() =
        google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(absl::Now()));
    *info.mutable_build_duration() =
        google::protobuf::util::TimeUtil::NanosecondsToDuration(absl::ToInt64Nanoseconds(took));
  }

  Corpus corpus_;
  std::unique_ptr<Index> index_;
  TextSearch text_search_;   // built by text_thread_
  std::vector<std::vector<Token>> doc_tokens_;  // by text_thread_, for BuildMentions
  absl::Duration text_index_duration_;            // of text_thread_
  std::thread text_thread_;
  ProblemList problems_;
  std::vector<const v1::TopicRecord*> topic_records_;
  std::vector<const v1::DocumentRecord*> document_records_;
  std::vector<const v1::EntityRecord*> entity_records_;
  std::vector<const v1::EventRecord*> event_records_;
  absl::flat_hash_map<std::string, const v1::DocumentRecord*> doc_records_by_id_;
  absl::flat_hash_map<std::string, int32_t> entity_ids_;  // build-time positions
  int32_t evidence_count_ = 0;
};

absl::StatusOr<std::unique_ptr<const Index>> Index::Build(Corpus corpus) {
  return IndexBuilder(std::move(corpus)).Build();
}

absl::StatusOr<std::unique_ptr<const Index>> Index::Load(const std::string& data_dir) {
  // Fast path without source locations; a corpus with problems is read again
  // with them, so that every problem still names its file, line and column.
  Corpus::Options fast;
  fast.record_locations = false;
  absl::StatusOr<Corpus> corpus = Corpus::Read(data_dir, fast);
  if (!corpus.ok()) return corpus.status();  // syntax errors carry their own locations
  absl::StatusOr<std::unique_ptr<const Index>> index = Build(std::move(*corpus));
  if (index.ok()) return index;
  corpus = Corpus::Read(data_dir);
  if (!corpus.ok()) return corpus.status();  // the files changed in between
  return Build(std::move(*corpus));
}

namespace {
int32_t FindIn(const absl::flat_hash_map<std::string, int32_t>& map, absl::string_view id) {
  auto it = map.find(id);
  return it == map.end() ? -1 : it->second;
}
}  // namespace

const v1::Entity* Index::FindEntity(absl::string_view id) const {
  const int32_t i = FindIn(entity_by_id_, id);
  return i < 0 ? nullptr : &entities_[i];
}

const v1::Event* Index::FindEvent(absl::string_view id) const {
  const int32_t i = FindIn(event_by_id_, id);
  return i < 0 ? nullptr : &events_[i];
}

const v1::Document* Index::FindDocument(absl::string_view id) const {
  const int32_t i = FindIn(document_by_id_, id);
  return i < 0 ? nullptr : &documents_[i];
}

const v1::Topic* Index::FindTopic(absl::string_view id) const {
  const int32_t i = FindIn(topic_by_id_, id);
  return i < 0 ? nullptr : &topics_[i];
}

std::vector<int32_t> Index::EventsMatching(const v1::EventFilter& filter) const {
  static const std::vector<int32_t> kNone;
  std::vector<std::vector<int32_t>> dimensions;
  auto by_ids = [&dimensions](const auto& postings, const auto& ids) {
    if (ids.empty()) return;
    std::vector<const std::vector<int32_t>*> lists;
    for (const auto& id : ids) {
      auto it = postings.find(id);
      lists.push_back(it == postings.end() ? &kNone : &it->second);
    }
    dimensions.push_back(UnionOf(lists));
  };
  by_ids(events_by_participant_, filter.participant_ids());
  by_ids(events_by_country_, filter.country_ids());
  by_ids(events_by_organization_, filter.organization_ids());
  by_ids(events_by_topic_, filter.topics());
  by_ids(events_by_kind_, filter.kinds());
  std::vector<int32_t> result;
  if (dimensions.empty()) {
    result.resize(events_.size());
    for (size_t i = 0; i < result.size(); ++i) result[i] = static_cast<int32_t>(i);
    return result;
  }
  result = std::move(dimensions[0]);
  for (size_t d = 1; d < dimensions.size(); ++d) {
    std::vector<int32_t> both;
    std::set_intersection(result.begin(), result.end(), dimensions[d].begin(),
                          dimensions[d].end(), std::back_inserter(both));
    result.swap(both);
  }
  return result;
}

NameSearchResult Index::SearchNames(absl::string_view query, size_t limit,
                                    absl::FunctionRef<bool(int32_t entity)> accept) const {
  return names_.Search(NameKey(query), limit, accept);
}

std::string Index::ExplainHit(const NameMatch& hit) const {
  const int events = entities_[hit.entity].event_count();
  std::string kind_name = absl::AsciiStrToLower(v1::MatchKind_Name(hit.kind).substr(11));
  std::string explanation =
      absl::StrFormat("%s %.2f", absl::StrReplaceAll(kind_name, {{"_", " "}}), hit.parts.match);
  if (hit.kind == v1::MATCH_KIND_PREFIX) {
    absl::StrAppend(&explanation, absl::StrFormat(" + coverage %.2f", hit.parts.coverage));
  }
  if (hit.kind == v1::MATCH_KIND_FUZZY) {
    absl::StrAppend(&explanation, absl::StrFormat(" - %d edit(s) %.2f", hit.distance,
                                                  hit.parts.edit_penalty));
  }
  absl::StrAppend(&explanation,
                  absl::StrFormat(" + corpus weight %.2f (%d event%s)", hit.parts.corpus_weight,
                                  events, events == 1 ? "" : "s"));
  return explanation;
}

int32_t Index::EntityIndex(absl::string_view id) const { return FindIn(entity_by_id_, id); }

int32_t Index::DocumentIndex(absl::string_view id) const { return FindIn(document_by_id_, id); }

double Index::LinkWeight(const MentionPattern& pattern) const {
  return entities_[pattern.entity].event_count() + 1.0;
}

double Index::LinkScore(const MentionPattern& pattern, size_t candidates,
                        double total_weight) const {
  static constexpr double kKindScore[] = {0, 1.0, 0.9, 0.7, 0.6};
  // One candidate keeps its kind's score; several share it by how much the
  // corpus says about each.
  const double share =
      candidates == 1 ? 1.0 : 0.5 + 0.5 * LinkWeight(pattern) / total_weight;
  return kKindScore[pattern.kind] * share;
}

void Index::LinkMentions(absl::string_view text, v1::LinkMentionsResponse* response) const {
  static const auto* kConnectors =
      new absl::flat_hash_set<std::string>{"of", "and", "for", "the", "on", "in"};
  // A run of titles and honorifics ("Home Minister Shri") is not a name.
  static const auto* kTitleWords = new absl::flat_hash_set<std::string>{
      "minister", "secretary", "president", "prime", "home", "deputy", "acting", "ambassador",
      "spokesperson", "envoy", "special", "coordinator", "chief", "director", "general",
      "foreign", "external", "affairs", "official", "officials", "state", "vice", "senior"};
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<MentionMatch> matches = matcher_.Match(tokens);
  std::vector<uint8_t> linked(tokens.size(), 0);
  for (const MentionMatch& m : matches) {
    for (uint32_t t = m.first_token; t < m.end_token; ++t) linked[t] = 1;
  }
  // Unlinked runs of capitalized words (two or more; connectors inside) look
  // like names nobody has annotated yet: [first, last] token ranges.
  std::vector<std::pair<uint32_t, uint32_t>> unlinked;
  for (size_t i = 0; i < tokens.size();) {
    if (linked[i] || !tokens[i].capitalized || tokens[i].norm == "the") {
      ++i;
      continue;
    }
    size_t end = i + 1, last_capital = i;
    while (end < tokens.size() && !linked[end] &&
           (tokens[end].capitalized || kConnectors->contains(tokens[end].norm)) &&
           text.substr(tokens[end - 1].end, tokens[end].start - tokens[end - 1].end)
                   .find_first_of(".,;:\n") == absl::string_view::npos) {
      if (tokens[end].capitalized) last_capital = end;
      ++end;
    }
    bool only_titles = true;
    for (size_t t = i; t <= last_capital && only_titles; ++t) {
      only_titles = kTitleWords->contains(tokens[t].norm) || IsHonorific(tokens[t].norm) ||
                    kConnectors->contains(tokens[t].norm);
    }
    if (last_capital > i && !only_titles) {
      unlinked.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(last_capital));
    }
    i = last_capital + 1;
  }
  response->mutable_spans()->Reserve(static_cast<int>(matches.size() + unlinked.size()));
  auto add_span = [&](uint32_t first, uint32_t last, bool is_linked) {
    v1::LinkedSpan* span = response->add_spans();
    span->set_start_offset(tokens[first].start);
    span->set_end_offset(tokens[last].end);
    span->set_surface(text.data() + tokens[first].start, tokens[last].end - tokens[first].start);
    span->set_linked(is_linked);
    return span;
  };
  auto add_candidate = [this](v1::LinkedSpan* span, int32_t p, double score) {
    const MentionPattern& pattern = matcher_.pattern(p);
    v1::LinkCandidate* c = span->add_candidates();
    *c->mutable_entity() = RefOf(entities_[pattern.entity]);
    c->set_kind(pattern.kind);
    c->set_matched_name(pattern.name);
    c->set_score(score);
  };
  // Both lists are in text order and never overlap: merge them.
  size_t u = 0;
  for (const MentionMatch& m : matches) {
    for (; u < unlinked.size() && unlinked[u].first < m.first_token; ++u) {
      add_span(unlinked[u].first, unlinked[u].second, false);
    }
    v1::LinkedSpan* span = add_span(m.first_token, m.end_token - 1, true);
    if (m.all_accept) {
      // The common case: the node's candidates are already in order.
      const absl::Span<const int32_t> patterns = matcher_.outputs(m.node);
      span->set_candidate_count(static_cast<int32_t>(patterns.size()));
      const double* scores = link_scores_.data() + matcher_.first_output(m.node);
      for (size_t i = 0; i < patterns.size() && i < kMaxLinkCandidates; ++i) {
        add_candidate(span, patterns[i], scores[i]);
      }
      continue;
    }
    // Some candidates refuse these words (case rules): rank the rest.
    const std::vector<int32_t> patterns = matcher_.AcceptedPatterns(m, tokens);
    double total_weight = 0;
    for (int32_t p : patterns) total_weight += LinkWeight(matcher_.pattern(p));
    std::vector<std::pair<double, int32_t>> scored;
    scored.reserve(patterns.size());
    for (int32_t p : patterns) {
      scored.emplace_back(LinkScore(matcher_.pattern(p), patterns.size(), total_weight), p);
    }
    const size_t shown = std::min(scored.size(), kMaxLinkCandidates);
    std::partial_sort(scored.begin(), scored.begin() + shown, scored.end(),
                      [this](const auto& a, const auto& b) {
                        if (a.first != b.first) return a.first > b.first;
                        return entities_[matcher_.pattern(a.second).entity].id() <
                               entities_[matcher_.pattern(b.second).entity].id();
                      });
    span->set_candidate_count(static_cast<int32_t>(scored.size()));
    for (size_t i = 0; i < shown; ++i) add_candidate(span, scored[i].second, scored[i].first);
  }
  for (; u < unlinked.size(); ++u) add_span(unlinked[u].first, unlinked[u].second, false);
}

}  // namespace parley
