// Lookup::MatchEntities: entity resolution for other systems' records.
// Candidates come from the name search (every form it accepts: aliases,
// surnames, honorifics, other scripts, typos); each is then scored on what
// else the example gives, against the positions the corpus shows it held.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "service/base/dates.h"
#include "service/base/normalize.h"
#include "service/lookup/lookup.h"
#include "service/lookup/lookup_helpers.h"

namespace parley {
namespace {

constexpr double kDefaultThreshold = 0.7;
constexpr int kDefaultCandidates = 5;
constexpr int kMaxCandidates = 20;
constexpr size_t kCandidatesScored = 50;
// A best candidate this close to the second is no match: either could be meant.
constexpr double kAmbiguityMargin = 0.05;
constexpr double kNameWeight = 0.5, kTitleWeight = 0.2, kOrganizationWeight = 0.1,
                 kCountryWeight = 0.1, kDateWeight = 0.1;

// Words of a title that tell titles apart: no function words, one spelling.
absl::flat_hash_set<std::string> TitleWords(absl::string_view title) {
  static const absl::flat_hash_set<std::string>* const kSkip = new absl::flat_hash_set<std::string>{
      "of", "the", "for", "and", "to", "in", "on", "us", "india", "indian", "american", "s"};
  absl::flat_hash_set<std::string> words;
  for (std::string& w : NormalizedWords(title)) {
    if (kSkip->contains(w)) continue;
    if (w == "defence") w = "defense";  // British and American spellings
    if (w == "organisation") w = "organization";
    if (w == "programme") w = "program";
    words.insert(std::move(w));
  }
  return words;
}

// Dice coefficient of two word sets.
double Overlap(const absl::flat_hash_set<std::string>& a,
               const absl::flat_hash_set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t shared = 0;
  for (const std::string& w : a) shared += b.contains(w);
  return 2.0 * static_cast<double>(shared) / static_cast<double>(a.size() + b.size());
}

// How well a position's known dates fit the example's: 1 overlapping, less
// the further apart (in years), 0.5 when the corpus dates it nowhere.
double DateFit(const v1::Position& position, const DayInterval& when) {
  if (position.held_on().empty()) return 0.5;
  double best = 0;
  for (const v1::FuzzyDate& date : position.held_on()) {
    const DayInterval held = ToDayInterval(date);
    if (held.Overlaps(when)) return 1;
    const auto gap = std::min(std::abs(held.first - when.last), std::abs(when.first - held.last));
    best = std::max(best, gap <= 366 ? 0.75 : gap <= 3 * 366 ? 0.4 : 0.0);
  }
  return best;
}

// entry_kind: what the matched key is (a name, alias or word).
double NameScore(const NameMatch& hit, v1::MatchKind entry_kind) {
  switch (hit.kind) {
    case v1::MATCH_KIND_PHONETIC:  // another spelling: nearly as good
      return entry_kind == v1::MATCH_KIND_WORD ? 0.75 : 0.95;
    case v1::MATCH_KIND_EXACT_NAME:
    case v1::MATCH_KIND_ALIAS:
      return 1;
    case v1::MATCH_KIND_WORD:
      return 0.8;
    case v1::MATCH_KIND_PREFIX:
      return 0.6;
    default:
      return std::max(0.0, 0.9 - 0.15 * hit.distance);
  }
}

// An example checked and resolved against the index.
struct Example {
  const v1::EntityExample* record = nullptr;
  absl::flat_hash_set<std::string> title_words;
  bool has_country = false;
  std::string country_id;  // empty when given but unknown to the index
  bool has_organization = false;
  absl::flat_hash_set<std::string> organization_ids;
  absl::flat_hash_set<std::string> organization_words;
  bool has_date = false;
  DayInterval date;
};

// The entities whose name or alias `text` is, or ends with, of a kind.
absl::flat_hash_set<std::string> Resolve(const Index& index, absl::string_view text,
                                         v1::EntityKind kind) {
  absl::flat_hash_set<std::string> ids;
  if (const std::optional<EntityView> e = index.FindEntity(text); e && e->kind() == kind) {
    ids.insert(std::string(e->id()));
  }
  // Every entity whose name, alias or word the text is: the name search
  // stops at its limit, so the key's entries are read whole.
  for (int32_t entry : index.names().FindExact(NameKey(text))) {
    const int32_t e = index.names().entry(entry).entity;
    if (index.entities()[e].kind() == kind) ids.insert(std::string(index.entities()[e].id()));
  }
  // And those the search finds without a title before the name.
  const NameSearchResult found =
      index.SearchNames(text, 5, [&](int32_t e) { return index.entities()[e].kind() == kind; });
  for (const NameMatch& m : found.matches) {
    if (m.kind <= v1::MATCH_KIND_WORD) ids.insert(std::string(index.entities()[m.entity].id()));
  }
  return ids;
}

absl::StatusOr<Example> CheckExample(const Index& index, int i, const v1::EntityExample& record) {
  const std::string field = absl::StrCat("examples[", i, "]");
  const absl::string_view name = absl::StripAsciiWhitespace(record.name());
  if (name.empty() || NormalizeName(name).empty()) {
    return InvalidArgument("INVALID_QUERY",
                           absl::StrCat(field, ".name is empty: every example needs a name"));
  }
  if (name.size() > kMaxQueryBytes) {
    return InvalidArgument("INVALID_QUERY", absl::StrCat(field, ".name is ", name.size(),
                                                         " bytes; at most ", kMaxQueryBytes));
  }
  if (absl::Status s = CheckQueryText(name); !s.ok()) return s;
  if (!v1::EntityKind_IsValid(record.kind())) {
    return InvalidArgument("UNKNOWN_ENUM_VALUE",
                           absl::StrCat(field, ".kind has an unknown value ", record.kind()));
  }
  Example ex;
  ex.record = &record;
  ex.title_words = TitleWords(record.title());
  if (!record.country().empty()) {
    ex.has_country = true;
    const absl::flat_hash_set<std::string> ids =
        Resolve(index, record.country(), v1::ENTITY_KIND_COUNTRY);
    if (ids.size() == 1) ex.country_id = *ids.begin();
  }
  if (!record.organization().empty()) {
    ex.has_organization = true;
    ex.organization_ids = Resolve(index, record.organization(), v1::ENTITY_KIND_ORGANIZATION);
    ex.organization_words = TitleWords(record.organization());
  }
  if (!absl::StripAsciiWhitespace(record.date()).empty()) {
    // One date, "2011", "2011-07" or "2011-07-19": the days it covers.
    absl::StatusOr<v1::FuzzyDate> date = ParseFuzzyDate(record.date(), /*allow_span=*/false);
    if (!date.ok()) {
      return InvalidArgument("INVALID_DATE",
                             absl::StrCat(field, ".date: ", date.status().message()));
    }
    ex.has_date = true;
    ex.date = ToDayInterval(*date);
  }
  return ex;
}

double OrganizationFit(const Example& ex, const v1::EntityRef& organization, const Index& index) {
  if (organization.id().empty()) return 0;
  if (ex.organization_ids.contains(organization.id())) return 1;
  const std::optional<EntityView> org = index.FindEntity(organization.id());
  if (org && ex.organization_ids.contains(org->parent_organization_id())) return 0.8;
  return Overlap(ex.organization_words, TitleWords(organization.name())) >= 0.99 ? 0.8 : 0;
}

// Scores one candidate; fills parts and the weighted mean.
void Score(const Example& ex, const Index& index, const v1::Entity& entity, const NameMatch& hit,
           v1::MatchCandidate* out) {
  v1::MatchScoreParts* parts = out->mutable_parts();
  parts->set_name(NameScore(hit, index.names().entry(hit.entry).kind));
  double total = kNameWeight * parts->name(), weights = kNameWeight;
  std::vector<std::string> why = {absl::StrFormat(
      "name %.2f (%s \"%s\")", parts->name(),
      absl::AsciiStrToLower(v1::MatchKind_Name(hit.kind).substr(11)), out->matched_name())};
  // Title, organization and date are judged together, on the position that
  // fits best: a title held at another date does not count as held then.
  const bool by_position = !ex.title_words.empty() || ex.has_date ||
                           (ex.has_organization && entity.kind() == v1::ENTITY_KIND_PERSON);
  if (by_position) {
    double best = -1, title = 0, org = 0, date = 0;
    std::string best_title;
    for (const v1::Position& p : entity.positions()) {
      const double t = Overlap(ex.title_words, TitleWords(p.title()));
      const double o = ex.has_organization ? OrganizationFit(ex, p.organization(), index) : 0;
      const double d = ex.has_date ? DateFit(p, ex.date) : 0;
      const double fit = kTitleWeight * t + kOrganizationWeight * o + kDateWeight * d;
      if (fit > best) best = fit, title = t, org = o, date = d, best_title = p.title();
    }
    if (!ex.title_words.empty()) parts->set_title(title);
    if (ex.has_organization) parts->set_organization(org);
    if (ex.has_date) parts->set_date(date);
    if (!best_title.empty()) why.push_back(absl::StrCat("as \"", best_title, "\""));
  } else if (ex.has_organization) {
    const bool is_it = ex.organization_ids.contains(entity.id()) ||
                       ex.organization_ids.contains(entity.parent_organization().id());
    parts->set_organization(is_it ? 1 : 0);
  }
  if (!ex.title_words.empty()) {
    total += kTitleWeight * parts->title(), weights += kTitleWeight;
    why.push_back(absl::StrFormat("title %.2f", parts->title()));
  }
  if (ex.has_organization) {
    total += kOrganizationWeight * parts->organization(), weights += kOrganizationWeight;
    why.push_back(absl::StrFormat("organization %.2f", parts->organization()));
  }
  if (ex.has_date) {
    total += kDateWeight * parts->date(), weights += kDateWeight;
    why.push_back(absl::StrFormat("date %.2f", parts->date()));
  }
  bool contradicts = false;
  if (ex.has_country) {
    const std::string& own =
        entity.kind() == v1::ENTITY_KIND_COUNTRY ? entity.id() : entity.country().id();
    parts->set_country(own.empty() ? 0.5 : own == ex.country_id ? 1 : 0);
    contradicts = !own.empty() && own != ex.country_id;
    total += kCountryWeight * parts->country(), weights += kCountryWeight;
    why.push_back(absl::StrFormat("country %.2f", parts->country()));
  }
  double score = total / weights;
  if (contradicts) {
    score *= 0.5;
    why.push_back("x 0.5 (another country)");
  }
  out->set_score(score);
  out->set_explanation(absl::StrCat(absl::StrJoin(why, ", "), absl::StrFormat(" = %.2f", score)));
}

}  // namespace

absl::Status Lookup::MatchEntities(const v1::MatchEntitiesRequest& request,
                                   v1::MatchEntitiesResponse* response) const {
  response->Clear();
  if (request.examples().empty()) {
    return InvalidArgument("EMPTY_BATCH", "examples is empty: pass 1 to 100 examples");
  }
  if (request.examples_size() > kMaxBatchIds) {
    return InvalidArgument(
        "BATCH_TOO_LARGE",
        absl::StrCat("examples has ", request.examples_size(),
                     " entries; split it into batches of at most ", kMaxBatchIds));
  }
  if (!(request.threshold() >= 0 && request.threshold() <= 1)) {
    return InvalidArgument(
        "INVALID_THRESHOLD",
        absl::StrCat("threshold is ", request.threshold(),
                     ": pass a score from 0 to 1 (0 = the default, ", kDefaultThreshold, ")"));
  }
  if (request.max_candidates() < 0) {
    return InvalidArgument("INVALID_PAGE_SIZE",
                           "max_candidates is negative: pass 0 (the default, 5) to 20");
  }
  absl::StatusOr<ExtractedFilter> extracted = Extracted(request.extracted());
  if (!extracted.ok()) return extracted.status();
  std::vector<Example> examples;
  for (int i = 0; i < request.examples_size(); ++i) {
    absl::StatusOr<Example> ex = CheckExample(*index_, i, request.examples(i));
    if (!ex.ok()) return ex.status();
    examples.push_back(*std::move(ex));
  }
  const double threshold = request.threshold() > 0 ? request.threshold() : kDefaultThreshold;
  const int shown = request.max_candidates() == 0
                        ? kDefaultCandidates
                        : std::min(request.max_candidates(), kMaxCandidates);
  response->set_threshold(threshold);
  for (const Example& ex : examples) {
    v1::ExampleMatches* result = response->add_results();
    const v1::EntityKind kind = ex.record->kind();
    const NameSearchResult found =
        index_->SearchNames(ex.record->name(), kCandidatesScored, [&](int32_t e) {
          const EntityView entity = index_->entities()[e];
          return extracted->Shows(entity) && (kind == 0 || entity.kind() == kind);
        });
    std::vector<v1::MatchCandidate> candidates;
    for (size_t i = 0; i < found.matches.size() && i < kCandidatesScored; ++i) {
      const NameMatch& hit = found.matches[i];
      v1::Entity entity = index_->entities()[hit.entity].ToProto();
      extracted->RemoveHidden(&entity);
      v1::MatchCandidate& c = candidates.emplace_back();
      const absl::string_view matched = index_->MatchedName(hit);
      c.set_matched_name(matched.data(), matched.size());
      Score(ex, *index_, entity, hit, &c);
      // RemoveHidden touches only positions and evidence, which a basic view leaves out.
      index_->entities()[hit.entity].CopyBasicTo(c.mutable_entity());
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return a.score() > b.score(); });
    const double second = candidates.size() > 1 ? candidates[1].score() : -1;
    for (size_t i = 0; i < candidates.size() && i < static_cast<size_t>(shown); ++i) {
      candidates[i].set_match(candidates[i].score() >= threshold);
      *result->add_candidates() = std::move(candidates[i]);
    }
    const bool clear = second < 0 || result->candidates(0).score() - second >= kAmbiguityMargin;
    result->set_matched(!candidates.empty() && result->candidates(0).match() && clear);
    result->set_ambiguous(!candidates.empty() && result->candidates(0).match() && !clear);
  }
  return absl::OkStatus();
}

}  // namespace parley
