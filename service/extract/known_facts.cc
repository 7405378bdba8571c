#include "service/extract/known_facts.h"

namespace parley {

absl::StatusOr<KnownFacts> KnownFactsOf(
    const Corpus& corpus, const absl::flat_hash_set<std::string>& withheld_organizations) {
  KnownFacts known;
  for (const auto& file : corpus.kb_files()) {
    absl::Status read = ForEachEntityRecord(*file, [&](const v1::EntityRecord& e) {
      KnownFacts::Named named;
      named.id = e.id();
      named.names.push_back(e.name());
      named.names.insert(named.names.end(), e.aliases().begin(), e.aliases().end());
      if (e.kind() == v1::ENTITY_KIND_COUNTRY) {
        named.names.insert(named.names.end(), e.demonyms().begin(), e.demonyms().end());
        known.countries.push_back(std::move(named));
      } else if (e.kind() == v1::ENTITY_KIND_ORGANIZATION &&
                 !withheld_organizations.contains(e.id())) {
        named.country_id = e.country();
        known.organizations.push_back(std::move(named));
      }
    });
    if (!read.ok()) return read;
    for (const v1::EventRecord& ev : file->kb->events()) {
      if (!ev.city().empty() && !ev.country().empty()) {
        known.places.push_back({ev.city(), ev.country()});
      }
    }
  }
  return known;
}

}  // namespace parley
