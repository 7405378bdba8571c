// Merging the events of one article (internal to extraction): a sentence
// that tells again of an event the article told of ("The document was
// signed by ...", "after the meeting", a visit over several days) adds its
// people, organizations, countries, topics and days to that event instead
// of making another.
//
// Ownership: updates the Extraction it is given.
// Errors: none.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_EVENT_MERGING_H_
#define PARLEY_SERVICE_EXTRACT_EVENT_MERGING_H_

#include "service/extract/extract.h"

namespace parley {

// Adds event to extraction->events, or merges it into an earlier event of
// the article that tells the same thing.
void AddEvent(ExtractedEvent event, Extraction* extraction);

// A dialogue, a signing or a press conference: the kinds a meeting told
// in the same sentence or on the same day is part of.
bool IsSpecificEventKind(v1::EventKind kind);

// Adds participant to event unless the person is there already (as
// another mention). extraction holds the officials participants index.
void AddParticipant(ExtractedParticipant participant, ExtractedEvent* event,
                    const Extraction& extraction);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_EVENT_MERGING_H_
