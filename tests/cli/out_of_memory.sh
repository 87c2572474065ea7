#!/usr/bin/env bash
# Running out of memory is an outcome, never a crash or a machine-wide out-of-memory kill: a scenario whose
# memory is predictable is refused before it starts, a run past its budget (--max-memory) ends as the error
# "out of memory" with its report, and so does a run the system refuses memory to (ulimit -v).
# Usage: out_of_memory.sh path/to/mpilab
set -u
mpilab=$1
work=$(mktemp -d /tmp/mpilab-out-of-memory-XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }

# The alltoall challenge at 1024 ranks needs about 168 GB: refused at once, with the numbers.
start=$(date +%s)
"$mpilab" run alltoall-deadlock -n 1024 > "$work/out" 2> "$work/err"; status=$?
[ "$status" -eq 1 ] || fail "alltoall-deadlock -n 1024: status $status, expected 1"
[ $(( $(date +%s) - start )) -lt 10 ] || fail "alltoall-deadlock -n 1024 was not refused before it started"
grep -q "needs about 168 GB, more than its memory budget of" "$work/err" || fail "alltoall-deadlock -n 1024: $(cat "$work/err")"

# A run past its budget: the trace grows with every lap of the ring until the budget ends the run.
"$mpilab" run ring -n 1024 --set laps=1000 --max-memory 50MB --trace "$work/ring.json" > "$work/out" 2> "$work/err"; status=$?
[ "$status" -eq 3 ] || fail "ring past --max-memory 50MB: status $status, expected 3 (error); $(tail -3 "$work/err")"
grep -q "this run needs more than 50 MB (the budget); lower -n or the message size" "$work/out" && grep -q "ERROR (out of memory)" "$work/out" ||
  fail "ring past --max-memory 50MB: $(head -20 "$work/out")"
grep -q "threw an exception" "$work/out" && fail "running out of memory was blamed on the program"
"$mpilab" show "$work/ring.json" > /dev/null 2>&1; [ $? -eq 3 ] || fail "the trace so far was not saved as a valid trace"

# Under `ulimit -v` the system refuses memory before any budget does (--max-memory set out of the way):
# the report says out of memory, not that the program threw.
( ulimit -v 1500000; exec "$mpilab" run alltoall-isend -n 8 --set count=10000000 --max-memory 1000GB ) > "$work/out" 2> "$work/err"; status=$?
[ "$status" -eq 3 ] || fail "alltoall-isend under ulimit -v: status $status, expected 3; $(tail -3 "$work/err")"
grep -q "ERROR (out of memory)" "$work/out" && grep -q "the system refused this run more memory" "$work/out" || fail "alltoall-isend under ulimit -v: $(head -20 "$work/out") $(cat "$work/err")"

# --max-memory is checked like every option.
"$mpilab" run hello --max-memory lots > /dev/null 2> "$work/err" && fail "--max-memory lots was accepted"
grep -q -- "--max-memory expects a size, not 'lots'" "$work/err" || fail "--max-memory lots: $(cat "$work/err")"

[ "$failures" -eq 0 ] && echo "all checks passed"
exit "$failures"
