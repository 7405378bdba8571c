// Events in article text (internal to extraction): sentences with trigger
// words ("signed", "talks", "visited", "dialogue", "press conference", ...;
// event_triggers.txt), one event per kind, with the officials of the
// sentence as participants and the function each had
// (event_participants.h), the countries and organizations involved, topics
// from keywords, the place ("in Washington", else the dateline's city) and
// the date of the trigger's clause resolved against the publication date,
// or else the date of the story the sentence belongs to. Sources ("according
// to a statement"), plans ("will visit", "the next round") and quoted
// speech are left out; events told again are merged (event_merging.h).
//
// Ownership: adds to the Extraction it is given, which must hold the
// article's officials and organizations already.
// Errors: none; an event without any date is left out.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_EVENTS_H_
#define PARLEY_SERVICE_EXTRACT_EVENTS_H_

#include "service/extract/article_text.h"
#include "service/extract/extract.h"

namespace parley {

// Adds the article's events to extraction->events (city_country_id is left
// to the caller).
void FindEvents(const ArticleText& article, Extraction* extraction);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_EVENTS_H_
