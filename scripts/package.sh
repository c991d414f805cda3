#!/usr/bin/env bash
# Builds the Linux bundle of the desktop app into dist/:
#
#   dist/seedarchive-VERSION-linux-ARCH.tar.xz
#
# holding usr/local/bin/seedarchive, the icon (usr/local/share/pixmaps), the
# .desktop entry (usr/local/share/applications) and fyne's Makefile with
# `make install` / `make user-install`. Name, ID, version, icon and desktop
# metadata come from FyneApp.toml at the repository root; the binary is built
# here (stripped, with the project's build tags) and handed to `fyne package`
# with --exe, since the main package lives in cmd/seedarchive.
set -euo pipefail

cd "$(dirname "$0")/.."
GO=${GO:-go}
TAGS=${TAGS:-migrated_fynedo,no_emoji}
FYNE=fyne.io/tools/cmd/fyne@v1.7.4

command -v xz >/dev/null || { echo "package: xz is missing (apt-get install xz-utils): fyne packs with tar -J" >&2; exit 1; }

version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
name=$(sed -n 's/^Name *= *"\(.*\)"/\1/p' FyneApp.toml)
arch=$($GO env GOARCH)
if [ -z "$version" ] || [ -z "$name" ]; then
	echo "package: FyneApp.toml has no Name or Version" >&2
	exit 1
fi
out="dist/seedarchive-$version-linux-$arch.tar.xz"

mkdir -p dist
stage=$(mktemp -d dist/.stage.XXXXXX)
# fyne package bumps Build in FyneApp.toml after each run: keep the file as committed.
cp -p FyneApp.toml "$stage/FyneApp.toml"
trap 'cp -p "$stage/FyneApp.toml" FyneApp.toml; rm -rf "$stage" "$name.tar.xz"' EXIT

$GO build -tags "$TAGS" -trimpath -ldflags "-s -w" -o "$stage/seedarchive" ./cmd/seedarchive
$GO run "$FYNE" package -os linux -release --exe "$stage/seedarchive"

mv -f "$name.tar.xz" "$out"

# The bundle must hold the binary, the icon and the desktop entry.
listing=$(tar -tJf "$out")
for want in 'usr/local/bin/seedarchive$' 'usr/local/share/pixmaps/.*\.png$' 'usr/local/share/applications/.*\.desktop$'; do
	grep -q "$want" <<<"$listing" || { echo "package: $out has no $want" >&2; exit 1; }
done
echo "wrote $out ($(du -h "$out" | cut -f1))"
