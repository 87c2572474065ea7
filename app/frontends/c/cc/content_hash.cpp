// Two FNV-1a-style 64-bit lanes with different primes, finished with a murmur-style avalanche.
#include "app/frontends/c/cc/content_hash.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace mpilab::c_tools {

namespace {

std::uint64_t avalanche(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

}  // namespace

void ContentHash::mix(std::string_view bytes) {
    for (unsigned char c : bytes) {
        a_ = (a_ ^ c) * 0x100000001b3ULL;
        b_ = (b_ ^ c) * 0x00000100000001b3ULL + 0x9e3779b97f4a7c15ULL;
    }
}

ContentHash& ContentHash::add(std::string_view bytes) {
    const std::string length = std::to_string(bytes.size()) + ":";
    mix(length);
    mix(bytes);
    return *this;
}

ContentHash& ContentHash::add_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return add("\x01unreadable:" + path);
    std::ostringstream text;
    text << in.rdbuf();
    return add(text.str());
}

std::string ContentHash::hex() const {
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(avalanche(a_)),
                  static_cast<unsigned long long>(avalanche(b_ ^ a_)));
    return text;
}

}  // namespace mpilab::c_tools
