// parley: the command-line client of a Parley server. Uses only the public
// gRPC API (parley.v1.LookupService and grpc.health.v1).
//
// Exit codes: 0 ok, 1 other error, 2 bad input or usage, 3 not found,
// 4 ambiguous name, 5 server unavailable or deadline exceeded.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "client/parley_client.h"
#include "client/table_formatter.h"

ABSL_FLAG(std::string, server, "",
          "Server target: host:port, dns:///name:port or ipv4:a:p,b:p "
          "(default $PARLEY_SERVER, else 127.0.0.1:50051)");
ABSL_FLAG(absl::Duration, deadline, absl::Seconds(5), "Deadline of every call, e.g. 500ms, 5s");
ABSL_FLAG(bool, json, false, "Print the API response as JSON instead of a table");
ABSL_FLAG(std::string, topic, "", "Topic id(s), comma-separated; 'cyber' includes its sub-topics");
ABSL_FLAG(std::string, from, "", "Earliest date: YYYY, YYYY-MM or YYYY-MM-DD (overlap semantics)");
ABSL_FLAG(std::string, to, "", "Latest date: YYYY, YYYY-MM or YYYY-MM-DD (overlap semantics)");
ABSL_FLAG(std::string, kind, "",
          "Event kind (meeting, dialogue, agreement-signing, visit, statement, announcement, "
          "press-conference, incident) or, for search, entity kind (person, organization, country)");
ABSL_FLAG(std::string, person, "", "Only events with this person (a name)");
ABSL_FLAG(std::string, country, "", "Only events involving this country (a name)");
ABSL_FLAG(std::string, org, "", "Only events involving this organization (a name)");
ABSL_FLAG(std::string, function, "",
          "Only participants with this function (signatory, delegation-lead, host, "
          "counterpart, member, spokesperson, visitor)");
ABSL_FLAG(bool, desc, false, "Newest first");
ABSL_FLAG(int32_t, limit, 0, "At most this many rows (0 = all)");
ABSL_FLAG(std::string, service, "", "health: the service to check ('' = the whole server)");
ABSL_FLAG(std::string, publisher, "",
          "docs: only articles of this publisher (words of its name); ingest: the publisher");
ABSL_FLAG(bool, curated_only, false,
          "search, person, org, entity, events, who: leave out facts extracted from unannotated "
          "articles");
ABSL_FLAG(double, min_confidence, 0,
          "search, person, org, entity, events, who: leave out extracted facts below this "
          "confidence (0-1)");
ABSL_FLAG(std::string, id, "", "ingest: document id (default: front matter id, else file name)");
ABSL_FLAG(std::string, title, "", "ingest: title (default: front matter)");
ABSL_FLAG(std::string, author, "", "ingest: author (default: front matter)");
ABSL_FLAG(std::string, published, "", "ingest: publication date YYYY[-MM[-DD]] (default: front matter)");
ABSL_FLAG(std::string, url, "", "ingest: source URL (default: front matter)");
ABSL_FLAG(std::string, mentions, "", "docs: only articles that mention this entity (a name)");
ABSL_FLAG(std::string, doc, "", "mentions: only this document id");
ABSL_FLAG(std::string, tls_ca, "", "PEM CA that signed the server's certificate: use TLS");
ABSL_FLAG(std::string, tls_cert, "", "PEM client certificate, for servers that require mutual TLS");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert");
ABSL_FLAG(std::string, tls_server_name, "",
          "Name the server certificate must carry, if not the --server host (e.g. localhost)");
ABSL_FLAG(std::string, admin, "127.0.0.1:50052", "reload, ingest: the server's admin listener");
ABSL_FLAG(std::string, admin_token_file, "", "reload, ingest: file with the admin bearer token");

namespace parley {
namespace {

using google::protobuf::Message;

enum ExitCode {
  kOk = 0,
  kError = 1,
  kBadInput = 2,
  kNotFound = 3,
  kAmbiguous = 4,
  kUnavailable = 5,
};

// A failure that ends the command with a message and an exit code.
struct Failure {
  ExitCode code;
  std::string message;
};

ExitCode ExitCodeFor(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk: return kOk;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists: return kBadInput;
    case absl::StatusCode::kNotFound: return kNotFound;
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kPermissionDenied: return kBadInput;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded: return kUnavailable;
    default: return kError;
  }
}

void Check(const absl::Status& status) {
  if (status.ok()) return;
  std::string message(status.message());
  if (status.code() == absl::StatusCode::kUnavailable ||
      status.code() == absl::StatusCode::kDeadlineExceeded) {
    message = absl::StrCat(absl::StatusCodeToString(status.code()), ": ", message,
                           " (is parley-server running at the --server address?)");
  }
  throw Failure{ExitCodeFor(status), message};
}

std::string Json(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

// "EVENT_KIND_AGREEMENT_SIGNING" -> "agreement signing".
std::string EnumWords(const std::string& name, absl::string_view prefix) {
  std::string s = name.substr(std::min(name.size(), prefix.size()));
  absl::AsciiStrToLower(&s);
  return absl::StrReplaceAll(s, {{"_", " "}});
}

std::string KindText(v1::EntityKind k) { return EnumWords(v1::EntityKind_Name(k), "ENTITY_KIND_"); }
std::string KindText(v1::EventKind k) { return EnumWords(v1::EventKind_Name(k), "EVENT_KIND_"); }
std::string FunctionText(v1::ParticipantFunction f) {
  return EnumWords(v1::ParticipantFunction_Name(f), "PARTICIPANT_FUNCTION_");
}
std::string MatchText(v1::MatchKind m) { return EnumWords(v1::MatchKind_Name(m), "MATCH_KIND_"); }

// "signing", "agreement-signing" or "AGREEMENT_SIGNING" -> the enum value.
template <typename Enum>
Enum ParseEnum(absl::string_view flag, absl::string_view text, absl::string_view prefix,
               bool (*parse)(const std::string&, Enum*),
               const std::map<std::string, std::string>& aliases = {}) {
  std::string key = absl::AsciiStrToUpper(text);
  absl::StrReplaceAll({{"-", "_"}, {" ", "_"}}, &key);
  if (auto it = aliases.find(key); it != aliases.end()) key = it->second;
  Enum value;
  if (!parse(absl::StrCat(prefix, key), &value) || static_cast<int>(value) == 0) {
    throw Failure{kBadInput, absl::StrCat("--", flag, "=", text,
                                          " is not known; see parley help for the values")};
  }
  return value;
}

std::string DateText(const v1::FuzzyDate& d) {
  if (d.year() == 0) return "—";
  return d.basis() == v1::DATE_BASIS_EXTERNAL ? absl::StrCat(d.display(), " (ext)") : d.display();
}

std::string DateDetail(const v1::FuzzyDate& d) {
  if (d.year() == 0) return "unknown";
  std::string basis;
  switch (d.basis()) {
    case v1::DATE_BASIS_STATED: basis = "stated in the text"; break;
    case v1::DATE_BASIS_RESOLVED: basis = "resolved from the publication date"; break;
    case v1::DATE_BASIS_EXTERNAL: basis = "from outside the text"; break;
    default: basis = "basis unknown"; break;
  }
  std::string out = absl::StrCat(d.display(), " (", basis);
  if (!d.basis_note().empty()) absl::StrAppend(&out, ": ", d.basis_note());
  return absl::StrCat(out, ")");
}

std::string PlaceText(const v1::Location& l) {
  if (!l.place().empty()) return l.place();
  if (!l.city().empty()) return l.city();
  if (l.has_country()) return l.country().name();
  return "—";
}

std::string EvidenceText(const v1::Evidence& e) {
  if (e.document_id().empty()) {
    return absl::StrCat("outside the text: ", e.external_source(),
                        e.note().empty() ? "" : absl::StrCat(" (", e.note(), ")"));
  }
  std::string out = absl::StrFormat("“%s” — %s [%d, %d)", e.quote(), e.document_id(),
                                    e.start_offset(), e.end_offset());
  if (!e.external_source().empty()) {
    absl::StrAppend(&out, "; outside the text: ", e.external_source());
  }
  if (!e.note().empty()) absl::StrAppend(&out, " (", e.note(), ")");
  return out;
}

std::vector<std::string> SplitList(const std::string& s) {
  return absl::StrSplit(s, ',', absl::SkipWhitespace());
}

class Cli {
 public:
  Cli(ClientOptions options, std::vector<std::string> args)
      : client_(options), args_(std::move(args)) {}

  // Each command reads its positional arguments from args_ and flags.
  void Search();
  void ShowEntity(v1::EntityKind kind);
  void Events();
  void Who();
  void ShowEvent();
  void Connections();
  void ShowDocument();
  void Documents();
  void Topics();
  void Info();
  int Health();
  void Docs();
  void Link();
  void Mentions();
  void Reload(const ClientOptions& admin_options);
  void Ingest(const ClientOptions& admin_options);

 private:
  std::string Arg(absl::string_view what) {
    if (args_.empty()) throw Failure{kBadInput, absl::StrCat("missing ", what, "; see --help")};
    return absl::StrJoin(args_, " ");
  }

  // Resolves a typed name to one entity, or fails with exit 3 or 4.
  v1::Entity Resolve(absl::string_view name, v1::EntityKind kind) {
    absl::StatusOr<NameResolution> r = client_.ResolveName(name, kind);
    Check(r.status());
    const std::string what = kind == v1::ENTITY_KIND_UNSPECIFIED ? "entity" : KindText(kind);
    if (r->entity != nullptr) {
      if (r->how != "exact name") {
        std::cerr << "(\"" << name << "\" is " << r->entity->name() << " [" << r->entity->id()
                  << "], by " << r->how << ")\n";
      }
      return *r->entity;
    }
    if (r->candidates.empty()) {
      throw Failure{kNotFound, absl::StrCat("no ", what, " named \"", name,
                                            "\"; try parley search ", name)};
    }
    std::string message = absl::StrCat("\"", name, "\" is ambiguous; it may mean:");
    for (const v1::EntityMatch& m : r->candidates) {
      absl::StrAppend(&message, "\n  ", m.entity().name(), " [", m.entity().id(), "] (",
                      MatchText(m.match_kind()), " \"", m.matched_name(), "\")");
    }
    absl::StrAppend(&message, "\nrepeat with the full name or the id in brackets");
    throw Failure{kAmbiguous, message};
  }

  static v1::ExtractedFactsFilter ExtractedFromFlags() {
    v1::ExtractedFactsFilter filter;
    filter.set_exclude(absl::GetFlag(FLAGS_curated_only));
    filter.set_min_confidence(absl::GetFlag(FLAGS_min_confidence));
    return filter;
  }

  v1::EventFilter FilterFromFlags() {
    v1::EventFilter filter;
    for (const std::string& t : SplitList(absl::GetFlag(FLAGS_topic))) filter.add_topics(t);
    filter.set_from_date(absl::GetFlag(FLAGS_from));
    filter.set_to_date(absl::GetFlag(FLAGS_to));
    for (const std::string& k : SplitList(absl::GetFlag(FLAGS_kind))) {
      filter.add_kinds(ParseEnum<v1::EventKind>("kind", k, "EVENT_KIND_", v1::EventKind_Parse,
                                                {{"SIGNING", "AGREEMENT_SIGNING"},
                                                 {"MOU", "AGREEMENT_SIGNING"}}));
    }
    if (const std::string p = absl::GetFlag(FLAGS_person); !p.empty()) {
      filter.add_participant_ids(Resolve(p, v1::ENTITY_KIND_PERSON).id());
    }
    if (const std::string c = absl::GetFlag(FLAGS_country); !c.empty()) {
      filter.add_country_ids(Resolve(c, v1::ENTITY_KIND_COUNTRY).id());
    }
    if (const std::string o = absl::GetFlag(FLAGS_org); !o.empty()) {
      filter.add_organization_ids(Resolve(o, v1::ENTITY_KIND_ORGANIZATION).id());
    }
    return filter;
  }

  v1::EventOrder OrderFromFlags() {
    return absl::GetFlag(FLAGS_desc) ? v1::EVENT_ORDER_DATE_DESCENDING
                                     : v1::EVENT_ORDER_DATE_ASCENDING;
  }

  // Calls a List RPC page by page into one response, up to --limit items.
  template <typename Request, typename Response>
  Response FetchAll(grpc::Status (v1::LookupService::Stub::*rpc)(grpc::ClientContext*,
                                                                 const Request&, Response*),
                    Request request, int (Response::*count)() const) {
    const int limit = absl::GetFlag(FLAGS_limit);
    Response all;
    for (int pages = 0; pages < 10000; ++pages) {
      Response page;
      Check(client_.Call(rpc, request, &page));
      const std::string next = page.next_page_token();
      all.MergeFrom(page);
      if (next.empty() || (limit > 0 && (all.*count)() >= limit)) break;
      request.set_page_token(next);
    }
    all.clear_next_page_token();
    return all;
  }

  void PrintParticipations(const v1::ListParticipationsResponse& response, bool with_person) {
    std::vector<std::string> headers = {"PERSON", "TITLE HELD", "SIDE", "FUNCTION", "EVENT",
                                        "DATE", "PLACE"};
    if (!with_person) headers.erase(headers.begin());
    Table table(headers);
    table.SetMaxWidth(with_person ? 1 : 0, 44);
    table.SetMaxWidth(with_person ? 4 : 3, 56);
    for (const v1::Participation& p : response.participations()) {
      // Rows extracted from text say so, with their confidence.
      const std::string function =
          p.origin() == v1::ORIGIN_EXTRACTED
              ? absl::StrFormat("%s (x %.2f)", FunctionText(p.function()), p.confidence())
              : FunctionText(p.function());
      std::vector<std::string> row = {p.person().name(), p.title(), p.side().name(), function,
                                      p.event_title(), DateText(p.event_date()),
                                      PlaceText(p.event_location())};
      if (!with_person) row.erase(row.begin());
      table.AddRow(std::move(row));
      for (const v1::Evidence& e : p.evidence()) table.AddNote(EvidenceText(e));
    }
    std::cout << table.Render();
  }

  ParleyClient client_;
  std::vector<std::string> args_;
};

void Cli::Search() {
  v1::SearchEntitiesRequest request;
  request.set_query(Arg("a name to search for"));
  *request.mutable_extracted() = ExtractedFromFlags();
  for (const std::string& k : SplitList(absl::GetFlag(FLAGS_kind))) {
    request.add_kinds(ParseEnum<v1::EntityKind>("kind", k, "ENTITY_KIND_", v1::EntityKind_Parse,
                                                {{"ORG", "ORGANIZATION"}}));
  }
  v1::SearchEntitiesResponse response =
      FetchAll(&v1::LookupService::Stub::SearchEntities, request,
               &v1::SearchEntitiesResponse::matches_size);
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(response);
    return;
  }
  if (response.matches().empty()) {
    throw Failure{kNotFound, absl::StrCat("nothing matches \"", request.query(), "\"")};
  }
  Table table({"#", "NAME", "KIND", "MATCHED", "ON", "SCORE", "ID"});
  int rank = 0;
  for (const v1::EntityMatch& m : response.matches()) {
    std::string how = MatchText(m.match_kind());
    if (m.match_kind() == v1::MATCH_KIND_FUZZY) {
      absl::StrAppend(&how, " (", m.edit_distance(), m.edit_distance() == 1 ? " edit)" : " edits)");
    }
    table.AddRow({absl::StrCat(++rank), m.entity().name(), KindText(m.entity().kind()), how,
                  m.matched_name(), absl::StrFormat("%.2f", m.score()), m.entity().id()});
    table.AddNote(absl::StrCat("score: ", m.score_explanation()));
  }
  std::cout << table.Render();
}

void Cli::ShowEntity(v1::EntityKind kind) {
  v1::GetEntityRequest get;
  get.set_id(Resolve(Arg("a name"), kind).id());
  *get.mutable_extracted() = ExtractedFromFlags();
  v1::Entity entity;
  Check(client_.Call(&v1::LookupService::Stub::GetEntity, get, &entity));
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(entity);
    return;
  }
  std::cout << entity.name() << "  (" << KindText(entity.kind()) << ", id " << entity.id()
            << (entity.origin() == v1::ORIGIN_EXTRACTED
                    ? absl::StrFormat(", extracted from text, confidence %.2f", entity.confidence())
                    : "")
            << ")\n";
  if (entity.has_country()) std::cout << "Country:   " << entity.country().name() << "\n";
  if (entity.has_parent_organization()) {
    std::cout << "Part of:   " << entity.parent_organization().name() << "\n";
  }
  if (!entity.aliases().empty()) {
    std::cout << "Aliases:   " << absl::StrJoin(entity.aliases(), ", ") << "\n";
  }
  if (!entity.description().empty()) std::cout << "About:     " << entity.description() << "\n";
  for (const v1::Evidence& e : entity.evidence()) std::cout << "Evidence:  " << EvidenceText(e) << "\n";
  if (!entity.positions().empty()) std::cout << "Positions:\n";
  for (const v1::Position& p : entity.positions()) {
    std::vector<std::string> where;
    if (p.has_organization()) where.push_back(p.organization().name());
    if (p.has_country()) where.push_back(p.country().name());
    std::cout << "  " << p.title() << (where.empty() ? "" : " — ") << absl::StrJoin(where, ", ")
              << (p.origin() == v1::ORIGIN_EXTRACTED
                      ? absl::StrFormat("  [extracted: %s, confidence %.2f]", p.extraction_rule(),
                                        p.confidence())
                      : "")
              << "\n";
    if (!p.disagreement().empty()) {
      std::cout << "    disagrees with the curated facts: " << p.disagreement() << "\n";
    }
    std::vector<std::string> dates;
    for (const v1::FuzzyDate& d : p.held_on()) dates.push_back(DateText(d));
    if (!dates.empty()) std::cout << "    held on: " << absl::StrJoin(dates, ", ") << "\n";
    for (const v1::Evidence& e : p.evidence()) std::cout << "    " << EvidenceText(e) << "\n";
  }
  std::cout << "Mentioned: " << entity.mention_count() << " time(s) in the articles"
            << (entity.mention_count() > 0 ? absl::StrCat("; see parley mentions \"", entity.name(), "\"")
                                           : "")
            << "\n";
  if (entity.kind() == v1::ENTITY_KIND_PERSON) {
    v1::ListParticipationsRequest request;
    request.add_person_ids(entity.id());
    const v1::ListParticipationsResponse rows =
        FetchAll(&v1::LookupService::Stub::ListParticipations, request,
                 &v1::ListParticipationsResponse::participations_size);
    std::cout << "Took part in " << rows.participations_size() << " event(s)"
              << (rows.participations().empty() ? ".\n" : ":\n");
    if (!rows.participations().empty()) PrintParticipations(rows, /*with_person=*/false);
  } else {
    std::cout << "Involved in " << entity.event_count() << " event(s)"
              << (entity.event_count() > 0 ? absl::StrCat("; see parley events --",
                                                          entity.kind() == v1::ENTITY_KIND_COUNTRY
                                                              ? "country"
                                                              : "org",
                                                          " \"", entity.name(), "\"")
                                           : "")
              << "\n";
  }
}

void Cli::Events() {
  v1::ListEventsRequest request;
  *request.mutable_filter() = FilterFromFlags();
  request.set_order(OrderFromFlags());
  *request.mutable_extracted() = ExtractedFromFlags();
  const v1::ListEventsResponse response = FetchAll(&v1::LookupService::Stub::ListEvents, request,
                                                   &v1::ListEventsResponse::events_size);
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(response);
    return;
  }
  Table table({"DATE", "KIND", "EVENT", "PLACE", "PARTICIPANTS", "ID"});
  table.SetMaxWidth(2, 72);
  table.SetMaxWidth(4, 40);
  for (const v1::Event& e : response.events()) {
    std::vector<std::string> people;
    for (const v1::Participant& p : e.participants()) people.push_back(p.entity().name());
    // Extracted facts are marked: the event "(x 0.80)", its people "*".
    for (size_t i = 0; i < people.size(); ++i) {
      if (e.participants(static_cast<int>(i)).origin() == v1::ORIGIN_EXTRACTED &&
          e.origin() != v1::ORIGIN_EXTRACTED) {
        people[i] += "*";
      }
    }
    table.AddRow({DateText(e.date()),
                  e.origin() == v1::ORIGIN_EXTRACTED
                      ? absl::StrFormat("%s (x %.2f)", KindText(e.kind()), e.confidence())
                      : KindText(e.kind()),
                  e.title(), PlaceText(e.location()),
                  people.empty() ? "—" : absl::StrJoin(people, ", "), e.id()});
  }
  std::cout << table.Render() << response.events_size() << " event(s)";
  const bool any_extracted =
      std::any_of(response.events().begin(), response.events().end(), [](const v1::Event& e) {
        return e.origin() == v1::ORIGIN_EXTRACTED ||
               std::any_of(e.participants().begin(), e.participants().end(),
                           [](const v1::Participant& p) { return p.origin() == v1::ORIGIN_EXTRACTED; });
      });
  std::cout << (any_extracted ? "; (x 0.80): extracted from text, with its confidence; "
                                "*: participant extracted from text (--curated_only leaves them out)"
                              : "")
            << "\n";
}

void Cli::Who() {
  v1::ListParticipationsRequest request;
  *request.mutable_filter() = FilterFromFlags();
  request.set_order(OrderFromFlags());
  for (const std::string& f : SplitList(absl::GetFlag(FLAGS_function))) {
    request.add_functions(ParseEnum<v1::ParticipantFunction>(
        "function", f, "PARTICIPANT_FUNCTION_", v1::ParticipantFunction_Parse));
  }
  *request.mutable_extracted() = ExtractedFromFlags();
  const v1::ListParticipationsResponse response =
      FetchAll(&v1::LookupService::Stub::ListParticipations, request,
               &v1::ListParticipationsResponse::participations_size);
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(response);
    return;
  }
  PrintParticipations(response, /*with_person=*/true);
  std::cout << response.participations_size() << " participation(s)\n";
}

void Cli::ShowEvent() {
  v1::GetEventRequest request;
  request.set_id(Arg("an event id (see parley events)"));
  v1::Event e;
  Check(client_.Call(&v1::LookupService::Stub::GetEvent, request, &e));
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(e);
    return;
  }
  std::cout << e.title() << "  (" << KindText(e.kind()) << ", id " << e.id()
            << (e.origin() == v1::ORIGIN_EXTRACTED
                    ? absl::StrFormat(", extracted from text, confidence %.2f", e.confidence())
                    : "")
            << ")\n";
  std::cout << "Date:      " << DateDetail(e.date()) << "\n";
  std::cout << "Place:     " << PlaceText(e.location()) << "\n";
  std::vector<std::string> names;
  for (const v1::EntityRef& c : e.countries()) names.push_back(c.name());
  if (!names.empty()) std::cout << "Countries: " << absl::StrJoin(names, ", ") << "\n";
  names.clear();
  for (const v1::EntityRef& o : e.organizations()) names.push_back(o.name());
  if (!names.empty()) std::cout << "Orgs:      " << absl::StrJoin(names, ", ") << "\n";
  std::cout << "Topics:    " << absl::StrJoin(e.topics(), ", ") << "\n";
  if (!e.part_of_event_id().empty()) std::cout << "Part of:   " << e.part_of_event_id() << "\n";
  if (!e.summary().empty()) std::cout << "Summary:   " << e.summary() << "\n";
  if (e.participants().empty()) {
    std::cout << "Participants: none named in the corpus\n";
  } else {
    std::cout << "Participants:\n";
    Table table({"PERSON", "TITLE HELD", "SIDE", "FUNCTION"});
    for (const v1::Participant& p : e.participants()) {
      table.AddRow({p.entity().name(), p.title(), p.side().name(),
                    p.origin() == v1::ORIGIN_EXTRACTED
                        ? absl::StrFormat("%s (x %.2f)", FunctionText(p.function()), p.confidence())
                        : FunctionText(p.function())});
      for (const v1::Evidence& ev : p.evidence()) table.AddNote(EvidenceText(ev));
    }
    std::cout << table.Render();
  }
  std::cout << "Evidence:\n";
  for (const v1::Evidence& ev : e.evidence()) std::cout << "  " << EvidenceText(ev) << "\n";
}

void Cli::Connections() {
  const v1::Entity entity = Resolve(Arg("a name"), v1::ENTITY_KIND_UNSPECIFIED);
  v1::ListConnectionsRequest request;
  request.set_entity_id(entity.id());
  v1::ListConnectionsResponse response =
      FetchAll(&v1::LookupService::Stub::ListConnections, request,
               &v1::ListConnectionsResponse::connections_size);
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(response);
    return;
  }
  if (response.connections().empty()) {
    std::cout << entity.name() << " took part in no event together with anyone else.\n";
    return;
  }
  std::cout << "Took part in events together with " << entity.name() << ":\n";
  Table table({"PERSON", "SHARED", "EVENTS"});
  table.SetMaxWidth(2, 90);
  for (const v1::Connection& c : response.connections()) {
    std::vector<std::string> events;
    for (const v1::EventRef& e : c.shared_events()) {
      events.push_back(absl::StrCat(e.title(), " (", e.date().display(), ")"));
    }
    table.AddRow({c.entity().name(), absl::StrCat(c.shared_events_size()),
                  absl::StrJoin(events, "; ")});
  }
  std::cout << table.Render();
}

void Cli::ShowDocument() {
  v1::GetDocumentRequest request;
  request.set_id(Arg("a document id (see parley documents)"));
  v1::Document d;
  Check(client_.Call(&v1::LookupService::Stub::GetDocument, request, &d));
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(d);
    return;
  }
  std::cout << d.title() << "\n";
  std::cout << "Id:         " << d.id() << "\n";
  std::cout << "Publisher:  " << (d.publisher().empty() ? "unknown" : d.publisher()) << "\n";
  if (!d.author().empty()) std::cout << "Author:     " << d.author() << "\n";
  std::cout << "Published:  " << DateDetail(d.published()) << "\n";
  if (!d.url().empty()) std::cout << "URL:        " << d.url() << "\n";
  std::cout << "File:       " << d.file_name() << " (" << d.size_bytes() << " bytes, sha256 "
            << d.sha256().substr(0, 12) << ")\n";
  std::vector<std::string> people;
  for (const v1::EntityRef& p : d.participants_of_events()) people.push_back(p.name());
  if (!people.empty()) std::cout << "Shows:      " << absl::StrJoin(people, ", ") << "\n";
  std::cout << "\n" << d.text();
  if (!d.text().empty() && d.text().back() != '\n') std::cout << "\n";
}

void Cli::Documents() {
  v1::ListDocumentsRequest request;
  const v1::ListDocumentsResponse response =
      FetchAll(&v1::LookupService::Stub::ListDocuments, request,
               &v1::ListDocumentsResponse::documents_size);
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(response);
    return;
  }
  Table table({"PUBLISHED", "PUBLISHER", "TITLE", "ID"});
  table.SetMaxWidth(1, 30);
  table.SetMaxWidth(2, 60);
  for (const v1::Document& d : response.documents()) {
    table.AddRow({DateText(d.published()), d.publisher().empty() ? "—" : d.publisher(), d.title(),
                  d.id()});
  }
  std::cout << table.Render();
}

void Cli::Topics() {
  v1::ListTopicsResponse response;
  Check(client_.Call(&v1::LookupService::Stub::ListTopics, v1::ListTopicsRequest(), &response));
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(response);
    return;
  }
  Table table({"TOPIC", "NAME", "PART OF"});
  for (const v1::Topic& t : response.topics()) {
    table.AddRow({t.id(), t.name(), t.parent_id().empty() ? "—" : t.parent_id()});
  }
  std::cout << table.Render();
}

void Cli::Info() {
  v1::IndexInfo info;
  Check(client_.Call(&v1::LookupService::Stub::GetIndexInfo, v1::GetIndexInfoRequest(), &info));
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(info);
    return;
  }
  using google::protobuf::util::TimeUtil;
  std::cout << "People:          " << info.person_count() << "\n"
            << "Organizations:   " << info.organization_count() << "\n"
            << "Countries:       " << info.country_count() << "\n"
            << "Events:          " << info.event_count() << "\n"
            << "Participations:  " << info.participation_count() << "\n"
            << "Documents:       " << info.document_count() << "\n"
            << "Topics:          " << info.topic_count() << "\n"
            << "Evidence quotes: " << info.evidence_count() << "\n"
            << "Corpus sha256:   " << info.content_sha256() << "\n"
            << "Data directory:  " << info.data_dir() << "\n"
            << "Built at:        " << TimeUtil::ToString(info.build_time()) << "\n"
            << "Build took:      "
            << absl::StrFormat("%.1f ms",
                               TimeUtil::DurationToMicroseconds(info.build_duration()) / 1000.0)
            << "\n"
            << "Generation:      " << info.generation() << "\n"
            << "Reloads:         " << info.reload_count() << "\n"
            << "Reload failures: " << info.reload_failure_count() << "\n";
  if (info.has_last_reload_time()) {
    std::cout << "Last reload:     " << TimeUtil::ToString(info.last_reload_time())
              << (info.last_reload_error().empty() ? " (ok)" : " (failed)") << "\n";
  }
  if (!info.last_reload_error().empty()) {
    std::cout << "Last error:      " << info.last_reload_error() << "\n";
  }
}

int Cli::Health() {
  const std::string service = absl::GetFlag(FLAGS_service);
  absl::StatusOr<grpc::health::v1::HealthCheckResponse::ServingStatus> status =
      client_.Health(service);
  Check(status.status());
  const std::string name = grpc::health::v1::HealthCheckResponse::ServingStatus_Name(*status);
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << "{\"status\": \"" << name << "\"}\n";
  } else {
    std::cout << name << "\n";
  }
  return *status == grpc::health::v1::HealthCheckResponse::SERVING ? kOk : kUnavailable;
}

std::string MentionKindText(v1::MentionKind k) {
  return EnumWords(v1::MentionKind_Name(k), "MENTION_KIND_");
}

// text with [start, end) ranges emphasized: bold on a terminal, plain otherwise.
std::string Highlighted(absl::string_view text, int64_t base,
                        const google::protobuf::RepeatedPtrField<v1::Highlight>& highlights) {
  const bool terminal = isatty(STDOUT_FILENO) != 0;
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

void Cli::Docs() {
  v1::SearchDocumentsRequest request;
  request.set_query(Arg("words or \"a phrase\" to search for"));
  request.mutable_filter()->set_from_date(absl::GetFlag(FLAGS_from));
  request.mutable_filter()->set_to_date(absl::GetFlag(FLAGS_to));
  request.mutable_filter()->set_publisher(absl::GetFlag(FLAGS_publisher));
  if (const std::string m = absl::GetFlag(FLAGS_mentions); !m.empty()) {
    request.mutable_filter()->add_mentioned_entity_ids(Resolve(m, v1::ENTITY_KIND_UNSPECIFIED).id());
  }
  const v1::SearchDocumentsResponse response = FetchAll(
      &v1::LookupService::Stub::SearchDocuments, request, &v1::SearchDocumentsResponse::hits_size);
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(response);
    return;
  }
  if (response.hits().empty()) {
    throw Failure{kNotFound, absl::StrCat("no article contains ", request.query())};
  }
  int rank = 0;
  for (const v1::DocumentHit& hit : response.hits()) {
    const v1::Document& d = hit.document();
    std::cout << ++rank << ". " << d.title() << "\n   " << d.id() << " · "
              << (d.publisher().empty() ? "publisher unknown" : d.publisher()) << " · "
              << DateText(d.published()) << " · score " << absl::StrFormat("%.2f", hit.score())
              << "\n";
    for (const v1::Snippet& s : hit.snippets()) {
      std::cout << "   …" << Highlighted(s.text(), s.start_offset(), s.highlights()) << "…\n";
      std::vector<std::string> offsets;
      for (const v1::Highlight& h : s.highlights()) {
        offsets.push_back(absl::StrCat("[", h.start_offset(), ", ", h.end_offset(), ")"));
      }
      std::cout << "   matches at bytes " << absl::StrJoin(offsets, " ") << "\n";
    }
    std::cout << "   " << hit.score_explanation() << "\n";
  }
}

// The bytes of FILE, or of standard input for "-".
std::string ReadInput(const std::string& path) {
  std::stringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure{kBadInput, absl::StrCat("cannot read ", path)};
    buffer << in.rdbuf();
  }
  return buffer.str();
}

void Cli::Link() {
  const std::string text = ReadInput(args_.empty() ? "-" : args_[0]);
  v1::LinkMentionsRequest request;
  request.set_text(text);
  v1::LinkMentionsResponse response;
  Check(client_.Call(&v1::LookupService::Stub::LinkMentions, request, &response));
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(response);
    return;
  }
  Table table({"BYTES", "TEXT", "ENTITY", "HOW", "SCORE"});
  int linked = 0, unlinked = 0;
  for (const v1::LinkedSpan& span : response.spans()) {
    const std::string bytes = absl::StrCat("[", span.start_offset(), ", ", span.end_offset(), ")");
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
  std::cout << table.Render() << linked << " linked span(s), " << unlinked
            << " unlinked name-like span(s)\n";
}

void Cli::Mentions() {
  const v1::Entity entity = Resolve(Arg("a name"), v1::ENTITY_KIND_UNSPECIFIED);
  v1::ListMentionsRequest request;
  request.set_entity_id(entity.id());
  request.set_document_id(absl::GetFlag(FLAGS_doc));
  const v1::ListMentionsResponse response = FetchAll(
      &v1::LookupService::Stub::ListMentions, request, &v1::ListMentionsResponse::mentions_size);
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(response);
    return;
  }
  Table table({"DOCUMENT", "BYTES", "AS WRITTEN", "HOW"});
  for (const v1::Mention& m : response.mentions()) {
    table.AddRow({m.document_id(), absl::StrCat("[", m.start_offset(), ", ", m.end_offset(), ")"),
                  m.surface(), MentionKindText(m.kind())});
  }
  std::cout << table.Render() << response.mentions_size() << " mention(s) of " << entity.name()
            << "\n";
}

void Cli::Reload(const ClientOptions& admin_options) {
  ParleyClient admin(admin_options);
  absl::StatusOr<v1::ReloadResponse> response = admin.Reload();
  Check(response.status());
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(*response);
    return;
  }
  const v1::IndexInfo& info = response->info();
  std::cout << "Reloaded: generation " << info.generation() << " serving " << info.event_count()
            << " events, " << info.document_count() << " documents (corpus sha256 "
            << info.content_sha256().substr(0, 12) << ")\n";
}

void Cli::Ingest(const ClientOptions& admin_options) {
  if (args_.size() != 1) throw Failure{kBadInput, "ingest takes one FILE (or - for stdin)"};
  std::string text = ReadInput(args_[0]);
  // Metadata: flags win over the file's own front matter (corpus format).
  absl::flat_hash_map<std::string, std::string> meta;
  if (absl::StartsWith(text, "---\n")) {
    const size_t end = text.find("\n---\n", 3);
    if (end == std::string::npos) {
      throw Failure{kBadInput, absl::StrCat(args_[0], ": front matter opened with --- is never "
                                                      "closed: end it with a line \"---\"")};
    }
    for (absl::string_view line : absl::StrSplit(absl::string_view(text).substr(4, end - 3), '\n',
                                                 absl::SkipEmpty())) {
      const size_t colon = line.find(':');
      if (colon == absl::string_view::npos) continue;
      meta[std::string(absl::StripAsciiWhitespace(line.substr(0, colon)))] =
          std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
    }
    text = text.substr(end + 5);
  }
  auto pick = [&](const std::string& flag, const char* key) {
    return flag.empty() ? meta[key] : flag;
  };
  v1::IngestDocumentRequest request;
  request.set_text(text);
  request.set_document_id(pick(absl::GetFlag(FLAGS_id), "id"));
  if (request.document_id().empty() && args_[0] != "-") {
    request.set_document_id(std::filesystem::path(args_[0]).stem().string());
  }
  request.set_title(pick(absl::GetFlag(FLAGS_title), "title"));
  request.set_publisher(pick(absl::GetFlag(FLAGS_publisher), "publisher"));
  request.set_author(pick(absl::GetFlag(FLAGS_author), "author"));
  request.set_published(pick(absl::GetFlag(FLAGS_published), "published"));
  request.set_url(pick(absl::GetFlag(FLAGS_url), "url"));
  ParleyClient admin(admin_options);
  absl::StatusOr<v1::IngestDocumentResponse> response = admin.IngestDocument(request);
  Check(response.status());
  if (absl::GetFlag(FLAGS_json)) {
    std::cout << Json(*response);
    return;
  }
  const v1::Document& doc = response->document();
  std::cout << "Ingested " << doc.id() << " (" << doc.file_name() << ", " << doc.size_bytes()
            << " bytes): generation " << response->info().generation() << " serving "
            << response->info().document_count() << " documents\n";
  for (const v1::MentionedEntity& m : doc.mentioned_entities()) {
    std::cout << "  mentions " << m.entity().name() << " (" << m.entity().id() << ") x"
              << m.count() << "\n";
  }
}

struct Command {
  const char* name;
  const char* usage;
  const char* help;
  std::vector<const char*> flags;
  std::function<int(Cli&)> run;
};

const std::vector<Command>& Commands() {
  static const auto* commands = new std::vector<Command>{
      {"search", "search NAME", "Find people, organizations and countries by name, alias or "
       "prefix; shows how each hit matched and its score.",
       {"kind", "limit", "curated_only", "min_confidence"},
       [](Cli& c) { c.Search(); return 0; }},
      {"person", "person NAME", "A person: positions held with evidence and dates, and the "
       "events they took part in.", {"curated_only", "min_confidence"},
       [](Cli& c) { c.ShowEntity(v1::ENTITY_KIND_PERSON); return 0; }},
      {"org", "org NAME", "An organization: aliases, parent, evidence.",
       {"curated_only", "min_confidence"},
       [](Cli& c) { c.ShowEntity(v1::ENTITY_KIND_ORGANIZATION); return 0; }},
      {"entity", "entity NAME", "Any entity by name (person, organization or country).",
       {"curated_only", "min_confidence"},
       [](Cli& c) { c.ShowEntity(v1::ENTITY_KIND_UNSPECIFIED); return 0; }},
      {"events", "events", "Events, by date, filtered by topic, dates, kind, person, country, "
       "organization.",
       {"topic", "from", "to", "kind", "person", "country", "org", "desc", "limit", "curated_only",
        "min_confidence"},
       [](Cli& c) { c.Events(); return 0; }},
      {"who", "who", "Who took part in what: person, title held, side, function, event, date, "
       "place, and the quote that shows it.",
       {"topic", "from", "to", "kind", "person", "country", "org", "function", "desc", "limit",
        "curated_only", "min_confidence"},
       [](Cli& c) { c.Who(); return 0; }},
      {"event", "event ID", "One event: date with its basis, place, participants, evidence.", {},
       [](Cli& c) { c.ShowEvent(); return 0; }},
      {"connections", "connections NAME", "People who took part in events together with NAME.",
       {"limit"}, [](Cli& c) { c.Connections(); return 0; }},
      {"docs", "docs QUERY", "Full-text search of the articles (words and \"phrases\"), with "
       "snippets; matches are highlighted on a terminal.",
       {"from", "to", "publisher", "mentions", "limit"}, [](Cli& c) { c.Docs(); return 0; }},
      {"link", "link [FILE]", "Find the known people, organizations and countries a text "
       "mentions (FILE or standard input), and name-like spans nobody knows.", {},
       [](Cli& c) { c.Link(); return 0; }},
      {"mentions", "mentions NAME", "Where the articles mention an entity.", {"doc", "limit"},
       [](Cli& c) { c.Mentions(); return 0; }},
      {"doc", "doc ID", "One article: metadata and text.", {},
       [](Cli& c) { c.ShowDocument(); return 0; }},
      {"documents", "documents", "The articles of the corpus.", {"limit"},
       [](Cli& c) { c.Documents(); return 0; }},
      {"topics", "topics", "The topic vocabulary.", {}, [](Cli& c) { c.Topics(); return 0; }},
      {"info", "info", "Index counts, corpus hash and build time.", {},
       [](Cli& c) { c.Info(); return 0; }},
      {"health", "health", "Health of the server (exit 0 if SERVING, 5 otherwise).", {"service"},
       [](Cli& c) { return c.Health(); }},
      {"reload", "reload", "Rebuild the server's index from disk and swap it in (admin API).",
       {"admin", "admin_token_file"}, nullptr},
      {"ingest", "ingest FILE", "Add an article (FILE or - for stdin; front matter allowed) to "
       "the corpus and serve it (admin API).",
       {"id", "title", "publisher", "author", "published", "url", "admin", "admin_token_file"},
       nullptr},
  };
  return *commands;
}

std::string GeneralUsage() {
  std::string out =
      "parley: ask a Parley server who took part in which India-US cyber-security meetings, "
      "when, where, in what role, and on what evidence.\n\nUsage: parley COMMAND [ARGS] "
      "[--server=HOST:PORT] [--deadline=5s] [--json]\n\nCommands:\n";
  for (const Command& c : Commands()) {
    absl::StrAppend(&out, absl::StrFormat("  %-18s %s\n", c.usage, c.help));
  }
  absl::StrAppend(&out,
                  "\nExamples:\n  parley search Napolitano\n  parley person \"Janet Napolitano\"\n"
                  "  parley who --topic cyber\n  parley events --topic cyber --from 2011 --to 2016\n"
                  "  parley docs \"fake currency\"\n"
                  "\n'parley COMMAND --help' describes a command. Exit codes: 0 ok, 1 error, "
                  "2 bad input, 3 not found, 4 ambiguous name, 5 server unavailable.\n");
  return out;
}

std::string CommandUsage(const Command& c) {
  std::string out = absl::StrCat("Usage: parley ", c.usage, " [flags]\n\n", c.help, "\n\nFlags:\n");
  std::vector<const char*> flags = c.flags;
  for (const char* common :
       {"server", "deadline", "json", "tls_ca", "tls_cert", "tls_key", "tls_server_name"}) {
    flags.push_back(common);
  }
  for (const char* flag : flags) {
    const absl::CommandLineFlag* f = absl::FindCommandLineFlag(flag);
    absl::StrAppend(&out, absl::StrFormat("  --%-10s %s (default: \"%s\")\n", flag, f->Help(),
                                          f->DefaultValue()));
  }
  return out;
}

}  // namespace
}  // namespace parley

int main(int argc, char** argv) {
  using parley::Commands;
  absl::SetProgramUsageMessage(parley::GeneralUsage());
  // Subcommand help before absl's own --help, which would list every flag.
  const parley::Command* command = nullptr;
  bool help = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h" || arg == "help") {
      help = true;
    } else if (command == nullptr && !arg.empty() && arg[0] != '-') {
      for (const parley::Command& c : Commands()) {
        if (arg == c.name) command = &c;
      }
    }
  }
  if (help || argc < 2) {
    std::cout << (command != nullptr ? parley::CommandUsage(*command) : parley::GeneralUsage());
    return argc < 2 ? parley::kBadInput : parley::kOk;
  }
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() < 2 || command == nullptr || positional[1] != std::string(command->name)) {
    std::cerr << "parley: unknown command"
              << (positional.size() >= 2 ? absl::StrCat(" \"", positional[1], "\"") : "")
              << "; run parley --help for the list\n";
    return parley::kBadInput;
  }
  parley::ClientOptions options;
  options.target = absl::GetFlag(FLAGS_server);
  if (options.target.empty()) {
    const char* env = std::getenv("PARLEY_SERVER");
    options.target = env != nullptr && *env != '\0' ? env : "127.0.0.1:50051";
  }
  options.deadline = absl::GetFlag(FLAGS_deadline);
  if (options.deadline <= absl::ZeroDuration()) {
    std::cerr << "parley: --deadline must be positive, e.g. 5s or 500ms\n";
    return parley::kBadInput;
  }
  options.tls_ca_file = absl::GetFlag(FLAGS_tls_ca);
  options.tls_cert_file = absl::GetFlag(FLAGS_tls_cert);
  options.tls_key_file = absl::GetFlag(FLAGS_tls_key);
  options.tls_server_name = absl::GetFlag(FLAGS_tls_server_name);
  parley::Cli cli(options, std::vector<std::string>(positional.begin() + 2, positional.end()));
  try {
    if (command->run == nullptr) {  // reload, ingest: clients of the admin listener
      parley::ClientOptions admin = options;
      admin.target = absl::GetFlag(FLAGS_admin);
      if (const std::string file = absl::GetFlag(FLAGS_admin_token_file); !file.empty()) {
        std::ifstream in(file);
        std::getline(in, admin.admin_token);
        if (admin.admin_token.empty()) {
          throw parley::Failure{parley::kBadInput, "--admin_token_file: no token in " + file};
        }
      }
      if (std::string(command->name) == "reload") {
        cli.Reload(admin);
      } else {
        cli.Ingest(admin);
      }
      return parley::kOk;
    }
    return command->run(cli);
  } catch (const parley::Failure& failure) {
    std::cerr << "parley: " << failure.message << "\n";
    return failure.code;
  }
}
