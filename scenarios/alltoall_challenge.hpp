// The alltoall challenge's common ground: each rank starts with values[i] = [rank * 10 + i] * count for
// every destination i and must end with new_values[i] = [i * 10 + rank] * count. The three scenarios
// (alltoall-deadlock, alltoall-ordered, alltoall-isend) differ only in their alltoall function.
#pragma once

#include "scenarios/scenario_kit.hpp"

#include <cstdint>
#include <vector>

namespace mpilab::scenarios::alltoall_challenge {

using Values = std::vector<std::vector<std::int64_t>>;   // one array per destination rank
using Alltoall = Values (*)(Comm& comm, const Values& values);

// The buffers alltoall fills: shaped like `values`, with this rank's own part (values[rank]) already in
// place, since it never travels.
Values result_buffers(const Values& values, int rank);

// A scenario of the challenge with its id, title, summary, expected outcome and alltoall; the caller
// sets source_file.
Scenario make(std::string id, std::string title, std::string summary, OutcomeStatus expect, Alltoall alltoall);

}  // namespace mpilab::scenarios::alltoall_challenge
