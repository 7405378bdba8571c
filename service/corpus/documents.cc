// Corpus::AssembleDocuments: article files joined with their metadata.
#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/base/dates.h"
#include "service/base/ids.h"
#include "service/base/normalize.h"
#include "service/corpus/corpus.h"

namespace parley {
namespace {

using google::protobuf::Message;

// Moves the file's text into doc.
void FillDocumentFile(ArticleFile& file, v1::Document* doc) {
  doc->set_file_name(file.file_name);
  doc->set_size_bytes(static_cast<int64_t>(file.bytes.size()));
  doc->set_sha256(std::move(file.sha256));
  if (file.body_offset == 0) {
    doc->set_text(std::move(file.bytes));
  } else {
    doc->set_text(std::string(file.body()));
  }
  file.bytes.clear();
}

// A document from an article no record describes: metadata from its front
// matter, the id from the file name without ".txt" unless it says another.
// false (and problems) when a front-matter date is malformed.
bool DocumentFromFrontMatter(ArticleFile& a, v1::Document* doc, ProblemList* problems) {
  doc->set_id(a.file_name.substr(0, a.file_name.size() - 4));
  bool ok = true;
  for (const FrontMatterField& f : a.front_matter) {
    if (f.key == "id") doc->set_id(f.value);
    if (f.key == "title") doc->set_title(f.value);
    if (f.key == "publisher") doc->set_publisher(f.value);
    if (f.key == "author") doc->set_author(f.value);
    if (f.key == "url") doc->set_url(f.value);
    if (f.key == "published") {
      absl::StatusOr<v1::FuzzyDate> date = ParseFuzzyDate(f.value, false);
      if (!date.ok()) {
        problems->Add({a.path, f.line},
                      absl::StrCat("front matter: published: ", date.status().message()));
        ok = false;
        continue;
      }
      *doc->mutable_published() = *date;
      doc->mutable_published()->set_basis(v1::DATE_BASIS_STATED);
      doc->mutable_published()->set_basis_note("front matter of the article file");
    }
  }
  if (!ok) return false;
  if (doc->title().empty()) {
    absl::string_view text = absl::StripLeadingAsciiWhitespace(a.body());
    doc->set_title(Ellipsize(text.substr(0, text.find('\n')), 120));
  }
  FillDocumentFile(a, doc);
  return true;
}

}  // namespace

void Corpus::AssembleDocuments() {
  if (documents_assembled_) return;
  documents_assembled_ = true;
  const absl::Time start = absl::Now();
  auto problem = [this](const Message& record, absl::string_view field, std::string what) {
    problems_.Add(LocationOf(record, field), std::move(what));
  };
  absl::flat_hash_map<std::string, ArticleFile*> by_file;
  for (ArticleFile& a : articles_) by_file[a.file_name] = &a;
  absl::flat_hash_set<std::string> described;
  absl::flat_hash_map<std::string, const v1::DocumentRecord*> records_by_id;
  std::vector<v1::Document> docs;
  for (const auto& file : kb_files_) {
    for (const v1::DocumentRecord& r : file->kb->documents()) {
      auto article = by_file.find(r.file());
      if (article == by_file.end()) {
        problem(r, "file",
                absl::StrCat("file: no article \"", r.file(), "\" under articles/ in ", data_dir_));
        continue;
      }
      if (!described.insert(r.file()).second) {
        problem(r, "file",
                absl::StrCat("file: \"", r.file(), "\" is described by two document records"));
        continue;
      }
      v1::Document doc;
      doc.set_id(r.id());
      doc.set_title(r.title());
      doc.set_publisher(r.publisher());
      doc.set_author(r.author());
      doc.set_url(r.url());
      if (!r.published().empty()) {
        absl::StatusOr<v1::FuzzyDate> date = ParseFuzzyDate(r.published(), false);
        if (!date.ok()) {
          problem(r, "published", absl::StrCat("published: ", date.status().message()));
          continue;
        }
        *doc.mutable_published() = *std::move(date);
        if (r.published_basis() == v1::DATE_BASIS_UNSPECIFIED) {
          problem(r, "published",
                  "published_basis is required with published: STATED, "
                  "RESOLVED or EXTERNAL");
          continue;
        }
        doc.mutable_published()->set_basis(r.published_basis());
        doc.mutable_published()->set_basis_note(r.published_note());
      }
      FillDocumentFile(*article->second, &doc);
      docs.push_back(std::move(doc));
      records_by_id[r.id()] = &r;
    }
  }
  for (ArticleFile& a : articles_) {
    if (described.count(a.file_name) != 0) continue;
    v1::Document doc;
    if (DocumentFromFrontMatter(a, &doc, &problems_)) docs.push_back(std::move(doc));
  }
  // Dated documents by first day, then undated ones; then by id, then as
  // read. Sorted as keys: the day is found once a document, not once a
  // comparison, and 100k messages are not moved about.
  struct Order {
    bool undated;
    absl::CivilDay first_day;
    absl::string_view id;
    size_t at;  // in docs
  };
  std::vector<Order> order;
  order.reserve(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    const v1::Document& d = docs[i];
    const bool dated = d.published().year() != 0;
    order.push_back(
        {!dated, dated ? ToDayInterval(d.published()).first : absl::CivilDay(), d.id(), i});
  }
  std::sort(order.begin(), order.end(), [](const Order& a, const Order& b) {
    return std::tie(a.undated, a.first_day, a.id, a.at) <
           std::tie(b.undated, b.first_day, b.id, b.at);
  });
  absl::flat_hash_set<std::string> ids;
  for (const Order& o : order) {
    v1::Document& doc = docs[o.at];
    const auto rec = records_by_id.find(doc.id());
    const Message& where = rec != records_by_id.end() ? static_cast<const Message&>(*rec->second)
                                                      : static_cast<const Message&>(doc);
    if (std::string bad = IdProblem("document id", doc.id()); !bad.empty()) {
      problem(where, "id", std::move(bad));
      continue;
    }
    if (!ids.insert(doc.id()).second) {
      problem(where, "id",
              absl::StrCat("duplicate document id \"", doc.id(),
                           "\": ids must be unique across the files of kb/"));
      continue;
    }
    documents_.push_back(std::move(doc));
  }
  assemble_duration_ = absl::Now() - start;
}

}  // namespace parley
