// JSON text building blocks: string literals that are always valid JSON (invalid UTF-8 becomes U+FFFD),
// numbers that read back exactly, and the UTF-8 checks behind them. Used by the trace and Chrome writers.
// Invariant: everything appended here parses as JSON, whatever bytes the input held.
#include "json_text.hpp"

#include "trace_json.hpp"

#include <charconv>
#include <cmath>

namespace mpilab::json_text {

std::size_t utf8_length(const unsigned char* s, std::size_t avail) {
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    std::size_t n;
    std::uint32_t min;
    std::uint32_t cp;
    if ((c & 0xe0) == 0xc0) { n = 2; min = 0x80; cp = c & 0x1f; }
    else if ((c & 0xf0) == 0xe0) { n = 3; min = 0x800; cp = c & 0x0f; }
    else if ((c & 0xf8) == 0xf0) { n = 4; min = 0x10000; cp = c & 0x07; }
    else return 0;
    if (avail < n) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((s[k] & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (s[k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return n;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

void append_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t i = 0;
    std::size_t run = 0;   // start of the pending run of bytes copied as they are
    while (i < s.size()) {
        unsigned char c = bytes[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        std::size_t n = c < 0x80 ? 1 : utf8_length(bytes + i, s.size() - i);
        if (n > 1) {   // valid multi-byte UTF-8: copied as is
            i += n;
            continue;
        }
        out.append(s.data() + run, i - run);
        switch (c) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\b': out.append("\\b"); break;
            case '\f': out.append("\\f"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            default:
                if (c < 0x20) {
                    char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
                    out.append(esc, 6);
                } else {
                    out.append("\xEF\xBF\xBD");   // U+FFFD for a byte that is not valid UTF-8
                }
        }
        ++i;
        run = i;
    }
    out.append(s.data() + run, s.size() - run);
    out.push_back('"');
}

void append_double(std::string& out, double x) {
    if (std::isnan(x)) {
        out.append("\"NaN\"");
    } else if (std::isinf(x)) {
        out.append(x > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    } else {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, x);   // shortest text that reads back exactly
        out.append(buf, r.ptr);
    }
}

void append_int(std::string& out, std::int64_t x) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, x);
    out.append(buf, r.ptr);
}

}  // namespace mpilab::json_text
