// mpilab: the command line. Dispatches the command word; every mistake on the command line or in an
// input file ends here as exit status 1 with a message on stderr that says what to do.
#include "app/cli/commands.hpp"
#include "app/cli/options.hpp"
#include "app/source/program_source.hpp"
#include "core/terminal_text.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>
#include <string>
#include <vector>

namespace {

int run_command(const std::vector<std::string>& words) {
    using namespace mpilab::cli;
    const std::string command = words.front();
    std::span<const std::string> args(words.data() + 1, words.size() - 1);
    try {
        // `mpilab run --help` asks for the usage, as `mpilab help` does (words after `--` are the program's).
        for (const std::string& word : args) {
            if (word == "--") break;
            if (command != "help" && (word == "--help" || word == "-h")) {
                std::cout << usage_text();
                return 0;
            }
        }
        if (command == "list") return command_list(args);
        if (command == "describe") return command_describe(args);
        if (command == "run") return command_run(args);
        if (command == "check") return command_check(args);
        if (command == "show") return command_show(args);
        if (command == "export") return command_export(args);
        if (command == "record") return command_record(args);
        if (command == "compare") return command_compare(args);
        if (command == "help" || command == "--help" || command == "-h") {
            std::cout << usage_text();
            return 0;
        }
        throw UsageError("unknown command '" + command + "'; the commands are list, describe, run, check, show, "
                         "export, record, compare and help");
    } catch (const UsageError& e) {
        std::cerr << "mpilab: " << mpilab::terminal_safe(e.what()) << "\n";
    } catch (const mpilab::SourceError& e) {
        std::cerr << "mpilab: " << mpilab::terminal_safe(e.what()) << "\n";
    } catch (const mpilab::ScenarioError& e) {
        std::cerr << "mpilab: " << mpilab::terminal_safe(e.what()) << "\n";
    } catch (const mpilab::ConfigError& e) {
        std::cerr << "mpilab: " << mpilab::terminal_safe(e.what()) << "\n";
    } catch (const std::bad_alloc&) {   // outside a run (a run reports it as its outcome): loading a huge trace
        std::cerr << "mpilab: out of memory: the system refused more memory; use a smaller trace, or lower -n or "
                     "the message size\n";
    }
    return 1;
}

// The report is only delivered once standard output has taken all of it: a full disk or a closed pipe
// is an error with a non-zero status, as for the standard tools, not a silent success.
int check_standard_output(int status) {
    std::cout.flush();
    errno = 0;
    const bool failed = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
    if (!failed) return status;
    const int error = errno;
    std::cerr << "mpilab: cannot write to standard output"
              << (error ? std::string(": ") + std::strerror(error) : std::string()) << "\n";
    return status == 0 ? 1 : status;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty()) {
        std::cerr << mpilab::cli::usage_text();
        return 1;
    }
    return check_standard_output(run_command(words));
}
