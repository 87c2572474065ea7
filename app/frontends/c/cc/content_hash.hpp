// A 128-bit content hash for the compile cache's keys (not cryptographic: it only has to tell apart
// the sources, headers and flags a user compiles, not resist an attacker who writes to the cache).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mpilab::c_tools {

class ContentHash {
public:
    // Adds `bytes` as one field: the field's length is hashed too, so ("ab","c") != ("a","bc").
    ContentHash& add(std::string_view bytes);
    ContentHash& add_file(const std::string& path);   // the file's bytes, or a marker if it is unreadable
    std::string hex() const;                          // 32 hexadecimal digits

private:
    void mix(std::string_view bytes);
    std::uint64_t a_ = 0xcbf29ce484222325ULL;   // FNV-1a offset basis
    std::uint64_t b_ = 0x84222325cbf29ce4ULL;   // a second lane, different start, different multiplier
};

}  // namespace mpilab::c_tools
