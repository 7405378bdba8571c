#include "service/grpc/grpc_status.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "parley/v1/lookup_service.pb.h"
#include "service/base/errors.h"
#include "service/base/normalize.h"

namespace parley {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The message of the google.rpc.Status sent as binary details.
google::rpc::Status DetailsOf(const grpc::Status& status) {
  google::rpc::Status details;
  EXPECT_TRUE(details.ParseFromString(status.error_details()));
  return details;
}

// What every message sent must be: no edge whitespace, no control
// characters, valid UTF-8.
void ExpectSafe(const std::string& message) {
  EXPECT_EQ(FirstInvalidUtf8(message), std::string::npos) << message;
  for (const char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_FALSE(byte < 0x20 || byte == 0x7F) << "control byte " << int{byte} << " in " << message;
  }
  if (!message.empty()) {
    EXPECT_NE(message.front(), ' ') << message;
    EXPECT_NE(message.back(), ' ') << message;
  }
}

TEST(ToGrpcStatusTest, KeepsCodeMessageAndReason) {
  const grpc::Status status = ToGrpcStatus(InvalidArgument("INVALID_PAGE_TOKEN", "bad token: fix"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "bad token: fix");
  const google::rpc::Status details = DetailsOf(status);
  EXPECT_EQ(details.code(), 3);
  EXPECT_EQ(details.message(), "bad token: fix");
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INVALID_PAGE_TOKEN");
  EXPECT_EQ(info.domain(), "parley.v1");
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(ToGrpcStatusTest, NamesTheFieldOfABadRequest) {
  const auto* request = v1::ListEventsRequest::descriptor();
  const grpc::Status status = ToGrpcStatus(
      InvalidArgument("INVALID_DATE", "filter.to_date: date \"2011-13\": month 13 is not 1-12"),
      request);
  const google::rpc::Status details = DetailsOf(status);
  ASSERT_EQ(details.details_size(), 2);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.metadata().at("field"), "filter.to_date");
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(1).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "filter.to_date");
  EXPECT_THAT(bad_request.field_violations(0).description(), HasSubstr("month 13"));
  // Paths with indices; words that are no field of the request; other codes.
  EXPECT_EQ(
      RequestFieldOf(InvalidArgument("X", "read_mask.paths[2]: \"x\" is not a field"), request),
      "read_mask.paths[2]");
  EXPECT_EQ(RequestFieldOf(InvalidArgument("X", "the request is bad"), request), "");
  EXPECT_EQ(RequestFieldOf(InvalidArgument("X", "page_size must not be negative"), request),
            "page_size");
  EXPECT_EQ(RequestFieldOf(absl::NotFoundError("page_size x"), request), "");
  EXPECT_EQ(RequestFieldOf(InvalidArgument("X", "filter.to_date: x"), nullptr), "");
  EXPECT_EQ(DetailsOf(ToGrpcStatus(InvalidArgument("X", "filter: x"))).details_size(), 1);
}

// Strict HTTP/2 peers (grpc-js) drop a grpc-message header that ends in a
// space, and a corpus problem list is several lines.
TEST(ToGrpcStatusTest, TrimsEdgesAndReplacesControlCharacters) {
  const grpc::Status status = ToGrpcStatus(WithReason(
      absl::FailedPreconditionError(
          "  \n2 problem(s) in the corpus:\nkb/a.textproto:1: x\r\n\tkb/b.textproto:2: y\x7F\x01 "),
      "RELOAD_FAILED"));
  EXPECT_EQ(status.error_message(),
            "2 problem(s) in the corpus: kb/a.textproto:1: x kb/b.textproto:2: y");
  EXPECT_EQ(DetailsOf(status).message(), status.error_message());
  ExpectSafe(status.error_message());
}

TEST(ToGrpcStatusTest, ReplacesInvalidUtf8AndKeepsValid) {
  const grpc::Status status = ToGrpcStatus(
      absl::InvalidArgumentError("caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D bad\xFF\xC3("));
  EXPECT_EQ(status.error_message(),
            "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D bad\xEF\xBF\xBD\xEF\xBF\xBD(");
  EXPECT_EQ(DetailsOf(status).message(), status.error_message());
  ExpectSafe(status.error_message());
}

TEST(ToGrpcStatusTest, CapsTheLengthOnACharacterBoundary) {
  std::string long_message;
  while (long_message.size() < 10000) long_message += "\xE2\x82\xAC";  // euro signs
  const grpc::Status status = ToGrpcStatus(absl::InternalError(long_message));
  const std::string& message = status.error_message();
  EXPECT_LE(message.size(), kMaxGrpcStatusMessageBytes);
  EXPECT_GT(message.size(), kMaxGrpcStatusMessageBytes - 8);
  EXPECT_THAT(message, ::testing::EndsWith("…"));
  ExpectSafe(message);
  EXPECT_EQ(DetailsOf(status).message(), message);
}

TEST(ToGrpcStatusTest, AMessageOfOnlyWhitespaceBecomesEmpty) {
  const grpc::Status status = ToGrpcStatus(absl::UnknownError(" \n\t "));
  EXPECT_EQ(status.error_message(), "");
  EXPECT_THAT(status.error_message(), Not(HasSubstr(" ")));
}

}  // namespace
}  // namespace parley
