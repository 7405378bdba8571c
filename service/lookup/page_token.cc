#include "service/lookup/page_token.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include <openssl/sha.h>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "service/base/errors.h"

namespace parley {
namespace {

constexpr char kVersion = 2;
constexpr size_t kTokenBytes = 1 + 8 + 4 + 8;

void StoreLE(char* out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

uint64_t LoadLE(const char* in, int bytes) {
  uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value |= uint64_t{static_cast<unsigned char>(in[i])} << (8 * i);
  return value;
}

const google::protobuf::FieldDescriptor* Field(const google::protobuf::Message& m,
                                               absl::string_view name) {
  return m.GetDescriptor()->FindFieldByName(std::string(name));
}

}  // namespace

uint64_t RequestFingerprint(absl::string_view method, const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  for (absl::string_view name : {"page_size", "page_token"}) {
    if (const auto* field = Field(*copy, name))
      copy->GetReflection()->ClearField(copy.get(), field);
  }
  std::string bytes(method);
  bytes.push_back('\0');
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&coded);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  uint64_t fingerprint;
  std::memcpy(&fingerprint, digest, sizeof(fingerprint));
  return fingerprint;
}

std::string EncodePageToken(uint64_t fingerprint, uint32_t offset, uint64_t generation) {
  char raw[kTokenBytes];
  raw[0] = kVersion;
  StoreLE(raw + 1, fingerprint, 8);
  StoreLE(raw + 9, offset, 4);
  StoreLE(raw + 13, generation, 8);
  return absl::WebSafeBase64Escape(absl::string_view(raw, sizeof(raw)));
}

absl::StatusOr<uint32_t> DecodePageToken(absl::string_view token, uint64_t fingerprint,
                                         uint64_t generation) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || raw.size() != kTokenBytes ||
      raw[0] != kVersion) {
    return InvalidArgument(
        "INVALID_PAGE_TOKEN",
        "page_token is malformed: pass next_page_token from the previous response "
        "unchanged, or leave page_token empty for the first page");
  }
  if (const uint64_t issued = LoadLE(raw.data() + 13, 8); issued != generation) {
    return InvalidArgument(
        "STALE_PAGE_TOKEN",
        absl::StrCat("page_token was issued by index generation ", issued,
                     " and the index has since been reloaded (now generation ", generation,
                     "): pages could shift, so start again with an empty page_token"));
  }
  if (LoadLE(raw.data() + 1, 8) != fingerprint) {
    return InvalidArgument(
        "PAGE_TOKEN_MISMATCH",
        "page_token was issued for a different request: repeat the request's other "
        "fields exactly as in the call that returned it, or leave page_token empty "
        "to start over");
  }
  return static_cast<uint32_t>(LoadLE(raw.data() + 9, 4));
}

absl::StatusOr<PageStart> StartPage(absl::string_view method,
                                    const google::protobuf::Message& request, PageLimits limits,
                                    uint64_t generation) {
  const auto* reflection = request.GetReflection();
  const int32_t page_size = reflection->GetInt32(request, Field(request, "page_size"));
  const std::string token = reflection->GetString(request, Field(request, "page_token"));
  if (page_size < 0) {
    return InvalidArgument("INVALID_PAGE_SIZE",
                           absl::StrCat("page_size must not be negative (got ", page_size,
                                        "): use 0 for the default of ", limits.default_size,
                                        ", at most ", limits.max_size));
  }
  PageStart start;
  start.size = page_size == 0 ? limits.default_size : std::min(page_size, limits.max_size);
  start.fingerprint = RequestFingerprint(method, request);
  start.generation = generation;
  if (!token.empty()) {
    absl::StatusOr<uint32_t> offset = DecodePageToken(token, start.fingerprint, generation);
    if (!offset.ok()) return offset.status();
    start.offset = *offset;
  }
  return start;
}

PageBounds PageStart::Bounds(size_t total) const {
  PageBounds bounds;
  bounds.begin = std::min(offset, total);
  bounds.end = std::min(total, bounds.begin + size);
  if (bounds.end < total) {
    bounds.next_page_token =
        EncodePageToken(fingerprint, static_cast<uint32_t>(bounds.end), generation);
  }
  return bounds;
}

absl::StatusOr<PageBounds> Paginate(absl::string_view method,
                                    const google::protobuf::Message& request, PageLimits limits,
                                    size_t total, uint64_t generation) {
  absl::StatusOr<PageStart> start = StartPage(method, request, limits, generation);
  if (!start.ok()) return start.status();
  return start->Bounds(total);
}

}  // namespace parley
