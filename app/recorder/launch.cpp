// The launcher as a child process in its own process group, watched through the record files' headers
// (see launch.hpp).
#include "app/recorder/launch.hpp"

#include "app/frontends/c/cc/subprocess.hpp"
#include "app/recorder/record_file.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <unistd.h>
#include <sys/wait.h>

namespace mpilab::recorder {

namespace fs = std::filesystem;

namespace {

std::string find_on_path(const std::string& name) {
    if (name.find('/') != std::string::npos) return name;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = dirs.find(':', start);
        const std::string dir = dirs.substr(start, end == std::string::npos ? std::string::npos : end - start);
        const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return "";
}

std::optional<MpiFlavour> flavour_of_name(const std::string& name) {
    if (name.find("mpich") != std::string::npos || name.find("hydra") != std::string::npos) return MpiFlavour::Mpich;
    if (name.find("openmpi") != std::string::npos || name.find("orterun") != std::string::npos ||
        name.find("prterun") != std::string::npos || name.find("ompi") != std::string::npos)
        return MpiFlavour::OpenMpi;
    return std::nullopt;
}

// A program linked with an MPI names its library in its dynamic section.
std::optional<MpiFlavour> flavour_of_program(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.find("libmpich.so") != std::string::npos) return MpiFlavour::Mpich;
    if (bytes.find("libmpi.so.40") != std::string::npos || bytes.find("libmpi.so") != std::string::npos) return MpiFlavour::OpenMpi;
    return std::nullopt;
}

bool is_launcher(const std::string& resolved) {
    const std::string base = fs::path(resolved).filename().string();
    return base.starts_with("mpiexec") || base.starts_with("mpirun") || base == "orterun" || base == "prterun";
}

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string flavour_name(MpiFlavour flavour) { return flavour == MpiFlavour::Mpich ? "mpich" : "openmpi"; }

std::optional<MpiFlavour> mpi_of_command(const std::vector<std::string>& command) {
    if (command.empty()) return std::nullopt;
    const std::string found = find_on_path(command[0]);
    if (found.empty()) return std::nullopt;
    std::error_code ec;
    const std::string resolved = fs::canonical(found, ec).string();
    if (ec) return std::nullopt;
    if (is_launcher(resolved) || is_launcher(found)) return flavour_of_name(fs::path(resolved).filename().string());
    return flavour_of_program(resolved);
}

std::string preload_library(MpiFlavour flavour) {
    const char* dir = std::getenv("MPILAB_RECORD_LIB_DIR");
    const std::string folder = dir && *dir ? std::string(dir) : c_tools::executable_folder() + "/../lib";
    const std::string path = folder + "/libmpilab-record-" + flavour_name(flavour) + ".so";
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw LaunchError("the recorder for " + std::string(flavour == MpiFlavour::Mpich ? "MPICH" : "Open MPI") + " (" + path +
                          ") is not there: it is built when that MPI's development files are installed (" +
                          (flavour == MpiFlavour::Mpich ? "libmpich-dev" : "libopenmpi-dev") + ")");
    return fs::canonical(path, ec).string();
}

std::vector<std::string> preloaded_command(const std::vector<std::string>& command, MpiFlavour flavour, const std::string& library) {
    std::vector<std::string> out;
    const std::string found = find_on_path(command.empty() ? "" : command[0]);
    std::error_code ec;
    const bool launcher = !found.empty() && (is_launcher(fs::canonical(found, ec).string()) || is_launcher(found));
    if (!launcher) return command;   // a program started directly: LD_PRELOAD in its environment does it
    out.push_back(command[0]);
    if (flavour == MpiFlavour::Mpich) {
        out.insert(out.end(), {"-genv", "LD_PRELOAD", library});
    } else {
        out.insert(out.end(), {"-x", "LD_PRELOAD=" + library, "-x", "MPILAB_RECORD_DIR"});
        for (const char* name : {"MPILAB_RECORD_TEST_CLOCK", "MPILAB_RECORD_MAX_RECORDS"})
            if (std::getenv(name)) out.insert(out.end(), {"-x", name});
    }
    out.insert(out.end(), command.begin() + 1, command.end());
    return out;
}

LaunchResult launch(const LaunchOptions& o) {
    if (o.command.empty()) throw LaunchError("there is no command to record");
    const MpiFlavour flavour = o.mpi ? *o.mpi : [&] {
        auto found = mpi_of_command(o.command);
        if (!found)
            throw LaunchError("cannot tell which MPI '" + o.command[0] + "' starts: name MPICH's or Open MPI's launcher "
                              "(mpiexec.mpich, mpiexec.openmpi), or say --mpi mpich or --mpi openmpi");
        return *found;
    }();
    const std::string library = preload_library(flavour);
    const std::vector<std::string> command = preloaded_command(o.command, flavour, library);
    const bool direct = command.size() == o.command.size() && command == o.command;

    std::vector<char*> argv;
    for (const std::string& a : command) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const double start = now_seconds();
    const pid_t child = fork();
    if (child < 0) throw LaunchError(std::string("cannot start the launcher: ") + std::strerror(errno));
    if (child == 0) {
        setpgid(0, 0);
        setenv("MPILAB_RECORD_DIR", o.folder.c_str(), 1);
        if (direct) setenv("LD_PRELOAD", library.c_str(), 1);
        execvp(argv[0], argv.data());
        std::fprintf(stderr, "mpilab record: cannot run %s: %s\n", argv[0], std::strerror(errno));
        _exit(127);
    }
    setpgid(child, child);

    LaunchResult result;
    std::map<std::string, std::uint64_t> progress;
    double last_progress = now_seconds();
    int status = 0;
    for (;;) {
        const pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (o.hang_timeout <= 0) continue;
        // Progress: any header that changed. Blocked: every process inside a call or finished.
        bool changed = false, all_blocked = true;
        int size = -1, files = 0;
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(o.folder, ec)) {
            const std::string path = entry.path().string();
            if (!path.ends_with(".mpilabrec")) continue;
            auto info = read_process_info(path);
            if (!info) continue;
            ++files;
            size = info->size;
            const std::uint64_t mark = info->progress * 8 + static_cast<std::uint64_t>(info->state);
            auto [it, inserted] = progress.emplace(path, mark);
            if (inserted || it->second != mark) changed = true;
            it->second = mark;
            if (info->state == REC_STATE_RUNNING && !info->in_call) all_blocked = false;
        }
        const double now = now_seconds();
        if (changed || files == 0 || files < size) last_progress = now;
        if (all_blocked && files > 0 && files == size && now - last_progress >= o.hang_timeout) {
            result.hung = true;
            // The launcher tears its job down on SIGTERM; whatever is left after a grace period is killed.
            kill(-child, SIGTERM);
            for (int i = 0; i < 60 && waitpid(child, &status, WNOHANG) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
            char host[256] = "";
            gethostname(host, sizeof host - 1);
            for (const auto& entry : fs::directory_iterator(o.folder, ec)) {
                auto info = read_process_info(entry.path().string());
                if (info && info->host == host && info->pid > 0 && info->state == REC_STATE_RUNNING) kill(info->pid, SIGKILL);
            }
            kill(-child, SIGKILL);
            waitpid(child, &status, 0);
            break;
        }
    }
    result.wall_seconds = now_seconds() - start;
    if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    return result;
}

}  // namespace mpilab::recorder
