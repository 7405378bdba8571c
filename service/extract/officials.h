// Officials in article text (internal to extraction): people named with a
// title ("Secretary of Homeland Security Janet Napolitano", "Vinay Kwatra,
// India's Ambassador to US", "Joint Secretary in the Ministry of External
// Affairs Muanpuii Saiawi"), with the country the title gives and the
// organization it names, and later short references ("Napolitano")
// resolved to the full name. official_countries.h places the officials
// whose titles name no country.
//
// Ownership: FindOfficials returns values; it reads the ArticleText.
// Errors: none; text without titles has no officials.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_OFFICIALS_H_
#define PARLEY_SERVICE_EXTRACT_OFFICIALS_H_

#include <vector>

#include "service/extract/article_text.h"
#include "service/extract/extract.h"

namespace parley {

// The officials of the article, in text order (by name_start), short
// references included, each person's mentions sharing one country.
std::vector<ExtractedOfficial> FindOfficials(const ArticleText& article);

// One person, one country: a mention whose title says it ("his American
// counterpart Hillary Clinton") lends it to the person's other mentions.
void ShareCountries(std::vector<ExtractedOfficial>* officials);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_OFFICIALS_H_
