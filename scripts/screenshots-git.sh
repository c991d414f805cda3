#!/usr/bin/env bash
# Takes the README's team-workflow screenshots of the real desktop app under
# Xvfb: the table's Git column and the Changes panel (View › Git changes…).
#
#   scripts/screenshots-git.sh        (after `make build`; `make screenshots` runs it too)
#
# It makes a git repository of twelve of the bundled samples in a temporary
# folder, links it with bin/seedctl, then changes it the ways a curator
# would: an edit through seedctl (one line in git diff), a title changed by
# another editor (sed), a new file added to the index and an untracked one.
# The app opens that archive; the Git column shows by itself because a
# linked folder is in git. Writes docs/screenshots/git-*.png. Needs git,
# Xvfb, xdotool and ImageMagick (`make deps-screen`); everything it starts is
# killed on exit.
#
# Environment: APP (default bin/seedarchive), CTL (default bin/seedctl),
# OUT (default docs/screenshots).
set -euo pipefail

cd "$(dirname "$0")/.."
APP=${APP:-bin/seedarchive}
CTL=$(realpath "${CTL:-bin/seedctl}")
OUT=${OUT:-docs/screenshots}
SAMPLES=$(realpath assets/samples)
command -v git >/dev/null || { echo "$0: git is missing" >&2; exit 1; }
# shellcheck source=scripts/xapp.sh
. scripts/xapp.sh
xapp_init
export SEEDARCHIVE_DB="$TMP/archive.db"
mkdir -p "$OUT"

# The team's repository: its own git configuration, so the user's changes nothing.
export GIT_CONFIG_GLOBAL="$TMP/gitconfig" GIT_CONFIG_NOSYSTEM=1
printf '[user]\n\tname = Ada Curator\n\temail = ada@example.org\n[init]\n\tdefaultBranch = main\n' >"$GIT_CONFIG_GLOBAL"
SEEDS="$TMP/team-seeds"
mkdir -p "$SEEDS"
find "$SAMPLES" -name '*.txt' | sort | head -12 | xargs -I{} cp {} "$SEEDS/"
git -C "$SEEDS" init -q
git -C "$SEEDS" add -A
git -C "$SEEDS" commit -qm "Seeds of the week"
"$CTL" link "$SEEDS"

# nth N: the Nth seed file's name (sorted).
nth() { find "$SEEDS" -maxdepth 1 -name '*.txt' | sort | sed -n "$1p" | xargs basename; }
# An edit in the archive writes the file in place.
id=$("$CTL" list --json --sort file | sed -n '2p' | sed 's/^{"id":\([0-9]*\),.*/\1/')
"$CTL" edit "$id" 'title=Brain cells rewire after sleep, study finds'
# Another editor changes a title; a new file is staged; one is left untracked.
sed -i 's/^title: "\(.*\)"$/title: "\1 (updated)"/' "$SEEDS/$(nth 5)"
sed 's/^title: .*/title: "A new seed, added to the index"/; s#^webUrl: "\(.*\)"#webUrl: "\1-new"#' "$SEEDS/$(nth 7)" >"$SEEDS/new_seed.txt"
git -C "$SEEDS" add new_seed.txt
sed 's/^title: .*/title: "A draft nobody added yet"/; s#^webUrl: "\(.*\)"#webUrl: "\1-draft"#' "$SEEDS/$(nth 9)" >"$SEEDS/draft.txt"
"$CTL" sync

# shot NAME: park the pointer where it highlights nothing, settle, capture.
shot() {
	xdotool mousemove --window "$WIN" 700 845
	settle
	import -window "$WIN" "$OUT/$1.png"
	echo "wrote $OUT/$1.png"
}

# The table with the Location column (the Git column comes by itself), the
# sidebar's long sections collapsed so that its Git section shows.
XAPP_PREFS=',"table.columns":["title","location","provider.name","publishedDateTime","category"]'
XAPP_PREFS+=',"facets.closed":["topic","provider","category","type"]'
export XAPP_PREFS
start_app light
click "$ROW_X" "$(row_y 2)"
sleep 2 # the editor loads and the sidebar counts after the table shows
shot git-column

# View › Git changes… (the menu bar's View, then its item), the edited
# file's diff selected.
VIEW_MENU_X=187 MENU_Y=14 GIT_ITEM_Y=328
click "$VIEW_MENU_X" "$MENU_Y"
click "$((VIEW_MENU_X + 30))" "$GIT_ITEM_Y"
sleep 1
sleep 2
click 400 240 # the first changed file: its diff
sleep 2
shot git-changes
stop_app

echo "screenshots in $OUT"
