// Where an event took place (internal to extraction): the place its
// sentence names ("in Washington, DC", else the dateline's city) and, for a
// visit, the site it went to when that is no country or city ("visited the
// Joint Interagency Task Force West"): a site within a trip is a visit of
// its own (event_merging.h).
//
// Ownership: the functions read their arguments.
// Errors: none.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_EVENT_PLACES_H_
#define PARLEY_SERVICE_EXTRACT_EVENT_PLACES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "service/extract/article_text.h"
#include "service/extract/extract.h"

namespace parley {

// The place of an event told by sentence s: "in <Place>" (a known place, or
// one or two plain capitalized words), else the dateline's city.
std::string PlaceIn(const ArticleText& article, const Sentence& s);

// The site the visit whose trigger is token `at` went to, or "": two
// capitalized words or more, or an acronym, after the trigger ("to the"
// aside) that name no country, known place, title or official.
std::string SiteVisited(const ArticleText& article, const std::vector<ExtractedOfficial>& officials,
                        size_t at, const Sentence& s);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_EVENT_PLACES_H_
