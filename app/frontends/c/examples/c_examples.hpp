// The C example programs: the corpus of classic MPI teaching programs (tests/frontends/c/corpus/, listed
// with their expected outcomes in corpus.table), embedded in mpilab so that the GUI and `mpilab list`
// can offer them as the "C programs" category. An example runs like a student's own file: it is
// written to a folder of the cache and compiled there, so its trace names "ring.c".
#pragma once

#include "core/trace.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mpilab {

struct CExample {
    std::string file;                // "ring.c"
    std::string id;                  // "example:ring.c": the name mpilab run and the GUI open it by
    int ranks = 4;                   // the rank count the table runs it with
    std::vector<std::string> args;   // its arguments in the table
    OutcomeStatus expect = OutcomeStatus::Completed;
    std::string title;               // "A token around a ring"
    std::string summary;             // the program's opening comment, as one paragraph
    std::string_view text;           // its source
};

inline constexpr std::string_view C_EXAMPLE_PREFIX = "example:";

// Every example, in the table's order.
const std::vector<CExample>& c_examples();
// The example an id names ("example:ring.c"), or null.
const CExample* c_example_named(std::string_view id);
// Writes the example's source into $XDG_CACHE_HOME/mpilab/examples (when it is not there already with
// this text) and returns that folder. Throws std::runtime_error when the folder cannot be written.
std::string materialize_c_example(const CExample& example);

}  // namespace mpilab
