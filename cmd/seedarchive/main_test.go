package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/internal/transfer"
	"github.com/seedarchive/seedarchive/storage"
)

// childEnv makes the test binary run the real app (main) instead of the
// tests: the smoke test starts itself with it, so it needs no second cgo
// build of the app.
const childEnv = "SEEDARCHIVE_SMOKE_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// Smoke-test parameters.
const (
	smokeArticles = 5000
	smokeRun      = 10 * time.Second // the app must still run after this
	windowTimeout = 20 * time.Second
	// maxPrivate bounds the app's private resident memory (RssAnon) at
	// 5,000 articles; the race detector's shadow memory is allowed for
	// separately. The shared libraries (RssFile, mostly Mesa's software
	// renderer under Xvfb) are not the app's to shrink and are only logged.
	maxPrivate = 200 << 20
	// idleWindow is how long the app is watched once it has settled, and
	// maxIdleCPU the share of one CPU it may use meanwhile: Fyne's event
	// loop runs 60 times a second even when nothing changes.
	idleWindow = 3 * time.Second
	maxIdleCPU = 0.04
)

// TestSmokeStartsOnLargeArchive starts the real app under Xvfb on a
// 5,000-article archive and checks that its main window shows (not the
// startup error), is not blank, that the app still runs after 10 s, how
// much memory it holds, and that it then idles (Fyne's loop aside, no work).
func TestSmokeStartsOnLargeArchive(t *testing.T) {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("Xvfb is not installed (make deps-screen)")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed, but Xvfb is: run make deps-screen", tool)
		}
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "archive.db")
	t0 := time.Now()
	buildArchive(t, filepath.Join(dir, "corpus"), db, smokeArticles)
	t.Logf("archive of %d articles built in %s", smokeArticles, time.Since(t0).Round(time.Millisecond))
	display := startXvfb(t)

	app := startApp(t, dir, display, db)
	win := waitForWindow(t, display, app, windowTimeout)
	shown := time.Since(app.start)

	select {
	case <-app.done:
		t.Fatalf("app exited within %s: %v\n%s", smokeRun, app.err, app.output())
	case <-time.After(smokeRun - time.Since(app.start)):
	}
	idle, err := idleCPU(app.cmd.Process.Pid, idleWindow)
	if err != nil {
		t.Fatal(err)
	}
	mem, err := readMemory(app.cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	// The startup error path prints "seedarchive: ..." and shows a small
	// window of the same name: neither may happen.
	if out := app.output(); strings.Contains(out, "seedarchive:") {
		t.Errorf("the app reported an error:\n%s", out)
	}
	if out := app.output(); strings.Contains(out, "WARNING: DATA RACE") {
		t.Errorf("the race detector found a data race in the app:\n%s", out)
	}
	title := xdotool(display, "getwindowname", win)
	w, h := windowSize(t, display, win)
	if w < 800 || h < 500 {
		t.Errorf("window %q is %dx%d, want the main window (at least 800x500)", title, w, h)
	}
	if sd := captureDetail(t, display, win); sd < 0.05 {
		t.Errorf("window %q looks blank (luminance deviation %.3f)", title, sd)
	}
	t.Logf("window %q %dx%d after %s; after %s: %s, Go heap %s; idle: %.1f%% of a CPU (race detector: %v)",
		title, w, h, shown.Round(time.Millisecond), smokeRun, mem, lastLiveHeap(app.output()), 100*idle, raceEnabled)
	if cpuLimit := maxIdleCPU * raceCPUFactor; idle > cpuLimit {
		t.Errorf("the idle app used %.1f%% of a CPU over %s, want at most %.1f%%", 100*idle, idleWindow, 100*cpuLimit)
	}
	limit := int64(maxPrivate)
	if raceEnabled {
		limit *= raceMemoryFactor
	}
	if mem.anon > limit {
		t.Errorf("private memory (RssAnon) %d MiB, want at most %d MiB", mem.anon>>20, limit>>20)
	}
}

// buildArchive writes count generated articles under src and imports them
// into a new archive at db.
func buildArchive(t *testing.T, src, db string, count int) {
	t.Helper()
	if err := corpus.Write(src, count, 1); err != nil {
		t.Fatal(err)
	}
	arc, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := transfer.Import(context.Background(), arc, []string{src}, transfer.ImportOptions{})
	if cerr := arc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if sum.Inserted != count {
		t.Fatalf("stored %d of %d articles: %s", sum.Inserted, count, sum)
	}
}

// startXvfb starts a private X server on a free display and returns its name.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w} // fd 3: Xvfb writes the display number it took
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if _, err := strconv.Atoi(n); err != nil {
			t.Fatalf("Xvfb did not start (display %q): %s", n, stderr.String())
		}
		return ":" + n
	case <-time.After(10 * time.Second):
		t.Fatalf("Xvfb did not start in 10 s: %s", stderr.String())
	}
	return ""
}

// runningApp is the app started by startApp.
type runningApp struct {
	cmd   *exec.Cmd
	start time.Time
	done  chan struct{} // closed when the process has exited
	err   error         // its exit status, once done
	mu    sync.Mutex
	out   bytes.Buffer
}

// Write collects the app's output.
func (a *runningApp) Write(p []byte) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.out.Write(p)
}

func (a *runningApp) output() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.out.String()
}

// startApp runs this binary as the app on display, with db as its archive
// and fresh preferences under dir.
func startApp(t *testing.T, dir, display, db string) *runningApp {
	t.Helper()
	app := &runningApp{done: make(chan struct{})}
	app.cmd = exec.Command(os.Args[0], "-test.run=^$")
	app.cmd.Env = append(os.Environ(),
		childEnv+"=1",
		"DISPLAY="+display,
		"SEEDARCHIVE_DB="+db,
		"HOME="+filepath.Join(dir, "home"),
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"),
		"XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		"LANG=en_US.UTF-8",
		"GODEBUG=gctrace=1", // the live heap after each GC, for the log
	)
	app.cmd.Stdout, app.cmd.Stderr = app, app
	app.start = time.Now()
	if err := app.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		app.err = app.cmd.Wait()
		close(app.done)
	}()
	t.Cleanup(func() {
		_ = app.cmd.Process.Kill()
		<-app.done
	})
	return app
}

// waitForWindow polls the X server until a visible window named
// "Seed Archive…" exists, and returns its id.
func waitForWindow(t *testing.T, display string, app *runningApp, timeout time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-app.done:
			t.Fatalf("app exited before showing a window: %v\n%s", app.err, app.output())
		default:
		}
		ids := xdotool(display, "search", "--onlyvisible", "--name", "^Seed Archive")
		if id, _, _ := strings.Cut(ids, "\n"); id != "" {
			return id
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no \"Seed Archive\" window after %s\n%s", timeout, app.output())
	return ""
}

// windowSize asks xdotool for a window's size.
func windowSize(t *testing.T, display, win string) (w, h int) {
	t.Helper()
	out := xdotool(display, "getwindowgeometry", "--shell", win)
	for _, line := range strings.Fields(out) {
		if v, ok := strings.CutPrefix(line, "WIDTH="); ok {
			w, _ = strconv.Atoi(v)
		}
		if v, ok := strings.CutPrefix(line, "HEIGHT="); ok {
			h, _ = strconv.Atoi(v)
		}
	}
	if w == 0 || h == 0 {
		t.Fatalf("xdotool getwindowgeometry %s: %q", win, out)
	}
	return w, h
}

// captureDetail captures a window (ImageMagick's import) and returns the
// standard deviation of its luminance, 0 for one flat colour.
func captureDetail(t *testing.T, display, win string) float64 {
	t.Helper()
	cmd := exec.Command("import", "-window", win, "png:-")
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("capture window %s: %v", win, err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("capture window %s: %v", win, err)
	}
	var n, sum, sq float64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			l := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			v := float64(l) / 255
			n, sum, sq = n+1, sum+v, sq+v*v
		}
	}
	mean := sum / n
	return math.Sqrt(max(0, sq/n-mean*mean))
}

// xdotool runs xdotool on display and returns its trimmed output ("" when
// it finds nothing).
func xdotool(display string, args ...string) string {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, _ := cmd.Output()
	return strings.TrimSpace(string(out))
}

// memory is a process's resident memory, from /proc/PID/status.
type memory struct {
	rss, anon, file int64 // VmRSS, RssAnon (private), RssFile (mapped files)
}

func (m memory) String() string {
	return fmt.Sprintf("RSS %d MiB (private %d MiB, files %d MiB)", m.rss>>20, m.anon>>20, m.file>>20)
}

// idleCPU returns the share of one CPU the process pid uses over d.
func idleCPU(pid int, d time.Duration) (float64, error) {
	before, err := cpuTime(pid)
	if err != nil {
		return 0, err
	}
	time.Sleep(d)
	after, err := cpuTime(pid)
	if err != nil {
		return 0, err
	}
	return float64(after-before) / float64(d), nil
}

// cpuTime reads the user and system CPU time of the process pid from
// /proc/PID/stat (in clock ticks of 10 ms, the kernel's USER_HZ).
func cpuTime(pid int) (time.Duration, error) {
	path := fmt.Sprintf("/proc/%d/stat", pid)
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", path, err)
	}
	// The command name (field 2) may hold spaces; the fields after it
	// start at state (field 3), so utime and stime (14, 15) are 11 and 12.
	_, rest, ok := strings.Cut(string(data), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0, fmt.Errorf("%s: unexpected %q", path, data)
	}
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond, nil
}

// readMemory reads a process's resident memory.
func readMemory(pid int) (memory, error) {
	path := fmt.Sprintf("/proc/%d/status", pid)
	data, err := os.ReadFile(path)
	if err != nil {
		return memory{}, fmt.Errorf("read %s: %w", path, err)
	}
	var m memory
	fields := map[string]*int64{"VmRSS:": &m.rss, "RssAnon:": &m.anon, "RssFile:": &m.file}
	for _, line := range strings.Split(string(data), "\n") {
		name, rest, ok := strings.Cut(line, ":")
		dst := fields[name+":"]
		if !ok || dst == nil {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return memory{}, fmt.Errorf("%s: %s %q: %w", path, name, rest, err)
		}
		*dst = kb << 10
		delete(fields, name+":")
	}
	if len(fields) > 0 {
		return memory{}, fmt.Errorf("%s: no VmRSS, RssAnon or RssFile line", path)
	}
	return m, nil
}

// gcLine matches the heap sizes of a GODEBUG=gctrace=1 line:
// "... 4->5->2 MB, 5 MB goal ..." (start -> end -> live after the GC).
var gcLine = regexp.MustCompile(`(\d+)->(\d+)->(\d+) MB`)

// lastLiveHeap is the live heap after the last GC the output traced.
func lastLiveHeap(output string) string {
	m := gcLine.FindAllStringSubmatch(output, -1)
	if len(m) == 0 {
		return "unknown (no GC yet)"
	}
	return m[len(m)-1][3] + " MB"
}
