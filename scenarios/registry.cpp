// The scenario table (the one place that lists every scenario, in the order `mpilab list` shows them),
// parameter resolution and the run entry point. A scenario's source text comes from the files embedded
// at build time, keyed by the path its own file reports.
#include "scenarios/registry.hpp"

#include "scenarios/embedded_sources.hpp"

#include "core/memory_budget.hpp"
#include "core/protocol.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

namespace mpilab {

namespace scenarios {
// Basics
Scenario hello();
Scenario send_recv();
Scenario tagged_send();
Scenario send_recv_buffers();
Scenario pingpong();
Scenario pipeline();
Scenario ring();
// Collectives
Scenario bcast_reduce();
Scenario bcast_reduce_dict();
Scenario bcast_reduce_buffers();
Scenario bcast_object();
Scenario bcast_vs_send_loop();
Scenario scatter_gather();
Scenario scatter_gather_dict();
Scenario gather_scatter_buffers();
Scenario scatter_work_gather();
Scenario allreduce();
Scenario allreduce_dict();
Scenario allreduce_buffers();
Scenario reduce_custom_op();
Scenario parallel_sum();
Scenario comm_split();
// Non-blocking
Scenario isend_irecv();
Scenario nonblocking_overlap();
Scenario waitall_exchange();
Scenario waitany();
Scenario igather_vs_gather();
Scenario monte_carlo_pi();
// Applications
Scenario trapezoid();
Scenario matmul();
Scenario game_of_life();
// Deadlocks and errors
Scenario head_to_head();
Scenario send_send();
Scenario sendrecv();
Scenario sendrecv_proc_null();
Scenario alltoall_deadlock();
Scenario alltoall_ordered();
Scenario alltoall_isend();
Scenario collective_in_branch();
Scenario collective_mismatch();
Scenario type_mismatch();
Scenario wildcard_race();
Scenario aliased_buffers();
}  // namespace scenarios

namespace {

std::vector<Scenario> build_table() {
    using namespace scenarios;
    std::vector<Scenario> table{
        // Basics
        hello(), send_recv(), tagged_send(), send_recv_buffers(), pingpong(), pipeline(), ring(),
        // Collectives
        bcast_reduce(), bcast_reduce_dict(), bcast_reduce_buffers(), bcast_object(), bcast_vs_send_loop(),
        scatter_gather(), scatter_gather_dict(), gather_scatter_buffers(), scatter_work_gather(), allreduce(),
        allreduce_dict(), allreduce_buffers(), reduce_custom_op(), parallel_sum(), comm_split(),
        // Non-blocking
        isend_irecv(), nonblocking_overlap(), waitall_exchange(), waitany(), igather_vs_gather(), monte_carlo_pi(),
        // Applications
        trapezoid(), matmul(), game_of_life(),
        // Deadlocks and errors
        head_to_head(), send_send(), sendrecv(), sendrecv_proc_null(), alltoall_deadlock(), alltoall_ordered(),
        alltoall_isend(), collective_in_branch(), collective_mismatch(), aliased_buffers(), type_mismatch(),
        wildcard_race(),
    };
    for (Scenario& s : table) s.source_text = embedded_source(s.source_file);
    return table;
}

std::string join_names(const std::vector<ParamSpec>& params) {
    std::string out;
    for (const ParamSpec& p : params) out += (out.empty() ? "" : ", ") + p.name;
    return out.empty() ? "(none)" : out;
}

std::string type_name(const Value& v) {
    if (v.is_boolean()) return "a boolean (true or false)";
    if (v.is_number_integer()) return "an integer";
    if (v.is_number()) return "a number";
    return "a string";
}

// Converts what the user gave (a JSON value, or text from the command line) to the parameter's type.
bool convert(const ParamSpec& spec, const Value& given, Value& out) {
    const Value& def = spec.default_value;
    if (!given.is_string() || def.is_string()) {
        if (def.is_string()) {
            if (!given.is_string()) return false;
            out = given;
            return true;
        }
        if (def.is_boolean() && given.is_boolean()) { out = given; return true; }
        if (def.is_number_integer() && given.is_number_integer()) { out = given; return true; }
        if (def.is_number_integer() && given.is_number_float()) {
            double d = given.get<double>();
            if (std::nearbyint(d) != d || std::fabs(d) > 9e15) return false;
            out = static_cast<std::int64_t>(d);
            return true;
        }
        if (def.is_number_float() && given.is_number()) { out = given.get<double>(); return true; }
        return false;
    }
    const std::string text = given.get<std::string>();
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (def.is_boolean()) {
        if (text == "true" || text == "1" || text == "yes" || text == "on") { out = true; return true; }
        if (text == "false" || text == "0" || text == "no" || text == "off") { out = false; return true; }
        return false;
    }
    if (def.is_number_integer()) {
        std::string digits;
        for (char c : text) if (c != '_' && c != ',') digits += c;   // 10_000 and 10,000 read as 10000
        std::int64_t v = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        if (end != digits.data() + digits.size() || digits.empty()) return false;
        if (ec == std::errc::result_out_of_range) {
            // A whole number past 64 bits: out of every range, which the range check then says.
            out = digits.front() == '-' ? -1e300 : 1e300;
            return true;
        }
        if (ec != std::errc()) return false;
        out = v;
        return true;
    }
    double v = 0;
    auto [end, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || end != last || text.empty() || !std::isfinite(v)) return false;
    out = v;
    return true;
}

// 100,000,000 rather than 1e+08; a fraction as it is (0.5).
std::string format_bound(double x) {
    if (x == std::floor(x) && std::fabs(x) < 1e18) return with_commas(static_cast<std::int64_t>(x));
    std::ostringstream out;
    out << x;
    return out.str();
}

}  // namespace

const std::vector<Scenario>& all_scenarios() {
    static const std::vector<Scenario> table = build_table();
    return table;
}

const Scenario* find_scenario(std::string_view id) {
    for (const Scenario& s : all_scenarios()) {
        if (s.id == id) return &s;
    }
    return nullptr;
}

std::string repo_relative_path(std::string_view file) {
    std::string path(file);
    std::replace(path.begin(), path.end(), '\\', '/');
    std::size_t best = std::string::npos;
    for (std::string_view folder : {"scenarios/", "core/", "app/", "tests/", "bench/"}) {
        std::size_t at = path.rfind(folder);
        while (at != std::string::npos && at != 0 && path[at - 1] != '/') {
            at = at == 0 ? std::string::npos : path.rfind(folder, at - 1);
        }
        if (at != std::string::npos && (best == std::string::npos || at > best)) best = at;
    }
    return best == std::string::npos ? path : path.substr(best);
}

const Scenario* scenario_for_file(std::string_view file) {
    const std::string path = repo_relative_path(file);
    for (const Scenario& s : all_scenarios()) {
        if (s.source_file == path) return &s;
    }
    return nullptr;
}

std::string_view scenario_source_text(std::string_view file) { return embedded_source(repo_relative_path(file)); }

Params resolve_params(const Scenario& scenario, const Value& overrides) {
    Value values = Value::object();
    for (const ParamSpec& p : scenario.params) values[p.name] = p.default_value;
    if (overrides.is_null()) return Params(std::move(values));
    if (!overrides.is_object()) throw ScenarioError("parameters must be given as NAME=VALUE pairs");
    for (const auto& [name, given] : overrides.items()) {
        auto spec = std::find_if(scenario.params.begin(), scenario.params.end(),
                                 [&](const ParamSpec& p) { return p.name == name; });
        if (spec == scenario.params.end()) {
            throw ScenarioError("scenario '" + scenario.id + "' has no parameter '" + name +
                                "'; its parameters are: " + join_names(scenario.params) +
                                " (`mpilab describe " + scenario.id + "` says what each does)");
        }
        Value converted;
        if (!convert(*spec, given, converted)) {
            std::string shown = given.is_string() ? given.get<std::string>() : given.dump();
            throw ScenarioError("parameter '" + name + "' of scenario '" + scenario.id + "' must be " +
                                type_name(spec->default_value) + ", not '" + shown + "' (its default is " +
                                spec->default_value.dump() + ")");
        }
        if (converted.is_number()) {
            double x = converted.get<double>();
            bool low = spec->min && x < *spec->min;
            bool high = spec->max && x > *spec->max;
            if (low || high) {
                std::string range = spec->min && spec->max
                                        ? "between " + format_bound(*spec->min) + " and " + format_bound(*spec->max)
                                    : spec->min ? "at least " + format_bound(*spec->min)
                                                : "at most " + format_bound(*spec->max);
                std::string shown = given.is_string() ? given.get<std::string>() : converted.dump();
                if (shown.size() > 40) shown = shown.substr(0, 20) + "... (" + std::to_string(shown.size()) + " characters)";
                throw ScenarioError("parameter '" + name + "' of scenario '" + scenario.id + "' must be " + range +
                                    ", not " + shown);
            }
        }
        values[name] = converted;
    }
    return Params(std::move(values));
}

void check_ranks(const Scenario& scenario, int ranks) {
    std::string why;
    if (ranks < scenario.min_ranks || ranks > scenario.max_ranks) {
        if (scenario.min_ranks == scenario.max_ranks) {
            why = "it runs on exactly " + std::to_string(scenario.min_ranks) + " ranks";
        } else if (ranks < scenario.min_ranks) {
            why = "it needs at least " + std::to_string(scenario.min_ranks) + " ranks";
        } else {
            why = "it runs on at most " + std::to_string(scenario.max_ranks) + " ranks";
            if (!scenario.max_ranks_why.empty()) why += ": " + scenario.max_ranks_why;
        }
    } else if (scenario.ranks_check) {
        why = scenario.ranks_check(ranks);
    }
    if (!why.empty()) {
        throw ScenarioError("scenario '" + scenario.id + "' cannot run on " + std::to_string(ranks) +
                            (ranks == 1 ? " rank: " : " ranks: ") +
                            why + " (its default is -n " + std::to_string(scenario.default_ranks) + ")");
    }
}

RunResult run_scenario(const Scenario& scenario, Config config, const Value& overrides) {
    check_ranks(scenario, config.ranks);
    Params params = resolve_params(scenario, overrides);
    if (scenario.memory_bytes) {
        const double needed = scenario.memory_bytes(config, params);
        const std::uint64_t budget = run_memory_budget();
        if (needed > static_cast<double>(budget))
            throw ScenarioError("scenario '" + scenario.id + "' on " + std::to_string(config.ranks) +
                                " ranks with these parameters needs about " + format_memory(static_cast<std::uint64_t>(needed)) +
                                ", more than its memory budget of " + format_memory(budget) +
                                ": lower -n or the message size (or set the budget with --max-memory)");
    }
    config.scenario = scenario.id;
    config.params = params.values();
    auto program = scenario.program;
    return run(config, [&params, &program](Comm& world) { program(world, params); });
}

void make_paths_relative(Trace& trace) {
    std::set<std::string> prefixes;   // "/home/x/mpilab/" for "/home/x/mpilab/scenarios/ring.cpp"
    auto relative = [&prefixes](std::string& file) {
        std::string shorter = repo_relative_path(file);
        if (shorter.size() < file.size() && file.ends_with(shorter)) {
            prefixes.insert(file.substr(0, file.size() - shorter.size()));
            file = shorter;
        }
    };
    for (SourceLocation& location : trace.locations) relative(location.file);
    Outcome& outcome = trace.outcome;
    if (outcome.deadlock) {
        for (BlockedCall& b : outcome.deadlock->blocked) relative(b.file);
    }
    if (outcome.error) relative(outcome.error->file);
    auto strip = [&prefixes](std::string& text) {
        for (const std::string& prefix : prefixes) {
            for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
                text.erase(at, prefix.size());
            }
        }
    };
    strip(outcome.message);
    for (std::string& warning : outcome.warnings) strip(warning);
    if (outcome.deadlock) {
        for (BlockedCall& b : outcome.deadlock->blocked) strip(b.reason);
        for (WaitArc& arc : outcome.deadlock->arcs) strip(arc.label);
    }
    if (outcome.error) strip(outcome.error->message);
}

}  // namespace mpilab
