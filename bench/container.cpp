#include "container.hpp"

#include <fstream>
#include <iterator>

#include "image/loader.hpp"

namespace tc::bench {
namespace {

std::vector<uint8_t> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ContainerError("cannot open " + path.string() + " (build the bench target)");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

Container::Container(const std::filesystem::path& path) : bytes_(read_file(path)) {
  const std::string where = path.string() + ": ";
  if (const image::ImageReason reason = image::parse(bytes_, view_);
      reason != image::ImageReason::ok) {
    throw ContainerError(where + image::describe(reason));
  }
  if (const vm::VerifyError error = vm::verify(view_.text, helpers_, program_); !error.ok()) {
    char message[96];
    throw ContainerError(where + error.format(message));
  }
  // Stack 0: one frame per call level the VM allows, as a device without a manifest would map.
  arena_.resize(image::arena_needed(view_, 0) + 7);
  if (const Status s = image::load(view_, arena_, 0, machine_); !s.ok()) {
    throw ContainerError(where + s.message());
  }
}

uint32_t Container::entry(std::string_view name) const {
  uint32_t pc = 0;
  if (!view_.find_entry(name, pc)) throw ContainerError("image has no entry " + std::string(name));
  return pc;
}

}  // namespace tc::bench
