#include "coap/block1_assembler.hpp"

#include <algorithm>

#include "coap/accessors.hpp"

namespace tc::coap {
namespace {

Block1Outcome failure(Code code, std::optional<uint32_t> size1 = std::nullopt) {
  Block1Outcome out;
  out.kind = Block1Outcome::Kind::fail;
  out.code = code;
  out.size1 = size1;
  return out;
}

uint32_t clamp32(std::size_t n) {
  return static_cast<uint32_t>(std::min<std::size_t>(n, 0xffffffffu));
}

}  // namespace

Block1Outcome Block1Assembler::accept(const Endpoint& peer, ResourceId resource,
                                      const Message& request, const Block& block,
                                      const Limits& limits, uint64_t now_ms) {
  const std::size_t limit = std::min(limits.max_body, pool_.slot_size());
  // RFC 7959 2.3: with M set the payload is exactly one block; the last one is at most one.
  const std::span<const uint8_t> payload = request.payload;
  if ((block.more && payload.size() != block.size()) || payload.size() > block.size()) {
    return failure(Code::bad_request);
  }
  if (block.num == 0) {
    const Result<uint32_t> size1 = get_uint(request, OptionNumber::size1);
    if (size1.ok() && *size1 > limit)
      return failure(Code::request_entity_too_large, clamp32(limit));
    if (!block.more) {  // the whole body in one block: no reassembly needed
      if (payload.size() > limit) return failure(Code::request_entity_too_large, clamp32(limit));
      Block1Outcome out;
      out.kind = Block1Outcome::Kind::complete;
      out.echo = block;
      out.body = payload;
      return out;
    }
    Transfer* t = pool_.claim(peer, resource, request, TransferUse::upload, now_ms);
    if (t == nullptr) return failure(Code::service_unavailable);
    return store(*t, request, block, {limit, limits.max_szx, limits.timeout_ms}, now_ms);
  }
  Transfer* t = pool_.find(peer, resource, request, TransferUse::upload, now_ms);
  if (t == nullptr || block.offset() > t->size) {
    pool_.release(t);
    return failure(Code::request_entity_incomplete);
  }
  return store(*t, request, block, {limit, limits.max_szx, limits.timeout_ms}, now_ms);
}

Block1Outcome Block1Assembler::store(Transfer& t, const Message& request, const Block& block,
                                     const Limits& limits, uint64_t now_ms) {
  std::span<const uint8_t> accepted = request.payload;
  Block echo = block;
  if (block.more && block.szx > limits.max_szx) {
    // RFC 7959 2.5: keep only our block size of it; the client continues from there with it.
    echo.szx = limits.max_szx;
    accepted = accepted.first(block_size(echo.szx));
    echo.num = static_cast<uint32_t>(block.offset() / block_size(echo.szx));
  }
  const std::size_t offset = block.offset();
  if (offset + accepted.size() > limits.max_body) {
    pool_.release(&t);
    return failure(Code::request_entity_too_large, clamp32(limits.max_body));
  }
  std::copy(accepted.begin(), accepted.end(),
            pool_.buffer(t).begin() + static_cast<std::ptrdiff_t>(offset));
  t.size = offset + accepted.size();  // a repeated earlier block restarts from there
  t.expires_ms = now_ms + limits.timeout_ms;
  Block1Outcome out;
  out.echo = echo;
  if (block.more) {
    out.kind = Block1Outcome::Kind::proceed;
    out.code = Code::continue_;
    return out;
  }
  out.kind = Block1Outcome::Kind::complete;
  out.body = pool_.buffer(t).first(t.size);
  out.transfer = &t;
  return out;
}

}  // namespace tc::coap
