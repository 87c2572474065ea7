// Engine core: rank lifecycle, entering and leaving calls, blocking, the baton, waking, aborting,
// requests and the local calls (compute, print, result, check).
// Lock discipline: every function here except the constructor, start() and finish_run() is called
// with mutex_ held or takes it itself; a thread parks only after releasing it.
#include "engine.hpp"

#include "deadlock.hpp"
#include "run.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <sched.h>
#include <sstream>
#include <thread>

namespace mpilab {

Engine::Engine(const Config& config, Trace& trace)
    : config_(config), trace_(trace), recorder_(trace, config.record_trace), scheduler_(config) {
    const int n = config.ranks;
    ranks_.reserve(n);
    for (int r = 0; r < n; ++r) {
        ranks_.push_back(std::make_unique<RankState>());
        ranks_.back()->world = r;
    }
    std::vector<int> world(n);
    for (int r = 0; r < n; ++r) world[r] = r;
    create_comm("world", NONE, std::move(world));
    active_ = n;
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0)
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
            if (CPU_ISSET(cpu, &allowed)) cpus_.push_back(cpu);
    // Spin only in free mode with a core per rank, where the thread that will wake us is running
    // on its own core right now. In deterministic mode the baton rarely comes straight back, and a
    // spinning thread would take the core the woken one needs. 200 µs covers the copy of a 1 MiB
    // message (a 50 µs spin made every such receiver sleep and cost a context switch per message);
    // the engine lock, held for well under a microsecond but for a copy, spins up to 20 µs.
    const bool core_per_rank = !scheduler_.deterministic() && cpus_.size() >= static_cast<std::size_t>(n);
    spin_ = core_per_rank ? 200'000 : 0;
    mutex_.set_spin(core_per_rank ? 20'000 : 0);
    // The direct hand-off bypasses what the lock gives the other features: recording, progress
    // reports, a receiver-side buffer cap, and runs where every send is synchronous.
    direct_ = !scheduler_.deterministic() && !config.record_trace && !config.progress && !config.buffer_cap &&
              !config.synchronous_sends;

    for (const ForcedChoice& c : config.choices) forced_[{c.rank, c.ordinal}] = c.key;

    trace_.run = run_info(config);
    trace_.ranks.assign(n, RankRecord{});
}

Engine::~Engine() = default;

int Engine::cpu_for_rank(int rank) const {
    if (cpus_.size() < 2) return -1;
    // Deterministic mode runs one rank at a time: keeping every rank thread on one processor makes
    // each hand-off a local wake-up instead of a cross-processor one (measured: about 1.8x faster
    // for a baton passed around 1024 threads), and leaves the other processors to the GUI or CLI.
    if (scheduler_.deterministic()) return cpus_.back();
    // Free mode with a processor per rank: pin rank r to its own, as `mpiexec -bind-to core` does,
    // so that two communicating ranks never share one and wait out each other's time slice.
    if (cpus_.size() >= ranks_.size()) return cpus_[static_cast<std::size_t>(rank)];
    return -1;
}

// ---------------------------------------------------------------------------------------------
// Rank lifecycle

void Engine::start() {
    Lock lock(mutex_);
    if (!scheduler_.deterministic()) return;
    const int first = scheduler_.first_rank(ranks());
    for (int r = 0; r < ranks(); ++r) {
        if (r == first) continue;
        ranks_[r]->phase.store(Phase::Ready, std::memory_order_relaxed);
        scheduler_.ready().insert(r);
    }
    ranks_[first]->phase.store(Phase::Running, std::memory_order_relaxed);
    current_ = first;
    lock.unlock();
    ranks_[first]->parker.unpark();
}

void Engine::rank_enter(RankState& me) {
    Lock lock(mutex_);
    if (scheduler_.deterministic()) {
        while (me.phase != Phase::Running && !aborted_) {
            lock.unlock();
            me.parker.park(spin_);
            lock.lock();
        }
    } else {
        me.phase.store(Phase::Running, std::memory_order_relaxed);
    }
    check_abort(me);
}

void Engine::rank_finished(RankState& me) {
    Lock lock(mutex_);
    RankRecord& record = trace_.ranks[me.world];
    record.end_time = me.clock;
    record.end = RankEnd::Finished;
    if (me.call_loc.line() != 0) record.last_location = recorder_.location(me.call_loc);
    if (aborted_) {   // its Finish event was recorded when the run ended
        me.phase.store(Phase::Finished, std::memory_order_relaxed);
        return;
    }
    recorder_.finished(me.world);
    me.phase.store(Phase::Finished, std::memory_order_relaxed);
    ++finished_;
    if (!scheduler_.deterministic()) {
        if (--active_ == 0 && finished_ < ranks()) deadlock_without_caller();
        return;
    }
    int next = scheduler_.pick_instead_of(me.world);
    if (next < 0) {
        try {
            next = settle(me.world, /*throws=*/false);
        } catch (const RunAborted&) {
            return;   // a committed choice failed (e.g. truncation): the outcome says so
        }
    }
    if (next >= 0) return give_baton(next, lock);   // this thread ends: nothing to wait for
    if (finished_ < ranks() && !aborted_) deadlock_without_caller();
}

void Engine::rank_threw(RankState& me, const std::string& what) {
    Lock lock(mutex_);
    if (!aborted_) {
        ErrorInfo error = error_for(me.world, me.in_call ? me.call : NONE, me.call_kind, me.call_generic, me.call_loc);
        error.kind = "exception";
        std::string where = me.call_loc.line() ? " after its call at " + error.file + ":" + std::to_string(error.line) : "";
        error.call = me.in_call ? error.call : "";
        error.message = "rank " + std::to_string(me.world) + " threw an exception" + where + ": " + what +
                        ". The program must not let exceptions escape a rank; every other rank was stopped.";
        Outcome outcome;
        outcome.status = OutcomeStatus::Error;
        outcome.message = error.message;
        outcome.error = std::move(error);
        abort_run(std::move(outcome));
    }
    me.phase.store(Phase::Finished, std::memory_order_relaxed);
    trace_.ranks[me.world].end = RankEnd::Failed;
    trace_.ranks[me.world].end_time = me.clock;
}

void Engine::rank_exit(RankState& me) {
    Lock lock(mutex_);
    RankRecord& record = trace_.ranks[me.world];
    record.end_time = me.clock;
    if (me.call_loc.line() != 0) record.last_location = recorder_.location(me.call_loc);
    const Outcome& outcome = trace_.outcome;
    if (outcome.error && outcome.error->rank == me.world)
        record.end = RankEnd::Failed;
    else if (outcome.status == OutcomeStatus::Deadlock && me.phase == Phase::Blocked)
        record.end = RankEnd::Deadlocked;
    else
        record.end = RankEnd::Aborted;
    me.phase.store(Phase::Finished, std::memory_order_relaxed);
}

void Engine::finish_run(double wall_seconds) {
    Lock lock(mutex_);
    trace_.run.wall_seconds = wall_seconds;
    if (!aborted_) finish_outcome_checks();
}

void Engine::fail_start(const std::string& why) {
    Lock lock(mutex_);
    Outcome outcome;
    outcome.status = OutcomeStatus::Error;
    outcome.message = "The run could not start: " + why + ".";
    ErrorInfo e;
    e.kind = "start failure";
    e.message = why;
    outcome.error = std::move(e);
    abort_run(std::move(outcome));
    for (auto& r : ranks_) r->parker.unpark();
}

// ---------------------------------------------------------------------------------------------
// Calls

Engine::Lock Engine::enter_call(RankState& me, CallKind kind, bool generic, std::uint32_t comm, int peer, int tag,
                                std::int64_t bytes, const Loc& loc) {
    Lock lock(mutex_);
    check_abort(me);
    if (config_.cancel && config_.cancel->load(std::memory_order_relaxed)) {
        Outcome outcome;
        outcome.status = OutcomeStatus::Cancelled;
        outcome.message = "The run was cancelled before it finished.";
        abort_run(std::move(outcome));
        throw RunAborted{};
    }
    if (scheduler_.switches_at_calls()) yield_at_call(me, lock);
    me.in_call = true;
    me.call_kind = kind;
    me.call_generic = generic;
    me.call_loc = loc;
    const int peer_world = comm_to_world(comm, peer);
    if (comm >= comms_.size()) comm = 0;   // a null or bad communicator: validate_comm reports it next
    me.call_comm = comm;
    me.call = recorder_.begin_call({me.world, kind, generic, comm, peer_world, tag, bytes, me.clock}, loc);
    ++me.calls;
    if (config_.progress && (++total_calls_ & 0xfff) == 0) config_.progress(total_calls_);
    return lock;
}

void Engine::leave_call(RankState& me) {
    recorder_.end_call(me.call, me.clock);
    me.call = NONE;
    me.in_call = false;
}

void Engine::check_abort(RankState& me) {
    if (aborted_) throw RunAborted{};
}

// ---------------------------------------------------------------------------------------------
// Blocking and the baton

bool Engine::wait_satisfied(const RankState& me) const {
    if (me.deciding) return me.granted >= 0;   // see choose()
    const WaitSpec& w = me.wait;
    switch (w.kind) {
        case WaitSpec::None: return true;
        case WaitSpec::All:
            if (w.single) return w.single->complete;
            for (const RequestState* r : w.requests)
                if (r && !r->complete) return false;
            return true;
        case WaitSpec::Any:
            for (const RequestState* r : w.requests)
                if (r && r->complete) return true;
            return false;
        case WaitSpec::Probe: return me.queues.find_unexpected(w.context, w.source, w.tag) != nullptr;
        case WaitSpec::Sync: {
            const CommState& c = comms_[w.comm];
            auto it = c.entries.find(w.seq);
            return it == c.entries.end() || it->second.done;
        }
    }
    return true;
}

void Engine::block_until_satisfied(RankState& me, Lock& lock, bool relock) {
    relock = relock || recorder_.enabled() || scheduler_.deterministic();
    while (!wait_satisfied(me)) {
        if (direct_) wait_for_claimer(me);   // a late wake-up must not end this wait (see claimed_marker)
        me.phase.store(Phase::Blocked);   // seq_cst: pairs with a direct sender's store of `complete`
        recorder_.set_flag(me.call, CALL_BLOCKED);
        if (scheduler_.deterministic()) {
            int next = scheduler_.pick_instead_of(me.world);
            if (next < 0) next = settle(me.world, /*throws=*/true);   // quiescence: commit a pending choice
            if (next < 0) declare_deadlock(me);
            if (next == me.world) {   // a committed choice satisfied this very wait
                scheduler_.ready().erase(me.world);
                continue;
            }
            hand_baton(me, next, lock);
        } else {
            if (wait_satisfied(me)) {
                // A direct sender completed the receive since the check above. If it also saw this
                // rank blocked, it counted the rank active again, which this rank never stopped being.
                Phase blocked = Phase::Blocked;
                if (!me.phase.compare_exchange_strong(blocked, Phase::Running)) --active_;
                continue;
            }
            if (--active_ == 0) declare_deadlock(me);
            while (me.phase == Phase::Blocked && !aborted_) {
                lock.unlock();
                me.parker.park(spin_);
                // notify() sets Running only once the wait is satisfied, and publishes the
                // completed requests before it unparks: nothing left to do under the lock.
                // (A direct sender's wake-up can come late, after this rank moved on and blocked
                // again: hence the check that the wait really is satisfied.)
                // `wait` is left as it is: a rank holding the lock may be reading it right now (it
                // saw this rank blocked a moment ago); the next blocking call sets it under the lock.
                if (!relock && me.phase.load(std::memory_order_acquire) == Phase::Running && wait_satisfied(me)) {
                    me.futile_polls = 0;
                    return;
                }
                lock.lock();
            }
            check_abort(me);
        }
    }
    me.phase.store(Phase::Running, std::memory_order_relaxed);
    me.wait = WaitSpec{};
    me.futile_polls = 0;
}

void Engine::notify(int rank) {
    RankState& r = *ranks_[rank];
    if (r.phase == Phase::Blocked && wait_satisfied(r)) wake(r);
}

void Engine::wake(RankState& r) {
    if (scheduler_.deterministic()) {
        r.phase.store(Phase::Ready, std::memory_order_relaxed);
        scheduler_.ready().insert(r.world);
    } else {
        // A compare-and-swap: a direct sender may be waking the same rank without the lock.
        Phase blocked = Phase::Blocked;
        if (!r.phase.compare_exchange_strong(blocked, Phase::Running)) return;
        ++active_;
        r.parker.unpark_after_unlock();
    }
}

void Engine::give_baton(int next, Lock& lock) {
    RankState& n = *ranks_[next];
    scheduler_.ready().erase(next);
    n.phase.store(Phase::Running, std::memory_order_relaxed);
    current_ = next;
    lock.unlock();
    n.parker.unpark();
}

void Engine::hand_baton(RankState& me, int next, Lock& lock) {
    give_baton(next, lock);
    me.parker.park(spin_);
    lock.lock();
    while (me.phase != Phase::Running && !aborted_) {
        lock.unlock();
        me.parker.park(spin_);
        lock.lock();
    }
    check_abort(me);
}

void Engine::yield_at_call(RankState& me, Lock& lock) {
    int next = scheduler_.pick_at_call(me.world);
    if (next == me.world || next < 0) return;
    me.phase.store(Phase::Ready, std::memory_order_relaxed);
    scheduler_.ready().insert(me.world);
    hand_baton(me, next, lock);
}

void Engine::futile_poll(RankState& me, Lock& lock) {
    if (scheduler_.deterministic()) {
        // Nobody else can run: a pending choice may be what this rank polls for.
        if (scheduler_.ready().size() == 0 && commit_until_ready(/*throws=*/true)) {
            me.futile_polls = 0;
            if (scheduler_.ready().size() == 0) return;
        }
        if (scheduler_.ready().size() > 0) {
            // Let the others move: a polling loop must not starve the rank it is waiting for.
            int next = scheduler_.pick_after_poll(me.world);
            me.phase.store(Phase::Ready, std::memory_order_relaxed);
            scheduler_.ready().insert(me.world);
            me.futile_polls = 0;
            hand_baton(me, next, lock);
            return;
        }
    } else if (active_ > 1) {
        me.futile_polls = 0;
        lock.unlock();
        std::this_thread::yield();
        lock.lock();
        check_abort(me);
        return;
    }
    // Nothing but this rank can change anything: the poll will fail forever unless the rank
    // itself does something else. Count, and call it a livelock past the configured limit.
    if (++me.futile_polls >= config_.max_futile_polls) {
        me.phase.store(Phase::Blocked, std::memory_order_relaxed);
        declare_deadlock(me, "rank " + std::to_string(me.world) + " polled " + std::to_string(me.futile_polls) +
                                 " times for something no other rank can provide (a livelock). ");
    }
}

void Engine::declare_deadlock(RankState& me, const std::string& why_prefix) {
    Outcome outcome = DeadlockAnalysis(*this).outcome(why_prefix);
    abort_run(std::move(outcome));
    throw RunAborted{};
}

void Engine::deadlock_without_caller() { abort_run(DeadlockAnalysis(*this).outcome("")); }

void Engine::abort_run(Outcome outcome) {
    if (aborted_) return;
    aborted_ = true;
    outcome.results = std::move(trace_.outcome.results);
    // Warnings given during the run (by a front end) stay beside the error or deadlock.
    outcome.warnings.insert(outcome.warnings.begin(), trace_.outcome.warnings.begin(), trace_.outcome.warnings.end());
    trace_.outcome = std::move(outcome);
    // Every rank still running stops here: their Finish events come now, in rank order, so the event
    // order does not depend on which rank thread wakes first.
    for (auto& r : ranks_)
        if (r->phase != Phase::Finished) recorder_.finished(r->world);
    for (auto& r : ranks_)
        if (r->phase != Phase::Finished) r->parker.unpark();
}

ErrorInfo Engine::error_for(int rank, std::uint32_t call, CallKind kind, bool generic, const Loc& loc) const {
    ErrorInfo e;
    e.rank = rank;
    e.call = call_name(kind, generic);
    e.call_index = call;
    e.file = loc.file_name();
    e.line = loc.line();
    return e;
}

std::string error_summary(const ErrorInfo& e) {
    std::ostringstream out;
    out << "Error in rank " << e.rank;
    if (!e.call.empty()) out << ", " << e.call;
    if (e.line) out << " at " << e.file << ":" << e.line;
    out << ": " << e.kind << ": " << e.message;
    return out.str();
}

void Engine::end_with_error(ErrorInfo error) {
    recorder_.set_flag(error.call_index, CALL_FAILED);
    Outcome outcome;
    outcome.status = OutcomeStatus::Error;
    outcome.message = error_summary(error);
    outcome.error = std::move(error);
    abort_run(std::move(outcome));
    throw RunAborted{};
}

void Engine::fail(RankState& me, std::string kind, std::string message) {
    ErrorInfo e = error_for(me.world, me.call, me.call_kind, me.call_generic, me.call_loc);
    e.kind = std::move(kind);
    e.message = std::move(message);
    end_with_error(std::move(e));
}

void Engine::fail_request(const RequestState& request, std::string kind, std::string message) {
    ErrorInfo e = error_for(request.owner, request.call, request.call_kind, request.call_generic, request.loc);
    e.kind = std::move(kind);
    e.message = std::move(message);
    end_with_error(std::move(e));
}

// ---------------------------------------------------------------------------------------------
// Requests

void Engine::complete(RequestState& request, double time) {
    request.complete_time = time;
    request.complete = true;   // last: a receiver spinning on it without the lock reads the rest next
    if (request.parent) {
        CollectiveRun& run = *request.parent;
        --run.pending_ops;
        run.round_end = std::max(run.round_end, time);
        if (run.pending_ops == 0) advance(run);
        return;
    }
    if (request.sole_wait) {
        // Its owner waits for nothing else: no need to look at (another cache line of) its wait.
        RankState& owner = *ranks_[request.owner];
        if (owner.phase == Phase::Blocked) wake(owner);
        return;
    }
    notify(request.owner);
}

std::uint32_t Engine::register_request(std::unique_ptr<RequestState> request) {
    if (detached_.size() >= sweep_at_) {
        // Requests the program freed while active are dropped once complete (swept now and then,
        // never while an operation may still touch them).
        std::erase_if(detached_, [&](std::uint32_t id) {
            auto it = requests_.find(id);
            if (it == requests_.end()) return true;
            if (!it->second->complete) return false;
            requests_.erase(it);
            return true;
        });
        sweep_at_ = std::max<std::size_t>(64, 2 * detached_.size());
    }
    std::uint32_t id = next_request_id_++;
    if (next_request_id_ == 0) next_request_id_ = 1;
    request->id = id;
    requests_[id] = std::move(request);
    return id;
}

RequestState* Engine::lookup_request(RankState& me, const Request& req, const char* what) {
    if (req.is_null()) return nullptr;
    auto it = requests_.find(req.id);
    if (it == requests_.end() || it->second->owner != me.world) {
        fail(me, "invalid request",
             std::string(what) + " was given request #" + std::to_string(req.id) + ", which is not a live request of rank " +
                 std::to_string(me.world) +
                 ": it was never created by this rank, or it already completed (wait and test set the handle to "
                 "null; a copy of the handle stays stale). Wait on each request exactly once, through the handle "
                 "the call returned.");
    }
    return it->second.get();
}

void Engine::release_request(Request& req) {
    requests_.erase(req.id);
    req.id = 0;
}

// ---------------------------------------------------------------------------------------------
// Local calls

void Engine::compute(RankState& me, double seconds, const Loc& loc) {
    Lock lock = enter_call(me, CallKind::Compute, false, 0, PROC_NULL, 0, 0, loc);
    if (!(seconds >= 0) || !std::isfinite(seconds)) {
        std::ostringstream text;
        text << "compute() needs a finite number of seconds >= 0, not " << seconds;
        fail(me, "invalid argument", text.str());
    }
    me.clock += seconds;
    leave_call(me);
}

void Engine::print(RankState& me, std::string text) {
    Lock lock(mutex_);
    recorder_.output(me.world, me.clock, std::move(text));
}

void Engine::result(RankState& me, const std::string& name, Value value) {
    Lock lock(mutex_);
    trace_.outcome.results[name] = std::move(value);
}

void Engine::check(RankState& me, bool condition, std::string_view what, const Loc& loc) {
    if (condition) return;
    Lock lock(mutex_);
    check_abort(me);
    ErrorInfo e = error_for(me.world, NONE, CallKind::Compute, false, loc);
    e.call = "check";
    e.kind = "check failed";
    e.message = "the program's own check failed: " + std::string(what);
    end_with_error(std::move(e));
}

void Engine::front_end_error(RankState& me, std::string_view call, std::string_view kind, std::string message,
                             const Loc& loc) {
    Lock lock(mutex_);
    check_abort(me);
    ErrorInfo e = error_for(me.world, NONE, CallKind::Compute, false, loc);
    e.call = std::string(call);
    e.kind = std::string(kind);
    e.message = std::move(message);
    end_with_error(std::move(e));
}

void Engine::warn(RankState& me, std::string text) {
    Lock lock(mutex_);
    trace_.outcome.warnings.push_back(std::move(text));
}

}  // namespace mpilab
