// The commands about the articles and what they mention: docs (full-text
// search), link, mentions, doc and documents.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "client/cli/command.h"
#include "client/cli/common_flags.h"
#include "client/cli/output.h"
#include "client/table_formatter.h"

namespace parley::cli {
namespace {

void DeclareDocsFlags(FlagSet& flags) {
  flags.AddString("from", "", "Published on or after: YYYY, YYYY-MM or YYYY-MM-DD");
  flags.AddString("to", "", "Published on or before: YYYY, YYYY-MM or YYYY-MM-DD");
  flags.AddString("publisher", "", "Only articles of this publisher (words of its name)");
  flags.AddString("mentions", "", "Only articles that mention this entity (a name)");
  flags.AddBool("stem", false,
                "Match other forms of each word (not inside quotes): negotiate finds negotiations");
  AddLimitFlag(flags);
}

void DeclareMentionsFlags(FlagSet& flags) {
  flags.AddString("doc", "", "Only this document id");
  AddLimitFlag(flags);
}

// text with [start, end) ranges emphasized: bold on a terminal, plain
// otherwise; highlights are byte offsets into the document, text starts at base.
std::string Highlighted(absl::string_view text, int64_t base,
                        const google::protobuf::RepeatedPtrField<v1::Highlight>& highlights) {
  const bool terminal = UseColor();
  std::string out;
  int64_t at = 0;
  for (const v1::Highlight& h : highlights) {
    const int64_t start = h.start_offset() - base, end = h.end_offset() - base;
    if (start < at || end > static_cast<int64_t>(text.size())) continue;
    absl::StrAppend(&out, text.substr(at, start - at), terminal ? "\033[1m" : "",
                    text.substr(start, end - start), terminal ? "\033[0m" : "");
    at = end;
  }
  absl::StrAppend(&out, text.substr(at));
  return absl::StrReplaceAll(out, {{"\n", " "}});
}

// text as lines indented three spaces, fitted to OutputWidth().
std::string Indented(absl::string_view text) {
  const size_t width = OutputWidth();
  std::vector<std::string> lines = width > 3 + Table::kMinColumnWidth
                                       ? WrapToWidth(text, width - 3)
                                       : std::vector<std::string>{std::string(text)};
  std::string out;
  for (const std::string& line : lines) absl::StrAppend(&out, "   ", line, "\n");
  return out;
}

// "[10, 20) [30, 40)": where a snippet's words match, as byte offsets.
std::string MatchOffsets(const v1::Snippet& snippet) {
  std::vector<std::string> offsets;
  for (const v1::Highlight& h : snippet.highlights()) {
    offsets.push_back(ByteRangeText(h.start_offset(), h.end_offset()));
  }
  return absl::StrJoin(offsets, " ");
}

void PrintDocumentHit(int rank, const v1::DocumentHit& hit, std::ostream& out) {
  const v1::Document& d = hit.document();
  out << WrappedLines(absl::StrCat(rank, ". ", d.title()))
      << Indented(absl::StrCat(
             d.id(), " · ", d.publisher().empty() ? "publisher unknown" : d.publisher(), " · ",
             DateText(d.published()), " · score ", absl::StrFormat("%.2f", hit.score())));
  for (const v1::Snippet& s : hit.snippets()) {
    out << Indented(absl::StrCat("…", Highlighted(s.text(), s.start_offset(), s.highlights()), "…"))
        << Indented(absl::StrCat("matches at bytes ", MatchOffsets(s)));
  }
  out << Indented(hit.score_explanation());
}

// The hits as one table, for --format=csv and tsv.
Table DocumentHitsTable(const v1::SearchDocumentsResponse& response) {
  Table table({"RANK", "PUBLISHED", "PUBLISHER", "TITLE", "ID", "SCORE", "SNIPPETS", "MATCHES"});
  int rank = 0;
  for (const v1::DocumentHit& hit : response.hits()) {
    std::vector<std::string> snippets, matches;
    for (const v1::Snippet& s : hit.snippets()) {
      snippets.push_back(absl::StrReplaceAll(s.text(), {{"\n", " "}}));
      matches.push_back(MatchOffsets(s));
    }
    const v1::Document& d = hit.document();
    table.AddRow({absl::StrCat(++rank), DateText(d.published()), d.publisher(), d.title(), d.id(),
                  absl::StrFormat("%.2f", hit.score()), absl::StrJoin(snippets, " … "),
                  absl::StrJoin(matches, " ")});
  }
  return table;
}

absl::Status Docs(CommandContext& context) {
  absl::StatusOr<std::string> query = context.JoinedArgs("words or \"a phrase\" to search for");
  if (!query.ok()) return query.status();
  const FlagSet& flags = context.flags();
  v1::SearchDocumentsRequest request;
  request.set_query(*query);
  request.mutable_filter()->set_from_date(flags.GetString("from"));
  request.mutable_filter()->set_to_date(flags.GetString("to"));
  request.mutable_filter()->set_publisher(flags.GetString("publisher"));
  request.set_stem(flags.GetBool("stem"));
  if (const std::string& name = flags.GetString("mentions"); !name.empty()) {
    absl::StatusOr<v1::Entity> entity = context.Resolve(name, v1::ENTITY_KIND_UNSPECIFIED);
    if (!entity.ok()) return entity.status();
    request.mutable_filter()->add_mentioned_entity_ids(entity->id());
  }
  absl::StatusOr<v1::SearchDocumentsResponse> response =
      context.FetchAll(&v1::LookupService::Stub::SearchDocuments, request,
                       &v1::SearchDocumentsResponse::mutable_hits, flags.GetInt("limit"));
  if (!response.ok()) return response.status();
  if (context.PrintedAsJson(*response)) return absl::OkStatus();
  if (response->hits().empty()) {
    const v1::DocumentFilter& filter = request.filter();
    const bool filtered = !filter.from_date().empty() || !filter.to_date().empty() ||
                          !filter.publisher().empty() || !filter.mentioned_entity_ids().empty();
    std::string message = absl::StrCat("no article matches ", request.query());
    if (filtered)
      absl::StrAppend(&message, " among those --from, --to, --publisher and --mentions leave");
    if (!response->suggested_query().empty()) {
      absl::StrAppend(&message, "; did you mean: ", response->suggested_query(), "?");
    }
    if (!request.stem()) absl::StrAppend(&message, " (--stem also finds other forms of each word)");
    return absl::NotFoundError(message);
  }
  if (context.format() != "table") {
    context.PrintTable(*response, DocumentHitsTable(*response));
    return absl::OkStatus();
  }
  int rank = 0;
  for (const v1::DocumentHit& hit : response->hits()) PrintDocumentHit(++rank, hit, context.out());
  if (response->hits_size() < response->total_size()) {
    context.out() << CountText(response->hits_size(), response->total_size(), "article(s)") << "\n";
  }
  return absl::OkStatus();
}

absl::Status Link(CommandContext& context) {
  absl::StatusOr<std::string> text =
      ReadFileOrStdin(context.args().empty() ? "-" : context.args()[0]);
  if (!text.ok()) return text.status();
  v1::LinkMentionsRequest request;
  request.set_text(*text);
  absl::StatusOr<v1::LinkMentionsResponse> response =
      context.Call(&v1::LookupService::Stub::LinkMentions, request);
  if (!response.ok()) return response.status();
  Table table({"BYTES", "TEXT", "ENTITY", "HOW", "SCORE"});
  table.SetNotesHeader("OTHER CANDIDATES");
  int linked = 0, unlinked = 0;
  for (const v1::LinkedSpan& span : response->spans()) {
    const std::string bytes = ByteRangeText(span.start_offset(), span.end_offset());
    if (!span.linked()) {
      ++unlinked;
      table.AddRow({bytes, span.surface(), "(unknown: looks like a name)", "—", "—"});
      continue;
    }
    ++linked;
    const v1::LinkCandidate& best = span.candidates(0);
    table.AddRow({bytes, span.surface(),
                  absl::StrCat(best.entity().name(), " [", best.entity().id(), "]"),
                  absl::StrCat(MentionKindText(best.kind()), " \"", best.matched_name(), "\""),
                  absl::StrFormat("%.2f", best.score())});
    for (int i = 1; i < span.candidates_size(); ++i) {
      const v1::LinkCandidate& c = span.candidates(i);
      table.AddNote(absl::StrFormat("or %s [%s], %s, %.2f", c.entity().name(), c.entity().id(),
                                    MentionKindText(c.kind()), c.score()));
    }
  }
  context.PrintTable(
      *response, table,
      absl::StrCat(linked, " linked span(s), ", unlinked, " unlinked name-like span(s)"));
  return absl::OkStatus();
}

absl::Status Mentions(CommandContext& context) {
  absl::StatusOr<std::string> name = context.JoinedArgs("a name");
  if (!name.ok()) return name.status();
  absl::StatusOr<v1::Entity> entity = context.Resolve(*name, v1::ENTITY_KIND_UNSPECIFIED);
  if (!entity.ok()) return entity.status();
  v1::ListMentionsRequest request;
  request.set_entity_id(entity->id());
  request.set_document_id(context.flags().GetString("doc"));
  absl::StatusOr<v1::ListMentionsResponse> response = context.FetchAll(
      &v1::LookupService::Stub::ListMentions, request, &v1::ListMentionsResponse::mutable_mentions,
      context.flags().GetInt("limit"));
  if (!response.ok()) return response.status();
  if (context.PrintedWithEntityAsJson(*entity, "mentions", *response)) return absl::OkStatus();
  Table table({"DOCUMENT", "BYTES", "AS WRITTEN", "HOW"});
  for (const v1::Mention& m : response->mentions()) {
    table.AddRow({m.document_id(), ByteRangeText(m.start_offset(), m.end_offset()), m.surface(),
                  MentionKindText(m.kind())});
  }
  context.PrintTable(
      *response, table,
      absl::StrCat(CountText(response->mentions_size(), response->total_size(), "mention(s)"),
                   " of ", entity->name()));
  return absl::OkStatus();
}

absl::Status ShowDocument(CommandContext& context) {
  absl::StatusOr<std::string> id = context.JoinedArgs("a document id (see parley documents)");
  if (!id.ok()) return id.status();
  v1::GetDocumentRequest request;
  request.set_id(*id);
  absl::StatusOr<v1::Document> document =
      context.Call(&v1::LookupService::Stub::GetDocument, request);
  if (!document.ok()) return document.status();
  if (context.PrintedAsJson(*document)) return absl::OkStatus();
  const v1::Document& d = *document;
  std::ostream& out = context.out();
  out << d.title() << "\n";
  out << "Id:         " << d.id() << "\n";
  out << "Publisher:  " << (d.publisher().empty() ? "unknown" : d.publisher()) << "\n";
  if (!d.author().empty()) out << "Author:     " << d.author() << "\n";
  out << "Published:  " << DateDetail(d.published()) << "\n";
  if (!d.url().empty()) out << "URL:        " << d.url() << "\n";
  out << "File:       " << d.file_name() << " (" << d.size_bytes() << " bytes, sha256 "
      << d.sha256().substr(0, 12) << ")\n";
  std::vector<std::string> people;
  for (const v1::EntityRef& p : d.participants_of_events()) people.push_back(p.name());
  if (!people.empty()) out << "Shows:      " << absl::StrJoin(people, ", ") << "\n";
  out << "\n" << d.text();
  if (!d.text().empty() && d.text().back() != '\n') out << "\n";
  return absl::OkStatus();
}

absl::Status Documents(CommandContext& context) {
  absl::StatusOr<v1::ListDocumentsResponse> response = context.FetchAll(
      &v1::LookupService::Stub::ListDocuments, v1::ListDocumentsRequest(),
      &v1::ListDocumentsResponse::mutable_documents, context.flags().GetInt("limit"));
  if (!response.ok()) return response.status();
  Table table({"PUBLISHED", "PUBLISHER", "TITLE", "ID"});
  for (const v1::Document& d : response->documents()) {
    table.AddRow(
        {DateText(d.published()), d.publisher().empty() ? "—" : d.publisher(), d.title(), d.id()});
  }
  context.PrintTable(
      *response, table,
      response->documents_size() < response->total_size()
          ? CountText(response->documents_size(), response->total_size(), "document(s)")
          : "");
  return absl::OkStatus();
}

}  // namespace

void AddDocumentCommands(CommandRegistry& registry) {
  registry.Add({"docs", "docs QUERY",
                "Full-text search of the articles: words and \"phrases\", a OR b, a NEAR b (within "
                "10 words), -word or NOT word to exclude (operators in capitals; after --, as in "
                "parley docs -- cyber -malware), with snippets; matches are highlighted on a "
                "terminal.",
                DeclareDocsFlags, Docs, kTableFormats});
  registry.Add({"link", "link [FILE]",
                "Find the known people, organizations and countries a text mentions (FILE or "
                "standard input), and name-like spans nobody knows.",
                nullptr, Link, kTableFormats});
  registry.Add({"mentions", "mentions NAME", "Where the articles mention an entity.",
                DeclareMentionsFlags, Mentions, kTableFormats});
  registry.Add({"doc", "doc ID", "One article: metadata and text.", nullptr, ShowDocument});
  registry.Add({"documents", "documents", "The articles of the corpus.", AddLimitFlag, Documents,
                kTableFormats});
}

}  // namespace parley::cli
