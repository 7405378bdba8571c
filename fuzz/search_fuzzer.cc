// The query normalizer and every search path, on arbitrary text: name keys,
// entity search (exact, prefix, fuzzy), document search with phrases, and
// mention linking.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_common.h"
#include "service/base/normalize.h"
#include "service/base/text_tokens.h"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  parley::fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)parley::NormalizeName(text);
  (void)parley::NormalizedWords(text);
  (void)parley::CompactKey(text);
  (void)parley::NameKey(text);
  (void)parley::Tokenize(text);
  // Requests reach the index only as valid UTF-8 (gRPC refuses the rest).
  if (parley::FirstInvalidUtf8(text) != absl::string_view::npos) return 0;
  const parley::Lookup& lookup = parley::fuzz::BundledLookup();
  parley::v1::SearchEntitiesRequest search;
  search.set_query(text);
  parley::v1::SearchEntitiesResponse search_response;
  (void)lookup.SearchEntities(search, &search_response);
  parley::v1::SearchDocumentsRequest docs;
  docs.set_query(text);
  parley::v1::SearchDocumentsResponse docs_response;
  (void)lookup.SearchDocuments(docs, &docs_response);
  parley::v1::LinkMentionsRequest link;
  link.set_text(text);
  parley::v1::LinkMentionsResponse link_response;
  (void)lookup.LinkMentions(link, &link_response);
  // Spans must lie inside the text.
  for (const auto& span : link_response.spans()) {
    if (span.start_offset() < 0 || span.end_offset() > static_cast<int64_t>(size) ||
        span.start_offset() >= span.end_offset()) {
      __builtin_trap();
    }
  }
  return 0;
}
