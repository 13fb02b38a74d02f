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
trap 'rm -rf "$WORK"' EXIT
xvfb-run -a -s "-screen 0 1280x720x24" java -Xmx512m --module-path "$MP" --add-modules javafx.controls,javafx.fxml \
  -Djava.util.prefs.userRoot="$WORK/prefs" -Dunroll.data.dir="$WORK/data" -cp "target/classes:$CP" \
  org.unroll.ui.UnrollApp --cell=lstm --hidden=8 --train=sine --soak="$MIN" --soak-every="$EVERY" \
  --soak-csv="$OUT.csv" >"$WORK/app.log" 2>&1 || { tail -20 "$WORK/app.log"; exit 1; }
java -cp "$CP" scripts/SoakPlot.java "$OUT.csv" "$OUT.png"
