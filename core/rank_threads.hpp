// Rank threads kept from one run to the next (Config::reuse_threads), for callers that make many
// short runs in a row — the exploration of match orders: starting a thread per rank costs more than
// such a run itself. A run takes its threads from a process-wide pool (starting more when it has too
// few), hands each its rank's job, and waits until every job has returned; the threads then go back to
// the pool and sleep until the next run. Threads of different stack sizes are kept apart.
// Invariant: a thread runs at most one job at a time, and only between start() and the end of join().
#pragma once

#include "parker.hpp"

#include <atomic>
#include <cstddef>
#include <functional>
#include <pthread.h>
#include <vector>

namespace mpilab {

struct PooledThread;

// Keeps `thread` on processor `cpu` (a speed hint: false where the system refuses it).
bool pin_thread(pthread_t thread, int cpu);

class RankThreads {
public:
    // Takes `count` threads with stacks of `stack_bytes`; fewer (see size()) if the system refused one.
    RankThreads(int count, std::size_t stack_bytes);
    ~RankThreads();   // joins, if start() was called and join() was not
    RankThreads(const RankThreads&) = delete;
    RankThreads& operator=(const RankThreads&) = delete;

    int size() const { return static_cast<int>(threads_.size()); }
    pthread_t native(int index) const;
    // Keeps thread `index` on processor `cpu` (a speed hint; -1: leave it). A pooled thread remembers
    // where it was put, so a run that puts it where it already is makes no system call.
    void place(int index, int cpu);
    // Runs job(i) on thread i, for every thread, at once.
    void start(const std::function<void(int)>& job);
    // Waits until every job returned; the threads go back to the pool.
    void join();

private:
    std::vector<PooledThread*> threads_;
    std::function<void(int)> job_;
    bool running_ = false;
    std::atomic<int> pending_{0};   // jobs still running
    Parker done_;                   // unparked once, by the last job to return
};

}  // namespace mpilab
