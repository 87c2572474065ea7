// mpilab-gui: the visual debugger. Parses the command line and hands over to the app shell.
#include "app.hpp"
#include "options.hpp"

#include <cstdio>
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
    return mpilab::gui::run_app(options);
}
