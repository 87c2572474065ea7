// UTF-8 helpers shared by the JSON writer (json_text.cpp) and the JSON reader (json_reader.cpp); internal to
// the trace JSON code. The public writing blocks (json_text::append_string, ...) are declared in trace_json.hpp.
// Invariant: utf8_length accepts exactly the well-formed sequences (no overlongs, surrogates or > U+10FFFF).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace mpilab::json_text {

// Length of the valid UTF-8 sequence at s[0], or 0 if the bytes there are not one (avail >= 1 bytes readable).
std::size_t utf8_length(const unsigned char* s, std::size_t avail);

// Appends the code point cp (at most U+10FFFF, not a surrogate) encoded as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace mpilab::json_text
