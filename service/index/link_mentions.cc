// Index::LinkMentions: spans of free text linked to known entities.
#include <algorithm>

#include "service/base/normalize.h"
#include "service/base/text_offsets.h"
#include "service/base/text_tokens.h"
#include "service/index/index.h"
#include "service/index/link_scoring.h"
#include "service/index/short_names.h"

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

}  // namespace

size_t Index::LinkMentions(absl::string_view text, v1::LinkMentionsResponse* response,
                           size_t max_response_bytes) const {
  const std::vector<Token> tokens = Tokenize(text);
  std::vector<MentionMatch> matches = d_.matcher.Match(tokens);
  const std::vector<ShortNameMention> short_names = FindShortNames(d_, text, tokens, &matches);
  std::vector<uint8_t> linked(tokens.size(), 0);
  for (const MentionMatch& m : matches) {
    for (uint32_t t = m.first_token; t < m.end_token; ++t) linked[t] = 1;
  }
  for (const ShortNameMention& m : short_names) {
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
           !tokens[end].bracket_before &&
           !BreaksName(text.substr(tokens[end - 1].end, tokens[end].start - tokens[end - 1].end))) {
      if (tokens[end].capitalized) last_capital = end;
      ++end;
    }
    bool only_titles = true;
    for (size_t t = i; t <= last_capital && only_titles; ++t) {
      only_titles =
          IsTitleWord(tokens[t].norm) || IsHonorific(tokens[t].norm) || IsConnector(tokens[t].norm);
    }
    if (last_capital > i && !only_titles) {
      unlinked.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(last_capital));
    }
    i = last_capital + 1;
  }
  response->mutable_spans()->Reserve(
      static_cast<int>(matches.size() + short_names.size() + unlinked.size()));
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
  auto add_candidate = [this](v1::LinkedSpan* span, int32_t entity, v1::MentionKind kind,
                              absl::string_view matched_name, double score) {
    v1::LinkCandidate* c = span->add_candidates();
    // Written in place: a temporary reference made two strings to copy and free.
    d_.entity_store[entity].CopyRefTo(c->mutable_entity());
    c->set_kind(kind);
    c->set_matched_name(matched_name.data(), matched_name.size());
    c->set_score(score);
  };
  auto add_pattern = [this, &add_candidate](v1::LinkedSpan* span, int32_t p, double score) {
    const MentionPattern& pattern = d_.matcher.pattern(p);
    add_candidate(span, pattern.entity, pattern.kind, pattern.name, score);
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
  auto add_match = [&](const MentionMatch& m) {
    v1::LinkedSpan* span = add_span(m.first_token, m.end_token - 1, true);
    if (m.all_accept) {
      // The common case: the node's candidates are already in order.
      const absl::Span<const int32_t> patterns = d_.matcher.outputs(m.node);
      span->set_candidate_count(static_cast<int32_t>(patterns.size()));
      const double* scores = d_.link_scores.data() + d_.matcher.first_output(m.node);
      for (size_t i = 0; i < patterns.size() && i < kMaxLinkCandidates; ++i) {
        add_pattern(span, patterns[i], scores[i]);
      }
      return;
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
    for (size_t i = 0; i < shown; ++i) add_pattern(span, scored[i].second, scored[i].first);
  };
  auto add_short_name = [&](const ShortNameMention& m) {
    v1::LinkedSpan* span = add_span(m.first_token, m.end_token - 1, true);
    span->set_candidate_count(1);
    add_candidate(span, m.entity, m.kind, m.name, LinkKindScore(m.kind));
  };
  // The three lists are each in text order and never overlap: merge them.
  constexpr uint32_t kEnd = UINT32_MAX;
  size_t mi = 0, si = 0, ui = 0;
  while (true) {
    const uint32_t at_match = mi < matches.size() ? matches[mi].first_token : kEnd;
    const uint32_t at_short = si < short_names.size() ? short_names[si].first_token : kEnd;
    const uint32_t at_unlinked = ui < unlinked.size() ? unlinked[ui].first : kEnd;
    if (at_match == kEnd && at_short == kEnd && at_unlinked == kEnd) break;
    if (!fits()) return response_bytes;
    if (at_match < at_short && at_match < at_unlinked) {
      add_match(matches[mi++]);
    } else if (at_short < at_unlinked) {
      add_short_name(short_names[si++]);
    } else {
      add_span(unlinked[ui].first, unlinked[ui].second, false);
      ++ui;
    }
  }
  fits();
  return response_bytes;
}

}  // namespace parley
