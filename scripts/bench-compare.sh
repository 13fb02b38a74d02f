#!/usr/bin/env bash
# Compares target/unroll.jar with another build (say, the code before a change) on the rows of
# bench-vs-torch.sh: per row ROUNDS alternating runs of each (new, base, new, base, …), and prints
# the median of each one's medians and new ÷ base. Both run in the same go, so the machine's drift
# falls on both alike. Usage: scripts/bench-compare.sh BASE.jar [rounds] [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: scripts/bench-compare.sh BASE.jar [rounds] [seconds-per-run]}
rounds=${2:-3}
secs=${3:-2}
ROWS=${ROWS:-"lstm:20:25 lstm:20:100 lstm:20:1000 lstm:64:25 lstm:64:100 lstm:64:1000 lstm:128:25 lstm:128:100 lstm:128:1000 lstm:256:25 lstm:256:100 lstm:256:1000 rnn:20:25 rnn:20:100 rnn:20:1000 gru:64:25 gru:64:100 gru:64:1000"}
med() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '%-6s %5s %5s %10s %10s %9s\n' cell H T new_ms base_ms new/base
for row in $ROWS; do
  IFS=: read -r cell h t <<<"$row"
  n=(); b=()
  for ((r = 0; r < rounds; r++)); do
    for jar in target/unroll.jar "$base"; do
      m=$(java -jar "$jar" bench --cell "$cell" --input 1 --hidden "$h" --steps "$t" --batch 1 --seconds "$secs" \
        | sed -n 's/^median_ms=//p')
      if [ "$jar" = "$base" ]; then b+=("$m"); else n+=("$m"); fi
    done
  done
  nm=$(printf '%s\n' "${n[@]}" | med)
  bm=$(printf '%s\n' "${b[@]}" | med)
  awk -v c="$cell" -v h="$h" -v t="$t" -v n="$nm" -v b="$bm" 'BEGIN{printf "%-6s %5d %5d %10.3f %10.3f %9.2f\n", c,h,t,n,b,n/b}'
done
