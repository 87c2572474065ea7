// The JSON reader's cold paths: error messages with line:column and JSON path, strings with escapes or
// non-ASCII bytes, and values skipped or kept whole. Invariant: a malformed text always ends in a
// TraceFormatError, never in undefined behaviour, however it is truncated or nested.
#include "json_reader.hpp"

#include "json_text.hpp"

#include <cstdio>

namespace mpilab {

namespace {
constexpr int kMaxDepth = 256;   // nesting allowed inside params / results values
}  // namespace

std::string JsonReader::position(const char* at) const {
    std::size_t line = 1;
    const char* line_start = begin_;
    for (const char* q = begin_; q < at && q < end_; ++q) {
        if (*q == '\n') {
            ++line;
            line_start = q + 1;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(at - line_start + 1);
}

std::string JsonReader::path_string() const {
    std::string s;
    for (const Segment& seg : path_) {
        if (seg.key.empty()) {
            s += '[' + std::to_string(seg.index) + ']';
        } else {
            if (!s.empty()) s += '.';
            s += seg.key;
        }
    }
    return s;
}

void JsonReader::syntax(const char* at, const std::string& what) const {
    throw TraceFormatError(position(at) + ": " + what);
}

void JsonReader::schema(const char* at, const std::string& what) const {
    std::string path = path_string();
    throw TraceFormatError((path.empty() ? "" : path + ": ") + what + " (" + position(at) + ")");
}

std::string JsonReader::describe(char c) {
    if (c >= 0x21 && c < 0x7f) return std::string("'") + c + "'";
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", static_cast<unsigned char>(c));
    return std::string("byte ") + buf;
}

std::string JsonReader::shown(std::string_view text) {
    constexpr std::size_t kLongest = 40;
    if (text.size() <= kLongest) return std::string(text);
    std::size_t cut = 24;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;   // not inside a UTF-8 character
    return std::string(text.substr(0, cut)) + "... (" + std::to_string(text.size()) + " characters)";
}

void JsonReader::truncated() const { syntax(p_, "unexpected end of the text (is the file truncated?)"); }

namespace {
// What kind of value starts with c, or "" if none does.
std::string_view found(char c) {
    switch (c) {
        case '"': return "a string";
        case '{': return "an object";
        case '[': return "an array";
        case 't': case 'f': return "a boolean";
        case 'n': return "null";
        default: return (c == '-' || (c >= '0' && c <= '9')) ? "a number" : "";
    }
}
}  // namespace

void JsonReader::wrong_type(std::string_view expected) {
    char c = peek();
    std::string_view what = found(c);
    if (what.empty()) syntax(p_, "expected a value, found " + describe(c));
    schema(p_, "expected " + std::string(expected) + ", found " + std::string(what));
}

std::string_view JsonReader::escaped_string_token(std::string& scratch, const char* start, const char* q) {
    scratch.assign(start, q);
    for (;;) {
        if (q == end_) {
            p_ = q;
            truncated();
        }
        auto c = static_cast<unsigned char>(*q);
        if (c == '"') {
            p_ = q + 1;
            return scratch;
        }
        if (c < 0x20) syntax(q, "control character inside a string (write it as an escape such as \\n)");
        if (c >= 0x80) {
            std::size_t n = json_text::utf8_length(reinterpret_cast<const unsigned char*>(q), static_cast<std::size_t>(end_ - q));
            if (n == 0) syntax(q, "invalid UTF-8 inside a string");
            scratch.append(q, n);
            q += n;
            continue;
        }
        if (c != '\\') {
            scratch.push_back(static_cast<char>(c));
            ++q;
            continue;
        }
        const char* esc = q++;
        if (q == end_) {
            p_ = q;
            truncated();
        }
        switch (*q++) {
            case '"': scratch.push_back('"'); break;
            case '\\': scratch.push_back('\\'); break;
            case '/': scratch.push_back('/'); break;
            case 'b': scratch.push_back('\b'); break;
            case 'f': scratch.push_back('\f'); break;
            case 'n': scratch.push_back('\n'); break;
            case 'r': scratch.push_back('\r'); break;
            case 't': scratch.push_back('\t'); break;
            case 'u': {
                std::uint32_t cp = hex4(q, esc);
                if (cp >= 0xdc00 && cp <= 0xdfff) syntax(esc, "invalid \\u escape (a lone low surrogate)");
                if (cp >= 0xd800 && cp <= 0xdbff) {
                    if (end_ - q < 6 || q[0] != '\\' || q[1] != 'u')
                        syntax(esc, "invalid \\u escape (a high surrogate without its low half)");
                    q += 2;
                    std::uint32_t low = hex4(q, esc);
                    if (low < 0xdc00 || low > 0xdfff)
                        syntax(esc, "invalid \\u escape (a high surrogate without its low half)");
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                }
                json_text::append_utf8(scratch, cp);
                break;
            }
            default: syntax(esc, "invalid escape " + describe(q[-1]) + " in a string");
        }
    }
}

std::uint32_t JsonReader::hex4(const char*& q, const char* esc) {
    if (end_ - q < 4) {
        p_ = end_;
        truncated();
    }
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k, ++q) {
        char c = *q;
        int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (d < 0) syntax(esc, "invalid \\u escape (needs four hex digits)");
        v = v * 16 + static_cast<std::uint32_t>(d);
    }
    return v;
}

void JsonReader::skip_value(int depth) {
    char c = peek();
    switch (c) {
        case '{': {
            if (depth >= kMaxDepth) syntax(p_, "values nested deeper than " + std::to_string(kMaxDepth) + " levels");
            ++p_;
            bool first = true;
            std::string_view key;
            while (object_next(first, key)) skip_value(depth + 1);
            return;
        }
        case '[': {
            if (depth >= kMaxDepth) syntax(p_, "values nested deeper than " + std::to_string(kMaxDepth) + " levels");
            ++p_;
            bool first = true;
            while (array_next(first)) skip_value(depth + 1);
            return;
        }
        case '"': string_token(value_scratch_); return;
        case 't': literal("true"); return;
        case 'f': literal("false"); return;
        case 'n': literal("null"); return;
        default:
            if (c == '-' || is_digit(c)) {
                number_token();
                return;
            }
            syntax(p_, "expected a value, found " + describe(c));
    }
}

Value JsonReader::read_value() {
    ws();
    const char* start = p_;
    skip_value();
    try {
        return Value::parse(start, p_);
    } catch (const nlohmann::json::exception& e) {
        schema(start, std::string("invalid JSON value: ") + e.what());
    }
}

}  // namespace mpilab
