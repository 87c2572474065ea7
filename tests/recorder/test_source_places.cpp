// Return addresses resolved to file:line with the program's debug info: a small C program built with -g
// records where it called a function, with its maps, as the preload library does.
#include "app/frontends/c/cc/subprocess.hpp"
#include "app/recorder/record_file.hpp"
#include "app/recorder/source_places.hpp"
#include "tests/recorder/support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace mpilab;
using namespace mpilab::recorder;

TEST_CASE("A return address in a program built with -g is resolved to the line of the call") {
    namespace fs = std::filesystem;
    const fs::path folder = fs::temp_directory_path() / ("mpilab-test-places-" + std::to_string(getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    std::ofstream(folder / "place.c") << "#include <stdio.h>\n"
                                         "#include <string.h>\n"
                                         "__attribute__((noinline)) void where(void) {\n"
                                         "    printf(\"%llu\\n\", (unsigned long long)__builtin_return_address(0));\n"
                                         "    FILE* in = fopen(\"/proc/self/maps\", \"r\");\n"
                                         "    FILE* out = fopen(\"maps\", \"w\");\n"
                                         "    char line[4096];\n"
                                         "    while (fgets(line, sizeof line, in)) fputs(line, out);\n"
                                         "    fclose(out);\n"
                                         "}\n"
                                         "int main(void) {\n"
                                         "    where();\n"
                                         "    return 0;\n"
                                         "}\n";
    const auto built = c_tools::run_process({"cc", "-g", "-O0", "-o", "place", "place.c"}, folder.string());
    if (!built.ok()) {
        MESSAGE("skipped: no C compiler");
        return;
    }
    const auto ran = c_tools::run_process({(folder / "place").string()}, folder.string());
    REQUIRE(ran.ok());
    const std::uint64_t address = std::stoull(ran.out);
    std::vector<ProcessRecord> processes(1);
    processes[0].info.size = 1;
    std::ifstream maps(folder / "maps");
    std::string line;
    // The reader's own parser, through a record file's maps beside it.
    fs::copy_file(folder / "maps", folder / "rank-0.mpilabrec.maps");
    const mpilab_record_header h = test::record_header(0, 1);
    const std::string maps_text((std::istreambuf_iterator<char>(maps)), std::istreambuf_iterator<char>());
    write_process_record((folder / "rank-0.mpilabrec").string(), h, {}, maps_text);
    processes[0] = read_process_record((folder / "rank-0.mpilabrec").string());
    SourcePlaces places(processes, folder.string());
    places.add(0, address);
    places.resolve();
    const SourcePlace place = places.place(0, address);
    CHECK(place.file == "place.c");
    CHECK(place.line == 12);
    CHECK(place.function == "main");
    fs::remove_all(folder);
}
