// POST /c (docs/protocol.md, "Install"): a SUIT envelope, checked all the way (signatures,
// identity, digests, the permissions manifest, the image, anti-rollback) before anything on the
// device changes; or, on a device started insecure, the development body [image, manifest].
// Either may come by reference, {"uri": "coap://..."}: the device fetches the body (from the
// gateway that stored it) and installs it exactly as if it had been posted.
// Every refusal answers {"error", "reason"} and leaves an install_refused event.
#include <cstring>

#include "agent/helpers.hpp"
#include "coap/accessors.hpp"
#include "image/image.hpp"
#include "manifest/codec.hpp"
#include "manifest/validate.hpp"
#include "mgmt/cbor_out.hpp"
#include "mgmt/payloads.hpp"
#include "mgmt/reply.hpp"
#include "mgmt/tree.hpp"
#include "rd/coap_uri.hpp"
#include "vm/vm.hpp"

namespace tc::mgmt {

namespace {

using coap::Code;
using coap::ContentFormat;
using coap::OptionNumber;

// The development body is a CBOR array of two; an envelope is a map, tagged 107 or not.
bool is_unsigned_body(std::span<const uint8_t> body) {
  return !body.empty() && body[0] == 0x82;
}

Code code_of(suit::Error e) {
  switch (e) {
    case suit::Error::too_large:
      return Code::request_entity_too_large;
    case suit::Error::unsigned_envelope:
    case suit::Error::unknown_key:
    case suit::Error::bad_signature:
    case suit::Error::digest_mismatch:
    case suit::Error::severed_mismatch:
    case suit::Error::wrong_vendor:
    case suit::Error::wrong_class:
    case suit::Error::tenant_signature:
    case suit::Error::rollback:
      return Code::forbidden;
    case suit::Error::fetch_failed:
      return Code::bad_gateway;
    default:
      return Code::bad_request;
  }
}

uint8_t reason_of(suit::Error e) {
  return static_cast<uint8_t>(e);
}
uint8_t reason_of(Refusal r) {
  return static_cast<uint8_t>(r);
}

}  // namespace

// What a verified envelope adds to a deployment: who signed, its sequence number, its name.
struct Tree::Signed {
  suit::Authentication auth;
  suit::Deployment deployment;
};

void Tree::refuse(coap::Response& res, Code code, uint8_t reason, std::string_view name,
                  std::string_view text) {
  agent_->refused(name, reason);
  res.set_code(code);
  res.set_format(ContentFormat::cbor);
  CborOut out(res.body());
  render_refusal(out, text, refusal_token(reason));
}

void Tree::install(const coap::Request& req, coap::Response& res) {
  const Result<ContentFormat> format = coap::get_format(req.message, OptionNumber::content_format);
  if (format.ok() && *format != ContentFormat::cbor) {
    return refuse(res, Code::unsupported_content_format, reason_of(Refusal::invalid_body), {},
                  "install: content format 60 (CBOR) expected");
  }
  if (is_reference_body(req.payload)) return install_by_reference(req.payload, res);
  install_body(req.payload, res);
}

void Tree::install_body(std::span<const uint8_t> body, coap::Response& res) {
  if (is_unsigned_body(body)) return install_unsigned(body, res);
  install_signed(body, res);
}

void Tree::install_by_reference(std::span<const uint8_t> body, coap::Response& res) {
  std::string_view uri;
  if (const char* e = parse_reference(body, uri))
    return refuse(res, Code::bad_request, reason_of(Refusal::invalid_body), {}, e);
  char text[160] = {};
  TextBuilder tb(text);
  rd::CoapUri parsed;
  if (const Status st = rd::parse_coap_uri(uri, parsed); !st.ok()) {
    tb.append("install by reference: ").append(st.message());
    return refuse(res, Code::bad_request, reason_of(Refusal::invalid_body), {}, text_of(tb));
  }
  suit::Fetcher* fetcher = config_.suit.fetcher;
  if (fetcher == nullptr || config_.reference_buffer.empty()) {
    return refuse(res, Code::not_implemented, reason_of(suit::Error::unsupported), {},
                  "install by reference is not available: the device has no fetcher");
  }
  const Result<suit::Bytes> fetched = fetcher->fetch(uri, config_.reference_buffer);
  if (!fetched.ok()) {
    tb.append("fetch: ").append(fetched.status().message());
    return refuse(res, Code::bad_gateway, reason_of(suit::Error::fetch_failed), {}, text_of(tb));
  }
  // One level only: a reference to a reference could send the device round in circles.
  if (is_reference_body(*fetched)) {
    return refuse(res, Code::bad_request, reason_of(Refusal::invalid_body), {},
                  "install by reference: the fetched body is another reference");
  }
  install_body(*fetched, res);
}

void Tree::install_unsigned(std::span<const uint8_t> body, coap::Response& res) {
  if (!config_.device.insecure) {
    return refuse(res, Code::forbidden, reason_of(suit::Error::unsigned_envelope), {},
                  "unsigned install refused: the device requires a SUIT envelope");
  }
  std::span<const uint8_t> image;
  std::span<const uint8_t> cbor;
  if (const char* e = parse_install(body, image, cbor))
    return refuse(res, Code::bad_request, reason_of(Refusal::invalid_body), {}, e);
  deploy(image, cbor, nullptr, res);
}

void Tree::install_signed(std::span<const uint8_t> body, coap::Response& res) {
  const SuitConfig& sc = config_.suit;
  if (sc.crypto == nullptr) {
    return refuse(res, Code::not_implemented, reason_of(suit::Error::unsupported), {},
                  "signed installs are not available: the device has no crypto port");
  }
  Signed sig;
  suit::Envelope& envelope = install_work().envelope;
  suit::Report r = suit::parse(body, envelope);
  // Named in the refusal event even before process() vouched for it (untrusted).
  const std::string_view claimed = r.ok() ? suit::claimed_name(envelope) : std::string_view{};
  if (r.ok()) r = suit::authenticate(envelope, *sc.crypto, sc.policy, sig.auth);
  if (r.ok()) {
    const suit::Context context{.crypto = *sc.crypto,
                                .identity = sc.identity,
                                .fetcher = sc.fetcher,
                                .fetch_buffer = sc.fetch_buffer};
    r = suit::process(envelope, context, sig.deployment);
  }
  if (!r.ok()) {
    char text[160] = {};
    TextBuilder tb(text);
    tb.append("suit: ").append(suit::describe(r.error));
    if (r.where != nullptr && r.where[0] != '\0') tb.append(" (").append(r.where).append(")");
    return refuse(res, code_of(r.error), reason_of(r.error), claimed, text_of(tb));
  }
  deploy(sig.deployment.image, sig.deployment.manifest, &sig, res);
}

// The checks only a signed deployment has: the components name the manifest's container, the
// tenant signed when the policy says so, and the sequence number moves forward.
bool Tree::check_signed(const manifest::Manifest& m, const Signed& sig, coap::Response& res) {
  const suit::Deployment& d = sig.deployment;
  if (m.name.view() != d.name) {
    refuse(res, Code::bad_request, reason_of(suit::Error::name_mismatch), d.name,
           "suit: the components and the permissions manifest name different containers");
    return false;
  }
  const suit::Report r = suit::check_tenant(config_.suit.policy, sig.auth, m.tenant.view());
  if (!r.ok()) {
    refuse(res, code_of(r.error), reason_of(r.error), d.name,
           "suit: the policy requires the tenant's signature");
    return false;
  }
  const uint64_t accepted = agent_->accepted_sequence(d.name);
  if (d.sequence <= accepted) {
    char text[160] = {};
    TextBuilder tb(text);
    tb.append("suit: rollback: sequence number ");
    tb.append(d.sequence).append(" is not above ").append(accepted);
    refuse(res, Code::forbidden, reason_of(suit::Error::rollback), d.name, text_of(tb));
    return false;
  }
  return true;
}

// The install's working memory; a signed install's envelope stays while its deployment is made.
Tree::InstallWork& Tree::install_work() {
  if (InstallWork* w = std::get_if<InstallWork>(&work_)) return *w;
  return work_.emplace<InstallWork>();
}

void Tree::deploy(std::span<const uint8_t> image, std::span<const uint8_t> cbor, const Signed* sig,
                  coap::Response& res) {
  const std::string_view claimed = sig != nullptr ? sig->deployment.name : std::string_view{};
  char text[160] = {};
  TextBuilder tb(text);
  manifest::Manifest& m = install_work().manifest;
  m = manifest::Manifest{};
  manifest::ManifestError me = manifest::decode(cbor, m);
  if (me.ok()) me = manifest::validate(m);
  if (me.ok() && config_.board != nullptr) me = manifest::validate_against_board(m, *config_.board);
  if (!me.ok()) {
    tb.append("manifest: ");
    me.render(tb);
    return refuse(res, Code::bad_request, reason_of(Refusal::invalid_manifest), claimed,
                  text_of(tb));
  }
  if (sig != nullptr && !check_signed(m, *sig, res)) return;
  const std::string_view name = m.name.view();
  image::ImageView view;
  const image::ImageReason ir = image::parse(image, view);
  if (ir != image::ImageReason::ok) {
    tb.append("image: ").append(image::describe(ir));
    return refuse(res, Code::bad_request, reason_of(Refusal::invalid_image), name, text_of(tb));
  }
  // Verify on an aligned copy so that the verdict (with the instruction index) comes before
  // anything changes on the device; the agent verifies its own copy again.
  if (image.size() <= config_.scratch.size()) {
    std::memcpy(config_.scratch.data(), image.data(), image.size());
    image = config_.scratch.first(image.size());
    if (image::parse(image, view) == image::ImageReason::ok) {
      vm::HelperTable table;
      agent::HelperSet::fill(m, table);
      vm::Program program;
      const vm::VerifyError ve = vm::verify(view.text, table, program);
      if (!ve.ok()) {
        char detail[96] = {};
        tb.append("verify: ").append(ve.format(detail));
        return refuse(res, Code::bad_request, reason_of(Refusal::invalid_image), name, text_of(tb));
      }
    }
  }
  const bool exists = agent_->status(name).ok();
  if (!exists) {
    agent::ContainerInfo infos[agent::kMaxContainers];
    if (agent_->list(infos) >= config_.device.capacity) {
      return refuse(res, Code::service_unavailable, reason_of(Refusal::no_slot), name,
                    "every container slot is taken");
    }
  }
  const uint64_t sequence = sig != nullptr ? sig->deployment.sequence : 0;
  const Status st = exists ? agent_->update(name, image, m, cbor, sequence)
                           : agent_->install(image, m, cbor, sequence);
  if (!st.ok()) {
    tb.append("install: ").append(st.message());
    // Too big for a slot is 4.13; other refusals (data_bytes, storage) are the request's fault.
    const bool too_big =
        st.code() == StatusCode::resource_exhausted && std::strstr(st.message(), "slot") != nullptr;
    const Code code =
        too_big ? Code::request_entity_too_large
                : (st.code() == StatusCode::resource_exhausted ? Code::bad_request : code_of(st));
    return refuse(res, code, reason_of(Refusal::agent_refused), name, text_of(tb));
  }
  // The envelope's invoke sequence starts a new container; an update keeps the running state.
  if (!exists && sig != nullptr && sig->deployment.invoke) (void)agent_->start(name);
  res.set_code(Code::created);
  (void)res.add_option(OptionNumber::location_path, "c");
  (void)res.add_option(OptionNumber::location_path, name);
  res.set_format(ContentFormat::cbor);
  CborOut out(res.body());
  out.map(3).key("name").text(name).key("version").uint(m.version).key("sequence").uint(sequence);
}

}  // namespace tc::mgmt
