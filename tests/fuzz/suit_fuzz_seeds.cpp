// Seeds for suit_fuzzer: every envelope of ../shared/vectors/suit, and container envelopes built
// by the host builder for the fuzzer's identity, signed with the draft examples' P-256 key (the
// fuzzer's operator anchor) so that they authenticate and process to the end.
//   suit_fuzz_seeds VECTORS_DIR CORPUS_DIR
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "suit/envelope_builder.hpp"

namespace {

namespace fs = std::filesystem;
namespace host = tc::suit_host;

void write(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

int copy_vectors(const fs::path& vectors, const fs::path& corpus) {
  int copied = 0;
  for (const char* dir : {"suit/draft-ietf-suit-manifest", "suit/derived-eddsa"}) {
    for (const auto& entry : fs::directory_iterator(vectors / dir)) {
      if (entry.path().extension() != ".cbor") continue;
      fs::copy_file(
          entry.path(),
          corpus / (std::string(fs::path(dir).filename()) + "-" + entry.path().filename().string()),
          fs::copy_options::overwrite_existing);
      ++copied;
    }
  }
  return copied;
}

host::ContainerRelease release() {
  host::ContainerRelease r;
  r.name = "seed";
  r.image = std::vector<uint8_t>(64, 0x5a);
  r.manifest_cbor = {0xa1, 0x01, 0x64, 's', 'e', 'e', 'd'};
  r.sequence = 2;
  r.vendor_id = host::parse_uuid("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe");
  r.class_id = host::parse_uuid("1492af14-2569-5e48-bf42-9b2d51f2ab45");
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: suit_fuzz_seeds VECTORS_DIR CORPUS_DIR\n";
    return 2;
  }
  const fs::path vectors = argv[1];
  const fs::path corpus = argv[2];
  try {
    const int copied = copy_vectors(vectors, corpus);
    const tc::keys::PrivateKey key =
        tc::keys::PrivateKey::load(vectors / "suit/draft-ietf-suit-manifest/private_key.pem");
    const std::vector<const tc::keys::PrivateKey*> one = {&key};
    host::ContainerRelease r = release();
    write(corpus / "built-integrated.cbor", host::build_envelope(r, one));
    r.class_id = {};
    write(corpus / "built-no-class.cbor", host::build_envelope(r, one));
    r.image_uri = "coap://gw/image";
    r.manifest_uri = "coap://gw/manifest";
    write(corpus / "built-fetched.cbor", host::build_envelope(r, one));
    std::cout << copied << " vector envelopes and 3 built ones in " << corpus << "\n";
  } catch (const std::exception& e) {
    std::cerr << "suit_fuzz_seeds: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
