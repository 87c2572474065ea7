// What every scenario file uses: its own repository path (for Scenario::source_file) and the common
// rank-count rules. Scenario files include this and core/comm.hpp, nothing else from the registry.
#pragma once

#include "core/comm.hpp"
#include "scenarios/registry.hpp"

#include <cmath>
#include <cstdint>
#include <source_location>
#include <string>

namespace mpilab::scenarios {

// The repository-relative path of the file this is called from: "scenarios/ring.cpp".
inline std::string this_file(std::source_location loc = std::source_location::current()) {
    return repo_relative_path(loc.file_name());
}

// Scenario::ranks_check rules: "" when the count is fine, otherwise why not.
inline std::string even_ranks(int ranks) {
    return ranks % 2 == 0 ? "" : "it pairs rank 0 with 1, 2 with 3, ...: it needs an even number of ranks";
}
inline std::string square_ranks(int ranks) {
    int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(ranks))));
    return side * side == ranks ? "" : "it lays the ranks out on a square grid: it needs 1, 4, 9, 16, ... ranks";
}

// The tutorial's user-defined reduction for dicts (MPI.SUM does not add dicts):
//   def dict_reduce(dict1, dict2): return {'v': dict1['v'] + dict2['v']}
inline Op dict_reduce() {
    return Op::user([](const Value& a, const Value& b) { return Value{{"v", a.at("v").get<std::int64_t>() +
                                                                              b.at("v").get<std::int64_t>()}}; },
                    /*commutative=*/true, "dict_reduce");
}

// Two doubles equal up to rounding.
inline bool close(double a, double b, double tolerance = 1e-9) {
    return std::fabs(a - b) <= tolerance * (1.0 + std::fabs(a) + std::fabs(b));
}

}  // namespace mpilab::scenarios
