// mpilab-bench: the mpilab side of the benchmark suite. Each invocation runs one workload once and
// prints one JSON line; bench/run alternates invocations with the C peers (bench/peers/) and builds
// the table. The workloads are the peers' workloads written against mpilab's API.
// Timing rule: wall time is std::chrono::steady_clock around run(), so thread start and join are
// included; nothing is warmed up inside the timed region's favour. The c-* workloads run the peers'
// own C sources, built with mpilab-cc, in mpilab-run: their "seconds" is the same clock around run()
// inside mpilab-run (the trace's run.wall_seconds); client_seconds adds the fork and the trace's way back.
#include "app/frontends/c/runner/runner_client.hpp"
#include "core/config.hpp"
#include "core/explore.hpp"
#include "core/run.hpp"
#include "core/trace_json.hpp"
#include "scenarios/registry.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using mpilab::Comm;
using mpilab::Config;
using mpilab::Value;

// The run and how long it took, wall clock around run().
struct Timed {
    mpilab::RunResult result;
    double seconds = 0;
};

Timed timed_run(const Config& config, const mpilab::Program& program) {
    auto start = std::chrono::steady_clock::now();
    mpilab::RunResult result = mpilab::run(config, program);
    auto stop = std::chrono::steady_clock::now();
    return {std::move(result), std::chrono::duration<double>(stop - start).count()};
}

template <class F>
double seconds_of(F&& f) {
    auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A run that did not complete is a failed measurement: say why and exit non-zero.
void require_completed(const mpilab::RunResult& result, std::string_view workload) {
    if (result.outcome().status == mpilab::OutcomeStatus::Completed) return;
    std::cerr << "mpilab-bench " << workload << ": the run ended with "
              << mpilab::outcome_status_name(result.outcome().status) << ": " << result.outcome().message << "\n";
    std::exit(1);
}

// ---- the workloads (the same as bench/peers/*.c) -------------------------------------------------

// 2 ranks, `bytes` back and forth `iterations` times.
mpilab::Program pingpong(std::int64_t bytes, std::int64_t iterations) {
    return [=](Comm& world) {
        std::vector<std::byte> buffer(static_cast<std::size_t>(bytes), std::byte(world.rank()));
        int peer = 1 - world.rank();
        for (std::int64_t i = 0; i < iterations; ++i) {
            if (world.rank() == 0) {
                world.Send(buffer, peer);
                world.Recv(buffer, peer);
            } else {
                world.Recv(buffer, peer);
                world.Send(buffer, peer);
            }
        }
    };
}

// An 8-byte token goes round the ranks `laps` times; each rank but 0 adds one.
mpilab::Program token_ring(std::int64_t laps) {
    return [=](Comm& world) {
        int size = world.size(), rank = world.rank();
        int next = (rank + 1) % size, prev = (rank + size - 1) % size;
        std::int64_t token = 0;
        for (std::int64_t lap = 0; lap < laps; ++lap) {
            if (rank == 0) {
                world.Send(token, next);
                world.Recv(token, prev);
            } else {
                world.Recv(token, prev);
                ++token;
                world.Send(token, next);
            }
        }
        if (rank == 0) world.check(token == static_cast<std::int64_t>(size - 1) * laps, "the token counted every hop");
    };
}

// Every rank exchanges one value with its left and right neighbours, then returns.
mpilab::Program neighbour_exchange() {
    return [](Comm& world) {
        int size = world.size(), rank = world.rank();
        int right = (rank + 1) % size, left = (rank + size - 1) % size;
        std::int64_t mine = rank, from_left = -1, from_right = -1;
        world.Sendrecv(mine, right, 0, from_left, left, 0);
        world.Sendrecv(mine, left, 1, from_right, right, 1);
        world.check(from_left == left && from_right == right, "each neighbour sent its own rank");
    };
}

// Alltoall of `block` bytes per pair, `iterations` times, every block checked on arrival.
mpilab::Program alltoall(std::int64_t block, std::int64_t iterations) {
    return [=](Comm& world) {
        auto n = static_cast<std::size_t>(world.size()), b = static_cast<std::size_t>(block);
        std::vector<std::uint8_t> sendbuf(n * b), recvbuf(n * b);
        for (std::int64_t it = 0; it < iterations; ++it) {
            std::fill(sendbuf.begin(), sendbuf.end(), static_cast<std::uint8_t>(world.rank() + it));
            world.Alltoall(sendbuf, recvbuf);
            for (std::size_t src = 0; src < n; ++src)
                world.check(recvbuf[src * b + b - 1] == static_cast<std::uint8_t>(src + it), "alltoall block arrived");
        }
    };
}

// ---- command line --------------------------------------------------------------------------------

struct Args {
    std::vector<std::string> words;
    bool trace = true;
    std::int64_t number(std::size_t index, std::int64_t fallback) const {
        return index < words.size() ? std::stoll(words[index]) : fallback;
    }
};

void print_json(const Value& v) { std::cout << v.dump() << std::endl; }

// ---- the peers' C sources, in mpilab-run ----------------------------------------------------------

int usage();

double elapsed_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run_c_workload(const std::string& workload, const Args& args, Config config) {
    if (args.words.size() < 2) {
        std::cerr << "mpilab-bench " << workload << " needs the program built with mpilab-cc\n";
        return 2;
    }
    const std::string program = args.words[1];
    auto word = [&args](std::size_t i, const char* fallback) { return i < args.words.size() ? args.words[i] : std::string(fallback); };
    const auto start = std::chrono::steady_clock::now();
    mpilab::c_runner::RunnerClient client(mpilab::c_runner::default_runner_path(), program);
    if (workload == "c-startup") {
        config.ranks = static_cast<int>(args.number(2, 256));
        config.stack_bytes = 8u << 20;   // as mpilab run gives a C program
        client.load(config.ranks);
        const double startup = elapsed_since(start);
        auto first = std::chrono::steady_clock::now();
        mpilab::RunResult result = client.run(config, {"ring", "1"});
        const double first_run = elapsed_since(first);
        require_completed(result, workload);
        auto next = std::chrono::steady_clock::now();
        result = client.run(config, {"ring", "1"});
        const double next_run = elapsed_since(next);
        require_completed(result, workload);
        print_json({{"seconds", startup}, {"ranks", config.ranks}, {"first_run_seconds", first_run},
                    {"next_run_seconds", next_run}, {"run_seconds", result.trace.run.wall_seconds}});
        return 0;
    }
    std::vector<std::string> argv;
    double iterations = 0, bytes = 0;
    if (workload == "c-pingpong") {
        config.ranks = 2;
        config.schedule = mpilab::SchedulePolicy::Free;
        config.record_trace = false;
        argv = {"pingpong", word(2, "8"), word(3, "100000"), "0"};   // no warm-up: timed as the C++ side is
        bytes = std::stod(argv[1]);
        iterations = std::stod(argv[2]);
    } else if (workload == "c-ring") {
        config.ranks = static_cast<int>(args.number(2, 64));
        argv = {"ring", word(3, "100")};
    } else if (workload == "c-alltoall") {
        config.ranks = static_cast<int>(args.number(2, 64));
        config.algorithms["alltoall"] = "pairwise";
        argv = {"alltoall", word(3, "1024"), word(4, "10")};
    } else {
        return usage();
    }
    const auto request = std::chrono::steady_clock::now();
    mpilab::RunResult result = client.run(config, argv);
    const double client_seconds = elapsed_since(request);
    require_completed(result, workload);
    const double seconds = result.trace.run.wall_seconds;
    Value out = {{"seconds", seconds}, {"client_seconds", client_seconds}, {"trace", config.record_trace},
                 {"messages", result.trace.messages.size()}};
    if (workload == "c-pingpong") {
        const double one_way = seconds / (2.0 * iterations);
        out["one_way_seconds"] = one_way;
        out["bytes_per_second"] = bytes / one_way;
    }
    print_json(out);
    return 0;
}

int usage() {
    std::cerr << "usage: mpilab-bench WORKLOAD [ARGS] [--no-trace]\n"
                 "  pingpong BYTES ITERATIONS      2 ranks, free mode, tracing off\n"
                 "  ring RANKS LAPS [--no-trace]   token ring, deterministic, full trace unless --no-trace\n"
                 "  exchange RANKS                 start, exchange with both neighbours, finish (full trace)\n"
                 "  alltoall RANKS BLOCK ITERATIONS  pairwise, deterministic, full trace\n"
                 "  json RANKS LAPS                export and import the ring's trace (trace_to_json / trace_from_json)\n"
                 "  explore SCENARIO RANKS         every distinct match order of a scenario (the exploration of\n"
                 "                                 `mpilab check`, one buffering mode: the default eager threshold)\n"
                 "  c-pingpong PROGRAM BYTES ITERATIONS     the same workloads from the peers' C sources, built with\n"
                 "  c-ring PROGRAM RANKS LAPS [--no-trace]  mpilab-cc and run in mpilab-run\n"
                 "  c-alltoall PROGRAM RANKS BLOCK ITERATIONS\n"
                 "  c-startup PROGRAM RANKS        start mpilab-run, load RANKS copies of the program, run it twice\n"
                 "Each prints one JSON line with the wall time of run() in seconds.\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    Args args;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--no-trace") args.trace = false;
        else args.words.emplace_back(a);
    }
    if (args.words.empty()) return usage();
    const std::string& workload = args.words[0];
    Config config;
    config.record_trace = args.trace;
    try {
        if (workload == "pingpong") {
            std::int64_t bytes = args.number(1, 8), iterations = args.number(2, 100000);
            config.ranks = 2;
            config.schedule = mpilab::SchedulePolicy::Free;
            config.record_trace = false;
            Timed t = timed_run(config, pingpong(bytes, iterations));
            require_completed(t.result, workload);
            double one_way = t.seconds / (2.0 * static_cast<double>(iterations));
            print_json({{"seconds", t.seconds}, {"one_way_seconds", one_way},
                        {"bytes_per_second", static_cast<double>(bytes) / one_way}});
        } else if (workload == "ring" || workload == "exchange" || workload == "alltoall") {
            config.ranks = static_cast<int>(args.number(1, 64));
            mpilab::Program program;
            if (workload == "ring") program = token_ring(args.number(2, 100));
            else if (workload == "exchange") program = neighbour_exchange();
            else {
                config.algorithms["alltoall"] = "pairwise";
                program = alltoall(args.number(2, 1024), args.number(3, 10));
            }
            Timed t = timed_run(config, program);
            require_completed(t.result, workload);
            const mpilab::Trace& trace = t.result.trace;
            double messages = static_cast<double>(trace.messages.size());
            print_json({{"seconds", t.seconds},
                        {"trace", config.record_trace},
                        {"messages", trace.messages.size()},
                        {"calls", trace.calls.size()},
                        {"trace_memory_bytes", trace.memory_bytes()},
                        {"trace_bytes_per_message", messages > 0 ? trace.memory_bytes() / messages : 0.0},
                        // The two big tables, as held (capacity) and as used (size), to tell record
                        // size from vector growth slack.
                        {"call_table_bytes", trace.calls.capacity() * sizeof(mpilab::CallRecord)},
                        {"message_table_bytes", trace.messages.capacity() * sizeof(mpilab::MessageRecord)},
                        {"used_bytes_per_message",
                         messages > 0 ? static_cast<double>(trace.calls.size() * sizeof(mpilab::CallRecord) +
                                                            trace.messages.size() * sizeof(mpilab::MessageRecord)) /
                                            messages
                                      : 0.0},
                        {"sizeof_call_record", sizeof(mpilab::CallRecord)},
                        {"sizeof_message_record", sizeof(mpilab::MessageRecord)}});
        } else if (workload == "json") {
            config.ranks = static_cast<int>(args.number(1, 1024));
            Timed t = timed_run(config, token_ring(args.number(2, 100)));
            require_completed(t.result, workload);
            std::string text;
            double export_seconds = seconds_of([&] { text = mpilab::trace_to_json(t.result.trace); });
            mpilab::Trace back;
            double import_seconds = seconds_of([&] { back = mpilab::trace_from_json(text); });
            if (back.messages.size() != t.result.trace.messages.size() || back.calls.size() != t.result.trace.calls.size()) {
                std::cerr << "mpilab-bench json: the imported trace differs from the exported one\n";
                return 1;
            }
            double mb = static_cast<double>(text.size()) / 1e6;
            print_json({{"seconds", export_seconds + import_seconds},
                        {"json_bytes", text.size()},
                        {"messages", back.messages.size()},
                        {"export_seconds", export_seconds},
                        {"import_seconds", import_seconds},
                        {"export_mb_per_second", mb / export_seconds},
                        {"import_mb_per_second", mb / import_seconds}});
        } else if (workload == "explore") {
            const mpilab::Scenario* scenario = mpilab::find_scenario(args.words.size() > 1 ? args.words[1] : "");
            if (!scenario) return usage();
            config.ranks = static_cast<int>(args.number(2, scenario->default_ranks));
            const auto run_one = [&](const Config& c) { return mpilab::run_scenario(*scenario, c).trace; };
            mpilab::Exploration ex;
            double seconds = seconds_of([&] { ex = mpilab::explore(run_one, config, mpilab::ExploreLimits{}); });
            if (!ex.exhaustive) {
                std::cerr << "mpilab-bench explore: the exploration hit its budget before it was exhaustive\n";
                return 1;
            }
            print_json({{"seconds", seconds},
                        {"ranks", config.ranks},
                        {"orders", ex.orders},
                        {"runs", ex.runs},
                        {"deadlocks", ex.deadlocks},
                        {"seconds_per_run", seconds / static_cast<double>(ex.runs)}});
        } else if (workload.starts_with("c-")) {
            return run_c_workload(workload, args, config);
        } else {
            return usage();
        }
    } catch (const mpilab::ConfigError& e) {
        std::cerr << "mpilab-bench " << workload << ": invalid config: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "mpilab-bench " << workload << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
