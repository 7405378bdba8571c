#include "service/lookup/page_token.h"

#include <gtest/gtest.h>

#include "parley/v1/lookup_service.pb.h"
#include "service/base/errors.h"

namespace parley {
namespace {

TEST(PageTokenTest, RoundTrips) {
  const std::string token = EncodePageToken(42, 7, 3);
  auto offset = DecodePageToken(token, 42, 3);
  ASSERT_TRUE(offset.ok()) << offset.status();
  EXPECT_EQ(*offset, 7u);
}

TEST(PageTokenTest, ATokenFromAnotherIndexGenerationIsStale) {
  auto stale = DecodePageToken(EncodePageToken(42, 7, 3), 42, 4);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(stale.status().message().find("issued by index generation 3"), absl::string_view::npos);
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
