#!/usr/bin/env bash
# Drives the real desktop app under Xvfb through a curator's first hour and
# writes a screenshot after every step:
#
#   scripts/journeys.sh          (after `make build`; `make journeys` does both)
#
# For each window size and theme it starts the app on a fresh copy of the
# same archive with fresh preferences (that theme and size), runs the steps
# of `journey` below with xdotool and writes
# $JOURNEYS_OUT/NN-STEP-WxH-THEME.png (e.g. 16-export-800x600-dark.png).
# Look at them: the script checks only that the app stays up.
#
# Environment:
#   JOURNEYS_OUT     the folder for the screenshots (default /tmp/seedarchive-journeys)
#   JOURNEYS_SIZES   window sizes (default "800x600 1280x800 1920x1080")
#   JOURNEYS_THEMES  themes (default "light dark")
#   JOURNEYS_DB      an archive to copy for each run (default: the bundled
#                    samples, imported by the app into a fresh archive once)
#   APP, SEEDCTL     the binaries (default bin/seedarchive, bin/seedctl)
#
# Keys are the app's shortcuts (README, "Keyboard") where it has them;
# everything else is a click at a position relative to the window, computed
# from its size by the functions under "Where things are", the one place to
# adjust when the layout changes. Needs Xvfb, xdotool and ImageMagick
# (`make deps-screen`). Everything it starts is killed on exit.
set -euo pipefail

cd "$(dirname "$0")/.."
APP=${APP:-bin/seedarchive}
SEEDCTL=${SEEDCTL:-bin/seedctl}
OUT=${JOURNEYS_OUT:-/tmp/seedarchive-journeys}
SIZES=${JOURNEYS_SIZES:-800x600 1280x800 1920x1080}
THEMES=${JOURNEYS_THEMES:-light dark}

# The X screen holds the largest window asked for, and room beyond it for a
# window that will not shrink to the size asked (its screenshots then show
# the whole window).
max_w=0 max_h=0
for size in $SIZES; do
	[[ $size =~ ^[0-9]+x[0-9]+$ ]] || { echo "$0: bad size $size in JOURNEYS_SIZES (want WxH)" >&2; exit 2; }
	max_w=$((${size%x*} > max_w ? ${size%x*} : max_w))
	max_h=$((${size#*x} > max_h ? ${size#*x} : max_h))
done
XVFB_SCREEN="$((max_w + 640))x$((max_h + 400))"
[ -x "$SEEDCTL" ] || { echo "$0: $SEEDCTL is missing (make build)" >&2; exit 1; }
# shellcheck source=scripts/xapp.sh
. scripts/xapp.sh
xapp_init
mkdir -p "$OUT"

# ---- Where things are -------------------------------------------------------
# Window-relative positions, from the window's actual size (W x H, read after
# it opens: the app may refuse a size below its minimum). The menu bar, the
# toolbar and the table's header keep their height at every size, so rows
# and the header are where xapp.sh's row_y and HEADER_Y say; the sidebar
# takes 15% of the width but at least 200 px (plus its divider), with its
# filter box above the sections, and the editor the right 32% of the rest.
W=0 H=0
menu_x() { case $1 in File) echo 27 ;; Edit) echo 70 ;; Articles) echo 127 ;; View) echo 187 ;; esac; }
MENU_Y=13
menu_item_y() { echo $((45 + 39 * ($1 - 1))); } # the Nth item of an open menu
MENU_ITEM_DX=10                                 # from the menu's left edge
side_w() { local w=$((W * 15 / 100)); echo $((w < 204 ? 204 : w)); }
title_header_x() { echo $(($(side_w) + 40)); }
row_x() { echo $(($(side_w) + 100)); }
facet_y() { echo $((265 + 39 * ($1 - 1))); } # the Nth topic in the sidebar (Sets empty)
FACET_X=45
editor_title() { echo "$((W - 80)) 395"; } # the Title field on the Fields tab
# A right click opens the bulk menu at the pointer; its first item, Add topic…:
BULK_ADD_TOPIC_DX=40 BULK_ADD_TOPIC_DY=18

# ---- Actions ----------------------------------------------------------------
point() { xdotool mousemove --window "$WIN" "$1" "$2"; }
menu() { # menu NAME N: the Nth item of the menu NAME (once it has opened:
	# on a loaded machine it can take longer than click's pause)
	click "$(menu_x "$1")" "$MENU_Y"
	settle
	click "$(($(menu_x "$1") + MENU_ITEM_DX))" "$(menu_item_y "$2")"
}
search() { keys ctrl+f; typed "$1"; keys Return; }
clear_search() { keys ctrl+f BackSpace Return; }
select_row() { click "$(row_x)" "$(row_y "$1")"; }
select_then_end() { select_row 1; keys End; }
select_rows() { # select_rows FIRST LAST: a click, then a Shift+click
	select_row "$1"
	xdotool keydown shift
	select_row "$2"
	xdotool keyup shift
}
edit_title() { # appends text to the editor's Title (a wrapping field: the
	# last row, then its end)
	# shellcheck disable=SC2046 # x and y
	click $(editor_title)
	keys Down Down Down Down End
	typed "$1"
}
bulk_menu() { click "$(row_x)" "$(row_y "$1")" 3; }
bulk_add_topic() { # on the open bulk menu: Add topic…, then type the topic
	click "$(($(row_x) + BULK_ADD_TOPIC_DX))" "$(($(row_y "$1") + BULK_ADD_TOPIC_DY))"
	typed "$2"
}

# ---- The journey ------------------------------------------------------------
# One step a line: `step NAME ACTION...` runs the action, waits for the
# window to settle and writes NN-NAME-WxH-THEME.png; `also ACTION...` runs
# one without a screenshot (closing what the last screenshot showed).
journey() {
	step start        true
	step search       search "climate"
	step facet        click "$FACET_X" "$(facet_y 1)"
	step clear        clear_search
	step sort         click "$(title_header_x)" "$HEADER_Y"
	step end          select_then_end
	step select       select_row 2
	step edit         edit_title " (checked)"
	step save         keys ctrl+s
	step undo         keys ctrl+z
	step multi-select select_rows 1 4
	step bulk-menu    bulk_menu 3
	step bulk-topic   bulk_add_topic 3 "Reviewed"
	step bulk-done    keys Return
	step gallery      menu View 3
	step reading      menu View 2
	also              menu View 1
	step export       keys ctrl+e
	also              keys Escape
	step import       keys ctrl+i
}

# ---- Running it -------------------------------------------------------------
N=0 RUN="" FAILED=0 ALIVE=1

step() {
	local name=$1 file
	shift
	N=$((N + 1))
	[ "$ALIVE" = 1 ] || return 0
	"$@"
	if ! kill -0 "$APP_PID" 2>/dev/null; then
		echo "$0: $RUN: the app exited during step $N ($name):" >&2
		tail -20 "$TMP/app.log" >&2
		ALIVE=0 FAILED=1
		return 0
	fi
	point "$((W / 2))" "$((H - 8))" # the pointer rests on the status bar
	settle
	file=$(printf '%s/%02d-%s-%s.png' "$OUT" "$N" "$name" "$RUN")
	import -window "$WIN" "$file"
	echo "wrote $file"
}
also() { if [ "$ALIVE" = 1 ]; then "$@"; fi; }

# The archive every run starts from.
TEMPLATE="$TMP/template.db"
if [ -n "${JOURNEYS_DB:-}" ]; then
	cp "$JOURNEYS_DB" "$TEMPLATE"
	[ ! -f "$JOURNEYS_DB-wal" ] || cp "$JOURNEYS_DB-wal" "$TEMPLATE-wal"
else
	# A new archive: the app imports the bundled samples and their images.
	export SEEDARCHIVE_DB="$TEMPLATE"
	WIDTH=1400 HEIGHT=860
	start_app light
	for _ in $(seq 100); do
		[ "$("$SEEDCTL" --db "$TEMPLATE" count 2>/dev/null || echo 0)" -ge 37 ] && break
		sleep 0.2
	done
	sleep 1
	stop_app
fi

for size in $SIZES; do
	for theme in $THEMES; do
		RUN="$size-$theme" N=0 ALIVE=1
		rm -f "$TMP"/run.db*
		for f in "$TEMPLATE"*; do cp "$f" "$TMP/run.db${f#"$TEMPLATE"}"; done
		export SEEDARCHIVE_DB="$TMP/run.db"
		WIDTH=${size%x*} HEIGHT=${size#*x}
		start_app "$theme"
		eval "$(xdotool getwindowgeometry --shell "$WIN" | grep -E '^(WIDTH|HEIGHT)=' | sed 's/^/WIN_/')"
		W=$WIN_WIDTH H=$WIN_HEIGHT
		[ "$W" = "$WIDTH" ] && [ "$H" = "$HEIGHT" ] || echo "$RUN: the window is ${W}x${H}, not $size"
		journey
		stop_app
	done
done
echo "journeys in $OUT"
exit "$FAILED"
