#include "dev/install_body.hpp"

#include "cbor/writer.hpp"
#include "manifest/codec.hpp"
#include "manifest/manifest_json.hpp"

namespace tc::dev {

std::vector<uint8_t> encode_install_body(std::span<const uint8_t> image,
                                         std::span<const uint8_t> manifest_cbor) {
  // Two byte string heads (at most 9 bytes each) and the array head.
  std::vector<uint8_t> out(image.size() + manifest_cbor.size() + 32);
  cbor::Writer w(out);
  w.write_array(2).write_bytes(image).write_bytes(manifest_cbor);
  if (w.error() != cbor::Error::ok) return {};
  out.resize(w.size());
  return out;
}

InstallBody make_install_body(std::span<const uint8_t> image, std::string_view manifest_json) {
  InstallBody result;
  manifest_json::ManifestResult parsed = manifest_json::parse_manifest(manifest_json);
  if (!parsed.ok()) {
    for (const manifest_json::JsonError& e : parsed.errors)
      result.errors.push_back(e.text());
    return result;
  }
  std::vector<uint8_t> encoded(manifest::kMaxEncodedSize);
  const Result<std::size_t> size = manifest::encode(parsed.manifest, encoded);
  if (!size.ok()) {
    result.errors.push_back(std::string("cannot encode the manifest: ") + size.status().message());
    return result;
  }
  encoded.resize(*size);
  result.body = encode_install_body(image, encoded);
  if (result.body.empty()) result.errors.emplace_back("cannot encode the install body");
  result.manifest = parsed.manifest;
  return result;
}

}  // namespace tc::dev
