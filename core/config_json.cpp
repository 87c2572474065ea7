// Config <-> JSON (see config_json.hpp).
#include "config_json.hpp"

namespace mpilab {

Value config_to_json(const Config& c) {
    Value json = {{"ranks", c.ranks},
                  {"eager_threshold", c.eager_threshold},
                  {"buffer_cap", c.buffer_cap ? Value(*c.buffer_cap) : Value()},
                  {"synchronous_sends", c.synchronous_sends},
                  {"schedule", std::string(schedule_name(c.schedule))},
                  {"seed", c.seed},
                  {"latency", c.cost.latency},
                  {"bandwidth", c.cost.bandwidth},
                  {"record_trace", c.record_trace},
                  {"stack_bytes", c.stack_bytes},
                  {"algorithms", c.algorithms},
                  {"max_futile_polls", c.max_futile_polls},
                  {"scenario", c.scenario},
                  {"params", c.params}};
    Value choices = Value::array();
    for (const ForcedChoice& f : c.choices) choices.push_back(Value{{"rank", f.rank}, {"ordinal", f.ordinal}, {"key", f.key}});
    json["choices"] = std::move(choices);
    return json;
}

Config config_from_json(const Value& json) {
    Config c;
    const char* field = "config";
    try {
        field = "ranks";
        c.ranks = json.at(field).get<int>();
        field = "eager_threshold";
        c.eager_threshold = json.at(field).get<std::int64_t>();
        field = "buffer_cap";
        if (!json.at(field).is_null()) c.buffer_cap = json.at(field).get<std::int64_t>();
        field = "synchronous_sends";
        c.synchronous_sends = json.at(field).get<bool>();
        field = "schedule";
        const auto schedule = schedule_from_name(json.at(field).get<std::string>());
        if (!schedule) throw ConfigError("unknown schedule");
        c.schedule = *schedule;
        field = "seed";
        c.seed = json.at(field).get<std::uint64_t>();
        field = "latency";
        c.cost.latency = json.at(field).get<double>();
        field = "bandwidth";
        c.cost.bandwidth = json.at(field).get<double>();
        field = "record_trace";
        c.record_trace = json.at(field).get<bool>();
        field = "stack_bytes";
        c.stack_bytes = json.at(field).get<std::size_t>();
        field = "algorithms";
        c.algorithms = json.at(field).get<std::map<std::string, std::string>>();
        field = "max_futile_polls";
        c.max_futile_polls = json.at(field).get<std::uint64_t>();
        field = "scenario";
        c.scenario = json.at(field).get<std::string>();
        field = "params";
        c.params = json.at(field);
        field = "choices";
        if (json.contains(field))
            for (const Value& f : json.at(field))
                c.choices.push_back(ForcedChoice{f.at("rank").get<int>(), f.at("ordinal").get<std::uint32_t>(),
                                                 f.at("key").get<int>()});
    } catch (const std::exception& e) {
        throw ConfigError(std::string("malformed run settings: field '") + field + "': " + e.what());
    }
    return c;
}

}  // namespace mpilab
