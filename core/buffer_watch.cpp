#include "buffer_watch.hpp"

#include <cstring>

namespace mpilab {

namespace {

constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;   // 2^64 / golden ratio, odd

std::uint64_t mix(std::uint64_t h, std::uint64_t word) {
    h ^= word;
    h *= kMultiplier;
    return h ^ (h >> 29);
}

}  // namespace

std::uint64_t buffer_checksum(const void* data, std::size_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    std::uint64_t h = bytes * kMultiplier + 1;
    std::size_t i = 0;
    for (; i + 8 <= bytes; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, p + i, 8);
        h = mix(h, word);
    }
    if (i < bytes) {
        std::uint64_t tail = 0;
        std::memcpy(&tail, p + i, bytes - i);
        h = mix(h, tail ^ (static_cast<std::uint64_t>(bytes - i) << 56));
    }
    return mix(h, bytes);
}

}  // namespace mpilab
