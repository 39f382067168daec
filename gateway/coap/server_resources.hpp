// What the gateway serves on its CoAP listen address, as libcoap resources:
//   POST /rd                the RFC 9176 registration interface (rt=core.rd)
//   POST|DELETE /rd/<n>     registration update and removal
//   GET /rd-lookup/ep       RFC 9176 endpoint lookup (rt=core.rd-lookup-ep), for debugging
//   GET /b/<key>            blobs from the BlobSource, block-wise (Block2) by libcoap
//   POST|PUT anything else  a device's request: Listener::on_device_request -> 2.04 / 4.03
// /.well-known/core is libcoap's, built from the resources' attributes. Registration resources
// and blobs go through libcoap's unknown-resource handler, so they are not listed there.
//
// CoAP thread only, except `directory`, which registrations() reads from other threads under its
// mutex. Listener calls are made without that mutex held.
#pragma once

#include <chrono>
#include <string_view>

#include "coap/guarded_directory.hpp"
#include "coap/libcoap_support.hpp"
#include "coap/link_format_check.hpp"
#include "coap/log.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

class ServerResources {
 public:
  using Clock = std::chrono::steady_clock;

  ServerResources(GuardedDirectory& directory, Listener& listener, const BlobSource& blobs,
                  const LinkFormatLimits& link_limits, const Log& log)
      : directory_(directory),
        listener_(listener),
        blobs_(blobs),
        link_limits_(link_limits),
        log_(log) {}

  // Adds the resources to `context` (which frees them with itself).
  void install(coap_context_t* context);

  // Removes the registrations whose lifetime lapsed and tells the Listener.
  void expire_registrations(Clock::time_point now);

 private:
  static void on_register(coap_resource_t* resource, coap_session_t* session,
                          const coap_pdu_t* request, const coap_string_t* query,
                          coap_pdu_t* response);
  static void on_lookup(coap_resource_t* resource, coap_session_t* session,
                        const coap_pdu_t* request, const coap_string_t* query,
                        coap_pdu_t* response);
  static void on_other(coap_resource_t* resource, coap_session_t* session,
                       const coap_pdu_t* request, const coap_string_t* query, coap_pdu_t* response);

  // A resource served in link format (ct=40) with its rt= for /.well-known/core.
  void add_link_format_resource(coap_context_t* context, std::string_view path,
                                coap_request_t method, coap_method_handler_t handler,
                                std::string_view resource_type);
  void register_endpoint(coap_session_t* session, const coap_pdu_t* request, coap_pdu_t* response);
  void registration_resource(coap_session_t* session, const coap_pdu_t* request,
                             const PduOptions& options, coap_pdu_t* response);
  void serve_blob(coap_resource_t* resource, coap_session_t* session, const coap_pdu_t* request,
                  const coap_string_t* query, const PduOptions& options, coap_pdu_t* response);
  void device_request(coap_session_t* session, const coap_pdu_t* request, const PduOptions& options,
                      coap_pdu_t* response);
  // Answers `answer` and tells the Listener what changed.
  void conclude(const RdAnswer& answer, coap_pdu_t* response);

  GuardedDirectory& directory_;
  Listener& listener_;
  const BlobSource& blobs_;
  LinkFormatLimits link_limits_;
  const Log& log_;
};

}  // namespace tc::gw
