// The point-to-point calls of mpilab's mpi4py, run as scripts: lowercase calls move pickles that weigh
// what they weigh under mpi4py, capitalised calls move typed buffers given as mpi4py accepts them, and
// a receive into a buffer of another type or size is the core's type-mismatch or truncation error.
#include "tests/frontends/python/script_support.hpp"

using namespace mpilab;
using namespace mpilab::test;

TEST_CASE("a dict sent with send arrives whole, and its message weighs its pickle") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
import pickle
comm = MPI.COMM_WORLD
if comm.rank == 0:
    comm.send({'a': 7, 'b': 3.14}, dest=1, tag=11)
else:
    data = comm.recv(source=0, tag=11)
    print(data, len(pickle.dumps(data, pickle.HIGHEST_PROTOCOL)))
)", 2);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    const auto lines = output_of(r, 1);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].starts_with("{'a': 7, 'b': 3.14} "));
    const auto pickle_size = std::stoll(lines[0].substr(lines[0].rfind(' ') + 1));
    REQUIRE(r.trace.messages.size() == 1);
    CHECK(r.trace.messages[0].bytes == pickle_size);
    CHECK(r.trace.calls[0].generic());
}

TEST_CASE("a lowercase send is eager up to the threshold and deadlocks one byte past it") {
    // Both ranks send first: fine while the pickle is sent eagerly, a deadlock once it is not.
    const std::string script = R"(
from mpi4py import MPI
import pickle
comm = MPI.COMM_WORLD
payload = b'x' * 1000
print(len(pickle.dumps(payload, pickle.HIGHEST_PROTOCOL)))
other = 1 - comm.rank
comm.send(payload, dest=other)
comm.recv(source=other)
)";
    const RunResult probe = run_script(script, 2);
    REQUIRE(probe.outcome().status == OutcomeStatus::Completed);
    const std::int64_t size = std::stoll(output_of(probe, 0).at(0));
    Config at;
    at.eager_threshold = size;
    CHECK(run_script(script, 2, at).outcome().status == OutcomeStatus::Completed);
    Config below;
    below.eager_threshold = size - 1;
    const RunResult r = run_script(script, 2, below);
    CHECK(r.outcome().status == OutcomeStatus::Deadlock);
}

TEST_CASE("numpy arrays, bytearrays and array.array travel with their element type") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
import numpy as np, array
comm = MPI.COMM_WORLD
if comm.rank == 0:
    comm.Send(np.arange(5, dtype='i'), dest=1, tag=1)
    comm.Send(bytearray(b'hello'), dest=1, tag=2)
    comm.Send(array.array('d', [1.5, 2.5]), dest=1, tag=3)
    comm.Send([np.arange(10, dtype='d'), 3, MPI.DOUBLE], dest=1, tag=4)
    comm.Send([np.arange(10, dtype='d'), (2, 5), MPI.DOUBLE], dest=1, tag=5)
else:
    a = np.empty(5, dtype='i'); comm.Recv(a, source=0, tag=1)
    b = bytearray(5); comm.Recv(b, source=0, tag=2)
    c = array.array('d', [0, 0]); comm.Recv([c, MPI.DOUBLE], source=0, tag=3)
    d = np.zeros(3); s = MPI.Status(); comm.Recv(d, source=0, tag=4, status=s)
    e = np.zeros(2); comm.Recv([e, 2, MPI.DOUBLE], source=0, tag=5)
    print(a.tolist(), bytes(b), c.tolist(), d.tolist(), s.Get_count(MPI.DOUBLE), s.Get_source(), s.tag, e.tolist())
)", 2);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    CHECK(output_of(r, 1) == std::vector<std::string>{"[0, 1, 2, 3, 4] b'hello' [1.5, 2.5] [0.0, 1.0, 2.0] 3 0 4 [5.0, 6.0]"});
    REQUIRE(r.trace.messages.size() == 5);
    CHECK(r.trace.messages[0].type == TypeKind::Int32);
    CHECK(r.trace.messages[0].bytes == 20);
    CHECK(r.trace.messages[1].type == TypeKind::UInt8);
    CHECK(r.trace.messages[2].type == TypeKind::Double);
    CHECK(r.trace.messages[3].bytes == 24);
}

TEST_CASE("receiving int64 into an int32 buffer is the type-mismatch error, at the script's line") {
    const RunResult r = run_script(R"(from mpi4py import MPI
import numpy as np
comm = MPI.COMM_WORLD
if comm.rank == 0:
    comm.Send(np.arange(5, dtype='l'), dest=1)
else:
    buf = np.empty(5, dtype='i')
    comm.Recv(buf, source=0)
)", 2, {}, {}, "mismatch.py");
    REQUIRE(r.outcome().status == OutcomeStatus::Error);
    REQUIRE(r.outcome().error);
    CHECK(r.outcome().error->kind == "type mismatch");
    CHECK(r.outcome().error->rank == 1);
    CHECK(r.outcome().error->line == 8);
    CHECK(r.outcome().error->file.ends_with("mismatch.py"));
    CHECK(r.outcome().error->message.find("MPI_ERR_TRUNCATE") != std::string::npos);
}

TEST_CASE("a buffer too small for the message is the truncation error") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
import numpy as np
comm = MPI.COMM_WORLD
if comm.rank == 0:
    comm.Send(np.zeros(10), dest=1)
else:
    comm.Recv(np.zeros(4), source=0)
)", 2);
    REQUIRE(r.outcome().error);
    CHECK(r.outcome().error->kind == "truncation");
}

TEST_CASE("a Python int given to a capitalised call is mpi4py's TypeError, with what to do instead") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
comm.Send(5, dest=0)
)", 1);
    REQUIRE(r.outcome().error);
    CHECK(r.outcome().error->message.find("TypeError: message: expecting buffer or list/tuple") != std::string::npos);
    CHECK(r.outcome().error->message.find("lowercase") != std::string::npos);
}

TEST_CASE("isend, irecv, sendrecv, probe and PROC_NULL behave as in mpi4py") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
rank, size = comm.rank, comm.size
other = 1 - rank
req = comm.isend({'from': rank}, dest=other, tag=3)
got = comm.irecv(source=other, tag=3).wait()
req.wait()
s = MPI.Status()
comm.send([rank] * 3, dest=other, tag=4)
comm.probe(source=MPI.ANY_SOURCE, tag=4, status=s)
lst = comm.recv(source=s.source, tag=4)
swapped = comm.sendrecv(rank * 10, dest=other, source=other)
nothing = comm.recv(source=MPI.PROC_NULL)
flag = comm.iprobe(source=other, tag=99)
print(got, lst, swapped, nothing, flag, s.source, s.tag, s.count > 0, req == MPI.REQUEST_NULL)
)", 2);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    CHECK(output_of(r, 0) == std::vector<std::string>{"{'from': 1} [1, 1, 1] 10 None False 1 4 True True"});
    CHECK(output_of(r, 1) == std::vector<std::string>{"{'from': 0} [0, 0, 0] 0 None False 0 4 True True"});
}

TEST_CASE("Isend/Irecv with Waitall, Sendrecv and Sendrecv_replace exchange buffers") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
import numpy as np
comm = MPI.COMM_WORLD
rank = comm.rank
other = 1 - rank
out = np.full(4, rank, dtype='i'); into = np.empty(4, dtype='i')
MPI.Request.Waitall([comm.Isend(out, dest=other), comm.Irecv(into, source=other)])
a = np.empty(4, dtype='i')
comm.Sendrecv(out, dest=other, recvbuf=a, source=other)
b = np.full(2, rank + 5.0)
comm.Sendrecv_replace(b, dest=other, source=other)
print(into.tolist(), a.tolist(), b.tolist())
)", 2);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    CHECK(output_of(r, 0) == std::vector<std::string>{"[1, 1, 1, 1] [1, 1, 1, 1] [6.0, 6.0]"});
}

TEST_CASE("waitany, waitsome, testall and Cancel work on lists of requests") {
    const RunResult r = run_script(R"(
from mpi4py import MPI
comm = MPI.COMM_WORLD
if comm.rank == 0:
    reqs = [comm.irecv(source=i, tag=0) for i in range(1, comm.size)]
    seen = []
    while len(seen) < len(reqs):
        index, value = MPI.Request.waitany(reqs)
        seen.append(value)
    print(sorted(seen), MPI.Request.waitany(reqs)[0] == MPI.UNDEFINED)
    stray = comm.irecv(source=1, tag=77)
    stray.Cancel()
    s = MPI.Status()
    stray.Wait(s)
    print(s.Is_cancelled(), MPI.Request.Testall([stray]))
else:
    comm.send(comm.rank * 100, dest=0, tag=0)
)", 4);
    INFO(r.outcome().message << "\n" << all_output(r));
    REQUIRE(r.outcome().status == OutcomeStatus::Completed);
    CHECK(output_of(r, 0) == std::vector<std::string>{"[100, 200, 300] True", "True True"});
}
