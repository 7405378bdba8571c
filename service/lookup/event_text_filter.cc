#include "service/lookup/event_text_filter.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/base/errors.h"
#include "service/base/normalize.h"

namespace parley {
namespace {

constexpr size_t kMaxTextFilterBytes = 200;

absl::StatusOr<std::vector<std::string>> WordsOf(absl::string_view field, absl::string_view text,
                                                 absl::string_view example) {
  if (text.size() > kMaxTextFilterBytes) {
    return InvalidArgument(
        "INVALID_FILTER", absl::StrCat(field, " is ", text.size(),
                                       " bytes long; shorten it to at most ", kMaxTextFilterBytes));
  }
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      return InvalidArgument("INVALID_FILTER",
                             absl::StrCat(field, " contains a control character: remove it"));
    }
  }
  std::vector<std::string> words = NormalizedWords(text);
  if (words.empty() && !text.empty()) {
    return InvalidArgument(
        "INVALID_FILTER",
        absl::StrCat(field, " has no letters or digits: pass words, e.g. \"", example, "\""));
  }
  return words;
}

// needle occurs as consecutive words of hay.
bool ContainsRun(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

}  // namespace

absl::StatusOr<EventTextFilter> EventTextFilter::Make(absl::string_view field,
                                                      const v1::EventFilter& filter,
                                                      const Index& index) {
  EventTextFilter f;
  absl::StatusOr<std::vector<std::string>> title =
      WordsOf(absl::StrCat(field, ".title_words"), filter.title_words(), "cyber framework");
  if (!title.ok()) return title.status();
  f.title_words_ = *std::move(title);
  absl::StatusOr<std::vector<std::string>> place =
      WordsOf(absl::StrCat(field, ".place"), filter.place(), "New Delhi");
  if (!place.ok()) return place.status();
  f.place_words_ = *std::move(place);
  if (!f.place_words_.empty()) {
    const NameSearchResult found = index.SearchNames(filter.place(), 1, [&index](int32_t e) {
      return index.entities()[e].kind() == v1::ENTITY_KIND_COUNTRY;
    });
    if (!found.matches.empty() && (found.matches[0].kind == v1::MATCH_KIND_EXACT_NAME ||
                                   found.matches[0].kind == v1::MATCH_KIND_ALIAS)) {
      f.country_id_ = std::string(index.entities()[found.matches[0].entity].id());
    }
  }
  return f;
}

absl::Status EventTextFilter::CheckPlaceIsKnown(absl::string_view field, absl::string_view place,
                                                const Index& index,
                                                absl::FunctionRef<bool(EventView)> shown) const {
  if (place_words_.empty() || !country_id_.empty()) return absl::OkStatus();
  // Each place and city once, with its events: its words are asked once.
  absl::flat_hash_map<absl::string_view, int> events_at;
  for (const EventView event : index.events()) {
    if (!shown(event)) continue;
    if (!event.place().empty()) ++events_at[event.place()];
    if (!event.city().empty() && event.city() != event.place()) ++events_at[event.city()];
  }
  std::vector<std::pair<absl::string_view, int>> places(events_at.begin(), events_at.end());
  for (const auto& [name, events] : places) {
    if (ContainsRun(NormalizedWords(name), place_words_)) return absl::OkStatus();
  }
  std::sort(places.begin(), places.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  constexpr size_t kNamed = 8;
  std::vector<std::string> named;
  for (size_t i = 0; i < places.size() && i < kNamed; ++i) {
    named.push_back(absl::StrCat(places[i].first, " (", places[i].second, ")"));
  }
  if (places.size() > kNamed) named.push_back(absl::StrCat(places.size() - kNamed, " more"));
  return InvalidArgument(
      "UNKNOWN_PLACE",
      absl::StrCat(
          field, ".place \"", place, "\": no event was held there",
          named.empty() ? "" : absl::StrCat("; events were held at ", absl::StrJoin(named, ", ")),
          "; a country's name also works (\"India\")"));
}

bool EventTextFilter::Matches(EventView event) const {
  if (!title_words_.empty()) {
    const std::vector<std::string> words = NormalizedWords(event.title());
    for (const std::string& w : title_words_) {
      if (std::find(words.begin(), words.end(), w) == words.end()) return false;
    }
  }
  if (place_words_.empty()) return true;
  if (!country_id_.empty() && event.location_country().id() == country_id_) return true;
  return ContainsRun(NormalizedWords(event.place()), place_words_) ||
         ContainsRun(NormalizedWords(event.city()), place_words_);
}

}  // namespace parley
