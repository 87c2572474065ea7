// The memory budget of a run. mpilab replaces the global operator new and delete so that it knows how
// many bytes the process holds on the heap — the buffers it copies, the messages it queues, the trace it
// records and the program's own containers alike. While a run's budget is in force, an allocation that
// would take the heap past (what it held when the run started + the budget) throws std::bad_alloc instead
// of growing until the system's out-of-memory killer ends the process (and maybe other users' work).
// Invariants: a std::bad_alloc raised inside a run, by the budget or by the system, ends that run as the
// error "out of memory", never as an exception of the program; once the budget has tripped, a reserve is
// granted so the run can still stop cleanly and record its outcome.
#pragma once

#include <cstdint>
#include <string>

namespace mpilab {

// Whether this build counts heap bytes (it does not under the address and thread sanitizers, which
// bring their own operator new).
bool heap_counting_available();
// Bytes currently held through operator new (within a few tens of kilobytes per thread).
std::int64_t heap_bytes_in_use();

// A safe share of the machine's memory for one run: three quarters of what is available now (the
// smaller of the system's available memory and the room left under this process's memory limits).
std::uint64_t default_memory_budget();
// The budget every run of this process gets: the one set (the command line's --max-memory), else
// default_memory_budget() (read again at most every 100 ms). Setting 0 returns to the default.
void set_run_memory_budget(std::uint64_t bytes);
std::uint64_t run_memory_budget();

// "2 GB", "512 MB": a budget as messages print it.
std::string format_memory(std::uint64_t bytes);
// Why a run ran out of memory, as its error message says it (the error's kind is "out of memory"):
// "this run needs more than 2 GB (the budget); lower -n or the message size", or, when the system refused
// memory before the budget was reached, "the system refused this run more memory (...); lower -n ...".
std::string out_of_memory_message(std::uint64_t budget, bool budget_exceeded);

// The budget of one run while the object lives: allocations past (heap in use now + budget) throw
// std::bad_alloc. Budgets of runs that overlap (a check runs several at once) add up. 0: no budget.
class MemoryBudget {
public:
    explicit MemoryBudget(std::uint64_t budget);
    ~MemoryBudget();
    MemoryBudget(const MemoryBudget&) = delete;
    MemoryBudget& operator=(const MemoryBudget&) = delete;

    std::uint64_t budget() const { return budget_; }
    // Whether an allocation was refused because of a budget since this run started.
    bool exceeded() const;

private:
    std::uint64_t budget_;
    std::uint64_t trips_at_start_;
};

}  // namespace mpilab
