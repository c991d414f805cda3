# shellcheck shell=bash
# Shared by screenshots.sh, gui-figures.sh and journeys.sh (sourced, not run): a private
# Xvfb, the real app on it with fresh preferences in a temporary folder, and
# xdotool helpers. The caller sets APP (the binary) and SEEDARCHIVE_DB, and
# calls xapp_init first; everything started is killed on exit.

WIDTH=${WIDTH:-1400}
HEIGHT=${HEIGHT:-860}

xapp_need() {
	local tool
	for tool in Xvfb xdotool import compare convert; do
		command -v "$tool" >/dev/null || { echo "$0: $tool is missing (make deps-screen)" >&2; exit 1; }
	done
	[ -x "$APP" ] || { echo "$0: $APP is missing (make build)" >&2; exit 1; }
	APP=$(realpath "$APP")
}

XVFB_PID=""
APP_PID=""
WIN=""

stop_app() {
	if [ -n "$APP_PID" ]; then
		kill "$APP_PID" 2>/dev/null || true
		wait "$APP_PID" 2>/dev/null || true
		APP_PID=""
	fi
}

xapp_cleanup() {
	stop_app
	if [ -n "$XVFB_PID" ]; then
		kill "$XVFB_PID" 2>/dev/null || true
		wait "$XVFB_PID" 2>/dev/null || true
	fi
	rm -rf "$TMP"
}

# xapp_init: the temporary folder ($TMP), a private X server on the first
# free display (Xvfb picks it and writes its number; XVFB_SCREEN=WxH sets its
# size, 1600x1000 by default), and the environment that keeps the app inside
# $TMP.
xapp_init() {
	xapp_need
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/seedarchive-x.XXXXXX")
	trap xapp_cleanup EXIT
	trap 'exit 130' INT TERM
	Xvfb -displayfd 3 -screen 0 "${XVFB_SCREEN:-1600x1000}x24" -nolisten tcp 3>"$TMP/display" 2>"$TMP/xvfb.log" &
	XVFB_PID=$!
	local _
	for _ in $(seq 50); do
		[ -s "$TMP/display" ] && break
		sleep 0.1
	done
	[ -s "$TMP/display" ] || { echo "$0: Xvfb did not start:" >&2; cat "$TMP/xvfb.log" >&2; exit 1; }
	DISPLAY=":$(head -1 "$TMP/display")"
	export DISPLAY
	export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" XDG_CACHE_HOME="$TMP/cache"
	# XAPP_CACHE_HOME keeps the caches (Mesa's compiled shaders, the font
	# index) across runs, as a user's machine does after the first start.
	[ -n "${XAPP_CACHE_HOME:-}" ] && XDG_CACHE_HOME=$XAPP_CACHE_HOME
	export LANG=en_US.UTF-8 TZ=UTC FYNE_SCALE=1
	PREFS_DIR="$XDG_CONFIG_HOME/fyne/dev.seedarchive.app"
	mkdir -p "$HOME" "$PREFS_DIR"
}

# launch_app THEME: fresh preferences (that theme, the table view, the
# default window size, no image downloads: there is no network here; no
# daily backup: the scripts open archives they must not write, and a
# backup a minute in would copy the whole archive beside it while the
# figures are taken; then $XAPP_PREFS, more "key":value pairs, each after
# a comma) and the app in the background; returns at once.
launch_app() {
	printf '{"theme":"%s","view":"table","window.width":%d,"window.height":%d,"images.fetchAfterImport":false,"backups.kept":0%s}\n' \
		"$1" "$WIDTH" "$HEIGHT" "${XAPP_PREFS:-}" >"$PREFS_DIR/preferences.json"
	"$APP" >>"$TMP/app.log" 2>&1 &
	APP_PID=$!
}

# wait_window: waits (20 s at most) for the app's visible window, sets WIN.
wait_window() {
	WIN=$(timeout 20 xdotool search --sync --onlyvisible --name '^Seed Archive' | head -1) || true
	[ -n "$WIN" ] || { echo "$0: no window after 20 s" >&2; cat "$TMP/app.log" >&2; exit 1; }
}

# start_app THEME: launch_app, wait_window, and a second for the first frames.
start_app() {
	launch_app "$1"
	wait_window
	sleep 1
}

# settle waits until two captures a moment apart are (nearly) the same: the
# app has finished drawing. A blinking text cursor is within the tolerance.
settle() {
	local prev="$TMP/settle-a.png" cur="$TMP/settle-b.png" diff _
	sleep 0.4
	import -window "$WIN" "$prev"
	for _ in $(seq 40); do
		sleep 0.3
		import -window "$WIN" "$cur"
		diff=$(compare -metric AE "$prev" "$cur" null: 2>&1 || true)
		if [ "${diff%%.*}" -lt 400 ] 2>/dev/null; then
			return 0
		fi
		mv "$cur" "$prev"
	done
	echo "$0: window still changing, going on" >&2
}

click() { xdotool mousemove --window "$WIN" "$1" "$2" click "${3:-1}"; sleep 0.3; }
keys() { xdotool key --delay 60 "$@"; sleep 0.3; }
typed() { xdotool type --delay 40 "$1"; sleep 0.3; }

# Positions in the default 1400x860 layout: table rows are 40 px apart from
# y=138, the view buttons and the editor's tabs sit at the top right.
row_y() { echo $((138 + 40 * ($1 - 1))); }
# shellcheck disable=SC2034 # used by the scripts that source this file
{
	ROW_X=340
	HEADER_Y=101 TITLE_X=300
	READING_X=1165 GALLERY_X=1262 TABLE_X=1073 VIEWS_Y=53
	CHANGES_X=1175 FIELDS_X=1050 TABS_Y=215
}
