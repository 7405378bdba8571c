// A curated knowledge base as it would be if one of its articles were new:
// every curated quote that cites the article removed, and with it what only
// that article supported. tools/extract_eval builds an index of it to see
// where the article's extracted events would merge.
//
// What goes, per record kind:
//   entities       their quotes citing the article; the entity itself and
//                  its positions stay (other records may refer to them: a
//                  participant without a title takes its person's position;
//                  the merging of events looks at people, not positions)
//   positions      their quotes citing it
//   participants   their quotes citing it; a participant left without one
//   events         their quotes citing it; an event with no quote and no
//                  participant left (its part_of links go too); an event
//                  left with participants but no quote of its own takes its
//                  first participant's first quote (from another article)
//
// Ownership: edits the records it is given in place.
// Thread-safety: not synchronized.
#ifndef PARLEY_TOOLS_EVAL_WITHHELD_H_
#define PARLEY_TOOLS_EVAL_WITHHELD_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "parley/v1/knowledge_base.pb.h"

namespace parley::eval {

struct WithheldCounts {
  int quotes = 0, participants = 0, events = 0;
};

// Removes document_id's citations from every knowledge base (the files of
// one corpus, whose records may refer to one another).
WithheldCounts WithholdArticle(absl::string_view document_id,
                               const std::vector<v1::KnowledgeBase*>& kbs);

}  // namespace parley::eval

#endif  // PARLEY_TOOLS_EVAL_WITHHELD_H_
