// Atomic replacement of user files: the old content survives until the new one is complete, a
// failure leaves no temporary behind, and the checks made before a run name what is wrong.
#include "core/atomic_file.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace mpilab;

namespace {

// A fresh empty folder, removed with everything in it at the end of the test.
struct TempFolder {
    fs::path path;
    TempFolder() {
        char name[] = "/tmp/mpilab-atomic-XXXXXX";
        path = ::mkdtemp(name);
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
    std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator())); }
};

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_plain(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("a replaced file is a new file: a hard link to the old one keeps the old content") {
    TempFolder dir;
    write_plain(dir / "trace.json", "old content");
    REQUIRE(::link((dir / "trace.json").c_str(), (dir / "backup.json").c_str()) == 0);
    write_file_atomically(dir / "trace.json", "new content", "the trace file");
    CHECK(read(dir / "trace.json") == "new content");
    CHECK(read(dir / "backup.json") == "old content");
    CHECK(dir.entries() == 2);   // no temporary left behind
}

TEST_CASE("a new file is created with the content and nothing else appears in its folder") {
    TempFolder dir;
    write_file_atomically(dir / "out.json", std::string(1 << 20, 'x'));
    CHECK(read(dir / "out.json").size() == (1u << 20));
    CHECK(dir.entries() == 1);
}

TEST_CASE("a replaced file keeps its permissions") {
    TempFolder dir;
    write_plain(dir / "shared.json", "old");
    REQUIRE(::chmod((dir / "shared.json").c_str(), 0640) == 0);
    write_file_atomically(dir / "shared.json", "new");
    struct stat st {};
    REQUIRE(::stat((dir / "shared.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
}

TEST_CASE("a symbolic link keeps pointing at its target, whose content is replaced") {
    TempFolder dir;
    write_plain(dir / "real.json", "old");
    fs::create_symlink(dir / "real.json", dir / "link.json");
    write_file_atomically(dir / "link.json", "new");
    CHECK(fs::is_symlink(dir / "link.json"));
    CHECK(read(dir / "real.json") == "new");
}

TEST_CASE("writing into a folder that does not exist fails, names the folder and leaves nothing") {
    TempFolder dir;
    const std::string path = dir / "missing/out.json";
    CHECK_THROWS_WITH_AS(write_file_atomically(path, "x", "the trace file"),
                         doctest::Contains(("the folder " + (dir / "missing") + " does not exist").c_str()), FileWriteError);
    CHECK(dir.entries() == 0);
}

TEST_CASE("a folder is never replaced by a file") {
    TempFolder dir;
    fs::create_directory(dir / "sub");
    CHECK_THROWS_WITH_AS(write_file_atomically(dir / "sub", "x"), doctest::Contains("it is a folder"), FileWriteError);
    CHECK(fs::is_directory(dir / "sub"));
}

TEST_CASE("a device is written in place, and a full one is an error that names the file") {
    write_file_atomically("/dev/null", "discarded");   // no rename over a device
    CHECK_THROWS_WITH_AS(write_file_atomically("/dev/full", "x", "the trace file"),
                         doctest::Contains("cannot write the trace file /dev/full"), FileWriteError);
}

TEST_CASE("the check before a run refuses an empty name, a missing folder and a folder") {
    TempFolder dir;
    CHECK_THROWS_WITH_AS(check_writable("", "the trace file"), doctest::Contains("no file name was given for the trace file"),
                         FileWriteError);
    CHECK_THROWS_WITH_AS(check_writable(dir / "no/such/x.json"), doctest::Contains("does not exist"), FileWriteError);
    CHECK_THROWS_WITH_AS(check_writable(dir.path.string()), doctest::Contains("it is a folder"), FileWriteError);
    CHECK_NOTHROW(check_writable(dir / "new.json"));
    CHECK(dir.entries() == 0);   // checking creates nothing
}

TEST_CASE("same_file sees one file behind two spellings and a hard link") {
    TempFolder dir;
    write_plain(dir / "a.json", "x");
    REQUIRE(::link((dir / "a.json").c_str(), (dir / "b.json").c_str()) == 0);
    CHECK(same_file(dir / "a.json", dir.path.string() + "/./a.json"));
    CHECK(same_file(dir / "a.json", dir / "b.json"));
    CHECK_FALSE(same_file(dir / "a.json", dir / "missing.json"));
}
