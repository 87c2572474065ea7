// mpilab-run: the process a C or C++ program runs in, so that its crash can never take the CLI or the
// GUI down. Started by the client (runner_client.hpp) as `mpilab-run --serve PROGRAM` with its control
// socket on descriptor 3; it loads the program's per-rank copies and serves run requests (zygote.hpp).
#include "app/frontends/c/runner/program_copies.hpp"
#include "app/frontends/c/runner/rank_program.hpp"
#include "app/frontends/c/runner/zygote.hpp"

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    using namespace mpilab::c_runner;
    const std::string usage =
        "usage: mpilab-run --serve PROGRAM\n"
        "mpilab-run is started by mpilab and mpilab-gui to run a C or C++ program in a process of its own,\n"
        "with a control socket on descriptor 3. To run a program yourself: mpilab run PROGRAM -n RANKS\n";
    if (argc != 3 || std::string(argv[1]) != "--serve") {
        std::cerr << usage;
        return 1;
    }
    try {
        // The path as the client gave it (relative to the folder both run in): messages name it so.
        ProgramCopies copies(ProgramImage::open(argv[2]));
        return serve(3, copies, linked_mpi_binding());
    } catch (const std::exception& e) {
        std::cerr << "mpilab-run: " << e.what() << "\n";
        return 1;
    }
}
