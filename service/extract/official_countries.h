// The countries (and organizations) of officials whose titles name no
// country (internal to extraction). In order: an organization named right
// before the title ("Ministry of External Affairs (MEA) official
// spokesperson Randhir Jaiswal"), the organization the title names, an
// organization the extraction found named in the title ("CSA Chief
// Executive") or right after the name ("Amit Sharma of the Ministry of
// External Affairs"), title phrases that belong to one government
// ("Secretary of State"), the delegation the person leads ("the US
// delegation was headed by X"), another mention of the same person, and
// last the dateline's country, unless the official is "visiting". Each
// appends to the official's rule what placed them.
//
// Ownership: updates the officials it is given; reads the rest.
// Errors: none; officials nothing places keep an empty country.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_OFFICIAL_COUNTRIES_H_
#define PARLEY_SERVICE_EXTRACT_OFFICIAL_COUNTRIES_H_

#include <vector>

#include "service/extract/article_text.h"
#include "service/extract/extract.h"

namespace parley {

void FindOfficialCountries(const ArticleText& article,
                           const std::vector<ExtractedOrganization>& organizations,
                           std::vector<ExtractedOfficial>* officials);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_OFFICIAL_COUNTRIES_H_
