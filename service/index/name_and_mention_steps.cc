// Build steps: the name index, the mention matcher and every document's
// mentions.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "service/base/normalize.h"
#include "service/base/run_concurrently.h"
#include "service/base/text_offsets.h"
#include "service/base/text_tokens.h"
#include "service/index/build_steps.h"
#include "service/index/index.h"
#include "service/index/link_scoring.h"
#include "service/index/short_names.h"

namespace parley {
namespace {

// Letters present and none of them lower case: "US", "US-CERT", "I4C"
// (words: the name's, tokenized).
bool IsAllCaps(absl::Span<const Token> words) {
  if (words.empty()) return false;
  for (const Token& w : words) {
    if (!w.all_caps) return false;
  }
  return true;
}
bool IsAllCaps(absl::string_view name) { return IsAllCaps(Tokenize(name)); }

// "S. M. Krishna" -> "SM Krishna"; "" when the name has no run of initials
// (words: the name's, tokenized).
std::string JoinInitials(absl::string_view name, absl::Span<const Token> words) {
  auto initial = [&words](size_t i) { return words[i].norm.size() == 1; };
  bool joined = false;
  for (size_t i = 1; i < words.size() && !joined; ++i) joined = initial(i) && initial(i - 1);
  if (!joined) return "";  // most names: no words copied
  std::vector<std::string> out;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string word(name.substr(words[i].start, words[i].end - words[i].start));
    if (initial(i) && !out.empty() && i > 0 && initial(i - 1)) {
      out.back() += word;
    } else {
      out.push_back(word);
    }
  }
  return absl::StrJoin(out, " ");
}

// Every run of words that ends a name (entity's name numbered name, in
// words), from its second word on, of at least min_words words and
// min_bytes bytes keyed: a MATCH_KIND_WORD entry each.
void AddTrailingWords(NameIndex& names, int32_t entity, uint32_t name,
                      const std::vector<std::string>& words, size_t min_words, size_t min_bytes) {
  for (size_t w = 1; w + min_words <= words.size(); ++w) {
    std::string key;
    for (size_t k = w; k < words.size(); ++k) key += words[k];
    if (key.size() >= min_bytes) names.Add(entity, v1::MATCH_KIND_WORD, name, key);
  }
}

}  // namespace

void BuildNameIndex(IndexData& x) {
  for (int32_t i = 0; i < x.entity_store.size(); ++i) {
    const EntityView e = x.entity_store[i];
    // Names by number (EntityView::NameNumbered): 0 the name, then aliases
    // and demonyms.
    uint32_t number = 0;
    x.names.Add(i, v1::MATCH_KIND_EXACT_NAME, number, NameKey(e.name()));
    for (absl::string_view alias : e.aliases()) {
      ++number;
      x.names.Add(i, v1::MATCH_KIND_ALIAS, number, NameKey(alias));
      // The end of an acronym in capitals: "CERT" of "US-CERT", "ATS" of
      // "NCTC-ATS" (the other words of an acronym say as much as the first).
      // A lower-case letter says at once that it is none (half the
      // generated aliases, "D. Edwards", are not tokenized for it).
      if (std::none_of(alias.begin(), alias.end(), absl::ascii_islower) && IsAllCaps(alias)) {
        AddTrailingWords(x.names, i, number, NormalizedWords(alias), 1, 3);
      }
    }
    for (absl::string_view demonym : e.demonyms()) {
      ++number;
      x.names.Add(i, v1::MATCH_KIND_ALIAS, number, NameKey(demonym));
    }
    // Trailing words of a person's name: "Napolitano", "Holl Lute"; of an
    // organization's, two words or more: "Homeland Security" of "US
    // Department of Homeland Security" (one, "Security", says too little).
    if (e.kind() == v1::ENTITY_KIND_PERSON || e.kind() == v1::ENTITY_KIND_ORGANIZATION) {
      const std::vector<std::string> words = NormalizedWords(e.name());
      AddTrailingWords(x.names, i, 0, words, e.kind() == v1::ENTITY_KIND_PERSON ? 1 : 2, 2);
      // A person's first and last words, a middle name left out: "Jane
      // Lute" of "Jane Holl Lute". Not for a middle initial ("Kimberly I.
      // Venkataraman"): leaving it out is one edit, which typos find.
      if (e.kind() == v1::ENTITY_KIND_PERSON && words.size() >= 3 &&
          std::any_of(words.begin() + 1, words.end() - 1,
                      [](const std::string& w) { return w.size() >= 2; })) {
        x.names.Add(i, v1::MATCH_KIND_WORD, 0, words.front() + words.back());
      }
    }
  }
  std::vector<double> corpus_weight;
  corpus_weight.reserve(x.entity_store.size());
  for (EntityView e : x.entity_store) corpus_weight.push_back(CorpusWeight(e.event_count()));
  x.names.Build(std::move(corpus_weight));
}

// Patterns for every name, alias, demonym and unambiguous surname; then
// every document scanned once for all of them.
void BuildMentionMatcher(IndexData& x) {
  auto surname_of = [](EntityView e) -> std::string {
    const std::vector<std::string> words = NormalizedWords(e.name());
    return words.size() >= 2 && words.back().size() >= 3 ? words.back() : "";
  };
  // Each person's surname, found once (normalizing 1M names is not free), as
  // a number among the distinct surnames (a string per person was 32 MB at
  // 1M, held through the build's peak); -1: none.
  absl::flat_hash_map<std::string, int32_t> surname_numbers;
  std::vector<int32_t> surname_count;  // per surname number
  std::vector<int32_t> surname_number(static_cast<size_t>(x.entity_store.size()), -1);
  for (EntityView e : x.entity_store) {
    if (e.kind() != v1::ENTITY_KIND_PERSON) continue;
    const std::string surname = surname_of(e);
    if (surname.empty()) continue;
    const auto [it, added] =
        surname_numbers.try_emplace(surname, static_cast<int32_t>(surname_count.size()));
    if (added) surname_count.push_back(0);
    ++surname_count[it->second];
    surname_number[e.number()] = it->second;
  }
  surname_numbers = {};
  for (int32_t i = 0; i < x.entity_store.size(); ++i) {
    const EntityView e = x.entity_store[i];
    // Each name tokenized once, for its case, its initials and its words
    // (three times before: ~2M names at 1M entities).
    auto add = [&](absl::string_view name, const std::vector<Token>& words, v1::MentionKind kind,
                   bool capital) {
      MentionPattern p;
      p.entity = i;
      p.kind = kind;
      p.name = name;
      p.requires_caps = IsAllCaps(words);
      p.requires_capital = capital;
      x.matcher.Add(words, p);
      // "S. M. Krishna" is also written "SM Krishna": join runs of initials.
      const std::string joined = JoinInitials(name, words);
      if (!joined.empty()) x.matcher.Add(joined, p);
    };
    const std::vector<Token> name_words = Tokenize(e.name());
    add(e.name(), name_words, v1::MENTION_KIND_NAME, false);
    for (absl::string_view alias : e.aliases()) {
      add(alias, Tokenize(alias), v1::MENTION_KIND_ALIAS, false);
    }
    for (absl::string_view d : e.demonyms()) add(d, Tokenize(d), v1::MENTION_KIND_DEMONYM, true);
    if (e.kind() == v1::ENTITY_KIND_PERSON) {
      if (const int32_t surname = surname_number[i]; surname >= 0 && surname_count[surname] == 1) {
        const absl::string_view last = e.name().substr(name_words.back().start);
        add(last, Tokenize(last), v1::MENTION_KIND_SURNAME, true);
      }
    }
  }
  x.matcher.Build();
  // Each node's candidates in LinkMentions order, and their scores when
  // every candidate accepts the words (the common case), side by side.
  x.matcher.SortOutputs([&x](int32_t /*node*/, absl::Span<int32_t> patterns) {
    double total = 0;
    for (int32_t p : patterns) total += LinkWeight(x, x.matcher.pattern(p));
    std::sort(patterns.begin(), patterns.end(), [&](int32_t a, int32_t b) {
      const double sa = LinkScore(x, x.matcher.pattern(a), patterns.size(), total);
      const double sb = LinkScore(x, x.matcher.pattern(b), patterns.size(), total);
      if (sa != sb) return sa > sb;
      return x.entity_store[x.matcher.pattern(a).entity].id() <
             x.entity_store[x.matcher.pattern(b).entity].id();
    });
  });
  x.link_scores.resize(x.matcher.output_count());
  for (int32_t node = 0; node < static_cast<int32_t>(x.matcher.node_count()); ++node) {
    const absl::Span<const int32_t> patterns = x.matcher.outputs(node);
    double total = 0;
    for (int32_t p : patterns) total += LinkWeight(x, x.matcher.pattern(p));
    for (size_t i = 0; i < patterns.size(); ++i) {
      x.link_scores[x.matcher.first_output(node) + i] =
          LinkScore(x, x.matcher.pattern(patterns[i]), patterns.size(), total);
    }
  }
}

namespace {

// Documents [begin, end)'s mentions, in document order, with each document's
// mentioned entities (in mentioned[d], and entities_in_document[d]: only
// its own documents' slots, as documents are split between threads).
std::vector<MentionRow> MentionsInDocuments(
    IndexData& x, int32_t begin, int32_t end,
    std::vector<std::vector<std::pair<int32_t, int32_t>>>& mentioned) {
  std::vector<MentionRow> rows;
  for (int32_t d = begin; d < end; ++d) {
    const v1::Document& doc = x.documents[d];
    // Tokenized again rather than kept from the text index: all documents'
    // tokens at once were the build's largest transient (190 MB at 1M).
    const std::vector<Token> tokens = Tokenize(doc.text());
    absl::flat_hash_map<int32_t, int32_t> counts;
    OffsetConverter offsets(doc.text());  // mentions are added in text order
    auto add_row = [&](int32_t entity, v1::MentionKind kind, uint32_t first_token,
                       uint32_t end_token) {
      MentionRow& row = rows.emplace_back();
      row.entity = entity;
      row.document = d;
      row.start = static_cast<int32_t>(tokens[first_token].start);
      row.end = static_cast<int32_t>(tokens[end_token - 1].end);
      row.kind = kind;
      const UnicodeOffset from = offsets.At(static_cast<size_t>(row.start));
      const UnicodeOffset to = offsets.At(static_cast<size_t>(row.end));
      row.start_code_point = from.code_point;
      row.end_code_point = to.code_point;
      row.start_utf16 = from.utf16;
      row.end_utf16 = to.utf16;
      ++counts[entity];
    };
    std::vector<MentionMatch> matches = x.matcher.Match(tokens);
    const std::vector<ShortNameMention> short_names =
        FindShortNames(x, doc.text(), tokens, &matches);
    // Both lists are in text order and never overlap: merged.
    auto short_name = short_names.begin();
    for (const MentionMatch& m : matches) {
      for (; short_name != short_names.end() && short_name->first_token < m.first_token;
           ++short_name) {
        add_row(short_name->entity, short_name->kind, short_name->first_token,
                short_name->end_token);
      }
      // Stored mentions are unambiguous; LinkMentions shows the rest.
      const std::vector<int32_t> patterns = x.matcher.AcceptedPatterns(m, tokens);
      const int32_t entity = x.matcher.pattern(patterns[0]).entity;
      bool one_entity = true;
      for (int32_t p : patterns) one_entity &= x.matcher.pattern(p).entity == entity;
      if (one_entity)
        add_row(entity, x.matcher.pattern(patterns[0]).kind, m.first_token, m.end_token);
    }
    for (; short_name != short_names.end(); ++short_name) {
      add_row(short_name->entity, short_name->kind, short_name->first_token, short_name->end_token);
    }
    std::vector<std::pair<int32_t, int32_t>> ranked(counts.begin(), counts.end());
    std::sort(ranked.begin(), ranked.end(), [&x](const auto& a, const auto& b) {
      if (a.second != b.second) return a.second > b.second;
      return x.entity_store[a.first].name() < x.entity_store[b.first].name();
    });
    for (const auto& [entity, count] : ranked) x.entities_in_document[d].push_back(entity);
    mentioned[d] = std::move(ranked);
    std::sort(x.entities_in_document[d].begin(), x.entities_in_document[d].end());
  }
  return rows;
}

}  // namespace

void FindMentions(IndexData& x) {
  const int32_t docs = static_cast<int32_t>(x.documents.size());
  x.entities_in_document.resize(docs);
  // Two halves on two threads (the matcher is frozen; each thread writes
  // only its own documents), joined in document order.
  const int32_t half = docs / 2;
  std::vector<std::vector<std::pair<int32_t, int32_t>>> mentioned(docs);
  std::vector<MentionRow> rows, second;
  RunConcurrently({[&] { rows = MentionsInDocuments(x, 0, half, mentioned); },
                   [&] { second = MentionsInDocuments(x, half, docs, mentioned); }});
  x.document_mentioned_offsets.reserve(docs + 1);
  x.document_mentioned_offsets.push_back(0);
  for (std::vector<std::pair<int32_t, int32_t>>& of_document : mentioned) {
    x.document_mentioned.insert(x.document_mentioned.end(), of_document.begin(), of_document.end());
    x.document_mentioned_offsets.push_back(static_cast<uint32_t>(x.document_mentioned.size()));
    of_document = {};
  }
  // Grouped by entity, stably (a counting sort of the two halves, in their
  // order, not joined first: joined, they were copied once more at the
  // build's peak): each group stays in document order.
  x.mention_ranges.assign(x.entity_store.size(), MentionRange{});
  for (const std::vector<MentionRow>* half_rows : {&rows, &second}) {
    for (const MentionRow& row : *half_rows) ++x.mention_ranges[row.entity].end;
  }
  int32_t at = 0;
  for (MentionRange& range : x.mention_ranges) {
    const int32_t count = range.end;
    range.begin = at;
    range.end = at;
    at += count;
  }
  x.mentions.resize(rows.size() + second.size());
  for (std::vector<MentionRow>* half_rows : {&rows, &second}) {
    for (const MentionRow& row : *half_rows) x.mentions[x.mention_ranges[row.entity].end++] = row;
    *half_rows = {};
  }
  for (int32_t i = 0; i < x.entity_store.size(); ++i) {
    x.entity_store.SetMentionCount(i, x.mention_ranges[i].end - x.mention_ranges[i].begin);
  }
}

}  // namespace parley
