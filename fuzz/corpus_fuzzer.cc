// The corpus loader on arbitrary files: the first byte picks which file of a
// small valid corpus the rest replaces (the annotation file, an annotated
// article, or an unannotated article with front matter); the whole corpus is
// then read, validated and indexed. A bad file must give problems with a
// location, never a crash and never a half-built index.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "fuzz/fuzz_common.h"
#include "service/index/index.h"

namespace {

const std::string& CorpusDir() {
  static const std::string* dir = [] {
    char tmpl[] = "/tmp/parley-fuzz-corpus-XXXXXX";
    auto* d = new std::string(mkdtemp(tmpl));
    std::filesystem::copy(PARLEY_SOURCE_DIR "/tests/corpora/minimal", *d,
                          std::filesystem::copy_options::recursive);
    return d;
  }();
  return *dir;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  parley::fuzz::Quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // kb.binpb is not in the corpus: empty, as restored below, it is an
  // empty knowledge base.
  static const char* const kFiles[] = {"/kb/kb.textproto", "/articles/talks.txt",
                                       "/articles/unannotated.txt", "/kb/extra.binpb"};
  const std::string dir = CorpusDir();
  const std::string path = dir + kFiles[data[0] % 4];
  std::string original;
  {
    std::ifstream in(path, std::ios::binary);
    original.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data) + 1, static_cast<std::streamsize>(size - 1));
  }
  absl::StatusOr<std::unique_ptr<const parley::Index>> index = parley::Index::Load(dir);
  if (!index.ok() && index.status().message().find(dir) == absl::string_view::npos) {
    __builtin_trap();  // every problem names its file
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << original;
  return 0;
}
