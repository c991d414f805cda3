#!/usr/bin/env bash
# Measures the real desktop app on a big archive under Xvfb:
#
#   scripts/gui-figures.sh ARCHIVE.db [SHOTS_DIR]
#
# (after `make build`). It prints, one line each: the time from the process
# start to the window and to the first table rows on screen, then the app's
# CPU time so far (user+sys, /proc/PID/stat) and memory (/proc/PID/status:
# VmRSS, RssAnon = private, RssFile = mapped libraries; the Go heap after
# the last GC from GODEBUG=gctrace=1) after the
# start, after jumping to the last row (End), after sorting by a column
# (header click), and after a search typed in the box and End in its
# result, with the time each
# step took to settle on screen (screen captures every 0.1 s, so ±0.1 s plus
# the capture time). SHOTS_DIR, if given, receives a capture after each step.
# The archive is opened, not written (no edits are made). Each run starts
# with empty caches, so Mesa compiles its shaders anew; XAPP_CACHE_HOME=DIR
# keeps them in DIR across runs, as on a user's machine after the first start.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 ARCHIVE.db [SHOTS_DIR]" >&2; exit 2; }
DB=$(realpath "$1")
SHOTS=${2:-}
cd "$(dirname "$0")/.."
APP=${APP:-bin/seedarchive}
# shellcheck source=scripts/xapp.sh
. scripts/xapp.sh
xapp_init
export SEEDARCHIVE_DB="$DB"
[ -n "$SHOTS" ] && mkdir -p "$SHOTS"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }'; }

# rows_shown: the first rows of the table have text (the area under the
# header is not one flat colour).
rows_shown() {
	local sd
	import -window "$WIN" "$TMP/probe.png" 2>/dev/null || return 1
	sd=$(convert "$TMP/probe.png" -crop 340x190+250+122 -colorspace Gray -format '%[fx:standard_deviation]' info:)
	awk -v s="$sd" 'BEGIN { exit !(s > 0.05) }'
}

# changed_then_settled START: waits for the screen to change from $TMP/before.png
# and then to stay still; prints the time from START to the last change.
changed_then_settled() {
	local start=$1 last diff _ still=0
	last=$(now)
	cp "$TMP/before.png" "$TMP/prev.png"
	for _ in $(seq 600); do
		sleep 0.1
		import -window "$WIN" "$TMP/cur.png"
		diff=$(compare -metric AE "$TMP/prev.png" "$TMP/cur.png" null: 2>&1 || true)
		if [ "${diff%%.*}" -ge 400 ] 2>/dev/null; then
			last=$(now)
			still=0
		else
			still=$((still + 1))
			[ "$still" -ge 10 ] && break # 1 s without change
		fi
		mv "$TMP/cur.png" "$TMP/prev.png"
	done
	awk -v a="$start" -v b="$last" 'BEGIN { printf "%.2f s", b - a }'
}

memory() {
	local rss anon file hwm heap cpu
	rss=$(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$APP_PID/status")
	hwm=$(awk '/^VmHWM:/ { print int($2 / 1024) }' "/proc/$APP_PID/status")
	anon=$(awk '/^RssAnon:/ { print int($2 / 1024) }' "/proc/$APP_PID/status")
	file=$(awk '/^RssFile:/ { print int($2 / 1024) }' "/proc/$APP_PID/status")
	heap=$(grep -o '[0-9]*->[0-9]*->[0-9]* MB' "$TMP/app.log" | tail -1 | sed 's/.*->//')
	cpu=$(awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$APP_PID/stat")
	echo "CPU $cpu s; RSS $rss MiB (peak $hwm, private $anon, libraries $file), Go heap ${heap:-?}"
}

capture() { [ -z "$SHOTS" ] || import -window "$WIN" "$SHOTS/$1.png"; }

# step NAME ACTION...: runs the action, waits for the screen to settle,
# prints the time and the memory.
step() {
	local name=$1 start took
	shift
	import -window "$WIN" "$TMP/before.png"
	start=$(now)
	"$@"
	took=$(changed_then_settled "$start")
	echo "$name: settled in $took; $(memory)"
	capture "$name"
}

articles="?"
[ -x bin/seedctl ] && articles=$(bin/seedctl --db "$DB" count)
echo "archive: $DB ($(du -h "$DB" | cut -f1), $articles articles)"
export GODEBUG=gctrace=1 # the app's live heap after each GC, read by memory()

start=$(now)
launch_app light
wait_window
echo "window: $(since "$start") after the process start"
for _ in $(seq 600); do
	rows_shown && break
	sleep 0.05
done
rows_shown || { echo "$0: no rows after 30 s" >&2; exit 1; }
echo "rows: $(since "$start") after the process start"
sleep 3
echo "start: $(memory)"
capture start

click "$ROW_X" "$(row_y 1)"
step end-key xdotool key End
step sort-title xdotool mousemove --window "$WIN" "$TITLE_X" "$HEADER_Y" click 1
step sort-title-desc xdotool mousemove --window "$WIN" "$TITLE_X" "$HEADER_Y" click 1
step wheel-scroll xdotool mousemove --window "$WIN" "$ROW_X" "$(row_y 8)" click --repeat 60 --delay 20 5
xdotool key ctrl+f
step search-word xdotool type --delay 40 "brain"
click "$ROW_X" "$(row_y 1)"
step search-word-end-key xdotool key End
xdotool key ctrl+f
step search-facet xdotool type --delay 40 "climate topic:Climate"
xdotool key ctrl+f
step search-clear xdotool key Escape
sleep 2
echo "end: $(memory)"
