#!/usr/bin/env bash
# The long soak (ADR 0028): the real window under Xvfb trains (noisy sine, LSTM, live plots) while the
# stepper steps five times a second; every SECONDS the heap used after a full GC and the JavaFX
# thread's latency go to a CSV, then a PNG of the memory curve is drawn.
# Usage (after `mvn -q compile`): bash scripts/soak.sh [MINUTES=30] [SECONDS=10] [OUT=docs/figures/soak]
set -euo pipefail
cd "$(dirname "$0")/.."
MIN=${1:-30}; EVERY=${2:-10}; OUT=${3:-docs/figures/soak}
mkdir -p "$(dirname "$OUT")"
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/ui-classpath.txt >/dev/null
CP=$(cat target/ui-classpath.txt)
MP=$(echo "$CP" | tr ':' '\n' | grep openjfx | grep linux | paste -sd:)
WORK=$(mktemp -d)
LOG=${LOG:-target/soak-app.log}   # the app's own output, kept
trap 'rm -rf "$WORK"' EXIT
xvfb-run -a -s "-screen 0 1280x720x24" java -Xmx512m --module-path "$MP" --add-modules javafx.controls,javafx.fxml \
  -Djava.util.prefs.userRoot="$WORK/prefs" -Dunroll.data.dir="$WORK/data" -cp "target/classes:$CP" \
  org.unroll.ui.UnrollApp --cell=lstm --hidden=8 --train=sine --soak="$MIN" --soak-every="$EVERY" \
  --soak-csv="$OUT.csv" >"$LOG" 2>&1 || { tail -20 "$LOG"; exit 1; }
# a soak that ended before its minutes is a finding: say so, with the app's last words
last=$(tail -1 "$OUT.csv" | cut -d, -f1)
if awk -v l="$last" -v m="$MIN" -v e="$EVERY" 'BEGIN{exit !(l < m * 60 - 2 * e)}'; then
  echo "soak: ended after $last s of $((MIN * 60)); the app's log ($LOG):" >&2; tail -20 "$LOG" >&2
fi
java -cp "$CP" scripts/SoakPlot.java "$OUT.csv" "$OUT.png"
