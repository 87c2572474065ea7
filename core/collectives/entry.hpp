// What the Comm collective entry points (api_typed.cpp, api_generic.cpp) share: the call being
// made (for error messages and the signature), argument checks that end the run with an explained
// error, and the dispatch from an algorithm's name to its builder, common to both data flavours.
#pragma once

#include "algorithms.hpp"

#include "core/location.hpp"
#include <string>
#include <string_view>

namespace mpilab::collectives {

struct Entry {
    const Comm& comm;
    CallKind kind;
    bool generic;
    Location loc;
    int me;
    int n;

    // Validates the communicator first: nothing below may read the size of a null one.
    Entry(const Comm& c, CallKind k, bool g, const Location& l)
        : comm(c), kind(k), generic(g), loc(l), me(c.rank()), n(c.size()) {
        check_collective_comm(c, k, g, l);
    }

    std::string name() const { return call_name(kind, generic); }
    [[noreturn]] void fail(std::string_view error_kind, const std::string& message) const;

    void check_root(int root) const;
    // A buffer this rank's call reads or writes: a count of 0 or more, memory behind a non-zero
    // count, and a real element type (a C front end passes a null or freed datatype as Generic/0).
    // An in_place() buffer is not checked (the other buffer is).
    void check_buffer(const ConstBuffer& buf, std::string_view what) const;
    void check_same_type(const ConstBuffer& send, const Buffer& recv) const;
    void check_not_aliased(const ConstBuffer& send, const Buffer& recv) const;
    std::string in_place_advice() const;
    void check_count(std::string_view what, std::int64_t actual, std::int64_t expected) const;
    void check_op(const Op& op, Datatype type) const;
    void check_op(const Op& op, const Value& sample) const;
    // counts/displs of a v-collective: n entries, non-negative, inside a buffer of `capacity` elements.
    void check_layout(std::string_view what, std::span<const int> counts, std::span<const int> displs,
                      std::int64_t capacity) const;

    std::string algorithm(std::string_view collective, const SelectionFacts& facts) const {
        return choose_algorithm(comm, collective, kind, generic, facts, loc);
    }
    // Hands the plan to the engine (a build-time step that failed ends the run with its error).
    Request launch(const CollectiveSignature& signature, std::string_view algorithm, std::int64_t bytes, Plan& plan,
                   bool nonblocking) const;
};

// Kind of a collective's blocking / non-blocking call.
inline CallKind pick(bool nonblocking, CallKind blocking, CallKind started) { return nonblocking ? started : blocking; }

// From an algorithm's name to its builder.
// Barrier and Ibarrier, recorded as barrier/ibarrier when `lowercase` (api_typed.cpp).
Request start_barrier(const Comm& comm, bool nonblocking, bool lowercase, const Location& loc);

void build_barrier(Plan& plan, std::string_view algorithm, int me, int n);
void build_bcast(Plan& plan, std::string_view algorithm, int me, int n, const Blocks& data, int root);
void build_gather(Plan& plan, std::string_view algorithm, int me, int n, const Blocks& own, const Blocks& all, int root);
void build_scatter(Plan& plan, std::string_view algorithm, int me, int n, const Blocks& all, const Blocks& own, int root);
void build_allgather(Plan& plan, std::string_view algorithm, int me, int n, const Blocks& own, const Blocks& all);
void build_alltoall(Plan& plan, std::string_view algorithm, int me, int n, const Blocks& send, const Blocks& recv);
void build_reduce(Plan& plan, std::string_view algorithm, int me, int n, const Op& op, const Operand& input,
                  const Operand& result, int root);
void build_allreduce(Plan& plan, std::string_view algorithm, int me, int n, const Op& op, const Operand& input,
                     const Operand& result);
void build_scan(Plan& plan, std::string_view algorithm, int me, int n, const Op& op, const Operand& input,
                const Operand& result, bool exclusive);

}  // namespace mpilab::collectives
