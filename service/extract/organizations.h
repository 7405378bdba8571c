// Organizations in article text (internal to extraction): capitalized
// names with an organization word ("Ministry of External Affairs",
// "Indian Computer Emergency Response Team") and their acronyms in
// parentheses ("Cybersecurity and Infrastructure Security Agency (CISA)"),
// with the country their name or context gives; names and acronyms the
// knowledge base knows ("CERT-In", "DHS") are recognised as its
// organizations.
//
// Ownership: FindOrganizations returns values; it reads its arguments.
// Errors: none.
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_EXTRACT_ORGANIZATIONS_H_
#define PARLEY_SERVICE_EXTRACT_ORGANIZATIONS_H_

#include <vector>

#include "service/extract/article_text.h"
#include "service/extract/extract.h"

namespace parley {

// The organizations of the article, in text order (by start). People's
// names (officials) are no part of them.
std::vector<ExtractedOrganization> FindOrganizations(
    const ArticleText& article, const std::vector<ExtractedOfficial>& officials);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_ORGANIZATIONS_H_
