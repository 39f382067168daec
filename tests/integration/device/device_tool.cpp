// Helper of the tc-device integration test (run_device_test.sh), independent of tcctl's device
// commands:
//   device_tool pack IMAGE.tcx MANIFEST.cbor OUT   writes the install body [image, manifest]
//   device_tool diag FILE                          prints FILE (one CBOR item) in diagnostic
//   notation
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "cbor/diagnostic.hpp"
#include "cbor/writer.hpp"

namespace {

bool slurp(const char* path, std::vector<uint8_t>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), {});
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "pack" && argc == 5) {
    std::vector<uint8_t> image, manifest;
    if (!slurp(argv[2], image) || !slurp(argv[3], manifest)) {
      std::fprintf(stderr, "device_tool: cannot read the inputs\n");
      return 1;
    }
    std::vector<uint8_t> out(image.size() + manifest.size() + 32);
    tc::cbor::Writer w(out);
    w.write_array(2).write_bytes(image).write_bytes(manifest);
    if (w.error() != tc::cbor::Error::ok) return 1;
    std::ofstream(argv[4], std::ios::binary)
        .write(reinterpret_cast<const char*>(w.written().data()),
               static_cast<std::streamsize>(w.size()));
    return 0;
  }
  if (mode == "diag" && argc == 3) {
    std::vector<uint8_t> data;
    if (!slurp(argv[2], data)) {
      std::fprintf(stderr, "device_tool: cannot read %s\n", argv[2]);
      return 1;
    }
    std::vector<char> text(64 * 1024 + data.size() * 4);
    if (tc::cbor::diagnostic(data, text) != tc::cbor::Error::ok) {
      std::fprintf(stderr, "device_tool: not one CBOR item (%zu bytes)\n", data.size());
      return 1;
    }
    std::printf("%s\n", text.data());
    return 0;
  }
  std::fprintf(stderr, "usage: device_tool pack IMAGE MANIFEST OUT | diag FILE\n");
  return 2;
}
