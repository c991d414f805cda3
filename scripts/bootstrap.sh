#!/bin/sh
# One-command set-up for a fresh Debian/Ubuntu machine: installs make and the
# C toolchain + X11/GL headers Fyne needs (with sudo when not root), checks Go,
# builds Seed Archive and starts the desktop app on the default archive, which
# holds the bundled sample articles on first start.
#
#   sh scripts/bootstrap.sh
set -eu
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
if ! command -v make >/dev/null 2>&1; then
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends make
fi

PATH="$PATH:/usr/local/go/bin"
export PATH
if ! command -v go >/dev/null 2>&1; then
	echo "Seed Archive needs Go 1.26 or newer: https://go.dev/doc/install" >&2
	exit 1
fi

exec make run
