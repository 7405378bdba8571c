// CommandContext: what a running parley command is given — its parsed
// flags, its positional arguments, the client of --server, and where to
// print — with the steps most commands share: reading a required argument,
// resolving a typed name to one entity, fetching every page of a List RPC
// and printing JSON for --json. Every step returns a status; none prints an
// error or exits (client/cli/exit_status.h does that, once).
//
// Thread-safety: one context per command run, on one thread.
#ifndef PARLEY_CLIENT_CLI_COMMAND_CONTEXT_H_
#define PARLEY_CLIENT_CLI_COMMAND_CONTEXT_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/cli/flag_set.h"
#include "client/parley_client.h"
#include "client/table_formatter.h"
#include "google/protobuf/message.h"

namespace parley::cli {

class CommandContext {
 public:
  // format: the --format value (FormatFromFlags), e.g. "table".
  CommandContext(ClientOptions options, const FlagSet& flags, std::string format,
                 std::vector<std::string> args, std::ostream& out, std::ostream& err);

  const FlagSet& flags() const { return flags_; }
  const std::vector<std::string>& args() const { return args_; }
  // Options of the global flags (target, deadline, TLS).
  const ClientOptions& options() const { return options_; }
  // The output format: one of the command's formats (command.h).
  const std::string& format() const { return format_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

  // The client of --server, made on first use.
  ParleyClient& client();

  // The positional arguments joined with spaces ("SM Krishna" from two).
  // INVALID_ARGUMENT "missing <what>; see --help" when there are none.
  absl::StatusOr<std::string> JoinedArgs(absl::string_view what) const;

  // The one entity a typed name means (kind UNSPECIFIED: of any kind):
  // among the entities the command's --curated_only and --min_confidence
  // show if it has them (NOT_FOUND then says so when they leave out an
  // extracted entity of that name), else among every entity. NOT_FOUND when
  // none, AmbiguousNameError listing the candidates when several; says on
  // err how a name other than the exact one was resolved.
  absl::StatusOr<v1::Entity> Resolve(absl::string_view name, v1::EntityKind kind);

  // Prints message as JSON for --format=json (or --json), as JSON Lines
  // for --format=jsonl; returns whether it did.
  bool PrintedAsJson(const google::protobuf::Message& message);

  // For --format=json or jsonl, the entity a command was about together
  // with its response, as {"entity": ..., "<key>": ...}, so that the JSON
  // carries what the text's heading names; returns whether it printed.
  bool PrintedWithEntityAsJson(const v1::Entity& entity, absl::string_view key,
                               const google::protobuf::Message& response);

  // A listing in the format asked for: response as JSON or JSON Lines, the
  // table as CSV or TSV, or the table fitted to OutputWidth() with heading
  // above and footer under it (each line wrapped; empty ones left out).
  void PrintTable(const google::protobuf::Message& response, const Table& table,
                  absl::string_view footer = "", absl::string_view heading = "");

  // Calls one RPC of the lookup service with the configured deadline.
  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(grpc::Status (v1::LookupService::Stub::*rpc)(grpc::ClientContext*,
                                                                             const Request&,
                                                                             Response*),
                                const Request& request) {
    Response response;
    if (absl::Status status = client().Call(rpc, request, &response); !status.ok()) {
      return status;
    }
    return response;
  }

  // Calls a List RPC page by page into one response, until the last page or,
  // with a `limit` (0 = all), until it holds that many items: pages of that
  // size are asked for and what a page brings beyond it is dropped, so the
  // response holds at most `limit` items (its total_size still counts all).
  template <typename Request, typename Response, typename Items>
  absl::StatusOr<Response> FetchAll(
      grpc::Status (v1::LookupService::Stub::*rpc)(grpc::ClientContext*, const Request&, Response*),
      Request request, Items* (Response::*items)(), int limit = 0) {
    if (limit > 0) request.set_page_size(limit);
    Response all;
    for (int pages = 0; pages < 10000; ++pages) {
      absl::StatusOr<Response> page = Call(rpc, request);
      if (!page.ok()) return page.status();
      const std::string next = page->next_page_token();
      // Facets count the whole result on every page: keep the first page's.
      if (pages > 0) ClearFacets(&*page);
      all.MergeFrom(*page);
      if (next.empty() || (limit > 0 && (all.*items)()->size() >= limit)) break;
      request.set_page_token(next);
    }
    Items* kept = (all.*items)();
    if (limit > 0 && kept->size() > limit) kept->DeleteSubrange(limit, kept->size() - limit);
    all.clear_next_page_token();
    return all;
  }

 private:
  // Clears a list response's facets field, if it has one.
  static void ClearFacets(google::protobuf::Message* response) {
    const auto* field = response->GetDescriptor()->FindFieldByName("facets");
    if (field != nullptr) response->GetReflection()->ClearField(response, field);
  }

  // "; NAME [id] was extracted from text ... leaves it out: ..." when every
  // extracted fact would resolve name to one entity, else empty.
  absl::StatusOr<std::string> LeftOutByFilter(absl::string_view name, v1::EntityKind kind);

  ClientOptions options_;
  const FlagSet& flags_;
  std::string format_;
  std::vector<std::string> args_;
  std::ostream& out_;
  std::ostream& err_;
  std::unique_ptr<ParleyClient> client_;
};

// The text of the file at path, or of standard input for "-".
// INVALID_ARGUMENT "cannot read <path>: <reason>", or when the text is not
// valid UTF-8 (every text field of the API is).
absl::StatusOr<std::string> ReadFileOrStdin(const std::string& path);

// Offset of text's first byte that is not part of valid UTF-8; npos if none.
size_t FirstInvalidUtf8Byte(absl::string_view text);
// INVALID_ARGUMENT: what (a path, "argument 2") is not valid UTF-8 at
// offset at, with how to convert it.
absl::Status NotUtf8Error(absl::string_view what, absl::string_view text, size_t at);

}  // namespace parley::cli

#endif  // PARLEY_CLIENT_CLI_COMMAND_CONTEXT_H_
