// Opening a program source by name, argument checks shared by every kind, and finding the text of a
// file a trace names.
#include "app/source/program_source.hpp"

#include "app/source/registry.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mpilab {

std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates) {
    // Edit distance with one row; a candidate within 3 edits is a likely typo.
    auto distance = [](std::string_view a, std::string_view b) {
        std::vector<std::size_t> row(b.size() + 1);
        for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            std::size_t diagonal = row[0];
            row[0] = i;
            for (std::size_t j = 1; j <= b.size(); ++j) {
                std::size_t above = row[j];
                row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
                diagonal = above;
            }
        }
        return row[b.size()];
    };
    std::string best;
    std::size_t best_distance = 4;
    for (const std::string& c : candidates) {
        std::size_t d = distance(word, c);
        if (d < best_distance) best_distance = d, best = c;
    }
    return best;
}

std::unique_ptr<ProgramSource> open_program_source(std::string_view name) {
    if (name.empty()) throw SourceError("no program or scenario was named");
    for (const SourceKind& kind : source_kinds()) {
        if (kind.matches(name)) return kind.open(name);
    }
    std::string accepted;
    for (const SourceKind& kind : source_kinds()) accepted += (accepted.empty() ? "" : ", ") + std::string(kind.accepts);
    throw SourceError("mpilab cannot run '" + std::string(name) + "': it runs " + accepted);
}

void check_program_args(const ProgramSource& source, const ProgramArgs& args) {
    if (!args.overrides.empty() && source.params().empty()) {
        std::string what = source.kind() == "scenario" ? "scenario '" + source.name() + "' has no parameters"
                                                       : "a " + source.kind() + " takes no --set parameters";
        throw SourceError(what + (source.takes_argv() ? "; give the program its own arguments after `--`, "
                                                          "for example: mpilab run " + source.name() + " -- 100"
                                                    : ""));
    }
    if (!args.argv.empty() && !source.takes_argv()) {
        std::string hint = source.params().empty() ? "" : "; its parameters are set with --set NAME=VALUE "
                                                          "(`mpilab describe " + source.name() + "` lists them)";
        throw SourceError(source.kind() + " '" + source.name() + "' takes no arguments after `--`" + hint);
    }
}

std::string source_text_for(std::string_view file) {
    std::string_view embedded = scenario_source_text(file);
    if (!embedded.empty()) return std::string(embedded);
    std::error_code error;
    const std::filesystem::path path{std::string(file)};
    if (file.empty() || !std::filesystem::is_regular_file(path, error)) return {};
    // A source file, not a data file: refuse to load anything implausibly large into the viewer.
    if (std::filesystem::file_size(path, error) > (16u << 20) || error) return {};
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace mpilab
