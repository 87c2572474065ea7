// The collectives of mpilab's mpi4py, run as scripts: lowercase ones on Python objects (with
// mpi4py's meaning of the predefined ops and any function as op), capitalised ones on buffers, their
// I-forms, IN_PLACE, the v-variants and user ops made with Op.Create.
#include "tests/frontends/python/script_support.hpp"

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("lowercase collectives move Python objects and reduce them as mpi4py does") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
rank, size = comm.rank, comm.size
b = comm.bcast({'k': [1, 2]} if rank == 0 else None, root=0)
g = comm.gather(rank ** 2, root=1)
s = comm.scatter([i * 'x' for i in range(size)] if rank == 2 else None, root=2)
ag = comm.allgather((rank, str(rank)))
a2a = comm.alltoall([rank * 10 + i for i in range(size)])
total = comm.reduce(rank, op=MPI.SUM, root=0)
lists = comm.allreduce([rank], op=MPI.SUM)
best = comm.allreduce((rank % 2, rank), op=MPI.MAXLOC)
prefix = comm.scan(rank)
before = comm.exscan(rank)
product = comm.reduce(rank + 1, op=lambda a, b: a * b, root=3)
print(b, g, s, ag[rank], a2a, total, lists, best, prefix, before, product)
comm.barrier()
)", 4);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    CHECK(output_of(r, 0) == std::vector<std::string>{
                                 "{'k': [1, 2]} None  (0, '0') [0, 10, 20, 30] 6 [0, 1, 2, 3] (1, 1) 0 None None"});
    CHECK(output_of(r, 1) == std::vector<std::string>{
                                 "{'k': [1, 2]} [0, 1, 4, 9] x (1, '1') [1, 11, 21, 31] None [0, 1, 2, 3] (1, 1) 1 0 None"});
    CHECK(output_of(r, 3) == std::vector<std::string>{
                                 "{'k': [1, 2]} None xxx (3, '3') [3, 13, 23, 33] None [0, 1, 2, 3] (1, 1) 6 3 24"});
    // The trace names the predefined op, and the user's function by its name.
    bool saw_maxloc = false, saw_lambda = false;
    for (const CallRecord& c : r.trace.calls) {
        saw_maxloc = saw_maxloc || c.op == OpKind::Maxloc;
        saw_lambda = saw_lambda || c.op == OpKind::User;
    }
    CHECK(saw_maxloc);
    CHECK(saw_lambda);
}

TEST_CASE("an op the objects do not support is the Python error, named at the collective's line") {
    const RunResult r = run_script(R"(from mpi4py import MPI
comm = MPI.COMM_WORLD
d = comm.reduce({'v': comm.rank}, op=MPI.SUM, root=0)
)", 2, {}, {}, "dicts.py");
    REQUIRE(r.outcome().error);
    CHECK(r.outcome().error->line == 3);
    CHECK(r.outcome().error->message.find("TypeError") != std::string::npos);
    CHECK(r.outcome().error->message.find("dict") != std::string::npos);
}

TEST_CASE("a bcast inside `if rank == 0` is an error saying it returned only because it was buffered") {
    const RunResult r = run_script(R"(from mpi4py import MPI
comm = MPI.COMM_WORLD
if comm.rank == 0:
    comm.bcast({'data': 1}, root=0)
print('done')
)", 3, {}, {}, "branch.py");
    REQUIRE(r.outcome().status == OutcomeStatus::Error);
    const ErrorInfo& e = *r.outcome().error;
    CHECK(e.rank == 0);
    CHECK(e.line == 4);
    CHECK(e.file.find("branch.py") != std::string::npos);
    CHECK(e.message.find("bcast called by rank 0 only; it returned because its messages were buffered, real MPI may "
                         "hang") != std::string::npos);
    CHECK(e.message.find("ranks 1, 2 of world never called it") != std::string::npos);
}

TEST_CASE("the same bcast called by every rank, printed by rank 0 only, is not reported") {
    const RunResult r = run_script(R"(from mpi4py import MPI
comm = MPI.COMM_WORLD
data = comm.bcast({'data': 1} if comm.rank == 0 else None, root=0)
if comm.rank == 0:
    print(data)
)", 3, {}, {}, "fixed.py");
    CHECK(r.outcome().status == OutcomeStatus::Completed);
    CHECK(r.outcome().warnings.empty());
}

TEST_CASE("capitalised collectives fill the caller's buffers, blocking or not") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
import numpy as np
comm = MPI.COMM_WORLD
rank, size = comm.rank, comm.size
arr = np.arange(3, dtype='d') if rank == 0 else np.empty(3)
comm.Bcast(arr, root=0)
mx = np.zeros(3); comm.Reduce(arr + rank, mx, op=MPI.MAX, root=0)
total = np.zeros(1, dtype='i'); comm.Allreduce(np.array([rank], dtype='i'), total)
rows = np.empty([size, 2]) if rank == 0 else None
comm.Gather(np.full(2, rank, dtype='d'), rows, root=0)
part = np.empty(2)
comm.Scatter(np.arange(2 * size, dtype='d') if rank == 0 else None, part, root=0)
everyone = np.empty(size, dtype='i'); comm.Allgather(np.array([rank * 2], dtype='i'), everyone)
swap = np.empty(size, dtype='i'); comm.Alltoall(np.arange(size, dtype='i') + 10 * rank, swap)
inplace = np.array([rank], dtype='i'); comm.Allreduce(MPI.IN_PLACE, inplace, op=MPI.SUM)
pre = np.zeros(1, dtype='i'); comm.Scan(np.array([1], dtype='i'), pre)
got = np.zeros(1, dtype='i') if rank == 0 else None
req = comm.Ireduce(np.array([rank], dtype='i'), got, op=MPI.SUM, root=0)
req.Wait()
counts = [i + 1 for i in range(size)]
v = np.zeros(sum(counts), dtype='i') if rank == 1 else None
comm.Gatherv(np.full(rank + 1, rank, dtype='i'), [v, counts, None, MPI.INT] if rank == 1 else None, root=1)
print(arr.tolist(), total[0], part.tolist(), everyone.tolist(), swap.tolist(), inplace[0], pre[0])
if rank == 0:
    print(mx.tolist(), rows.tolist(), got[0])
if rank == 1:
    print(v.tolist())
)", 3);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    CHECK(output_of(r, 0) == std::vector<std::string>{"[0.0, 1.0, 2.0] 3 [0.0, 1.0] [0, 2, 4] [0, 10, 20] 3 1",
                                                      "[2.0, 3.0, 4.0] [[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]] 3"});
    CHECK(output_of(r, 2) == std::vector<std::string>{"[0.0, 1.0, 2.0] 3 [4.0, 5.0] [0, 2, 4] [2, 12, 22] 3 3"});
    CHECK(output_of(r, 1).at(1) == "[0, 1, 1, 2, 2, 2]");
}

TEST_CASE("Op.Create makes a user op for buffers and for objects") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
import numpy as np
comm = MPI.COMM_WORLD
def add(inbuf, inoutbuf, datatype):
    a = np.frombuffer(inbuf, dtype='i')
    b = np.frombuffer(inoutbuf, dtype='i')
    b += a
op = MPI.Op.Create(add, commute=True)
out = np.zeros(2, dtype='i')
comm.Allreduce(np.array([comm.rank, 1], dtype='i'), out, op=op)
joined = comm.allreduce([comm.rank], op=MPI.Op.Create(lambda a, b, dt: a + b))
print(out.tolist(), joined, op.is_commutative)
)", 3);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    CHECK(output_of(r, 2) == std::vector<std::string>{"[3, 3] [0, 1, 2] True"});
}

TEST_CASE("an exception in a user op ends the run with the op's line, and its prints are kept") {
    const RunResult r = run_script(R"(from mpi4py import MPI
comm = MPI.COMM_WORLD
def divide(a, b):
    print('combining', a, b)
    return a / (b - 1)
print(comm.allreduce(comm.rank, op=divide))
)", 2, {}, {}, "badop.py");
    REQUIRE(r.outcome().error);
    CHECK(r.outcome().error->message.find("ZeroDivisionError") != std::string::npos);
    CHECK(r.outcome().error->message.find("badop.py:5") != std::string::npos);
    CHECK(r.outcome().error->line == 6);
}

TEST_CASE("a reduction op may not call MPI: the engine is busy combining") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
def chatty(a, b):
    comm.barrier()
    return a + b
comm.allreduce(1, op=chatty)
)", 2);
    REQUIRE(r.outcome().error);
    CHECK(r.outcome().error->message.find("not allowed inside a reduction operation") != std::string::npos);
}
