// A C/C++ program as a program source: compile (cached), start mpilab-run once, one request per run.
#include "app/source/c_program_source.hpp"

#include "app/frontends/c/cc/compile_cache.hpp"
#include "app/frontends/c/examples/c_examples.hpp"
#include "app/frontends/c/runner/program_image.hpp"
#include "app/frontends/c/runner/runner_client.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace mpilab {

namespace {

// A C program's threads get a process's usual 8 MiB stack: textbook programs keep large arrays on it.
constexpr std::size_t C_RANK_STACK_BYTES = 8u << 20;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool starts_with_elf_magic(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    return in.read(magic, 4) && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
}

// argv[0]: the program's name as typed, without a source extension ("ring.c" -> "ring").
std::string program_name(const std::string& path, bool is_source) {
    if (!is_source) return path;
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? path : path.substr(0, dot);
}

// "did you mean ring.c?" among the C/C++ sources of the folder `path` names.
std::string suggestion_for(const std::string& path) {
    const fs::path wanted(path);
    const fs::path folder = wanted.has_parent_path() ? wanted.parent_path() : fs::path(".");
    std::vector<std::string> candidates;
    std::error_code error;
    for (const auto& item : fs::directory_iterator(folder, error)) {
        const std::string name = item.path().filename().string();
        if (c_tools::language_of(name)) candidates.push_back(name);
    }
    const std::string nearest = nearest_name(wanted.filename().string(), candidates);
    if (nearest.empty()) return "";
    return "; did you mean " + (wanted.has_parent_path() ? (folder / nearest).string() : nearest) + "?";
}

// An example program: a C program whose summary and rank count come from the corpus table.
class CExampleSource : public CProgramSource {
public:
    CExampleSource(const CExample& example, std::string folder)
        : CProgramSource(example.file, std::move(folder)), example_(example) {}
    std::string summary() const override { return example_.title + ". " + example_.summary; }
    int default_ranks() const override { return example_.ranks; }
    std::vector<std::string> watched_files() const override { return {}; }   // mpilab's own copy: nobody edits it

private:
    const CExample& example_;
};

}  // namespace

CProgramSource::CProgramSource(std::string path, std::string folder)
    : path_(std::move(path)), folder_(std::move(folder)), is_source_(c_tools::language_of(path_).has_value()) {}

std::string CProgramSource::on_disk() const {
    if (folder_.empty() || fs::path(path_).is_absolute()) return path_;
    return (fs::path(folder_) / path_).string();
}

CProgramSource::~CProgramSource() = default;

std::string CProgramSource::kind() const {
    if (!is_source_) return "built program";
    return *c_tools::language_of(path_) == c_tools::Language::C ? "C program" : "C++ program";
}

std::string CProgramSource::summary() const {
    if (is_source_)
        return "Your program " + path_ + ", compiled against mpilab's mpi.h. Every rank runs its main() with its own "
               "globals; what a rank prints appears in its lines of the output.";
    return "A program built with mpilab-cc. Every rank runs its main() with its own globals; what a rank prints "
           "appears in its lines of the output.";
}

void CProgramSource::check_ranks(int ranks) const {
    if (ranks < 1 || ranks > MAX_RANKS)
        throw SourceError(path_ + " can run on 1 to " + std::to_string(MAX_RANKS) + " ranks, not " +
                          std::to_string(ranks));
}

std::vector<SourceFile> CProgramSource::source_files() const {
    if (is_source_) return {SourceFile{path_, read_text(on_disk())}};
    std::vector<SourceFile> files;
    try {
        const c_runner::ProgramImage image = c_runner::ProgramImage::open(on_disk());
        for (const std::string& source : image.marker().sources) {
            const fs::path on_disk = fs::path(source).is_absolute() ? fs::path(source) : fs::path(image.marker().directory) / source;
            std::error_code error;
            if (fs::is_regular_file(on_disk, error)) files.push_back(SourceFile{source, read_text(on_disk)});
        }
    } catch (const std::exception&) {
        // Not loadable: prepare() says why; there is nothing to show.
    }
    return files;
}

std::vector<std::string> CProgramSource::watched_files() const { return {on_disk()}; }

void CProgramSource::prepare() { client(); }

std::string CProgramSource::compiler_warnings() const {
    std::lock_guard lock(mutex_);
    return warnings_;
}

c_runner::RunnerClient& CProgramSource::client() const {
    std::lock_guard lock(mutex_);
    if (client_) return *client_;
    if (is_source_) {
        try {
            c_tools::CompiledProgram compiled = c_tools::compile_program(path_, folder_);
            program_ = compiled.path;
            warnings_ = compiled.diagnostics;
        } catch (const c_tools::CompileError& e) {
            std::error_code error;
            if (!fs::exists(on_disk(), error)) throw SourceError(std::string(e.what()) + suggestion_for(on_disk()));
            std::string messages = e.what();
            while (!messages.empty() && messages.back() == '\n') messages.pop_back();
            throw SourceError(path_ + " did not compile; the compiler said:\n" + messages);
        } catch (const std::exception& e) {
            throw SourceError(e.what());
        }
        if (!warnings_.empty()) std::cerr << warnings_;
    } else {
        program_ = on_disk();
    }
    try {
        auto client = std::make_unique<c_runner::RunnerClient>(c_runner::default_runner_path(), program_);
        client->load(1);
        client_ = std::move(client);
    } catch (const std::exception& e) {
        std::string message = e.what();
        if (is_source_) {
            // The compiled program's cache path means nothing to a student: name the source instead.
            for (auto at = message.find(program_); at != std::string::npos; at = message.find(program_, at))
                message.replace(at, program_.size(), path_);
        }
        throw SourceError(message);
    }
    return *client_;
}

RunResult CProgramSource::run(Config config, const ProgramArgs& args) const {
    c_runner::RunnerClient& runner = client();
    config.scenario = path_;
    config.params = Value::object();
    if (config.stack_bytes == Config{}.stack_bytes) config.stack_bytes = C_RANK_STACK_BYTES;
    std::vector<std::string> argv = {program_name(path_, is_source_)};
    argv.insert(argv.end(), args.argv.begin(), args.argv.end());
    return runner.run(config, argv);
}

bool is_c_program_name(std::string_view name) {
    const std::string path(name);
    if (c_tools::language_of(path)) return true;
    std::error_code error;
    if (path.ends_with(".so")) return true;
    // A built program without the .so suffix (mpilab-cc -o ring) is named as a path (`./ring`), so a
    // bare word stays a scenario id.
    return path.find('/') != std::string::npos && fs::is_regular_file(path, error) && starts_with_elf_magic(path);
}

std::unique_ptr<ProgramSource> open_c_program(std::string_view name) {
    const std::string path(name);
    std::error_code error;
    if (!fs::exists(path, error))
        throw SourceError("there is no file " + path + suggestion_for(path) +
                          (c_tools::language_of(path) ? "" : " (check the path)"));
    if (!c_tools::language_of(path)) {
        try {
            c_runner::ProgramImage::open(path);
        } catch (const c_runner::ProgramImageError& e) {
            throw SourceError(e.what());
        }
    }
    return std::make_unique<CProgramSource>(path);
}

bool is_c_example_name(std::string_view name) { return name.starts_with(C_EXAMPLE_PREFIX); }

std::unique_ptr<ProgramSource> open_c_example(std::string_view name) {
    const CExample* example = c_example_named(name);
    if (!example) {
        std::vector<std::string> ids;
        for (const CExample& e : c_examples()) ids.push_back(e.id);
        const std::string nearest = nearest_name(name, ids);
        throw SourceError("there is no example program " + std::string(name) +
                          (nearest.empty() ? "" : "; did you mean " + nearest + "?") +
                          " Run `mpilab list` to see the examples.");
    }
    try {
        return std::make_unique<CExampleSource>(*example, materialize_c_example(*example));
    } catch (const std::runtime_error& e) {
        throw SourceError(e.what());
    }
}

}  // namespace mpilab
