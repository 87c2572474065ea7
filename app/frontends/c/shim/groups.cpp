// Groups: ordered sets of ranks, kept as the world ranks of their members. A group is local to its
// rank (no communication); MPI_Comm_create turns one into a communicator.
#include "profiling.hpp"
#include "shim.hpp"

#include <algorithm>

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

MPI_Group add_group(Call& call, std::vector<int> members) {
    if (members.empty()) return MPI_GROUP_EMPTY;
    auto g = std::make_unique<GroupObject>();
    g->members = std::move(members);
    return call.rank.groups.add(std::move(g));
}

int rank_in(const GroupObject& g, int world) {
    const auto it = std::find(g.members.begin(), g.members.end(), world);
    return it == g.members.end() ? MPI_UNDEFINED : static_cast<int>(it - g.members.begin());
}

void check_rank_list(const GroupObject& g, int n, const int* ranks) {
    if (n < 0) raise(MPI_ERR_ARG, "the number of ranks is " + std::to_string(n) + "; it must be 0 or more");
    if (n > 0 && !ranks) raise(MPI_ERR_ARG, "the array of ranks is NULL");
    std::vector<bool> seen(g.members.size(), false);
    for (int i = 0; i < n; ++i) {
        if (ranks[i] < 0 || ranks[i] >= static_cast<int>(g.members.size()))
            raise(MPI_ERR_RANK, "rank " + std::to_string(ranks[i]) + " (entry " + std::to_string(i) +
                                    ") is not in the group, which has " + std::to_string(g.members.size()) + " ranks");
        if (seen[ranks[i]]) raise(MPI_ERR_RANK, "rank " + std::to_string(ranks[i]) + " appears twice in the list");
        seen[ranks[i]] = true;
    }
}

// The ranks a list of (first, last, stride) triples names, in order.
std::vector<int> expand_ranges(const GroupObject& g, int n, int ranges[][3]) {
    if (n < 0) raise(MPI_ERR_ARG, "the number of ranges is " + std::to_string(n) + "; it must be 0 or more");
    std::vector<int> ranks;
    for (int i = 0; i < n; ++i) {
        const int first = ranges[i][0], last = ranges[i][1], stride = ranges[i][2];
        if (stride == 0) raise(MPI_ERR_ARG, "range " + std::to_string(i) + " has stride 0");
        for (int r = first; stride > 0 ? r <= last : r >= last; r += stride) ranks.push_back(r);
    }
    check_rank_list(g, static_cast<int>(ranks.size()), ranks.data());
    return ranks;
}

std::vector<int> excluded(const GroupObject& g, const std::vector<int>& out) {
    std::vector<bool> drop(g.members.size(), false);
    for (int r : out) drop[r] = true;
    std::vector<int> kept;
    for (std::size_t i = 0; i < g.members.size(); ++i)
        if (!drop[i]) kept.push_back(g.members[i]);
    return kept;
}

}  // namespace

int MPI_Comm_group(MPI_Comm comm, MPI_Group* group) {
    return run_call("MPI_Comm_group", comm, [&](Call& call) {
        CommObject& c = call.comm(comm);
        call.check_out(group, "group");
        *group = add_group(call, members_of(c.comm));
    });
}

int MPI_Group_size(MPI_Group group, int* size) {
    return run_call("MPI_Group_size", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(size, "size");
        *size = static_cast<int>(call.group(group).members.size());
    });
}

int MPI_Group_rank(MPI_Group group, int* rank) {
    return run_call("MPI_Group_rank", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(rank, "rank");
        *rank = rank_in(call.group(group), call.rank.world_rank);
    });
}

int MPI_Group_incl(MPI_Group group, int n, const int ranks[], MPI_Group* newgroup) {
    return run_call("MPI_Group_incl", MPI_COMM_WORLD, [&](Call& call) {
        const GroupObject& g = call.group(group);
        call.check_out(newgroup, "newgroup");
        check_rank_list(g, n, ranks);
        std::vector<int> members;
        for (int i = 0; i < n; ++i) members.push_back(g.members[ranks[i]]);
        *newgroup = add_group(call, std::move(members));
    });
}

int MPI_Group_excl(MPI_Group group, int n, const int ranks[], MPI_Group* newgroup) {
    return run_call("MPI_Group_excl", MPI_COMM_WORLD, [&](Call& call) {
        const GroupObject& g = call.group(group);
        call.check_out(newgroup, "newgroup");
        check_rank_list(g, n, ranks);
        *newgroup = add_group(call, excluded(g, std::vector<int>(ranks, ranks + n)));
    });
}

int MPI_Group_range_incl(MPI_Group group, int n, int ranges[][3], MPI_Group* newgroup) {
    return run_call("MPI_Group_range_incl", MPI_COMM_WORLD, [&](Call& call) {
        const GroupObject& g = call.group(group);
        call.check_out(newgroup, "newgroup");
        std::vector<int> members;
        for (int r : expand_ranges(g, n, ranges)) members.push_back(g.members[r]);
        *newgroup = add_group(call, std::move(members));
    });
}

int MPI_Group_range_excl(MPI_Group group, int n, int ranges[][3], MPI_Group* newgroup) {
    return run_call("MPI_Group_range_excl", MPI_COMM_WORLD, [&](Call& call) {
        const GroupObject& g = call.group(group);
        call.check_out(newgroup, "newgroup");
        *newgroup = add_group(call, excluded(g, expand_ranges(g, n, ranges)));
    });
}

int MPI_Group_translate_ranks(MPI_Group group1, int n, const int ranks1[], MPI_Group group2, int ranks2[]) {
    return run_call("MPI_Group_translate_ranks", MPI_COMM_WORLD, [&](Call& call) {
        const GroupObject& a = call.group(group1, "first group");
        const GroupObject& b = call.group(group2, "second group");
        if (n < 0) raise(MPI_ERR_ARG, "the number of ranks is " + std::to_string(n));
        if (n > 0 && (!ranks1 || !ranks2)) raise(MPI_ERR_ARG, "an array of ranks is NULL");
        for (int i = 0; i < n; ++i) {
            if (ranks1[i] == MPI_PROC_NULL) {
                ranks2[i] = MPI_PROC_NULL;
                continue;
            }
            if (ranks1[i] < 0 || ranks1[i] >= static_cast<int>(a.members.size()))
                raise(MPI_ERR_RANK, "rank " + std::to_string(ranks1[i]) + " is not in the first group, which has " +
                                        std::to_string(a.members.size()) + " ranks");
            ranks2[i] = rank_in(b, a.members[ranks1[i]]);
        }
    });
}

int MPI_Group_compare(MPI_Group group1, MPI_Group group2, int* result) {
    return run_call("MPI_Group_compare", MPI_COMM_WORLD, [&](Call& call) {
        std::vector<int> a = call.group(group1, "first group").members, b = call.group(group2, "second group").members;
        call.check_out(result, "result");
        if (a == b) {
            *result = MPI_IDENT;
            return;
        }
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        *result = a == b ? MPI_SIMILAR : MPI_UNEQUAL;
    });
}

// Union: the first group's ranks, then the second's not in the first. Intersection and difference
// keep the first group's order.
int MPI_Group_union(MPI_Group group1, MPI_Group group2, MPI_Group* newgroup) {
    return run_call("MPI_Group_union", MPI_COMM_WORLD, [&](Call& call) {
        const GroupObject& a = call.group(group1, "first group");
        const GroupObject& b = call.group(group2, "second group");
        call.check_out(newgroup, "newgroup");
        std::vector<int> members = a.members;
        for (int w : b.members)
            if (rank_in(a, w) == MPI_UNDEFINED) members.push_back(w);
        *newgroup = add_group(call, std::move(members));
    });
}

namespace {

// The first group's ranks that are (or are not) in the second group, in the first group's order.
int filtered(const char* name, MPI_Group group1, MPI_Group group2, bool in_second, MPI_Group* newgroup) {
    return run_call(name, MPI_COMM_WORLD, [&](Call& call) {
        const GroupObject& a = call.group(group1, "first group");
        const GroupObject& b = call.group(group2, "second group");
        call.check_out(newgroup, "newgroup");
        std::vector<int> members;
        for (int w : a.members)
            if ((rank_in(b, w) != MPI_UNDEFINED) == in_second) members.push_back(w);
        *newgroup = add_group(call, std::move(members));
    });
}

}  // namespace

int MPI_Group_intersection(MPI_Group group1, MPI_Group group2, MPI_Group* newgroup) {
    return filtered("MPI_Group_intersection", group1, group2, true, newgroup);
}

int MPI_Group_difference(MPI_Group group1, MPI_Group group2, MPI_Group* newgroup) {
    return filtered("MPI_Group_difference", group1, group2, false, newgroup);
}

int MPI_Group_free(MPI_Group* group) {
    return run_call("MPI_Group_free", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(group, "group");
        call.group(*group);
        if (*group != MPI_GROUP_EMPTY) call.rank.groups.free(*group, call.loc);
        *group = MPI_GROUP_NULL;
    });
}

MPILAB_PROFILING(MPI_Comm_group)
MPILAB_PROFILING(MPI_Group_size)
MPILAB_PROFILING(MPI_Group_rank)
MPILAB_PROFILING(MPI_Group_incl)
MPILAB_PROFILING(MPI_Group_excl)
MPILAB_PROFILING(MPI_Group_range_incl)
MPILAB_PROFILING(MPI_Group_range_excl)
MPILAB_PROFILING(MPI_Group_translate_ranks)
MPILAB_PROFILING(MPI_Group_compare)
MPILAB_PROFILING(MPI_Group_union)
MPILAB_PROFILING(MPI_Group_intersection)
MPILAB_PROFILING(MPI_Group_difference)
MPILAB_PROFILING(MPI_Group_free)
