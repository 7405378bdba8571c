// The evaluator of tools/extract_eval: scores one article's extraction at a
// time against the curated annotations of the corpus it comes from, and
// keeps the totals.
//
// Gold, per article:
//   officials      people whose positions or participations cite it
//   organizations  organizations whose evidence cites it or that it mentions
//   events         events whose evidence or participants cite it
//   participations (person, event) pairs whose evidence cites it
// Officials and organizations match by normalized name (or any alias), also
// scored with the country. Extracted events are matched one to one to the
// article's gold events of their kind with an overlapping date
// (AssignEvents, eval_scoring.h); a second extracted event of a gold event
// already matched is a duplicate, and counts as a false positive; so does
// one matched to a held gold event but marked planned (in sets with plans).
// Participations match on the person and the gold event their event is
// matched to (none on a duplicate). An extracted event marked planned that
// matches no gold event (a duplicate's repeat aside) is matched to the
// set's plans instead (kind and
// overlapping date, eval_planned.h) and scored apart. Besides: every extracted participant's
// quote checked with CheckParticipantQuote; the confidence and rightness of
// every judged fact (Calibration: an official's best mention, an
// organization, an event, a participant); and where the article's events
// would merge if the article were new (eval_merges.h).
//
// Ownership: keeps a reference to the index, which must outlive it.
// Thread-safety: not synchronized.
#ifndef PARLEY_TOOLS_EVAL_EVALUATOR_H_
#define PARLEY_TOOLS_EVAL_EVALUATOR_H_

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "service/extract/extract.h"
#include "service/index/index.h"
#include "tools/eval_merges.h"
#include "tools/eval_planned.h"
#include "tools/eval_scoring.h"

namespace parley::eval {

struct Totals {
  int articles = 0;
  Score by_name, by_country, orgs, orgs_country, events, participations;
  // Extracted events marked planned, against the set's plans (eval_planned.h),
  // and their participants against the plans'. An extracted plan that
  // matches a gold plan is no held event: it leaves the events row (and its
  // participants the participations row).
  Score plans, plan_participations;
  int event_duplicates = 0;  // extracted events counted false as duplicates
  // Extracted events by where they went in the index of the corpus with the
  // article new, over the articles measured.
  std::array<int, kMergeOutcomes> merges{};
  int merge_articles = 0;
  // Gold events of an article that stay in the index without it (another
  // article cites them): the merges there are to be made.
  int gold_events_known_elsewhere = 0;
  std::vector<std::string> merge_errors;  // "<document>: <status>" per failed build
  int participants = 0, unsupported_quotes = 0;
  Calibration calibration;
};

class Evaluator {
 public:
  struct Options {
    bool verbose = false;
    std::string data_dir;  // the corpus of the index, read again to measure merges
    bool measure_merges = true;
    std::vector<PlannedEvent> planned;  // the set's plans, of every article
  };

  Evaluator(const Index& index, Options options);

  // Scores the extraction x of document d (an index into index.documents()).
  void ScoreArticle(int32_t d, const Extraction& x);

  const Totals& totals() const { return totals_; }

 private:
  // A gold event of the article and its (person entity, event) rows.
  struct ArticleGold {
    std::vector<int32_t> events;                 // indices into index.events()
    std::set<std::pair<int32_t, int32_t>> rows;  // (person, event)
  };

  void FindGoldPeople();
  void ScoreOfficials(const v1::Document& doc, const Extraction& x);
  std::set<int32_t> GoldOrganizations(int32_t d) const;
  void ScoreOrganizations(int32_t d, const Extraction& x);
  ArticleGold GoldEvents(const v1::Document& doc) const;
  bool KnownWithout(int32_t event, const std::string& document_id) const;
  int SharedParticipants(const Extraction& x, const ExtractedEvent& e, const ArticleGold& gold,
                         int32_t event) const;
  std::vector<EventAssignment> MatchEvents(const Extraction& x, const ArticleGold& gold) const;
  void ScoreEvents(const v1::Document& doc, const Extraction& x);
  void ScoreParticipants(const Extraction& x, const ExtractedEvent& e, const ArticleGold& gold,
                         int32_t target, std::set<std::pair<int32_t, int32_t>>* matched_rows);
  // The plan of document (an index into options_.planned) that extracted
  // event e, marked planned, tells of; -1 if none or e is not marked. taken
  // holds the plans already matched.
  int MatchPlan(const std::string& document_id, const ExtractedEvent& e,
                const std::set<int>& taken) const;
  void ScorePlanParticipants(const Extraction& x, const ExtractedEvent& e,
                             const PlannedEvent& plan);
  void PrintEvent(const char* id, const Extraction& x, const ExtractedEvent& e,
                  const EventAssignment& a, const ArticleGold& gold) const;
  void CheckQuotes(const v1::Document& doc, const Extraction& x);
  void ScoreMerges(const v1::Document& doc, const Extraction& x,
                   const std::vector<std::string>& gold_event_ids);

  const Index& ix_;
  // The index's events as messages (without quotes): the evaluation reads
  // their evidence, which the index keeps serialized.
  const std::vector<v1::Event> events_;
  const Options options_;
  absl::flat_hash_map<std::string, std::set<int32_t>> gold_people_;
  Totals totals_;
};

// Whether key (a NameKey) is the entity's name or one of its aliases.
bool Names(const v1::Entity& entity, const std::string& key);

}  // namespace parley::eval

#endif  // PARLEY_TOOLS_EVAL_EVALUATOR_H_
