#!/usr/bin/env bash
# Builds the .deb (mvn -Ppackage), inspects it, unpacks it into a temporary root, runs the installed
# `unroll --version` and `unroll check` on a shipped case, and opens the installed app under Xvfb:
# the time from launch to its window (median of 5) and screenshots/installed-app.png (ADR 0029).
# Needs: jpackage (JDK 17), dpkg-deb, fakeroot, xvfb, xauth, x11-utils, imagemagick, libgtk-3-0.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
mvn -B -q ${MVN_OFFLINE:-} -Ppackage -DskipTests package
deb=$(ls target/jpackage/out/*.deb)
echo "built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb -I "$deb"
dpkg-deb -c "$deb" | grep -E 'bin/unroll|\.desktop|lib/app/unroll.jar'
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
echo "installed size: $(du -sh "$root/opt/unroll" | cut -f1) ($(du -sk "$root/opt/unroll" | cut -f1) KiB), runtime $(du -sh "$root/opt/unroll/lib/runtime" | cut -f1)"
app="$root/opt/unroll/bin/unroll"
"$app" --version
"$app" check src/test/resources/cases/lstm-many-to-many.json
# the window: launched under Xvfb, polled for its title until it is mapped
times=()
for i in 1 2 3 4 5; do
  t=$(xvfb-run -a -s "-screen 0 1280x720x24" bash -c '
    JAVA_TOOL_OPTIONS=-Djava.util.prefs.userRoot='"$root"'/prefs '"$app"' >/dev/null 2>&1 &
    pid=$!; t0=$(date +%s%N)
    until xwininfo -root -tree 2>/dev/null | grep -q "\"Unroll"; do sleep 0.05; done
    t1=$(date +%s%N)
    if [ '"$i"' = 1 ]; then sleep 8; import -window root '"$PWD"'/screenshots/installed-app.png; fi
    kill $pid; echo $(( (t1 - t0) / 1000000 ))')
  times+=("$t")
done
echo "launch to window (ms): ${times[*]}; median $(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)"
echo "package-check took $(( $(date +%s) - start )) s"
