// mpilab-gui: the visual debugger. Parses the command line and hands over to the app shell.
#include "app.hpp"
#include "options.hpp"

#include <cstdio>
#include <new>
#include <stdexcept>

int main(int argc, char** argv) {
    mpilab::gui::GuiOptions options;
    try {
        options = mpilab::gui::parse_options(argc, argv);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "mpilab-gui: %s\n%s", e.what(), mpilab::gui::usage_text());
        return 1;
    }
    if (options.help) {
        std::fputs(mpilab::gui::usage_text(), stdout);
        return 0;
    }
    // Anything that escapes the app is reported with what to do, never as an abort.
    try {
        return mpilab::gui::run_app(options);
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "mpilab-gui: out of memory: the trace or run is too large for this machine; try fewer "
                             "ranks or messages, or `mpilab run` without the GUI.\n");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "mpilab-gui: %s\n", e.what());
    }
    return 1;
}
