// The bpf_conformance vectors under TC_VECTORS_DIR/ebpf, read at test time (never copied into
// the repository): tests_assembled.json and the .data files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tc::conformance {

struct Vector {
  std::string name;  // "add.data"
  std::vector<uint8_t> program;
  std::vector<uint8_t> mem;
  std::string result;  // hex r0, empty when an error is expected
  std::string error;
  std::vector<std::string> features;
  std::string cpu_version;  // "v1".."v4"
};

// GoogleTest prints parameters with this: the name, not 200 bytes of object dump.
inline void PrintTo(const Vector& vector, std::ostream* out) {
  *out << vector.name;
}

[[nodiscard]] std::filesystem::path vectors_dir();             // .../shared/vectors/ebpf
[[nodiscard]] const std::vector<Vector>& assembled_vectors();  // loaded once; aborts if missing
[[nodiscard]] std::vector<std::filesystem::path> data_files(std::string_view subdir);
[[nodiscard]] std::string read_text(const std::filesystem::path& path);

// "rfc9669_ja32.data" -> "rfc9669_ja32": a valid GoogleTest parameter name.
[[nodiscard]] std::string test_name(std::string_view file_name);

// Features our VM rejects on purpose (docs/conformance.md): a vector needing one is skipped.
[[nodiscard]] bool unsupported_feature(std::string_view feature);

}  // namespace tc::conformance
