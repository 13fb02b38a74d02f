#!/usr/bin/env bash
# `bench --ui` side by side (ADR 0013, 0034): for each of the three cases of issue 10 (the demo, the
# LSTM over 200 steps, the RNN over 1,000), ROUNDS rounds of one run of each variant in turn
# (A, B, A, B, …), so that the machine's drift falls on all alike; a line per run with its
# median_ms and max_ms, then per case and variant the range over the rounds.
#
# A variant is LABEL=JAR or LABEL=JAR@JVM-OPTIONS (options separated by commas), e.g.
#   scripts/bench-ui.sh 3 60 base=/tmp/base.jar new=target/unroll.jar
#   scripts/bench-ui.sh 3 60 tiles=target/unroll.jar one-image=target/unroll.jar@-Dunroll.graph.tile=0
# With no variant: target/unroll.jar alone. CASES= limits the cases (demo lstm rnn). Needs xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
events=${2:-60}
shift $(( $# >= 2 ? 2 : $# ))
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=("unroll=target/unroll.jar")
CASES=${CASES:-"demo lstm rnn"}
out=${OUT:-$(mktemp -d /tmp/bench-ui.XXXXXX)}
mkdir -p "$out"
declare -A file=([demo]="" [lstm]=src/test/resources/bench/lstm-adding-200.json [rnn]=src/test/resources/bench/rnn-adding-1000.json)
printf '%-5s %-6s %-12s %10s %10s\n' round case variant median_ms max_ms
for ((r = 1; r <= rounds; r++)); do
  for c in $CASES; do
    for v in "${variants[@]}"; do
      label=${v%%=*}; rest=${v#*=}; jar=${rest%%@*}; opts=()
      if [[ $rest == *@* ]]; then IFS=, read -r -a opts <<<"${rest#*@}"; fi
      args=(bench --ui --events "$events")
      [ -z "${file[$c]}" ] || args+=(--case "${file[$c]}")
      log="$out/$c-$label-$r.log"
      xvfb-run -a -s "-screen 0 1280x720x24" java "${opts[@]}" -jar "$jar" "${args[@]}" >"$log" 2>&1 || true
      printf '%-5s %-6s %-12s %10s %10s\n' "$r" "$c" "$label" \
        "$(sed -n 's/^median_ms=//p' "$log")" "$(sed -n 's/^max_ms=//p' "$log")"
    done
  done
done | tee "$out/runs.txt"
echo "per case and variant, over the rounds (median_ms range / max_ms range); logs in $out"
awk '$1 ~ /^[0-9]+$/ && $4 != "" { k = $2 " " $3; if (!(k in lo) || $4 < lo[k]) lo[k] = $4; if ($4 > hi[k]) hi[k] = $4;
       if (!(k in mlo) || $5 < mlo[k]) mlo[k] = $5; if ($5 > mhi[k]) mhi[k] = $5 }
     END { for (k in lo) printf "%-20s median %s–%s ms, max %s–%s ms\n", k, lo[k], hi[k], mlo[k], mhi[k] }' "$out/runs.txt" | sort
