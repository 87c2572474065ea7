// Loading the per-rank copies. Every copy is bound at once (RTLD_NOW): a function the program calls
// but nobody defines is reported when copy 0 is loaded, in words, instead of killing the process at the
// call; and since copies are loaded once and forked for every run, no run pays for resolving each
// function on its first call in each rank (1,024 copies load in the same 0.07 s either way; a run of
// the 1,024-rank ring got 7% faster).
#include "app/frontends/c/runner/program_copies.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dlfcn.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

namespace mpilab::c_runner {

namespace {

// The dynamic linker's message, in terms a student can act on.
std::string explain_dlopen_error(const std::string& program, const std::string& why, int rank) {
    const std::string undefined = "undefined symbol: ";
    if (auto at = why.find(undefined); at != std::string::npos) {
        std::string name = why.substr(at + undefined.size());
        if (auto end = name.find_first_of(" ,("); end != std::string::npos) name.resize(end);
        std::string text = program + " uses `" + name + "`, which neither the program, mpilab's MPI nor the C library defines. ";
        if (name.starts_with("MPI_") || name.starts_with("PMPI_"))
            text += name + " is not part of the MPI interface mpilab provides. ";
        else if (name.starts_with("ompi_") || name.starts_with("MPIR_") || name.starts_with("MPID"))
            text += "The program was compiled against another MPI's mpi.h: rebuild it with mpilab-cc. ";
        else
            text += "Check its spelling (did the compiler warn about an implicit declaration?), or link the library "
                    "that defines it (for example `mpilab-cc -o libprogram.so program.c -lNAME`). ";
        return text + "(" + why + ")";
    }
    if (why.find("static TLS") != std::string::npos)
        return "the system could not give rank " + std::to_string(rank) + " its own copy of " + program +
               "'s thread-local variables (" + why + "): compile it as position-independent code (mpilab-cc does) "
               "or run fewer ranks.";
    return "could not load rank " + std::to_string(rank) + "'s copy of " + program + ": " + why +
           (rank > 0 ? " (the system's limits for memory or open files may be reached: try fewer ranks)" : "");
}

}  // namespace

void ProgramCopies::ensure(int count) {
    // One open descriptor per copy (see load_one): raise the soft limit as far as the hard one allows.
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
        const rlim_t needed = static_cast<rlim_t>(count) + 64;
        if (files.rlim_cur < needed) {
            files.rlim_cur = std::min(needed, files.rlim_max);
            setrlimit(RLIMIT_NOFILE, &files);
        }
        if (files.rlim_cur < needed)
            throw ProgramImageError("this system lets a process open only " + std::to_string(files.rlim_cur) +
                                    " files, and each rank's copy of the program needs one: run at most " +
                                    std::to_string(files.rlim_cur > 64 ? files.rlim_cur - 64 : 0) +
                                    " ranks (or raise the limit with `ulimit -n`)");
    }
    copies_.reserve(static_cast<std::size_t>(count));
    while (size() < count) copies_.push_back(load_one(size()));
}

ProgramCopy ProgramCopies::load_one(int rank) {
    const std::string name = "mpilab-rank-" + std::to_string(rank);
    const int fd = memfd_create(name.c_str(), MFD_CLOEXEC);
    if (fd < 0)
        throw ProgramImageError("could not create rank " + std::to_string(rank) + "'s copy of " + image_.path() + ": " +
                                std::strerror(errno) + " (try fewer ranks)");
    std::string_view bytes = image_.loadable_bytes();
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) {
            const int error = errno;
            ::close(fd);
            throw ProgramImageError("could not write rank " + std::to_string(rank) + "'s copy of " + image_.path() +
                                    ": " + std::strerror(error) + " (the system may be out of memory: try fewer ranks)");
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    // The memfd stays open: the dynamic linker knows a loaded object first by its name, and a closed
    // descriptor's number (so its /proc/self/fd name) would be reused by the next copy, which would
    // then be taken for the one already loaded.
    const std::string fd_path = "/proc/self/fd/" + std::to_string(fd);
    dlerror();
    void* handle = dlopen(fd_path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        ::close(fd);
        const char* why = dlerror();
        throw ProgramImageError(explain_dlopen_error(image_.path(), why ? why : "unknown reason", rank));
    }
    ProgramCopy copy;
    copy.handle = handle;
    copy.main = reinterpret_cast<MainFunction>(dlsym(handle, "main"));
    if (!copy.main)
        throw ProgramImageError(image_.path() + " has no main function: an MPI program starts in main (int main(int "
                                                "argc, char** argv)), which every rank runs.");
    link_map* map = nullptr;
    if (dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || !map)
        throw ProgramImageError("could not locate rank " + std::to_string(rank) + "'s copy of " + image_.path());
    copy.base = map->l_addr;
    copy.text_begin = copy.base + image_.text_begin();
    copy.text_end = copy.base + image_.text_end();
    copy.fd = fd;
    if (rank > 0) share_code(copy);
    return copy;
}

namespace {

struct SegmentSearch {
    std::uintptr_t base;
    std::vector<ElfW(Phdr)> code;   // read-only PT_LOAD segments: code and constants, never relocated
    bool found = false;
    bool text_relocations = false;
};

int find_segments(dl_phdr_info* info, std::size_t, void* data) {
    auto* search = static_cast<SegmentSearch*>(data);
    if (info->dlpi_addr != search->base || search->found) return 0;
    search->found = true;
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)& h = info->dlpi_phdr[i];
        if (h.p_type == PT_LOAD && !(h.p_flags & PF_W)) search->code.push_back(h);
        if (h.p_type == PT_DYNAMIC) {
            for (auto* d = reinterpret_cast<const ElfW(Dyn)*>(info->dlpi_addr + h.p_vaddr); d->d_tag != DT_NULL; ++d)
                if (d->d_tag == DT_TEXTREL || (d->d_tag == DT_FLAGS && (d->d_un.d_val & DF_TEXTREL)))
                    search->text_relocations = true;
        }
    }
    return 1;
}

}  // namespace

void ProgramCopies::share_code(const ProgramCopy& copy) const {
    if (copies_.empty() || copies_[0].fd < 0) return;
    SegmentSearch search{copy.base, {}};
    dl_iterate_phdr(find_segments, &search);
    // Code the dynamic linker relocated differs per copy: leave it (a speed hint only, like every
    // failure below, after which the copy keeps its own pages).
    if (!search.found || search.text_relocations) return;
    const std::uintptr_t page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    for (const ElfW(Phdr)& h : search.code) {
        const std::uintptr_t skew = h.p_vaddr & (page - 1);
        if ((h.p_offset & (page - 1)) != skew) continue;
        const std::uintptr_t start = copy.base + h.p_vaddr - skew;
        const std::size_t length = (h.p_filesz + skew + page - 1) & ~(page - 1);
        const int protection = PROT_READ | ((h.p_flags & PF_X) ? PROT_EXEC : 0);
        // Mapped aside first, then moved over the copy's own pages in one step: a failure leaves them.
        void* shared = mmap(nullptr, length, protection, MAP_PRIVATE, copies_[0].fd, static_cast<off_t>(h.p_offset - skew));
        if (shared == MAP_FAILED) return;
        if (mremap(shared, length, length, MREMAP_MAYMOVE | MREMAP_FIXED, reinterpret_cast<void*>(start)) == MAP_FAILED) {
            munmap(shared, length);
            return;
        }
    }
}

int ProgramCopies::copy_holding(std::uintptr_t pc) const {
    // Called from the crash handler: reads only, allocates nothing.
    for (std::size_t i = 0; i < copies_.size(); ++i)
        if (pc >= copies_[i].text_begin && pc < copies_[i].text_end) return static_cast<int>(i);
    return -1;
}

}  // namespace mpilab::c_runner
