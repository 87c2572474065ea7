// Export of a Trace to the Chrome trace event format, which Perfetto (ui.perfetto.dev) and
// chrome://tracing open. Virtual seconds become microseconds. One thread per rank ("rank 3"), an `X`
// (complete) event per call, and every message as a v2 flow arrow: `bind_id` = the message id, with
// `flow_out` on the event of the call that sent it and `flow_in` on the event of the call that received it.
#pragma once

#include "trace.hpp"

#include <string>

namespace mpilab {

std::string trace_to_chrome(const Trace& trace);
// Replaces the file atomically (atomic_file.hpp); throws FileWriteError when it cannot be written.
void save_chrome_trace(const Trace& trace, const std::string& path);

}  // namespace mpilab
