// Which rank thread runs next in deterministic mode. Exactly one rank runs program code at a time
// (it holds the baton); the others are ready (could run) or blocked. The policy picks among the
// ready ranks — the same program, config and seed make the same picks, hence the same trace.
#pragma once

#include "config.hpp"

#include <cstdint>
#include <random>
#include <vector>

namespace mpilab {

class ReadySet {
public:
    explicit ReadySet(int ranks = 0) : bits_((static_cast<std::size_t>(ranks) + 63) / 64, 0) {}
    void insert(int r);
    void erase(int r);
    bool contains(int r) const { return bits_[r >> 6] >> (r & 63) & 1; }
    int size() const { return count_; }
    int lowest() const;                 // -1 if empty
    int next_after(int r) const;        // the next ready rank after r, cyclically (-1 if empty)
    int nth(int n) const;               // the n-th ready rank in ascending order

private:
    std::vector<std::uint64_t> bits_;
    int count_ = 0;
};

class Scheduler {
public:
    Scheduler(const Config& config);
    SchedulePolicy policy() const { return policy_; }
    bool deterministic() const { return policy_ != SchedulePolicy::Free; }
    // Does this policy move the baton at every call (not only when a rank blocks)?
    bool switches_at_calls() const { return policy_ == SchedulePolicy::RoundRobin || policy_ == SchedulePolicy::Random; }
    ReadySet& ready() { return ready_; }
    // `me` blocked or finished: the ready rank to run next, or -1 if none is ready.
    int pick_instead_of(int me);
    // `me` reached a call and may keep running: the rank to run next (possibly `me`).
    int pick_at_call(int me);
    // `me` polled (test/iprobe) in vain and steps aside: the next ready rank after it, cyclically, so
    // that polling ranks cannot pass the baton between themselves and starve the others.
    int pick_after_poll(int me);
    int first_rank(int ranks);

private:
    SchedulePolicy policy_;
    ReadySet ready_;
    std::mt19937_64 rng_;
};

}  // namespace mpilab
