// Merging per-process records into one trace: messages matched sender to receiver, communicators
// identified across processes, collectives numbered per communicator, the files read back.
#include "app/recorder/merge.hpp"
#include "core/trace_check.hpp"
#include "tests/recorder/support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace mpilab;
using namespace mpilab::recorder;
using mpilab::test::FakeProcess;

namespace {

RunFacts finished_run() {
    RunFacts facts;
    facts.launcher = "mpiexec -n 2 ./program";
    facts.exit_status = 0;
    return facts;
}

}  // namespace

TEST_CASE("A message is matched from its send to its receive, and the trace says it is a real run") {
    FakeProcess r0(0, 2), r1(1, 2);
    r0.call(REC_SEND, 1000, 2000, 1, 5, 100);
    r1.call(REC_RECV, 1500, 3000, 0, 5, 400);
    r1.received(0, 5, 100);
    Trace t = merge_records(test::processes({r0, r1}), finished_run());
    CHECK_NOTHROW(check_trace(t));
    REQUIRE(t.messages.size() == 1);
    const MessageRecord& m = t.messages[0];
    CHECK(m.src == 0);
    CHECK(m.dst == 1);
    CHECK(m.tag == 5);
    CHECK(m.bytes == 100);
    CHECK(m.received());
    CHECK(t.calls[m.send_call].kind == CallKind::Send);
    CHECK(t.calls[m.recv_call].kind == CallKind::Recv);
    CHECK(m.arrival_time >= m.post_time);
    CHECK(t.outcome.status == OutcomeStatus::Completed);
    REQUIRE(t.run.recorded);
    CHECK(t.run.recorded->mpi == "MPICH 4.0.2");
    CHECK(t.run.recorded->hosts == std::vector<std::string>{"node0", "node1"});
    CHECK(t.run.eager_threshold == 8255);
}

TEST_CASE("Messages with one tag are matched in order, and a wildcard receive by the source its status gave") {
    FakeProcess r0(0, 3), r1(1, 3), r2(2, 3);
    r1.call(REC_SEND, 100, 200, 0, 7, 4);
    r1.call(REC_SEND, 300, 400, 0, 7, 8);
    r2.call(REC_SEND, 150, 250, 0, 7, 16);
    r0.call(REC_RECV, 500, 600, MPILAB_REC_ANY_SOURCE, 7, 64);
    r0.received(2, 7, 16);
    r0.call(REC_RECV, 700, 800, 1, 7, 64);
    r0.received(1, 7, 4);
    r0.call(REC_IRECV, 900, 950, 1, MPILAB_REC_ANY_TAG, 64).u.call.request = 1;
    r0.call(REC_WAIT, 960, 990).u.call.request = 1;
    mpilab_record& done = r0.extra(REC_COMPLETE, 1, 980);
    done.u.call.source = 1;
    done.u.call.status_tag = 7;
    Trace t = merge_records(test::processes({r0, r1, r2}), finished_run());
    CHECK_NOTHROW(check_trace(t));
    REQUIRE(t.messages.size() == 3);
    for (const MessageRecord& m : t.messages) {
        CHECK(m.received());
        const CallRecord& recv = t.calls[m.recv_call];
        if (m.src == 2) CHECK(recv.peer == ANY_SOURCE);
        if (m.src == 1 && m.bytes == 4) CHECK(recv.kind == CallKind::Recv);
        if (m.src == 1 && m.bytes == 8) {   // the Irecv that posted it, as a simulated run names it; it arrived in the Wait
            CHECK(recv.kind == CallKind::Irecv);
            CHECK(m.arrival_time > recv.leave);
        }
    }
    CHECK(t.outcome.warnings.empty());
}

TEST_CASE("A send nobody received is a message without a receive and a warning") {
    FakeProcess r0(0, 2), r1(1, 2);
    r0.call(REC_SEND, 100, 200, 1, 3, 10);
    Trace t = merge_records(test::processes({r0, r1}), finished_run());
    REQUIRE(t.messages.size() == 1);
    CHECK_FALSE(t.messages[0].received());
    REQUIRE(t.outcome.warnings.size() == 1);
    CHECK(t.outcome.warnings[0].find("never received") != std::string::npos);
}

TEST_CASE("A communicator made on several processes is one communicator, and collectives are numbered on each") {
    std::vector<FakeProcess> ps;
    for (int r = 0; r < 4; ++r) {
        FakeProcess p(r, 4);
        p.call(REC_BARRIER, 100, 200);
        p.call(REC_COMM_SPLIT, 300, 400).u.call.extra = 1;
        p.comm(1, 0, 0, r % 2 == 0 ? std::vector<int>{0, 2} : std::vector<int>{1, 3});
        p.call(REC_BCAST, 500, 600, 0, 0, 8, 1);
        p.call(REC_ALLREDUCE, 700, 800, MPILAB_REC_NO_PEER, 0, 8, 1);
        p.call(REC_BARRIER, 900, 1000);
        ps.push_back(p);
    }
    Trace t = merge_records(test::processes(ps), finished_run());
    CHECK_NOTHROW(check_trace(t));
    REQUIRE(t.comms.size() == 3);
    CHECK(t.comms[1].members == std::vector<std::int32_t>{0, 2});
    CHECK(t.comms[2].members == std::vector<std::int32_t>{1, 3});
    for (const CallRecord& c : t.calls) {
        if (c.kind == CallKind::Bcast) {
            CHECK(c.comm == static_cast<std::uint32_t>(c.rank % 2 == 0 ? 1 : 2));
            CHECK(c.peer == (c.rank % 2 == 0 ? 0 : 1));   // root 0 of the sub-communicator, as a world rank
            CHECK(c.tag == 0);
        }
        if (c.kind == CallKind::Allreduce) CHECK(c.tag == 1);
        if (c.kind == CallKind::Barrier) CHECK((c.tag == 0 || c.tag == 1));
    }
}

TEST_CASE("Record files are written, read back from their folder, and a missing rank is named") {
    const std::string folder = (std::filesystem::temp_directory_path() / ("mpilab-test-records-" + std::to_string(getpid()))).string();
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    mpilab_record_header h = test::record_header(0, 2);
    h.state = REC_STATE_FINALIZED;
    std::strcpy(h.mpi, "Open MPI 4.1.4");
    FakeProcess p(0, 2);
    p.call(REC_BARRIER, 10, 20);
    write_process_record(folder + "/rank-0.mpilabrec", h, p.p.records, "");
    CHECK_THROWS_WITH_AS(read_record_folder(folder), doctest::Contains("lacks the record files of rank(s) 1 of 2"), RecordError);
    h.world_rank = 1;
    write_process_record(folder + "/rank-1.mpilabrec", h, p.p.records, "");
    const auto read = read_record_folder(folder);
    REQUIRE(read.size() == 2);
    CHECK(read[1].info.rank == 1);
    CHECK(read[1].info.mpi == "Open MPI 4.1.4");
    REQUIRE(read[1].records.size() == 1);
    CHECK(read[1].records[0].u.call.kind == REC_BARRIER);
    std::filesystem::remove_all(folder);
}

TEST_CASE("A file that is not a record file is refused with its name") {
    const std::string path = (std::filesystem::temp_directory_path() / ("mpilab-test-notrecord-" + std::to_string(getpid()))).string();
    std::ofstream(path) << "hello";
    CHECK_THROWS_WITH_AS(read_process_record(path), doctest::Contains("is not a record file"), RecordError);
    std::filesystem::remove(path);
}
