// Atomic replacement of a user's file (see atomic_file.hpp). The temporary is a hidden file beside the
// target, so the final rename never crosses file systems. While it exists, SIGINT, SIGTERM and SIGHUP
// (where nobody else handles them) first remove it and then end the process as they would have.
#include "atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <mutex>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mpilab {

namespace {

std::string reason(int error) { return std::strerror(error); }

[[noreturn]] void fail(std::string_view what, const std::string& path, const std::string& why) {
    throw FileWriteError("cannot write " + std::string(what) + " " + path + ": " + why);
}

// ---- removing the temporary when the process is interrupted ----
char g_temporary[PATH_MAX + 1];
volatile std::sig_atomic_t g_have_temporary = 0;
constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_temporary_and_reraise(int signal_number) {
    if (g_have_temporary) ::unlink(g_temporary);   // async-signal-safe
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

// Installs the cleanup for the lifetime of one write, on the signals that still have their default action.
class InterruptCleanup {
public:
    explicit InterruptCleanup(const std::string& temporary) {
        if (temporary.size() > PATH_MAX) return;
        std::memcpy(g_temporary, temporary.c_str(), temporary.size() + 1);
        g_have_temporary = 1;
        for (std::size_t i = 0; i < std::size(kCleanupSignals); ++i) {
            struct sigaction current {};
            installed_[i] = false;
            if (sigaction(kCleanupSignals[i], nullptr, &current) != 0 || current.sa_handler != SIG_DFL) continue;
            struct sigaction cleanup {};
            cleanup.sa_handler = remove_temporary_and_reraise;
            sigemptyset(&cleanup.sa_mask);
            installed_[i] = sigaction(kCleanupSignals[i], &cleanup, nullptr) == 0;
        }
    }
    ~InterruptCleanup() {
        for (std::size_t i = 0; i < std::size(kCleanupSignals); ++i)
            if (installed_[i]) std::signal(kCleanupSignals[i], SIG_DFL);
        g_have_temporary = 0;
    }
    InterruptCleanup(const InterruptCleanup&) = delete;
    InterruptCleanup& operator=(const InterruptCleanup&) = delete;

private:
    bool installed_[std::size(kCleanupSignals)] = {};
};

std::mutex g_write_mutex;   // one atomic write at a time: the interrupt cleanup names one temporary

bool write_all(int fd, std::string_view content, int& error) {
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = errno;
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

// The file a path finally names: symbolic links followed (a dangling one names its missing target).
std::string resolve_links(const std::string& path) {
    namespace fs = std::filesystem;
    fs::path p = path;
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(p, ec))) break;
        fs::path target = fs::read_symlink(p, ec);
        if (ec) break;
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
    return p.string();
}

std::string folder_of(const std::string& path) {
    std::string folder = std::filesystem::path(path).parent_path().string();
    return folder.empty() ? "." : folder;
}

}  // namespace

void check_writable(const std::string& path, std::string_view what) {
    if (path.empty()) throw FileWriteError("no file name was given for " + std::string(what));
    const std::string target = resolve_links(path);
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) fail(what, path, "it is a folder (give the name of a file inside it)");
        if (::access(target.c_str(), W_OK) != 0) fail(what, path, reason(errno));
        if (!S_ISREG(st.st_mode)) return;   // written in place
    } else if (errno != ENOENT) {
        fail(what, path, reason(errno));
    }
    const std::string folder = folder_of(target);
    struct stat folder_st {};
    if (::stat(folder.c_str(), &folder_st) != 0)
        fail(what, path, errno == ENOENT ? "the folder " + folder + " does not exist" : reason(errno));
    if (!S_ISDIR(folder_st.st_mode)) fail(what, path, folder + " is not a folder");
    if (::access(folder.c_str(), W_OK | X_OK) != 0) fail(what, path, "the folder " + folder + " cannot be written (" + reason(errno) + ")");
}

void write_file_atomically(const std::string& path, std::string_view content, std::string_view what) {
    if (path.empty()) throw FileWriteError("no file name was given for " + std::string(what));
    const std::string target = resolve_links(path);
    struct stat st {};
    const bool exists = ::stat(target.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) fail(what, path, "it is a folder (give the name of a file inside it)");

    if (exists && !S_ISREG(st.st_mode)) {   // a pipe or a device: nothing to replace, write through
        int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) fail(what, path, reason(errno));
        int error = 0;
        bool ok = write_all(fd, content, error);
        if (::close(fd) != 0 && ok) {
            ok = false;
            error = errno;
        }
        if (!ok) fail(what, path, reason(error));
        return;
    }

    std::lock_guard<std::mutex> guard(g_write_mutex);
    static std::atomic<unsigned> counter{0};
    const std::filesystem::path target_path = target;
    const std::string stem = target_path.filename().string();
    const std::string folder = folder_of(target);
    std::string temporary;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        temporary = (folder == "." && target_path.parent_path().empty() ? std::string() : folder + "/") + "." + stem +
                    ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
        fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) {
            if (errno == ENOENT) fail(what, path, "the folder " + folder + " does not exist");
            fail(what, path, reason(errno));
        }
    }
    if (fd < 0) fail(what, path, "no temporary file name was free in " + folder);

    InterruptCleanup cleanup(temporary);
    int error = 0;
    bool ok = true;
    if (exists && ::fchmod(fd, st.st_mode & 07777) != 0) {   // the replaced file's permissions carry over
        ok = false;
        error = errno;
    }
    ok = ok && write_all(fd, content, error);
    if (ok && ::fsync(fd) != 0) {   // on disk before the name moves: a crash never leaves an empty file
        ok = false;
        error = errno;
    }
    if (::close(fd) != 0 && ok) {
        ok = false;
        error = errno;
    }
    if (ok && ::rename(temporary.c_str(), target.c_str()) != 0) {
        ok = false;
        error = errno;
    }
    if (!ok) {
        ::unlink(temporary.c_str());
        fail(what, path, reason(error));
    }
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat sa {}, sb {};
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace mpilab
