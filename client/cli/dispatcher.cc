#include "client/cli/dispatcher.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/cli/command_context.h"
#include "client/cli/common_flags.h"
#include "client/cli/exit_status.h"

namespace parley::cli {
namespace {

bool IsHelpRequest(const std::string& arg) {
  return arg == "--help" || arg == "-help" || arg == "-h" || arg == "help";
}

// The first argument that names a command, for --help anywhere in the line.
const Command* FirstCommandNamed(const CommandRegistry& registry,
                                 const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (const Command* command = registry.Find(arg)) return command;
  }
  return nullptr;
}

// The flags a command takes: its own, then the global ones.
FlagSet CommandFlags(const Command& command) {
  FlagSet flags(absl::StrCat("see parley ", command.name, " --help"));
  if (command.declare_flags) command.declare_flags(flags);
  AddGlobalFlags(flags);
  return flags;
}

// Parses the flags of the command line, runs the command and returns its status.
absl::Status Dispatch(const CommandRegistry& registry, const std::vector<std::string>& args,
                      std::ostream& out, std::ostream& err) {
  // Every text field of the API is UTF-8: a bad argument is named here, not
  // refused by the server as a malformed message.
  for (size_t i = 0; i < args.size(); ++i) {
    if (const size_t bad = FirstInvalidUtf8Byte(args[i]); bad != absl::string_view::npos) {
      return NotUtf8Error(
          absl::StrCat("argument ", i + 1, " (\"", absl::CHexEscape(args[i]), "\")"), args[i], bad);
    }
  }
  // Only global flags may come before the command's name.
  FlagSet leading("a command's own flags go after its name; see parley --help");
  AddGlobalFlags(leading);
  absl::StatusOr<size_t> name_at = leading.ParseLeadingFlags(args);
  if (!name_at.ok()) return name_at.status();
  if (*name_at >= args.size()) {
    return absl::InvalidArgumentError("unknown command; run parley --help for the list");
  }
  const Command* command = registry.Find(args[*name_at]);
  if (command == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown command \"", args[*name_at], "\"; run parley --help for the list"));
  }
  std::vector<std::string> rest(args.begin(), args.begin() + *name_at);
  rest.insert(rest.end(), args.begin() + *name_at + 1, args.end());
  FlagSet flags = CommandFlags(*command);
  std::vector<std::string> positional;
  if (absl::Status status = flags.Parse(rest, &positional); !status.ok()) return status;
  absl::StatusOr<ClientOptions> options = ClientOptionsFromFlags(flags);
  if (!options.ok()) return options.status();
  absl::StatusOr<std::string> format = FormatFromFlags(
      flags, command->formats.empty() ? kTextFormats : command->formats, command->name);
  if (!format.ok()) return format.status();
  CommandContext context(*std::move(options), flags, *std::move(format), std::move(positional), out,
                         err);
  return command->run(context);
}

}  // namespace

CommandRegistry BuiltInCommands() {
  CommandRegistry registry;
  AddEntityCommands(registry);
  AddEventCommands(registry);
  AddApiCommands(registry);
  AddDocumentCommands(registry);
  AddPictureCommands(registry);
  AddAdminCommands(registry);
  AddReviewCommands(registry);
  return registry;
}

std::string GeneralUsage(const CommandRegistry& registry) {
  std::string out =
      "parley: ask a Parley server who took part in which India-US cyber-security meetings, "
      "when, where, in what role, and on what evidence.\n\nUsage: parley COMMAND [ARGS] "
      "[--server=HOST:PORT] [--deadline=5s] [--format=FORMAT]\n\nCommands:\n";
  for (const Command& command : registry.commands()) {
    absl::StrAppend(&out, absl::StrFormat("  %-18s %s\n", command.usage, command.description));
  }
  absl::StrAppend(
      &out,
      "\nExamples:\n  parley search Napolitano\n  parley person \"Janet Napolitano\"\n"
      "  parley who --topic cyber\n  parley events --topic cyber --from 2011 --to 2016\n"
      "  parley docs \"fake currency\"\n"
      "\n'parley COMMAND --help' describes a command. Exit codes: 0 ok, 1 error, "
      "2 bad input, 3 not found, 4 ambiguous name, 5 server unavailable.\n");
  return out;
}

std::string CommandUsage(const Command& command) {
  std::string out =
      absl::StrCat("Usage: parley ", command.usage, " [flags]\n\n", command.description, "\n\n");
  FlagSet own, global;
  if (command.declare_flags) command.declare_flags(own);
  AddGlobalFlags(global);
  const size_t width = std::max(own.LongestName(), global.LongestName());
  if (const std::string flags = own.Usage(width); !flags.empty()) {
    absl::StrAppend(&out, "Flags:\n", flags, "\n");
  }
  absl::StrAppend(&out, "Global flags (before or after the command):\n", global.Usage(width));
  return out;
}

int RunParley(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const CommandRegistry registry = BuiltInCommands();
  if (args.empty()) {
    out << GeneralUsage(registry);
    return kBadInput;
  }
  if (std::find(args.begin(), args.end(), "--version") != args.end()) {
    out << "parley " << PARLEY_VERSION << " (API parley.v1)\n";
    return kOk;
  }
  if (std::any_of(args.begin(), args.end(), IsHelpRequest)) {
    const Command* command = FirstCommandNamed(registry, args);
    out << (command != nullptr ? CommandUsage(*command) : GeneralUsage(registry));
    return kOk;
  }
  return ReportStatus(Dispatch(registry, args, out, err), err);
}

}  // namespace parley::cli
