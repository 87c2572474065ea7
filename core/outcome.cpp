// The outcome of a run whose ranks all returned: completed, with warnings for what a correct MPI
// program must not leave behind — or a deadlock if a collective was called by only some ranks.
#include "deadlock.hpp"
#include "engine.hpp"

#include <sstream>

namespace mpilab {

void Engine::finish_outcome_checks() {
    Outcome& outcome = trace_.outcome;
    DeadlockAnalysis analysis(*this);

    // A collective that only some ranks called: the others never arrived, so it can never complete
    // everywhere, even if the callers returned (their messages wait unreceived).
    std::ostringstream partial;
    DeadlockInfo info;
    for (std::size_t c = 0; c < comms_.size(); ++c) {
        const CommState& comm = comms_[c];
        for (const auto& [seq, entry] : comm.entries) {
            if (entry.arrivals == comm.size()) continue;
            std::vector<int> callers, missing;
            for (int i = 0; i < comm.size(); ++i) (entry.arrived[i] ? callers : missing).push_back(comm.members[i]);
            const std::string name = call_name(entry.signature.kind, entry.signature.generic);
            partial << " " << (callers.size() == 1 ? "Rank " : "Ranks ");
            for (std::size_t i = 0; i < callers.size(); ++i) partial << (i ? ", " : "") << callers[i];
            partial << " called " << name << " (" << entry.first_loc.file_name() << ":" << entry.first_loc.line()
                    << ") on " << comm_name(comm.id) << ", but ";
            for (std::size_t i = 0; i < missing.size(); ++i) partial << (i ? ", " : "") << "rank " << missing[i];
            partial << " never called it: instead, ";
            for (std::size_t i = 0; i < missing.size(); ++i) partial << (i ? "; " : "") << analysis.whereabouts(missing[i]);
            partial << ". A collective must be called by every rank of the communicator.";
            for (int world : callers) {
                BlockedCall call;
                call.rank = world;
                call.call_name = name;
                call.file = entry.first_loc.file_name();
                call.line = entry.first_loc.line();
                call.reason = name + " was called by only some ranks of " + comm_name(comm.id) +
                              ", so it can never complete on all of them";
                info.blocked.push_back(std::move(call));
            }
        }
    }
    if (!info.blocked.empty()) {
        for (int r = 0; r < ranks(); ++r) info.finished.push_back(r);
        outcome.status = OutcomeStatus::Deadlock;
        outcome.message = "Deadlock: a collective was not called by every rank." + partial.str();
        outcome.deadlock = std::move(info);
        return;
    }

    // Warnings: messages nobody received, requests nobody completed.
    for (const auto& rank : ranks_) {
        for (const auto& m : rank->queues.unexpected) {
            std::ostringstream w;
            w << "rank " << m->src_world << " sent a message to rank " << m->dst_world << " ("
              << call_name(m->send_call_kind, m->generic) << " at " << m->send_loc.file_name() << ":"
              << m->send_loc.line() << ", tag " << m->envelope.tag << ", " << m->bytes << " bytes) that was never received";
            outcome.warnings.push_back(w.str());
        }
    }
    std::vector<const RequestState*> left;
    for (const auto& [id, request] : requests_)
        if (!(request->detached && request->complete)) left.push_back(request.get());
    std::sort(left.begin(), left.end(), [](const RequestState* a, const RequestState* b) { return a->id < b->id; });
    for (const RequestState* r : left) {
        std::ostringstream w;
        w << "rank " << r->owner << "'s " << call_name(r->call_kind, r->call_generic) << " at " << r->loc.file_name()
          << ":" << r->loc.line() << " (request #" << r->id << ") "
          << (r->detached ? "was freed while active and never completed: it was never matched before the program ended"
              : r->complete ? "completed but was never waited on or tested: every request must be completed with wait or test"
                            : "never completed: it was never matched before the program ended");
        outcome.warnings.push_back(w.str());
    }

    outcome.status = OutcomeStatus::Completed;
    std::ostringstream text;
    text << "Completed: all " << ranks() << (ranks() == 1 ? " rank" : " ranks") << " returned.";
    if (!outcome.warnings.empty())
        text << " " << outcome.warnings.size() << (outcome.warnings.size() == 1 ? " warning." : " warnings.");
    outcome.message = text.str();
}

}  // namespace mpilab
