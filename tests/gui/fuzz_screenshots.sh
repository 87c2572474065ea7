#!/usr/bin/env bash
# Draws every trace in DIR with the GUI's headless screenshot path (one X server for all of them): each
# must be drawn (exit 0), or at most refused with a message (exit 1) — never a signal, an assertion, a
# sanitizer report or a hang (30 s each).
# Usage: xvfb-run -a fuzz_screenshots.sh path/to/mpilab-gui DIR
set -u
gui=$1
dir=$2
failures=0
drawn=0
refused=0
for trace in "$dir"/mutant_*.json; do
  timeout 30 "$gui" --screenshot "$dir/shot.png" --trace "$trace" --frames 2 --size 640x480 > "$dir/out" 2> "$dir/err"
  rc=$?
  if [ "$rc" -eq 0 ]; then
    drawn=$((drawn + 1))
  elif [ "$rc" -eq 1 ] && ! grep -qi "assert\|sanitizer\|runtime error" "$dir/err"; then
    refused=$((refused + 1))
  else
    failures=$((failures + 1))
    echo "FAILED: exit $rc on $trace: $(head -c 400 "$dir/err")"
  fi
done
echo "$drawn drawn, $refused refused with a message, $failures failed"
[ "$drawn" -gt 0 ] && [ "$failures" -eq 0 ]
