#include "coap/resource_tree.hpp"

#include "coap/uri.hpp"

namespace tc::coap {
namespace {

constexpr std::string_view kWellKnownCore = "/.well-known/core";

bool in_use(const Resource& r) {
  return r.handler != nullptr;
}

}  // namespace

std::size_t segment_count(std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return 0;
  std::size_t count = 1;
  for (char c : path)
    count += c == '/' ? 1 : 0;
  return count;
}

std::optional<std::size_t> prefix_depth(const Message& request, std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  const OptionRange segments = request.all(OptionNumber::uri_path);
  auto it = segments.begin();
  std::size_t depth = 0;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    if (it == segments.end() || it->text() != path.substr(0, slash)) return std::nullopt;
    ++it;
    ++depth;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return depth;
}

Result<ResourceId> ResourceTree::add(const Resource& resource) {
  if (resource.handler == nullptr || resource.path.empty() || resource.path.front() != '/' ||
      resource.path == kWellKnownCore) {
    return Status(StatusCode::invalid_argument, "resource needs a handler and an absolute path");
  }
  Resource* free_slot = nullptr;
  for (Resource& slot : slots_) {
    if (in_use(slot) && slot.path == resource.path && slot.prefix == resource.prefix) {
      return Status(StatusCode::failed_precondition, "resource path already registered");
    }
    if (!in_use(slot) && free_slot == nullptr) free_slot = &slot;
  }
  // Ids are one byte: slots past 255 are never handed out.
  if (free_slot == nullptr || free_slot - slots_.data() > 0xff) {
    return Status(StatusCode::resource_exhausted, "resource table full");
  }
  *free_slot = resource;
  return static_cast<ResourceId>(free_slot - slots_.data());
}

Status ResourceTree::remove(ResourceId id) {
  if (get(id) == nullptr) return Status(StatusCode::not_found, "no such resource");
  slots_[id] = Resource{};
  return Status::Ok();
}

const Resource* ResourceTree::get(ResourceId id) const {
  if (id >= slots_.size() || !in_use(slots_[id])) return nullptr;
  return &slots_[id];
}

std::optional<ResourceTree::Match> ResourceTree::find(const Message& request) const {
  std::optional<Match> best;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const Resource& r = slots_[i];
    if (!in_use(r)) continue;
    const auto id = static_cast<ResourceId>(i);
    if (!r.prefix) {
      if (path_equals(request, r.path)) return Match{id, segment_count(r.path)};
      continue;
    }
    const std::optional<std::size_t> depth = prefix_depth(request, r.path);
    if (depth && (!best || *depth > best->depth)) best = Match{id, *depth};
  }
  return best;
}

}  // namespace tc::coap
