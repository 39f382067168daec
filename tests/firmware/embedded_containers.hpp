// The containers the agent self-tests install: images built by the real `tcctl build` from
// tests/firmware/containers/*.c and manifests encoded by `tcctl manifest encode` from the .json
// beside them, embedded at build time (embed_files.cmake) because the firmware has no file system.
#pragma once

#include <cstdint>
#include <span>

namespace tc::firmware_test {

extern const std::span<const uint8_t> kEndpointProbeImage;
extern const std::span<const uint8_t> kEndpointProbeManifest;
extern const std::span<const uint8_t> kEndlessLoopImage;
extern const std::span<const uint8_t> kEndlessLoopManifest;
extern const std::span<const uint8_t> kSteadySamplerImage;
extern const std::span<const uint8_t> kSteadySamplerManifest;

}  // namespace tc::firmware_test
