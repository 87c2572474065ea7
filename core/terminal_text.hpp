// Text from a trace or from a user's program, made safe to print on a terminal. Such text can hold
// escape sequences that set the window title, clear the screen or rewrite a line ("\r COMPLETED"), so
// every control character is shown as an escape instead: C0 controls other than newline and tab, DEL,
// C1 controls (U+0080..U+009F), the bidirectional overrides and isolates, and bytes that are not UTF-8
// are written as \xNN or \u{NNNN}. Invariant: the result holds no byte a terminal interprets except
// '\n' and '\t'; printable text, including any other UTF-8, is unchanged.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace mpilab {

inline std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    auto hex_byte = [&out](unsigned char c) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
    };
    auto code_point = [&out](std::uint32_t cp) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "\\u{%04x}", static_cast<unsigned>(cp));
        out += buf;
    };
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) hex_byte(c);
            else out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        // A UTF-8 sequence: its length from the lead byte, then continuation bytes, no overlong forms,
        // no surrogates, nothing above U+10FFFF.
        std::size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? (c <= 0xef ? 3 : 0) : c >= 0xc2 ? 2 : 0;
        std::uint32_t cp = len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
        bool valid = len != 0 && i + len <= n;
        for (std::size_t k = 1; valid && k < len; ++k) {
            if ((p[i + k] & 0xc0) != 0x80) valid = false;
            else cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        if (valid && ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff))))
            valid = false;
        if (!valid) {
            hex_byte(c);
            ++i;
            continue;
        }
        const bool control = (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
        if (control) code_point(cp);
        else out.append(text.substr(i, len));
        i += len;
    }
    return out;
}

}  // namespace mpilab
