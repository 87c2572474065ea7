// A place in a program's source — file, line, function — as plain data that any front end can fill:
// the C++ API from std::source_location (automatically, through Location::current() as a default
// argument), the C front end from __FILE__ / __LINE__ at the call site, Python from the calling frame.
// Invariant: the strings are not owned and must outlive the run (string literals, or intern_text()).
#pragma once

#include <cstdint>
#include <source_location>
#include <string_view>

namespace mpilab {

class Location {
public:
    constexpr Location() = default;
    constexpr Location(const std::source_location& s)
        : file_(s.file_name()), function_(s.function_name()), line_(s.line()), column_(s.column()) {}
    constexpr Location(const char* file, std::uint32_t line, const char* function = "", std::uint32_t column = 0)
        : file_(file ? file : ""), function_(function ? function : ""), line_(line), column_(column) {}

    // As a default argument, the caller's location (the C++ API's calls use it that way).
    static constexpr Location current(std::source_location s = std::source_location::current()) { return Location(s); }

    constexpr const char* file_name() const { return file_; }
    constexpr const char* function_name() const { return function_; }
    constexpr std::uint32_t line() const { return line_; }
    constexpr std::uint32_t column() const { return column_; }
    constexpr bool known() const { return line_ != 0; }

private:
    const char* file_ = "";
    const char* function_ = "";
    std::uint32_t line_ = 0;
    std::uint32_t column_ = 0;
};

// A copy of `text` that lives until the process ends; equal texts share one copy. For locations a
// front end builds at run time (a Python frame's file name). Thread-safe.
const char* intern_text(std::string_view text);

}  // namespace mpilab
