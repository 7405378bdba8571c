// Opaque page tokens (AIP-158): a token encodes where the next page starts,
// a fingerprint of the request that issued it and the corpus that answered
// (an epoch: the first 64 bits of its content hash), so that a token used
// with different filters, with another RPC, or after the corpus changed is
// refused instead of silently returning a wrong page, while every replica
// serving the same corpus accepts it. The parameters named generation
// below are that epoch.
//
// Tokens carry an HMAC-SHA256 (truncated to 128 bits) of their contents, so
// that a client cannot edit one (to skip to offset 2^32-1, say): any change
// makes it INVALID_PAGE_TOKEN. The key is drawn at random the first time one
// is needed, so tokens are good only in the process that issued them, unless
// every replica behind one address is given the same key by
// SetPageTokenKey() at startup.
//
// Thread-safety: all functions are thread-safe.
#ifndef PARLEY_SERVICE_LOOKUP_PAGE_TOKEN_H_
#define PARLEY_SERVICE_LOOKUP_PAGE_TOKEN_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace parley {

inline constexpr size_t kMinPageTokenKeyBytes = 16;

// Makes key (any bytes, at least kMinPageTokenKeyBytes of them) the key that
// tokens are made and checked with from now on, in place of the random one.
// Meant for startup, before calls are served: tokens issued before it are
// refused after it. The bytes are used as given, a trailing newline
// included.
// Errors: INVALID_ARGUMENT for a key that is too short.
[[nodiscard]] absl::Status SetPageTokenKey(absl::string_view key);

// A stable fingerprint of request with its page_size and page_token fields
// cleared, salted with the method name.
uint64_t RequestFingerprint(absl::string_view method, const google::protobuf::Message& request);

std::string EncodePageToken(uint64_t fingerprint, uint32_t offset, uint64_t generation);

// Returns the offset. Errors: INVALID_ARGUMENT when the token is malformed,
// altered or made with another key (INVALID_PAGE_TOKEN), was issued for a
// different request (PAGE_TOKEN_MISMATCH) or by another index generation
// (STALE_PAGE_TOKEN).
[[nodiscard]] absl::StatusOr<uint32_t> DecodePageToken(absl::string_view token,
                                                       uint64_t fingerprint, uint64_t generation);

// Page limits of one List/Search method.
struct PageLimits {
  int32_t default_size;
  int32_t max_size;
};

struct PageBounds {
  size_t begin = 0;
  size_t end = 0;               // exclusive
  std::string next_page_token;  // "" on the last page
};

// A validated page request: where the page starts and how long it may be.
//
// The request's fingerprint is computed only when a token is read or made
// (most first pages are also last pages). REQUIRES: the request given to
// StartPage() outlives its PageStart.
struct PageStart {
  size_t offset = 0;
  size_t size = 0;
  uint64_t generation = 0;
  absl::string_view method;
  const google::protobuf::Message* request = nullptr;

  // The slice of [0, total) to return, and the token of the next page.
  PageBounds Bounds(size_t total) const;
};

// Validates page_size and page_token of request (fields of those names).
// Errors: INVALID_ARGUMENT for a negative page_size or a bad token.
[[nodiscard]] absl::StatusOr<PageStart> StartPage(absl::string_view method,
                                                  const google::protobuf::Message& request,
                                                  PageLimits limits, uint64_t generation);

// StartPage() and Bounds(total) in one step.
[[nodiscard]] absl::StatusOr<PageBounds> Paginate(absl::string_view method,
                                                  const google::protobuf::Message& request,
                                                  PageLimits limits, size_t total,
                                                  uint64_t generation);

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_PAGE_TOKEN_H_
