// e2e_json: the end-to-end tests' small JSON reader (no python on a fresh machine).
//   e2e_json get FILE POINTER [DEFAULT]     the value at a JSON pointer (text unquoted); DEFAULT
//                                           (or exit 1) when absent
//   e2e_json sum FILE POINTER [EXCEPT...]   sum of the numbers in the object at POINTER (0 when
//                                           absent), leaving out the keys EXCEPT
//   e2e_json events FILE CONTAINER KIND [REASON]   how many events of `tcctl dev -o json events`
//                                           (CONTAINER * for any)
//   e2e_json rand SEED COUNT LO HI          COUNT numbers in [LO, HI] from mt19937(SEED)
//   e2e_json now                            CLOCK_MONOTONIC in ms
//   e2e_json find FILE HEX                  the offset of the first occurrence of the bytes HEX
//   e2e_json flip FILE OFFSET               XORs the byte at OFFSET with 0x01, in place
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;

json load(const char* path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "e2e_json: cannot read %s\n", path);
    std::exit(2);
  }
  try {
    return json::parse(in);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "e2e_json: %s: %s\n", path, e.what());
    std::exit(2);
  }
}

const json* at(const json& j, const char* pointer) {
  try {
    json::json_pointer p(pointer);
    return j.contains(p) ? &j.at(p) : nullptr;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "e2e_json: bad pointer %s: %s\n", pointer, e.what());
    std::exit(2);
  }
}

std::string read_bytes(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "e2e_json: cannot read %s\n", path);
    std::exit(2);
  }
  return {std::istreambuf_iterator<char>(in), {}};
}

int find_bytes(const char* path, const std::string& hex) {
  std::string needle;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    needle.push_back(static_cast<char>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  const std::size_t at = read_bytes(path).find(needle);
  if (at == std::string::npos) return 1;
  std::printf("%zu\n", at);
  return 0;
}

int flip_byte(const char* path, const char* offset_text) {
  std::string bytes = read_bytes(path);
  const std::size_t offset = std::strtoul(offset_text, nullptr, 10);
  if (offset >= bytes.size()) return 1;
  bytes[offset] = static_cast<char>(bytes[offset] ^ 0x01);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  return 0;
}

int usage() {
  std::fprintf(stderr,
               "usage: e2e_json get FILE POINTER [DEFAULT] | sum FILE POINTER [EXCEPT...] |\n"
               "       events FILE CONTAINER KIND [REASON] | rand SEED COUNT LO HI | now |\n"
               "       find FILE HEX | flip FILE OFFSET\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string cmd = argv[1];
  if (cmd == "now") {
    const auto t = std::chrono::steady_clock::now().time_since_epoch();
    std::printf("%lld\n", static_cast<long long>(
                              std::chrono::duration_cast<std::chrono::milliseconds>(t).count()));
    return 0;
  }
  if (cmd == "find" && argc == 4) return find_bytes(argv[2], argv[3]);
  if (cmd == "flip" && argc == 4) return flip_byte(argv[2], argv[3]);
  if (cmd == "rand" && argc == 6) {
    std::mt19937 gen(static_cast<uint32_t>(std::strtoul(argv[2], nullptr, 10)));
    const long count = std::strtol(argv[3], nullptr, 10);
    const long lo = std::strtol(argv[4], nullptr, 10);
    const long hi = std::strtol(argv[5], nullptr, 10);
    if (hi < lo) return usage();
    // gen() % range, not uniform_int_distribution: the same numbers with every standard library.
    for (long i = 0; i < count; ++i)
      std::printf("%ld\n", lo + static_cast<long>(gen() % static_cast<uint32_t>(hi - lo + 1)));
    return 0;
  }
  if (cmd == "get" && (argc == 4 || argc == 5)) {
    const json j = load(argv[2]);
    const json* v = at(j, argv[3]);
    if (v == nullptr) {
      if (argc == 5) {
        std::printf("%s\n", argv[4]);
        return 0;
      }
      std::fprintf(stderr, "e2e_json: %s: no %s\n", argv[2], argv[3]);
      return 1;
    }
    if (v->is_string())
      std::printf("%s\n", v->get<std::string>().c_str());
    else
      std::printf("%s\n", v->dump().c_str());
    return 0;
  }
  if (cmd == "sum" && argc >= 4) {
    const json j = load(argv[2]);
    const json* v = at(j, argv[3]);
    long long total = 0;
    if (v != nullptr && v->is_object()) {
      for (const auto& [key, value] : v->items()) {
        bool skip = false;
        for (int i = 4; i < argc; ++i)
          skip = skip || key == argv[i];
        if (!skip && value.is_number_integer()) total += value.get<long long>();
      }
    }
    std::printf("%lld\n", total);
    return 0;
  }
  if (cmd == "events" && (argc == 5 || argc == 6)) {
    const json j = load(argv[2]);
    const json* events = at(j, "/events");
    long n = 0;
    if (events != nullptr && events->is_array()) {
      for (const json& e : *events) {
        const bool any = std::string(argv[3]) == "*";
        if ((!any && e.value("container", "") != argv[3]) || e.value("kind", "") != argv[4])
          continue;
        if (argc == 6 && e.value("reason", "") != argv[5]) continue;
        ++n;
      }
    }
    std::printf("%ld\n", n);
    return 0;
  }
  return usage();
}
