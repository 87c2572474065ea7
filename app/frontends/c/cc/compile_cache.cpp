// The compile cache. An entry is a folder named by the key, holding program.so (marked), headers.txt
// (one "HASH<TAB>PATH" line per user header the source included) and warnings.txt (the compiler's
// messages of a successful compile, shown again on every re-run, as ccache does).
#include "app/frontends/c/cc/compile_cache.hpp"

#include "app/frontends/c/cc/content_hash.hpp"
#include "app/frontends/c/cc/subprocess.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace mpilab::c_tools {

namespace {

constexpr std::size_t MAX_ENTRIES = 400;   // older entries are removed beyond this

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The compiler's executable as found on PATH, with its size and time: a new compiler, a new key.
std::string compiler_identity(const std::string& name) {
    std::vector<std::string> candidates;
    if (name.find('/') != std::string::npos) {
        candidates.push_back(name);
    } else if (const char* path = std::getenv("PATH")) {
        std::istringstream folders(path);
        std::string folder;
        while (std::getline(folders, folder, ':')) candidates.push_back((folder.empty() ? "." : folder) + "/" + name);
    }
    for (const std::string& candidate : candidates) {
        std::error_code error;
        const fs::path real = fs::canonical(candidate, error);
        struct stat info;
        if (error || stat(real.c_str(), &info) != 0 || !(info.st_mode & S_IXUSR)) continue;
        return real.string() + ":" + std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec);
    }
    return "";
}

// Files a make-style dependency line names ("out: a.c b.h \ c.h").
std::vector<std::string> dependency_files(const std::string& text) {
    std::vector<std::string> files;
    const auto colon = text.find(": ");
    if (colon == std::string::npos) return files;
    std::string word;
    for (std::size_t i = colon + 2; i <= text.size(); ++i) {
        const char c = i < text.size() ? text[i] : ' ';
        if (c == '\\' && i + 1 < text.size() && text[i + 1] == ' ') {
            word += ' ';
            ++i;
        } else if (c == ' ' || c == '\n' || c == '\t' || c == '\\') {
            if (!word.empty()) files.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    return files;
}

bool headers_unchanged(const fs::path& entry) {
    std::ifstream in(entry / "headers.txt");
    if (!in) return false;
    std::string line;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos) return false;
        if (ContentHash().add_file(line.substr(tab + 1)).hex() != line.substr(0, tab)) return false;
    }
    return true;
}

// Several mpilab processes (and the GUI's runs, which are threads) may compile at once: each works in a
// folder of its own, named by process, thread and a counter.
std::string unique_suffix() {
    static std::atomic<unsigned> counter{0};
    return std::to_string(getpid()) + "-" + std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()) % 100000) +
           "-" + std::to_string(counter++);
}

bool complete(const fs::path& entry) {
    std::error_code error;
    return fs::is_regular_file(entry / "program.so", error) && headers_unchanged(entry);
}

// Puts a finished compile in place as the cache entry. A complete entry another process put there
// first is kept, and used: it may be loading it at this moment, so it is never removed. A stale one (a
// header it was built with has changed) is moved aside first, in one rename, and then removed.
bool publish(const fs::path& work, const fs::path& entry, const fs::path& root, const std::string& key) {
    std::error_code error;
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (complete(entry)) {
            fs::remove_all(work, error);
            return true;
        }
        if (fs::exists(entry, error)) {
            const fs::path aside = root / (key + ".stale-" + unique_suffix());
            fs::rename(entry, aside, error);
            fs::remove_all(aside, error);
        }
        fs::rename(work, entry, error);
        if (!error) return true;
    }
    fs::remove_all(work, error);
    return complete(entry);
}

void prune(const fs::path& folder) {
    std::error_code error;
    std::vector<std::pair<fs::file_time_type, fs::path>> entries;
    for (const auto& item : fs::directory_iterator(folder, error)) {
        // Another process's compile in progress is not an entry (its leftovers, after a crash, are
        // removed once they are a day old).
        const std::string name = item.path().filename().string();
        const bool in_progress = name.find(".tmp-") != std::string::npos || name.find(".stale-") != std::string::npos;
        if (in_progress && item.last_write_time(error) > fs::file_time_type::clock::now() - std::chrono::hours(24))
            continue;
        if (item.is_directory(error)) entries.emplace_back(item.last_write_time(error), item.path());
    }
    if (entries.size() <= MAX_ENTRIES) return;
    std::sort(entries.begin(), entries.end());
    for (std::size_t i = 0; i + MAX_ENTRIES < entries.size(); ++i) fs::remove_all(entries[i].second, error);
}

}  // namespace

std::string cache_folder() {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    fs::path base = xdg && *xdg ? fs::path(xdg) : home && *home ? fs::path(home) / ".cache" : fs::temp_directory_path();
    return (base / "mpilab" / "programs").string();
}

CompiledProgram compile_program(const std::string& source, const std::string& in_folder, const Toolchain& toolchain) {
    const std::optional<Language> language = language_of(source);
    if (!language) throw CompileError(source + " is not a C or C++ source file (.c, .cpp, .cc, .cxx)");
    std::error_code error;
    const std::string folder = in_folder.empty() ? current_folder() : in_folder;
    const fs::path on_disk = fs::path(source).is_absolute() ? fs::path(source) : fs::path(folder) / source;
    if (!fs::is_regular_file(on_disk, error))
        throw CompileError("cannot read " + source + ": " + (fs::exists(on_disk, error) ? "it is not a file" : "no such file") +
                           " (check the path)");

    const std::string& compiler = toolchain.compiler(*language);
    std::vector<std::string> flags = compile_flags(toolchain, *language, true);
    if (const char* extra = std::getenv(*language == Language::C ? "MPILAB_CFLAGS" : "MPILAB_CXXFLAGS")) {
        std::istringstream words(extra);
        for (std::string w; words >> w;) flags.push_back(w);
    }
    const std::vector<std::string> link = link_flags();

    ContentHash key;
    key.add("mpilab program v1").add(compiler).add(compiler_identity(compiler)).add(folder).add(source);
    for (const std::string& f : flags) key.add(f);
    for (const std::string& f : link) key.add(f);
    key.add_file(on_disk.string());
    std::vector<fs::path> headers;
    for (const auto& item : fs::recursive_directory_iterator(toolchain.include_dir, error))
        if (item.is_regular_file(error)) headers.push_back(item.path());
    std::sort(headers.begin(), headers.end());
    for (const fs::path& h : headers) key.add(h.string()).add_file(h.string());

    const fs::path root = cache_folder();
    const fs::path entry = root / key.hex();
    if (complete(entry)) {
        fs::last_write_time(entry, fs::file_time_type::clock::now(), error);   // recently used: kept by prune()
        return CompiledProgram{(entry / "program.so").string(), read_file(entry / "warnings.txt"), true};
    }

    fs::create_directories(root, error);
    if (error)
        throw std::runtime_error("cannot create the compile cache " + root.string() + ": " + error.message() +
                                 " (set XDG_CACHE_HOME to a folder you can write to)");
    const fs::path work = root / (key.hex() + ".tmp-" + unique_suffix());
    fs::remove_all(work, error);
    fs::create_directories(work, error);
    std::vector<std::string> argv = {compiler};
    argv.insert(argv.end(), flags.begin(), flags.end());
    argv.insert(argv.end(), {"-MMD", "-MF", (work / "deps.d").string(), "-o", (work / "program.so").string(), source});
    argv.insert(argv.end(), link.begin(), link.end());
    const ProcessResult result = run_process(argv, folder);
    if (!result.started) {
        fs::remove_all(work, error);
        const std::string package = *language == Language::C ? "gcc" : "g++";
        throw std::runtime_error("mpilab needs a " + std::string(*language == Language::C ? "C" : "C++") +
                                 " compiler to run " + source + ", but `" + compiler + "` could not be started (" +
                                 result.start_error + "). Install one with: sudo apt-get install " + package);
    }
    if (!result.ok()) {
        fs::remove_all(work, error);
        std::string messages = result.err + result.out;
        if (messages.empty()) messages = compiler + " failed on " + source + " without a message\n";
        throw CompileError(messages);
    }
    const std::string marked = add_marker((work / "program.so").string(),
                                          c_runner::ProgramMarker{c_runner::PROGRAM_ABI, folder, {source}});
    if (!marked.empty()) {
        fs::remove_all(work, error);
        throw std::runtime_error(marked);
    }
    {
        std::ofstream list(work / "headers.txt");
        for (const std::string& file : dependency_files(read_file(work / "deps.d"))) {
            if (file == source || file.starts_with(toolchain.include_dir)) continue;
            const fs::path header = fs::path(file).is_absolute() ? fs::path(file) : fs::path(folder) / file;
            list << ContentHash().add_file(header.string()).hex() << "\t" << header.string() << "\n";
        }
        std::ofstream(work / "warnings.txt") << result.err;
    }
    fs::remove(work / "deps.d", error);
    if (!publish(work, entry, root, key.hex()))
        throw std::runtime_error("cannot store the compiled " + source + " in the compile cache " + root.string() +
                                 " (check that you can write there, or set XDG_CACHE_HOME to another folder)");
    prune(root);
    return CompiledProgram{(entry / "program.so").string(), result.err, false};
}

}  // namespace mpilab::c_tools
