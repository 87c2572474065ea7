// The pool behind RankThreads. Each pooled thread sleeps on its own parker until a run gives it a
// job, runs it, counts itself done (the last one wakes the run's caller) and sleeps again. The pool is
// never destroyed: its threads sleep through the end of the process.
#include "rank_threads.hpp"

#include "parker.hpp"

#include <atomic>
#include <mutex>
#include <sched.h>

namespace mpilab {

struct PooledThread {
    pthread_t thread{};
    std::size_t stack_bytes = 0;
    int cpu = -1;                                  // the processor it was placed on (-1: not placed)
    Parker wake;                                   // a job was given
    const std::function<void(int)>* job = nullptr;
    int index = 0;
    std::atomic<int>* pending = nullptr;           // jobs of this run still running
    Parker* done = nullptr;                        // the run's caller, woken by the last job
};

namespace {

class Pool {
public:
    PooledThread* take(std::size_t stack_bytes) {
        {
            std::lock_guard lock(mutex_);
            for (auto it = idle_.begin(); it != idle_.end(); ++it) {
                if ((*it)->stack_bytes != stack_bytes) continue;
                PooledThread* t = *it;
                idle_.erase(it);
                return t;
            }
        }
        auto* t = new PooledThread;
        t->stack_bytes = stack_bytes;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, stack_bytes);
        const int rc = pthread_create(&t->thread, &attr, main_of, t);
        pthread_attr_destroy(&attr);
        if (rc != 0) {
            delete t;
            return nullptr;
        }
        pthread_detach(t->thread);
        return t;
    }

    void give_back(PooledThread* t) {
        std::lock_guard lock(mutex_);
        idle_.push_back(t);
    }

private:
    static void* main_of(void* arg) {
        auto* t = static_cast<PooledThread*>(arg);
        for (;;) {
            t->wake.park(0);
            (*t->job)(t->index);
            Parker* done = t->done;
            // The last one out wakes the caller; after that this thread touches nothing of the run.
            if (t->pending->fetch_sub(1, std::memory_order_acq_rel) == 1) done->unpark();
        }
        return nullptr;
    }

    std::mutex mutex_;
    std::vector<PooledThread*> idle_;
};

Pool& pool() {
    static Pool* p = new Pool;   // never destroyed: its threads outlive every static destructor
    return *p;
}

}  // namespace

RankThreads::RankThreads(int count, std::size_t stack_bytes) {
    threads_.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        PooledThread* t = pool().take(stack_bytes);
        if (!t) break;
        threads_.push_back(t);
    }
}

RankThreads::~RankThreads() {
    join();
    for (PooledThread* t : threads_) pool().give_back(t);
}

pthread_t RankThreads::native(int index) const { return threads_[static_cast<std::size_t>(index)]->thread; }

bool pin_thread(pthread_t thread, int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(thread, sizeof(set), &set) == 0;
}

void RankThreads::place(int index, int cpu) {
    PooledThread* t = threads_[static_cast<std::size_t>(index)];
    if (cpu < 0 || t->cpu == cpu) return;
    if (pin_thread(t->thread, cpu)) t->cpu = cpu;
}

void RankThreads::start(const std::function<void(int)>& job) {
    job_ = job;
    running_ = true;
    pending_.store(size(), std::memory_order_release);
    for (int i = 0; i < size(); ++i) {
        PooledThread* t = threads_[static_cast<std::size_t>(i)];
        t->job = &job_;
        t->index = i;
        t->pending = &pending_;
        t->done = &done_;
        t->wake.unpark();
    }
}

void RankThreads::join() {
    if (!running_) return;
    // Only the last job unparks, once: after that no pooled thread touches this object again.
    if (size() > 0) done_.park(0);
    running_ = false;
}

}  // namespace mpilab
