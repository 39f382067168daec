// The server's resources: a fixed number of slots, matched by exact path or by path prefix (so
// that a container's exported subtree "/c/NAME/..." is one entry).
#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "coap/message.hpp"
#include "coap/resource.hpp"

namespace tc::coap {

class ResourceTree {
 public:
  struct Match {
    ResourceId id = 0;
    std::size_t depth = 0;  // Uri-Path segments the resource path consumed
  };

  explicit ResourceTree(std::span<Resource> slots) : slots_(slots) {}

  // invalid_argument without handler or with a path not starting with '/' (or the reserved
  // /.well-known/core); already_exists-like failed_precondition for a duplicate path;
  // resource_exhausted when every slot is taken.
  [[nodiscard]] Result<ResourceId> add(const Resource& resource);
  [[nodiscard]] Status remove(ResourceId id);
  // nullptr for a free or out-of-range id.
  [[nodiscard]] const Resource* get(ResourceId id) const;

  // The resource serving the request's Uri-Path: an exact entry first, else the prefix entry
  // with the longest path.
  [[nodiscard]] std::optional<Match> find(const Message& request) const;

  [[nodiscard]] std::span<const Resource> slots() const { return slots_; }

 private:
  std::span<Resource> slots_;
};

// Segments of `path` ("" and "/" have none; "/a/b" has two).
[[nodiscard]] std::size_t segment_count(std::string_view path);

// When the request's Uri-Path starts with the segments of `path`: how many it consumed.
[[nodiscard]] std::optional<std::size_t> prefix_depth(const Message& request,
                                                      std::string_view path);

}  // namespace tc::coap
