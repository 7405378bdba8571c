// The scoring arithmetic of tools/extract_eval, apart from the corpus:
//  - Score: precision, recall and F1 of one kind of fact;
//  - AssignEvents: the one-to-one matching of an article's extracted events
//    to its gold events, which tells duplicates (a second extracted event of
//    a real event already matched) from wrong events;
//  - Calibration: every judged fact's confidence and whether it was right,
//    in confidence bands, per fact type and all together.
//
// Ownership: values only. Thread-safety: pure functions; a Calibration is
// not synchronized.
#ifndef PARLEY_TOOLS_EVAL_SCORING_H_
#define PARLEY_TOOLS_EVAL_SCORING_H_

#include <array>
#include <vector>

#include "service/base/dates.h"

namespace parley::eval {

struct Score {
  int true_positives = 0, extracted = 0, gold = 0;
  double precision() const { return extracted ? double(true_positives) / extracted : 0; }
  double recall() const { return gold ? double(true_positives) / gold : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Days both intervals cover over days either covers: 1 for the same days, 0
// when they do not overlap.
double DateOverlap(const DayInterval& a, const DayInterval& b);

// A possible match of an extracted event with a gold event of its article:
// same kind and overlapping dates. Both are indices the caller chooses.
struct EventPair {
  int extracted = 0;
  int gold = 0;
  double date_overlap = 0;  // DateOverlap of their days, in (0, 1]
  int shared_participants = 0;
};

struct EventAssignment {
  int gold = -1;          // the gold event it is matched to, or -1
  int duplicate_of = -1;  // unmatched but with a pair: that pair's gold event (the best); else -1
};

// Greedy one-to-one assignment: pairs taken best date overlap first, then
// most shared participants, then in extracted and gold order; each extracted
// and each gold event is used at most once. An extracted event left without
// a gold event but with pairs is a duplicate of its best pair's gold event.
// Returns one assignment per extracted event, in [0, extracted_count).
// REQUIRES: every pair's extracted index is in [0, extracted_count).
std::vector<EventAssignment> AssignEvents(std::vector<EventPair> pairs, int extracted_count);

enum class FactType { kOfficial, kOrganization, kEvent, kParticipation };
inline constexpr int kFactTypes = 4;
// "officials", "organizations", "events", "participations".
const char* FactTypeName(FactType type);

// Confidence bands [0, 0.5), [0.5, 0.6), ..., [0.8, 0.9), [0.9, 1.0] (1.0 and
// above fall in the last).
inline constexpr int kBands = 6;
inline constexpr std::array<double, kBands> kBandLows = {0, 0.5, 0.6, 0.7, 0.8, 0.9};

struct BandCount {
  int count = 0, right = 0;
  double share() const { return count ? double(right) / count : 0; }
};

class Calibration {
 public:
  void Add(FactType type, double confidence, bool right);

  // Counts per band of one fact type, or of all facts.
  std::array<BandCount, kBands> Bands(FactType type) const;
  std::array<BandCount, kBands> Bands() const;
  // Facts of any type with confidence >= threshold.
  BandCount AtLeast(double threshold) const;

 private:
  struct Fact {
    FactType type;
    double confidence;
    bool right;
  };
  std::vector<Fact> facts_;
};

// The band a confidence falls in: 0 below 0.5, kBands - 1 from 0.9.
int BandOf(double confidence);

}  // namespace parley::eval

#endif  // PARLEY_TOOLS_EVAL_SCORING_H_
