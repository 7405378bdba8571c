// The quotes of events' evidence, kept as offsets only.
//
// Every quote an event or a participant cites from a document is the slice
// [start_offset, end_offset) of that document's text: build_context.cc finds
// a curated quote there, and extracted_facts.cc cuts an extracted one from
// it. At 1M entities the index held 200k copies of ~200-byte quotes, 55 MB
// of strings it already had. So a curated event's quotes are never copied
// in (BuildContext::QuoteCopy::kOffsetsOnly), Drop() empties the extracted
// ones once the events are built, and every response's copy of an event or
// a participation gets its quotes back from Restore(). (Copying them all
// and dropping them after cost ~1.5 s of a 1M build: freeing 200k strings
// from a heap on huge pages.) Entities' evidence is kept whole: it is
// serialized in the entity store and is seldom large.
//
// Thread-safety: holds references into a frozen index's documents; const
// methods are safe from any thread. Drop() is for the builder only.
#ifndef PARLEY_SERVICE_INDEX_EVIDENCE_QUOTES_H_
#define PARLEY_SERVICE_INDEX_EVIDENCE_QUOTES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "parley/v1/resources.pb.h"

namespace parley {

class EvidenceQuotes {
 public:
  // REQUIRES: documents and document_by_id outlive this object and are not
  // changed while it is used.
  EvidenceQuotes(const std::vector<v1::Document>& documents,
                 const absl::flat_hash_map<std::string, int32_t>& document_by_id)
      : documents_(&documents), document_by_id_(&document_by_id) {}

  // Empties (and frees) the quote of each evidence of the event and of its
  // participants that is exactly its document's bytes at its offsets; any
  // other quote is kept as it is. Returns how many were emptied.
  int64_t Drop(v1::Event* event) const;

  // Fills in each empty quote whose evidence names a known document and
  // offsets inside its text. Leaves every other evidence as it is.
  void Restore(google::protobuf::RepeatedPtrField<v1::Evidence>* evidence) const;
  // The same for the event's evidence and its participants'.
  void Restore(v1::Event* event) const;

 private:
  // The text e cites, or nullptr when it cites no known document or its
  // offsets fall outside the text.
  const std::string* CitedText(const v1::Evidence& e) const;

  const std::vector<v1::Document>* documents_;
  const absl::flat_hash_map<std::string, int32_t>* document_by_id_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_EVIDENCE_QUOTES_H_
