#!/usr/bin/env bash
# Builds the .deb (mvn -Ppackage), inspects it, installs it, runs the installed `unroll --version`
# and `unroll check` on a shipped case, and opens the installed app under Xvfb: the time from launch
# to its window, its first frame and the graph (medians of RUNS) and screenshots/installed-app.png (ADR 0029).
#
#   scripts/package-check.sh            build, then check
#   SKIP_BUILD=1 scripts/package-check.sh   check the .deb already in target/jpackage/out
#   RUNS=5 SHOT=path.png ...            how many launches to time; where the screenshot goes
#
# As root with apt-get (CI, a throwaway machine) the package is installed for real (`apt-get install
# ./unroll_*.deb`, which also runs its postinst: the menu entry and /usr/bin/unroll) and removed at
# the end; otherwise it is unpacked into a temporary root with `dpkg -x` (no postinst, no link).
# Needs: jpackage (JDK 17), dpkg-deb, fakeroot, xvfb, xauth, x11-utils, imagemagick, libgtk-3-0.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
runs=${RUNS:-5}
shot=${SHOT:-$PWD/screenshots/installed-app.png}
fail() { echo "package-check: $*" >&2; exit 1; }

if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q ${MVN_OFFLINE:-} -Ppackage -DskipTests package
fi
deb=$(ls target/jpackage/out/unroll_*.deb 2>/dev/null | sed -n 1p)
[ -n "$deb" ] || fail "no .deb in target/jpackage/out"
echo "built $deb ($(du -h "$deb" | cut -f1))"

# What the package holds and says about itself
dpkg-deb -I "$deb"
dpkg-deb -c "$deb" > target/jpackage/contents.txt
for f in ./opt/unroll/bin/unroll ./opt/unroll/lib/app/unroll.jar ./opt/unroll/lib/unroll-unroll.desktop \
         ./opt/unroll/lib/runtime/lib/server/libjvm.so; do
  grep -q " $f\$" target/jpackage/contents.txt || fail "$f is not in the package"
done
meta=$(mktemp -d)
root=$(mktemp -d)
installed=""
cleanup() {
  if [ -n "$installed" ]; then apt-get remove -y -q unroll >/dev/null 2>&1 || true; fi
  rm -rf "$meta" "$root"
}
trap cleanup EXIT
dpkg-deb -e "$deb" "$meta"
dpkg-deb -x "$deb" "$meta/data"
desktop="$meta/data/opt/unroll/lib/unroll-unroll.desktop"
for want in '^Name=Unroll$' '^Name\[ja\]=' '^Exec=/opt/unroll/bin/unroll %F$' \
            'application/x-unroll-case\+json' 'application/x-unroll-scene\+json' 'application/x-unroll-deck\+json'; do
  grep -Eq "$want" "$desktop" || fail "the desktop entry lacks $want"
done
grep -q 'ln -sf /opt/unroll/bin/unroll /usr/bin/unroll' "$meta/postinst" || fail "postinst does not link /usr/bin/unroll"
echo "desktop entry: $(grep -E '^(Name|Name\[ja\]|Exec|MimeType)=' "$desktop" | tr '\n' ' ')"

# Install it
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${NO_INSTALL:-}" ]; then
  # the folders a desktop has (a bare machine lacks them, and xdg-desktop-menu then installs no menu
  # entry: the postinst warns and goes on)
  mkdir -p /usr/share/applications /usr/share/desktop-directories /etc/xdg/menus
  # an earlier install of the same version would make apt-get skip this one (and its postinst)
  if dpkg -s unroll >/dev/null 2>&1; then apt-get remove -y -q unroll >/dev/null; fi
  apt-get -o DPkg::Lock::Timeout=300 install -y -q "./$deb" > target/jpackage/install.log 2>&1 \
    || { tail -20 target/jpackage/install.log; fail "apt-get install ./$deb failed"; }
  installed=yes
  grep -i 'unroll:' target/jpackage/install.log || true    # the postinst's warning, if any
  [ -L /usr/bin/unroll ] || fail "/usr/bin/unroll was not linked by the postinst"
  app=/usr/bin/unroll
  base=/opt/unroll
  echo "installed with apt-get: $(dpkg -s unroll | grep -E '^(Status|Version|Installed-Size)' | tr '\n' ' ')"
  # the menu entry and the file types, as a desktop sees them
  menu=/usr/share/applications/unroll-unroll.desktop
  [ -f "$menu" ] || fail "no menu entry $menu after installing"
  if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$menu" || fail "$menu is not a valid desktop entry"
  fi
  if command -v xdg-mime >/dev/null 2>&1 && command -v update-mime-database >/dev/null 2>&1; then
    for kind in case scene deck; do
      probe="$meta/probe.$kind.json"; echo '{}' > "$probe"
      type=$(xdg-mime query filetype "$probe")
      [ "$type" = "application/x-unroll-$kind+json" ] || fail "*.$kind.json is seen as $type"
      opener=$(xdg-mime query default "$type")
      [ "$opener" = unroll-unroll.desktop ] || fail "$type opens with '$opener', not Unroll"
    done
    echo "file types: *.case.json, *.scene.json, *.deck.json → application/x-unroll-*+json → unroll-unroll.desktop"
  fi
else
  dpkg -x "$deb" "$root"
  app="$root/opt/unroll/bin/unroll"
  base="$root/opt/unroll"
  echo "unpacked into $root (not root: no postinst, no /usr/bin/unroll)"
fi
echo "installed size: $(du -sh "$base" | cut -f1) ($(du -sk "$base" | cut -f1) KiB), runtime $(du -sh "$base/lib/runtime" | cut -f1), jar $(du -sh "$base/lib/app/unroll.jar" | cut -f1)"

# The command line
"$app" --version | grep -q '^unroll ' || fail "$app --version printed no version"
"$app" --version
"$app" check src/test/resources/cases/lstm-many-to-many.json | grep -q ': OK' || fail "the installed unroll check failed"
echo "installed unroll check: OK"

# The window: launched under Xvfb; the time until the main window is mapped, and until its first
# frame is drawn (the screen no longer one colour), and until the graph is drawn in the step-through
# pane. The first run's last frame is the screenshot.
work=$(mktemp -d)
mapped=(); drawn=(); graph=()
for i in $(seq 1 "$runs"); do
  out=$(xvfb-run -a -s "-screen 0 1280x720x24" bash -c '
    JAVA_TOOL_OPTIONS="-Djava.util.prefs.userRoot='"$work"'/prefs -Dunroll.data.dir='"$work"'/data" "'"$app"'" >'"$work"'/app.log 2>&1 &
    pid=$!; t0=$(date +%s%N); tm=""; td=""; tg=""
    for k in $(seq 1 1200); do
      kill -0 $pid 2>/dev/null || break
      if [ -z "$tm" ] && xwininfo -root -tree 2>/dev/null | grep -Eq "\"Unroll [^\"]*\": \(\"org.unroll"; then tm=$(date +%s%N); fi
      if [ -n "$tm" ]; then
        import -window root '"$work"'/frame.png 2>/dev/null
        if [ -z "$td" ] && [ "$(convert '"$work"'/frame.png -format "%[fx:standard_deviation>0.02]" info: 2>/dev/null)" = 1 ]; then td=$(date +%s%N); fi
        # the graph (drawn in the background after the window) in the step-through pane
        if [ -n "$td" ] && [ "$(convert '"$work"'/frame.png -crop 860x540+10+100 -format "%[fx:standard_deviation>0.02]" info: 2>/dev/null)" = 1 ]; then tg=$(date +%s%N); break; fi
      fi
      sleep 0.05
    done
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    [ -n "$tg" ] && echo "$(( (tm - t0) / 1000000 )) $(( (td - t0) / 1000000 )) $(( (tg - t0) / 1000000 ))"')
  [ -n "$out" ] || { tail -20 "$work/app.log"; fail "the installed app showed no window within a minute (run $i)"; }
  read -r m d g <<< "$out"
  mapped+=("$m"); drawn+=("$d"); graph+=("$g")
  if [ "$i" = 1 ]; then cp "$work/frame.png" "$shot"; fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "launch to window mapped (ms): ${mapped[*]}; median $(median "${mapped[@]}")"
echo "launch to first frame drawn (ms): ${drawn[*]}; median $(median "${drawn[@]}")"
echo "launch to the graph drawn (ms): ${graph[*]}; median $(median "${graph[@]}")"
echo "screenshot: $shot"

# Double-clicking a case file: xdg-open runs the menu entry's Exec with the file (%F), and the app
# opens on it (the window is mapped; the launcher's command line holds the file)
if [ -n "$installed" ] && command -v xdg-open >/dev/null 2>&1; then
  cp src/test/resources/cases/lstm-many-to-many.json "$work/lesson.case.json"
  opened=$(xvfb-run -a -s "-screen 0 1280x720x24" bash -c '
    export JAVA_TOOL_OPTIONS="-Djava.util.prefs.userRoot='"$work"'/prefs -Dunroll.data.dir='"$work"'/data"
    xdg-open "'"$work"'/lesson.case.json" >'"$work"'/open.log 2>&1 &
    for k in $(seq 1 1200); do
      if xwininfo -root -tree 2>/dev/null | grep -Eq "\"Unroll [^\"]*\": \(\"org.unroll"; then
        pgrep -af "^/opt/unroll/bin/unroll .*lesson.case.json" | sed -n 1p; break; fi
      sleep 0.05
    done
    pkill -f "^/opt/unroll/bin/unroll"; true')
  [ -n "$opened" ] || { cat "$work/open.log"; fail "xdg-open on a .case.json did not start Unroll on it"; }
  echo "double-click (xdg-open lesson.case.json) started: ${opened#* }"
fi
rm -rf "$work"

if [ -n "$installed" ]; then
  apt-get remove -y -q unroll > target/jpackage/remove.log 2>&1 || fail "apt-get remove unroll failed"
  installed=""
  [ ! -e /usr/bin/unroll ] || fail "/usr/bin/unroll is left after removing the package"
  echo "removed: /usr/bin/unroll gone"
fi
echo "package-check took $(( $(date +%s) - start )) s"
