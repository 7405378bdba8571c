#include "service/lookup/page_token.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/wire_format_lite.h"
#include "service/base/errors.h"
#include "xxhash.h"

namespace parley {
namespace {

// Version 3 added the MAC; version 2 tokens (no MAC) are refused as
// malformed. Version 4 fingerprints requests with XXH3 instead of SHA-256:
// a version 3 token is refused as malformed, not as issued for another
// request.
constexpr char kVersion = 4;
constexpr size_t kBodyBytes = 1 + 8 + 4 + 8;  // version, fingerprint, offset, generation
// 128 bits of HMAC-SHA256: forging one takes 2^128 guesses, and the token
// stays short enough for a URL.
constexpr size_t kMacBytes = 16;
constexpr size_t kTokenBytes = kBodyBytes + kMacBytes;

// The key in use, read without a lock by every token made or checked.
std::atomic<const std::string*> current_key{nullptr};

// Every key ever in use, guarded by the mutex. They are kept, never freed, so
// that a token being checked on another thread while SetPageTokenKey() runs
// still reads a valid key (the old one); a process has a key or two.
std::mutex& KeysMutex() {
  static auto* mutex = new std::mutex;
  return *mutex;
}
std::vector<std::unique_ptr<const std::string>>& Keys() {
  static auto* keys = new std::vector<std::unique_ptr<const std::string>>;
  return *keys;
}

// REQUIRES: KeysMutex() is held.
void UseKey(std::string key) {
  Keys().push_back(std::make_unique<const std::string>(std::move(key)));
  current_key.store(Keys().back().get(), std::memory_order_release);
}

const std::string& Key() {
  if (const std::string* key = current_key.load(std::memory_order_acquire)) return *key;
  std::lock_guard<std::mutex> lock(KeysMutex());
  if (current_key.load(std::memory_order_relaxed) == nullptr) {  // no other thread drew one
    unsigned char random[2 * kMinPageTokenKeyBytes];
    // Without randomness a guessable key would make tokens forgeable: better
    // to stop than to serve.
    if (RAND_bytes(random, sizeof(random)) != 1) {
      std::fprintf(stderr, "parley: RAND_bytes failed: cannot make a page-token key\n");
      std::abort();
    }
    UseKey(std::string(reinterpret_cast<const char*>(random), sizeof(random)));
    OPENSSL_cleanse(random, sizeof(random));
  }
  return *current_key.load(std::memory_order_acquire);
}

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "parley: %s: cannot make or check page tokens\n", what);
  std::abort();
}

// HMAC-SHA256 fetched once per process, and a context per thread keyed once
// per key: OpenSSL 3's one-shot HMAC() fetches the algorithm under a lock
// on every call, which cost more than a short name search.
class ThreadMac {
 public:
  ~ThreadMac() { EVP_MAC_CTX_free(ctx_); }
  // REQUIRES: key outlives its use (keys are never freed).
  void Compute(const std::string& key, const char* body, unsigned char out[kMacBytes]) {
    static EVP_MAC* const hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (ctx_ == nullptr && hmac != nullptr) ctx_ = EVP_MAC_CTX_new(hmac);
    if (ctx_ == nullptr) Fail("HMAC-SHA256 is not available");
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest_name, 0),
                                 OSSL_PARAM_construct_end()};
    // A NULL key reuses the one already set: only a new key is set up again.
    const bool same_key = &key == key_;
    bool ok =
        EVP_MAC_init(ctx_, same_key ? nullptr : reinterpret_cast<const unsigned char*>(key.data()),
                     same_key ? 0 : key.size(), same_key ? nullptr : params) == 1;
    key_ = &key;
    unsigned char digest[EVP_MAX_MD_SIZE];
    size_t length = 0;
    ok = ok &&
         EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(body), kBodyBytes) == 1 &&
         EVP_MAC_final(ctx_, digest, &length, sizeof(digest)) == 1 && length >= kMacBytes;
    if (!ok) Fail("HMAC-SHA256 failed");  // no MAC must never pass for one
    std::memcpy(out, digest, kMacBytes);
  }

 private:
  EVP_MAC_CTX* ctx_ = nullptr;
  const std::string* key_ = nullptr;
};

// The MAC of a token body, under the current key.
void Mac(const char* body, unsigned char out[kMacBytes]) {
  thread_local ThreadMac mac;
  mac.Compute(Key(), body, out);
}

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

// A request type's page_size and page_token fields (either may be null),
// looked up again only when a thread's request type changes: a lookup by
// name builds a string, and every page of every list call needs them.
struct PagingFields {
  const google::protobuf::FieldDescriptor* size = nullptr;
  const google::protobuf::FieldDescriptor* token = nullptr;
};
PagingFields PagingFieldsOf(const google::protobuf::Message& request) {
  thread_local const google::protobuf::Descriptor* type = nullptr;
  thread_local PagingFields fields;
  if (type != request.GetDescriptor()) {
    fields = {Field(request, "page_size"), Field(request, "page_token")};
    type = request.GetDescriptor();
  }
  return fields;
}

}  // namespace

namespace {

std::string Serialized(const google::protobuf::Message& message) {
  std::string bytes;
  google::protobuf::io::StringOutputStream out(&bytes);
  google::protobuf::io::CodedOutputStream coded(&out);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  return bytes;
}

// The request's deterministic bytes with page_size and page_token cleared.
// They are cut out on the wire: the same bytes as the request serialized
// with them cleared (fields are written one after another in number order),
// without copying the request (the copy, its reflection and the second
// serialization were a twentieth of a short search). Should the bytes not
// parse back (nothing known does that), the request is copied and cleared.
std::string BytesWithoutPaging(const google::protobuf::Message& request) {
  const std::string wire = Serialized(request);
  const PagingFields fields = PagingFieldsOf(request);
  const int paging[2] = {fields.size == nullptr ? -1 : fields.size->number(),
                         fields.token == nullptr ? -1 : fields.token->number()};
  std::string bytes;
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(wire.data()),
                                            static_cast<int>(wire.size()));
  for (;;) {
    const int start = in.CurrentPosition();
    const uint32_t tag = in.ReadTag();
    if (tag == 0) break;
    if (!google::protobuf::internal::WireFormatLite::SkipField(&in, tag)) {
      std::unique_ptr<google::protobuf::Message> copy(request.New());
      copy->CopyFrom(request);
      for (absl::string_view name : {"page_size", "page_token"}) {
        if (const auto* field = Field(*copy, name)) {
          copy->GetReflection()->ClearField(copy.get(), field);
        }
      }
      return Serialized(*copy);
    }
    const int number = google::protobuf::internal::WireFormatLite::GetTagFieldNumber(tag);
    if (number != paging[0] && number != paging[1]) {
      bytes.append(wire, static_cast<size_t>(start),
                   static_cast<size_t>(in.CurrentPosition() - start));
    }
  }
  return bytes;
}

}  // namespace

uint64_t RequestFingerprint(absl::string_view method, const google::protobuf::Message& request) {
  // XXH3 (frozen since xxHash 0.8, so every replica computes the same): the
  // fingerprint only tells requests apart, the token's MAC keeps it from
  // being edited, and SHA-256 with its context was a twentieth of a short
  // search.
  const std::string bytes = BytesWithoutPaging(request);
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(),
                              XXH3_64bits(method.data(), method.size()));
}

absl::Status SetPageTokenKey(absl::string_view key) {
  if (key.size() < kMinPageTokenKeyBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("the page-token key has ", key.size(), " bytes; it needs at least ",
                     kMinPageTokenKeyBytes, ": make one with \"openssl rand -hex 32\""));
  }
  std::lock_guard<std::mutex> lock(KeysMutex());
  UseKey(std::string(key));
  return absl::OkStatus();
}

std::string EncodePageToken(uint64_t fingerprint, uint32_t offset, uint64_t generation) {
  char raw[kTokenBytes];
  raw[0] = kVersion;
  StoreLE(raw + 1, fingerprint, 8);
  StoreLE(raw + 9, offset, 4);
  StoreLE(raw + 13, generation, 8);
  Mac(raw, reinterpret_cast<unsigned char*>(raw + kBodyBytes));
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
  // The MAC comes first: the fields of a token that fails it are not to be
  // trusted, even to say why it is refused.
  unsigned char mac[kMacBytes];
  Mac(raw.data(), mac);
  if (CRYPTO_memcmp(mac, raw.data() + kBodyBytes, kMacBytes) != 0) {
    return InvalidArgument(
        "INVALID_PAGE_TOKEN",
        "page_token was altered, or issued by another server or before a restart: pass "
        "next_page_token from the previous response unchanged, or leave page_token empty to "
        "start over");
  }
  if (const uint64_t issued = LoadLE(raw.data() + 13, 8); issued != generation) {
    return InvalidArgument(
        "STALE_PAGE_TOKEN",
        absl::StrCat("page_token was issued by an index of another corpus (content ",
                     absl::Hex(issued, absl::kZeroPad16), "; now ",
                     absl::Hex(generation, absl::kZeroPad16),
                     "): the corpus changed since, so pages could shift; start again with an "
                     "empty page_token"));
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
  const PagingFields fields = PagingFieldsOf(request);
  const int32_t page_size = reflection->GetInt32(request, fields.size);
  std::string scratch;
  const std::string& token = reflection->GetStringReference(request, fields.token, &scratch);
  if (page_size < 0) {
    return InvalidArgument("INVALID_PAGE_SIZE",
                           absl::StrCat("page_size must not be negative (got ", page_size,
                                        "): use 0 for the default of ", limits.default_size,
                                        ", at most ", limits.max_size));
  }
  PageStart start;
  start.size = page_size == 0 ? limits.default_size : std::min(page_size, limits.max_size);
  start.generation = generation;
  start.method = method;
  start.request = &request;
  if (!token.empty()) {
    absl::StatusOr<uint32_t> offset =
        DecodePageToken(token, RequestFingerprint(method, request), generation);
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
    bounds.next_page_token = EncodePageToken(RequestFingerprint(method, *request),
                                             static_cast<uint32_t>(bounds.end), generation);
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
