// Clocks of the processes of a real run, aligned to rank 0's: each process measured the offset of rank
// 0's clock from its own with ping-pongs at MPI_Init and again at MPI_Finalize (the round trip with the
// shortest time, whose midpoint is the best estimate). Between the two samples the offset is
// interpolated, so a clock that drifts is corrected as well as one that is skewed; with one sample (a
// run that never finalized) the offset is constant.
#pragma once

#include "app/recorder/record_file.hpp"

#include <cstdint>

namespace mpilab::recorder {

class ClockAlignment {
public:
    explicit ClockAlignment(const ProcessInfo& process);
    // Rank 0's clock at the moment this process's clock read `local_ns`.
    std::int64_t to_reference(std::int64_t local_ns) const;
    // The alignment's uncertainty, in nanoseconds (half the best round trip).
    std::int64_t error_ns() const { return error_ns_; }

private:
    int samples_ = 0;
    std::int64_t local_[2] = {0, 0}, offset_[2] = {0, 0};
    std::int64_t error_ns_ = 0;
};

}  // namespace mpilab::recorder
