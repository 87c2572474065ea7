#!/bin/sh
# Rewrites the example traces in this folder with the given mpilab binary (default: build/bin/mpilab).
# Each trace is a deterministic run saved without wall time, so the same sources give the same bytes.
# Run it after changing a scenario these traces come from (their line numbers are in the traces).
set -u
mpilab=${1:-build/bin/mpilab}
here=$(dirname "$0")
example() {
    name=$1
    shift
    "$mpilab" run "$@" --trace "$here/$name.json" > /dev/null
    status=$?
    [ "$status" -le 3 ] && [ "$status" -ne 1 ] || { echo "mpilab run $* failed with status $status" >&2; exit 1; }
}
example send-send send-send                                   # deadlock: two rendezvous sends
example alltoall-deadlock alltoall-deadlock                   # the alltoall challenge, part 1
example alltoall-isend alltoall-isend                         # ... and its fix with Isend
example pipeline pipeline                                     # ranks waiting one after another
example igather-vs-gather igather-vs-gather                   # load imbalance hidden by Igather
example game-of-life game-of-life --set generations=5         # halo exchange with Sendrecv
example type-mismatch type-mismatch                           # error: int64 into an int32 buffer
example collective-in-branch collective-in-branch             # deadlock: reduce on rank 0 only
# The match order of wildcard-race that deadlocks: no schedule of a run takes it (matching follows virtual
# time), check's exploration finds it and saves it; `mpilab run wildcard-race --replay FILE` replays it.
"$mpilab" check wildcard-race --trace "$here/wildcard-race-check.json" > /dev/null
[ $? -eq 2 ] || { echo "mpilab check wildcard-race did not find its deadlock" >&2; exit 1; }
