# Seed Archive — build, run and test.
#
#   make run     install what the build needs (Debian/Ubuntu), build, start the app
#   make test    install what the tests need, then vet + every test, with the race detector
#
# Everything but the desktop app builds with CGO_ENABLED=0; the app needs cgo
# and the X11/GL headers that `make deps` installs.

GO        ?= go
# migrated_fynedo: Fyne 2.7's threading model (FyneApp.toml says so too).
# no_emoji: leave out Fyne's bundled emoji font, which it parses and keeps
# once per text style whether or not an emoji is shown; emoji then come from
# the system's emoji font, loaded only when one is on screen (the app's
# memory: TestSmokeStartsOnLargeArchive in cmd/seedarchive).
TAGS      := migrated_fynedo,no_emoji
BIN       := bin
APP       := $(BIN)/seedarchive
CTL       := $(BIN)/seedctl
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Build needs: C toolchain + X11/GL headers (see README). Xvfb etc. for screenshots and the smoke test.
BUILD_PKGS  := git gcc libc6-dev pkg-config libgl-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
SCREEN_PKGS := xvfb xauth xdotool imagemagick x11-apps fonts-dejavu-core

.PHONY: all deps deps-screen build run test test-short lint bench bench-100k bench-1m fuzz screenshots journeys smoke package clean

all: build

## deps: install the system packages the build needs (only the missing ones)
deps:
	@missing=""; for p in $(BUILD_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi
	@command -v $(GO) >/dev/null || { echo "Go 1.26 is required: https://go.dev/dl/"; exit 1; }

## deps-screen: packages to run the app headless (Xvfb) and take screenshots
deps-screen:
	@missing=""; for p in $(SCREEN_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi

## build: the desktop app and the CLI into bin/
build: deps
	$(GO) build -tags $(TAGS) -o $(APP) ./cmd/seedarchive
	CGO_ENABLED=0 $(GO) build -o $(CTL) ./cmd/seedctl

## run: build and start the desktop app on the default archive (bundled samples on first start)
run: build
	./$(APP)

## test: go vet, staticcheck and every test with the race detector, then
## storage's without it (its single-goroutine SQL tables skip themselves
## under -race, where they run dozens of times slower and find nothing). The app's
## smoke test runs it under Xvfb and drives it with xdotool, so the screen
## packages are installed first, as `run` installs the build's.
test: deps deps-screen
	$(GO) vet -tags $(TAGS) ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags $(TAGS) ./...
	CGO_ENABLED=0 $(GO) build ./storage/... ./internal/... ./cmd/seedctl/ ./assets/
	$(GO) test -race -tags $(TAGS) -count=1 -timeout 20m ./...
	$(GO) test -tags $(TAGS) -count=1 -timeout 10m ./storage/

## test-short: the tests without -race (fast feedback)
test-short:
	$(GO) test -tags $(TAGS) -count=1 ./...

## bench: the Go benchmarks quoted in the README, at $SEEDARCHIVE_BENCH_N
## articles (default 10,000). The archives and corpora they need are built
## on first use into $TMPDIR/seedarchive-bench and reused (internal/benchenv).
bench:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem -timeout 0 ./...

## bench-100k, bench-1m: the same at 100,000 and 1,000,000 articles (the
## first run of each size builds its archive and corpus once)
bench-100k:
	SEEDARCHIVE_BENCH_N=100000 $(MAKE) bench
bench-1m:
	SEEDARCHIVE_BENCH_N=1000000 $(MAKE) bench

## fuzz: two minutes of fuzzing on the codec and the query parser
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./internal/seedfile/
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./internal/query/

## screenshots: start the real app under Xvfb on the sample archive (and on a linked git clone of
## some samples) and write docs/screenshots/*.png
screenshots: build deps-screen
	./scripts/screenshots.sh
	./scripts/screenshots-git.sh

## journeys: drive the real app under Xvfb through a curator's first hour at
## three window sizes in light and dark; a screenshot per step into
## $JOURNEYS_OUT (default /tmp/seedarchive-journeys)
journeys: build deps-screen
	./scripts/journeys.sh

## smoke: start the real app under Xvfb on a 5,000-article archive (also part of `make test`)
smoke: deps deps-screen
	$(GO) test -tags $(TAGS) -count=1 -run TestSmoke -v ./cmd/seedarchive/

## package: the Linux bundle (fyne package: binary, icon, .desktop entry) into dist/*.tar.xz
package: deps
	GO=$(GO) TAGS=$(TAGS) ./scripts/package.sh

clean:
	rm -rf $(BIN) dist
