#include "client/cli/flag_set.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace parley::cli {
namespace {

bool IsFlag(absl::string_view arg) { return arg.size() > 1 && arg[0] == '-'; }

// "--name=value" -> "name".
absl::string_view FlagName(absl::string_view arg) {
  arg.remove_prefix(absl::StartsWith(arg, "--") ? 2 : 1);
  return arg.substr(0, arg.find('='));
}

bool ParseBool(absl::string_view text, bool* value) {
  const std::string lower = absl::AsciiStrToLower(text);
  for (const char* yes : {"true", "1", "yes", "t", "y"}) {
    if (lower == yes) return *value = true, true;
  }
  for (const char* no : {"false", "0", "no", "f", "n"}) {
    if (lower == no) return *value = false, true;
  }
  return false;
}

// A default value as Usage prints it.
std::string Quoted(absl::string_view value) { return absl::StrCat("\"", value, "\""); }

[[noreturn]] void Misuse(absl::string_view message) {
  std::cerr << "parley: internal error: " << message << "\n";
  std::abort();
}

}  // namespace

FlagSet::FlagSet(std::string help_hint) : help_hint_(std::move(help_hint)) {}

void FlagSet::Add(std::string name, Value value, std::string default_text, std::string help) {
  if (Declared(name)) Misuse(absl::StrCat("flag --", name, " declared twice"));
  index_[name] = flags_.size();
  flags_.push_back(
      Flag{std::move(name), std::move(help), std::move(value), std::move(default_text)});
}

void FlagSet::AddString(std::string name, std::string default_value, std::string help) {
  std::string text = Quoted(default_value);
  Add(std::move(name), std::move(default_value), std::move(text), std::move(help));
}

void FlagSet::AddCount(std::string name, int32_t default_value, std::string help) {
  Add(std::move(name), default_value, Quoted(absl::StrCat(default_value)), std::move(help));
}

void FlagSet::AddDouble(std::string name, double default_value, std::string help) {
  Add(std::move(name), default_value, Quoted(absl::StrCat(default_value)), std::move(help));
}

void FlagSet::AddBool(std::string name, bool default_value, std::string help) {
  Add(std::move(name), default_value, Quoted(default_value ? "true" : "false"), std::move(help));
}

void FlagSet::AddDuration(std::string name, absl::Duration default_value, std::string help) {
  Add(std::move(name), default_value, Quoted(absl::FormatDuration(default_value)), std::move(help));
}

void FlagSet::AddList(std::string name, std::string help) {
  Add(std::move(name), std::vector<std::string>(), Quoted(""), std::move(help));
}

void FlagSet::AddOptionalDouble(std::string name, std::string unset_text, std::string help) {
  Add(std::move(name), std::optional<double>(), std::move(unset_text), std::move(help));
}

absl::Status FlagSet::Parse(absl::Span<const std::string> args,
                            std::vector<std::string>* positional) {
  return ParseArguments(args, positional).status();
}

absl::StatusOr<size_t> FlagSet::ParseLeadingFlags(absl::Span<const std::string> args) {
  return ParseArguments(args, /*positional=*/nullptr);
}

absl::StatusOr<size_t> FlagSet::ParseArguments(absl::Span<const std::string> args,
                                               std::vector<std::string>* positional) {
  for (size_t at = 0; at < args.size(); ++at) {
    if (args[at] == "--") {
      if (positional == nullptr) return at + 1;
      positional->insert(positional->end(), args.begin() + at + 1, args.end());
      return args.size();
    }
    if (!IsFlag(args[at])) {
      if (positional == nullptr) return at;
      positional->push_back(args[at]);
      continue;
    }
    if (absl::Status status = ParseFlag(args, &at); !status.ok()) return status;
  }
  return args.size();
}

absl::Status FlagSet::ParseFlag(absl::Span<const std::string> args, size_t* at) {
  absl::string_view arg = args[*at];
  arg.remove_prefix(absl::StartsWith(arg, "--") ? 2 : 1);
  const size_t equals = arg.find('=');
  const bool value_attached = equals != absl::string_view::npos;
  const absl::string_view name = arg.substr(0, equals);
  const absl::string_view attached = value_attached ? arg.substr(equals + 1) : "";

  auto found = index_.find(name);
  if (found == index_.end() && absl::StartsWith(name, "no")) {  // --nobool
    auto positive = index_.find(name.substr(2));
    if (positive != index_.end() && std::holds_alternative<bool>(flags_[positive->second].value)) {
      if (value_attached) {
        return Error(
            absl::StrCat("--", name, " takes no value; write --", name.substr(2), "=", attached));
      }
      flags_[positive->second].value = false;
      return absl::OkStatus();
    }
  }
  if (found == index_.end() && !absl::StartsWith(args[*at], "--")) {
    // Often a word that starts with a dash (parley docs -- cyber -malware).
    return Error(absl::StrCat("unknown flag -", name,
                              " (arguments after -- are never flags: write every flag first, "
                              "then --, then the arguments)"));
  }
  if (found == index_.end()) return Error(absl::StrCat("unknown flag --", name));
  Flag& flag = flags_[found->second];
  if (value_attached) return SetValue(flag, attached);
  if (std::holds_alternative<bool>(flag.value)) {
    flag.value = true;
    return absl::OkStatus();
  }
  // The value is the next argument, unless there is none or it is a flag.
  if (*at + 1 >= args.size() || (IsFlag(args[*at + 1]) && Declared(FlagName(args[*at + 1])))) {
    return Error(absl::StrCat("--", name, " needs a value: --", name, "=VALUE"));
  }
  ++*at;
  return SetValue(flag, args[*at]);
}

absl::Status FlagSet::SetValue(Flag& flag, absl::string_view text) {
  const std::string given = absl::StrCat("--", flag.name, "=", text);
  if (auto* string_value = std::get_if<std::string>(&flag.value)) {
    *string_value = std::string(text);
  } else if (auto* int_value = std::get_if<int32_t>(&flag.value)) {
    if (!absl::SimpleAtoi(text, int_value)) return Error(absl::StrCat(given, ": not an integer"));
    if (*int_value < 0)
      return Error(absl::StrCat(given, ": not a count (a whole number, 0 or more)"));
  } else if (auto* double_value = std::get_if<double>(&flag.value)) {
    if (!absl::SimpleAtod(text, double_value)) return Error(absl::StrCat(given, ": not a number"));
  } else if (auto* optional_value = std::get_if<std::optional<double>>(&flag.value)) {
    double number;
    if (!absl::SimpleAtod(text, &number)) return Error(absl::StrCat(given, ": not a number"));
    *optional_value = number;
  } else if (auto* bool_value = std::get_if<bool>(&flag.value)) {
    if (!ParseBool(text, bool_value)) return Error(absl::StrCat(given, ": not true or false"));
  } else if (auto* duration_value = std::get_if<absl::Duration>(&flag.value)) {
    if (!absl::ParseDuration(text, duration_value)) {
      return Error(absl::StrCat(given, ": not a duration such as 5s or 500ms"));
    }
  } else if (auto* list_value = std::get_if<std::vector<std::string>>(&flag.value)) {
    for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
      list_value->emplace_back(item);
    }
  }
  return absl::OkStatus();
}

absl::Status FlagSet::Error(absl::string_view message) const {
  return absl::InvalidArgumentError(help_hint_.empty() ? std::string(message)
                                                       : absl::StrCat(message, "; ", help_hint_));
}

const FlagSet::Flag& FlagSet::Find(absl::string_view name) const {
  auto found = index_.find(name);
  if (found == index_.end()) Misuse(absl::StrCat("flag --", name, " is not declared"));
  return flags_[found->second];
}

template <typename T>
const T& FlagSet::Get(absl::string_view name) const {
  const T* value = std::get_if<T>(&Find(name).value);
  if (value == nullptr) Misuse(absl::StrCat("flag --", name, " read as another kind"));
  return *value;
}

const std::string& FlagSet::GetString(absl::string_view name) const {
  return Get<std::string>(name);
}
int32_t FlagSet::GetInt(absl::string_view name) const { return Get<int32_t>(name); }
double FlagSet::GetDouble(absl::string_view name) const { return Get<double>(name); }
bool FlagSet::GetBool(absl::string_view name) const { return Get<bool>(name); }
absl::Duration FlagSet::GetDuration(absl::string_view name) const {
  return Get<absl::Duration>(name);
}
const std::vector<std::string>& FlagSet::GetList(absl::string_view name) const {
  return Get<std::vector<std::string>>(name);
}
std::optional<double> FlagSet::GetOptionalDouble(absl::string_view name) const {
  return Get<std::optional<double>>(name);
}

size_t FlagSet::LongestName() const {
  size_t longest = 0;
  for (const Flag& flag : flags_) longest = std::max(longest, flag.name.size());
  return longest;
}

std::string FlagSet::Usage(size_t name_width) const {
  const size_t width = std::max(name_width, LongestName());
  std::string out;
  for (const Flag& flag : flags_) {
    absl::StrAppend(&out, absl::StrFormat("  --%-*s  %s (default: %s)\n", static_cast<int>(width),
                                          flag.name, flag.help, flag.default_text));
  }
  return out;
}

}  // namespace parley::cli
