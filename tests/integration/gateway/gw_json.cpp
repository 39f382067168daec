// JSON reading for the gateway's integration scripts (the gateway answers JSON; sh cannot read
// it):
//   gw_json get FILE POINTER                      the value at the JSON pointer (text unquoted)
//   gw_json count FILE POINTER                    the size of the array or object there
//   gw_json select FILE POINTER KEY VALUE FIELD   in the array at POINTER, the FIELD (a pointer)
//                                                 of the element whose KEY is VALUE
// Exit 1 (and a message on stderr) when the file is not JSON or the value is missing.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

using Json = nlohmann::json;

void print(const Json& value) {
  std::cout << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
}

int fail(const std::string& why) {
  std::cerr << "gw_json: " << why << "\n";
  return 1;
}

int run(int argc, char** argv) {
  if (argc < 4) return fail("usage: gw_json get|count|select FILE POINTER ...");
  const std::string command = argv[1];
  std::ifstream in(argv[2]);
  const Json doc = Json::parse(in, nullptr, false);
  if (doc.is_discarded()) return fail(std::string(argv[2]) + " is not JSON");
  const Json::json_pointer at(argv[3]);
  if (!doc.contains(at)) return fail(std::string("no ") + argv[3]);
  const Json& value = doc.at(at);
  if (command == "get") {
    print(value);
    return 0;
  }
  if (command == "count") {
    std::cout << value.size() << "\n";
    return 0;
  }
  if (command == "select" && argc == 7 && value.is_array()) {
    for (const Json& element : value) {
      const auto key = element.find(argv[4]);
      if (key == element.end()) continue;
      const std::string text = key->is_string() ? key->get<std::string>() : key->dump();
      const Json::json_pointer field(argv[6]);
      if (text == argv[5] && element.contains(field)) {
        print(element.at(field));
        return 0;
      }
    }
    return fail(std::string("no element with ") + argv[4] + " = " + argv[5]);
  }
  return fail("unknown command or arguments");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}
