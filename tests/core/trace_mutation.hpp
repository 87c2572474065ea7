// Seeded mutations of a trace's JSON text, for the fuzz tests of the loader (tests/core) and of the GUI's
// headless screenshot path (tests/gui): truncations, flipped bits, inserted, deleted and duplicated bytes,
// values replaced by others of another type or range, and changed digits (indexes and ranks out of range).
#pragma once

#include <iterator>
#include <random>
#include <string>
#include <string_view>

namespace mpilab::testing {

// Applies one to three random edits to `text`.
inline std::string mutate_trace_text(std::string text, std::mt19937_64& rng) {
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    static const std::string_view replacements[] = {"\"x\"", "{}", "[]", "true", "null", "-1", "4294967295", "1e400", "0.5",
                                                    "99", "\"Send\"", "[\"bit9\"]", "{\"a\":[", "\"\\ud800\"", "-0",
                                                    "1e300", "\"Infinity\"", "\"NaN\"", "9223372036854775807",
                                                    "-9223372036854775808", "4096", "65535", "2147483647"};
    const int edits = 1 + static_cast<int>(pick(3));
    for (int e = 0; e < edits && !text.empty(); ++e) {
        switch (pick(7)) {
            case 0: text.resize(pick(text.size())); break;                                      // truncate
            case 1: text[pick(text.size())] ^= static_cast<char>(1u << pick(8)); break;           // flip a bit
            case 2: text.insert(pick(text.size() + 1), 1, static_cast<char>(pick(256))); break;   // insert a byte
            case 3: text.erase(pick(text.size()), 1); break;                                      // delete a byte
            case 4: {   // replace the value after a random ':' with something of another type or range
                std::size_t at = text.find(':', pick(text.size()));
                if (at == std::string::npos) break;
                std::size_t end = text.find_first_of(",}]", at + 1);
                if (end == std::string::npos) end = text.size();
                text.replace(at + 1, end - at - 1, replacements[pick(std::size(replacements))]);
                break;
            }
            case 5: {   // change a digit: indexes and ranks go out of range
                std::size_t at = text.find_first_of("0123456789", pick(text.size()));
                if (at != std::string::npos) text[at] = static_cast<char>('0' + pick(10));
                break;
            }
            case 6: {   // duplicate a random chunk somewhere else
                std::size_t from = pick(text.size());
                std::string chunk = text.substr(from, pick(40));
                text.insert(pick(text.size() + 1), chunk);
                break;
            }
        }
    }
    return text;
}

}  // namespace mpilab::testing
