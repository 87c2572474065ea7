// Which algorithms serve which collective (the one table), and the default choice when the Config
// names none. The defaults follow the usual MPI library practice (thresholds as in MPICH):
//   barrier               dissemination
//   bcast, reduce         binomial
//   gather, scatter       binomial
//   allreduce             ring for typed vectors over 2048 bytes with a commutative op and at least
//                         one element per rank; otherwise recursive doubling
//   allgather             typed: recursive doubling while the gathered total is under 80 KiB, else
//                         ring; generic: recursive doubling
//   alltoall              typed: bruck for blocks of at most 256 bytes on 8 or more ranks, linear for
//                         blocks up to 32 KiB, pairwise beyond; generic: pairwise
//   scan, exscan          recursive doubling
//   gatherv, scatterv, alltoallv, alltoallw, reduce_scatter(_block): linear; allgatherv: ring
// The choice may only depend on facts every rank shares (rank count, element count and type): a
// generic value's size differs between ranks, so generic collectives are chosen by rank count alone.
#include "algorithms.hpp"

namespace mpilab::collectives {

const std::vector<CollectiveAlgorithms>& algorithm_table() {
    static const std::vector<CollectiveAlgorithms> table = {
        {"barrier", {"linear", "dissemination"}},
        {"bcast", {"linear", "binomial"}},
        {"reduce", {"linear", "binomial"}},
        {"allreduce", {"linear", "recursive_doubling", "ring"}},
        {"gather", {"linear", "binomial"}},
        {"gatherv", {"linear"}},
        {"scatter", {"linear", "binomial"}},
        {"scatterv", {"linear"}},
        {"allgather", {"linear", "recursive_doubling", "ring"}},
        {"allgatherv", {"linear", "ring"}},
        {"alltoall", {"linear", "pairwise", "bruck"}},
        {"alltoallv", {"linear", "pairwise"}},
        {"alltoallw", {"linear"}},
        {"reduce_scatter", {"linear"}},
        {"reduce_scatter_block", {"linear"}},
        {"scan", {"linear", "recursive_doubling"}},
        {"exscan", {"linear", "recursive_doubling"}},
    };
    return table;
}

std::string_view default_algorithm(std::string_view collective, const SelectionFacts& facts) {
    const bool generic = facts.bytes < 0;
    if (collective == "barrier") return "dissemination";
    if (collective == "bcast" || collective == "reduce" || collective == "gather" || collective == "scatter")
        return "binomial";
    if (collective == "allreduce")
        return !generic && facts.commutative && facts.bytes > 2048 && facts.count >= facts.ranks ? "ring"
                                                                                                    : "recursive_doubling";
    if (collective == "allgather")
        return !generic && facts.bytes * facts.ranks >= 80 * 1024 ? "ring" : "recursive_doubling";
    if (collective == "alltoall") {
        if (generic) return "pairwise";
        if (facts.bytes <= 256 && facts.ranks >= 8) return "bruck";
        return facts.bytes <= 32 * 1024 ? "linear" : "pairwise";
    }
    if (collective == "scan" || collective == "exscan") return "recursive_doubling";
    if (collective == "allgatherv") return "ring";
    return "linear";
}

std::string choose_algorithm(const Comm& comm, std::string_view collective, CallKind kind, bool generic,
                             const SelectionFacts& facts, const Location& loc) {
    const std::string configured = configured_algorithm(comm, collective);
    if (configured.empty()) return std::string(default_algorithm(collective, facts));
    for (const auto& entry : algorithm_table()) {
        if (entry.collective != collective) continue;
        std::string choices;
        for (auto name : entry.algorithms) {
            if (name == configured) return configured;
            choices += choices.empty() ? "" : ", ";
            choices += name;
        }
        collective_error(comm, kind, generic, "unknown algorithm",
                         "the config asks for algorithm \"" + configured + "\" for " + std::string(collective) +
                             ", which has no such algorithm; valid choices: " + choices,
                         loc);
    }
    return configured;
}

}  // namespace mpilab::collectives
