// The memory budget (see memory_budget.hpp): the replacement of the global operator new and delete that
// counts heap bytes, and the budgets of the runs in progress. Each thread adds its allocations to a
// private tally and moves it to the shared count once it reaches kBatch bytes (or at once for a large
// block), so counting costs an addition per allocation and the shared count is exact within
// kBatch bytes per thread; the budget is checked whenever the shared count grows.
#include "memory_budget.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <mutex>
#include <new>
#include <string>

#include <malloc.h>
#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MPILAB_COUNT_HEAP 0
#else
#define MPILAB_COUNT_HEAP 1
#endif

namespace mpilab {

namespace {

constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kBatch = 16 * 1024;

std::atomic<std::int64_t> g_in_use{0};         // bytes held through operator new, all threads
std::atomic<std::int64_t> g_limit{kNoLimit};   // an allocation that takes g_in_use past this is refused
std::atomic<std::uint64_t> g_trips{0};         // allocations refused by a budget, ever
std::atomic<bool> g_reserve_granted{false};
std::atomic<std::int64_t> g_reserve{0};        // granted once after a refusal, so the run can stop cleanly
thread_local std::int64_t t_pending = 0;       // this thread's bytes not yet in g_in_use

// Budgets of the runs in progress (under g_budgets_mutex).
std::mutex g_budgets_mutex;
std::int64_t g_baseline = 0;                   // g_in_use when the first of them started
std::uint64_t g_budget_sum = 0;
int g_budgets = 0;

[[maybe_unused]] bool over_limit_after(std::int64_t bytes) {
    t_pending += bytes;
    if (t_pending < kBatch) return false;
    const std::int64_t now = g_in_use.fetch_add(t_pending, std::memory_order_relaxed) + t_pending;
    t_pending = 0;
    return now > g_limit.load(std::memory_order_relaxed);
}

[[maybe_unused]] void released(std::int64_t bytes) {
    t_pending -= bytes;
    if (t_pending > -kBatch) return;
    g_in_use.fetch_add(t_pending, std::memory_order_relaxed);
    t_pending = 0;
}

// An allocation was refused: count it, and grant the reserve the first time.
[[maybe_unused]] void trip() {
    g_trips.fetch_add(1, std::memory_order_relaxed);
    if (!g_reserve_granted.exchange(true)) g_limit.fetch_add(g_reserve.load(), std::memory_order_relaxed);
}

// Allocates `size` bytes aligned to `alignment` (0: malloc's own), counted; nullptr if the system has no
// memory left; `refused` set if the budget refused it.
[[maybe_unused]] void* counted_allocate(std::size_t size, std::size_t alignment, bool& refused) {
    refused = false;
    if (size == 0) size = 1;
    void* p = nullptr;
    if (alignment <= alignof(std::max_align_t)) {
        p = std::malloc(size);
    } else if (posix_memalign(&p, alignment, size) != 0) {
        p = nullptr;
    }
    if (!p) return nullptr;
    const auto bytes = static_cast<std::int64_t>(malloc_usable_size(p));
    if (over_limit_after(bytes)) {
        g_in_use.fetch_sub(bytes, std::memory_order_relaxed);
        std::free(p);
        trip();
        refused = true;
        return nullptr;
    }
    return p;
}

[[maybe_unused]] void counted_free(void* p) {
    if (!p) return;
    released(static_cast<std::int64_t>(malloc_usable_size(p)));
    std::free(p);
}

[[maybe_unused]] void* allocate_or_throw(std::size_t size, std::size_t alignment) {
    for (;;) {
        bool refused = false;
        if (void* p = counted_allocate(size, alignment, refused)) return p;
        std::new_handler handler = std::get_new_handler();
        if (refused || !handler) throw std::bad_alloc();
        handler();
    }
}

[[maybe_unused]] void* allocate_or_null(std::size_t size, std::size_t alignment) noexcept {
    try {
        return allocate_or_throw(size, alignment);
    } catch (...) {
        return nullptr;
    }
}

// A number from a line "Name:   123 kB" of /proc/meminfo, in bytes; 0 if absent.
std::uint64_t meminfo_bytes(const std::string& name) {
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::uint64_t value = 0;
    std::string unit;
    while (in >> key >> value) {
        std::getline(in, unit);
        if (key == name + ":") return value * (unit.find("kB") != std::string::npos ? 1024 : 1);
    }
    return 0;
}

// The first number in a file (a cgroup's memory.max or memory.current); 0 if none ("max").
std::uint64_t file_number(const char* path) {
    std::ifstream in(path);
    std::uint64_t value = 0;
    return (in >> value) ? value : 0;
}

}  // namespace

bool heap_counting_available() { return MPILAB_COUNT_HEAP; }

std::int64_t heap_bytes_in_use() { return g_in_use.load(std::memory_order_relaxed) + t_pending; }

std::uint64_t default_memory_budget() {
    std::uint64_t available = meminfo_bytes("MemAvailable");
    if (available == 0) available = meminfo_bytes("MemFree");
    // Under a memory limit of its own (a container's cgroup), the room left there counts.
    const std::uint64_t cgroup_max = file_number("/sys/fs/cgroup/memory.max");
    const std::uint64_t cgroup_current = file_number("/sys/fs/cgroup/memory.current");
    if (cgroup_max > 0 && cgroup_max > cgroup_current) available = std::min(available, cgroup_max - cgroup_current);
    // Under `ulimit -v`, the address space left (thread stacks and code take their share of it too).
    struct rlimit limit {};
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) available = std::min<std::uint64_t>(available, limit.rlim_cur);
    if (available == 0) available = std::uint64_t{1} << 30;   // nothing known: 1 GB
    return available / 4 * 3;
}

std::string format_memory(std::uint64_t bytes) {
    char buf[32];
    const double gb = static_cast<double>(bytes) / 1e9;
    if (gb >= 10) std::snprintf(buf, sizeof buf, "%.0f GB", gb);
    else if (gb >= 1) std::snprintf(buf, sizeof buf, "%.1f GB", gb);
    else std::snprintf(buf, sizeof buf, "%.0f MB", std::max(1.0, static_cast<double>(bytes) / 1e6));
    return buf;
}

namespace {
std::atomic<std::uint64_t> g_run_budget{0};   // set by set_run_memory_budget; 0: the default
}  // namespace

void set_run_memory_budget(std::uint64_t bytes) { g_run_budget.store(bytes); }

std::uint64_t run_memory_budget() {
    const std::uint64_t set = g_run_budget.load();
    if (set) return set;
    // The default is read from the system at most every 100 ms: an exploration makes thousands of runs a
    // second, and three file reads per run would be a tenth of its time.
    static std::atomic<std::uint64_t> cached{0};
    static std::atomic<std::int64_t> read_at{0};   // steady-clock nanoseconds
    const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                 std::chrono::steady_clock::now().time_since_epoch()).count();
    std::uint64_t budget = cached.load();
    if (budget == 0 || now - read_at.load() > 100'000'000) {
        budget = default_memory_budget();
        cached.store(budget);
        read_at.store(now);
    }
    return budget;
}

std::string out_of_memory_message(std::uint64_t budget, bool budget_exceeded) {
    if (budget_exceeded)
        return "this run needs more than " + format_memory(budget) + " (the budget); lower -n or the message size";
    return "the system refused this run more memory (a limit such as `ulimit -v`, or the machine's memory, was "
           "reached before the budget of " + format_memory(budget) + "); lower -n or the message size";
}

MemoryBudget::MemoryBudget(std::uint64_t budget) : budget_(budget), trips_at_start_(g_trips.load()) {
    if (budget_ == 0) return;
    std::lock_guard<std::mutex> lock(g_budgets_mutex);
    if (g_budgets++ == 0) {
        g_baseline = heap_bytes_in_use();
        g_reserve_granted.store(false);
    }
    g_budget_sum += budget_;
    const auto sum = static_cast<std::int64_t>(std::min<std::uint64_t>(g_budget_sum, kNoLimit / 2));
    g_reserve.store(std::max<std::int64_t>(64 << 20, sum / 8));
    g_limit.store(g_baseline + sum + (g_reserve_granted.load() ? g_reserve.load() : 0));
}

MemoryBudget::~MemoryBudget() {
    if (budget_ == 0) return;
    std::lock_guard<std::mutex> lock(g_budgets_mutex);
    g_budget_sum -= budget_;
    if (--g_budgets == 0) {
        g_limit.store(kNoLimit);
        return;
    }
    const auto sum = static_cast<std::int64_t>(std::min<std::uint64_t>(g_budget_sum, kNoLimit / 2));
    g_limit.store(g_baseline + sum + (g_reserve_granted.load() ? g_reserve.load() : 0));
}

bool MemoryBudget::exceeded() const { return g_trips.load() != trips_at_start_; }

}  // namespace mpilab

#if MPILAB_COUNT_HEAP
// The replaceable global allocation functions ([new.delete]): every form counts through the same two
// functions above. Blocks come from malloc, so sized and aligned deletes free the same way.
void* operator new(std::size_t size) { return mpilab::allocate_or_throw(size, 0); }
void* operator new[](std::size_t size) { return mpilab::allocate_or_throw(size, 0); }
void* operator new(std::size_t size, std::align_val_t a) { return mpilab::allocate_or_throw(size, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t size, std::align_val_t a) { return mpilab::allocate_or_throw(size, static_cast<std::size_t>(a)); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return mpilab::allocate_or_null(size, 0); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return mpilab::allocate_or_null(size, 0); }
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
    return mpilab::allocate_or_null(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
    return mpilab::allocate_or_null(size, static_cast<std::size_t>(a));
}
void operator delete(void* p) noexcept { mpilab::counted_free(p); }
void operator delete[](void* p) noexcept { mpilab::counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { mpilab::counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { mpilab::counted_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { mpilab::counted_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { mpilab::counted_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { mpilab::counted_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { mpilab::counted_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { mpilab::counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { mpilab::counted_free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { mpilab::counted_free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { mpilab::counted_free(p); }
#endif
