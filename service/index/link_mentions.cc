// Index::LinkMentions: spans of free text linked to known entities.
#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "service/base/normalize.h"
#include "service/base/text_offsets.h"
#include "service/base/text_tokens.h"
#include "service/index/index.h"
#include "service/index/link_scoring.h"

namespace parley {
namespace {

// A word inside a name ("Bank of India"): compared, not hashed, as it is
// asked of most words that follow a capitalized one.
bool IsConnector(absl::string_view word) {
  switch (word.size()) {
    case 2:
      return word == "of" || word == "on" || word == "in";
    case 3:
      return word == "and" || word == "for" || word == "the";
    default:
      return false;
  }
}

// Whether the text between two words ends a name: a clause's punctuation
// or a line break. A loop, not find_first_of: the gap is mostly one space,
// and find_first_of builds a table of the set on every call.
bool BreaksName(absl::string_view gap) {
  for (const char ch : gap) {
    if (ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '\n') return true;
  }
  return false;
}

}  // namespace

size_t Index::LinkMentions(absl::string_view text, v1::LinkMentionsResponse* response,
                           size_t max_response_bytes) const {
  // A run of titles and honorifics ("Home Minister Shri") is not a name.
  static const auto* kTitleWords = new absl::flat_hash_set<std::string>{
      "minister", "secretary",  "president",    "prime",   "home",     "deputy",
      "acting",   "ambassador", "spokesperson", "envoy",   "special",  "coordinator",
      "chief",    "director",   "general",      "foreign", "external", "affairs",
      "official", "officials",  "state",        "vice",    "senior"};
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<MentionMatch> matches = d_.matcher.Match(tokens);
  std::vector<uint8_t> linked(tokens.size(), 0);
  for (const MentionMatch& m : matches) {
    for (uint32_t t = m.first_token; t < m.end_token; ++t) linked[t] = 1;
  }
  // Unlinked runs of capitalized words (two or more; connectors inside) look
  // like names nobody has annotated yet: [first, last] token ranges.
  std::vector<std::pair<uint32_t, uint32_t>> unlinked;
  for (size_t i = 0; i < tokens.size();) {
    if (linked[i] || !tokens[i].capitalized || tokens[i].norm == "the") {
      ++i;
      continue;
    }
    size_t end = i + 1, last_capital = i;
    while (end < tokens.size() && !linked[end] &&
           (tokens[end].capitalized || IsConnector(tokens[end].norm)) &&
           !BreaksName(text.substr(tokens[end - 1].end, tokens[end].start - tokens[end - 1].end))) {
      if (tokens[end].capitalized) last_capital = end;
      ++end;
    }
    bool only_titles = true;
    for (size_t t = i; t <= last_capital && only_titles; ++t) {
      only_titles = kTitleWords->contains(tokens[t].norm) || IsHonorific(tokens[t].norm) ||
                    IsConnector(tokens[t].norm);
    }
    if (last_capital > i && !only_titles) {
      unlinked.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(last_capital));
    }
    i = last_capital + 1;
  }
  response->mutable_spans()->Reserve(static_cast<int>(matches.size() + unlinked.size()));
  OffsetConverter offsets(text);  // spans are added in text order
  auto add_span = [&](uint32_t first, uint32_t last, bool is_linked) {
    v1::LinkedSpan* span = response->add_spans();
    span->set_start_offset(static_cast<int32_t>(tokens[first].start));
    span->set_end_offset(static_cast<int32_t>(tokens[last].end));
    SetUnicodeOffsets(offsets, span);
    span->set_surface(text.data() + tokens[first].start, tokens[last].end - tokens[first].start);
    span->set_linked(is_linked);
    return span;
  };
  auto add_candidate = [this](v1::LinkedSpan* span, int32_t p, double score) {
    const MentionPattern& pattern = d_.matcher.pattern(p);
    v1::LinkCandidate* c = span->add_candidates();
    // Written in place: a temporary reference made two strings to copy and free.
    d_.entity_store[pattern.entity].CopyRefTo(c->mutable_entity());
    c->set_kind(pattern.kind);
    c->set_matched_name(pattern.name.data(), pattern.name.size());
    c->set_score(score);
  };
  // Counts the spans added since the last call; false, with the response
  // cut before the span that does not fit and marked, once they are too many.
  size_t response_bytes = 0;
  int counted = 0;
  auto fits = [&]() {
    for (; counted < response->spans_size(); ++counted) {
      const v1::LinkedSpan& span = response->spans(counted);
      response_bytes += span.ByteSizeLong() + 4;  // + tag and length
      if (response_bytes > max_response_bytes) {
        response_bytes -= span.ByteSizeLong() + 4;
        response->set_truncated(true);
        response->set_resume_offset(span.start_offset());
        response->mutable_spans()->DeleteSubrange(counted, response->spans_size() - counted);
        return false;
      }
    }
    return true;
  };
  // Both lists are in text order and never overlap: merge them.
  size_t u = 0;
  for (const MentionMatch& m : matches) {
    for (; u < unlinked.size() && unlinked[u].first < m.first_token; ++u) {
      if (!fits()) return response_bytes;
      add_span(unlinked[u].first, unlinked[u].second, false);
    }
    if (!fits()) return response_bytes;
    v1::LinkedSpan* span = add_span(m.first_token, m.end_token - 1, true);
    if (m.all_accept) {
      // The common case: the node's candidates are already in order.
      const absl::Span<const int32_t> patterns = d_.matcher.outputs(m.node);
      span->set_candidate_count(static_cast<int32_t>(patterns.size()));
      const double* scores = d_.link_scores.data() + d_.matcher.first_output(m.node);
      for (size_t i = 0; i < patterns.size() && i < kMaxLinkCandidates; ++i) {
        add_candidate(span, patterns[i], scores[i]);
      }
      continue;
    }
    // Some candidates refuse these words (case rules): rank the rest.
    const std::vector<int32_t> patterns = d_.matcher.AcceptedPatterns(m, tokens);
    double total_weight = 0;
    for (int32_t p : patterns) total_weight += LinkWeight(d_, d_.matcher.pattern(p));
    std::vector<std::pair<double, int32_t>> scored;
    scored.reserve(patterns.size());
    for (int32_t p : patterns) {
      scored.emplace_back(LinkScore(d_, d_.matcher.pattern(p), patterns.size(), total_weight), p);
    }
    const size_t shown = std::min(scored.size(), kMaxLinkCandidates);
    std::partial_sort(scored.begin(), scored.begin() + shown, scored.end(),
                      [this](const auto& a, const auto& b) {
                        if (a.first != b.first) return a.first > b.first;
                        return d_.entity_store[d_.matcher.pattern(a.second).entity].id() <
                               d_.entity_store[d_.matcher.pattern(b.second).entity].id();
                      });
    span->set_candidate_count(static_cast<int32_t>(scored.size()));
    for (size_t i = 0; i < shown; ++i) add_candidate(span, scored[i].second, scored[i].first);
  }
  for (; u < unlinked.size(); ++u) {
    if (!fits()) return response_bytes;
    add_span(unlinked[u].first, unlinked[u].second, false);
  }
  fits();
  return response_bytes;
}

}  // namespace parley
