// Everything the C API keeps for one rank: its world communicator, whether MPI is initialised, and
// a table per kind of handle (communicators, datatypes, groups, ops, error handlers, infos,
// requests, matched messages), plus the attached Bsend buffer. One MpiRank per bound rank thread,
// reached through a thread-local pointer; only that thread touches it (a user reduction op may run
// on another rank's thread, and switches the pointer for the duration: see ops.cpp).
#pragma once

#include "buffered_sends.hpp"
#include "datatype_layout.hpp"
#include "handles.hpp"
#include "rank_binding.hpp"
#include "requests.hpp"

#include <mpi.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mpilab::cshim {

struct TypeObject {
    LayoutPtr layout;
    std::string name;
    bool committed = false;
    Location created{};
};

struct CartTopology {
    std::vector<int> dims;
    std::vector<int> periods;
};

struct CommObject {
    Comm comm;
    std::string name;
    const char* made_by = "";          // the call that created it ("MPI_Comm_split")
    MPI_Errhandler errhandler = MPI_ERRORS_ARE_FATAL;
    std::optional<CartTopology> cart;
    std::map<int, void*> attributes;   // by keyval
    Location created{};
    bool predefined = false;
};

struct GroupObject {
    std::vector<int> members;   // world rank of each group rank
};

struct OpObject {
    MPI_User_function* function = nullptr;
    bool commutative = true;
};

struct ErrhandlerObject {
    MPI_Comm_errhandler_function* function = nullptr;
};

struct InfoObject {
    std::vector<std::pair<std::string, std::string>> entries;   // in the order they were set
};

struct Keyval {
    MPI_Comm_copy_attr_function* copy = nullptr;
    MPI_Comm_delete_attr_function* del = nullptr;
    void* extra_state = nullptr;
};

// A message taken by MPI_Mprobe / MPI_Improbe, waiting for MPI_Mrecv / MPI_Imrecv.
struct MessageObject {
    std::vector<std::byte> data;   // the packed message
    Status status{};
    TypeKind type = TypeKind::Byte;   // its core element type
    std::uint32_t type_size = 1;
    MPI_Comm comm = MPI_COMM_NULL;
};

// The first slot a program's own objects get, per kind (below: predefined objects).
inline constexpr std::uint32_t kFirstUserComm = 3;
inline constexpr std::uint32_t kFirstUserGroup = 2;
inline constexpr std::uint32_t kFirstUserOp = 15;
inline constexpr std::uint32_t kFirstUserErrhandler = 3;
inline constexpr std::uint32_t kFirstUserInfo = 2;
inline constexpr std::uint32_t kFirstUserMessage = 2;
inline constexpr int kFirstUserKeyval = 100;

struct MpiRank {
    MpiRank(Comm& world, RankHooks hooks);

    Comm world;
    RankHooks hooks;
    int world_rank = 0;
    bool initialized = false;
    bool finalized = false;
    int thread_level = MPI_THREAD_SINGLE;
    Location init_location{}, finalize_location{};

    HandleTable<CommObject> comms{HandleKind::Comm, kFirstUserComm};
    HandleTable<TypeObject> types{HandleKind::Datatype, kPredefinedTypes};
    HandleTable<GroupObject> groups{HandleKind::Group, kFirstUserGroup};
    HandleTable<OpObject> ops{HandleKind::Op, kFirstUserOp};
    HandleTable<ErrhandlerObject> errhandlers{HandleKind::Errhandler, kFirstUserErrhandler};
    HandleTable<InfoObject> infos{HandleKind::Info, kFirstUserInfo};
    HandleTable<MessageObject> messages{HandleKind::Message, kFirstUserMessage};
    RequestTable requests;
    std::vector<FreedRequest> freed_requests;   // see MPI_Request_free
    std::size_t freed_sweep_at = 16;
    std::map<int, Keyval> keyvals;
    int next_keyval = kFirstUserKeyval;
    BufferedSends bsend;
    // Error classes and codes added with MPI_Add_error_class / _code, and their strings.
    int last_error_code = MPI_ERR_LASTCODE;
    int universe_size = 0;   // the MPI_UNIVERSE_SIZE attribute's value
    std::map<int, int> error_class_of;
    std::map<int, std::string> error_strings;
};

// The rank bound to the calling thread, or nullptr.
MpiRank* current_rank();
// Rebinds the calling thread for a moment (a user op running on another rank's thread).
class BorrowRank {
public:
    explicit BorrowRank(MpiRank* rank);
    ~BorrowRank();
    BorrowRank(const BorrowRank&) = delete;
    BorrowRank& operator=(const BorrowRank&) = delete;

private:
    MpiRank* saved_;
};

}  // namespace mpilab::cshim
