// The ready set (a bitset with find-first) and the scheduling policies.
#include "scheduler.hpp"

namespace mpilab {

void ReadySet::insert(int r) {
    std::uint64_t bit = std::uint64_t{1} << (r & 63);
    if (!(bits_[r >> 6] & bit)) {
        bits_[r >> 6] |= bit;
        ++count_;
    }
}

void ReadySet::erase(int r) {
    std::uint64_t bit = std::uint64_t{1} << (r & 63);
    if (bits_[r >> 6] & bit) {
        bits_[r >> 6] &= ~bit;
        --count_;
    }
}

int ReadySet::lowest() const {
    if (count_ == 0) return -1;
    for (std::size_t w = 0; w < bits_.size(); ++w)
        if (bits_[w]) return static_cast<int>(w * 64 + __builtin_ctzll(bits_[w]));
    return -1;
}

int ReadySet::next_after(int r) const {
    if (count_ == 0) return -1;
    const std::size_t words = bits_.size();
    const std::size_t start = (static_cast<std::size_t>(r) + 1) % (words * 64);
    const std::size_t w0 = start >> 6;
    std::uint64_t word = bits_[w0] & (~std::uint64_t{0} << (start & 63));
    if (word) return static_cast<int>(w0 * 64 + __builtin_ctzll(word));
    // The last step revisits w0 whole, covering the ranks below `start`.
    for (std::size_t i = 1; i <= words; ++i) {
        std::size_t w = (w0 + i) % words;
        if (bits_[w]) return static_cast<int>(w * 64 + __builtin_ctzll(bits_[w]));
    }
    return -1;
}

int ReadySet::nth(int n) const {
    for (std::size_t w = 0; w < bits_.size(); ++w) {
        int c = __builtin_popcountll(bits_[w]);
        if (n < c) {
            std::uint64_t word = bits_[w];
            for (int k = 0; k < n; ++k) word &= word - 1;
            return static_cast<int>(w * 64 + __builtin_ctzll(word));
        }
        n -= c;
    }
    return -1;
}

Scheduler::Scheduler(const Config& config) : policy_(config.schedule), ready_(config.ranks), rng_(config.seed) {}

int Scheduler::pick_instead_of(int me) {
    if (ready_.size() == 0) return -1;
    switch (policy_) {
        case SchedulePolicy::RoundRobin: return ready_.next_after(me);
        case SchedulePolicy::Random: return ready_.nth(static_cast<int>(rng_() % static_cast<std::uint64_t>(ready_.size())));
        default: return ready_.lowest();
    }
}

int Scheduler::pick_at_call(int me) {
    switch (policy_) {
        case SchedulePolicy::RoundRobin: {
            int next = ready_.next_after(me);
            return next < 0 ? me : next;
        }
        case SchedulePolicy::Random: {
            // `me` is a candidate too: choose among the ready ranks plus the caller.
            auto n = static_cast<std::uint64_t>(ready_.size()) + 1;
            auto k = static_cast<int>(rng_() % n);
            return k == ready_.size() ? me : ready_.nth(k);
        }
        default: return me;
    }
}

int Scheduler::pick_after_poll(int me) {
    if (ready_.size() == 0) return -1;
    if (policy_ == SchedulePolicy::Random) return pick_instead_of(me);
    return ready_.next_after(me);
}

int Scheduler::first_rank(int ranks) {
    if (policy_ == SchedulePolicy::Random) return static_cast<int>(rng_() % static_cast<std::uint64_t>(ranks));
    return 0;
}

}  // namespace mpilab
