#!/usr/bin/env bash
# Draws every trace in DIR with the GUI's headless screenshot path (one X server for all of them): each
# must be drawn (exit 0), or at most refused with a message (exit 1) — never a signal, an assertion, a
# sanitizer report or a hang (30 s each).
# Usage: xvfb-run -a fuzz_screenshots.sh path/to/mpilab-gui DIR [SHARD SHARDS]
# With SHARD and SHARDS, only every SHARDS-th trace from the SHARD-th (counting from 0): shards run side by
# side, each under an X server of its own.
set -u
gui=$1
dir=$2
shard=${3:-0}
shards=${4:-1}
failures=0
drawn=0
refused=0
index=-1
for trace in "$dir"/mutant_*.json; do
  index=$((index + 1))
  [ $((index % shards)) -eq "$shard" ] || continue
  timeout 30 "$gui" --screenshot "$dir/shot-$shard.png" --trace "$trace" --frames 2 --size 640x480 > "$dir/out-$shard" 2> "$dir/err-$shard"
  rc=$?
  if [ "$rc" -eq 0 ]; then
    drawn=$((drawn + 1))
  elif [ "$rc" -eq 1 ] && ! grep -qi "assert\|sanitizer\|runtime error" "$dir/err-$shard"; then
    refused=$((refused + 1))
  else
    failures=$((failures + 1))
    echo "FAILED: exit $rc on $trace: $(head -c 400 "$dir/err-$shard")"
  fi
done
echo "$drawn drawn, $refused refused with a message, $failures failed"
[ "$drawn" -gt 0 ] && [ "$failures" -eq 0 ]
