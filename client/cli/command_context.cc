#include "client/cli/command_context.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>

#include <unicode/utf8.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/cli/common_flags.h"
#include "client/cli/exit_status.h"
#include "client/cli/output.h"

namespace parley::cli {

CommandContext::CommandContext(ClientOptions options, const FlagSet& flags, std::string format,
                               std::vector<std::string> args, std::ostream& out, std::ostream& err)
    : options_(std::move(options)),
      flags_(flags),
      format_(std::move(format)),
      args_(std::move(args)),
      out_(out),
      err_(err) {}

ParleyClient& CommandContext::client() {
  if (client_ == nullptr) client_ = std::make_unique<ParleyClient>(options_);
  return *client_;
}

absl::StatusOr<std::string> CommandContext::JoinedArgs(absl::string_view what) const {
  if (args_.empty())
    return absl::InvalidArgumentError(absl::StrCat("missing ", what, "; see --help"));
  return absl::StrJoin(args_, " ");
}

namespace {

v1::ExtractedFactsFilter EveryExtractedFact() {
  v1::ExtractedFactsFilter filter;
  filter.set_min_confidence(0);
  return filter;
}

}  // namespace

absl::StatusOr<std::string> CommandContext::LeftOutByFilter(absl::string_view name,
                                                            v1::EntityKind kind) {
  absl::StatusOr<NameResolution> any = client().ResolveName(name, kind, EveryExtractedFact());
  if (!any.ok()) return any.status();
  if (any->entity == nullptr) return std::string();
  return absl::StrFormat(
      "; %s [%s] was extracted from text (confidence %.2f) and --curated_only or "
      "--min_confidence leaves it out (without --curated_only, --min_confidence=0 shows every "
      "extracted fact)",
      any->entity->name(), any->entity->id(), any->entity->confidence());
}

namespace {

// Whether text could be an entity id ("us-dhs", "sm-krishna"): the form the
// ambiguity message offers in brackets.
bool LooksLikeId(absl::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

absl::StatusOr<v1::Entity> CommandContext::Resolve(absl::string_view name, v1::EntityKind kind) {
  // A command with --curated_only and --min_confidence resolves names among
  // the entities they show; the others' reads take no extracted filter, and
  // their names resolve among every entity.
  const bool filtered = flags_.Declared("min_confidence");
  if (LooksLikeId(name)) {
    v1::GetEntityRequest request;
    request.set_id(std::string(name));
    *request.mutable_extracted() =
        filtered ? ExtractedFilterFromFlags(flags_) : EveryExtractedFact();
    absl::StatusOr<v1::Entity> by_id = Call(&v1::LookupService::Stub::GetEntity, request);
    if (by_id.ok() && (kind == v1::ENTITY_KIND_UNSPECIFIED || by_id->kind() == kind)) {
      return by_id;
    }
    // Not an id after all (unknown, or not of an id's form): a name.
    if (!by_id.ok() && !absl::IsNotFound(by_id.status()) &&
        !absl::IsInvalidArgument(by_id.status())) {
      return by_id.status();
    }
  }
  absl::StatusOr<NameResolution> resolution = client().ResolveName(
      name, kind, filtered ? ExtractedFilterFromFlags(flags_) : EveryExtractedFact());
  if (!resolution.ok()) return resolution.status();
  if (resolution->entity != nullptr) {
    const v1::Entity& entity = *resolution->entity;
    if (resolution->how != "exact name") {
      err_ << "(\"" << name << "\" is " << entity.name() << " [" << entity.id() << "], by "
           << resolution->how << ")\n";
    }
    return entity;
  }
  if (resolution->candidates.empty()) {
    const std::string what = kind == v1::ENTITY_KIND_UNSPECIFIED ? "entity" : KindText(kind);
    std::string left_out;
    if (filtered) {
      absl::StatusOr<std::string> why = LeftOutByFilter(name, kind);
      if (!why.ok()) return why.status();
      left_out = *std::move(why);
    }
    if (!left_out.empty()) {
      return absl::NotFoundError(
          absl::StrCat("no ", what, " named \"", name, "\" is shown", left_out));
    }
    return absl::NotFoundError(
        absl::StrCat("no ", what, " named \"", name, "\"; try parley search ", name));
  }
  std::string message = absl::StrCat("\"", name, "\" is ambiguous; it may mean:");
  for (const v1::EntityMatch& m : resolution->candidates) {
    absl::StrAppend(
        &message, "\n  ", m.entity().name(), " [", m.entity().id(), "] (",
        m.match_kind() == v1::MATCH_KIND_WORD ? "end of the name" : MatchText(m.match_kind()),
        " \"", m.matched_name(), "\"; ", m.entity().event_count(), " event(s))");
  }
  absl::StrAppend(&message, "\nrepeat with the full name or the id in brackets");
  return AmbiguousNameError(message);
}

bool CommandContext::PrintedAsJson(const google::protobuf::Message& message) {
  if (format_ == "json") {
    out_ << Json(message);
  } else if (format_ == "jsonl") {
    out_ << JsonLines(message);
  } else {
    return false;
  }
  return true;
}

bool CommandContext::PrintedWithEntityAsJson(const v1::Entity& entity, absl::string_view key,
                                             const google::protobuf::Message& response) {
  if (format_ == "json") {
    out_ << "{\n\"entity\": " << Json(entity) << ",\n\"" << key << "\": " << Json(response)
         << "}\n";
  } else if (format_ == "jsonl") {
    out_ << "{\"entity\":" << JsonLine(entity) << ",\"" << key << "\":" << JsonLine(response)
         << "}\n";
  } else {
    return false;
  }
  return true;
}

void CommandContext::PrintTable(const google::protobuf::Message& response, const Table& table,
                                absl::string_view footer, absl::string_view heading) {
  if (PrintedAsJson(response)) return;
  if (format_ == "csv") {
    out_ << table.RenderCsv();
  } else if (format_ == "tsv") {
    out_ << table.RenderTsv();
  } else {
    if (!heading.empty()) out_ << WrappedLines(heading);
    out_ << table.Render(OutputWidth());
    if (!footer.empty()) out_ << WrappedLines(footer);
  }
}

size_t FirstInvalidUtf8Byte(absl::string_view text) {
  // ICU's U8_NEXT is a macro over the bytes (no library call): the same
  // rule the server's protobuf applies to string fields.
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t at = 0; at < length;) {
    const int32_t start = at;
    UChar32 c;
    U8_NEXT(bytes, at, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return absl::string_view::npos;
}

absl::Status NotUtf8Error(absl::string_view what, absl::string_view text, size_t at) {
  return absl::InvalidArgumentError(absl::StrCat(
      what, " is not valid UTF-8 (byte 0x",
      absl::Hex(static_cast<unsigned char>(text[at]), absl::kZeroPad2), " at offset ", at,
      "): Parley reads UTF-8 text; convert it first (e.g. iconv -f latin1 -t utf-8)"));
}

absl::StatusOr<std::string> ReadFileOrStdin(const std::string& path) {
  std::stringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
    }
    buffer << in.rdbuf();
  }
  std::string text = buffer.str();
  if (const size_t bad = FirstInvalidUtf8Byte(text); bad != absl::string_view::npos) {
    return NotUtf8Error(path == "-" ? "standard input" : path, text, bad);
  }
  return text;
}

}  // namespace parley::cli
