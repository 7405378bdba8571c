// Build step: counts, content hash and timings of the index.
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "service/index/build_steps.h"

namespace parley {

void FillBuildInfo(BuildContext& c, absl::Duration took) {
  IndexData& x = c.data;
  v1::IndexInfo& info = x.info;
  for (EntityView e : x.entity_store) {
    switch (e.kind()) {
      case v1::ENTITY_KIND_PERSON:
        info.set_person_count(info.person_count() + 1);
        break;
      case v1::ENTITY_KIND_ORGANIZATION:
        info.set_organization_count(info.organization_count() + 1);
        break;
      case v1::ENTITY_KIND_COUNTRY:
        info.set_country_count(info.country_count() + 1);
        break;
      default:
        break;
    }
  }
  info.set_event_count(x.event_store.size());
  info.set_participation_count(static_cast<int32_t>(x.participations.size()));
  info.set_document_count(static_cast<int32_t>(x.documents.size()));
  info.set_topic_count(static_cast<int32_t>(x.topics.size()));
  info.set_evidence_count(c.evidence_count);
  info.set_unsupported_extracted_quote_count(c.unsupported_extracted_quotes);
  info.set_orphan_review_count(c.orphan_reviews);
  info.set_extracted_participants_kept_out_of_curated_events(
      c.extracted_participants_kept_out_of_curated_events);
  info.set_content_sha256(c.corpus.content_sha256());
  info.set_data_dir(c.corpus.data_dir());
  *info.mutable_build_time() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(absl::Now()));
  *info.mutable_build_duration() =
      google::protobuf::util::TimeUtil::NanosecondsToDuration(absl::ToInt64Nanoseconds(took));
}

}  // namespace parley
