// The one table of program-source kinds. open_program_source() asks each kind in order whether it
// accepts a name; the scenario kind comes last and takes what no file kind claimed.
#pragma once

#include "app/source/program_source.hpp"

#include <string_view>
#include <vector>

namespace mpilab {

struct SourceKind {
    std::string_view kind;                  // "C program"
    std::string_view accepts;               // for messages: "a .c, .cpp, .cc or .cxx file"
    bool (*matches)(std::string_view name);
    std::unique_ptr<ProgramSource> (*open)(std::string_view name);   // SourceError if it cannot
};

const std::vector<SourceKind>& source_kinds();

}  // namespace mpilab
