// Writes the bpf_conformance programs as seed inputs for vm_fuzzer, in its input layout
// ([mem length][mem][program]), so fuzzing starts from valid, deep programs instead of noise.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

std::vector<uint8_t> from_hex(const std::string& hex) {
  std::vector<uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s TESTS_ASSEMBLED.json OUT_DIR\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  const nlohmann::json tests = nlohmann::json::parse(in);
  std::filesystem::create_directories(argv[2]);
  int written = 0;
  for (const auto& test : tests) {
    std::vector<uint8_t> mem = from_hex(test.at("mem").get<std::string>());
    if (mem.size() > 255) continue;
    std::vector<uint8_t> seed{static_cast<uint8_t>(mem.size())};
    seed.insert(seed.end(), mem.begin(), mem.end());
    const std::vector<uint8_t> program = from_hex(test.at("program").get<std::string>());
    seed.insert(seed.end(), program.begin(), program.end());
    std::ofstream out(std::filesystem::path(argv[2]) / test.at("name").get<std::string>(),
                      std::ios::binary);
    out.write(reinterpret_cast<const char*>(seed.data()),
              static_cast<std::streamsize>(seed.size()));
    ++written;
  }
  std::printf("%d seeds\n", written);
  return 0;
}
