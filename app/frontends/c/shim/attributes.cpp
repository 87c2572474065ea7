// Communicator attributes: the predefined ones (MPI_TAG_UB, MPI_HOST, MPI_IO, MPI_WTIME_IS_GLOBAL,
// MPI_UNIVERSE_SIZE, MPI_APPNUM, MPI_LASTUSEDCODE) and the program's own keyvals with their copy and
// delete callbacks (called on MPI_Comm_dup and MPI_Comm_free), plus the MPI-1 names of these calls.
#include "profiling.hpp"
#include "shim.hpp"

using namespace mpilab;
using namespace mpilab::cshim;

extern "C" int mpilab_comm_null_copy_fn(MPI_Comm, int, void*, void*, void*, int* flag) {
    *flag = 0;
    return MPI_SUCCESS;
}
extern "C" int mpilab_comm_dup_fn(MPI_Comm, int, void*, void* in, void* out, int* flag) {
    *static_cast<void**>(out) = in;
    *flag = 1;
    return MPI_SUCCESS;
}
extern "C" int mpilab_comm_null_delete_fn(MPI_Comm, int, void*, void*) { return MPI_SUCCESS; }

namespace {

bool predefined_keyval(int keyval) { return keyval >= MPI_TAG_UB && keyval <= MPI_WIN_MODEL; }

Keyval& user_keyval(Call& call, int keyval) {
    auto it = call.rank.keyvals.find(keyval);
    if (it == call.rank.keyvals.end())
        raise(MPI_ERR_KEYVAL, "keyval " + std::to_string(keyval) +
                                  " was not created by MPI_Comm_create_keyval on this rank (or was freed)");
    return it->second;
}

// The value of a predefined attribute: a pointer to an int that lives as long as the rank.
bool predefined_value(Call& call, int keyval, void** value) {
    static const int tag_ub = TAG_UB, host = MPI_PROC_NULL, io = MPI_ANY_SOURCE, wtime_is_global = 1, appnum = 0;
    MpiRank& r = call.rank;
    switch (keyval) {
        case MPI_TAG_UB: *value = const_cast<int*>(&tag_ub); return true;
        case MPI_HOST: *value = const_cast<int*>(&host); return true;
        case MPI_IO: *value = const_cast<int*>(&io); return true;
        case MPI_WTIME_IS_GLOBAL: *value = const_cast<int*>(&wtime_is_global); return true;
        case MPI_APPNUM: *value = const_cast<int*>(&appnum); return true;
        case MPI_UNIVERSE_SIZE:
            r.universe_size = r.world.size();
            *value = &r.universe_size;
            return true;
        case MPI_LASTUSEDCODE: *value = &r.last_error_code; return true;
        default: return false;   // the window attributes: no windows here
    }
}

void delete_one(Call& call, MPI_Comm comm, int keyval, void* value) {
    auto it = call.rank.keyvals.find(keyval);
    if (it == call.rank.keyvals.end() || !it->second.del) return;
    const int rc = it->second.del(comm, keyval, value, it->second.extra_state);
    if (rc != MPI_SUCCESS)
        raise(rc, "the delete callback of keyval " + std::to_string(keyval) + " returned error " + std::to_string(rc));
}

}  // namespace

namespace mpilab::cshim {

void copy_attributes(Call& call, MPI_Comm from, CommObject& source, CommObject& copy) {
    for (const auto& [keyval, value] : source.attributes) {
        auto it = call.rank.keyvals.find(keyval);
        if (it == call.rank.keyvals.end() || !it->second.copy) continue;
        void* out = nullptr;
        int flag = 0;
        const int rc = it->second.copy(from, keyval, it->second.extra_state, value, &out, &flag);
        if (rc != MPI_SUCCESS)
            raise(rc, "the copy callback of keyval " + std::to_string(keyval) + " returned error " + std::to_string(rc));
        if (flag) copy.attributes[keyval] = out;
    }
}

void delete_attributes(Call& call, MPI_Comm comm, CommObject& c) {
    const auto attributes = c.attributes;
    c.attributes.clear();
    for (const auto& [keyval, value] : attributes) delete_one(call, comm, keyval, value);
}

}  // namespace mpilab::cshim

int MPI_Comm_get_attr(MPI_Comm comm, int comm_keyval, void* attribute_val, int* flag) {
    return run_call("MPI_Comm_get_attr", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_out(attribute_val, "attribute_val");
        call.check_out(flag, "flag");
        auto* value = static_cast<void**>(attribute_val);
        if (predefined_keyval(comm_keyval)) {
            *flag = predefined_value(call, comm_keyval, value);
            return;
        }
        user_keyval(call, comm_keyval);
        auto it = c.attributes.find(comm_keyval);
        *flag = it != c.attributes.end();
        if (*flag) *value = it->second;
    });
}

int MPI_Comm_set_attr(MPI_Comm comm, int comm_keyval, void* attribute_val) {
    return run_call("MPI_Comm_set_attr", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        if (predefined_keyval(comm_keyval))
            raise(MPI_ERR_KEYVAL, "keyval " + std::to_string(comm_keyval) + " is predefined: it can be read, not set");
        user_keyval(call, comm_keyval);
        auto it = c.attributes.find(comm_keyval);
        if (it != c.attributes.end()) delete_one(call, comm, comm_keyval, it->second);
        c.attributes[comm_keyval] = attribute_val;
    });
}

int MPI_Comm_delete_attr(MPI_Comm comm, int comm_keyval) {
    return run_call("MPI_Comm_delete_attr", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        if (predefined_keyval(comm_keyval))
            raise(MPI_ERR_KEYVAL, "keyval " + std::to_string(comm_keyval) + " is predefined and cannot be deleted");
        user_keyval(call, comm_keyval);
        auto it = c.attributes.find(comm_keyval);
        if (it == c.attributes.end()) raise(MPI_ERR_KEYVAL, "the communicator has no attribute for this keyval");
        void* value = it->second;
        c.attributes.erase(it);
        delete_one(call, comm, comm_keyval, value);
    });
}

int MPI_Comm_create_keyval(MPI_Comm_copy_attr_function* comm_copy_attr_fn,
                           MPI_Comm_delete_attr_function* comm_delete_attr_fn, int* comm_keyval, void* extra_state) {
    return run_call("MPI_Comm_create_keyval", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(comm_keyval, "comm_keyval");
        const int keyval = call.rank.next_keyval++;
        call.rank.keyvals[keyval] = Keyval{comm_copy_attr_fn, comm_delete_attr_fn, extra_state};
        *comm_keyval = keyval;
    });
}

int MPI_Comm_free_keyval(int* comm_keyval) {
    return run_call("MPI_Comm_free_keyval", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(comm_keyval, "comm_keyval");
        if (predefined_keyval(*comm_keyval)) raise(MPI_ERR_KEYVAL, "a predefined keyval cannot be freed");
        user_keyval(call, *comm_keyval);
        call.rank.keyvals.erase(*comm_keyval);
        *comm_keyval = MPI_KEYVAL_INVALID;
    });
}

// The MPI-1 names (older textbooks use them).
int MPI_Attr_get(MPI_Comm comm, int keyval, void* attribute_val, int* flag) {
    return MPI_Comm_get_attr(comm, keyval, attribute_val, flag);
}
int MPI_Attr_put(MPI_Comm comm, int keyval, void* attribute_val) { return MPI_Comm_set_attr(comm, keyval, attribute_val); }
int MPI_Attr_delete(MPI_Comm comm, int keyval) { return MPI_Comm_delete_attr(comm, keyval); }
int MPI_Keyval_create(MPI_Copy_function* copy_fn, MPI_Delete_function* delete_fn, int* keyval, void* extra_state) {
    return MPI_Comm_create_keyval(copy_fn, delete_fn, keyval, extra_state);
}
int MPI_Keyval_free(int* keyval) { return MPI_Comm_free_keyval(keyval); }

MPILAB_PROFILING(MPI_Comm_get_attr)
MPILAB_PROFILING(MPI_Comm_set_attr)
MPILAB_PROFILING(MPI_Comm_delete_attr)
MPILAB_PROFILING(MPI_Comm_create_keyval)
MPILAB_PROFILING(MPI_Comm_free_keyval)
MPILAB_PROFILING(MPI_Attr_get)
MPILAB_PROFILING(MPI_Attr_put)
MPILAB_PROFILING(MPI_Attr_delete)
MPILAB_PROFILING(MPI_Keyval_create)
MPILAB_PROFILING(MPI_Keyval_free)
