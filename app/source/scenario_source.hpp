// The built-in scenarios as a program source. Their traces name files relative to the repository
// ("scenarios/ring.cpp"), wherever it was checked out.
#pragma once

#include "app/source/program_source.hpp"

namespace mpilab {

class ScenarioSource final : public ProgramSource {
public:
    explicit ScenarioSource(const Scenario& scenario) : scenario_(scenario) {}
    const Scenario& scenario() const { return scenario_; }

    std::string kind() const override { return "scenario"; }
    std::string name() const override { return scenario_.id; }
    std::string summary() const override { return scenario_.summary; }
    int default_ranks() const override { return scenario_.default_ranks; }
    void check_ranks(int ranks) const override;
    std::vector<ParamSpec> params() const override { return scenario_.params; }
    std::vector<SourceFile> source_files() const override;
    RunResult run(Config config, const ProgramArgs& args) const override;

private:
    const Scenario& scenario_;
};

// The scenario with this id, or SourceError suggesting the nearest id and `mpilab list`.
const Scenario& scenario_named(std::string_view id);

}  // namespace mpilab
