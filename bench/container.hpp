// A kernel's container, set up the way a device would: the .tcx image parsed, its code verified,
// its regions mapped by the image loader into a VM machine with a private arena.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "image/image.hpp"
#include "vm/vm.hpp"

namespace tc::bench {

class ContainerError : public std::runtime_error {
 public:
  explicit ContainerError(const std::string& message) : std::runtime_error(message) {}
};

class Container {
 public:
  // Reads, parses, verifies and maps the image at `path`; throws ContainerError on any failure.
  explicit Container(const std::filesystem::path& path);
  Container(const Container&) = delete;
  Container& operator=(const Container&) = delete;

  // The instruction index of an exported entry; throws ContainerError when there is none.
  [[nodiscard]] uint32_t entry(std::string_view name) const;

  // One activation of the entry at `pc`. The kernels call no helpers, so it never suspends.
  vm::RunResult run(uint32_t pc, uint64_t fuel) { return machine_.run(program_, pc, fuel); }

 private:
  std::vector<uint8_t> bytes_;  // the image; rodata executes in place from here
  image::ImageView view_;
  vm::HelperTable helpers_;  // empty: a kernel needs no device calls
  vm::Program program_;
  std::vector<uint8_t> arena_;  // data, bss and stack
  vm::Machine machine_{helpers_};
};

}  // namespace tc::bench
