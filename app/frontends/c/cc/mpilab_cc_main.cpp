// mpilab-cc (and mpilab-c++): an mpicc-like wrapper, for Makefiles. It runs the system's compiler with
// the user's arguments plus mpilab's (compiler.hpp). Compiling (-c, -S, -E) gives ordinary objects;
// linking always gives a shared object, whatever -o names it (default a.out), marked as a program
// mpilab can run: `mpilab-cc -o ring ring.c && mpilab run ./ring -n 4`. `-show` prints the command
// instead of running it, as mpicc does.
#include "app/frontends/c/cc/compiler.hpp"
#include "app/frontends/c/cc/subprocess.hpp"

#include <cstring>
#include <iostream>
#include <set>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace {

using namespace mpilab::c_tools;

// Options whose value is the next argument (when not attached: "-o out", "-I dir").
const std::set<std::string> OPTIONS_WITH_VALUE = {
    "-o", "-I", "-L", "-l", "-D", "-U", "-x", "-MF", "-MT", "-MQ", "-include", "-imacros", "-isystem",
    "-idirafter", "-iquote", "-iprefix", "-Xlinker", "-Xassembler", "-Xpreprocessor", "-u", "-T", "-z", "-aux-info"};

std::string shell_quoted(const std::string& word) {
    if (!word.empty() && word.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~") == std::string::npos) return word;
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

int run_inheriting(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid;
    const int rc = posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ);
    if (rc != 0) {
        std::cerr << "mpilab-cc: cannot start the compiler `" << argv[0] << "`: " << std::strerror(rc)
                  << " (install gcc and g++, or set MPILAB_CC / MPILAB_CXX)\n";
        return 1;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 1;
}

void usage() {
    std::cout << "usage: mpilab-cc [compiler options] FILES...     (mpilab-c++ for C++)\n"
                 "Compiles and links an MPI program against mpilab's mpi.h, like mpicc: the same options as cc\n"
                 "or c++. Linking gives a shared object (whatever -o names it) that mpilab runs, one private copy\n"
                 "per rank:\n"
                 "  mpilab-cc -o ring ring.c -lm     then     mpilab run ./ring -n 4\n"
                 "  mpilab-cc -c ring.c              an object file, to link later with mpilab-cc\n"
                 "  mpilab-cc -show ...              print the compiler command instead of running it\n"
                 "The compiler is cc / c++, or MPILAB_CC / MPILAB_CXX.\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string name = std::strrchr(argv[0], '/') ? std::strrchr(argv[0], '/') + 1 : argv[0];
    if (args.empty() || args[0] == "--help" || args[0] == "-help") {
        usage();
        return args.empty() ? 1 : 0;
    }
    bool show = false, compile_only = false, has_standard = false;
    bool cxx = name.find("c++") != std::string::npos || name.find("cxx") != std::string::npos;
    std::string output;
    std::vector<std::string> passed, sources;
    bool inputs = false;   // a file to compile or link (without one, e.g. --version, nothing is linked)
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-show" || a == "--show" || a == "-showme") {
            show = true;
            continue;
        }
        passed.push_back(a);
        if (OPTIONS_WITH_VALUE.count(a) && i + 1 < args.size()) {
            if (a == "-o") output = args[i + 1];
            passed.push_back(args[++i]);
            continue;
        }
        if (a.starts_with("-o") && a.size() > 2) output = a.substr(2);
        if (a == "-c" || a == "-S" || a == "-E" || a == "-M" || a == "-MM") compile_only = true;
        if (a.starts_with("-std=")) has_standard = true;
        if (!a.starts_with("-")) {
            inputs = true;
            if (auto language = language_of(a)) {
                sources.push_back(a);
                if (*language == Language::Cxx) cxx = true;
            }
        }
    }
    const Language language = cxx ? Language::Cxx : Language::C;
    const Toolchain toolchain = default_toolchain();
    std::vector<std::string> command = {toolchain.compiler(language)};
    for (const std::string& f : compile_flags(toolchain, language, !has_standard)) command.push_back(f);
    command.insert(command.end(), passed.begin(), passed.end());
    if (!compile_only)
        for (const std::string& f : link_flags()) command.push_back(f);

    if (show) {
        for (std::size_t i = 0; i < command.size(); ++i) std::cout << (i ? " " : "") << shell_quoted(command[i]);
        std::cout << "\n";
        return 0;
    }
    const int status = run_inheriting(command);
    if (status != 0 || compile_only || !inputs) return status;
    const std::string program = output.empty() ? "a.out" : output;
    const std::string error =
        add_marker(program, mpilab::c_runner::ProgramMarker{mpilab::c_runner::PROGRAM_ABI, current_folder(), sources});
    if (!error.empty()) {
        std::cerr << "mpilab-cc: " << error << "\n";
        return 1;
    }
    return 0;
}
