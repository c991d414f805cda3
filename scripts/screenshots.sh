#!/usr/bin/env bash
# Takes the README's screenshots of the real desktop app under Xvfb.
#
#   scripts/screenshots.sh            (after `make build`; `make screenshots` does both)
#
# It starts a private X server on a free display, a fresh archive and fresh
# preferences in a temporary folder, lets the app import its bundled samples
# (it does so on the first start of an empty archive), drives it with xdotool
# and writes docs/screenshots/*.png, one window each. Needs Xvfb, xdotool and
# ImageMagick (`make deps-screen`). Everything it starts is killed on exit.
#
# Environment: APP (default bin/seedarchive), OUT (default docs/screenshots).
# The clicks use positions in the app's default 1400x860 layout, which the
# script pins through the preferences it writes.
set -euo pipefail

cd "$(dirname "$0")/.."
APP=${APP:-bin/seedarchive}
OUT=${OUT:-docs/screenshots}
# shellcheck source=scripts/xapp.sh
. scripts/xapp.sh
xapp_init
export SEEDARCHIVE_DB="$TMP/archive.db"
mkdir -p "$OUT"

# shot NAME: park the pointer where it highlights nothing, settle, capture.
shot() {
	xdotool mousemove --window "$WIN" 700 845
	settle
	import -window "$WIN" "$OUT/$1.png"
	echo "wrote $OUT/$1.png"
}

# Light theme, first start: the samples import (no summary: they are simply
# there). Wait for them, as on a loaded machine the import outlasts start_app.
start_app light
for _ in $(seq 100); do
	[ "$(bin/seedctl --db "$SEEDARCHIVE_DB" count 2>/dev/null || echo 0)" -ge 37 ] && break
	sleep 0.2
done
settle

# Table and editor.
click "$ROW_X" "$(row_y 5)"
shot table-light

# A search with a facet: words and a topic term typed in the box (the sidebar ticks the topic).
keys ctrl+f
typed "brain topic:Neuroscience"
keys Return
shot search-facet
keys ctrl+f Escape
settle # the whole archive again before the next click picks a row

# An edit in the table (Enter edits the cell), then the editor's Changes tab.
click "$ROW_X" "$(row_y 1)"
keys Return End
typed " (revised)"
keys Return
settle
click "$CHANGES_X" "$TABS_Y"
shot changes
click "$FIELDS_X" "$TABS_Y"

# The reading view and the gallery, on another article.
click "$ROW_X" "$(row_y 2)"
settle
click "$READING_X" "$VIEWS_Y"
shot reading
click "$GALLERY_X" "$VIEWS_Y"
shot gallery
click "$TABLE_X" "$VIEWS_Y"

# Several rows selected, the bulk menu on a right click.
click "$ROW_X" "$(row_y 4)"
xdotool keydown shift
click "$ROW_X" "$(row_y 7)"
xdotool keyup shift
click "$((ROW_X + 40))" "$(row_y 6)" 3
shot bulk-menu
keys Escape
stop_app

# Dark theme: the same archive, table and editor.
start_app dark
settle
click "$ROW_X" "$(row_y 5)"
shot table-dark
stop_app

echo "screenshots in $OUT"
