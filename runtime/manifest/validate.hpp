// Semantic validation of a manifest, shared by the device (after decode()) and the host tools
// (after reading JSON). Each rule reports the path of the field it concerns; docs/manifest.md
// lists the rules and the limits below.
#pragma once

#include <cstdint>

#include "manifest/board.hpp"
#include "manifest/error.hpp"
#include "manifest/manifest.hpp"

namespace tc::manifest {

// Sane maxima (and minima) for what a manifest may ask for. They bound what a device must be
// ready to give before it even looks at its board profile.
inline constexpr uint32_t kMinStackBytes = 64;  // one eBPF frame (the builder's minimum)
inline constexpr uint32_t kMaxStackBytes = 64 * 1024;
inline constexpr uint32_t kMaxDataBytes = 256 * 1024;
inline constexpr uint32_t kMaxStorageBytes = 1024 * 1024;
inline constexpr uint32_t kMaxDeadlineMs = 60'000;  // max_start/loop/stop/event_ms

// Receives each error found; returns false to stop looking for more.
using ErrorSink = bool (*)(void* context, const ManifestError& error);

// The first error, or ok.
[[nodiscard]] ManifestError validate(const Manifest& manifest);
// Every error (at most one per field), in field order; returns the first.
ManifestError validate_all(const Manifest& manifest, ErrorSink sink, void* context);

// The manifest against the device's resources and capacities: each resource target exists on
// the board, its direction is one the resource allows, value bounds lie inside the resource's
// range, memory and storage fit. Assumes validate() passed.
[[nodiscard]] ManifestError validate_against_board(const Manifest& manifest,
                                                   const BoardProfile& board);
ManifestError validate_against_board_all(const Manifest& manifest, const BoardProfile& board,
                                         ErrorSink sink, void* context);

}  // namespace tc::manifest
