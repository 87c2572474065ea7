#!/usr/bin/python3
"""Records the C corpus (corpus.table) on a real MPI with `mpilab record` and checks each trace: the
outcome the program reaches there, every call returned and every message matched in a completed run,
each collective called by every member of its communicator, and each blocked call of a hang at a line
of the program. Then a send-send exchange one byte above the MPI's eager limit must be recorded as a
hang with both sends at their line, and at the limit it must complete; every non-blocking collective
must be recorded with the names a simulated run of the same program gives its calls, and an Ibarrier one
rank never starts must be a hang. Each recorded run is then compared with mpilab's simulation of the same
program (`mpilab compare`): they must agree, but for the programs listed in COMPARE_DIFFERS with the reason,
and the count of agreeing runs is printed. Two runs at a time, each in its own folder. Exit status 0: all
as expected; 1: a difference (printed); 77: the MPI is not installed.

    record_corpus.py MPILAB CORPUS_DIR PROGRAMS_DIR WORK_DIR mpich|openmpi
"""
import collections
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys

FLAVOURS = {
    # launcher, C compiler, C++ compiler, launcher options, eager limit (bytes)
    "mpich": ("mpiexec.mpich", "mpicc.mpich", "mpicxx.mpich", [], 8255),
    "openmpi": ("mpiexec.openmpi", "mpicc.openmpi", "mpicxx.openmpi", ["--oversubscribe"], 4040),
}
# Programs whose real outcome differs from mpilab's by design: a real MPI does not check datatypes or
# the order of collectives (it may run on, hang or fail), and a process that ends without MPI_Finalize
# is an error for the recorder (mpilab's runner only warns).
# A collective inside `if (rank == 0)` returns on a real MPI whose algorithm only sends from the root
# (both MPICH and Open MPI buffer a small broadcast): the run completes, with a collective of one caller.
# A send buffer changed before its small MPI_Isend completed goes unnoticed by a real MPI, which copied it.
REAL_OUTCOME = {"missing_finalize.c": "error", "deadlock_collective_in_branch.c": "completed",
                "isend_buffer_reused.c": "completed"}
ONE_CALLER_COLLECTIVES = {"deadlock_collective_in_branch.c"}
NOT_CHECKED = {"type_mismatch.c", "collective_mismatch.c", "aliased_buffers.c", "pingpong.c"}
HANG_TIMEOUT = "2"
# Programs whose recorded run `mpilab compare` finds different from mpilab's simulation of it, and why.
# Every other recorded program must agree (outcome, every rank's calls, every pair's messages).
COMPARE_DIFFERS = {
    "master_worker.c": "ANY_SOURCE: which worker asks first, and so gets the next task, is timing on a real MPI",
    "missing_finalize.c": "erroneous by design: the recorder ends a process that returns without MPI_Finalize "
                          "as an error, mpilab only warns",
    "deadlock_collective_in_branch.c": "erroneous by design: a Bcast of rank 0 alone returns on a real MPI that "
                                       "buffers it, mpilab reports it as an error",
    "segfault.c": "erroneous by design: how far the other ranks get before rank 2's crash ends the run is timing "
                  "on a real MPI",
    "exit_early.c": "erroneous by design: whether the other ranks reach MPI_Allreduce before rank 3's exit() ends "
                    "the run is timing on a real MPI (the runs often agree)",
    "isend_buffer_reused.c": "erroneous by design: a real MPI copies the small message at MPI_Isend and completes, "
                             "mpilab reports the send buffer changed before MPI_Waitall as an error",
}


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "frontends", "c"))
from compare_with_mpich import corpus_rows  # noqa: E402  (file, ranks, args, outcome, compared with MPICH)


def record(mpilab, flavour, source_dir, source, ranks, args, work):
    launcher, cc, cxx, options, _ = FLAVOURS[flavour]
    name = os.path.splitext(source)[0]
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    exe = os.path.join(folder, name)
    compiler = cxx if source.endswith(".cpp") else cc
    built = subprocess.run([compiler, "-g", "-O0", "-o", exe, source], cwd=source_dir, capture_output=True, text=True)
    if built.returncode != 0:
        return None, "did not compile: " + built.stderr
    trace_file = os.path.join(folder, "run.json")
    run = subprocess.run([mpilab, "record", "-o", trace_file, "--hang-timeout", HANG_TIMEOUT, "--",
                          launcher, *options, "-n", str(ranks), exe, *args],
                         cwd=source_dir, capture_output=True, text=True, timeout=120)
    if not os.path.exists(trace_file):
        return None, "no trace (exit status %d): %s" % (run.returncode, run.stderr[-2000:])
    with open(trace_file) as f:
        trace = json.load(f)
    trace["_file"] = trace_file
    return trace, run.stdout


def problems_of(trace, source, expected):
    problems = []
    outcome = trace["outcome"]["status"]
    if outcome != expected:
        problems.append("outcome %s, expected %s: %s" % (outcome, expected, trace["outcome"]["message"][:300]))
    if trace["run"].get("recorded") is None:
        problems.append("the trace does not say it is a recorded run")
    calls = trace["calls"]
    if outcome == "completed":
        unfinished = [c for c in calls if "unfinished" in c["flags"]]
        if unfinished:
            problems.append("%d calls never returned" % len(unfinished))
        unmatched = [m for m in trace["messages"] if "received" not in m["flags"]]
        if unmatched and source != "request_never_waited.c":
            problems.append("%d messages were never received" % len(unmatched))
        groups = collections.defaultdict(list)
        for c in calls:
            if c["call"] in COLLECTIVES:
                groups[(c["comm"], c["tag"])].append(c)
        for (comm, seq), group in groups.items() if source not in ONE_CALLER_COLLECTIVES else []:
            members = sorted(trace["comms"][comm]["members"])
            if sorted(c["rank"] for c in group) != members or len({c["call"] for c in group}) != 1:
                problems.append("collective %d on comm %d is not one call of every member: %s" %
                                (seq, comm, [(c["rank"], c["call"]) for c in group]))
        located = [c for c in calls if c["location"] is not None and trace["locations"][c["location"]]["file"] == source]
        if calls and not located:
            problems.append("no call has a place in " + source)
    if outcome == "deadlock":
        for b in trace["outcome"]["deadlock"]["blocked"]:
            if b["file"] != source or b["line"] <= 0:
                problems.append("rank %d is blocked in %s at %s:%s, not at a line of %s" % (b["rank"], b["call_name"], b["file"], b["line"], source))
    return problems


COLLECTIVES = {"Barrier", "Bcast", "Reduce", "Allreduce", "Gather", "Gatherv", "Scatter", "Scatterv", "Allgather",
               "Allgatherv", "Alltoall", "Alltoallv", "ReduceScatter", "ReduceScatterBlock", "Scan", "Exscan"}
COLLECTIVES |= {"I" + name[0].lower() + name[1:] for name in COLLECTIVES}


def calls_per_rank(trace):
    calls = collections.defaultdict(list)
    for c in trace["calls"]:
        calls[c["rank"]].append(c["call"])
    return calls


def simulated_difference(mpilab, source_dir, source, ranks, args, real):
    """How the real run's call names differ from those of mpilab's simulation of the same program."""
    folder = os.path.dirname(real["_file"])
    sim_file = os.path.join(folder, "simulated.json")
    subprocess.run([mpilab, "run", source, "-n", str(ranks), "--trace", sim_file, "--", *args], cwd=source_dir,
                   capture_output=True, text=True, timeout=120)
    if not os.path.exists(sim_file):
        return ["the simulation of %s wrote no trace" % source]
    with open(sim_file) as f:
        simulated = calls_per_rank(json.load(f))
    recorded = calls_per_rank(real)
    return ["rank %d calls %s in the real run, %s in the simulation" % (r, recorded[r], simulated[r])
            for r in range(ranks) if recorded[r] != simulated[r]]


def compare(mpilab, source_dir, source, args, real):
    """`mpilab compare` of the recorded run with the program's simulation: (agrees, its report)."""
    run = subprocess.run([mpilab, "compare", real["_file"], source, "--", *args], cwd=source_dir,
                         capture_output=True, text=True, timeout=120)
    if run.returncode not in (0, 2):
        return None, "mpilab compare failed (exit status %d): %s" % (run.returncode, run.stderr[-1000:])
    return run.returncode == 0, run.stdout


def main():
    mpilab, corpus, programs, work, flavour = sys.argv[1:6]
    mpilab, corpus, programs, work = (os.path.abspath(p) for p in (mpilab, corpus, programs, work))
    launcher, cc = FLAVOURS[flavour][0], FLAVOURS[flavour][1]
    if not shutil.which(launcher) or not shutil.which(cc):
        print("skipped: %s not installed (%s, %s)" % (flavour, launcher, cc))
        return 77
    library = os.path.join(os.path.dirname(os.path.realpath(mpilab)), "..", "lib", "libmpilab-record-%s.so" % flavour)
    if not os.path.exists(library):
        print("skipped: %s not installed (its development files: the recorder %s was not built)" % (flavour, library))
        return 77
    os.environ.pop("PYTHONUNBUFFERED", None)
    os.environ.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMPI_MCA_rmaps_base_oversubscribe="1")
    work = os.path.join(work, flavour)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    jobs = []
    for source, ranks, args, outcome, _ in corpus_rows(corpus):
        if source in NOT_CHECKED:
            continue
        jobs.append((corpus, source, ranks, args, REAL_OUTCOME.get(source, outcome), source))
    eager = FLAVOURS[flavour][4]
    jobs.append((programs, "send_send_bytes.c", 2, [str(eager + 1)], "deadlock", "above the eager limit"))
    jobs.append((programs, "send_send_bytes.c", 2, [str(eager)], "completed", "at the eager limit"))
    jobs.append((programs, "nonblocking_collectives.c", 4, [], "completed", "non-blocking collectives"))
    jobs.append((programs, "nonblocking_collectives.c", 4, ["hang"], "deadlock", "an Ibarrier one rank never starts"))

    def one(job):
        source_dir, source, ranks, args, expected, label = job
        scratch = os.path.join(work, label.replace(" ", "-"))
        trace, report = record(mpilab, flavour, source_dir, source, ranks, args, scratch)
        if trace is None:
            return label, [report], None
        problems = problems_of(trace, source, expected)
        if source == "send_send_bytes.c" and expected == "deadlock" and not problems:
            blocked = trace["outcome"]["deadlock"]["blocked"]
            if sorted((b["rank"], b["call_name"], b["line"]) for b in blocked) != [(0, "Send", 13), (1, "Send", 13)]:
                problems.append("the hang's blocked calls are %s, not both Sends at line 13" %
                                [(b["rank"], b["call_name"], b["line"]) for b in blocked])
        if source == "nonblocking_collectives.c" and expected == "completed" and not problems:
            problems += simulated_difference(mpilab, source_dir, source, ranks, args, trace)
        if source == "nonblocking_collectives.c" and expected == "deadlock" and not problems:
            blocked = sorted((b["rank"], b["call_name"], b["line"]) for b in trace["outcome"]["deadlock"]["blocked"])
            if blocked != [(0, "wait", 25), (1, "wait", 25), (2, "wait", 25), (3, "Recv", 22)]:
                problems.append("the hang's blocked calls are %s, not the waits for the Ibarrier at line 25 and "
                                "rank 3's Recv at line 22" % blocked)
            elif "Ibarrier" not in trace["outcome"]["deadlock"]["blocked"][0]["reason"]:
                problems.append("the wait's reason does not name the Ibarrier: " + trace["outcome"]["deadlock"]["blocked"][0]["reason"])
        agrees, comparison = compare(mpilab, source_dir, source, args, trace)
        if agrees is None:
            problems.append(comparison)
        elif not agrees and label not in COMPARE_DIFFERS:
            problems.append("mpilab compare finds the simulation different:\n" + comparison)
        return label, problems, agrees

    failures, agreeing, compared = 0, 0, 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for label, problems, agrees in pool.map(one, jobs):
            verdict = "ok" if not problems else "FAILED"
            if agrees is not None:
                compared += 1
                agreeing += bool(agrees)
                verdict += ", compare: " + ("agrees" if agrees else "differs")
                if not agrees and label in COMPARE_DIFFERS:
                    verdict += " (expected: %s)" % COMPARE_DIFFERS[label]
                elif agrees and label in COMPARE_DIFFERS:
                    verdict += " (listed as differing: %s)" % COMPARE_DIFFERS[label]
            print("%-36s %s" % (label, verdict))
            for p in problems:
                print("    " + p.replace("\n", "\n    "))
            failures += bool(problems)
    print("%s: %d of %d recorded runs as expected; mpilab compare: %d of %d agree with the simulation, the others "
          "differ for the reasons listed" % (flavour, len(jobs) - failures, len(jobs), agreeing, compared))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
