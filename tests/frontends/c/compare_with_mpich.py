#!/usr/bin/python3
"""Runs every completing program of the C corpus (corpus.table, "mpich: yes") under MPICH and under
mpilab, and checks that each rank printed the same lines (sorted per rank: ranks interleave
differently, a rank's own lines may not). Exit status 0: all equal; 1: a difference (printed);
77: MPICH is not installed (the test is skipped).

    compare_with_mpich.py MPILAB CORPUS_DIR WORK_DIR
"""
import collections
import json
import os
import re
import shutil
import subprocess
import tempfile
import sys


def corpus_rows(corpus):
    with open(os.path.join(corpus, "corpus.table")) as table:
        for line in table:
            if line.startswith("#") or "|" not in line:
                continue
            file, ranks, args, outcome, pattern, mpich, title = [f.strip() for f in line.split("|")]
            yield file, int(ranks), args.split(), outcome, mpich == "yes"


def mpich_output(exe, ranks, args):
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    # One file per rank and stream: -prepend-rank marks each write, so partial lines (printf("%d ", x),
    # std::cout << a << b) of different ranks interleave in its output.
    lines = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as folder:
        run = subprocess.run(["mpiexec.mpich", "-n", str(ranks), "-outfile-pattern", os.path.join(folder, "out.%r"),
                              "-errfile-pattern", os.path.join(folder, "err.%r"), exe, *args],
                             capture_output=True, text=True, timeout=120, env=env)
        for rank in range(ranks):
            for stream in ("out", "err"):
                path = os.path.join(folder, f"{stream}.{rank}")
                if not os.path.exists(path):
                    continue
                with open(path, errors="replace") as f:
                    for line in f.read().splitlines():
                        if re.search(r"\bUCX +(WARN|ERROR)\b", line):   # the transport's own noise
                            continue
                        lines[rank].append(line.rstrip())
    return run.returncode, lines


def mpilab_output(mpilab, corpus, file, ranks, args, trace_file):
    run = subprocess.run([mpilab, "run", file, "-n", str(ranks), "--trace", trace_file, "--", *args], cwd=corpus,
                         capture_output=True, text=True, timeout=120)
    lines = collections.defaultdict(list)
    if os.path.exists(trace_file):
        with open(trace_file) as f:
            for row in json.load(f)["output"]:
                lines[row["rank"]].append(row["text"].rstrip())
    return run.returncode, lines, run.stdout + run.stderr


def main():
    mpilab, corpus, work = sys.argv[1:4]
    missing = [tool for tool in ("mpicc.mpich", "mpicxx.mpich", "mpiexec.mpich") if shutil.which(tool) is None]
    if missing:
        print(f"skipped: mpich not installed ({', '.join(missing)} not found; sudo apt-get install mpich)")
        return 77
    os.makedirs(work, exist_ok=True)
    compared, failures = 0, []
    for file, ranks, args, outcome, compare in corpus_rows(corpus):
        if not compare:
            continue
        name = os.path.splitext(file)[0]
        exe = os.path.join(work, name)
        compiler = "mpicxx.mpich" if file.endswith(".cpp") else "mpicc.mpich"
        build = subprocess.run([compiler, "-o", exe, os.path.join(corpus, file), "-lm"], capture_output=True, text=True)
        if build.returncode != 0:
            failures.append(f"{file}: {compiler} failed:\n{build.stderr}")
            continue
        mpich_status, mpich_lines = mpich_output(exe, ranks, args)
        mpilab_status, mpilab_lines, mpilab_text = mpilab_output(mpilab, corpus, file, ranks, args,
                                                                 os.path.join(work, name + ".json"))
        if mpich_status != 0:
            failures.append(f"{file}: mpiexec -n {ranks} exited with {mpich_status}")
        if mpilab_status != 0:
            failures.append(f"{file}: mpilab run exited with {mpilab_status}:\n{mpilab_text}")
        for rank in range(ranks):
            theirs, ours = sorted(mpich_lines.get(rank, [])), sorted(mpilab_lines.get(rank, []))
            if theirs != ours:
                failures.append(f"{file}, rank {rank}:\n  MPICH:  {theirs}\n  mpilab: {ours}")
        compared += 1
        print(f"{file}: {ranks} ranks, same output per rank" if not failures or not failures[-1].startswith(file)
              else f"{file}: DIFFERENT")
    for failure in failures:
        print(failure)
    print(f"{compared} programs compared with MPICH, {len(failures)} differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
