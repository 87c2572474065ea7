// The MPI environment: MPI_Init / MPI_Finalize and the rank's life between them, MPI_Abort, the
// virtual clock (MPI_Wtime), versions and names, info objects and MPI_Alloc_mem. mpilab provides
// MPI_THREAD_FUNNELED: a rank's MPI calls come from the thread that runs its main().
#include "call.hpp"
#include "profiling.hpp"
#include "shim.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

std::string where(const Location& l) {
    return l.known() ? std::string(l.file_name()) + ":" + std::to_string(l.line()) : std::string("an unknown line");
}

int initialize(const char* name, int required, int* provided) {
    Call call(name, /*anytime=*/true);
    MpiRank& r = call.rank;
    if (r.finalized)
        r.world.fail(name, "call after MPI_Finalize",
                     std::string(name) + " was called after MPI_Finalize (at " + where(r.finalize_location) +
                         "): MPI can be initialised only once per run.",
                     call.loc);
    if (r.initialized)
        r.world.fail(name, "MPI initialised twice",
                     std::string(name) + " was called a second time (the first was at " + where(r.init_location) +
                         "): initialise MPI once, at the start of main.",
                     call.loc);
    r.initialized = true;
    r.init_location = call.loc;
    r.thread_level = std::min(required, MPI_THREAD_FUNNELED);
    if (r.thread_level < MPI_THREAD_SINGLE) r.thread_level = MPI_THREAD_SINGLE;
    if (provided) *provided = r.thread_level;
    return MPI_SUCCESS;
}

std::string host_name() {
    char name[MPI_MAX_PROCESSOR_NAME] = {};
    if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
    return name;
}

}  // namespace

int MPI_Init(int* argc, char*** argv) { return initialize("MPI_Init", MPI_THREAD_SINGLE, nullptr); }

int MPI_Init_thread(int* argc, char*** argv, int required, int* provided) {
    return initialize("MPI_Init_thread", required, provided);
}

int MPI_Finalize(void) {
    return run_call("MPI_Finalize", MPI_COMM_WORLD, [](Call& call) {
        MpiRank& r = call.rank;
        complete_buffered_sends(call, /*detaching=*/false);
        report_unfreed_objects(call);
        r.finalized = true;
        r.finalize_location = call.loc;
    });
}

int MPI_Initialized(int* flag) {
    return run_call("MPI_Initialized", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(flag, "flag");
        *flag = call.rank.initialized;
    }, /*anytime=*/true);
}

int MPI_Finalized(int* flag) {
    return run_call("MPI_Finalized", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(flag, "flag");
        *flag = call.rank.finalized;
    }, /*anytime=*/true);
}

int MPI_Abort(MPI_Comm comm, int errorcode) {
    Call call("MPI_Abort", /*anytime=*/true);
    std::string on = comm == MPI_COMM_WORLD ? "MPI_COMM_WORLD" : "a communicator";
    if (inside_user_op())   // inside a collective, with the core's lock held: the collective reports it
        throw std::runtime_error("rank " + std::to_string(call.rank.world_rank) + " called MPI_Abort(" + on + ", " +
                                 std::to_string(errorcode) + ") inside its reduction function; the run ends here");
    call.rank.world.fail("MPI_Abort", "abort",
                         "rank " + std::to_string(call.rank.world_rank) + " called MPI_Abort(" + on + ", " +
                             std::to_string(errorcode) + "): the program ended the run with error code " +
                             std::to_string(errorcode) + "; every rank was stopped.",
                         call.loc);
}

double MPI_Wtime(void) {
    MpiRank* r = current_rank();
    take_location();
    return r ? r->world.wtime() : 0.0;
}

// Virtual time is a double in seconds: it resolves far below a nanosecond at the times a run reaches.
double MPI_Wtick(void) {
    take_location();
    return 1e-9;
}

int MPIX_Compute(double seconds) {
    return run_call("MPIX_Compute", MPI_COMM_WORLD, [&](Call& call) {
        if (!(seconds >= 0) || seconds > 1e9)
            raise(MPI_ERR_ARG, "MPIX_Compute needs a number of seconds between 0 and 1e9, not " + std::to_string(seconds));
        call.rank.world.compute(seconds, call.loc);
    });
}

int MPI_Get_processor_name(char* name, int* resultlen) {
    return run_call("MPI_Get_processor_name", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(name, "name");
        call.check_out(resultlen, "resultlen");
        const std::string& configured = call.rank.hooks.processor_name;
        copy_out(configured.empty() ? host_name() : configured, name, MPI_MAX_PROCESSOR_NAME, resultlen);
    }, /*anytime=*/true);
}

int MPI_Get_version(int* version, int* subversion) {
    return run_call("MPI_Get_version", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(version, "version");
        call.check_out(subversion, "subversion");
        *version = MPI_VERSION;
        *subversion = MPI_SUBVERSION;
    }, /*anytime=*/true);
}

int MPI_Get_library_version(char* version, int* resultlen) {
    return run_call("MPI_Get_library_version", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(version, "version");
        copy_out(MPILAB_VERSION_STRING " (a simulator of MPI 3.1 for teaching: every rank is a thread, every call is traced)",
                 version, MPI_MAX_LIBRARY_VERSION_STRING, resultlen);
    }, /*anytime=*/true);
}

int MPI_Query_thread(int* provided) {
    return run_call("MPI_Query_thread", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(provided, "provided");
        *provided = call.rank.thread_level;
    });
}

int MPI_Is_thread_main(int* flag) {
    return run_call("MPI_Is_thread_main", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(flag, "flag");
        *flag = 1;   // a call from any other thread never gets here (see call.cpp)
    });
}

// The profiling control: mpilab always traces everything, so there is nothing to switch.
int MPI_Pcontrol(const int level, ...) {
    return run_call("MPI_Pcontrol", MPI_COMM_WORLD, [](Call&) {});
}

int MPI_Alloc_mem(MPI_Aint size, MPI_Info info, void* baseptr) {
    return run_call("MPI_Alloc_mem", MPI_COMM_WORLD, [&](Call& call) {
        call.info(info);
        call.check_out(baseptr, "baseptr");
        if (size < 0) raise(MPI_ERR_SIZE, "the size is " + std::to_string(size) + "; it must be 0 or more");
        void* memory = std::malloc(size > 0 ? static_cast<std::size_t>(size) : 1);
        if (!memory) raise(MPI_ERR_NO_MEM, "no memory for " + std::to_string(size) + " bytes");
        *static_cast<void**>(baseptr) = memory;
    });
}

int MPI_Free_mem(void* base) {
    return run_call("MPI_Free_mem", MPI_COMM_WORLD, [&](Call&) { std::free(base); });
}

// ---- info objects: ordered key/value pairs (mpilab reads no hints) -------------------------------

namespace {

void check_key(const char* key) {
    if (!key || !*key || std::strlen(key) > MPI_MAX_INFO_KEY)
        raise(MPI_ERR_INFO_KEY, "an info key must be a non-empty string of at most " +
                                    std::to_string(MPI_MAX_INFO_KEY) + " characters");
}

std::pair<std::string, std::string>* find_key(InfoObject& info, const char* key) {
    for (auto& entry : info.entries)
        if (entry.first == key) return &entry;
    return nullptr;
}

InfoObject& live_info(Call& call, MPI_Info info) { return *call.info(info, /*null_allowed=*/false); }

}  // namespace

int MPI_Info_create(MPI_Info* info) {
    return run_call("MPI_Info_create", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(info, "info");
        *info = call.rank.infos.add(std::make_unique<InfoObject>());
    });
}

int MPI_Info_set(MPI_Info info, const char* key, const char* value) {
    return run_call("MPI_Info_set", MPI_COMM_WORLD, [&](Call& call) {
        InfoObject& i = live_info(call, info);
        if (info == MPI_INFO_ENV) raise(MPI_ERR_INFO, "MPI_INFO_ENV cannot be changed");
        check_key(key);
        if (!value || std::strlen(value) > MPI_MAX_INFO_VAL)
            raise(MPI_ERR_INFO_VALUE, "an info value must be a string of at most " + std::to_string(MPI_MAX_INFO_VAL) +
                                          " characters");
        if (auto* entry = find_key(i, key))
            entry->second = value;
        else
            i.entries.emplace_back(key, value);
    });
}

int MPI_Info_get(MPI_Info info, const char* key, int valuelen, char* value, int* flag) {
    return run_call("MPI_Info_get", MPI_COMM_WORLD, [&](Call& call) {
        InfoObject& i = live_info(call, info);
        check_key(key);
        call.check_out(flag, "flag");
        auto* entry = find_key(i, key);
        *flag = entry != nullptr;
        if (entry) copy_out(entry->second, value, valuelen + 1, nullptr);
    });
}

int MPI_Info_get_valuelen(MPI_Info info, const char* key, int* valuelen, int* flag) {
    return run_call("MPI_Info_get_valuelen", MPI_COMM_WORLD, [&](Call& call) {
        InfoObject& i = live_info(call, info);
        check_key(key);
        call.check_out(flag, "flag");
        auto* entry = find_key(i, key);
        *flag = entry != nullptr;
        if (entry && valuelen) *valuelen = static_cast<int>(entry->second.size());
    });
}

int MPI_Info_get_nkeys(MPI_Info info, int* nkeys) {
    return run_call("MPI_Info_get_nkeys", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(nkeys, "nkeys");
        *nkeys = static_cast<int>(live_info(call, info).entries.size());
    });
}

int MPI_Info_get_nthkey(MPI_Info info, int n, char* key) {
    return run_call("MPI_Info_get_nthkey", MPI_COMM_WORLD, [&](Call& call) {
        InfoObject& i = live_info(call, info);
        if (n < 0 || n >= static_cast<int>(i.entries.size()))
            raise(MPI_ERR_ARG, "key number " + std::to_string(n) + " does not exist: the info has " +
                                   std::to_string(i.entries.size()) + " keys");
        copy_out(i.entries[static_cast<std::size_t>(n)].first, key, MPI_MAX_INFO_KEY + 1, nullptr);
    });
}

int MPI_Info_delete(MPI_Info info, const char* key) {
    return run_call("MPI_Info_delete", MPI_COMM_WORLD, [&](Call& call) {
        InfoObject& i = live_info(call, info);
        check_key(key);
        for (auto it = i.entries.begin(); it != i.entries.end(); ++it) {
            if (it->first == key) {
                i.entries.erase(it);
                return;
            }
        }
        raise(MPI_ERR_INFO_NOKEY, std::string("the info has no key \"") + key + "\"");
    });
}

int MPI_Info_dup(MPI_Info info, MPI_Info* newinfo) {
    return run_call("MPI_Info_dup", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(newinfo, "newinfo");
        *newinfo = call.rank.infos.add(std::make_unique<InfoObject>(live_info(call, info)));
    });
}

int MPI_Info_free(MPI_Info* info) {
    return run_call("MPI_Info_free", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(info, "info");
        live_info(call, *info);
        if (*info == MPI_INFO_ENV) raise(MPI_ERR_INFO, "MPI_INFO_ENV cannot be freed");
        call.rank.infos.free(*info, call.loc);
        *info = MPI_INFO_NULL;
    });
}

MPILAB_PROFILING(MPI_Init)
MPILAB_PROFILING(MPI_Init_thread)
MPILAB_PROFILING(MPI_Finalize)
MPILAB_PROFILING(MPI_Initialized)
MPILAB_PROFILING(MPI_Finalized)
MPILAB_PROFILING(MPI_Abort)
MPILAB_PROFILING(MPI_Wtime)
MPILAB_PROFILING(MPI_Wtick)
MPILAB_PROFILING(MPI_Get_processor_name)
MPILAB_PROFILING(MPI_Get_version)
MPILAB_PROFILING(MPI_Get_library_version)
MPILAB_PROFILING(MPI_Query_thread)
MPILAB_PROFILING(MPI_Is_thread_main)
MPILAB_PROFILING(MPI_Pcontrol)
MPILAB_PROFILING(MPI_Alloc_mem)
MPILAB_PROFILING(MPI_Free_mem)
MPILAB_PROFILING(MPI_Info_create)
MPILAB_PROFILING(MPI_Info_set)
MPILAB_PROFILING(MPI_Info_get)
MPILAB_PROFILING(MPI_Info_get_valuelen)
MPILAB_PROFILING(MPI_Info_get_nkeys)
MPILAB_PROFILING(MPI_Info_get_nthkey)
MPILAB_PROFILING(MPI_Info_delete)
MPILAB_PROFILING(MPI_Info_dup)
MPILAB_PROFILING(MPI_Info_free)
