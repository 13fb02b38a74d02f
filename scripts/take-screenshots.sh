#!/usr/bin/env bash
# Takes the screenshots in this folder: the real window under Xvfb (no window manager: the app
# sizes itself to the screen), one run of the app per picture, captured with ImageMagick's import.
# Needs: apt-get install -y libgtk-3-0 xvfb xauth x11-apps imagemagick fonts-ipafont-gothic \
#        librsvg2-bin poppler-utils   (to look at exported SVG and PDF as PNG)
# Run from the project root after `mvn -q compile`:  bash scripts/take-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# offline when the dependency plugin is already here, else from Maven Central (a fresh machine)
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/ui-classpath.txt >/dev/null 2>&1 ||
  mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/ui-classpath.txt >/dev/null
CP=$(cat target/ui-classpath.txt)
MP=$(echo "$CP" | tr ':' '\n' | grep openjfx | grep linux | paste -sd:)
CASES=src/test/resources/cases
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# a 200-step case: the adding problem, briefly trained by the command line
java -cp "target/classes:$CP" org.unroll.Launcher train --task adding --steps 200 --samples 40 --epochs 2 \
  --cell rnn --hidden 4 --batch 10 --lr 0.01 -o "$WORK/adding-200.json" >/dev/null

shot() {  # [SCREEN=WxH] [DATA=DIR] shot FILE.png WAIT_SECONDS APP_ARGS...   (the screen: 1920x1080 unless given;
  # DATA: the data folder, a fresh one per shot unless given, so that a shot killed mid-run leaves no
  # recovery file for the next one to offer)
  local out=$1 wait=$2 data=${DATA:-}
  shift 2
  if [ -z "$data" ]; then data=$(mktemp -d -p "$WORK"); fi
  xvfb-run -a -s "-screen 0 ${SCREEN:-1920x1080}x24" bash -c "
    java --module-path '$MP' --add-modules javafx.controls,javafx.fxml -Djava.util.prefs.userRoot='$WORK/prefs' -Dunroll.data.dir='$data' \
      -cp 'target/classes:$CP' org.unroll.ui.UnrollApp $* >'$WORK/app.log' 2>&1 &
    pid=\$!; sleep $wait; import -window root '$out'; kill -9 \$pid"
  echo "$out"
}

shot screenshots/rnn-sine-forward.png 14 --seek=65
shot screenshots/lstm-bptt-equation.png 12 --open=$CASES/lstm-many-to-many.json --seek=93
shot screenshots/adding-200-steps-backward.png 12 --open="$WORK/adding-200.json" --seek=1300
shot screenshots/adding-200-steps-fit.png 12 --open="$WORK/adding-200.json" --seek=1300 --zoom=fit
shot screenshots/lstm-rolled.png 12 --open=$CASES/lstm-many-to-many.json --seek=30 --rolled=true
shot screenshots/rnn-sine-backward-ja.png 14 --lang=ja --seek=200
# Help ▸ About: the version from the POM and the bundled libraries' licences (ADR 0029)
SCREEN=1280x720 shot screenshots/about-ja.png 14 --lang=ja --about=true
# the chapter 5 deck at its BPTT scene, the presenter view beside the window (one wide screen)
SCREEN=2200x760 shot screenshots/deck-presenter.png 25 --window=1280x720 --deck=builtin:chapter5 --scene=3 --presenter=true
# live training (the Training tab mid-run) and the RNN-vs-LSTM comparison on the adding problem
shot screenshots/training-sine-lstm-live.png 26 --train=sine --cell=lstm --hidden=8 --epochs=5000 --log=true --seek=40
# a preset (ADR 0023) training in the tab at 1280 × 720; then a run killed after its autosave, and
# the next start offering to resume it (ADR 0024)
SCREEN=1280x720 shot screenshots/training-preset-book2-adding-lstm.png 30 --preset=book2-adding-lstm --train=preset --log=true
SCREEN=1280x720 DATA="$WORK/resume" shot "$WORK/killed.png" 60 --preset=book2-adding-gru --train=preset --recovery-seconds=0
SCREEN=1280x720 DATA="$WORK/resume" shot screenshots/training-resume-offer.png 16 --tab=training
# crash recovery (ADR 0033): the LSTM case edited, saved every 3 s, killed; the next start offers it back
SCREEN=1280x720 DATA="$WORK/recovery" shot "$WORK/edited.png" 24 --open=$CASES/lstm-many-to-many.json --seek=93 \
  --edit='Wh_f[1,0]=0.7' --recovery-seconds=3
SCREEN=1280x720 DATA="$WORK/recovery" shot screenshots/recovery-offer.png 24
# a learning rate that diverges, typed as the tab's settings: the run halts on its last good weights
SCREEN=1280x720 shot screenshots/divergence.png 30 --train=sine --cell=rnn --hidden=3 --optimizer=sgd --lr=1 \
  --batch=158 --clip=0 --epochs=60
# a case file cut short, opened in the window in Japanese (ADR 0044): its problem said in Japanese,
# with the line and column where the file ends
head -c 400 $CASES/rnn-tanh-many-to-one.json > "$WORK/broken.json"
SCREEN=1280x720 shot screenshots/broken-case-ja.png 16 --lang=ja --open="$WORK/broken.json"
# a case whose forward pass overflows: its nodes holding infinity and NaN say so over their strips
SCREEN=1280x720 shot screenshots/nan-infinity-nodes.png 14 --open=src/test/resources/overflow/rnn-linear-overflow.json \
  --seek=40 --zoom=fit
shot screenshots/compare-rnn-lstm-adding.png 45 --compare=true   # the tab's defaults: T = 60, H = 8, 80 epochs

# View ▸ Notation: the LSTM case in TensorFlow 1.x's names with the Fused kernel tab (lstm_cell/kernel
# [I+H, 4H], blocks i j f o), and the demo RNN in the book's notation in Japanese (the e_h note),
# both on a 1280 × 720 screen, as on a projector
SCREEN=1280x720 shot screenshots/lstm-tensorflow-fused-kernel.png 14 --open=$CASES/lstm-many-to-many.json --seek=93 --notation=tensorflow --tab=fused
SCREEN=1280x720 shot screenshots/rnn-book-ja.png 22 --lang=ja --notation=book --seek=200

# presentation mode (View ▸ Presentation, ADR 0015): the demo in Japanese at the largest type size
# with high contrast, full screen on a 1280 × 720 screen (the mouse has not moved: the controls hid)
SCREEN=1280x720 shot screenshots/presentation-ja-1280x720.png 24 --lang=ja --type-size=4 --high-contrast=true \
  --seek=200 --full-screen=true
# the spotlight (L) at type size 2, where the mouse rests (the window's middle before it moves)
SCREEN=1280x720 shot screenshots/presentation-spotlight.png 22 --type-size=2 --spotlight=true --seek=60
# errors on a log scale: the 200-step adding problem at the end of BPTT, fitted; the vanishing
# gradient fades across the steps instead of turning white, ‖e_h(t)‖ along the overview strip
shot screenshots/adding-200-steps-log-errors.png 14 --open="$WORK/adding-200.json" --seek=1598 --zoom=fit \
  --log-errors=true

# the Export dialog over the LSTM case at event 93
shot screenshots/export-dialog.png 18 --open=$CASES/lstm-many-to-many.json --seek=93 --export=graph
# editing the numbers (ADR 0019) on a 1280 × 720 screen: W_f selected in the band, its grid under
# the inspector; the same after W_f[1,0] = 0.7 (every number computed again, the edit in the
# history); the gradient-check panel at W_f
SCREEN=1280x720 shot screenshots/edit-weight-grid.png 16 --open=$CASES/lstm-many-to-many.json --seek=93 --select=Wh_f
SCREEN=1280x720 shot screenshots/edit-weight-after.png 16 --open=$CASES/lstm-many-to-many.json --seek=93 --select=Wh_f \
  "--edit=Wh_f[1,0]=0.7"
SCREEN=1280x720 shot screenshots/gradient-check-panel.png 18 --open=$CASES/lstm-many-to-many.json --seek=93 --gradcheck=Wh_f
# exported figures, made headless by the command line and converted to PNG to look at them:
# the graph as SVG (rendered by librsvg) and a plot as PDF in Japanese (rendered by poppler)
EXPORT="java -Djava.awt.headless=true -cp target/classes:$CP org.unroll.Launcher export"
$EXPORT --case $CASES/lstm-many-to-many.json --at 93 --equation --title "BPTT through an LSTM: δ of the forget gate at t = 3" \
  -o "$WORK/graph.svg" >/dev/null
rsvg-convert -o screenshots/export-graph-svg.png "$WORK/graph.svg"
$EXPORT --view gates --train-epochs 60 --cell lstm --hidden 8 --lang ja --title "LSTM のゲート (正弦波、60 エポック)" \
  -o "$WORK/gates.pdf" >/dev/null
pdftoppm -png -r 72 -singlefile "$WORK/gates.pdf" screenshots/export-gates-pdf-ja
# the BPTT walk as an animated GIF: the forward pass of a short RNN, then its first errors
$EXPORT --case $CASES/rnn-tanh-many-to-one.json --at 1..40 --equation --width 640 --height 360 --delay 500 \
  -o screenshots/export-walk-rnn.gif >/dev/null
echo screenshots/export-graph-svg.png screenshots/export-gates-pdf-ja.png screenshots/export-walk-rnn.gif
# a page of the chapter 5 deck's handout (export --deck): the vanishing-gradient scene in Japanese
$EXPORT --deck builtin:chapter5 --lang ja -o "$WORK/handout.pdf" >/dev/null
pdftoppm -png -r 72 -f 7 -l 7 -singlefile "$WORK/handout.pdf" screenshots/handout-page-ja
echo screenshots/handout-page-ja.png
# worksheets (File ▸ Worksheet…, export --view worksheet): a sheet page of the mini LSTM in Japanese
# and a page of its answer key in English, rendered by poppler; and the dialog over the mini GRU
$EXPORT --case builtin:mini-lstm --view worksheet --lang ja -o "$WORK/sheet-ja.pdf" >/dev/null
pdftoppm -png -r 90 -f 2 -l 2 -singlefile "$WORK/sheet-ja.pdf" screenshots/worksheet-page-ja
$EXPORT --case builtin:mini-rnn --view worksheet --key separate -o "$WORK/sheet.pdf" >/dev/null
pdftoppm -png -r 90 -f 1 -l 1 -singlefile "$WORK/sheet-key.pdf" screenshots/worksheet-answer-key
echo screenshots/worksheet-page-ja.png screenshots/worksheet-answer-key.png
SCREEN=1280x720 shot screenshots/worksheet-dialog.png 24 --open=builtin:mini-gru --seek=20 --worksheet=true

# predict, then reveal and the chain rule on the edges (issue 11, ADR 0018), at 1280 × 720: the demo's
# e_h(8) hidden (the equation's numbers shown, the result a box, a "?" on p(8)), then revealed with
# its three factors on the edges; the LSTM's e_c(3) with its factors; the gradient table of W at
# step 12 with the terms as matrices and step 5's term selected (e_h(5) and h(4) marked)
SCREEN=1280x720 shot screenshots/predict-before-reveal.png 24 --type-size=1 --predict=true --seek=182
SCREEN=1280x720 shot screenshots/predict-after-reveal.png 24 --type-size=1 --predict=true --seek=182 --reveal=true
SCREEN=1280x720 shot screenshots/chain-rule-lstm.png 40 --open=$CASES/lstm-many-to-many.json --type-size=1 \
  --predict=false --seek=90
SCREEN=1280x720 shot screenshots/gradient-table-terms.png 30 --predict=false --seek=241 --select=Wh --term=5

# File ▸ Import… (ADR 0021): the Import dialog on a Keras .h5 written by `export --format keras` from
# the LSTM reference case, on a 1280 × 720 screen: what was found and the mapping it applies
java -cp "target/classes:$CP" org.unroll.Launcher export --case $CASES/lstm-many-to-many.json --format keras \
  -o "$WORK/lstm-many-to-many.h5" >/dev/null
SCREEN=1280x720 shot screenshots/import-dialog-keras.png 20 --open=$CASES/lstm-many-to-many.json --seek=1 \
  --import="$WORK/lstm-many-to-many.h5"
# the same in Japanese: the mapping lines and notes in the window's language
SCREEN=1280x720 shot screenshots/import-dialog-keras-ja.png 20 --lang=ja --open=$CASES/lstm-many-to-many.json --seek=1 \
  --import="$WORK/lstm-many-to-many.h5"
