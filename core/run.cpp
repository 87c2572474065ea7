// run(): one thread per rank (a small stack each), the engine between them, and an outcome that is
// always returned. The main thread only starts the ranks and joins them; a rank thread catches
// RunAborted (the run ended early) and any exception the program throws.
#include "run.hpp"

#include "engine.hpp"
#include "rank_threads.hpp"
#include "memory_budget.hpp"

#include <chrono>
#include <cstring>
#include <new>
#include <pthread.h>
#include <sched.h>
#include <stdexcept>
#include <string>
#include <typeinfo>

namespace mpilab {

namespace {

struct RankThread {
    Engine* engine;
    const Program* program;
    int rank;
    const MemoryBudget* budget;
};

// A std::bad_alloc in a rank — the run's budget or the system's memory ran out — ends the run as the error
// "out of memory", whoever allocated: it is never reported as an exception of the program.
void out_of_memory(Engine& engine, RankState& me, const MemoryBudget& budget) {
    try {
        engine.front_end_error(me, me.in_call ? call_name(me.call_kind, me.call_generic) : "", "out of memory",
                               out_of_memory_message(budget.budget(), budget.exceeded()), me.call_loc);
    } catch (const RunAborted&) {
        engine.rank_exit(me);
    }
}

void run_rank(Engine& engine, const Program& program, int rank, const MemoryBudget& budget) {
    RankState& me = engine.rank(rank);
    try {
        engine.rank_enter(me);
        Comm world(&engine, &me, engine.world_comm());
        program(world);
        engine.rank_finished(me);
    } catch (const RunAborted&) {
        engine.rank_exit(me);
    } catch (const std::bad_alloc&) {
        out_of_memory(engine, me, budget);
    } catch (const std::exception& e) {
        engine.rank_threw(me, std::string(e.what()) + " (" + typeid(e).name() + ")");
    } catch (...) {
        engine.rank_threw(me, "an exception of unknown type");
    }
}

// Placement is a speed hint only: where the system refuses it, the rank runs anyway.
void place(pthread_t thread, int cpu) {
    if (cpu >= 0) pin_thread(thread, cpu);
}

// In deterministic mode, where every rank runs on one processor, the caller joins it while the ranks
// run: threads it starts are born there, and (for many short runs in a row, reuse_threads) handing the
// ranks their jobs and being woken by the last one are local wake-ups, not interrupts sent to another
// processor (on a virtual machine each costs tens of microseconds of idle time). The caller's own
// placement is restored afterwards.
class CallerOnProcessor {
public:
    explicit CallerOnProcessor(int cpu) {
        if (cpu < 0 || pthread_getaffinity_np(pthread_self(), sizeof(saved_), &saved_) != 0) return;
        if (CPU_COUNT(&saved_) == 1 && CPU_ISSET(cpu, &saved_)) {   // already there
            there_ = true;
            return;
        }
        moved_ = there_ = pin_thread(pthread_self(), cpu);
    }
    // The caller runs on that processor alone: threads it starts now are born on it, nothing to place.
    bool there() const { return there_; }
    ~CallerOnProcessor() {
        if (moved_) pthread_setaffinity_np(pthread_self(), sizeof(saved_), &saved_);
    }
    CallerOnProcessor(const CallerOnProcessor&) = delete;
    CallerOnProcessor& operator=(const CallerOnProcessor&) = delete;

private:
    cpu_set_t saved_{};
    bool moved_ = false;
    bool there_ = false;
};

// The one processor every rank runs on (deterministic mode), or -1.
int shared_processor(const Engine& engine) { return engine.deterministic() ? engine.cpu_for_rank(0) : -1; }

void* thread_main(void* arg) {
    auto* t = static_cast<RankThread*>(arg);
    run_rank(*t->engine, *t->program, t->rank, *t->budget);
    return nullptr;
}

}  // namespace

RunInfo run_info(const Config& config) {
    RunInfo run;
    run.scenario = config.scenario;
    run.ranks = config.ranks;
    run.eager_threshold = config.eager_threshold;
    run.buffer_cap = config.buffer_cap;
    run.synchronous_sends = config.synchronous_sends;
    run.schedule = std::string(schedule_name(config.schedule));
    run.seed = config.seed;
    run.latency = config.cost.latency;
    run.bandwidth = config.cost.bandwidth;
    run.params = config.params;
    run.algorithms = Value::object();
    for (const auto& [collective, algorithm] : config.algorithms) run.algorithms[collective] = algorithm;
    return run;
}

RunResult run(const Config& config, const Program& program) {
    config.validate();
    if (!program) throw ConfigError("run() needs a program to run");
    // From here on, heap growth past the budget throws std::bad_alloc, which ends the run as "out of memory".
    const MemoryBudget budget(run_memory_budget());
    RunResult result;
    const auto wall_start = std::chrono::steady_clock::now();
    if (config.reuse_threads) {
        Engine engine(config, result.trace);
        RankThreads threads(config.ranks, config.stack_bytes);
        if (threads.size() < config.ranks) {
            // No job was handed out: nothing runs, nothing to join.
            engine.fail_start("the system refused to start thread " + std::to_string(threads.size()) + " of " +
                              std::to_string(config.ranks) + ": try fewer ranks (-n)");
        } else {
            for (int r = 0; r < config.ranks; ++r) threads.place(r, engine.cpu_for_rank(r));
            CallerOnProcessor caller(shared_processor(engine));
            threads.start([&](int r) { run_rank(engine, program, r, budget); });
            engine.start();
            threads.join();
        }
        engine.finish_run(std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count());
        return result;
    }
    {
        Engine engine(config, result.trace);
        // The caller joins the ranks' processor before it starts them, so that each thread is born there
        // instead of being moved (a 1,024-rank run made 1,028 processor migrations, now a few).
        CallerOnProcessor caller(shared_processor(engine));
        std::vector<RankThread> args(config.ranks);
        std::vector<pthread_t> threads(config.ranks);
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, config.stack_bytes);
        int started = 0;
        for (int r = 0; r < config.ranks; ++r) {
            args[r] = RankThread{&engine, &program, r, &budget};
            int rc = pthread_create(&threads[r], &attr, thread_main, &args[r]);
            if (rc == 0 && !caller.there()) place(threads[r], engine.cpu_for_rank(r));
            if (rc != 0) {
                pthread_attr_destroy(&attr);
                // Run the ranks that could not get a thread as stopped: nothing may hang.
                engine.fail_start("the system refused to start thread " + std::to_string(r) + " of " +
                                  std::to_string(config.ranks) + " (" + std::strerror(rc) +
                                  "): try fewer ranks (-n)");
                for (int k = 0; k < started; ++k) pthread_join(threads[k], nullptr);
                result.trace.run.wall_seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
                return result;
            }
            ++started;
        }
        pthread_attr_destroy(&attr);
        engine.start();
        for (int r = 0; r < config.ranks; ++r) pthread_join(threads[r], nullptr);
        engine.finish_run(std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count());
    }
    return result;
}

}  // namespace mpilab
