// The envelope dump (inspect.hpp). The structure is walked here, independently of the device
// parser, so that envelopes the device refuses (too many components, COSE_Sign, unknown members)
// still print; the device parser runs first to report malformed input with its token and place,
// and to say whether the digests match.
#include "suit/inspect.hpp"

#include <algorithm>
#include <sstream>

#include "suit/cursor.hpp"
#include "suit/envelope_builder.hpp"
#include "suit/labels.hpp"
#include "suit/layout.hpp"
#include "suit/manifest.hpp"  // the device parser's severable-member lookup
#include "suit/names.hpp"

namespace tc::suit_host {
namespace {

namespace l = suit::label;
using Bytes = std::span<const uint8_t>;

bool same(Bytes a, Bytes b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

std::string quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

const char* cose_structure(uint64_t tag) {
  switch (tag) {
    case l::kCoseSign1Tag:
      return "COSE_Sign1";
    case l::kCoseSignTag:
      return "COSE_Sign";
    case l::kCoseMac0Tag:
      return "COSE_Mac0";
    case l::kCoseMacTag:
      return "COSE_Mac";
    default:
      return "not a COSE structure";
  }
}

bool is_severable(int64_t key) {
  return std::find(std::begin(l::kSeverableMembers), std::end(l::kSeverableMembers), key) !=
         std::end(l::kSeverableMembers);
}

class Dumper {
 public:
  // `env` is the device parser's view of the same bytes, or null when it refused them.
  explicit Dumper(const suit::Envelope* env) : env_(env) {}

  std::string run(Bytes envelope) {
    Cursor c(envelope, "envelope");
    std::string title = "SUIT_Envelope";
    if (c.next_is(cbor::Type::tag)) {
      const uint64_t tag = c.tag();
      if (tag != l::kEnvelopeTag) c.fail("tag " + std::to_string(tag) + " is not 107");
      title += " (tag 107)";
    }
    line(0, title + ", " + std::to_string(envelope.size()) + " bytes");
    const uint64_t pairs = c.map();
    for (uint64_t i = 0; i < pairs; ++i)
      envelope_member(c, 1);
    c.finish();
    return out_.str();
  }

 private:
  void line(int depth, const std::string& text) {
    out_ << std::string(static_cast<std::size_t>(depth) * 2, ' ') << text << '\n';
  }

  void envelope_member(Cursor& c, int depth) {
    if (c.next_is(cbor::Type::text_string)) {
      const std::string_view key = c.text();
      const Bytes payload = c.bytes();
      line(depth, quoted(key) + ": integrated payload, " + std::to_string(payload.size()) +
                      " bytes, sha256 " + hex(sha256(payload)));
      return;
    }
    const int64_t key = c.integer();
    const std::string title = labelled(l::kEnvelopeNames, key);
    if (key == l::kAuthenticationWrapper) {
      line(depth, title + ":");
      authentication(c.bytes(), depth + 1);
    } else if (key == l::kManifest) {
      const Bytes content = c.bytes();
      line(depth, title + ": " + std::to_string(content.size()) + " bytes");
      manifest(content, depth + 1);
    } else if (is_severable(key)) {
      const Bytes content = c.bytes();
      line(depth, title + ": severed member, " + std::to_string(content.size()) + " bytes" +
                      severed_note(key));
      member_content(key, content, title, depth + 1);
    } else {
      line(depth, title + ": " + c.diagnostic());
    }
  }

  // Whether a carried severed member matches the digest the manifest holds for it.
  std::string severed_note(int64_t key) const {
    const suit::Member* m = env_ != nullptr ? suit::detail::severable_member(*env_, key) : nullptr;
    if (m == nullptr || m->form != suit::Member::Form::severed || !m->present) return "";
    if (m->digest.algorithm != l::kSha256) return "";
    return same(sha256(m->encoded), m->digest.bytes) ? " (matches its digest)"
                                                     : " (does NOT match its digest)";
  }

  std::string manifest_note() const {
    if (env_ == nullptr || env_->manifest_digest.algorithm != l::kSha256) return "";
    return same(sha256(env_->manifest_encoded), env_->manifest_digest.bytes)
               ? " (matches the manifest)"
               : " (does NOT match the manifest)";
  }

  static std::string digest(Bytes encoded, const std::string& where) {
    Cursor d(encoded, where);
    const uint64_t n = d.array();
    if (n < 2) d.fail("a SUIT_Digest has two items");
    const int64_t alg = d.integer();
    const Bytes bytes = d.bytes();
    for (uint64_t i = 2; i < n; ++i)
      (void)d.raw();
    d.finish();
    return digest_text(alg, bytes);
  }

  void authentication(Bytes content, int depth) {
    Cursor c(content, "authentication-wrapper");
    const uint64_t n = c.array();
    if (n == 0) c.fail("no digest");
    line(depth, "digest: " + digest(c.bytes(), "authentication-wrapper: digest") + manifest_note());
    for (uint64_t i = 1; i < n; ++i)
      signature(c.bytes(), "signature " + std::to_string(i), depth);
    c.finish();
  }

  void signature(Bytes block, const std::string& name, int depth) {
    Cursor c(block, name);
    const uint64_t tag = c.next_is(cbor::Type::tag) ? c.tag() : 0;
    if (tag != l::kCoseSign1Tag) {
      line(depth, name + ": " + cose_structure(tag) + " (tag " + std::to_string(tag) +
                      "), not opened: " + c.diagnostic());
      return;
    }
    line(depth, name + ": COSE_Sign1 (tag 18)");
    if (c.array() != 4) c.fail("a COSE_Sign1 has four items");
    const Bytes protected_bytes = c.bytes();
    if (protected_bytes.empty()) {
      line(depth + 1, "protected: (empty)");
    } else {
      Cursor p(protected_bytes, name + ": protected");
      cose_header(p, "protected", depth + 1);
      p.finish();
    }
    cose_header(c, "unprotected", depth + 1);
    if (c.next_is_null()) {
      c.null();
      line(depth + 1, "payload: detached (nil): the SUIT digest");
    } else {
      const Bytes payload = c.bytes();
      line(depth + 1, "payload: " + std::to_string(payload.size()) + " bytes " + hex(payload));
    }
    const Bytes sig = c.bytes();
    line(depth + 1, "signature: " + std::to_string(sig.size()) + " bytes " + hex(sig));
    c.finish();
  }

  void cose_header(Cursor& c, const std::string& title, int depth) {
    const uint64_t pairs = c.map();
    line(depth, title + (pairs == 0 ? ": (empty)" : ":"));
    for (uint64_t i = 0; i < pairs; ++i) {
      if (!c.next_is_integer()) {
        const std::string key = c.diagnostic();
        line(depth + 1, key + ": " + c.diagnostic());
        continue;
      }
      const int64_t key = c.integer();
      const std::string name = labelled(l::kCoseHeaderNames, key);
      if (key == l::kCoseAlg && c.next_is_integer()) {
        line(depth + 1, name + ": " + labelled(l::kCoseAlgorithmNames, c.integer()));
      } else if (key == l::kCoseKid && c.next_is(cbor::Type::byte_string)) {
        line(depth + 1, name + ": " + hex(c.bytes()));
      } else {
        line(depth + 1, name + ": " + c.diagnostic());
      }
    }
  }

  void manifest(Bytes content, int depth) {
    Cursor c(content, "manifest");
    const uint64_t pairs = c.map();
    for (uint64_t i = 0; i < pairs; ++i)
      manifest_member(c, c.integer(), depth);
    c.finish();
  }

  void manifest_member(Cursor& c, int64_t key, int depth) {
    const std::string title = labelled(l::kManifestNames, key);
    if (key == l::kCommon) {
      line(depth, title + ":");
      common(c.bytes(), depth + 1);
    } else if (key == l::kValidate || key == l::kLoad || key == l::kInvoke) {
      line(depth, title + ":");
      sequence(c.bytes(), title, depth + 1);
    } else if (is_severable(key) && c.next_is(cbor::Type::array)) {
      line(depth, title + ": severed, " + digest(c.raw(), title));
    } else if (is_severable(key)) {
      line(depth, title + ":");
      member_content(key, c.bytes(), title, depth + 1);
    } else {
      line(depth, title + ": " + c.diagnostic());
    }
  }

  void member_content(int64_t key, Bytes content, const std::string& title, int depth) {
    if (key == l::kText) {
      text_map(content, depth);
    } else {
      sequence(content, title, depth);
    }
  }

  static std::string component_id(Cursor& c) {
    const uint64_t n = c.array();
    std::string out = "[";
    for (uint64_t i = 0; i < n; ++i)
      out += (i == 0 ? "" : ", ") + segment(c.bytes());
    return out + "]";
  }

  void common(Bytes content, int depth) {
    Cursor c(content, "common");
    const uint64_t pairs = c.map();
    for (uint64_t i = 0; i < pairs; ++i) {
      const int64_t key = c.integer();
      const std::string title = labelled(l::kCommonNames, key);
      if (key == l::kComponents) {
        line(depth, title + ":");
        const uint64_t n = c.array();
        for (uint64_t j = 0; j < n; ++j)
          line(depth + 1, "[" + std::to_string(j) + "] " + component_id(c));
      } else if (key == l::kSharedSequence) {
        line(depth, title + ":");
        sequence(c.bytes(), title, depth + 1);
      } else {
        line(depth, title + ": " + c.diagnostic());
      }
    }
    c.finish();
  }

  void sequence(Bytes content, const std::string& where, int depth) {
    Cursor c(content, where);
    const uint64_t n = c.array();
    if (n % 2 != 0) c.fail("a command sequence holds label/argument pairs");
    for (uint64_t i = 0; i < n / 2; ++i)
      command(c, c.integer(), depth);
    c.finish();
  }

  void command(Cursor& c, int64_t label, int depth) {
    const std::string title = label < 0 ? "custom command (" + std::to_string(label) + ")"
                                        : labelled(l::kCommandNames, label);
    switch (static_cast<l::Command>(label)) {
      case l::Command::override_parameters:
      case l::Command::set_parameters:
        line(depth, title + ":");
        parameters(c, depth + 1);
        return;
      case l::Command::try_each:
        line(depth, title + ":");
        alternatives(c, title, depth + 1);
        return;
      case l::Command::run_sequence:
        line(depth, title + ":");
        sequence(c.bytes(), title, depth + 1);
        return;
      default:
        line(depth, title + ": " + c.diagnostic());
    }
  }

  void alternatives(Cursor& c, const std::string& where, int depth) {
    const uint64_t n = c.array();
    for (uint64_t i = 0; i < n; ++i) {
      if (c.next_is_null()) {
        c.null();
        line(depth, "nil (none needs to succeed)");
        continue;
      }
      line(depth, "alternative " + std::to_string(i + 1) + ":");
      sequence(c.bytes(), where, depth + 1);
    }
  }

  void parameters(Cursor& c, int depth) {
    const uint64_t pairs = c.map();
    for (uint64_t i = 0; i < pairs; ++i) {
      const int64_t key = c.integer();
      line(depth, labelled(l::kParameterNames, key) + ": " + parameter(c, key));
    }
  }

  static std::string parameter(Cursor& c, int64_t key) {
    const auto p = static_cast<l::Parameter>(key);
    const bool uuid = p == l::Parameter::vendor_identifier || p == l::Parameter::class_identifier ||
                      p == l::Parameter::device_identifier;
    const cbor::Item next = c.peek();
    if (uuid && next.type == cbor::Type::byte_string && next.data.size() == suit::kUuidSize) {
      return format_uuid(
          std::span<const uint8_t, suit::kUuidSize>(c.bytes().data(), suit::kUuidSize));
    }
    if (p == l::Parameter::image_digest && next.type == cbor::Type::byte_string)
      return digest(c.bytes(), "image-digest");
    return c.diagnostic();
  }

  void text_map(Bytes content, int depth) {
    Cursor c(content, "text");
    const uint64_t languages = c.map();
    for (uint64_t i = 0; i < languages; ++i) {
      line(depth, c.diagnostic() + ":");
      const uint64_t pairs = c.map();
      for (uint64_t j = 0; j < pairs; ++j)
        text_entry(c, depth + 1);
    }
    c.finish();
  }

  // A text key with its string, or a component identifier with its own map of text keys.
  void text_entry(Cursor& c, int depth) {
    if (c.next_is(cbor::Type::array)) {
      line(depth, component_id(c) + ":");
      const uint64_t pairs = c.map();
      for (uint64_t k = 0; k < pairs; ++k) {
        const std::string key =
            c.next_is_integer() ? labelled(l::kTextComponentNames, c.integer()) : c.diagnostic();
        line(depth + 1, key + ": " + c.diagnostic());
      }
      return;
    }
    const std::string key =
        c.next_is_integer() ? labelled(l::kTextNames, c.integer()) : c.diagnostic();
    line(depth, key + ": " + c.diagnostic());
  }

  std::ostringstream out_;
  const suit::Envelope* env_;
};

}  // namespace

std::string inspect(std::span<const uint8_t> envelope) {
  suit::Envelope env;
  const suit::Report report = suit::parse(envelope, env);
  if (report.error == suit::Error::malformed || report.error == suit::Error::truncated) {
    throw EnvelopeError(std::string(suit::token(report.error)) + " at " + report.where + ": " +
                        suit::describe(report.error));
  }
  std::string dump = Dumper(report.ok() ? &env : nullptr).run(envelope);
  if (!report.ok()) {
    dump += "note: a TinyContainer device refuses this envelope: " +
            std::string(suit::token(report.error)) + " (" + report.where + ")\n";
  }
  return dump;
}

}  // namespace tc::suit_host
