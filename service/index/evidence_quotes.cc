#include "service/index/evidence_quotes.h"

#include <memory>

#include "absl/strings/string_view.h"

namespace parley {

const std::string* EvidenceQuotes::CitedText(const v1::Evidence& e) const {
  if (e.document_id().empty()) return nullptr;
  const auto it = document_by_id_->find(e.document_id());
  if (it == document_by_id_->end()) return nullptr;
  const std::string& text = (*documents_)[it->second].text();
  if (e.start_offset() < 0 || e.end_offset() <= e.start_offset() ||
      static_cast<size_t>(e.end_offset()) > text.size()) {
    return nullptr;
  }
  return &text;
}

int64_t EvidenceQuotes::Drop(v1::Event* event) const {
  int64_t dropped = 0;
  auto drop = [&](google::protobuf::RepeatedPtrField<v1::Evidence>* evidence) {
    for (v1::Evidence& e : *evidence) {
      const std::string* text = CitedText(e);
      if (text == nullptr ||
          e.quote() != absl::string_view(*text).substr(e.start_offset(),
                                                       e.end_offset() - e.start_offset())) {
        continue;
      }
      // release, not clear: clear would keep the emptied string's 32 bytes.
      std::unique_ptr<std::string> quote(e.release_quote());
      ++dropped;
    }
  };
  drop(event->mutable_evidence());
  for (v1::Participant& p : *event->mutable_participants()) drop(p.mutable_evidence());
  return dropped;
}

void EvidenceQuotes::Restore(google::protobuf::RepeatedPtrField<v1::Evidence>* evidence) const {
  for (v1::Evidence& e : *evidence) {
    if (!e.quote().empty()) continue;
    if (const std::string* text = CitedText(e)) {
      e.set_quote(text->substr(e.start_offset(), e.end_offset() - e.start_offset()));
    }
  }
}

void EvidenceQuotes::Restore(v1::Event* event) const {
  Restore(event->mutable_evidence());
  for (v1::Participant& p : *event->mutable_participants()) Restore(p.mutable_evidence());
}

}  // namespace parley
