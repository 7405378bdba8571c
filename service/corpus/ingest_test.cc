#include "service/corpus/ingest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/base/errors.h"

namespace parley {
namespace {

using ::testing::HasSubstr;

v1::IngestDocumentRequest Request(const std::string& id, const std::string& text) {
  v1::IngestDocumentRequest r;
  r.set_document_id(id);
  r.set_text(text);
  return r;
}

TEST(RenderArticleTest, WritesFrontMatterInFieldOrderThenTheTextUnchanged) {
  v1::IngestDocumentRequest r = Request("pti-1", "---\nnot front matter\n");
  r.set_url("https://example.com/a");
  r.set_title("Talks");
  absl::StatusOr<ArticleToWrite> a = RenderArticle(r);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->file_name, "pti-1.txt");
  EXPECT_EQ(
      a->contents,
      "---\nid: pti-1\ntitle: Talks\nurl: https://example.com/a\n---\n---\nnot front matter\n");
}

TEST(RenderArticleTest, InvalidUtf8IsRefusedWithItsByteOffset) {
  absl::StatusOr<ArticleToWrite> a = RenderArticle(Request("x", "caf\xc3\x28 ok"));
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(ReasonOf(a.status()), "INVALID_TEXT");
  EXPECT_THAT(std::string(a.status().message()), HasSubstr("not valid UTF-8 at byte 3"));
  v1::IngestDocumentRequest r = Request("x", "fine");
  r.set_author("\xff");
  EXPECT_EQ(ReasonOf(RenderArticle(r).status()), "INVALID_METADATA");
}

TEST(RenderArticleTest, NulBytesSpacesAndLongIdsAreRefused) {
  EXPECT_EQ(ReasonOf(RenderArticle(Request("x", std::string("a\0b", 3))).status()), "INVALID_TEXT");
  v1::IngestDocumentRequest r = Request("x", "fine");
  r.set_publisher(" PTI");
  EXPECT_THAT(std::string(RenderArticle(r).status().message()), HasSubstr("trim it"));
  EXPECT_EQ(ReasonOf(RenderArticle(Request(std::string(101, 'a'), "t")).status()), "INVALID_ID");
  EXPECT_TRUE(RenderArticle(Request(std::string(100, 'a'), "t")).ok());
}

}  // namespace
}  // namespace parley
