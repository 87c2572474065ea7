// The collective algorithms, each a builder that adds one rank's part of a collective to a Plan,
// and the one explicit table of which algorithms serve which collective, with the default choice.
// Every builder works for both data flavours (Blocks / Operand carry typed or generic data) and for
// any number of ranks n >= 1; `me` is the caller's local rank. Blocks named `own` hold one block
// (empty: the caller's block is already in place in `all`), `all` holds n blocks (on the root only
// for rooted collectives). The file of each family opens with its message count and cost.
#pragma once

#include "../collective_call.hpp"
#include "plan.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mpilab::collectives {

// ---- linear.cpp ---------------------------------------------------------------------------------
void barrier_linear(Plan& plan, int me, int n);
void bcast_linear(Plan& plan, int me, int n, const Blocks& data, int root);
void gather_linear(Plan& plan, int me, int n, const Blocks& own, const Blocks& all, int root);
void scatter_linear(Plan& plan, int me, int n, const Blocks& all, const Blocks& own, int root);
void allgather_linear(Plan& plan, int me, int n, const Blocks& own, const Blocks& all);
void alltoall_linear(Plan& plan, int me, int n, const Blocks& send, const Blocks& recv);
void reduce_linear(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result, int root);
void allreduce_linear(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result);
void reduce_scatter_block_linear(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result);
// Rank i gets elements [offset_i, offset_i + counts[i]) of the reduction, offset_i = counts[0] + ... + counts[i-1].
void reduce_scatter_linear(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result,
                           std::span<const std::int64_t> counts);
// send[i] / recv[i]: the one block for / from rank i, each with an element type of its own.
void alltoallw_linear(Plan& plan, int me, int n, const std::vector<Blocks>& send, const std::vector<Blocks>& recv);
void scan_linear(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result, bool exclusive);
// result = values[0] op values[1] op ... op values[n-1], as a local step (values may include result).
void fold_in_rank_order(Plan& plan, const Op& op, const std::vector<Operand>& values, const Operand& result);

// ---- binomial.cpp -------------------------------------------------------------------------------
void bcast_binomial(Plan& plan, int me, int n, const Blocks& data, int root);
void reduce_binomial(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result, int root);
void gather_binomial(Plan& plan, int me, int n, const Blocks& own, const Blocks& all, int root);
void scatter_binomial(Plan& plan, int me, int n, const Blocks& all, const Blocks& own, int root);

// ---- dissemination.cpp --------------------------------------------------------------------------
void barrier_dissemination(Plan& plan, int me, int n);

// ---- recursive_doubling.cpp ---------------------------------------------------------------------
void allreduce_recursive_doubling(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result);
void allgather_recursive_doubling(Plan& plan, int me, int n, const Blocks& own, const Blocks& all);
void scan_recursive_doubling(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result,
                             bool exclusive);

// ---- ring.cpp -----------------------------------------------------------------------------------
void allgather_ring(Plan& plan, int me, int n, const Blocks& own, const Blocks& all);
void allreduce_ring(Plan& plan, int me, int n, const Op& op, const Operand& input, const Operand& result);

// ---- pairwise.cpp -------------------------------------------------------------------------------
void alltoall_pairwise(Plan& plan, int me, int n, const Blocks& send, const Blocks& recv);

// ---- bruck.cpp ----------------------------------------------------------------------------------
void alltoall_bruck(Plan& plan, int me, int n, const Blocks& send, const Blocks& recv);

// ---- selection.cpp ------------------------------------------------------------------------------
// What the default selection may look at. Every field must be the same on every rank of the call,
// so a generic collective (whose values' sizes differ between ranks) passes bytes = -1.
struct SelectionFacts {
    int ranks = 1;
    std::int64_t bytes = -1;        // bytes of one rank's vector (reductions, bcast) or one block
    std::int64_t count = -1;        // elements of a reduction's vector (-1: generic)
    bool commutative = true;
};

struct CollectiveAlgorithms {
    std::string_view collective;                 // the Config::algorithms key ("alltoall")
    std::vector<std::string_view> algorithms;    // the valid choices, default rule in default_algorithm()
};
const std::vector<CollectiveAlgorithms>& algorithm_table();

// The default algorithm for a collective (see the table in selection.cpp's header comment).
std::string_view default_algorithm(std::string_view collective, const SelectionFacts& facts);

// The configured algorithm if any (an unknown name ends the run with an error listing the valid
// choices), else the default.
std::string choose_algorithm(const Comm& comm, std::string_view collective, CallKind kind, bool generic,
                             const SelectionFacts& facts, const Location& loc);

}  // namespace mpilab::collectives
