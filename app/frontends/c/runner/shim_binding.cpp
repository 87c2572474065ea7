// mpilab-run's MPI: the C shim. Its rank binding tells each MPI_* call on a rank thread which rank it
// acts for (app/frontends/c/shim/rank_binding.hpp).
#include "app/frontends/c/runner/rank_program.hpp"
#include "app/frontends/c/shim/rank_binding.hpp"

namespace mpilab::c_runner {

MpiBinding linked_mpi_binding() {
    MpiBinding binding;
    binding.bind = [](Comm& world) { cshim::bind_rank(world); };
    binding.state = [] {
        const cshim::RankReport report = cshim::rank_report();
        return MpiState{report.initialized, report.finalized};
    };
    binding.unbind = [] { cshim::unbind_rank(); };
    binding.missing_finalize = [](int rank, const std::string& how) {
        return cshim::missing_finalize_warning(rank, cshim::rank_report(), how);
    };
    return binding;
}

}  // namespace mpilab::c_runner
