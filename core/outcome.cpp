// The outcome of a run whose ranks all returned: completed, with warnings for what a correct MPI
// program must not leave behind — or an error if a collective was called by only some ranks.
#include "deadlock.hpp"
#include "engine.hpp"
#include "explanation.hpp"

#include <sstream>

namespace mpilab {

void Engine::finish_outcome_checks() {
    Outcome& outcome = trace_.outcome;
    DeadlockAnalysis analysis(*this);

    // A collective that only some ranks called, and that returned on them: the others never arrived, so
    // the callers' messages wait unreceived. It returned only because those messages were buffered; a
    // real MPI may block in it (MPICH and Open MPI both return here too, so mpilab says it louder).
    std::optional<ErrorInfo> error;
    std::ostringstream more;
    int partial_collectives = 0;
    for (std::size_t c = 0; c < comms_.size(); ++c) {
        const CommState& comm = comms_[c];
        for (const auto& [seq, entry] : comm.entries) {
            if (entry.arrivals == comm.size()) continue;
            std::vector<std::int32_t> callers, missing;
            for (int i = 0; i < comm.size(); ++i) (entry.arrived[i] ? callers : missing).push_back(comm.members[i]);
            const std::string name = call_name(entry.signature.kind, entry.signature.generic);
            std::ostringstream text;
            text << name << " called by " << ranks_text(callers) << " only; it returned because its messages were "
                 << "buffered, real MPI may hang. " << ranks_text(missing) << " of " << comm_name(comm.id)
                 << " never called it (" << analysis.whereabouts(std::vector<int>(missing.begin(), missing.end()))
                 << "). Every rank of a communicator must call each collective: call it outside any `if` on the "
                    "rank and use its result only where needed.";
            if (++partial_collectives > 1) {
                if (partial_collectives <= 3) more << " Also: " << text.str();
                continue;
            }
            error = error_for(callers.front(), entry.first_call, entry.signature.kind, entry.signature.generic,
                              entry.first_loc);
            error->kind = "collective not called by every rank";
            error->message = text.str();
        }
    }
    if (error) {
        if (partial_collectives > 3)
            more << " And " << partial_collectives - 3 << " more collectives not called by every rank.";
        error->message += more.str();
        recorder_.set_flag(error->call_index, CALL_FAILED);
        outcome.status = OutcomeStatus::Error;
        outcome.message = error_summary(*error);
        outcome.error = std::move(error);
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
