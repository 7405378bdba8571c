#include "service/corpus/packed_records.h"

#include <cstdint>

#include "google/protobuf/io/coded_stream.h"

namespace parley {

void PackedRecords::Add(const google::protobuf::MessageLite& record) {
  record.ByteSizeLong();
  AddWithCachedSize(record);
}

void PackedRecords::AddWithCachedSize(const google::protobuf::MessageLite& record) {
  const size_t begin = bytes_.size();
  bytes_.resize(begin + static_cast<size_t>(record.GetCachedSize()));
  record.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(&bytes_[begin]));
  ends_.push_back(bytes_.size());
}

bool PackedRecords::Parse(size_t i, google::protobuf::MessageLite* out) const {
  const absl::string_view b = bytes(i);
  return out->ParseFromArray(b.data(), static_cast<int>(b.size()));
}

namespace {

// The wire format's tags: field number << 3 | wire type.
enum WireType : uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

// Calls on_varint(field, value) and on_bytes(field, bytes) for each top-level
// field of a message in binary form (fixed-width fields are skipped).
// Returns false if bytes are not a well-formed message.
template <typename OnVarint, typename OnBytes>
bool VisitFields(absl::string_view bytes, OnVarint on_varint, OnBytes on_bytes) {
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                                            static_cast<int>(bytes.size()));
  for (uint32_t tag = in.ReadTag(); tag != 0; tag = in.ReadTag()) {
    const uint32_t field = tag >> 3;
    switch (tag & 7) {
      case kVarint: {
        uint64_t value = 0;
        if (!in.ReadVarint64(&value)) return false;
        on_varint(field, value);
        break;
      }
      case kLengthDelimited: {
        uint32_t length = 0;
        if (!in.ReadVarint32(&length)) return false;
        const size_t at = static_cast<size_t>(in.CurrentPosition());
        if (length > bytes.size() - at || !in.Skip(static_cast<int>(length))) return false;
        on_bytes(field, bytes.substr(at, length));
        break;
      }
      case kFixed64:
        if (!in.Skip(8)) return false;
        break;
      case kFixed32:
        if (!in.Skip(4)) return false;
        break;
      default:  // groups (proto2 only) and wire types that do not exist
        return false;
    }
  }
  // ReadTag gives 0 at the end and on a tag of 0: only the end is fine.
  return in.ConsumedEntireMessage();
}

}  // namespace

bool PackedRecords::AddEachOfField(absl::string_view message_bytes, int field) {
  return VisitFields(
      message_bytes, [](uint32_t, uint64_t) {},
      [this, field](uint32_t f, absl::string_view record) {
        if (f != static_cast<uint32_t>(field)) return;
        bytes_.append(record.data(), record.size());
        ends_.push_back(bytes_.size());
      });
}

bool ReadStringAndVarintFields(absl::string_view bytes, int string_field, std::string* string_value,
                               int varint_field, uint64_t* varint_value) {
  return VisitFields(
      bytes,
      [&](uint32_t field, uint64_t value) {
        if (field == static_cast<uint32_t>(varint_field)) *varint_value = value;
      },
      [&](uint32_t field, absl::string_view value) {
        if (field == static_cast<uint32_t>(string_field))
          string_value->assign(value.data(), value.size());
      });
}

}  // namespace parley
