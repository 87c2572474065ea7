#!/usr/bin/env bash
# The command line never loses work: output files are checked before a run, the report is printed even
# when a file cannot be written, files are replaced atomically, and a failing standard output is an error.
# Usage: never_lose_work.sh path/to/mpilab
set -u
mpilab=$1
work=$(mktemp -d /tmp/mpilab-never-lose-work-XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }

# A run whose output goes to a full device: the error is reported and the status is not 0.
"$mpilab" run hello > /dev/full 2> "$work/err"; status=$?
[ "$status" -ne 0 ] || fail "mpilab run hello > /dev/full exited 0"
grep -q "cannot write to standard output" "$work/err" || fail "no message for a full standard output: $(cat "$work/err")"

# The report is printed when the trace file cannot be written (a full device passes the check before
# the run but fails the write), and the status says a file was not written.
"$mpilab" run hello --trace /dev/full > "$work/out" 2> "$work/err"; status=$?
[ "$status" -eq 1 ] || fail "--trace /dev/full: status $status, expected 1"
grep -q "COMPLETED" "$work/out" || fail "--trace /dev/full: the report was not printed: $(cat "$work/out")"
grep -q "cannot write the trace file /dev/full" "$work/err" || fail "--trace /dev/full: no message: $(cat "$work/err")"

# An output in a missing folder is refused before anything runs (this run would take minutes).
start=$(date +%s)
"$mpilab" run ring -n 1024 --set laps=1000 --trace "$work/missing/x.json" > "$work/out" 2> "$work/err"; status=$?
[ "$status" -eq 1 ] || fail "--trace in a missing folder: status $status"
[ $(( $(date +%s) - start )) -lt 10 ] || fail "--trace in a missing folder was only refused after the run"
grep -q "does not exist" "$work/err" || fail "--trace in a missing folder: $(cat "$work/err")"

# Empty file names are refused, not silently ignored.
"$mpilab" run hello --trace "" > /dev/null 2> "$work/err" && fail "--trace \"\" was accepted"
grep -q -- "--trace needs a file name" "$work/err" || fail "--trace \"\": $(cat "$work/err")"
"$mpilab" run hello --chrome= > /dev/null 2> "$work/err" && fail "--chrome= was accepted"
grep -q -- "--chrome needs a file name" "$work/err" || fail "--chrome=: $(cat "$work/err")"

# A trace file is replaced atomically: a hard link to the old file keeps the old content.
"$mpilab" run hello --trace "$work/t.json" > /dev/null || fail "mpilab run hello --trace failed"
cp "$work/t.json" "$work/expected-old.json"
ln "$work/t.json" "$work/old-link.json"
"$mpilab" run ring -n 3 --trace "$work/t.json" > /dev/null || fail "mpilab run ring --trace failed"
cmp -s "$work/old-link.json" "$work/expected-old.json" || fail "the hard link to the old trace changed"
grep -q '"scenario": "ring"' "$work/t.json" || fail "the new trace was not written"
[ -z "$(ls -A "$work" | grep '\.tmp-')" ] || fail "a temporary file was left behind: $(ls -A "$work")"

# export never overwrites the trace it reads.
"$mpilab" export "$work/t.json" --chrome "$work/t.json" 2> "$work/err" && fail "export T --chrome T was accepted"
grep -q "is the trace file being exported" "$work/err" || fail "export T --chrome T: $(cat "$work/err")"
grep -q '"format": "mpilab-trace"' "$work/t.json" || fail "export T --chrome T damaged the trace"
"$mpilab" run hello --trace "$work/same.json" --chrome "$work/same.json" > /dev/null 2> "$work/err" &&
  fail "--trace and --chrome naming one file was accepted"

[ "$failures" -eq 0 ] && echo "all checks passed"
exit "$failures"
