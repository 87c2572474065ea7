// From an address in a program built with -g to its function and source line, with binutils' addr2line
// (installed wherever a C compiler is). Used after a crash only: a few milliseconds are fine there, and
// a separate tool cannot be brought down by a damaged program.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mpilab::c_runner {

struct SourcePlace {
    std::string function;   // "" when unknown
    std::string file;       // as the debug info names it ("" when unknown)
    unsigned line = 0;      // 0 when unknown
    bool known() const { return line != 0 && !file.empty(); }
};

// One place per address (file addresses of `object`, a shared object with debug info). Unknown
// places stay empty; when addr2line is missing every place is empty.
std::vector<SourcePlace> symbolize(const std::string& object, const std::vector<std::uintptr_t>& file_addresses);

}  // namespace mpilab::c_runner
