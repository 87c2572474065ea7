// Communicators: size and rank, MPI_Comm_dup / _split / _split_type / _create / _free, comparing and
// naming them, and the end-of-run check for objects never freed. Creating a communicator is the core's
// collective dup or split (MPI_Comm_create is a split: colour 0 for the group's members, ordered by
// their rank in the group), so a rank that never makes the call is a deadlock the core explains.
#include "profiling.hpp"
#include "shim.hpp"

#include <algorithm>
#include <cstring>

using namespace mpilab;
using namespace mpilab::cshim;

namespace mpilab::cshim {

MPI_Comm add_comm(Call& call, Comm core, const char* made_by) {
    if (core.is_null()) return MPI_COMM_NULL;
    auto c = std::make_unique<CommObject>();
    c->comm = core;
    c->created = call.loc;
    c->made_by = made_by;
    return call.rank.comms.add(std::move(c));
}

std::vector<int> members_of(const Comm& comm) {
    std::vector<int> members(static_cast<std::size_t>(comm.size()));
    for (int i = 0; i < comm.size(); ++i) members[i] = comm.to_world(i);
    return members;
}

namespace {

std::string where(const Location& l) {
    return l.known() ? std::string(l.file_name()) + ":" + std::to_string(l.line()) : std::string("an unknown line");
}

// "2 communicators (made by MPI_Comm_split at a.c:10, MPI_Comm_dup at a.c:12)"
template <class List>
std::string listed(const char* noun, const List& items) {
    std::string text = std::to_string(items.size()) + " " + noun + (items.size() == 1 ? "" : "s") + " (";
    for (std::size_t i = 0; i < items.size() && i < 4; ++i) text += (i ? ", " : "") + items[i];
    if (items.size() > 4) text += ", ...";
    return text + ")";
}

}  // namespace

void report_unfreed_objects(Call& call) {
    MpiRank& r = call.rank;
    std::vector<std::string> comms, types, requests;
    r.comms.for_each_user(kFirstUserComm, [&](int, CommObject& c) {
        comms.push_back(std::string(c.made_by) + " at " + where(c.created));
    });
    r.types.for_each_user(kPredefinedTypes, [&](int, TypeObject& t) { types.push_back("created at " + where(t.created)); });
    r.requests.for_each_live([&](int, RequestObject& q) {
        if (q.persistent && !q.active) requests.push_back("created at " + where(q.created));
    });
    std::vector<std::string> parts;
    if (!comms.empty()) parts.push_back(listed("communicator", comms));
    if (!types.empty()) parts.push_back(listed("datatype", types));
    if (!requests.empty()) parts.push_back(listed("persistent request", requests));
    if (parts.empty()) return;
    std::string text = "rank " + std::to_string(r.world_rank) + " reached MPI_Finalize (at " + where(call.loc) +
                       ") without freeing ";
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? (i + 1 == parts.size() ? " and " : ", ") : "") + parts[i];
    text += ": free what you create (MPI_Comm_free, MPI_Type_free, MPI_Request_free) once it is no longer needed";
    r.world.warn(std::move(text));
}

}  // namespace mpilab::cshim

int MPI_Comm_size(MPI_Comm comm, int* size) {
    return run_call("MPI_Comm_size", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_out(size, "size");
        *size = c.comm.size();
    });
}

int MPI_Comm_rank(MPI_Comm comm, int* rank) {
    return run_call("MPI_Comm_rank", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_out(rank, "rank");
        *rank = c.comm.rank();
    });
}

namespace {

int dup(const char* name, MPI_Comm comm, MPI_Info info, MPI_Comm* newcomm) {
    return run_call(name, comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.info(info);
        call.check_out(newcomm, "newcomm");
        const MPI_Comm handle = add_comm(call, c.comm.dup(call.loc), name);
        CommObject& copy = *call.rank.comms.find(handle);
        CommObject& source = *call.rank.comms.find(comm);   // the table may have grown
        copy.errhandler = source.errhandler;
        copy.cart = source.cart;
        copy_attributes(call, comm, source, copy);
        *newcomm = handle;
    });
}

}  // namespace

int MPI_Comm_dup(MPI_Comm comm, MPI_Comm* newcomm) { return dup("MPI_Comm_dup", comm, MPI_INFO_NULL, newcomm); }
int MPI_Comm_dup_with_info(MPI_Comm comm, MPI_Info info, MPI_Comm* newcomm) {
    return dup("MPI_Comm_dup_with_info", comm, info, newcomm);
}

int MPI_Comm_split(MPI_Comm comm, int color, int key, MPI_Comm* newcomm) {
    return run_call("MPI_Comm_split", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_out(newcomm, "newcomm");
        if (color < 0 && color != MPI_UNDEFINED)
            raise(MPI_ERR_ARG, "the colour is " + std::to_string(color) +
                                   "; it must be 0 or more, or MPI_UNDEFINED for a rank that joins no new communicator");
        *newcomm = add_comm(call, c.comm.split(color, key, call.loc), "MPI_Comm_split");
    });
}

int MPI_Comm_split_type(MPI_Comm comm, int split_type, int key, MPI_Info info, MPI_Comm* newcomm) {
    return run_call("MPI_Comm_split_type", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.info(info);
        call.check_out(newcomm, "newcomm");
        if (split_type != MPI_COMM_TYPE_SHARED && split_type != MPI_UNDEFINED)
            raise(MPI_ERR_ARG, "the split type is " + std::to_string(split_type) +
                                   "; MPI defines MPI_COMM_TYPE_SHARED (or MPI_UNDEFINED to join none)");
        // Every mpilab rank shares one node's memory: MPI_COMM_TYPE_SHARED groups them all.
        const int color = split_type == MPI_UNDEFINED ? MPI_UNDEFINED : 0;
        *newcomm = add_comm(call, c.comm.split(color, key, call.loc), "MPI_Comm_split_type");
    });
}

int MPI_Comm_create(MPI_Comm comm, MPI_Group group, MPI_Comm* newcomm) {
    return run_call("MPI_Comm_create", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        const GroupObject& g = call.group(group);
        call.check_out(newcomm, "newcomm");
        const std::vector<int> members = members_of(c.comm);
        for (int world : g.members)
            if (std::find(members.begin(), members.end(), world) == members.end())
                raise(MPI_ERR_GROUP, "the group holds world rank " + std::to_string(world) +
                                         ", which is not in the communicator: MPI_Comm_create needs a subgroup of "
                                         "the communicator's group (e.g. from MPI_Comm_group and MPI_Group_incl)");
        const int me = c.comm.to_world(c.comm.rank());
        const auto it = std::find(g.members.begin(), g.members.end(), me);
        const int color = it == g.members.end() ? MPI_UNDEFINED : 0;
        const int key = static_cast<int>(it - g.members.begin());
        *newcomm = add_comm(call, c.comm.split(color, key, call.loc), "MPI_Comm_create");
    });
}

int MPI_Comm_free(MPI_Comm* comm) {
    return run_call("MPI_Comm_free", comm ? *comm : MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(comm, "comm");
        CommObject& c = call.comm(*comm);
        if (*comm == MPI_COMM_WORLD || *comm == MPI_COMM_SELF)
            raise(MPI_ERR_COMM, std::string(*comm == MPI_COMM_WORLD ? "MPI_COMM_WORLD" : "MPI_COMM_SELF") +
                                    " is predefined and cannot be freed");
        delete_attributes(call, *comm, c);
        c.comm.free(call.loc);
        call.rank.comms.free(*comm, call.loc);
        *comm = MPI_COMM_NULL;
    });
}

int MPI_Comm_compare(MPI_Comm comm1, MPI_Comm comm2, int* result) {
    return run_call("MPI_Comm_compare", comm1, [&](Call& call) {
        CommObject& a = call.comm(comm1, "first communicator");
        CommObject& b = call.comm(comm2, "second communicator");
        call.check_out(result, "result");
        if (comm1 == comm2) {
            *result = MPI_IDENT;
            return;
        }
        std::vector<int> x = members_of(a.comm), y = members_of(b.comm);
        if (x == y) {
            *result = MPI_CONGRUENT;
            return;
        }
        std::sort(x.begin(), x.end());
        std::sort(y.begin(), y.end());
        *result = x == y ? MPI_SIMILAR : MPI_UNEQUAL;
    });
}

int MPI_Comm_set_name(MPI_Comm comm, const char* comm_name) {
    return run_call("MPI_Comm_set_name", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        if (!comm_name) raise(MPI_ERR_ARG, "the name is NULL");
        c.name.assign(comm_name, std::min<std::size_t>(std::strlen(comm_name), MPI_MAX_OBJECT_NAME - 1));
    });
}

int MPI_Comm_get_name(MPI_Comm comm, char* comm_name, int* resultlen) {
    return run_call("MPI_Comm_get_name", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_out(comm_name, "comm_name");
        call.check_out(resultlen, "resultlen");
        copy_out(c.name, comm_name, MPI_MAX_OBJECT_NAME, resultlen);
    });
}

int MPI_Comm_test_inter(MPI_Comm comm, int* flag) {
    return run_call("MPI_Comm_test_inter", comm, [&](Call& call) {
        call.comm(comm);
        call.check_out(flag, "flag");
        *flag = 0;   // mpilab has intracommunicators only
    });
}

int MPI_Comm_set_info(MPI_Comm comm, MPI_Info info) {
    return run_call("MPI_Comm_set_info", comm, [&](Call& call) {
        call.comm(comm);
        call.info(info);   // hints: mpilab takes none
    });
}

int MPI_Comm_get_info(MPI_Comm comm, MPI_Info* info_used) {
    return run_call("MPI_Comm_get_info", comm, [&](Call& call) {
        call.comm(comm);
        call.check_out(info_used, "info_used");
        *info_used = call.rank.infos.add(std::make_unique<InfoObject>());
    });
}

MPILAB_PROFILING(MPI_Comm_size)
MPILAB_PROFILING(MPI_Comm_rank)
MPILAB_PROFILING(MPI_Comm_dup)
MPILAB_PROFILING(MPI_Comm_dup_with_info)
MPILAB_PROFILING(MPI_Comm_split)
MPILAB_PROFILING(MPI_Comm_split_type)
MPILAB_PROFILING(MPI_Comm_create)
MPILAB_PROFILING(MPI_Comm_free)
MPILAB_PROFILING(MPI_Comm_compare)
MPILAB_PROFILING(MPI_Comm_set_name)
MPILAB_PROFILING(MPI_Comm_get_name)
MPILAB_PROFILING(MPI_Comm_test_inter)
MPILAB_PROFILING(MPI_Comm_set_info)
MPILAB_PROFILING(MPI_Comm_get_info)
