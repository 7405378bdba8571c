#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tools/peer_engines.h"

namespace parley {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

namespace {
int timing_rounds = 5;
std::vector<std::string> wanted_sets;  // empty: all
}  // namespace

void SetTimingRounds(int rounds) { timing_rounds = std::max(1, rounds); }

void SetWantedSets(const std::vector<std::string>& names) { wanted_sets = names; }

bool WantedSet(absl::string_view name) {
  return wanted_sets.empty() ||
         std::find(wanted_sets.begin(), wanted_sets.end(), name) != wanted_sets.end();
}

SetResult TimeSet(const std::vector<std::string>& queries,
                  const std::function<std::vector<std::string>(const std::string&)>& query,
                  const std::vector<std::string>* intended) {
  SetResult result;
  const int rounds = timing_rounds;
  // Round r asks the queries in order; the first round asks as many as its
  // share of kSecondsPerSet allows, the others those again (fewer if they
  // run out of time: then every query is counted only as far as all rounds
  // asked it).
  std::vector<std::vector<double>> times;  // [query][round]
  std::vector<bool> found;                 // [query]: intended in the top ten, first round
  size_t asked = queries.size(), calls = 0;
  const auto all = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    const auto round_start = std::chrono::steady_clock::now();
    size_t i = 0;
    for (; i < asked && SecondsSince(round_start) < kSecondsPerSet / rounds; ++i) {
      const auto start = std::chrono::steady_clock::now();
      const std::vector<std::string> top = query(queries[i]);
      const double micros = SecondsSince(start) * 1e6;
      if (r == 0) {
        times.emplace_back();
        found.push_back(intended != nullptr &&
                        std::any_of(top.begin(), top.end(), [&](const std::string& name) {
                          return absl::EqualsIgnoreCase(name, (*intended)[i]);
                        }));
      }
      times[i].push_back(micros);
    }
    asked = i;
    calls += i;
  }
  const double seconds = SecondsSince(all);
  result.queries = asked;
  if (asked == 0) return result;
  // A query's time is the median of its rounds: a burst of the shared
  // host's noise (a millisecond here is a hundred name queries) lands in
  // one round of a query, not in the query's figure.
  // (An even number of rounds takes the upper middle.)
  for (size_t i = 0; i < asked; ++i) {
    std::vector<double>& t = times[i];
    std::nth_element(t.begin(), t.begin() + static_cast<ptrdiff_t>(t.size() / 2), t.end());
    result.micros.push_back(t[t.size() / 2]);
  }
  std::vector<double> micros = result.micros;
  std::sort(micros.begin(), micros.end());
  result.p50_us = micros[micros.size() / 2];
  result.p99_us = micros[micros.size() * 99 / 100];
  result.per_second = static_cast<double>(calls) / seconds;  // every call timed, every round
  if (intended != nullptr) {
    result.recall_at_10 = static_cast<double>(std::count(
                              found.begin(), found.begin() + static_cast<ptrdiff_t>(asked), true)) /
                          static_cast<double>(asked);
  }
  return result;
}

std::string SerializeResult(const EngineResult& result) {
  std::string text = absl::StrCat("engine ", result.engine, "\nload ", result.load_seconds, "\n");
  for (const auto& [name, set] : result.sets) {
    if (set.queries == 0) continue;  // a set left out (--sets): nothing was timed
    absl::StrAppend(&text, "set ", name, " ", set.p50_us, " ", set.p99_us, " ", set.per_second, " ",
                    set.recall_at_10, " ", set.queries, "\n");
    absl::StrAppend(&text, "micros ", name, " ", absl::StrJoin(set.micros, " "), "\n");
  }
  return text;
}

absl::StatusOr<EngineResult> ParseResult(absl::string_view text) {
  EngineResult result;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    const std::vector<std::string> f = absl::StrSplit(line, ' ');
    bool ok = true;
    if (f[0] == "engine" && f.size() == 2) {
      result.engine = f[1];
    } else if (f[0] == "load" && f.size() == 2) {
      ok = absl::SimpleAtod(f[1], &result.load_seconds);
    } else if (f[0] == "micros" && f.size() >= 2) {
      SetResult& s = result.sets[f[1]];
      for (size_t i = 2; i < f.size() && ok; ++i) {
        double us = 0;
        ok = absl::SimpleAtod(f[i], &us);
        s.micros.push_back(us);
      }
    } else if (f[0] == "set" && f.size() == 7) {
      SetResult& s = result.sets[f[1]];
      ok = absl::SimpleAtod(f[2], &s.p50_us) && absl::SimpleAtod(f[3], &s.p99_us) &&
           absl::SimpleAtod(f[4], &s.per_second) && absl::SimpleAtod(f[5], &s.recall_at_10) &&
           absl::SimpleAtoi(f[6], &s.queries);
    } else {
      ok = false;
    }
    if (!ok) return absl::InvalidArgumentError(absl::StrCat("bad result line: ", line));
  }
  if (result.engine.empty()) return absl::InvalidArgumentError("no result");
  return result;
}

namespace {

const std::vector<std::pair<std::string, std::string>>& SetNames() {
  static const auto* names = new std::vector<std::pair<std::string, std::string>>{
      {"typo", "name with 1–2 typos"},
      {"exact", "exact full name"},
      {"prefix", "4-letter prefix"},
      {"exact_whole", "exact full name, whole entities (Parley only)"},
      {"prefix_whole", "4-letter prefix, whole entities (Parley only)"},
      {"all_words", "documents, 2 words AND"},
      {"phrase", "documents, \"2-word phrase\""}};
  return *names;
}

std::string Micros(double us) {
  return us >= 1000 ? absl::StrFormat("%.2f ms", us / 1000) : absl::StrFormat("%.0f µs", us);
}

std::string Ratio(double parley, double peer) {
  if (peer <= 0) return "–";
  const double r = parley / peer;
  return r <= 1 ? absl::StrFormat("**%.2f**", r) : absl::StrFormat("%.2f", r);
}

}  // namespace

std::string MarkdownTable(const std::vector<EngineResult>& results) {
  if (results.empty() || results[0].engine != "parley") return "no results\n";
  const EngineResult& parley = results[0];
  std::string header = "| operation | Parley |";
  std::string rule = "|---|---|";
  for (size_t e = 1; e < results.size(); ++e) {
    absl::StrAppend(&header, " ", results[e].engine, " | Parley ÷ ", results[e].engine,
                    " (p50 / p99) |");
    absl::StrAppend(&rule, "---|---|");
  }
  std::string table = absl::StrCat(header, "\n", rule, "\n");
  const size_t queries = parley.sets.empty() ? 0 : parley.sets.begin()->second.queries;
  auto cell = [queries](const SetResult& s) {
    std::string text = absl::StrCat(Micros(s.p50_us), " / ", Micros(s.p99_us), ", ",
                                    absl::StrFormat("%.0f", s.per_second), "/s");
    if (s.recall_at_10 >= 0)
      absl::StrAppend(&text, absl::StrFormat(", recall@10 %.3f", s.recall_at_10));
    if (s.queries < queries) absl::StrAppend(&text, " (first ", s.queries, " queries)");
    return text;
  };
  for (const auto& [key, label] : SetNames()) {
    auto mine = parley.sets.find(key);
    if (mine == parley.sets.end()) continue;
    std::string row = absl::StrCat("| ", label, " | ", cell(mine->second), " |");
    for (size_t e = 1; e < results.size(); ++e) {
      auto theirs = results[e].sets.find(key);
      if (theirs == results[e].sets.end()) {
        absl::StrAppend(&row, " – | – |");
        continue;
      }
      // A peer stopped by the time cap is compared with Parley's figures on
      // the same first queries.
      SetResult same = mine->second;
      const size_t asked = theirs->second.queries;
      if (asked > 0 && asked < same.micros.size()) {
        std::vector<double> first(same.micros.begin(),
                                  same.micros.begin() + static_cast<ptrdiff_t>(asked));
        std::sort(first.begin(), first.end());
        same.p50_us = first[first.size() / 2];
        same.p99_us = first[first.size() * 99 / 100];
      }
      absl::StrAppend(&row, " ", cell(theirs->second), " | ",
                      Ratio(same.p50_us, theirs->second.p50_us), " / ",
                      Ratio(same.p99_us, theirs->second.p99_us), " |");
    }
    absl::StrAppend(&table, row, "\n");
  }
  std::string load = absl::StrFormat("| load + index build | %.2f s |", parley.load_seconds);
  std::string memory = absl::StrFormat("| peak resident memory | %.0f MiB |", parley.peak_rss_mib);
  for (size_t e = 1; e < results.size(); ++e) {
    absl::StrAppend(&load, absl::StrFormat(" %.2f s | %s |", results[e].load_seconds,
                                           Ratio(parley.load_seconds, results[e].load_seconds)));
    absl::StrAppend(&memory, absl::StrFormat(" %.0f MiB | %s |", results[e].peak_rss_mib,
                                             Ratio(parley.peak_rss_mib, results[e].peak_rss_mib)));
  }
  absl::StrAppend(&table, load, "\n", memory, "\n");
  return table;
}

absl::Status WriteQueries(const std::string& path, const PeerQueries& queries) {
  std::ofstream out(path);
  for (const auto& [set, list] : queries.sets) {
    for (size_t i = 0; i < list.size(); ++i) {
      out << set << '\t' << list[i] << '\t'
          << (set == "typo" && i < queries.intended.size() ? queries.intended[i] : "") << '\n';
    }
  }
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

absl::StatusOr<PeerQueries> ReadQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  PeerQueries queries;
  for (std::string line; std::getline(in, line);) {
    const std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() != 3) return absl::InvalidArgumentError(absl::StrCat(path, ": bad line ", line));
    if (!WantedSet(f[0])) continue;
    queries.sets[f[0]].push_back(f[1]);
    if (f[0] == "typo") queries.intended.push_back(f[2]);
  }
  return queries;
}

namespace {

// The quoted value after `field: "` at or after from; npos if none.
size_t QuotedValue(const std::string& line, absl::string_view field, size_t from,
                   std::string* value) {
  const size_t at = line.find(absl::StrCat(" ", field, ": \""), from);
  if (at == std::string::npos) return at;
  const size_t start = at + field.size() + 4;
  const size_t end = line.find('"', start);
  if (end == std::string::npos) return end;
  *value = line.substr(start, end - start);
  return end + 1;
}

}  // namespace

absl::StatusOr<PeerCorpus> ReadPeerCorpus(const std::string& dir, bool names) {
  namespace fs = std::filesystem;
  PeerCorpus corpus;
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "kb", error)) {
    if (names && absl::StartsWith(entry.path().filename().string(), "entities"))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    // An entity's own fields are on its first line or indented by two
    // spaces (gen_corpus and the curated files write them so); deeper lines
    // are its positions' and evidence's.
    std::ifstream in(file);
    std::string id, name;
    std::vector<std::string> aliases;
    auto flush = [&] {
      if (!id.empty() && !name.empty()) {
        corpus.names.push_back({id, name});
        for (std::string& alias : aliases) corpus.names.push_back({id, std::move(alias)});
      }
      id.clear(), name.clear(), aliases.clear();
    };
    bool in_entity = false;
    for (std::string line; std::getline(in, line);) {
      if (absl::StartsWith(line, "entities {")) {
        flush();
        in_entity = true;
      } else if (absl::StartsWith(line, "}")) {
        flush();
        in_entity = false;
        continue;
      } else if (!in_entity || !absl::StartsWith(line, "  ") || absl::StartsWith(line, "   ")) {
        continue;
      }
      std::string value;
      if (QuotedValue(line, "id", 0, &value) != std::string::npos) id = value;
      if (QuotedValue(line, "name", 0, &value) != std::string::npos) name = value;
      for (size_t at = 0; (at = QuotedValue(line, "aliases", at, &value)) != std::string::npos;) {
        aliases.push_back(value);
      }
    }
    flush();
  }
  std::vector<fs::path> articles;
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "articles", error)) {
    articles.push_back(entry.path());
  }
  std::sort(articles.begin(), articles.end());
  for (const fs::path& file : articles) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    corpus.documents.push_back(text.str());
  }
  if ((names && corpus.names.empty()) || corpus.documents.empty()) {
    return absl::NotFoundError(absl::StrCat(dir, " has no kb/entities*.textproto or no articles: ",
                                            "write one with build/tools/gen_corpus (the peers "
                                            "read the text form: not --kb_format=binary)"));
  }
  return corpus;
}

absl::StatusOr<PeerInputs> ReadPeerInputs(const std::string& corpus_dir,
                                          const std::string& queries_file, bool names) {
  absl::StatusOr<PeerQueries> queries = ReadQueries(queries_file);
  if (!queries.ok()) return queries.status();
  absl::StatusOr<PeerCorpus> corpus = ReadPeerCorpus(corpus_dir, names);
  if (!corpus.ok()) return corpus.status();
  return PeerInputs{*std::move(queries), *std::move(corpus)};
}

}  // namespace parley
