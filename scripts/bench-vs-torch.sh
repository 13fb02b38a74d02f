#!/usr/bin/env bash
# Runs `unroll bench` and the PyTorch baseline torch_reference.py side by side, one configuration
# after the other, and prints per row: our median, PyTorch's, the ratio, and µs per step.
# With BASE=other.jar it also runs that jar (say, a build of the code before a change) in the same
# go, alternating with target/unroll.jar, and prints its median and new ÷ base.
# Needs: target/unroll.jar (mvn -q -DskipTests package) and Debian's python3-torch; TORCH= names the
# PyTorch script; it is not in this repository (default: the planners' copy beside it, ../shared/bench/).
# Usage: [BASE=old.jar] scripts/bench-vs-torch.sh [seconds-per-run]   (rows are in the ROWS list below)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-2}
TORCH=${TORCH:-../shared/bench/torch_reference.py}
BASE=${BASE:-}
if [ ! -f "$TORCH" ]; then
  echo "bench-vs-torch: no PyTorch baseline at $TORCH (not part of this repository): set TORCH=path/to/torch_reference.py." >&2
  echo "Unroll's own timings need no baseline: java -jar target/unroll.jar bench --cell lstm --input 1 --hidden 20 --steps 100 --batch 1" >&2
  exit 2
fi
ROWS=${ROWS:-"lstm:20:25 lstm:20:100 lstm:20:1000 lstm:64:25 lstm:64:100 lstm:64:1000 lstm:128:25 lstm:128:100 lstm:128:1000 lstm:256:25 lstm:256:100 lstm:256:1000 rnn:20:25 rnn:20:100 rnn:20:1000 gru:64:25 gru:64:100 gru:64:1000"}
ours() {
  java -jar "$1" bench --cell "$cell" --input 1 --hidden "$h" --steps "$t" --batch 1 --seconds "$secs"
}
if [ -n "$BASE" ]; then
  printf '%-6s %5s %5s %12s %12s %9s %12s %7s %11s %11s\n' cell H T unroll_ms base_ms new/base torch_ms ratio unroll_us/t torch_us/t
else
  printf '%-6s %5s %5s %12s %12s %7s %11s %11s %10s\n' cell H T unroll_ms torch_ms ratio unroll_us/t torch_us/t trace_KiB
fi
for row in $ROWS; do
  IFS=: read -r cell h t <<<"$row"
  out=$(ours target/unroll.jar)
  om=$(echo "$out" | sed -n 's/^median_ms=//p')
  kib=$(echo "$out" | awk '$1=="trace_KiB"{print $2}')
  tm=$(/usr/bin/python3 "$TORCH" --cell "$cell" --input 1 --hidden "$h" --steps "$t" --batch 1 --threads 1 --seconds "$secs" | sed -n 's/^median_ms=//p')
  if [ -n "$BASE" ]; then
    bm=$(ours "$BASE" | sed -n 's/^median_ms=//p')
    awk -v c="$cell" -v h="$h" -v t="$t" -v o="$om" -v b="$bm" -v p="$tm" 'BEGIN{printf "%-6s %5d %5d %12.3f %12.3f %9.2f %12.3f %6.1fx %11.2f %11.2f\n", c,h,t,o,b,o/b,p,p/o,o*1000/t,p*1000/t}'
  else
    awk -v c="$cell" -v h="$h" -v t="$t" -v o="$om" -v p="$tm" -v k="$kib" 'BEGIN{printf "%-6s %5d %5d %12.3f %12.3f %6.1fx %11.2f %11.2f %10s\n", c,h,t,o,p,p/o,o*1000/t,p*1000/t,k}'
  fi
done
