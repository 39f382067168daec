// (d) End-to-end check of the plugin protocol: runs the real `tcctl ebpf plugin` once per vector
// of tests_assembled.json, the way the bpf_conformance runner does (program hex on stdin, memory
// hex as the argument, r0 hex on stdout, non-zero exit status on rejection).
//
//   plugin_driver TCCTL TESTS_ASSEMBLED.json WORK_DIR
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "ebpf/hex.hpp"

namespace {

struct Run {
  int status = -1;  // exit status of tcctl
  std::string out;
};

std::string quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The runner's spelling: every byte followed by two spaces ("aa  bb  "), then the plugin
// options as a second argument, empty by default.
std::string runner_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += hex.substr(i, 2) + "  ";
  return out;
}

Run run_plugin(const std::string& tcctl, const std::filesystem::path& input,
               const std::string& mem) {
  const std::string command = quote(tcctl) + " ebpf plugin " + quote(runner_hex(mem)) + " '' < " +
                              quote(input.string()) + " 2>/dev/null";
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr)
    run.out += buffer;
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

bool unsupported(const nlohmann::json& vector) {
  for (const auto& feature : vector.at("features")) {
    if (feature == "callx") return true;  // rejected on purpose, see docs/conformance.md
  }
  return false;
}

// One vector; returns an empty string when the plugin behaved as expected.
std::string check(const std::string& tcctl, const std::filesystem::path& input,
                  const nlohmann::json& vector) {
  { std::ofstream(input) << runner_hex(vector.at("program").get<std::string>()) << '\n'; }
  const Run run = run_plugin(tcctl, input, vector.at("mem").get<std::string>());
  const bool expect_failure = unsupported(vector) || !vector.at("error").get<std::string>().empty();
  if (expect_failure) return run.status != 0 ? "" : "expected a non-zero exit, got " + run.out;
  if (run.status != 0) return "exit status " + std::to_string(run.status);
  const auto got = tc::ebpf_host::parse_hex_u64(run.out);
  const auto want = tc::ebpf_host::parse_hex_u64(vector.at("result").get<std::string>());
  if (!got || !want || *got != *want || run.out.back() != '\n') {
    return "stdout '" + run.out + "', expected " + vector.at("result").get<std::string>();
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: plugin_driver TCCTL TESTS_ASSEMBLED.json WORK_DIR\n";
    return 2;
  }
  std::ifstream in(argv[2]);
  const nlohmann::json vectors = nlohmann::json::parse(in);
  std::filesystem::create_directories(argv[3]);
  const std::filesystem::path input = std::filesystem::path(argv[3]) / "program.hex";
  int failures = 0;
  for (const auto& vector : vectors) {
    const std::string problem = check(argv[1], input, vector);
    if (problem.empty()) continue;
    ++failures;
    std::cout << "FAIL " << vector.at("name").get<std::string>() << ": " << problem << '\n';
  }
  // The protocol's error path: input that is not hex must be refused, not run.
  std::ofstream(input) << "not hex\n";
  if (run_plugin(argv[1], input, "").status == 0) {
    ++failures;
    std::cout << "FAIL malformed stdin was accepted\n";
  }
  std::cout << vectors.size() << " vectors through " << argv[1] << ": " << failures
            << " failure(s)\n";
  return failures == 0 ? 0 : 1;
}
