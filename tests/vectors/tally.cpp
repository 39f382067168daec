#include "tally.hpp"

#include <cstdio>

namespace tc::conformance {
namespace {

std::string row(const std::string& name, int ran, int passed, int failed, int skipped) {
  char line[128];
  std::snprintf(line, sizeof line, "| %-16s | %4d | %6d | %6d | %7d |\n", name.c_str(), ran, passed,
                failed, skipped);
  return line;
}

}  // namespace

void Tally::Counts::add(Outcome outcome) {
  ++ran;
  if (outcome == Outcome::passed) ++passed;
  if (outcome == Outcome::failed) ++failed;
  if (outcome == Outcome::skipped) ++skipped;
}

void Tally::record(const std::vector<std::string>& features, const std::string& cpu_version,
                   Outcome outcome) {
  total_.add(outcome);
  by_version_[cpu_version].add(outcome);
  for (const std::string& feature : features)
    by_feature_[feature].add(outcome);
}

void Tally::append_rows(std::string& out, const std::string& title,
                        const std::map<std::string, Counts>& rows) {
  out += "\n| " + title + std::string(title.size() < 16 ? 16 - title.size() : 0, ' ') +
         " |  ran | passed | failed | skipped |\n|---|---:|---:|---:|---:|\n";
  for (const auto& [name, c] : rows)
    out += row(name, c.ran, c.passed, c.failed, c.skipped);
}

std::string Tally::table() const {
  std::string out;
  append_rows(out, "cpu_version", by_version_);
  out += row("total", total_.ran, total_.passed, total_.failed, total_.skipped);
  append_rows(out, "feature", by_feature_);
  out += "(a vector with several features counts once under each)\n";
  return out;
}

}  // namespace tc::conformance
