#include "service/extract/lexicon.h"

#include <algorithm>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/base/normalize.h"
#include "service/extract/lexicon_files.h"

namespace parley {

void ExtractionLexicon::AddTrigger(v1::EventKind kind, absl::string_view words) {
  std::vector<std::string> normalized = NormalizedWords(words);
  if (normalized.empty()) return;
  auto& list = triggers_[normalized[0]];
  list.emplace_back(std::move(normalized), kind);
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

void ExtractionLexicon::AddOrganizationHead(absl::string_view word) {
  org_heads_.insert(NormalizeName(word));
}

void ExtractionLexicon::AddTitleCountry(absl::string_view words, absl::string_view country_id) {
  title_countries_.emplace_back(NormalizeName(words), std::string(country_id));
}

void ExtractionLexicon::AddPlace(absl::string_view place, absl::string_view country_id) {
  places_.emplace(NormalizeName(place), std::string(country_id));
}

void ExtractionLexicon::AddKnownOrganization(absl::string_view name, absl::string_view id,
                                             absl::string_view country_id) {
  auto add = [&](const std::string& key) {
    if (key.empty()) return;
    auto [it, inserted] = organizations_.try_emplace(
        key, KnownOrganization{std::string(id), std::string(country_id)});
    if (!inserted && it->second.id != id) it->second.id.clear();  // ambiguous
  };
  add(NameKey(name));
  // "Department of Homeland Security" is also what "Secretary of Homeland
  // Security" names (in titles only).
  const std::vector<std::string> words = NormalizedWords(name);
  for (size_t w = 0; w + 2 < words.size(); ++w) {
    if (IsOrganizationHead(words[w]) && words[w + 1] == "of") {
      std::string rest;
      for (size_t k = w + 2; k < words.size(); ++k) rest += words[k];
      if (words.size() - (w + 2) >= 2) {
        auto [it, inserted] = title_organizations_.try_emplace(
            rest, KnownOrganization{std::string(id), std::string(country_id)});
        if (!inserted && it->second.id != id) it->second.id.clear();
      }
      break;
    }
  }
}

const ExtractionLexicon::KnownOrganization* ExtractionLexicon::FindTitleOrganization(
    absl::string_view name_key) const {
  if (const KnownOrganization* org = FindOrganization(name_key)) return org;
  auto it = title_organizations_.find(name_key);
  return it == title_organizations_.end() || it->second.id.empty() ? nullptr : &it->second;
}

void ExtractionLexicon::AddTopicKeyword(absl::string_view topic_id, absl::string_view words) {
  const std::vector<std::string> normalized = NormalizedWords(words);
  if (normalized.empty()) return;
  for (auto& [topic, keywords] : topic_keywords_) {
    if (topic == topic_id) {
      keywords.push_back(absl::StrJoin(normalized, " "));
      return;
    }
  }
  topic_keywords_.push_back({std::string(topic_id), {absl::StrJoin(normalized, " ")}});
}

v1::EventKind ExtractionLexicon::TriggerAt(const std::vector<Token>& tokens, size_t i,
                                           size_t* length) const {
  auto it = triggers_.find(tokens[i].norm);
  if (it == triggers_.end()) return v1::EVENT_KIND_UNSPECIFIED;
  for (const auto& [words, kind] : it->second) {
    if (i + words.size() > tokens.size()) continue;
    bool match = true;
    for (size_t w = 1; w < words.size() && match; ++w) match = tokens[i + w].norm == words[w];
    if (match) {
      *length = words.size();
      return kind;
    }
  }
  return v1::EVENT_KIND_UNSPECIFIED;
}

std::string ExtractionLexicon::CountryOf(absl::string_view normalized_words) const {
  auto it = countries_.find(normalized_words);
  return it == countries_.end() ? "" : it->second;
}

std::string ExtractionLexicon::CountryOfPlace(absl::string_view normalized_words) const {
  auto it = places_.find(normalized_words);
  return it == places_.end() ? "" : it->second;
}

std::string ExtractionLexicon::CountryOfTitle(absl::string_view normalized_title) const {
  // The longest phrase wins: "union home secretary" (India) over "home
  // secretary" (the United Kingdom).
  const std::string padded = absl::StrCat(" ", normalized_title, " ");
  const std::string* best = nullptr;
  size_t best_size = 0;
  for (const auto& [words, country] : title_countries_) {
    if (words.size() > best_size && absl::StrContains(padded, absl::StrCat(" ", words, " "))) {
      best = &country;
      best_size = words.size();
    }
  }
  return best == nullptr ? "" : *best;
}

const ExtractionLexicon::KnownOrganization* ExtractionLexicon::FindOrganization(
    absl::string_view name_key) const {
  auto it = organizations_.find(name_key);
  return it == organizations_.end() || it->second.id.empty() ? nullptr : &it->second;
}

std::vector<std::string> ExtractionLexicon::TopicsIn(const std::vector<Token>& tokens, size_t begin,
                                                     size_t end) const {
  std::string words = " ";
  for (size_t t = begin; t < end; ++t) absl::StrAppend(&words, tokens[t].norm, " ");
  std::vector<std::string> topics;
  for (const auto& [topic, keywords] : topic_keywords_) {
    for (const std::string& keyword : keywords) {
      if (absl::StrContains(words, absl::StrCat(" ", keyword, " "))) {
        topics.push_back(topic);
        break;
      }
    }
  }
  return topics;
}

ExtractionLexicon ExtractionLexicon::FromLists(
    const std::vector<std::string>& title_heads, const std::vector<std::string>& title_modifiers,
    const std::vector<std::string>& subject_words,
    const std::vector<std::pair<std::string, std::string>>& country_names) {
  ExtractionLexicon lexicon;
  lexicon.word_sets_ = BuiltInWordSets();
  for (const std::string& e : title_heads) lexicon.title_heads_.insert(NormalizeName(e));
  for (const std::string& e : title_modifiers) lexicon.modifiers_.insert(NormalizeName(e));
  for (const std::string& e : subject_words) lexicon.subjects_.insert(NormalizeName(e));
  for (const auto& [name, id] : country_names) {
    const std::vector<std::string> words = NormalizedWords(name);
    if (words.empty()) continue;
    lexicon.countries_.emplace(absl::StrJoin(words, " "), id);
    lexicon.max_country_words_ = std::max(lexicon.max_country_words_, words.size());
  }
  return lexicon;
}

absl::StatusOr<ExtractionLexicon> ExtractionLexicon::Load(const std::string& dir,
                                                          const KnownFacts& known) {
  const std::filesystem::path root(dir);
  auto words_of = [](const absl::StatusOr<std::vector<ListEntry>>& entries) {
    std::vector<std::string> out;
    for (const ListEntry& e : *entries) out.push_back(e.text);
    return out;
  };
  absl::StatusOr<std::vector<ListEntry>> heads = ReadList(root / "title_heads.txt");
  if (!heads.ok()) return heads.status();
  absl::StatusOr<std::vector<ListEntry>> modifiers = ReadList(root / "title_modifiers.txt");
  if (!modifiers.ok()) return modifiers.status();
  absl::StatusOr<std::vector<ListEntry>> subjects = ReadList(root / "subject_words.txt");
  if (!subjects.ok()) return subjects.status();
  // Countries: the lexicon's list of the world's, then the knowledge base's.
  std::vector<std::pair<std::string, std::string>> countries;
  if (absl::Status s = ReadKeyedList(
          root / "countries.txt",
          [&](absl::string_view id, absl::string_view name) { countries.emplace_back(name, id); });
      !s.ok()) {
    return s;
  }
  for (const KnownFacts::Named& country : known.countries) {
    for (const std::string& name : country.names) countries.emplace_back(name, country.id);
  }
  absl::StatusOr<WordSets> word_sets = ReadWordSets(dir);
  if (!word_sets.ok()) return word_sets.status();
  ExtractionLexicon lexicon =
      FromLists(words_of(heads), words_of(modifiers), words_of(subjects), {});
  lexicon.word_sets_ = *std::move(word_sets);
  // Later entries (the knowledge base's) win: its ids are the ones facts use.
  for (const auto& [name, id] : countries) {
    const std::vector<std::string> words = NormalizedWords(name);
    if (words.empty()) continue;
    lexicon.countries_[absl::StrJoin(words, " ")] = id;
    lexicon.max_country_words_ = std::max(lexicon.max_country_words_, words.size());
  }
  absl::StatusOr<std::vector<ListEntry>> org_heads = ReadList(root / "organization_heads.txt");
  if (!org_heads.ok()) return org_heads.status();
  for (const ListEntry& e : *org_heads) lexicon.AddOrganizationHead(e.text);
  if (absl::Status s = ReadKeyedList(
          root / "places.txt",
          [&](absl::string_view id, absl::string_view place) { lexicon.AddPlace(place, id); });
      !s.ok()) {
    return s;
  }
  if (absl::Status s = ReadKeyedList(root / "title_countries.txt",
                                     [&](absl::string_view id, absl::string_view words) {
                                       lexicon.title_countries_.emplace_back(NormalizeName(words),
                                                                             std::string(id));
                                     });
      !s.ok()) {
    return s;
  }
  if (absl::Status s = ReadKeyedList(root / "topic_keywords.txt",
                                     [&](absl::string_view topic, absl::string_view words) {
                                       lexicon.AddTopicKeyword(topic, words);
                                     });
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::vector<ListEntry>> triggers = ReadList(root / "event_triggers.txt");
  if (!triggers.ok()) return triggers.status();
  for (const ListEntry& line : *triggers) {
    const size_t space = line.text.find_first_of(" \t");
    v1::EventKind kind;
    if (space == std::string::npos ||
        !v1::EventKind_Parse(absl::StrCat("EVENT_KIND_", line.text.substr(0, space)), &kind)) {
      return absl::InvalidArgumentError(absl::StrCat(
          (root / "event_triggers.txt").string(), ":", line.line, ": \"", line.text,
          "\": write KIND WORDS, e.g. MEETING met (kinds: MEETING, DIALOGUE, AGREEMENT_SIGNING, "
          "VISIT, STATEMENT, ANNOUNCEMENT, PRESS_CONFERENCE, INCIDENT)"));
    }
    lexicon.AddTrigger(kind, line.text.substr(space + 1));
  }
  // The knowledge base's places (event locations) and organizations.
  for (const KnownFacts::Place& place : known.places) {
    lexicon.places_.try_emplace(NormalizeName(place.city), place.country_id);
  }
  for (const KnownFacts::Named& organization : known.organizations) {
    for (const std::string& name : organization.names) {
      lexicon.AddKnownOrganization(name, organization.id, organization.country_id);
    }
  }
  return lexicon;
}

}  // namespace parley
