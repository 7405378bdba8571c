// The data of an Index, as plain members: what the build steps fill in
// (index_builder.h) and Index reads. Internal to service/index/.
//
// Thread-safety: written by one builder thread; immutable once the Index
// that owns it is returned.
#ifndef PARLEY_SERVICE_INDEX_INDEX_DATA_H_
#define PARLEY_SERVICE_INDEX_INDEX_DATA_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "parley/v1/lookup_service.pb.h"
#include "parley/v1/resources.pb.h"
#include "service/base/dates.h"
#include "service/index/entity_store.h"
#include "service/index/entity_table.h"
#include "service/index/event_store.h"
#include "service/index/mentions.h"
#include "service/index/name_index.h"
#include "service/index/text_search.h"

namespace parley {

// A mention as stored: 36 bytes instead of a 270-byte message with copied
// strings (the entity's id and name, the document's id, the surface).
// Index::MentionAt() makes the message for a response.
struct MentionRow {
  int32_t entity = 0;    // index into entities
  int32_t document = 0;  // index into documents
  int32_t start = 0;     // byte offsets into the document's text, [start, end)
  int32_t end = 0;
  // The same span in code points and UTF-16 units, found while the document
  // is read (from a response, a long article would be walked per mention).
  int32_t start_code_point = 0, end_code_point = 0;
  int32_t start_utf16 = 0, end_utf16 = 0;
  v1::MentionKind kind = v1::MENTION_KIND_UNSPECIFIED;
};

// Mentions of one entity: a range of IndexData::mentions.
struct MentionRange {
  int32_t begin = 0;
  int32_t end = 0;
};

struct IndexData {
  // The entities while the build changes them; frozen into entity_store
  // (and emptied) once they are sorted (participations.cc).
  EntityTable entities;
  // entities[i]'s references to other entities, as positions in entities:
  // the table holds none while the index is built (entity_store.h
  // EntityStore::Links). Kept beside them by every step that adds, drops
  // or reorders entities or positions; frozen with them.
  std::vector<EntityStore::Links> entity_links;
  EntityStore entity_store;  // by kind, then name
  // The events while the build changes them; frozen into event_store (and
  // emptied) once their postings and participations are made
  // (participations.cc).
  std::vector<v1::Event> events;  // by date (first day, last day), then id
  EventStore event_store;
  std::vector<DayInterval> event_days;
  std::vector<v1::Document> documents;  // by publication date, then id
  std::vector<v1::Topic> topics;
  // Participation rows in event order, then participant order: (event,
  // participant within it).
  std::vector<std::pair<int32_t, int32_t>> participations;
  std::vector<std::pair<int32_t, int32_t>> participation_ranges;  // per event

  absl::flat_hash_map<std::string, int32_t> event_by_id;
  absl::flat_hash_map<std::string, int32_t> document_by_id;
  absl::flat_hash_map<std::string, int32_t> topic_by_id;

  // Event postings, ascending event indices. Topic postings include events
  // of every sub-topic.
  absl::flat_hash_map<std::string, std::vector<int32_t>> events_by_participant;
  absl::flat_hash_map<std::string, std::vector<int32_t>> events_by_country;
  absl::flat_hash_map<std::string, std::vector<int32_t>> events_by_organization;
  absl::flat_hash_map<std::string, std::vector<int32_t>> events_by_topic;
  absl::flat_hash_map<int, std::vector<int32_t>> events_by_kind;

  NameIndex names;
  MentionMatcher matcher;
  // Parallel to the matcher's outputs: each candidate's score when all of
  // its node's candidates accept the words (link_scoring.h).
  std::vector<double> link_scores;
  TextSearch text_search;
  std::vector<MentionRow> mentions;          // grouped by entity, each group in document order
  std::vector<MentionRange> mention_ranges;  // per entity
  std::vector<std::vector<int32_t>> entities_in_document;  // per document
  // Per document, made into its message's mentioned_entities and
  // participants_of_events per response (Index::CopyDocument): document
  // d's are [offsets[d], offsets[d + 1]). Mentioned: (entity, mentions),
  // most mentioned first, then by name; participants: by name (the
  // entities' order).
  std::vector<std::pair<int32_t, int32_t>> document_mentioned;
  std::vector<uint32_t> document_mentioned_offsets;
  std::vector<int32_t> document_participants;
  std::vector<uint32_t> document_participant_offsets;

  v1::IndexInfo info;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_INDEX_DATA_H_
