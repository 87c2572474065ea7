// Linear interpolation of the measured offsets (see clock_alignment.hpp).
#include "app/recorder/clock_alignment.hpp"

#include <algorithm>

namespace mpilab::recorder {

ClockAlignment::ClockAlignment(const ProcessInfo& p) : samples_(p.sync_count) {
    for (int k = 0; k < samples_; ++k) {
        local_[k] = p.sync_local_ns[k];
        offset_[k] = p.sync_offset_ns[k];
        error_ns_ = std::max(error_ns_, p.sync_error_ns[k]);
    }
    // Two samples at (nearly) one time say nothing about drift.
    if (samples_ == 2 && local_[1] - local_[0] < 1000) samples_ = 1;
}

std::int64_t ClockAlignment::to_reference(std::int64_t t) const {
    if (samples_ == 0) return t;
    if (samples_ == 1) return t + offset_[0];
    const long double slope = static_cast<long double>(offset_[1] - offset_[0]) / static_cast<long double>(local_[1] - local_[0]);
    return t + offset_[0] + static_cast<std::int64_t>(slope * static_cast<long double>(t - local_[0]));
}

}  // namespace mpilab::recorder
