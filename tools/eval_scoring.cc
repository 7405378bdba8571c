#include "tools/eval_scoring.h"

#include <algorithm>

namespace parley::eval {

double DateOverlap(const DayInterval& a, const DayInterval& b) {
  if (!a.Overlaps(b)) return 0;
  const double both = (std::min(a.last, b.last) - std::max(a.first, b.first)) + 1;
  const double either = (std::max(a.last, b.last) - std::min(a.first, b.first)) + 1;
  return both / either;
}

std::vector<EventAssignment> AssignEvents(std::vector<EventPair> pairs, int extracted_count) {
  std::stable_sort(pairs.begin(), pairs.end(), [](const EventPair& a, const EventPair& b) {
    if (a.date_overlap != b.date_overlap) return a.date_overlap > b.date_overlap;
    if (a.shared_participants != b.shared_participants) {
      return a.shared_participants > b.shared_participants;
    }
    if (a.extracted != b.extracted) return a.extracted < b.extracted;
    return a.gold < b.gold;
  });
  std::vector<EventAssignment> out(extracted_count);
  std::vector<int> taken_golds;
  for (const EventPair& pair : pairs) {
    EventAssignment& a = out[pair.extracted];
    const bool gold_taken =
        std::find(taken_golds.begin(), taken_golds.end(), pair.gold) != taken_golds.end();
    if (a.gold >= 0 || gold_taken) continue;
    a.gold = pair.gold;
    taken_golds.push_back(pair.gold);
  }
  // The pairs are best first: an unmatched event's first pair is its best.
  for (const EventPair& pair : pairs) {
    EventAssignment& a = out[pair.extracted];
    if (a.gold < 0 && a.duplicate_of < 0) a.duplicate_of = pair.gold;
  }
  return out;
}

const char* FactTypeName(FactType type) {
  switch (type) {
    case FactType::kOfficial:
      return "officials";
    case FactType::kOrganization:
      return "organizations";
    case FactType::kEvent:
      return "events";
    case FactType::kParticipation:
      return "participations";
  }
  return "?";
}

int BandOf(double confidence) {
  // A small tolerance, so that 0.8 computed as 0.7999999 is in [0.8, 0.9).
  for (int band = kBands - 1; band > 0; --band) {
    if (confidence + 1e-9 >= kBandLows[band]) return band;
  }
  return 0;
}

void Calibration::Add(FactType type, double confidence, bool right) {
  facts_.push_back({type, confidence, right});
}

std::array<BandCount, kBands> Calibration::Bands(FactType type) const {
  std::array<BandCount, kBands> bands;
  for (const Fact& f : facts_) {
    if (f.type != type) continue;
    BandCount& b = bands[BandOf(f.confidence)];
    ++b.count;
    b.right += f.right;
  }
  return bands;
}

std::array<BandCount, kBands> Calibration::Bands() const {
  std::array<BandCount, kBands> bands;
  for (const Fact& f : facts_) {
    BandCount& b = bands[BandOf(f.confidence)];
    ++b.count;
    b.right += f.right;
  }
  return bands;
}

BandCount Calibration::AtLeast(double threshold) const {
  BandCount out;
  for (const Fact& f : facts_) {
    if (f.confidence + 1e-9 < threshold) continue;
    ++out.count;
    out.right += f.right;
  }
  return out;
}

}  // namespace parley::eval
