// Xapian 1.4 (glass backend on disk, page-cached after the build): every
// article a document with its text as data and positional terms, no
// stemming (Parley does not stem); queries parsed with AND as the default
// operator and phrases on; each hit's snippet made as Parley makes one.
#include <filesystem>

#include <xapian.h>

#include "tools/peer_engines.h"

namespace parley {

absl::StatusOr<EngineResult> RunXapian(const std::string& corpus_dir, const std::string& work,
                                       const std::string& queries_file) {
  absl::StatusOr<PeerInputs> inputs = ReadPeerInputs(corpus_dir, queries_file, /*names=*/false);
  if (!inputs.ok()) return inputs.status();
  PeerQueries* queries = &inputs->queries;
  PeerCorpus* corpus = &inputs->corpus;
  EngineResult result;
  result.engine = "xapian";
  const std::string path = work + "/xapian";
  try {
    const auto start = std::chrono::steady_clock::now();
    {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
      Xapian::TermGenerator generator;
      for (const std::string& text : corpus->documents) {
        Xapian::Document doc;
        doc.set_data(text);
        generator.set_document(doc);
        generator.index_text(text);
        db.add_document(doc);
      }
      db.commit();
    }
    result.load_seconds = SecondsSince(start);
    Xapian::Database db(path);
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_default_op(Xapian::Query::OP_AND);
    auto search = [&](const std::string& q) {
      Xapian::Enquire enquire(db);
      enquire.set_query(parser.parse_query(q, Xapian::QueryParser::FLAG_PHRASE));
      const Xapian::MSet mset = enquire.get_mset(0, 10);
      std::vector<std::string> top;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const std::string snippet = mset.snippet(it.get_document().get_data(), 300);
        top.push_back(std::to_string(*it));
      }
      return top;
    };
    result.sets["all_words"] = TimeSet(queries->sets["all_words"], search);
    result.sets["phrase"] = TimeSet(queries->sets["phrase"], search);
  } catch (const Xapian::Error& e) {
    return absl::InternalError("Xapian: " + e.get_description());
  }
  return result;
}

}  // namespace parley
