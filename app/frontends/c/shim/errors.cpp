// Error handlers and error codes: MPI_ERRORS_ARE_FATAL (the default), MPI_ERRORS_RETURN, handlers of
// the program's own, MPI_Error_string / MPI_Error_class and added error classes and codes. Which
// errors can be returned rather than end the run: those the C API checks before a call reaches the
// core (invalid handles, counts, ranks, tags, roots, MPI_IN_PLACE misuse, an attached buffer too
// small, ...); a message that does not fit its receive, a collective mismatch or a deadlock always
// end the run (see call.hpp).
#include "profiling.hpp"
#include "shim.hpp"

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

void check_errhandler(Call& call, MPI_Errhandler handler) {
    if (handler == MPI_ERRORS_ARE_FATAL || handler == MPI_ERRORS_RETURN) return;
    Lookup why;
    if (call.rank.errhandlers.find(handler, &why)) return;
    raise(MPI_ERR_ARG, "the error handler (" + hex_handle(handler) + ") is not a live error handler: " +
                           (why == Lookup::Freed ? std::string("it was freed") : describe_foreign_handle(handler)));
}

}  // namespace

int MPI_Comm_set_errhandler(MPI_Comm comm, MPI_Errhandler errhandler) {
    return run_call("MPI_Comm_set_errhandler", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        check_errhandler(call, errhandler);
        c.errhandler = errhandler;
    });
}

int MPI_Comm_get_errhandler(MPI_Comm comm, MPI_Errhandler* errhandler) {
    return run_call("MPI_Comm_get_errhandler", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_out(errhandler, "errhandler");
        *errhandler = c.errhandler;
    });
}

int MPI_Comm_create_errhandler(MPI_Comm_errhandler_function* comm_errhandler_fn, MPI_Errhandler* errhandler) {
    return run_call("MPI_Comm_create_errhandler", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(errhandler, "errhandler");
        if (!comm_errhandler_fn) raise(MPI_ERR_ARG, "the handler function is NULL");
        auto h = std::make_unique<ErrhandlerObject>();
        h->function = comm_errhandler_fn;
        *errhandler = call.rank.errhandlers.add(std::move(h));
    });
}

int MPI_Comm_call_errhandler(MPI_Comm comm, int errorcode) {
    return run_call("MPI_Comm_call_errhandler", comm, [&](Call& call) {
        call.comm(comm);
        raise(errorcode, "the program called the error handler with error code " + std::to_string(errorcode));
    });
}

int MPI_Errhandler_set(MPI_Comm comm, MPI_Errhandler errhandler) { return MPI_Comm_set_errhandler(comm, errhandler); }
int MPI_Errhandler_get(MPI_Comm comm, MPI_Errhandler* errhandler) { return MPI_Comm_get_errhandler(comm, errhandler); }
int MPI_Errhandler_create(MPI_Handler_function* function, MPI_Errhandler* errhandler) {
    return MPI_Comm_create_errhandler(function, errhandler);
}

int MPI_Errhandler_free(MPI_Errhandler* errhandler) {
    return run_call("MPI_Errhandler_free", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(errhandler, "errhandler");
        check_errhandler(call, *errhandler);
        if (*errhandler != MPI_ERRORS_ARE_FATAL && *errhandler != MPI_ERRORS_RETURN)
            call.rank.errhandlers.free(*errhandler, call.loc);
        *errhandler = MPI_ERRHANDLER_NULL;
    });
}

int MPI_Error_string(int errorcode, char* string, int* resultlen) {
    return run_call("MPI_Error_string", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(string, "string");
        call.check_out(resultlen, "resultlen");
        std::string text;
        auto added = call.rank.error_strings.find(errorcode);
        if (added != call.rank.error_strings.end())
            text = added->second;
        else if (errorcode >= 0 && errorcode <= MPI_T_ERR_INVALID)
            text = std::string(error_class_name(errorcode)) + ": " + error_kind(errorcode);
        else if (call.rank.error_class_of.count(errorcode))
            text = "error code " + std::to_string(errorcode) + " added by the program";
        else
            raise(MPI_ERR_ARG, "error code " + std::to_string(errorcode) + " is not an MPI error code");
        copy_out(text, string, MPI_MAX_ERROR_STRING, resultlen);
    }, /*anytime=*/true);
}

int MPI_Error_class(int errorcode, int* errorclass) {
    return run_call("MPI_Error_class", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(errorclass, "errorclass");
        if (errorcode >= 0 && errorcode <= MPI_T_ERR_INVALID) {
            *errorclass = errorcode;
            return;
        }
        auto it = call.rank.error_class_of.find(errorcode);
        if (it == call.rank.error_class_of.end())
            raise(MPI_ERR_ARG, "error code " + std::to_string(errorcode) + " is not an MPI error code");
        *errorclass = it->second;
    }, /*anytime=*/true);
}

int MPI_Add_error_class(int* errorclass) {
    return run_call("MPI_Add_error_class", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(errorclass, "errorclass");
        const int code = ++call.rank.last_error_code;
        call.rank.error_class_of[code] = code;
        *errorclass = code;
    });
}

int MPI_Add_error_code(int errorclass, int* errorcode) {
    return run_call("MPI_Add_error_code", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(errorcode, "errorcode");
        if (!call.rank.error_class_of.count(errorclass) || call.rank.error_class_of[errorclass] != errorclass)
            raise(MPI_ERR_ARG, "error class " + std::to_string(errorclass) + " was not added with MPI_Add_error_class");
        const int code = ++call.rank.last_error_code;
        call.rank.error_class_of[code] = errorclass;
        *errorcode = code;
    });
}

int MPI_Add_error_string(int errorcode, const char* string) {
    return run_call("MPI_Add_error_string", MPI_COMM_WORLD, [&](Call& call) {
        if (!string) raise(MPI_ERR_ARG, "the string is NULL");
        if (!call.rank.error_class_of.count(errorcode))
            raise(MPI_ERR_ARG, "error code " + std::to_string(errorcode) + " was not added by the program");
        call.rank.error_strings[errorcode] = string;
    });
}

MPILAB_PROFILING(MPI_Comm_set_errhandler)
MPILAB_PROFILING(MPI_Comm_get_errhandler)
MPILAB_PROFILING(MPI_Comm_create_errhandler)
MPILAB_PROFILING(MPI_Comm_call_errhandler)
MPILAB_PROFILING(MPI_Errhandler_set)
MPILAB_PROFILING(MPI_Errhandler_get)
MPILAB_PROFILING(MPI_Errhandler_create)
MPILAB_PROFILING(MPI_Errhandler_free)
MPILAB_PROFILING(MPI_Error_string)
MPILAB_PROFILING(MPI_Error_class)
MPILAB_PROFILING(MPI_Add_error_class)
MPILAB_PROFILING(MPI_Add_error_code)
MPILAB_PROFILING(MPI_Add_error_string)
