// The extraction pipeline: one ArticleText per article (tokens, sentences,
// dateline), then each finder in turn, each reading what the ones before
// found: officials, organizations (which officials' names are no part of),
// the countries of officials their titles leave open (from organizations,
// delegations and the dateline), and events (whose participants are the
// officials). FindDate is in date_phrases.cc.
#include "service/extract/extract.h"

#include "service/base/normalize.h"
#include "service/extract/article_text.h"
#include "service/extract/events.h"
#include "service/extract/official_countries.h"
#include "service/extract/officials.h"
#include "service/extract/organizations.h"

namespace parley {
namespace {

// Officials (with their countries) and organizations of the article.
Extraction OfficialsAndOrganizations(const ArticleText& article) {
  Extraction extraction;
  extraction.dateline_city = article.dateline_city();
  extraction.dateline_country = article.dateline_country();
  extraction.officials = FindOfficials(article);
  extraction.organizations = FindOrganizations(article, extraction.officials);
  FindOfficialCountries(article, extraction.organizations, &extraction.officials);
  return extraction;
}

}  // namespace

Extraction ExtractArticle(absl::string_view text, const v1::FuzzyDate& published,
                          const ExtractionLexicon& lexicon) {
  const ArticleText article(text, published, lexicon);
  Extraction extraction = OfficialsAndOrganizations(article);
  FindEvents(article, &extraction);
  for (ExtractedEvent& event : extraction.events) {
    if (event.city.empty()) continue;
    event.city_country_id = lexicon.CountryOfPlace(NormalizeName(event.city));
    if (event.city_country_id.empty() && event.city == extraction.dateline_city) {
      event.city_country_id = extraction.dateline_country;
    }
  }
  return extraction;
}

std::vector<ExtractedOfficial> ExtractOfficials(absl::string_view text,
                                                const ExtractionLexicon& lexicon) {
  // Events add nothing to officials: they are not looked for.
  const v1::FuzzyDate undated;
  const ArticleText article(text, undated, lexicon);
  return OfficialsAndOrganizations(article).officials;
}

}  // namespace parley
