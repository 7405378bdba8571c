#include "client/pictures/graphviz_render.h"

#include <memory>
#include <mutex>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace parley::pictures {
namespace {

// Graphviz's error messages of the current call (agseterrf's callback has
// no user data: the mutex below makes this per call).
std::string* graphviz_errors = nullptr;

int CollectGraphvizError(char* message) {
  if (graphviz_errors != nullptr) absl::StrAppend(graphviz_errors, message);
  return 0;
}

// "Error: syntax error in line 1 near 'x'\n" -> "syntax error in line 1 near 'x'".
std::string ErrorsOrDefault(const std::string& errors, absl::string_view fallback) {
  std::string text = absl::StrReplaceAll(errors, {{"Error: ", ""}, {"\n", " "}});
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text.empty() ? std::string(fallback) : text;
}

}  // namespace

std::string DotQuoted(absl::string_view text) {
  return absl::StrCat(
      "\"", absl::StrReplaceAll(text, {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}}), "\"");
}

absl::StatusOr<std::string> RenderDot(const Picture& picture, absl::string_view format) {
  if (format == "dot") return picture.dot;
  if (format != "svg" && format != "png") {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot render a picture as \"", format, "\": use dot, svg or png"));
  }
  static std::mutex* const mutex = new std::mutex;
  std::lock_guard<std::mutex> lock(*mutex);
  std::string errors;
  graphviz_errors = &errors;
  agseterr(AGERR);  // warnings (e.g. a bitmap scaled to fit) are not errors
  agseterrf(CollectGraphvizError);
  struct Done {
    ~Done() {
      agseterrf(nullptr);
      graphviz_errors = nullptr;
    }
  } done;

  std::unique_ptr<GVC_t, int (*)(GVC_t*)> gvc(gvContext(), gvFreeContext);
  std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(agmemread(picture.dot.c_str()), agclose);
  if (graph == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("Graphviz cannot read the graph: ", ErrorsOrDefault(errors, "bad DOT")));
  }
  if (gvLayout(gvc.get(), graph.get(), picture.engine.c_str()) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("Graphviz cannot lay out with \"", picture.engine,
                     "\": ", ErrorsOrDefault(errors, "no such engine"),
                     " (scripts/setup.sh installs Graphviz's plugins)"));
  }
  char* data = nullptr;
  unsigned int size = 0;
  const int rendered =
      gvRenderData(gvc.get(), graph.get(), std::string(format).c_str(), &data, &size);
  std::string out = rendered == 0 && data != nullptr ? std::string(data, size) : "";
  if (data != nullptr) gvFreeRenderData(data);
  gvFreeLayout(gvc.get(), graph.get());
  if (rendered != 0 || out.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "Graphviz cannot render ", format, ": ", ErrorsOrDefault(errors, "no renderer for it"),
        " (scripts/setup.sh installs Graphviz's plugins)"));
  }
  return out;
}

}  // namespace parley::pictures
