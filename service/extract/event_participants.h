// Who took part in an event and how (internal to extraction): the function
// an official had, from the words around the name ("led by X", "hosted by
// X", "X, who headed", "in the presence of X", a spokesperson's title, the
// event's kind), and whether an official of a visit's sentence is its
// visitor (who comes before "visited", after "visiting" or "a visit by")
// or someone the visitor met.
//
// Ownership: the functions read their arguments.
// Errors: none.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_EVENT_PARTICIPANTS_H_
#define PARLEY_SERVICE_EXTRACT_EVENT_PARTICIPANTS_H_

#include <cstddef>

#include "parley/v1/resources.pb.h"
#include "service/extract/article_text.h"
#include "service/extract/extract.h"

namespace parley {

// What official did at an event of kind that sentence tells of.
v1::ParticipantFunction FunctionOf(const ArticleText& article, const ExtractedOfficial& official,
                                   v1::EventKind kind, const Sentence& sentence);

// Whether official, named in sentence, is the visitor of the visit whose
// trigger is token at. People met are the visit's hosts, not its visitors.
bool IsVisitor(const ArticleText& article, const ExtractedOfficial& official, size_t at,
               const Sentence& sentence);

// Whether official, named after the visit whose trigger is token at,
// received its visitors at the site: "visited the Centre, where X briefed
// them", "toured the port, where Commissioner X demonstrated ...".
bool ReceivesTheVisit(const ArticleText& article, const ExtractedOfficial& official, size_t at,
                      const Sentence& sentence);

// Whether official only reports the act of the trigger at token `at`:
// named right before a reporting verb that comes before the trigger ("She
// said the two nations had signed ...").
bool ReportsIt(const ArticleText& article, const ExtractedOfficial& official, size_t at,
               const Sentence& s);

// Whether official is named in a clause of s that only dates or frames the
// act of the trigger at token `at` ("signed in the week the two ministers
// met", "After X arrived, the accord was signed").
// The officials named in sentence s, each person once (by name key), not
// those quoted ("as President Obama has said"): indices into
// extraction.officials, of each person's first mention there.
std::vector<size_t> PeopleNamedIn(const ArticleText& article, const Extraction& extraction,
                                  const Sentence& s);

bool FramedApart(const ArticleText& article, const ExtractedOfficial& official, size_t at,
                 const Sentence& s);

// Whether official is named right after "and", the second of two people
// joined ("led by X and Y", "X and the US Ambassador-at-Large, Y").
bool CoordinatedWithPrevious(const ArticleText& article, const ExtractedOfficial& official,
                             const Sentence& s);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_EVENT_PARTICIPANTS_H_
