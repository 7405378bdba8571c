// The commands about the server itself: info and health on the lookup
// listener; reload and ingest on the admin listener (parley.v1.AdminService).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "client/cli/command.h"
#include "client/cli/common_flags.h"
#include "client/cli/exit_status.h"
#include "client/cli/output.h"
#include "google/protobuf/util/time_util.h"

namespace parley::cli {
void DeclareAdminListenerFlags(FlagSet& flags) {
  flags.AddString("admin", "",
                  "The server's admin listener (default $PARLEY_ADMIN, else 127.0.0.1:50052 "
                  "when no --server or $PARLEY_SERVER names another server)");
  flags.AddString("admin_token_file", "", "File with the admin bearer token");
}

// Options for a client of --admin: the global flags' deadline and TLS, and
// the bearer token of --admin_token_file.
absl::StatusOr<ClientOptions> AdminClientOptions(const CommandContext& context) {
  ClientOptions options = context.options();
  options.target = context.flags().GetString("admin");
  if (const char* env = std::getenv("PARLEY_ADMIN"); options.target.empty() && env != nullptr) {
    options.target = env;
  }
  if (options.target.empty()) {
    // Never a local admin listener for a command aimed at another server.
    if (context.options().target != kDefaultServer) {
      return absl::InvalidArgumentError(absl::StrCat(
          "this command talks to the admin listener of the server at ", context.options().target,
          ", not to its public port: give --admin=HOST:PORT "
          "(parley-server's --admin_listen) or set $PARLEY_ADMIN"));
    }
    options.target = kDefaultAdmin;
  }
  if (const std::string& file = context.flags().GetString("admin_token_file"); !file.empty()) {
    std::ifstream in(file);
    std::getline(in, options.admin_token);
    if (options.admin_token.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("--admin_token_file: no token in ", file));
    }
  }
  return options;
}

namespace {

using google::protobuf::util::TimeUtil;
using grpc::health::v1::HealthCheckResponse;

absl::Status Info(CommandContext& context) {
  absl::StatusOr<v1::IndexInfo> response =
      context.Call(&v1::LookupService::Stub::GetIndexInfo, v1::GetIndexInfoRequest());
  if (!response.ok()) return response.status();
  if (context.PrintedAsJson(*response)) return absl::OkStatus();
  const v1::IndexInfo& info = *response;
  std::ostream& out = context.out();
  out << "People:          " << info.person_count() << "\n"
      << "Organizations:   " << info.organization_count() << "\n"
      << "Countries:       " << info.country_count() << "\n"
      << "Events:          " << info.event_count() << "\n"
      << "Participations:  " << info.participation_count() << "\n"
      << "Documents:       " << info.document_count() << "\n"
      << "Topics:          " << info.topic_count() << "\n"
      << "Evidence quotes: " << info.evidence_count() << "\n"
      << "Corpus sha256:   " << info.content_sha256() << "\n"
      << (info.store() == "postgresql" ? "Store URI:       " : "Data directory:  ")
      << info.data_dir() << "\n"
      << "Built at:        " << TimeUtil::ToString(info.build_time()) << "\n"
      << "Build took:      "
      << absl::StrFormat("%.1f ms",
                         TimeUtil::DurationToMicroseconds(info.build_duration()) / 1000.0)
      << "\n"
      << "Generation:      " << info.generation() << "\n"
      << "Corpus version:  " << info.corpus_version() << "\n"
      << "Store:           " << info.store()
      << (info.store_reachable() ? "" : absl::StrCat(" (NOT REACHABLE: ", info.store_error(), ")"))
      << "\n"
      << "Reloads:         " << info.reload_count() << "\n"
      << "Reload failures: " << info.reload_failure_count() << "\n";
  if (info.has_last_reload_time()) {
    out << "Last reload:     " << TimeUtil::ToString(info.last_reload_time())
        << (info.last_reload_error().empty() ? " (ok)" : " (failed)") << "\n";
  }
  if (!info.last_reload_error().empty()) {
    out << "Last error:      " << info.last_reload_error() << "\n";
  }
  return absl::OkStatus();
}

void DeclareHealthFlags(FlagSet& flags) {
  flags.AddString("service", "", "The service to check ('' = the whole server)");
}

// Prints the serving status; anything but SERVING exits 5 with nothing more said.
absl::Status Health(CommandContext& context) {
  const std::string& service = context.flags().GetString("service");
  absl::StatusOr<HealthCheckResponse::ServingStatus> status = context.client().Health(service);
  if (absl::IsNotFound(status.status())) {
    return absl::NotFoundError(absl::StrCat("--service=", service,
                                            ": the server reports no health for it; leave "
                                            "--service out (the whole server) or give "
                                            "parley.v1.LookupService"));
  }
  if (!status.ok()) return status.status();
  const std::string name = HealthCheckResponse::ServingStatus_Name(*status);
  if (context.format() != "table") {  // json and jsonl alike: one line
    context.out() << "{\"status\": \"" << name << "\"}\n";
  } else {
    context.out() << name << "\n";
  }
  return *status == HealthCheckResponse::SERVING ? absl::OkStatus() : ShownFailure(kUnavailable);
}

absl::Status Reload(CommandContext& context) {
  absl::StatusOr<ClientOptions> admin_options = AdminClientOptions(context);
  if (!admin_options.ok()) return admin_options.status();
  absl::StatusOr<v1::ReloadResponse> response = ParleyClient(*admin_options).Reload();
  if (!response.ok()) return AdminCallError(response.status(), admin_options->target);
  if (context.PrintedAsJson(*response)) return absl::OkStatus();
  const v1::IndexInfo& info = response->info();
  context.out() << "Reloaded: generation " << info.generation() << " serving " << info.event_count()
                << " events, " << info.document_count() << " documents (corpus sha256 "
                << info.content_sha256().substr(0, 12) << ")\n";
  return absl::OkStatus();
}

void DeclareIngestFlags(FlagSet& flags) {
  flags.AddString("id", "", "Document id (default: front matter id, else file name)");
  flags.AddString("title", "", "Title (default: front matter)");
  flags.AddString("publisher", "", "The publisher (default: front matter)");
  flags.AddString("author", "", "Author (default: front matter)");
  flags.AddString("published", "", "Publication date YYYY[-MM[-DD]] (default: front matter)");
  flags.AddString("url", "", "Source URL (default: front matter)");
  DeclareAdminListenerFlags(flags);
}

// Splits "---\nkey: value\n---\n" front matter (the corpus format) off
// *text into *meta. INVALID_ARGUMENT when it is never closed.
absl::Status TakeFrontMatter(const std::string& file, std::string* text,
                             absl::flat_hash_map<std::string, std::string>* meta) {
  if (!absl::StartsWith(*text, "---\n")) return absl::OkStatus();
  const size_t end = text->find("\n---\n", 3);
  if (end == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        file, ": front matter opened with --- is never closed: end it with a line \"---\""));
  }
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(*text).substr(4, end - 3), '\n', absl::SkipEmpty())) {
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos) continue;
    (*meta)[std::string(absl::StripAsciiWhitespace(line.substr(0, colon)))] =
        std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
  }
  *text = text->substr(end + 5);
  return absl::OkStatus();
}

// The request for file: flags win over the file's own front matter.
absl::StatusOr<v1::IngestDocumentRequest> IngestRequest(const FlagSet& flags,
                                                        const std::string& file) {
  absl::StatusOr<std::string> text = ReadFileOrStdin(file);
  if (!text.ok()) return text.status();
  absl::flat_hash_map<std::string, std::string> meta;
  if (absl::Status status = TakeFrontMatter(file, &*text, &meta); !status.ok()) return status;
  auto pick = [&](const char* key) {
    const std::string& flag = flags.GetString(key);
    return flag.empty() ? meta[key] : flag;
  };
  v1::IngestDocumentRequest request;
  request.set_text(*text);
  request.set_document_id(pick("id"));
  if (request.document_id().empty() && file != "-") {
    request.set_document_id(std::filesystem::path(file).stem().string());
  }
  request.set_title(pick("title"));
  request.set_publisher(pick("publisher"));
  request.set_author(pick("author"));
  request.set_published(pick("published"));
  request.set_url(pick("url"));
  return request;
}

absl::Status Ingest(CommandContext& context) {
  absl::StatusOr<ClientOptions> admin_options = AdminClientOptions(context);
  if (!admin_options.ok()) return admin_options.status();
  if (context.args().size() != 1) {
    return absl::InvalidArgumentError("ingest takes one FILE (or - for stdin)");
  }
  absl::StatusOr<v1::IngestDocumentRequest> request =
      IngestRequest(context.flags(), context.args()[0]);
  if (!request.ok()) return request.status();
  absl::StatusOr<v1::IngestDocumentResponse> response =
      ParleyClient(*admin_options).IngestDocument(*request);
  if (!response.ok()) return AdminCallError(response.status(), admin_options->target);
  if (context.PrintedAsJson(*response)) return absl::OkStatus();
  const v1::Document& doc = response->document();
  context.out() << "Ingested " << doc.id() << " (" << doc.file_name() << ", " << doc.size_bytes()
                << " bytes): generation " << response->info().generation() << " serving "
                << response->info().document_count() << " documents\n";
  for (const v1::MentionedEntity& m : doc.mentioned_entities()) {
    context.out() << "  mentions " << m.entity().name() << " (" << m.entity().id() << ") x"
                  << m.count() << "\n";
  }
  return absl::OkStatus();
}

}  // namespace

void AddAdminCommands(CommandRegistry& registry) {
  registry.Add({"info", "info", "Index counts, corpus hash and build time.", nullptr, Info});
  registry.Add({"health", "health",
                "Health of the server (exit 0 if SERVING, 5 if not, 3 for a --service it does "
                "not know).",
                DeclareHealthFlags, Health});
  registry.Add({"reload", "reload",
                "Rebuild the server's index from its data directory or store and swap it in "
                "(admin API).",
                DeclareAdminListenerFlags, Reload});
  registry.Add({"ingest", "ingest FILE",
                "Add an article (FILE or - for stdin; front matter allowed) to the corpus and "
                "serve it (admin API).",
                DeclareIngestFlags, Ingest});
}

}  // namespace parley::cli
