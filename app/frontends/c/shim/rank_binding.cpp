// Binding rank threads to their MpiRank, and what a runner learns when a rank ends.
#include "call.hpp"
#include "rank_state.hpp"

namespace mpilab::cshim {

namespace {

thread_local MpiRank* bound = nullptr;

std::string location_text(const Location& l) {
    return l.known() ? std::string(l.file_name()) + ":" + std::to_string(l.line()) : std::string("an unknown line");
}

}  // namespace

MpiRank::MpiRank(Comm& world_comm, RankHooks rank_hooks)
    : world(world_comm), hooks(std::move(rank_hooks)), world_rank(world_comm.rank()) {
    auto world_object = std::make_unique<CommObject>();
    world_object->comm = world;
    world_object->name = "MPI_COMM_WORLD";
    world_object->predefined = true;
    comms.set(handle_index(MPI_COMM_WORLD), std::move(world_object));
    // MPI_COMM_SELF's core communicator is made the first time the rank uses it (see communicators.cpp).
    auto self_object = std::make_unique<CommObject>();
    self_object->name = "MPI_COMM_SELF";
    self_object->predefined = true;
    comms.set(handle_index(MPI_COMM_SELF), std::move(self_object));
}

MpiRank* current_rank() { return bound; }

BorrowRank::BorrowRank(MpiRank* rank) : saved_(bound) { bound = rank; }
BorrowRank::~BorrowRank() { bound = saved_; }

void bind_rank(Comm& world, RankHooks hooks) {
    delete bound;
    bound = new MpiRank(world, std::move(hooks));
}

RankReport rank_report() {
    RankReport report;
    if (!bound) return report;
    report.initialized = bound->initialized;
    report.finalized = bound->finalized;
    report.init_location = bound->init_location;
    report.finalize_location = bound->finalize_location;
    return report;
}

RankReport unbind_rank() {
    RankReport report = rank_report();
    delete bound;
    bound = nullptr;
    return report;
}

bool rank_bound() { return bound != nullptr; }

std::string missing_finalize_warning(int world_rank, const RankReport& report, const std::string& how) {
    if (!report.initialized || report.finalized) return "";
    return "rank " + std::to_string(world_rank) + " " + how + " without calling MPI_Finalize (MPI_Init at " +
           location_text(report.init_location) +
           "); every rank must call MPI_Finalize before it ends, or a real MPI may hang or report an error.";
}

}  // namespace mpilab::cshim
