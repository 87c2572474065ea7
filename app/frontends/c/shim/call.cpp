// The call guard, the argument checks every call shares, error classes and error dispatch.
#include "call.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace mpilab::cshim {

namespace {

thread_local Location pending_location{};

struct ErrorClass {
    const char* name;
    const char* kind;
};

// In mpi.h's order (MPI 3.1, section 8.4).
constexpr std::array<ErrorClass, MPI_T_ERR_INVALID + 1> kErrorClasses{{
    {"MPI_SUCCESS", "no error"},
    {"MPI_ERR_BUFFER", "invalid buffer"},
    {"MPI_ERR_COUNT", "invalid count"},
    {"MPI_ERR_TYPE", "invalid datatype"},
    {"MPI_ERR_TAG", "invalid tag"},
    {"MPI_ERR_COMM", "invalid communicator"},
    {"MPI_ERR_RANK", "invalid rank"},
    {"MPI_ERR_REQUEST", "invalid request"},
    {"MPI_ERR_ROOT", "invalid root"},
    {"MPI_ERR_GROUP", "invalid group"},
    {"MPI_ERR_OP", "invalid op"},
    {"MPI_ERR_TOPOLOGY", "invalid topology"},
    {"MPI_ERR_DIMS", "invalid dimensions"},
    {"MPI_ERR_ARG", "invalid argument"},
    {"MPI_ERR_UNKNOWN", "unknown error"},
    {"MPI_ERR_TRUNCATE", "truncation"},
    {"MPI_ERR_OTHER", "usage error"},
    {"MPI_ERR_INTERN", "internal error"},
    {"MPI_ERR_IN_STATUS", "error in status"},
    {"MPI_ERR_PENDING", "pending request"},
    {"MPI_ERR_KEYVAL", "invalid keyval"},
    {"MPI_ERR_NO_MEM", "out of memory"},
    {"MPI_ERR_BASE", "invalid base"},
    {"MPI_ERR_INFO_KEY", "invalid info key"},
    {"MPI_ERR_INFO_VALUE", "invalid info value"},
    {"MPI_ERR_INFO_NOKEY", "no such info key"},
    {"MPI_ERR_SPAWN", "spawn error"},
    {"MPI_ERR_PORT", "invalid port"},
    {"MPI_ERR_SERVICE", "invalid service"},
    {"MPI_ERR_NAME", "invalid name"},
    {"MPI_ERR_WIN", "invalid window"},
    {"MPI_ERR_SIZE", "invalid size"},
    {"MPI_ERR_DISP", "invalid displacement"},
    {"MPI_ERR_INFO", "invalid info"},
    {"MPI_ERR_LOCKTYPE", "invalid lock type"},
    {"MPI_ERR_ASSERT", "invalid assert"},
    {"MPI_ERR_RMA_CONFLICT", "RMA conflict"},
    {"MPI_ERR_RMA_SYNC", "RMA synchronisation error"},
    {"MPI_ERR_RMA_RANGE", "RMA range error"},
    {"MPI_ERR_RMA_ATTACH", "RMA attach error"},
    {"MPI_ERR_RMA_SHARED", "RMA shared memory error"},
    {"MPI_ERR_RMA_FLAVOR", "RMA flavor error"},
    {"MPI_ERR_FILE", "invalid file"},
    {"MPI_ERR_NOT_SAME", "arguments differ between ranks"},
    {"MPI_ERR_AMODE", "invalid file access mode"},
    {"MPI_ERR_UNSUPPORTED_DATAREP", "unsupported data representation"},
    {"MPI_ERR_UNSUPPORTED_OPERATION", "not simulated"},
    {"MPI_ERR_NO_SUCH_FILE", "no such file"},
    {"MPI_ERR_FILE_EXISTS", "file exists"},
    {"MPI_ERR_BAD_FILE", "bad file name"},
    {"MPI_ERR_ACCESS", "access denied"},
    {"MPI_ERR_NO_SPACE", "no space left"},
    {"MPI_ERR_QUOTA", "quota exceeded"},
    {"MPI_ERR_READ_ONLY", "read-only file"},
    {"MPI_ERR_FILE_IN_USE", "file in use"},
    {"MPI_ERR_DUP_DATAREP", "duplicate data representation"},
    {"MPI_ERR_CONVERSION", "conversion error"},
    {"MPI_ERR_IO", "I/O error"},
    {"MPI_ERR_LASTCODE", "last error code"},
    {"MPI_T_ERR_INVALID", "invalid MPI_T call"},
}};

// The predefined datatypes as objects (the same for every rank).
const std::array<TypeObject, kPredefinedTypes>& predefined_types() {
    static const std::array<TypeObject, kPredefinedTypes> types = [] {
        std::array<TypeObject, kPredefinedTypes> all;
        for (std::uint32_t i = 0; i < kPredefinedTypes; ++i) {
            all[i].layout = predefined_layout(i);
            all[i].name = basic_type(i).name;
            all[i].committed = true;
        }
        return all;
    }();
    return types;
}

[[noreturn]] void no_rank(const char* call) {
    std::fprintf(stderr,
                 "mpilab: %s was called on a thread that is not an MPI rank. mpilab runs each rank's MPI calls on "
                 "the thread that runs its main(); calls from other threads (e.g. OpenMP threads) are not "
                 "simulated: mpilab provides MPI_THREAD_FUNNELED.\n",
                 call);
    std::abort();
}

MpiRank& bound_rank(const char* call) {
    MpiRank* r = current_rank();
    if (!r) no_rank(call);
    return *r;
}

std::string location_text(const Location& l) {
    if (!l.known()) return "an unknown line";
    return std::string(l.file_name()) + ":" + std::to_string(l.line());
}

}  // namespace

void raise(int code, std::string message) { throw CallError{code, std::move(message)}; }

const char* error_class_name(int code) {
    return code >= 0 && code < static_cast<int>(kErrorClasses.size()) ? kErrorClasses[code].name : "a user error code";
}
const char* error_kind(int code) {
    return code >= 0 && code < static_cast<int>(kErrorClasses.size()) ? kErrorClasses[code].kind : "user error";
}

Location take_location() {
    const Location l = pending_location;
    pending_location = Location{};
    return l;
}

Call::Call(const char* call_name, bool anytime)
    : rank(bound_rank(call_name)),
      name(call_name),
      loc(take_location()) {
    if (inside_user_op()) {
        // The core runs this function inside a collective, with its lock held: a call into the core
        // would wait for itself. The collective reports this exception as its error.
        if (anytime) return;
        throw std::runtime_error(std::string(name) + " was called inside a reduction function given to MPI_Op_create "
                                 "(at " + (loc.known() ? std::string(loc.file_name()) + ":" + std::to_string(loc.line())
                                                       : std::string("an unknown line")) +
                                 "); such a function may only combine its two vectors: mpilab runs it inside the "
                                 "collective, where no communication can happen");
    }
    if (rank.hooks.before_call) rank.hooks.before_call(rank.hooks.context);
    if (anytime) return;
    if (!rank.initialized)
        rank.world.fail(name, "call before MPI_Init",
                        std::string(name) + " was called before MPI_Init: call MPI_Init(&argc, &argv) (or "
                        "MPI_Init_thread) first, at the start of main.",
                        loc);
    if (rank.finalized)
        rank.world.fail(name, "call after MPI_Finalize",
                        std::string(name) + " was called after MPI_Finalize (at " +
                            location_text(rank.finalize_location) +
                            "): no MPI call may follow MPI_Finalize; move MPI_Finalize to the end of the program.",
                        loc);
}

// ---- lookups ----------------------------------------------------------------------------------

std::string Call::describe(MPI_Comm handle, const CommObject& c) const {
    if (handle == MPI_COMM_WORLD) return "MPI_COMM_WORLD";
    if (handle == MPI_COMM_SELF) return "MPI_COMM_SELF";
    if (!c.name.empty()) return "communicator \"" + c.name + "\"";
    return "the communicator created at " + location_text(c.created);
}

std::string Call::type_name(MPI_Datatype handle) const {
    const std::uint32_t index = handle_index(handle);
    if (handle_kind_bits(handle) == static_cast<std::uint32_t>(HandleKind::Datatype) && index < kPredefinedTypes)
        return basic_type(index).name;
    TypeObject* t = rank.types.find(handle);
    if (t && !t->name.empty()) return "datatype \"" + t->name + "\"";
    if (t) return "the datatype created at " + location_text(t->created);
    return "datatype " + hex_handle(handle);
}

namespace {

[[noreturn]] void bad_handle(HandleKind kind, int handle, Lookup why, const Location* freed_at, const char* what,
                             int code) {
    const std::string noun = handle_kind_noun(kind);
    switch (why) {
        case Lookup::Null:
            raise(code, std::string("the ") + what + " is the null " + noun + " handle, which names no " + noun +
                            (kind == HandleKind::Comm
                                 ? ". A rank left out of MPI_Comm_split (colour MPI_UNDEFINED), MPI_Comm_create or "
                                   "MPI_Cart_create gets MPI_COMM_NULL and must not use it: test "
                                   "`comm != MPI_COMM_NULL` first"
                                 : ""));
        case Lookup::Freed:
            raise(code, std::string("the ") + what + " was already freed" +
                            (freed_at ? " (at " + location_text(*freed_at) + ")" : std::string()) + "; a freed " +
                            noun + " must not be used again");
        default:
            raise(code, std::string("the ") + what + " (" + hex_handle(handle) + ") is not a " + noun + ": " +
                            describe_foreign_handle(handle));
    }
}

}  // namespace

CommObject& Call::comm(MPI_Comm handle, const char* what) {
    Lookup why;
    if (CommObject* c = rank.comms.find(handle, &why)) {
        if (handle == MPI_COMM_SELF && c->comm.is_null()) c->comm = rank.world.self_comm();   // made at first use
        return *c;
    }
    bad_handle(HandleKind::Comm, handle, why, rank.comms.freed_at(handle), what, MPI_ERR_COMM);
}

TypeObject& Call::type(MPI_Datatype handle, const char* what) {
    const std::uint32_t index = handle_index(handle);
    if (handle_kind_bits(handle) == static_cast<std::uint32_t>(HandleKind::Datatype) && index > 0 &&
        index < kPredefinedTypes)
        return const_cast<TypeObject&>(predefined_types()[index]);
    Lookup why;
    if (TypeObject* t = rank.types.find(handle, &why)) return *t;
    bad_handle(HandleKind::Datatype, handle, why, rank.types.freed_at(handle), what, MPI_ERR_TYPE);
}

const LayoutPtr& Call::data_type(MPI_Datatype handle, const char* what) {
    TypeObject& t = type(handle, what);
    if (!t.committed)
        raise(MPI_ERR_TYPE, type_name(handle) + " (the " + what +
                                ") was never committed: call MPI_Type_commit(&type) once after creating it and "
                                "before using it to send or receive");
    return t.layout;
}

GroupObject& Call::group(MPI_Group handle, const char* what) {
    static GroupObject empty;
    if (handle == MPI_GROUP_EMPTY) return empty;
    Lookup why;
    if (GroupObject* g = rank.groups.find(handle, &why)) return *g;
    bad_handle(HandleKind::Group, handle, why, rank.groups.freed_at(handle), what, MPI_ERR_GROUP);
}

InfoObject* Call::info(MPI_Info handle, bool null_allowed) {
    static InfoObject env;
    if (handle == MPI_INFO_NULL && null_allowed) return nullptr;
    if (handle == MPI_INFO_ENV) return &env;
    Lookup why;
    if (InfoObject* i = rank.infos.find(handle, &why)) return i;
    bad_handle(HandleKind::Info, handle, why, rank.infos.freed_at(handle), "info", MPI_ERR_INFO);
}

void Call::check_op(MPI_Op handle) {
    const std::uint32_t index = handle_index(handle);
    if (handle_kind_bits(handle) == static_cast<std::uint32_t>(HandleKind::Op) && index > 0 && index < kFirstUserOp)
        return;
    Lookup why;
    if (rank.ops.find(handle, &why)) return;
    bad_handle(HandleKind::Op, handle, why, rank.ops.freed_at(handle), "op", MPI_ERR_OP);
}

// ---- argument checks ------------------------------------------------------------------------

void Call::check_count(long long count, const char* what) {
    if (count < 0)
        raise(MPI_ERR_COUNT, std::string("the ") + what + " is " + std::to_string(count) + ", but a count must be 0 or more");
}

void Call::check_buffer(const void* buf, long long count, MPI_Datatype type, const char* what) {
    if (buf == MPI_IN_PLACE)
        raise(MPI_ERR_BUFFER, std::string("MPI_IN_PLACE was passed as the ") + what +
                                  "; it is only meaningful for the collectives that allow it");
    const std::uint32_t index = handle_index(type);
    const bool predefined = handle_kind_bits(type) == static_cast<std::uint32_t>(HandleKind::Datatype) &&
                            index < kPredefinedTypes;
    // A derived type may hold absolute addresses (MPI_Get_address) and be used with MPI_BOTTOM.
    if (buf == nullptr && count > 0 && predefined)
        raise(MPI_ERR_BUFFER, std::string("the ") + what + " is NULL but the count is " + std::to_string(count) +
                                  ": pass the address of the data (e.g. &x or an array)");
}

void Call::check_peer(const CommObject& c, int peer, bool is_source, const char* what) {
    const int size = c.comm.size();
    if ((peer >= 0 && peer < size) || peer == MPI_PROC_NULL || (is_source && peer == MPI_ANY_SOURCE)) return;
    raise(MPI_ERR_RANK, std::string("the ") + what + " is rank " + std::to_string(peer) + ", which does not exist: " +
                            "the communicator has " + std::to_string(size) + (size == 1 ? " rank" : " ranks") +
                            " (" + (size == 1 ? std::string("only rank 0") : "ranks 0.." + std::to_string(size - 1)) +
                            "). Use one of them" + (is_source ? ", MPI_ANY_SOURCE," : "") +
                            " or MPI_PROC_NULL for no " + what);
}

void Call::check_tag(int tag, bool is_receive) {
    if ((tag >= 0 && tag <= TAG_UB) || (is_receive && tag == MPI_ANY_TAG)) return;
    raise(MPI_ERR_TAG, "tag " + std::to_string(tag) + " is out of range: tags go from 0 to " + std::to_string(TAG_UB) +
                           " (the MPI_TAG_UB attribute)" +
                           (is_receive ? std::string(", or MPI_ANY_TAG for a receive")
                                       : std::string("; MPI_ANY_TAG is only for receives")));
}

void Call::check_root(const CommObject& c, int root) {
    const int size = c.comm.size();
    if (root >= 0 && root < size) return;
    raise(MPI_ERR_ROOT, "root " + std::to_string(root) + " is not a rank of the communicator, which has " +
                            std::to_string(size) + (size == 1 ? " rank" : " ranks") +
                            "; every rank must pass the same root, one of 0.." + std::to_string(size - 1));
}

void Call::check_out(const void* pointer, const char* what) {
    if (!pointer)
        raise(MPI_ERR_ARG, std::string("the ") + what + " argument is NULL: pass the address of a variable to receive it");
}

// ---- errors -----------------------------------------------------------------------------------

int Call::fail(const CallError& error, MPI_Comm err_comm) {
    CommObject* c = rank.comms.find(err_comm);
    if (!c) c = rank.comms.find(MPI_COMM_WORLD);
    const MPI_Errhandler handler = c ? c->errhandler : MPI_ERRORS_ARE_FATAL;
    std::string text = error.message;
    if (!text.empty() && text.back() != '.') text += '.';
    text += " (";
    text += error_class_name(error.code);
    text += ")";
    if (handler == MPI_ERRORS_ARE_FATAL)
        rank.world.fail(name, error_kind(error.code), std::move(text), loc);
    rank.world.warn("rank " + std::to_string(rank.world_rank) + ": " + name + " at " + location_text(loc) + " returned " +
                    error_class_name(error.code) + " to the program (error handler " +
                    (handler == MPI_ERRORS_RETURN ? "MPI_ERRORS_RETURN" : "of the program") + "): " + text);
    if (ErrhandlerObject* h = rank.errhandlers.find(handler); h && h->function) {
        MPI_Comm comm = c == rank.comms.find(err_comm) ? err_comm : MPI_COMM_WORLD;
        int code = error.code;
        h->function(&comm, &code);
    }
    return error.code;
}

// ---- statuses and strings -----------------------------------------------------------------------

void fill_status(MPI_Status* status, const Status& s) {
    if (ignored(status)) return;
    status->MPI_SOURCE = s.source;
    status->MPI_TAG = s.tag;
    status->MPI_ERROR = MPI_SUCCESS;
    status->mpilab_cancelled = s.cancelled;
    status->mpilab_bytes = s.bytes;
}

void empty_status(MPI_Status* status) {
    if (ignored(status)) return;
    status->MPI_SOURCE = MPI_ANY_SOURCE;
    status->MPI_TAG = MPI_ANY_TAG;
    status->MPI_ERROR = MPI_SUCCESS;
    status->mpilab_cancelled = 0;
    status->mpilab_bytes = 0;
}

void copy_out(const std::string& text, char* out, int capacity, int* length) {
    const int n = static_cast<int>(std::min<std::size_t>(text.size(), capacity > 0 ? capacity - 1 : 0));
    if (out && capacity > 0) {
        std::memcpy(out, text.data(), static_cast<std::size_t>(n));
        out[n] = '\0';
    }
    if (length) *length = n;
}

const char* handle_kind_noun(HandleKind kind) {
    switch (kind) {
        case HandleKind::Comm: return "communicator";
        case HandleKind::Group: return "group";
        case HandleKind::Datatype: return "datatype";
        case HandleKind::Op: return "op";
        case HandleKind::Errhandler: return "error handler";
        case HandleKind::Request: return "request";
        case HandleKind::Info: return "info";
        case HandleKind::Message: return "message";
        case HandleKind::Win: return "window";
        case HandleKind::File: return "file";
    }
    return "handle";
}

std::string describe_foreign_handle(int handle) {
    const std::uint32_t kind = handle_kind_bits(handle);
    if (kind >= static_cast<std::uint32_t>(HandleKind::Comm) && kind <= static_cast<std::uint32_t>(HandleKind::File))
        return std::string("it is a ") + handle_kind_noun(static_cast<HandleKind>(kind)) +
               " handle (are two arguments swapped?)";
    return "it is not an MPI handle at all (an uninitialised variable, or a value that is not a handle?)";
}

}  // namespace mpilab::cshim

extern "C" void mpilab_at(const char* file, int line, const char* function) {
    mpilab::cshim::pending_location = mpilab::Location(file, static_cast<std::uint32_t>(line), function);
}
