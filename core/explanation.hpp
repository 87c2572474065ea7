// What to change after a run that deadlocked, in a student's words: built from the trace (its outcome
// and the calls and messages that led to it), it is the one explanation the CLI report, the GUI's
// Outcome panel and the trace JSON show. Advice follows the cause the analysis found — a tag mismatch,
// a wildcard receive that took the wrong message, a collective some ranks skip, sends that wait for
// each other — and spells calls as the program's language does (Sendrecv, MPI_Sendrecv, comm.sendrecv).
#pragma once

#include "trace.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace mpilab {

enum class Language : std::uint8_t { Cpp, C, Python };

// The language of the program a trace ran: a Python script, a C/C++ program on mpi.h, or the C++ API.
Language language_of(const Trace& trace);

struct Explanation {
    std::vector<std::string> advice;   // "How to fix it" items, the most specific first
    std::string note;                  // a caveat after them (may be empty)
    std::string threshold;             // the run's eager threshold and where it comes from (every run)
};

// No advice for a run that did not deadlock (an error's message already says what to change); the
// threshold line is there for every run.
Explanation explain(const Trace& trace);

// "0-3, 5, 7-999": the ranks sorted, runs of consecutive ranks as ranges.
std::string rank_ranges(std::vector<std::int32_t> ranks);
// "rank 4" or "ranks 0-3, 5".
std::string ranks_text(const std::vector<std::int32_t>& ranks);

}  // namespace mpilab
