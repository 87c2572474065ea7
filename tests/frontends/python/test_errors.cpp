// How a script's mistakes end a run: a SyntaxError before any rank starts, an exception in one rank as
// an error naming the rank, the exception and the script's line (the other ranks stopped where they
// were), sys.exit, MPI.Abort, MPI calls after Finalize or a second Init, and names mpilab does not
// simulate.
#include "tests/frontends/python/script_support.hpp"

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("a SyntaxError is reported before any rank starts, with the line and Python's carets") {
    const std::string path = write_script("broken.py", "from mpi4py import MPI\nrom numpy import array\n");
    try {
        python::CompiledScript script(path);
        FAIL("the script compiled");
    } catch (const python::ScriptError& e) {
        const std::string message = e.what();
        CHECK(message.find("broken.py:2: SyntaxError: invalid syntax") != std::string::npos);
        CHECK(message.find("rom numpy import array") != std::string::npos);
        CHECK(message.find("^") != std::string::npos);
        CHECK(message.find("No rank was started") != std::string::npos);
    }
}

TEST_CASE("an exception in one rank names the rank, the exception and the line; the traceback is its output") {
    const RunResult r = run_script(R"(from mpi4py import MPI
comm = MPI.COMM_WORLD
def helper(x):
    return x / 0
if comm.rank == 1:
    helper(comm.rank)
comm.recv(source=1)
)", 3, {}, {}, "zero.py");
    REQUIRE(r.outcome().status == OutcomeStatus::Error);
    const ErrorInfo& e = *r.outcome().error;
    CHECK(e.rank == 1);
    CHECK(e.kind == "Python exception");
    CHECK(e.line == 4);
    CHECK(e.message.find("rank 1 raised ZeroDivisionError: division by zero") != std::string::npos);
    CHECK(e.message.find("(in helper)") != std::string::npos);
    const auto lines = output_of(r, 1);
    REQUIRE(!lines.empty());
    CHECK(lines.front() == "Traceback (most recent call last):");
    CHECK(lines.back() == "ZeroDivisionError: division by zero");
    CHECK(r.trace.ranks[1].end == RankEnd::Failed);
    CHECK(r.trace.ranks[0].end != RankEnd::Finished);   // stopped in its recv
}

TEST_CASE("the run's end cannot be swallowed by the script's `except Exception`") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
if comm.rank == 0:
    try:
        comm.recv(source=1)
    except Exception:
        print('swallowed')
    print('after')
else:
    raise ValueError('rank 1 gives up')
)", 2);
    REQUIRE(r.outcome().error);
    CHECK(r.outcome().error->rank == 1);
    CHECK(output_of(r, 0).empty());
}

TEST_CASE("a NameError from a tutorial's missing line names the name and the line") {
    const RunResult r = run_script("from mpi4py import MPI\nrank = comm.Get_rank()\n", 2, {}, {}, "noname.py");
    REQUIRE(r.outcome().error);
    CHECK(r.outcome().error->rank == 0);
    CHECK(r.outcome().error->line == 2);
    CHECK(r.outcome().error->message.find("NameError: name 'comm' is not defined") != std::string::npos);
}

TEST_CASE("sys.exit(0) ends one rank quietly; another status ends the run as mpiexec would") {
    const RunResult quiet = run_script(R"(
import sys
from mpi4py import MPI
MPI.COMM_WORLD.barrier()
sys.exit(0)
)", 3);
    CHECK(quiet.outcome().status == OutcomeStatus::Completed);

    const RunResult loud = run_script(R"(import sys
from mpi4py import MPI
comm = MPI.COMM_WORLD
if comm.rank == 2:
    sys.exit(3)
comm.barrier()
)", 3, {}, {}, "exits.py");
    REQUIRE(loud.outcome().error);
    CHECK(loud.outcome().error->rank == 2);
    CHECK(loud.outcome().error->kind == "sys.exit");
    CHECK(loud.outcome().error->line == 5);
    CHECK(loud.outcome().error->message.find("sys.exit(3)") != std::string::npos);
}

TEST_CASE("a rank that leaves with sys.exit() while others still wait for it ends the run as an error naming both") {
    const RunResult r = run_script(R"(import sys
from mpi4py import MPI
comm = MPI.COMM_WORLD
if comm.rank == 1:
    sys.exit()
comm.recv(source=1)
)", 2, {}, {}, "leaves.py");
    INFO(r.outcome().message);
    REQUIRE(r.outcome().status == OutcomeStatus::Error);
    REQUIRE(r.outcome().error);
    CHECK(r.outcome().error->rank == 1);
    CHECK(r.outcome().error->call == "sys.exit");
    CHECK(r.outcome().error->line == 5);
    CHECK(r.outcome().error->message.find("rank 1 called sys.exit() at ") != std::string::npos);
    CHECK(r.outcome().error->message.find("leaves.py:5 while other ranks still wait for it (rank 0 in recv at ") != std::string::npos);
}

TEST_CASE("a rank that leaves with sys.exit() after its part is done is not an error") {
    const RunResult r = run_script(R"(import sys
from mpi4py import MPI
comm = MPI.COMM_WORLD
if comm.rank == 1:
    comm.send(7, dest=0)
    sys.exit()
comm.recv(source=1)
)", 2);
    INFO(r.outcome().message);
    CHECK(r.outcome().status == OutcomeStatus::Completed);
}

TEST_CASE("Abort ends the run with the rank's error code") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
if comm.rank == 1:
    comm.Abort(7)
comm.barrier()
)", 2);
    REQUIRE(r.outcome().error);
    CHECK(r.outcome().error->kind == "abort");
    CHECK(r.outcome().error->message.find("Abort(7)") != std::string::npos);
}

TEST_CASE("MPI.Init after mpi4py initialised MPI, and calls after Finalize, are errors as in Open MPI") {
    const RunResult twice = run_script("from mpi4py import MPI\nMPI.Init()\n", 1);
    REQUIRE(twice.outcome().error);
    CHECK(twice.outcome().error->kind == "initialised twice");

    const RunResult late = run_script(R"(
from mpi4py import MPI
print(MPI.Is_initialized(), MPI.Is_finalized())
MPI.Finalize()
print(MPI.Is_finalized())
MPI.COMM_WORLD.barrier()
)", 1);
    REQUIRE(late.outcome().error);
    CHECK(late.outcome().error->kind == "call after Finalize");
    CHECK(output_of(late, 0) == std::vector<std::string>{"True False", "True"});
}

TEST_CASE("what mpilab does not simulate raises NotImplementedError naming it") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
for attempt in (lambda: comm.Bsend(b'x', 0), lambda: MPI.Win, lambda: MPI.INT.Create_vector(2, 1, 2),
                lambda: MPI.COMPLEX):
    try:
        attempt()
    except NotImplementedError as e:
        print(e)
)", 1);
    INFO(all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    const auto lines = output_of(r, 0);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "Comm.Bsend is not simulated by mpilab");
    CHECK(lines[1] == "MPI.Win is not simulated by mpilab");
    CHECK(lines[2].starts_with("Datatype.Create_vector: mpilab simulates predefined element types only"));
    CHECK(lines[3] == "MPI.COMPLEX is not simulated by mpilab");
}

TEST_CASE("a NumPy array changed before its Isend completed is an error naming the script's Isend line") {
    const RunResult r = run_script(R"(from mpi4py import MPI
import numpy as np
comm = MPI.COMM_WORLD
data = np.arange(10, dtype='i')
if comm.rank == 0:
    req = comm.Isend(data, dest=1)
    data[:] = 0
    req.Wait()
else:
    comm.Recv(data, source=0)
)", 2, {}, {}, "isend_reuse.py");
    REQUIRE(r.outcome().status == OutcomeStatus::Error);
    const ErrorInfo& e = *r.outcome().error;
    CHECK(e.rank == 0);
    CHECK(e.kind == "buffer changed in flight");
    CHECK(e.line == 8);
    CHECK(e.message.find("send buffer of the Isend at ") != std::string::npos);
    CHECK(e.message.find("isend_reuse.py:6 changed before the send completed") != std::string::npos);
}

TEST_CASE("a NumPy array reused only after its Isend completed is not reported") {
    const RunResult r = run_script(R"(from mpi4py import MPI
import numpy as np
comm = MPI.COMM_WORLD
data = np.arange(10, dtype='i')
if comm.rank == 0:
    req = comm.Isend(data, dest=1)
    req.Wait()
    data[:] = 0
else:
    req = comm.Irecv(data, source=0)
    req.Wait()
    data += 1
)", 2, {}, {}, "isend_ok.py");
    CHECK(r.outcome().status == OutcomeStatus::Completed);
}
