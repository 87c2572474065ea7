// Scenarios as a program source: ranks and parameters are checked by the scenario library, and a
// trace's paths are made relative to the repository.
#include "app/source/scenario_source.hpp"

namespace mpilab {

const Scenario& scenario_named(std::string_view id) {
    if (const Scenario* s = find_scenario(id)) return *s;
    std::vector<std::string> ids;
    for (const Scenario& s : all_scenarios()) ids.push_back(s.id);
    std::string message = "there is no scenario '" + std::string(id) + "'";
    std::string nearest = nearest_name(id, ids);
    message += nearest.empty() ? "." : "; did you mean '" + nearest + "'?";
    message += " Run `mpilab list` to see every scenario.";
    throw SourceError(message);
}

void ScenarioSource::check_ranks(int ranks) const {
    try {
        mpilab::check_ranks(scenario_, ranks);
    } catch (const ScenarioError& e) {
        throw SourceError(e.what());
    }
}

std::vector<SourceFile> ScenarioSource::source_files() const {
    return {SourceFile{scenario_.source_file, std::string(scenario_.source_text)}};
}

RunResult ScenarioSource::run(Config config, const ProgramArgs& args) const {
    check_program_args(*this, args);
    RunResult result;
    try {
        result = run_scenario(scenario_, std::move(config), args.overrides);
    } catch (const ScenarioError& e) {
        throw SourceError(e.what());
    }
    make_paths_relative(result.trace);
    return result;
}

}  // namespace mpilab
