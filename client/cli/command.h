// A parley command — name, usage line, description, the flags it declares,
// and the function that runs it — and the registry the dispatcher looks
// commands up in. Each group of commands adds itself to a registry through
// one of the Add*Commands functions below, so that the list is explicit (no
// static registration that a linker could drop).
//
// Thread-safety: a registry is filled once, then only read.
#ifndef PARLEY_CLIENT_CLI_COMMAND_H_
#define PARLEY_CLIENT_CLI_COMMAND_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "client/cli/command_context.h"
#include "client/cli/flag_set.h"

namespace parley::cli {

struct Command {
  std::string name;         // "search"
  std::string usage;        // "search NAME": after "parley " in the usage line
  std::string description;  // one sentence for the command list and --help
  // Declares the command's own flags (not the global ones); may be empty.
  std::function<void(FlagSet&)> declare_flags;
  std::function<absl::Status(CommandContext&)> run;
  // The --format values it prints, the first its default; empty means
  // kTextFormats.
  std::vector<std::string> formats = {};
};

// A command that prints one object: as text or as JSON.
inline const std::vector<std::string> kTextFormats = {"table", "json", "jsonl"};
// A command that prints one table (a listing): also as CSV or TSV.
inline const std::vector<std::string> kTableFormats = {"table", "csv", "tsv", "json", "jsonl"};

class CommandRegistry {
 public:
  // REQUIRES: no command of that name yet.
  void Add(Command command);
  // nullptr when there is none.
  const Command* Find(absl::string_view name) const;
  // In the order added.
  const std::vector<Command>& commands() const { return commands_; }

 private:
  std::vector<Command> commands_;
};

// search, person, org, entity (client/cli/entity_commands.cc).
void AddEntityCommands(CommandRegistry& registry);
// events, who, event, connections, topics (client/cli/event_commands.cc).
void AddEventCommands(CommandRegistry& registry);
void AddApiCommands(CommandRegistry& registry);
// docs, link, mentions, doc, documents (client/cli/document_commands.cc).
void AddDocumentCommands(CommandRegistry& registry);
// info, health, reload, ingest (client/cli/admin_commands.cc).
void AddAdminCommands(CommandRegistry& registry);
void AddReviewCommands(CommandRegistry& registry);

// admin_commands.cc: --admin and --admin_token_file, and the options of a
// client of that listener (the global deadline and TLS, the bearer token).
void DeclareAdminListenerFlags(FlagSet& flags);
absl::StatusOr<ClientOptions> AdminClientOptions(const CommandContext& context);
// graph, timeline (client/cli/picture_commands.cc).
void AddPictureCommands(CommandRegistry& registry);

}  // namespace parley::cli

#endif  // PARLEY_CLIENT_CLI_COMMAND_H_
