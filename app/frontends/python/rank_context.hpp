// What the Python front end keeps for one rank of one run, reached from the _mpilab functions through
// a thread-local pointer: the rank's communicators by handle, its pending requests with the buffers
// they pin, its unfinished output line, its own __main__ module. A context outlives its rank thread:
// buffers a pending receive may still write into stay pinned until the whole run has ended.
#pragma once

#include <Python.h>

#include "core/comm.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace mpilab::python {

struct ScriptRun;

// A non-blocking operation of the rank, keyed by the core's request id.
struct PendingRequest {
    Request request;                // the core's handle; null once completed there
    bool object = false;            // a lowercase irecv: completes with a pickle
    std::vector<Py_buffer> views;   // buffers the operation reads or writes (released with the GIL)
    bool done = false;              // completed in the core, result kept until the program collects it
    Value value;                    // what an irecv received
    Status status{};
};

// How the rank's script ended when it raised SystemExit.
struct ExitInfo {
    bool called = false;
    std::string code;               // as sys.exit was given it ("0", "'message'")
    bool success = false;           // None or 0
    Location where{};
};

struct RankContext {
    RankContext(Comm world_comm, ScriptRun& script_run)
        : world(world_comm), rank(world_comm.rank()), run(script_run) {
        comms.push_back(world);
        comms.emplace_back();   // COMM_SELF, made when first used
    }

    Comm world;                                       // valid while the run lasts
    int rank;                                         // in the world
    ScriptRun& run;
    std::vector<Comm> comms;                          // by handle: 0 world, 1 self, then dup/split results
    std::map<std::uint32_t, PendingRequest> requests;
    std::string line;                                 // output not yet ended by a newline
    std::vector<std::string> deferred;                // lines printed inside a reduction op (shown after it)
    PyObject* main_module = nullptr;                  // this rank's __main__ (owned)
    bool init_called = false;
    bool finalized = false;
    int in_op = 0;                                    // > 0 while this thread runs a reduction op
    std::unordered_map<PyObject*, const char*> texts; // interned names by the str object they came from (owned)
    // Source lines by code object (owned) and instruction offset: finding a line walks the code's line
    // table from its start, which was 40% of a send's cost in the front end for a script's top level.
    std::unordered_map<PyObject*, std::unordered_map<int, int>> lines;
    std::vector<PyObject*> kept;                      // functions reduction ops call (owned until the run ends)
    ExitInfo exit;

    // Releases every Python object the context holds. Needs the GIL.
    void release_python_objects();
};

RankContext* current_rank();
void set_current_rank(RankContext* context);

}  // namespace mpilab::python
