#include "conformance_vectors.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ebpf/hex.hpp"

namespace tc::conformance {
namespace {

[[noreturn]] void abort_with(const std::string& message) {
  std::fprintf(stderr, "conformance vectors: %s\n", message.c_str());
  std::abort();
}

std::vector<uint8_t> hex_field(const nlohmann::json& entry, const char* key) {
  const auto bytes = ebpf_host::parse_hex_bytes(entry.at(key).get<std::string>());
  if (!bytes) abort_with(entry.at("name").get<std::string>() + ": bad hex in " + key);
  return *bytes;
}

std::vector<Vector> load() {
  const std::filesystem::path path = vectors_dir() / "tests_assembled.json";
  std::ifstream in(path);
  if (!in) abort_with("cannot open " + path.string());
  const nlohmann::json json = nlohmann::json::parse(in);
  std::vector<Vector> vectors;
  for (const nlohmann::json& entry : json) {
    vectors.push_back({entry.at("name"), hex_field(entry, "program"), hex_field(entry, "mem"),
                       entry.at("result"), entry.at("error"), entry.at("features"),
                       entry.at("cpu_version")});
  }
  return vectors;
}

}  // namespace

std::filesystem::path vectors_dir() {
  return std::filesystem::path(TC_VECTORS_DIR) / "ebpf";
}

const std::vector<Vector>& assembled_vectors() {
  static const std::vector<Vector> vectors = load();
  return vectors;
}

std::vector<std::filesystem::path> data_files(std::string_view subdir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(vectors_dir() / subdir)) {
    if (entry.path().extension() == ".data") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) abort_with("no .data files in " + std::string(subdir));
  return files;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) abort_with("cannot open " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string test_name(std::string_view file_name) {
  if (file_name.ends_with(".data")) file_name.remove_suffix(5);
  std::string name(file_name);
  for (char& c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) c = '_';
  }
  return name;
}

bool unsupported_feature(std::string_view feature) {
  // callx: calling through a register would let a container reach any helper number at run
  // time, bypassing the load-time allow-list the manifest's permissions rest on.
  return feature == "callx";
}

}  // namespace tc::conformance
