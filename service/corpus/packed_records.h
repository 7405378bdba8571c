// PackedRecords: messages of one type kept in protobuf's binary form, one
// after another, and parsed again one at a time when they are read.
//
// Why: a parsed knowledge-base record costs several times its binary form.
// A person with one position is ~620 bytes on an arena (each string field a
// 32-byte std::string plus an arena cleanup, each message its own object)
// and ~130 bytes packed. An index build reads each entity record twice (its
// id and kind, then the whole record), so a corpus read for a build keeps
// its entity records packed (Corpus::Options::pack_entities): at 1M
// entities the parsed records were 0.6 GB of the build's peak, packed they
// are 0.13 GB.
//
// Build-then-read: Add() while filling; the const methods are safe from any
// number of threads after. Ownership: the records' bytes are copies, and
// the views returned live as long as this object.
#ifndef PARLEY_SERVICE_CORPUS_PACKED_RECORDS_H_
#define PARLEY_SERVICE_CORPUS_PACKED_RECORDS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/message_lite.h"

namespace parley {

class PackedRecords {
 public:
  // Makes room for records more records of bytes more bytes in all, so
  // that adding them moves nothing.
  void Reserve(size_t records, size_t bytes) {
    ends_.reserve(ends_.size() + records);
    bytes_.reserve(bytes_.size() + bytes);
  }
  // Appends record in binary form.
  // REQUIRES: every record added is of one message type.
  void Add(const google::protobuf::MessageLite& record);
  // The same for a record whose size was just taken (record.ByteSizeLong(),
  // with no change to it since): its size is not computed again.
  void AddWithCachedSize(const google::protobuf::MessageLite& record);
  // Appends a record given in binary form (a message's bytes).
  void AddBinary(absl::string_view record) {
    bytes_.append(record.data(), record.size());
    ends_.push_back(bytes_.size());
  }
  // Appends, in their order, the records that message_bytes (a message in
  // binary form) holds in its length-delimited field field: a repeated
  // message field's records as they were written, without parsing them.
  // Returns false if message_bytes is not a well-formed message; the
  // records before the fault are then added.
  [[nodiscard]] bool AddEachOfField(absl::string_view message_bytes, int field);

  size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }

  // Record i in binary form. REQUIRES: i < size().
  absl::string_view bytes(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return absl::string_view(bytes_).substr(begin, ends_[i] - begin);
  }

  // Parses record i into *out, which is cleared first (reusing one message
  // keeps its strings' buffers). Returns false if the bytes do not parse as
  // *out's type: a record added as another type, or one whose strings were
  // not valid UTF-8 when added (proto3 refuses them when parsing).
  // REQUIRES: i < size().
  [[nodiscard]] bool Parse(size_t i, google::protobuf::MessageLite* out) const;

  // The bytes held, for reports.
  size_t byte_size() const { return bytes_.size(); }

 private:
  std::string bytes_;
  std::vector<size_t> ends_;  // record i is bytes_[ends_[i - 1], ends_[i])
};

// The string field string_field and the varint field varint_field at the
// top level of a message in binary form, without parsing the rest: what a
// pass that needs two fields of every record reads (an entity's id and
// kind). A field given more than once gives its last value, as a parse
// does; an absent one leaves its output unchanged. Returns false if bytes
// are not a well-formed message in binary form (the two outputs are then
// unspecified; what this reads of the wire format is what protobuf writes:
// no groups). REQUIRES: the two fields are of those kinds in the schema.
[[nodiscard]] bool ReadStringAndVarintFields(absl::string_view bytes, int string_field,
                                             std::string* string_value, int varint_field,
                                             uint64_t* varint_value);

}  // namespace parley

#endif  // PARLEY_SERVICE_CORPUS_PACKED_RECORDS_H_
