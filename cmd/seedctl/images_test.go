package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// imagesArchive writes an archive whose articles reference images of a
// test server: one article on AI with two good images, one on Space with a
// good one, a missing one and a text file served as PNG.
func imagesArchive(t *testing.T) (db string, url func(string) string) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 640, 400))
	for i := range img.Pix {
		img.Pix[i] = 200
		if i%4 == 3 {
			img.Pix[i] = 255 // opaque: a JPEG thumbnail
		}
	}
	var body bytes.Buffer
	if err := png.Encode(&body, img); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a.png", "/b.png", "/c.png":
			_, _ = w.Write(body.Bytes())
		case "/text.png":
			w.Header().Set("Content-Type", "image/png")
			_, _ = w.Write([]byte("just text"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	url = func(p string) string { return srv.URL + p }
	db = filepath.Join(t.TempDir(), "archive.db")
	a, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, art := range []struct {
		title, topic string
		urls         []string
	}{
		{"one", "AI", []string{url("/a.png"), url("/b.png")}},
		{"two", "Space", []string{url("/b.png"), url("/c.png"), url("/missing.png"), url("/text.png")}},
	} {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\ntopics:\n  - %s\nrelated:\n  - title: \"r\"\n    images:\n", art.title, art.topic)
		for _, u := range art.urls {
			fmt.Fprintf(&b, "      - url: %q\n        width: 1\n        height: 1\n", u)
		}
		b.WriteString("---\n")
		doc, err := seedfile.Parse([]byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Insert(context.Background(), art.title+".txt", doc); err != nil {
			t.Fatal(err)
		}
	}
	return db, url
}

// runImagesCmd runs seedctl images ARGS; fetch gets --allow-local (the test
// servers listen on 127.0.0.1).
func runImagesCmd(db string, args ...string) (int, string, string) {
	if len(args) > 0 && args[0] == "fetch" {
		args = append([]string{"fetch", "--allow-local"}, args[1:]...)
	}
	return runImagesRaw(db, args...)
}

func runImagesRaw(db string, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"--db", db, "images"}, args...), strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestImagesFetchRefusesLocalHostsByDefault(t *testing.T) {
	db, _ := imagesArchive(t)
	code, stdout, stderr := runImagesRaw(db, "fetch", "--quiet", "--where", "topic:AI")
	if code != exitPartial || !strings.Contains(stderr, "refused: 127.0.0.1 is a local network address") {
		t.Errorf("fetch without --allow-local: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestImagesFetch(t *testing.T) {
	db, url := imagesArchive(t)
	code, stdout, stderr := runImagesCmd(db, "fetch", "--where", "topic:AI")
	if code != exitOK || stderr != "" {
		t.Fatalf("fetch AI: exit %d\n%s%s", code, stdout, stderr)
	}
	if want := "fetched 2 images: 2 cached, 0 failed; of 2 images, 2 are cached, 0 failed, 0 pending\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	code, stdout, stderr = runImagesCmd(db, "fetch")
	if code != exitPartial {
		t.Fatalf("fetch all: exit %d, want 3\n%s%s", code, stdout, stderr)
	}
	wantErr := fmt.Sprintf("failed %s: HTTP 404 Not Found\nfailed %s: not an image: content is text/plain; charset=utf-8 (server said \"image/png\")\n",
		url("/missing.png"), url("/text.png"))
	if stderr != wantErr {
		t.Errorf("stderr:\n%s\nwant\n%s", stderr, wantErr)
	}
	if want := "fetched 3 images: 1 cached, 2 failed; of 5 images, 3 are cached, 2 failed, 0 pending\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	// Nothing left to fetch, but the failures still stand.
	if code, _, stderr := runImagesCmd(db, "fetch", "--quiet"); code != exitPartial || stderr != wantErr {
		t.Errorf("fetch again: exit %d, stderr %q", code, stderr)
	}
	if code, out, errOut := runImagesCmd(db, "fetch", "--where", "topic:("); code != exitUsage {
		t.Errorf("bad query: exit %d\n%s%s", code, out, errOut)
	}
}

func TestImagesListThumbPrune(t *testing.T) {
	db, url := imagesArchive(t)
	if code, _, stderr := runImagesCmd(db, "fetch", "--quiet"); code != exitPartial {
		t.Fatalf("fetch: exit %d %s", code, stderr)
	}
	code, stdout, stderr := runImagesCmd(db, "list", "--json", "--where", "topic:Space")
	if code != exitOK {
		t.Fatalf("list: exit %d %s", code, stderr)
	}
	var got []imageJSON
	sc := bufio.NewScanner(strings.NewReader(stdout))
	for sc.Scan() {
		var raw map[string]any
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if len(raw) != 7 {
			t.Errorf("line %q: want 7 keys", sc.Text())
		}
		var j imageJSON
		_ = json.Unmarshal(sc.Bytes(), &j)
		got = append(got, j)
	}
	want := []imageJSON{
		{URL: url("/b.png"), Status: "cached", Width: 640, Height: 400, ThumbWidth: 320, ThumbHeight: 200},
		{URL: url("/c.png"), Status: "cached", Width: 640, Height: 400, ThumbWidth: 320, ThumbHeight: 200},
		{URL: url("/missing.png"), Status: "failed", Error: "HTTP 404 Not Found"},
		{URL: url("/text.png"), Status: "failed", Error: `not an image: content is text/plain; charset=utf-8 (server said "image/png")`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("list --json:\n got %+v\nwant %+v", got, want)
	}
	code, stdout, _ = runImagesCmd(db, "list", "--status", "failed")
	if lines := strings.Split(strings.TrimSpace(stdout), "\n"); code != exitOK || len(lines) != 3 ||
		!strings.HasPrefix(lines[0], "STATUS") || !strings.Contains(lines[1], "HTTP 404") {
		t.Errorf("list --status failed: exit %d\n%s", code, stdout)
	}
	if code, _, _ := runImagesCmd(db, "list", "--status", "done"); code != exitUsage {
		t.Errorf("bad status: exit %d, want 2", code)
	}

	file := filepath.Join(t.TempDir(), "thumb.jpg")
	code, stdout, stderr = runImagesCmd(db, "thumb", url("/a.png"), file)
	if code != exitOK || stdout != "wrote "+file+": image/jpeg 320x200\n" {
		t.Fatalf("thumb: exit %d %q %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	thumb, format, err := image.Decode(bytes.NewReader(data))
	if err != nil || format != "jpeg" || thumb.Bounds().Dx() != 320 {
		t.Fatalf("thumbnail file: %v %s %v", err, format, thumb.Bounds())
	}
	if r, g, b, _ := thumb.At(100, 100).RGBA(); !near(color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}, 200) {
		t.Errorf("thumbnail color %v, want about 200", thumb.At(100, 100))
	}
	// An existing FILE is left alone without --force, as export does.
	if err := os.WriteFile(file, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runImagesCmd(db, "thumb", url("/a.png"), file)
	if wantErr := "seedctl: write " + file + ": file already exists\nseedctl: nothing was written; use --force to overwrite\n"; code != exitFatal || stdout != "" || stderr != wantErr {
		t.Errorf("thumb over an existing file: exit %d %q %q, want exit 1 and %q", code, stdout, stderr, wantErr)
	}
	if got, _ := os.ReadFile(file); string(got) != "mine" {
		t.Errorf("thumb without --force changed the existing file to %d bytes", len(got))
	}
	if entries, _ := os.ReadDir(filepath.Dir(file)); len(entries) != 1 {
		t.Errorf("thumb without --force left %d files beside it, want none", len(entries)-1)
	}
	if code, _, stderr = runImagesCmd(db, "thumb", "--force", url("/a.png"), file); code != exitOK {
		t.Errorf("thumb --force: exit %d %s", code, stderr)
	}
	if got, _ := os.ReadFile(file); !bytes.Equal(got, data) {
		t.Errorf("thumb --force did not overwrite the file")
	}
	code, _, stderr = runImagesCmd(db, "thumb", url("/missing.png"), file)
	if code != exitFatal || !strings.Contains(stderr, "image not cached (failed: HTTP 404 Not Found)") {
		t.Errorf("thumb of a failure: exit %d %q", code, stderr)
	}
	if code, _, _ := runImagesCmd(db, "thumb", url("/a.png")); code != exitUsage {
		t.Errorf("thumb without FILE: exit %d", code)
	}

	a, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := a.IDs(context.Background(), storage.ListOptions{Query: "topic:Space"})
	if err == nil {
		// Delete drops the deleted articles' unshared images itself …
		_, err = a.Delete(context.Background(), ids...)
	}
	if err == nil {
		// … so prune only sweeps records orphaned some other way.
		err = a.PutImages(context.Background(), []storage.ImageEntry{{ImageInfo: storage.ImageInfo{
			URL: "http://stray.invalid/x.png", Status: storage.ImageFailed, Error: "HTTP 404 Not Found"}}})
	}
	a.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runImagesCmd(db, "prune")
	if code != exitOK || stdout != "removed 1 cached image that no article references\n" {
		t.Errorf("prune: exit %d %q", code, stdout)
	}
	if code, _, _ := runImagesCmd(db, "nothing"); code != exitUsage {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}

func near(c color.RGBA, v uint8) bool {
	d := func(x uint8) bool { return x+3 >= v && x <= v+3 }
	return d(c.R) && d(c.G) && d(c.B)
}
