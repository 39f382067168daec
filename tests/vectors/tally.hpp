// Counts conformance outcomes by feature and by cpu_version and prints them as a table at the end
// of the run (docs/conformance.md quotes this table).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace tc::conformance {

enum class Outcome { passed, failed, skipped };

class Tally {
 public:
  void record(const std::vector<std::string>& features, const std::string& cpu_version,
              Outcome outcome);
  [[nodiscard]] std::string table() const;
  [[nodiscard]] bool empty() const { return total_.ran == 0; }

 private:
  struct Counts {
    int ran = 0;
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    void add(Outcome outcome);
  };
  static void append_rows(std::string& out, const std::string& title,
                          const std::map<std::string, Counts>& rows);

  Counts total_;
  std::map<std::string, Counts> by_feature_;
  std::map<std::string, Counts> by_version_;
};

}  // namespace tc::conformance
