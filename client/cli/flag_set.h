// FlagSet: the flags of one parley command, declared by the command and
// parsed from its own arguments (absl flags are process-global, so every
// command would otherwise accept every flag).
//
// Accepted forms, as absl's parser accepts them:
//   --name=value  --name value  -name=value  -name value
//   --bool  --nobool  --bool=true|false|1|0|yes|no|t|f|y|n
//   --            every later argument is positional
//   -             a positional argument (standard input, by convention)
// A scalar flag given twice keeps the last value; a list flag keeps every
// value, each also split on commas ("--topic a,b --topic c" = a, b, c).
// Flags and positional arguments may be interleaved.
//
// Errors are INVALID_ARGUMENT statuses naming the flag and how to fix the
// call: unknown flag, missing value, a value of the wrong kind, a value
// given to the negative form of a bool.
//
// Thread-safety: a FlagSet is a plain value; not for concurrent mutation.
#ifndef PARLEY_CLIENT_CLI_FLAG_SET_H_
#define PARLEY_CLIENT_CLI_FLAG_SET_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace parley::cli {

class FlagSet {
 public:
  // help_hint ends every parse error, e.g. "see parley who --help".
  explicit FlagSet(std::string help_hint = "");

  // Declarations. REQUIRES: name not declared yet, without dashes.
  void AddString(std::string name, std::string default_value, std::string help);
  // A count: a whole number, 0 or more (a negative one is a parse error).
  void AddCount(std::string name, int32_t default_value, std::string help);
  void AddDouble(std::string name, double default_value, std::string help);
  void AddBool(std::string name, bool default_value, std::string help);
  void AddDuration(std::string name, absl::Duration default_value, std::string help);
  // A repeatable, comma-separated list (default: empty).
  void AddList(std::string name, std::string help);
  // A number that may be left unset (GetOptionalDouble is then nullopt);
  // unset_text says what not giving it means, e.g. "the server's, 0.8".
  void AddOptionalDouble(std::string name, std::string unset_text, std::string help);

  bool Declared(absl::string_view name) const { return index_.contains(name); }

  // Parses every argument: flags into their values, the others appended to
  // *positional in order.
  absl::Status Parse(absl::Span<const std::string> args, std::vector<std::string>* positional);

  // Parses the flags before the first positional argument and returns that
  // argument's index (args.size() if there is none; the index after "--"
  // when "--" ends the flags).
  absl::StatusOr<size_t> ParseLeadingFlags(absl::Span<const std::string> args);

  // Values. REQUIRES: name declared with that kind (else aborts: a bug).
  const std::string& GetString(absl::string_view name) const;
  int32_t GetInt(absl::string_view name) const;
  double GetDouble(absl::string_view name) const;
  bool GetBool(absl::string_view name) const;
  absl::Duration GetDuration(absl::string_view name) const;
  const std::vector<std::string>& GetList(absl::string_view name) const;
  std::optional<double> GetOptionalDouble(absl::string_view name) const;

  // One line per flag in declaration order, names padded to the longest
  // name or to name_width, whichever is wider:
  //   "  --limit  At most this many rows (0 = all) (default: \"0\")\n"
  // (an optional flag's default is its unset_text, unquoted).
  std::string Usage(size_t name_width = 0) const;
  size_t LongestName() const;

 private:
  using Value = std::variant<std::string, int32_t, double, bool, absl::Duration,
                             std::vector<std::string>, std::optional<double>>;
  struct Flag {
    std::string name;
    std::string help;
    Value value;
    std::string default_text;  // as Usage prints it
  };

  void Add(std::string name, Value value, std::string default_text, std::string help);
  // Parse and ParseLeadingFlags; with positional == nullptr, stops at the
  // first positional argument and returns its index.
  absl::StatusOr<size_t> ParseArguments(absl::Span<const std::string> args,
                                        std::vector<std::string>* positional);
  // Parses args[*at] (a flag), consuming its value from args[*at + 1] when
  // it is given apart; *at ends on the last argument consumed.
  absl::Status ParseFlag(absl::Span<const std::string> args, size_t* at);
  absl::Status SetValue(Flag& flag, absl::string_view text);
  absl::Status Error(absl::string_view message) const;
  const Flag& Find(absl::string_view name) const;
  template <typename T>
  const T& Get(absl::string_view name) const;

  std::string help_hint_;
  std::vector<Flag> flags_;
  absl::flat_hash_map<std::string, size_t> index_;
};

}  // namespace parley::cli

#endif  // PARLEY_CLIENT_CLI_FLAG_SET_H_
