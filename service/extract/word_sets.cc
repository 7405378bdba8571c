#include "service/extract/word_sets.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/base/normalize.h"
#include "service/extract/lexicon_files.h"

namespace parley {
namespace {

struct WordSetSource {
  WordSet set;
  const char* file;
  const char* kind;  // "" for a file that is one plain list
  bool exact;        // entries kept as written: they are compared with raw text
};

constexpr WordSetSource kSources[] = {
    {WordSet::kNameConnector, "connectors.txt", "name", false},
    {WordSet::kTitleComplement, "connectors.txt", "title_complement", false},
    {WordSet::kOrganizationConnector, "connectors.txt", "organization", false},
    {WordSet::kUnknownTitleComplement, "connectors.txt", "unknown_title", false},
    {WordSet::kCompanyNoun, "connectors.txt", "company", false},
    {WordSet::kPredicative, "connectors.txt", "predicative", false},
    {WordSet::kFunctionWord, "function_words.txt", "", false},
    {WordSet::kSourceCue, "event_cues.txt", "source", false},
    {WordSet::kReportingVerb, "event_cues.txt", "reported", false},
    {WordSet::kPlanWord, "event_cues.txt", "plan", false},
    {WordSet::kFutureWord, "event_cues.txt", "future", false},
    {WordSet::kBackReference, "event_cues.txt", "back_reference", false},
    {WordSet::kVisitPurpose, "event_cues.txt", "purpose", false},
    {WordSet::kDialogueRoundWord, "event_cues.txt", "round", false},
    {WordSet::kFrameWord, "event_cues.txt", "frame", false},
    {WordSet::kNotTalks, "event_cues.txt", "not_talks", false},
    {WordSet::kUnrealized, "event_cues.txt", "unrealized", false},
    {WordSet::kCalledOff, "event_cues.txt", "called_off", false},
    {WordSet::kLeadVerbBeforeBy, "participant_cues.txt", "led_by", false},
    {WordSet::kLeadWordAfterName, "participant_cues.txt", "leads", false},
    {WordSet::kLedVerb, "participant_cues.txt", "led", false},
    {WordSet::kRoleVerb, "participant_cues.txt", "role", false},
    {WordSet::kVisitorNext, "participant_cues.txt", "visitor_next", false},
    {WordSet::kDelegationWord, "participant_cues.txt", "side", false},
    {WordSet::kMemberCue, "participant_cues.txt", "member", false},
    {WordSet::kPronoun, "participant_cues.txt", "pronoun", false},
    {WordSet::kHomeSide, "participant_cues.txt", "home_sides", false},
    {WordSet::kHostVerb, "participant_cues.txt", "host_verb", false},
    {WordSet::kHeadsVerb, "participant_cues.txt", "heads_verb", false},
    {WordSet::kOpeningParticiple, "participant_cues.txt", "opening_participle", false},
    {WordSet::kIssuerTitle, "participant_cues.txt", "issuer_title", false},
    {WordSet::kHonorific, "name_prefixes.txt", "honorific", false},
    {WordSet::kRank, "name_prefixes.txt", "rank", false},
    {WordSet::kRankPart, "name_prefixes.txt", "rank_part", false},
    {WordSet::kNameOrganizationLink, "name_organization_links.txt", "", true},
    {WordSet::kPlaceHead, "place_heads.txt", "", false},
};

// The word-set files, each once, in kSources order.
std::vector<std::string> WordSetFiles() {
  std::vector<std::string> files;
  for (const WordSetSource& source : kSources) {
    if (files.empty() || files.back() != source.file) files.push_back(source.file);
  }
  return files;
}

// Adds the entries of one word-set file (source names it in errors).
absl::Status AddWordSets(absl::string_view file, const std::vector<ListEntry>& entries,
                         absl::string_view source, WordSets* sets) {
  std::vector<const WordSetSource*> kinds;
  for (const WordSetSource& s : kSources) {
    if (file == s.file) kinds.push_back(&s);
  }
  auto add = [sets](const WordSetSource& s, absl::string_view entry) {
    (*sets)[static_cast<size_t>(s.set)].insert(s.exact ? std::string(entry) : NormalizeName(entry));
  };
  if (kinds.size() == 1 && *kinds[0]->kind == '\0') {
    for (const ListEntry& entry : entries) add(*kinds[0], entry.text);
    return absl::OkStatus();
  }
  const absl::Status status = ForEachKeyedEntry(
      entries, source, [&](absl::string_view kind, absl::string_view entry, int line) {
        for (const WordSetSource* s : kinds) {
          if (kind == s->kind) {
            add(*s, entry);
            return absl::OkStatus();
          }
        }
        return absl::InvalidArgumentError(absl::StrCat(
            source, ":", line, ": unknown kind \"", kind, "\" (kinds: ",
            absl::StrJoin(kinds, ", ",
                          [](std::string* out, const WordSetSource* s) { out->append(s->kind); }),
            ")"));
      });
  if (!status.ok()) return status;
  for (const WordSetSource* s : kinds) {
    if ((*sets)[static_cast<size_t>(s->set)].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ": no line for \"", s->kind, "\" (write ", s->kind, ": words)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<WordSets> ReadWordSets(const std::string& dir) {
  WordSets sets;
  for (const std::string& file : WordSetFiles()) {
    const std::filesystem::path path = std::filesystem::path(dir) / file;
    absl::StatusOr<std::vector<ListEntry>> entries = ReadList(path);
    if (!entries.ok()) return entries.status();
    if (absl::Status s = AddWordSets(file, *entries, path.string(), &sets); !s.ok()) return s;
  }
  return sets;
}

const WordSets& BuiltInWordSets() {
  static const WordSets* const kSets = [] {
    auto* sets = new WordSets;
    for (const std::string& file : WordSetFiles()) {
      const std::string source = absl::StrCat(file, " (built in)");
      absl::StatusOr<std::vector<ListEntry>> entries = ParseList(BuiltInWordList(file), source);
      absl::Status status = entries.status();
      if (status.ok()) status = AddWordSets(file, *entries, source, sets);
      // The lists are compiled in from data/lexicons, which Load() and the
      // tests check: a failure here is a build that lost one of them.
      if (!status.ok()) {
        std::fprintf(stderr, "parley: %s\n", status.ToString().c_str());
        std::abort();
      }
    }
    return sets;
  }();
  return *kSets;
}

}  // namespace parley
