#!/usr/bin/env bash
# Training side by side with the book's PyTorch scripts, one row after the other (ADR 0022): per row
# Unroll's `train` and the PyTorch baseline on the same task, cell, batch and epochs, alternately,
# ROUNDS times; prints the training loop's seconds, the training sequences per epoch, the time per
# training sequence and the ratio (PyTorch's time per sequence ÷ Unroll's: above 1, Unroll is faster).
# With BASE=other.jar it also runs that jar in the same go and prints its time per sequence.
# Needs target/unroll.jar (mvn -q -DskipTests package) and Debian's python3-torch (run as
# /usr/bin/python3); the PyTorch scripts are not in this repository: BENCH= names their folder
# (default: the planners' copy beside it, ../shared/bench/).
# Usage: [ROUNDS=2] [BASE=old.jar] [THREADS=N] [TORCH_THREADS=N] scripts/train-vs-torch.sh [row ...]
#   THREADS: Unroll's (default: every core); TORCH_THREADS: PyTorch's (default: its scripts' own, 1)
#   row = task:cell:batch:epochs[:samples], task adding (T = 200, 10,000 sequences, 50 units, AMSGrad, lr 0.001)
#   or sine (20 units, Adam, lr 0.001); default rows: the adding problem and the sine at batch 1, 10, 100.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=${BENCH:-../shared/bench}
ROUNDS=${ROUNDS:-2}
BASE=${BASE:-}
THREADS=${THREADS:-}
if [ ! -f "$BENCH/book_adding_torch.py" ] || [ ! -f "$BENCH/torch_sine_reference.py" ]; then
  echo "train-vs-torch: no PyTorch scripts in $BENCH (not part of this repository): set BENCH=folder." >&2
  exit 2
fi
# Debian's PyTorch takes its BLAS from the libblas.so.3 alternative: the reference BLAS (libblas3, what
# python3-torch pulls in alone) makes it several times slower, so a side-by-side run on it says nothing
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)
case "$blas" in
  */openblas*) ;;
  *) echo "train-vs-torch: PyTorch would run on the reference BLAS (${blas:-no libblas.so.3}): apt-get install libopenblas0-pthread first." >&2
     exit 2 ;;
esac
ROWS=${*:-"adding:lstm:100:2 adding:gru:100:2 sine:rnn:1:100 sine:rnn:10:100 sine:rnn:100:300 sine:lstm:1:100 sine:lstm:10:100 sine:lstm:100:300 sine:gru:10:100 sine:gru:100:300"}
ours() { # jar task cell batch epochs samples -> "seconds trainCount"
  local extra=()
  [ -n "$THREADS" ] && extra+=(--threads "$THREADS")
  if [ "$2" = adding ]; then
    extra+=(--steps 200 --samples "$6" --hidden 50 --optimizer amsgrad --lr 0.001)
    # the book's 80/20 split, as the PyTorch script holds out (a jar from before the option: its own 90/10)
    [ "$1" = target/unroll.jar ] && extra+=(--validation 0.2 --validation-split last)
  else
    extra+=(--hidden 20 --optimizer adam --lr 0.001)
  fi
  local out
  out=$(java -jar "$1" train --task "$2" --cell "$3" --batch "$4" --epochs "$5" "${extra[@]}")
  echo "$(echo "$out" | sed -n 's/^seconds=//p') $(echo "$out" | sed -n 's/.* train=\([0-9]*\) .*/\1/p' | head -1)"
}
theirs() { # task cell batch epochs samples -> "seconds trainCount"
  if [ "$1" = adding ]; then
    local s
    s=$(/usr/bin/python3 "$BENCH/book_adding_torch.py" ${TORCH_THREADS:+--threads "$TORCH_THREADS"} --cell "$2" --hidden 50 --batch "$3" --epochs "$4" --samples "$5" | sed -n 's/^seconds=//p')
    echo "$s $(( $5 * 8 / 10 / $3 * $3 ))"
  else
    local out
    out=$(/usr/bin/python3 "$BENCH/torch_sine_reference.py" ${TORCH_THREADS:+--threads "$TORCH_THREADS"} --cell "$2" --hidden 20 --batch "$3" --epochs "$4")
    echo "$(echo "$out" | sed -n 's/^seconds=//p') $(echo "$out" | sed -n 's/.* train=\([0-9]*\) .*/\1/p')"
  fi
}
printf '%-7s %-5s %5s %6s %5s | %9s %6s %11s | %9s %6s %11s | %6s%s\n' task cell batch epochs round \
  unroll_s seqs unroll_us/seq torch_s seqs torch_us/seq ratio "$([ -n "$BASE" ] && echo ' | base_us/seq new/base')"
for row in $ROWS; do
  IFS=: read -r task cell batch epochs samples <<<"$row"
  samples=${samples:-10000}
  for r in $(seq 1 "$ROUNDS"); do
    read -r os on <<<"$(ours target/unroll.jar "$task" "$cell" "$batch" "$epochs" "$samples")"
    read -r ts tn <<<"$(theirs "$task" "$cell" "$batch" "$epochs" "$samples")"
    base=""
    if [ -n "$BASE" ]; then
      read -r bs bn <<<"$(ours "$BASE" "$task" "$cell" "$batch" "$epochs" "$samples")"
      base=$(awk -v b="$bs" -v n="$bn" -v e="$epochs" -v o="$os" -v on="$on" 'BEGIN{printf " | %11.1f %8.2f", b*1e6/(n*e), (o/on)/(b/n)}')
    fi
    awk -v t="$task" -v c="$cell" -v b="$batch" -v e="$epochs" -v r="$r" -v os="$os" -v on="$on" -v ts="$ts" -v tn="$tn" -v base="$base" \
      'BEGIN{ou=os*1e6/(on*e); tu=ts*1e6/(tn*e); printf "%-7s %-5s %5d %6d %5d | %9.3f %6d %11.1f | %9.3f %6d %11.1f | %5.2fx%s\n", t,c,b,e,r,os,on,ou,ts,tn,tu,tu/ou,base}'
  done
done
