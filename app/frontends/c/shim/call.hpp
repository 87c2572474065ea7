// One MPI call of the C API: where it was made (the call site mpi.h's macro recorded), which rank
// makes it, the checks of its arguments, and what happens to an error. An argument error is thrown
// as a CallError inside the call and handed to the communicator's error handler at its end:
// MPI_ERRORS_ARE_FATAL (the default) ends the run with the error explained, naming the rank, the
// call and the program's line; MPI_ERRORS_RETURN makes the call return the error code (and records a
// warning). Errors only the core can see (a message that does not fit its receive, a collective
// mismatch, a deadlock) always end the run.
#pragma once

#include "rank_state.hpp"

#include <new>
#include <stdexcept>
#include <string>

namespace mpilab::cshim {

struct CallError {
    int code;             // an MPI error class
    std::string message;  // what is wrong and what to change (without the call's name)
};
[[noreturn]] void raise(int code, std::string message);

// The error class's name ("MPI_ERR_RANK") and the short category the core reports ("invalid rank").
const char* error_class_name(int code);
const char* error_kind(int code);

// Whether the calling thread is inside a program's reduction function (MPI_Op_create), which the core
// runs inside a collective with its lock held: there, only calls that never reach the core may be
// made (ops.cpp).
bool inside_user_op();

// The call site recorded by mpilab_at() for the next call, taken (so that a call made without the
// macro reports no line rather than a stale one).
Location take_location();

class Call {
public:
    // Binds the call to the calling thread's rank, takes its call site, runs the runner's hook, and
    // (unless `anytime`) ends the run if MPI is not initialised or already finalised.
    explicit Call(const char* name, bool anytime = false);

    MpiRank& rank;
    const char* name;
    Location loc;

    // ---- handle lookups: the object, or a CallError that says what is wrong with the handle ----
    CommObject& comm(MPI_Comm handle, const char* what = "communicator");
    TypeObject& type(MPI_Datatype handle, const char* what = "datatype");
    // A datatype that may describe data: live and committed.
    const LayoutPtr& data_type(MPI_Datatype handle, const char* what = "datatype");
    GroupObject& group(MPI_Group handle, const char* what = "group");
    InfoObject* info(MPI_Info handle, bool null_allowed = true);
    void check_op(MPI_Op handle);

    // ---- argument checks ----
    void check_count(long long count, const char* what = "count");
    void check_buffer(const void* buf, long long count, MPI_Datatype type, const char* what = "buffer");
    void check_peer(const CommObject& c, int rank, bool is_source, const char* what);
    void check_tag(int tag, bool is_receive);
    void check_root(const CommObject& c, int root);
    void check_out(const void* pointer, const char* what);   // an output argument must not be NULL

    // A name for messages: "MPI_COMM_WORLD", "the communicator \"rows\"", ...
    std::string describe(MPI_Comm handle, const CommObject& c) const;
    std::string type_name(MPI_Datatype handle) const;

    // Hands an argument error to `err_comm`'s error handler (MPI_COMM_WORLD's when it is not a live
    // communicator): fatal ends the run (does not return); otherwise returns the error code.
    int fail(const CallError& error, MPI_Comm err_comm);
};

// Runs one call: `body(Call&)` does the work and throws CallError for a bad argument.
template <class Body>
int run_call(const char* name, MPI_Comm err_comm, Body&& body, bool anytime = false) {
    Call call(name, anytime);
    try {
        body(call);
        return MPI_SUCCESS;
    } catch (const CallError& e) {
        return call.fail(e, err_comm);
    } catch (const std::bad_alloc&) {
        return call.fail(CallError{MPI_ERR_NO_MEM, "out of memory: the buffers of this call do not fit in memory; "
                                                   "use smaller counts or fewer ranks"},
                         err_comm);
    } catch (const std::length_error& e) {
        return call.fail(CallError{MPI_ERR_OTHER, e.what()}, err_comm);
    }
}

// Writes a core status into an MPI_Status (unless it is MPI_STATUS_IGNORE or NULL).
void fill_status(MPI_Status* status, const Status& s);
// The empty status MPI defines (source MPI_ANY_SOURCE, tag MPI_ANY_TAG, count 0).
void empty_status(MPI_Status* status);
inline bool ignored(const MPI_Status* status) { return status == nullptr || status == MPI_STATUS_IGNORE; }

// Copies `text` into a C string argument of room `capacity` (including the terminating NUL).
void copy_out(const std::string& text, char* out, int capacity, int* length);

}  // namespace mpilab::cshim
