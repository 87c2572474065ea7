#!/usr/bin/python3
"""Runs one tutorial program of scenarios/python/tutorials.json and checks it.

  tutorial_check.py MPILAB PROGRAM            `mpilab run PROGRAM -n RANKS` reaches the manifest's outcome:
                                              completed / deadlock / error (exit 0 / 2 / 3) or rejected
                                              (a SyntaxError: exit 1), with the messages and output it lists;
                                              and where the manifest names the built-in scenario of the same
                                              program, `mpilab run` and `mpilab check` give the script the
                                              scenario's verdict (outcome, error kind and call, check's
                                              verdict and smallest eager threshold)
  tutorial_check.py MPILAB PROGRAM --compare  the program under real mpi4py (Debian's python3-mpi4py on Open
                                              MPI) and under mpilab prints the same lines on each rank
                                              (sorted per rank, floating-point numbers masked: times and
                                              random estimates differ); exit 77 (skipped) without them

Run from the repository's root. Debian's /usr/bin/python3 runs this, never a python3 found on the PATH.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIPPED = 77
FLOAT = re.compile(r"-?\d+\.\d+(?:e[-+]?\d+)?")


def program_entry(path):
    with open("scenarios/python/tutorials.json", encoding="utf-8") as f:
        for entry in json.load(f)["programs"]:
            if "scenarios/python/" + entry["file"] == path:
                return entry
    sys.exit("tutorial_check: %s is not in scenarios/python/tutorials.json" % path)


def run_mpilab(mpilab, path, ranks, *extra):
    with tempfile.TemporaryDirectory() as folder:
        trace_file = os.path.join(folder, "trace.json")
        done = subprocess.run([mpilab, "run", path, "-n", str(ranks), "--trace", trace_file, *extra],
                              capture_output=True, text=True, timeout=600)
        trace = None
        if os.path.exists(trace_file):
            with open(trace_file, encoding="utf-8") as f:
                trace = json.load(f)
        return done, trace


def options(entry):
    return ["--eager", str(entry["eager"])] if "eager" in entry else []


def verdicts(mpilab, name, ranks, extra):
    """What a student is told about NAME: the run's outcome and check's verdict, as mpilab's JSON says them."""
    said = {}
    for command in ("run", "check"):
        done = subprocess.run([mpilab, command, name, "-n", str(ranks), "--json", *extra],
                              capture_output=True, text=True, timeout=600)
        try:
            answer = json.loads(done.stdout)
        except ValueError:
            fail("`mpilab %s %s --json` printed no JSON" % (command, name), done)
        outcome = answer["outcome"]
        error = outcome.get("error") or {}
        said[command] = {"exit": done.returncode, "status": outcome["status"], "error kind": error.get("kind"),
                         "error call": error.get("call")}
        if command == "check":
            said[command].update(verdict=answer["verdict"], smallest_eager_threshold=answer["smallest_eager_threshold"])
    return said


def fail(message, done=None):
    if done is not None:
        message += "\n--- exit status %d\n--- stdout:\n%s\n--- stderr:\n%s" % (done.returncode, done.stdout, done.stderr)
    sys.exit("FAILED: " + message)


def check(mpilab, path, entry):
    statuses = {"completed": 0, "deadlock": 2, "error": 3, "rejected": 1}
    done, _ = run_mpilab(mpilab, path, entry["ranks"], *options(entry))
    if done.returncode != statuses[entry["expect"]]:
        fail("expected %s (exit %d)" % (entry["expect"], statuses[entry["expect"]]), done)
    text = done.stdout + done.stderr
    for needle in entry.get("error", []):
        if needle not in text:
            fail("the report does not say %r" % needle, done)
    for pattern in entry.get("output", []):
        if not re.search(pattern, done.stdout):
            fail("the output has no line matching %r" % pattern, done)
    if entry["file"].endswith("alltoall_part1.py"):
        # The messages are 80,000 bytes: eager up to that threshold, rendezvous one byte past it.
        at, _ = run_mpilab(mpilab, path, entry["ranks"], "--eager", "80000")
        below, _ = run_mpilab(mpilab, path, entry["ranks"], "--eager", "79999")
        if at.returncode != 0:
            fail("part 1 must complete when 80,000-byte messages are eager", at)
        if below.returncode != 2:
            fail("part 1 must deadlock one byte past the largest eager message", below)
    scenario = entry.get("scenario")
    if scenario:
        ours = verdicts(mpilab, path, entry["ranks"], options(entry))
        theirs = verdicts(mpilab, scenario, entry["ranks"], options(entry))
        if ours != theirs:
            fail("the script and the scenario %s are told different things\n--- script: %s\n--- scenario: %s" %
                 (scenario, ours, theirs))
        print("ok: %s and the scenario %s get the same verdicts: %s" % (path, scenario, ours))
    print("ok: %s on %d ranks: %s" % (path, entry["ranks"], entry["expect"]))


def lines_per_rank(pairs, varies):
    """Each rank's lines, sorted, with floats and the manifest's `varies` patterns (text that depends on a
    random estimate, such as how many digits of pi it got right) masked."""
    per_rank = {}
    for rank, text in pairs:
        text = FLOAT.sub("<float>", text.rstrip())
        for pattern in varies:
            text = re.sub(pattern, "<varies>", text)
        per_rank.setdefault(rank, []).append(text)
    return {rank: sorted(lines) for rank, lines in per_rank.items()}


def compare(mpilab, path, entry):
    mpirun = shutil.which("mpirun.openmpi")
    probe = subprocess.run(["/usr/bin/python3", "-c", "import mpi4py.MPI"], capture_output=True)
    if not mpirun or probe.returncode != 0:
        print("skipped: python3-mpi4py or openmpi-bin not installed (apt-get install python3-mpi4py openmpi-bin)")
        return SKIPPED
    environment = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    environment.pop("PYTHONUNBUFFERED", None)   # with it, Open MPI can splice two ranks' lines into one
    real = subprocess.run([mpirun, "--allow-run-as-root", "--oversubscribe", "--tag-output", "-n", str(entry["ranks"]),
                           "/usr/bin/python3", path], capture_output=True, text=True, env=environment, timeout=600)
    if real.returncode != 0:
        fail("the program does not complete under real mpi4py", real)
    tagged = re.compile(r"^\[\d+,(\d+)\]<stdout>:(.*)$")
    varies = entry.get("varies", [])
    real_lines = lines_per_rank(((int(m.group(1)), m.group(2)) for m in map(tagged.match, real.stdout.splitlines()) if m),
                                varies)
    done, trace = run_mpilab(mpilab, path, entry["ranks"], *options(entry))
    if done.returncode != 0 or trace is None:
        fail("the program does not complete under mpilab", done)
    ours = lines_per_rank(((line["rank"], line["text"]) for line in trace["output"]), varies)
    if ours != real_lines:
        fail("the ranks print different lines\n--- real mpi4py: %s\n--- mpilab: %s" % (real_lines, ours))
    print("ok: %s prints the same lines on every rank as under mpi4py (%d lines)" %
          (path, sum(len(v) for v in ours.values())))
    return 0


def main():
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--compare"):
        sys.exit(__doc__)
    mpilab, path = sys.argv[1], sys.argv[2]
    entry = program_entry(path)
    if len(sys.argv) == 4:
        return compare(mpilab, path, entry)
    check(mpilab, path, entry)
    return 0


if __name__ == "__main__":
    sys.exit(main())
