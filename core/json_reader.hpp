// A pull parser over JSON text, used by the trace import: it walks the text once, keeping the JSON path of
// the value being read, so every error says where as line:column and as a path such as calls[12].comm.
// Invariants: every failure throws TraceFormatError; a string_view it returns lives until the next read.
// The hot paths (tokens, structure, typed values) are inline here; error reporting is in json_reader.cpp.
#pragma once

#include "trace_json.hpp"

#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace mpilab {

// Equality of short names without a call into memcmp (the reader compares a dozen per table row).
inline bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

// Finds the enum value whose name is `name` by asking the naming function for each value in [0, count).
template <class E, class NameFn>
bool enum_from_name(std::string_view name, int count, NameFn name_of, E& out) {
    for (int i = 0; i < count; ++i) {
        if (same(name_of(static_cast<E>(i)), name)) {
            out = static_cast<E>(i);
            return true;
        }
    }
    return false;
}

// The names of the values in [0, count) as a quoted list, for an error message.
template <class E, class NameFn>
std::string known_names(int count, NameFn name_of) {
    std::string list;
    for (int i = 0; i < count; ++i) {
        std::string_view n = name_of(static_cast<E>(i));
        if (n.empty()) continue;
        if (!list.empty()) list += ", ";
        list += '"';
        list += n;
        list += '"';
    }
    return list;
}

// Reads one JSON text. A format's reader derives from it and adds a read_<part>() for each part of the format,
// built from the typed reads below (read_object, read_array, read_int, ...).
class JsonReader {
public:
    explicit JsonReader(std::string_view text) : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()) {}

protected:
    struct Segment {
        std::string_view key;   // empty: an array index
        std::size_t index = 0;
    };

    const char* begin_;
    const char* p_;
    const char* end_;
    const char* key_at_ = nullptr;   // where the last member name started
    std::vector<Segment> path_;
    std::string key_scratch_;
    std::string value_scratch_;

    // ---- errors (json_reader.cpp) ----
    std::string position(const char* at) const;   // "line L, column C"
    std::string path_string() const;              // e.g. "calls[12].comm"
    [[noreturn]] void syntax(const char* at, const std::string& what) const;   // malformed JSON
    [[noreturn]] void schema(const char* at, const std::string& what) const;   // valid JSON, wrong content
    static std::string describe(char c);
    // A token or string as an error message quotes it: whole if short, else its beginning and its length
    // (a million-digit number must not make a megabyte message).
    static std::string shown(std::string_view text);
    [[noreturn]] void truncated() const;
    [[noreturn]] void wrong_type(std::string_view expected);
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }

    // ---- tokens ----
    void ws() {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    char peek() {
        ws();
        if (p_ == end_) truncated();
        return *p_;
    }
    void literal(std::string_view word) {
        if (static_cast<std::size_t>(end_ - p_) < word.size()) {
            if (std::memcmp(p_, word.data(), static_cast<std::size_t>(end_ - p_)) == 0) {
                p_ = end_;
                truncated();
            }
            syntax(p_, "invalid literal (expected " + std::string(word) + ")");
        }
        if (std::memcmp(p_, word.data(), word.size()) != 0)
            syntax(p_, "invalid literal (expected " + std::string(word) + ")");
        p_ += word.size();
    }

    // The string at p_ (which is '"'). The view is into the text or, when the string holds an escape or a
    // byte outside printable ASCII, into `scratch`.
    std::string_view string_token(std::string& scratch) {
        const char* start = ++p_;
        const char* q = start;
        for (;;) {
            if (q == end_) {
                p_ = q;
                truncated();
            }
            auto c = static_cast<unsigned char>(*q);
            if (c == '"') {
                p_ = q + 1;
                return {start, static_cast<std::size_t>(q - start)};
            }
            if (c == '\\' || c < 0x20 || c >= 0x80) break;
            ++q;
        }
        return escaped_string_token(scratch, start, q);
    }
    // The rest of string_token from q, the first byte that needs decoding; [start, q) is plain ASCII.
    std::string_view escaped_string_token(std::string& scratch, const char* start, const char* q);
    std::uint32_t hex4(const char*& q, const char* esc);

    struct NumberToken {
        const char* start;
        const char* end;
        bool integer;
        std::string_view view() const { return {start, static_cast<std::size_t>(end - start)}; }
    };
    NumberToken number_token() {
        const char* q = p_;
        if (*q == '-') ++q;
        auto digits = [&] {
            if (q == end_) {
                p_ = q;
                truncated();
            }
            if (!is_digit(*q)) syntax(q, "invalid number: expected a digit, found " + describe(*q));
            while (q < end_ && is_digit(*q)) ++q;
        };
        if (q < end_ && *q == '0') ++q;
        else digits();
        bool integer = true;
        if (q < end_ && *q == '.') {
            integer = false;
            ++q;
            digits();
        }
        if (q < end_ && (*q == 'e' || *q == 'E')) {
            integer = false;
            ++q;
            if (q < end_ && (*q == '+' || *q == '-')) ++q;
            digits();
        }
        NumberToken t{p_, q, integer};
        p_ = q;
        return t;
    }

    // ---- structure ----
    const char* object_begin() {
        if (peek() != '{') wrong_type("an object");
        return p_++;
    }
    bool object_next(bool& first, std::string_view& key) {
        char c = peek();
        if (c == '}') {
            ++p_;
            return false;
        }
        if (!first) {
            if (c != ',') syntax(p_, "expected ',' or '}' after an object member, found " + describe(c));
            ++p_;
            c = peek();
        }
        if (c != '"')
            syntax(p_, first ? "expected a member name in double quotes or '}', found " + describe(c)
                             : "expected a member name in double quotes after ',', found " + describe(c));
        key_at_ = p_;
        key = string_token(key_scratch_);
        if (peek() != ':') syntax(p_, "expected ':' after the member name, found " + describe(*p_));
        ++p_;
        first = false;
        return true;
    }
    void array_begin() {
        if (peek() != '[') wrong_type("an array");
        ++p_;
    }
    bool array_next(bool& first) {
        char c = peek();
        if (c == ']') {
            ++p_;
            return false;
        }
        if (!first) {
            if (c != ',') syntax(p_, "expected ',' or ']' after an array element, found " + describe(c));
            ++p_;
            if (peek() == ']') syntax(p_, "expected a value after ',', found ']'");
        }
        first = false;
        return true;
    }
    void skip_value(int depth = 0);

    // ---- typed values ----
    bool null_here() {
        if (peek() != 'n') return false;
        literal("null");
        return true;
    }
    std::int64_t read_int(std::int64_t min, std::int64_t max) {
        char c = peek();
        if (c != '-' && !is_digit(c)) wrong_type("an integer");
        const char* at = p_;
        NumberToken t = number_token();
        if (!t.integer) schema(at, "expected an integer, found " + shown(t.view()));
        std::int64_t v = 0;
        std::from_chars_result r{t.end, std::errc()};
        if (t.end - t.start <= 18) {   // fits: no overflow possible
            bool negative = *t.start == '-';
            for (const char* q = t.start + negative; q < t.end; ++q) v = v * 10 + (*q - '0');
            if (negative) v = -v;
        } else {
            r = std::from_chars(t.start, t.end, v);
        }
        if (r.ec != std::errc() || v < min || v > max)
            schema(at, shown(t.view()) + " is out of range (" + std::to_string(min) + " to " + std::to_string(max) + ")");
        return v;
    }
    std::int32_t read_int32() {
        return static_cast<std::int32_t>(read_int(std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()));
    }
    std::uint32_t read_uint32() { return static_cast<std::uint32_t>(read_int(0, std::numeric_limits<std::uint32_t>::max())); }
    std::uint64_t read_uint64() {
        char c = peek();
        if (c != '-' && !is_digit(c)) wrong_type("an integer");
        const char* at = p_;
        NumberToken t = number_token();
        if (!t.integer) schema(at, "expected an integer, found " + shown(t.view()));
        std::uint64_t v = 0;
        auto r = std::from_chars(t.start, t.end, v);
        if (r.ec != std::errc() || r.ptr != t.end)
            schema(at, shown(t.view()) + " is out of range (0 to " + std::to_string(std::numeric_limits<std::uint64_t>::max()) + ")");
        return v;
    }
    double read_double() {
        char c = peek();
        const char* at = p_;
        if (c == '"') {
            std::string_view s = string_token(value_scratch_);
            if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
            if (s == "Infinity") return std::numeric_limits<double>::infinity();
            if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
            schema(at, "expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), found the string \"" + shown(s) + "\"");
        }
        if (c != '-' && !is_digit(c)) wrong_type("a number");
        NumberToken t = number_token();
        double v = 0;
        auto r = std::from_chars(t.start, t.end, v);
        if (r.ec != std::errc() || r.ptr != t.end) schema(at, shown(t.view()) + " is out of the range of a double");
        return v;
    }
    bool read_bool() {
        char c = peek();
        if (c == 't') {
            literal("true");
            return true;
        }
        if (c == 'f') {
            literal("false");
            return false;
        }
        wrong_type("true or false");
    }
    std::string_view read_string_view() {
        if (peek() != '"') wrong_type("a string");
        return string_token(value_scratch_);
    }
    std::string read_string() { return std::string(read_string_view()); }
    Value read_value();   // any JSON value, kept as it is (params, results)
    template <class E, class NameFn>
    E read_enum(int count, NameFn name_of, std::string_view what) {
        ws();
        const char* at = p_;
        std::string_view name = read_string_view();
        E out{};
        if (!enum_from_name(name, count, name_of, out))
            schema(at, "unknown " + std::string(what) + " \"" + shown(name) + "\" (expected one of " +
                           known_names<E>(count, name_of) + ")");
        return out;
    }
    template <class T, class ReadOne>
    void read_array(std::vector<T>& out, ReadOne read_one) {
        array_begin();
        bool first = true;
        std::size_t i = 0;
        while (array_next(first)) {
            path_.push_back({{}, i++});
            out.push_back(read_one());
            path_.pop_back();
        }
    }

    // Iterates the members of an object, calling on_field(index) for the known names in `fields` (which
    // must all be present unless listed in `optional_mask`) and skipping unknown ones.
    template <std::size_t N, class OnField>
    void read_object(const std::array<std::string_view, N>& fields, std::uint64_t optional_mask, OnField on_field) {
        static_assert(N <= 64);
        const char* at = object_begin();
        bool first = true;
        std::string_view key;
        std::uint64_t seen = 0;
        std::size_t hint = 0;
        while (object_next(first, key)) {
            std::size_t f = N;
            if (hint < N && same(fields[hint], key)) {
                f = hint;
            } else {
                for (std::size_t k = 0; k < N; ++k) {
                    if (same(fields[k], key)) {
                        f = k;
                        break;
                    }
                }
            }
            if (f == N) {
                skip_value();
                continue;
            }
            if (seen & (1ull << f)) schema(key_at_, "the member \"" + std::string(fields[f]) + "\" appears twice");
            seen |= 1ull << f;
            hint = f + 1;
            path_.push_back({fields[f], 0});
            on_field(f);
            path_.pop_back();
        }
        std::uint64_t all = N == 64 ? ~0ull : ((1ull << N) - 1);
        std::uint64_t missing = all & ~seen & ~optional_mask;
        if (missing) schema(at, "missing \"" + std::string(fields[std::countr_zero(missing)]) + "\"");
    }
};

}  // namespace mpilab
