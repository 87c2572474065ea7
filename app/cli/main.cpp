// mpilab: the command line. Dispatches the command word; every mistake on the command line or in an
// input file ends here as exit status 1 with a message on stderr that says what to do.
#include "app/cli/commands.hpp"
#include "app/cli/options.hpp"
#include "app/source/program_source.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace mpilab::cli;
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty()) {
        std::cerr << usage_text();
        return 1;
    }
    const std::string command = words.front();
    std::span<const std::string> args(words.data() + 1, words.size() - 1);
    try {
        if (command == "list") return command_list(args);
        if (command == "describe") return command_describe(args);
        if (command == "run") return command_run(args);
        if (command == "check") return command_check(args);
        if (command == "show") return command_show(args);
        if (command == "export") return command_export(args);
        if (command == "help" || command == "--help" || command == "-h") {
            std::cout << usage_text();
            return 0;
        }
        throw UsageError("unknown command '" + command + "'; the commands are list, describe, run, check, show, "
                         "export and help");
    } catch (const UsageError& e) {
        std::cerr << "mpilab: " << e.what() << "\n";
    } catch (const mpilab::SourceError& e) {
        std::cerr << "mpilab: " << e.what() << "\n";
    } catch (const mpilab::ScenarioError& e) {
        std::cerr << "mpilab: " << e.what() << "\n";
    } catch (const mpilab::ConfigError& e) {
        std::cerr << "mpilab: " << e.what() << "\n";
    }
    return 1;
}
