#include "service/lookup/page_token.h"

#include <cstring>

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "parley/v1/lookup_service.pb.h"
#include "service/base/errors.h"
#include "xxhash.h"

namespace parley {
namespace {

TEST(PageTokenTest, RoundTrips) {
  const std::string token = EncodePageToken(42, 7, 3);
  auto offset = DecodePageToken(token, 42, 3);
  ASSERT_TRUE(offset.ok()) << offset.status();
  EXPECT_EQ(*offset, 7u);
}

TEST(PageTokenTest, ATokenFromAnotherCorpusIsStale) {
  auto stale = DecodePageToken(EncodePageToken(42, 7, 3), 42, 4);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(stale.status().message().find("issued by an index of another corpus (content "
                                          "0000000000000003; now 0000000000000004)"),
            absl::string_view::npos);
  EXPECT_EQ(ReasonOf(stale.status()), "STALE_PAGE_TOKEN");
}

TEST(PageTokenTest, RefusesForgedTruncatedAndForeignTokens) {
  const std::string token = EncodePageToken(42, 7, 1);
  for (const std::string& bad : {std::string("garbage!"), token.substr(0, token.size() - 3),
                                 std::string("AAAA"), token + "AA"}) {
    auto offset = DecodePageToken(bad, 42, 1);
    ASSERT_FALSE(offset.ok()) << bad;
    EXPECT_EQ(offset.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(offset.status().message().find("malformed"), absl::string_view::npos);
  }
  auto foreign = DecodePageToken(token, 43, 1);
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.status().message().find("different request"), absl::string_view::npos);
}

// The bytes of a token, and a token made of bytes.
std::string Unwrap(const std::string& token) {
  std::string raw;
  EXPECT_TRUE(absl::WebSafeBase64Unescape(token, &raw)) << token;
  return raw;
}
std::string Wrap(const std::string& raw) { return absl::WebSafeBase64Escape(raw); }

void ExpectInvalidToken(const std::string& token, uint64_t fingerprint, uint64_t generation) {
  auto offset = DecodePageToken(token, fingerprint, generation);
  ASSERT_FALSE(offset.ok()) << "accepted with offset " << *offset;
  EXPECT_EQ(offset.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(offset.status()), "INVALID_PAGE_TOKEN");
  EXPECT_NE(offset.status().message().find("pass next_page_token from the previous response"),
            absl::string_view::npos)
      << offset.status();
}

// A token of the version 2 layout (version, fingerprint, offset, generation,
// little-endian, no MAC) with the right fingerprint and generation, as anyone
// who decoded one could forge.
TEST(PageTokenTest, RefusesAForgedTokenWithAnEditedOffset) {
  std::string raw(1 + 8 + 4 + 8, '\0');
  raw[0] = 2;
  for (int i = 0; i < 8; ++i) raw[1 + i] = static_cast<char>((uint64_t{42} >> (8 * i)) & 0xFF);
  for (int i = 0; i < 4; ++i) raw[9 + i] = static_cast<char>(0xFF);
  raw[13] = 1;
  ExpectInvalidToken(Wrap(raw), 42, 1);
}

// A token of the version 3 layout (fingerprints by SHA-256), here a
// genuine token with its version byte set back: refused as malformed, not
// as issued for another request.
TEST(PageTokenTest, RefusesATokenOfTheVersionBefore) {
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(EncodePageToken(42, 7, 1), &raw));
  ASSERT_EQ(raw[0], 4);
  raw[0] = 3;
  const std::string token = absl::WebSafeBase64Escape(raw);
  ExpectInvalidToken(token, 42, 1);
  // Refused for its version, before its MAC is checked.
  EXPECT_NE(DecodePageToken(token, 42, 1).status().message().find("malformed"),
            absl::string_view::npos);
}

// A genuine token with its offset bytes (after the version byte and the
// 8-byte fingerprint) set to 0xFFFFFFFF.
TEST(PageTokenTest, RefusesARealTokenWithAnEditedOffset) {
  std::string raw = Unwrap(EncodePageToken(42, 7, 1));
  ASSERT_GE(raw.size(), 13u);
  for (int i = 0; i < 4; ++i) raw[9 + i] = static_cast<char>(0xFF);
  ExpectInvalidToken(Wrap(raw), 42, 1);
}

TEST(PageTokenTest, RefusesATokenWithAnyBitFlipped) {
  const std::string raw = Unwrap(EncodePageToken(42, 7, 1));
  for (size_t byte = 0; byte < raw.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = raw;
      flipped[byte] = static_cast<char>(flipped[byte] ^ (1 << bit));
      SCOPED_TRACE(testing::Message() << "byte " << byte << " bit " << bit);
      ExpectInvalidToken(Wrap(flipped), 42, 1);
    }
  }
}

// Replicas given one key accept each other's tokens; a token made with
// another key (another process, or before a restart) is refused.
TEST(PageTokenTest, TokensAreGoodUnderTheKeyTheyWereMadeWith) {
  const std::string replica_key = "0123456789abcdef0123456789abcdef";
  ASSERT_TRUE(SetPageTokenKey(replica_key).ok());
  const std::string token = EncodePageToken(42, 7, 1);
  ASSERT_TRUE(SetPageTokenKey("another key of at least 16 bytes").ok());
  ExpectInvalidToken(token, 42, 1);
  ASSERT_TRUE(SetPageTokenKey(replica_key).ok());
  auto offset = DecodePageToken(token, 42, 1);
  ASSERT_TRUE(offset.ok()) << offset.status();
  EXPECT_EQ(*offset, 7u);

  const absl::Status too_short = SetPageTokenKey("short");
  EXPECT_EQ(too_short.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(too_short.message().find("at least 16"), absl::string_view::npos) << too_short;
  EXPECT_TRUE(DecodePageToken(token, 42, 1).ok());  // the key in use is kept
}

TEST(PaginateTest, ARealNextPageTokenStillWorks) {
  constexpr PageLimits kLimits{2, 3};
  v1::ListEventsRequest request;
  request.mutable_filter()->add_topics("cyber");
  auto first = Paginate("ListEvents", request, kLimits, 5, 7);
  ASSERT_TRUE(first.ok()) << first.status();
  request.set_page_token(first->next_page_token);
  auto second = Paginate("ListEvents", request, kLimits, 5, 7);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->begin, 2u);
  EXPECT_EQ(second->end, 4u);
}

TEST(RequestFingerprintTest, IgnoresPagingButNotFiltersOrMethod) {
  v1::ListEventsRequest a;
  a.mutable_filter()->add_topics("cyber");
  v1::ListEventsRequest b = a;
  b.set_page_size(3);
  b.set_page_token("anything");
  EXPECT_EQ(RequestFingerprint("ListEvents", a), RequestFingerprint("ListEvents", b));
  v1::ListEventsRequest c = a;
  c.mutable_filter()->set_from_date("2011");
  EXPECT_NE(RequestFingerprint("ListEvents", a), RequestFingerprint("ListEvents", c));
  EXPECT_NE(RequestFingerprint("ListEvents", a), RequestFingerprint("ListParticipations", a));
}

// Paging is cut out on the wire: the fingerprint is the hash of the request
// copied with paging cleared (XXH3, salted with the method's).
TEST(RequestFingerprintTest, IsTheDigestOfTheRequestWithoutPaging) {
  v1::SearchEntitiesRequest request;
  request.set_query("Ravi");
  request.add_kinds(v1::ENTITY_KIND_PERSON);
  request.add_kinds(v1::ENTITY_KIND_ORGANIZATION);
  request.add_country_ids("india");
  request.set_view(v1::ENTITY_VIEW_FULL);
  request.set_page_size(7);
  request.set_page_token("a token");
  request.GetReflection()->MutableUnknownFields(&request)->AddVarint(999, 5);
  v1::SearchEntitiesRequest cleared = request;
  cleared.clear_page_size();
  cleared.clear_page_token();
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    cleared.SerializeToCodedStream(&coded);
  }
  const uint64_t expected =
      XXH3_64bits_withSeed(bytes.data(), bytes.size(), XXH3_64bits("SearchEntities", 14));
  EXPECT_EQ(RequestFingerprint("SearchEntities", request), expected);
}

TEST(PaginateTest, DefaultsCoercionAndNegativeSizes) {
  constexpr PageLimits kLimits{2, 3};
  v1::ListEventsRequest request;
  auto first = Paginate("ListEvents", request, kLimits, 5, 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->begin, 0u);
  EXPECT_EQ(first->end, 2u);  // default size
  ASSERT_FALSE(first->next_page_token.empty());
  request.set_page_size(1000);  // coerced to the maximum
  request.set_page_token(first->next_page_token);
  auto second = Paginate("ListEvents", request, kLimits, 5, 1);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->begin, 2u);
  EXPECT_EQ(second->end, 5u);
  EXPECT_TRUE(second->next_page_token.empty());
  request.set_page_size(-1);
  auto negative = Paginate("ListEvents", request, kLimits, 5, 1);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace parley
