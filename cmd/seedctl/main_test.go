package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

// cli runs seedctl in-process against one archive.
type cli struct {
	t  *testing.T
	db string
}

func newCLI(t *testing.T) *cli {
	return &cli{t: t, db: filepath.Join(t.TempDir(), "archive.db")}
}

// run runs seedctl --db DB ARGS... and returns the exit code and outputs.
func (c *cli) run(args ...string) (int, string, string) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"--db", c.db}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// must runs and fails the test unless the exit code is want.
func (c *cli) must(want int, args ...string) (string, string) {
	c.t.Helper()
	code, out, errOut := c.run(args...)
	if code != want {
		c.t.Fatalf("seedctl %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, want, out, errOut)
	}
	return out, errOut
}

func seed(title, url string, quality int) string {
	return fmt.Sprintf(`---
category: news
title: %q
excerpt: "An excerpt."
publishedDateTime: 2020-02-24T17:51:00Z
webUrl: %q
type: article
quality: %d
published: false

provider:
  name: Medical Xpress
  domain: medicalxpress.com

topics:
  - AI
  - Machine Learning
---
`, title, url, quality)
}

// seedDir writes three seed files (one with a body and a comment) and returns the folder.
func seedDir(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "seeds")
	files := map[string]string{
		"a.txt":     seed("Alpha article", "https://x.test/a", 10),
		"b.txt":     seed("Beta article", "https://x.test/b", 60),
		"sub/c.txt": strings.Replace(seed("Gamma article", "https://x.test/c", 90), "type:", "# a comment\ntype:", 1) + "Body text.\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, files
}

func TestHelp(t *testing.T) {
	c := newCLI(t)
	out, _ := c.must(exitOK, "-h")
	for _, name := range []string{"import", "export", "list", "count", "facet", "show", "edit", "set", "check", "version"} {
		if !strings.Contains(out, "\n  "+name+" ") {
			t.Errorf("overview lacks %s:\n%s", name, out)
		}
	}
	for _, name := range []string{"import", "export", "list", "count", "facet", "show", "edit", "set", "check", "version"} {
		out, _ := c.must(exitOK, name, "-h")
		if !strings.HasPrefix(out, "usage: seedctl "+name) {
			t.Errorf("%s -h: %q", name, out)
		}
		if name != "version" && !strings.Contains(out, "Examples:\n  seedctl ") {
			t.Errorf("%s -h has no examples", name)
		}
		help, _ := c.must(exitOK, "help", name)
		if help != out {
			t.Errorf("help %s differs from %s -h", name, name)
		}
	}
	if out, _ := c.must(exitOK, "import", "--help"); !strings.Contains(out, "--on-duplicate MODE") {
		t.Errorf("import flags not shown:\n%s", out)
	}
	// No command: the overview, on stderr, with every exit status.
	if _, errOut := c.must(exitUsage); !strings.HasPrefix(errOut, "usage: seedctl [--db PATH] COMMAND") ||
		!strings.Contains(errOut, "\n  import ") || !strings.Contains(errOut, "images fetch with images not cached") {
		t.Errorf("no command: stderr %q", errOut)
	}
	if _, errOut := c.must(exitUsage, "frobnicate"); !strings.Contains(errOut, `seedctl: unknown command "frobnicate"`) {
		t.Errorf("stderr %q", errOut)
	}
	if _, errOut := c.must(exitUsage, "list", "--bogus"); !strings.Contains(errOut, "seedctl list: flag provided but not defined: -bogus") {
		t.Errorf("stderr %q", errOut)
	}
}

func TestImportExitCodes(t *testing.T) {
	c := newCLI(t)
	dir, _ := seedDir(t)
	out, _ := c.must(exitOK, "import", dir)
	if !strings.HasPrefix(out, "imported 3 of 3 files: 3 new, 0 identical") {
		t.Errorf("summary %q", out)
	}
	// Again: all identical, still exit 0; --quiet prints nothing.
	if out, errOut := c.must(exitOK, "import", "--quiet", dir); out != "" || errOut != "" {
		t.Errorf("quiet import printed %q %q", out, errOut)
	}
	// A refused file: exit 3, PATH:LINE: reason on stderr, the rest imported.
	bad := filepath.Join(t.TempDir(), "bad.txt")
	os.WriteFile(bad, []byte("---\ntitle: x\n\tquality: 1\n---\n"), 0o644)
	good := filepath.Join(filepath.Dir(bad), "good.txt")
	os.WriteFile(good, []byte(seed("Delta", "https://x.test/d", 5)), 0o644)
	out, errOut := c.must(exitPartial, "import", bad, good)
	if !strings.HasPrefix(errOut, bad+":3: ") {
		t.Errorf("refusal on stderr = %q", errOut)
	}
	if !strings.Contains(out, "1 new") || !strings.Contains(out, "1 refused") {
		t.Errorf("summary %q", out)
	}
	// Usage errors: exit 2, nothing changed.
	c.must(exitUsage, "import")
	if _, errOut := c.must(exitUsage, "import", "--on-duplicate", "merge", dir); !strings.Contains(errOut, "unknown duplicate mode") {
		t.Errorf("stderr %q", errOut)
	}
	// A fatal error: exit 1.
	bogus := &cli{t: t, db: t.TempDir()} // a folder is no database
	if _, errOut := bogus.must(exitFatal, "import", dir); !strings.HasPrefix(errOut, "seedctl: ") {
		t.Errorf("stderr %q", errOut)
	}
	// Dry run: a line per input, nothing written.
	changed := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(changed, []byte(seed("Alpha, changed", "https://x.test/a", 10)), 0o644)
	out, _ = c.must(exitPartial, "import", "--dry-run", "--on-duplicate", "replace", changed, good, bad)
	for _, want := range []string{"changed     " + changed, "identical   " + good, "refused     " + bad, "dry run: 3 files: 0 new, 1 identical, 1 changed, 0 conflicting, 1 refused"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if out, _ := c.must(exitOK, "list", "--where", "alpha", "--json"); strings.Contains(out, "changed") {
		t.Errorf("dry run wrote: %s", out)
	}
}

func TestExportCommand(t *testing.T) {
	c := newCLI(t)
	dir, files := seedDir(t)
	c.must(exitOK, "import", dir)
	out := filepath.Join(t.TempDir(), "out")
	stdout, _ := c.must(exitOK, "export", out)
	if !strings.HasPrefix(stdout, "exported 3 articles to "+out) {
		t.Errorf("summary %q", stdout)
	}
	for name, text := range files {
		if data, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(name))); string(data) != text {
			t.Errorf("%s not exported byte for byte", name)
		}
	}
	if _, errOut := c.must(exitFatal, "export", out); !strings.Contains(errOut, "--force") {
		t.Errorf("overwrite refusal: %q", errOut)
	}
	c.must(exitOK, "export", "--force", out)

	zipPath := filepath.Join(t.TempDir(), "hi.zip")
	c.must(exitOK, "export", "--where", "quality:>50", "--name", "{slug}.md", zipPath)
	z, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	z.Close()
	if want := []string{"beta-article.md", "gamma-article.md", "manifest.json"}; !reflect.DeepEqual(names, want) {
		t.Errorf("zip entries %q, want %q", names, want)
	}
	c.must(exitOK, "set", "add", "Picks", "1")
	setOut := filepath.Join(t.TempDir(), "set")
	c.must(exitOK, "export", "--set", "Picks", setOut)
	if entries, _ := os.ReadDir(setOut); len(entries) != 1 {
		t.Errorf("set export wrote %d files", len(entries))
	}
	if _, errOut := c.must(exitUsage, "export", "--name", "{bogus}", t.TempDir()); !strings.Contains(errOut, "unknown placeholder {bogus}") {
		t.Errorf("stderr %q", errOut)
	}
	if _, errOut := c.must(exitUsage, "export", "--where", "quality:>", t.TempDir()); !strings.Contains(errOut, "^") {
		t.Errorf("no caret: %q", errOut)
	}
	c.must(exitUsage, "export")
	c.must(exitUsage, "export", "a", "b")
}

func TestList(t *testing.T) {
	c := newCLI(t)
	dir, _ := seedDir(t)
	c.must(exitOK, "import", dir)
	out, _ := c.must(exitOK, "list", "--sort", "-quality")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "     ID DATE") {
		t.Fatalf("table:\n%s", out)
	}
	want := "      3 2020-02-24 Medical Xpress      90 Gamma article"
	if lines[1] != want {
		t.Errorf("row\n got %q\nwant %q", lines[1], want)
	}
	for _, l := range lines {
		if len([]rune(l)) > 80 {
			t.Errorf("line longer than 80: %q", l)
		}
	}
	out, _ = c.must(exitOK, "list", "--json", "--where", "quality:>50", "--limit", "1")
	lines = strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("json lines:\n%s", out)
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &obj); err != nil {
		t.Fatal(err)
	}
	wantObj := map[string]any{
		"id": 2.0, "file": "b.txt", "category": "news", "title": "Beta article", "excerpt": "An excerpt.",
		"publishedDateTime": "2020-02-24T17:51:00Z", "webUrl": "https://x.test/b", "type": "article",
		"quality": 60.0, "published": false,
		"provider": map[string]any{"name": "Medical Xpress", "domain": "medicalxpress.com"},
		"topics":   []any{"AI", "Machine Learning"},
	}
	if !reflect.DeepEqual(obj, wantObj) {
		t.Errorf("json\n got %v\nwant %v", obj, wantObj)
	}
	if !strings.HasPrefix(lines[0], `{"id":2,"file":"b.txt","category":"news","title":`) {
		t.Errorf("key order: %s", lines[0])
	}
	_, errOut := c.must(exitUsage, "list", "--where", "topic:AI (quality:>5")
	if !strings.Contains(errOut, "seedctl: bad query:") || !strings.Contains(errOut, "\n  topic:AI (quality:>5\n") || !strings.HasSuffix(errOut, "^\n") {
		t.Errorf("query error:\n%s", errOut)
	}
	c.must(exitUsage, "list", "extra")
	c.must(exitUsage, "list", "--limit", "-1")
	// A field it cannot sort by (the AMP URLs live only in the text) is a
	// usage error before anything is printed.
	for _, sort := range []string{"ampWebUrl", "-cdnAmpWebUrl", "nosuch"} {
		out, errOut := c.must(exitUsage, "list", "--sort", sort)
		if out != "" || !strings.Contains(errOut, "not a field the archive sorts by") || !strings.Contains(errOut, "publishedDateTime") {
			t.Errorf("list --sort %s: stdout %q, stderr %q", sort, out, errOut)
		}
	}
}

func TestShowAndEdit(t *testing.T) {
	c := newCLI(t)
	dir, files := seedDir(t)
	c.must(exitOK, "import", dir)
	out, _ := c.must(exitOK, "show", "3")
	if out != files["sub/c.txt"] {
		t.Errorf("show:\n%s", out)
	}
	out, _ = c.must(exitOK, "edit", "3", "title=New title", "quality=5", "published=yes", "topics+=Neuroscience", "topics-=ai")
	if out != "#3: changed title, quality, published, topics\n" {
		t.Errorf("edit summary %q", out)
	}
	shown, _ := c.must(exitOK, "show", "3")
	for _, want := range []string{`title: "New title"`, "quality: 5\n", "published: true\n", "# a comment\n", "  - Machine Learning\n  - Neuroscience\n", "Body text.\n"} {
		if !strings.Contains(shown, want) {
			t.Errorf("edited text lacks %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "  - AI\n") {
		t.Errorf("topic AI not removed:\n%s", shown)
	}
	// Nothing to change: no output.
	if out, _ := c.must(exitOK, "edit", "3", "quality=5"); out != "" {
		t.Errorf("no-op edit printed %q", out)
	}
	// A bad value refuses the whole call.
	_, errOut := c.must(exitUsage, "edit", "3", "title=Changed again", "quality=lots")
	if !strings.Contains(errOut, "whole number") || !strings.Contains(errOut, "nothing changed") {
		t.Errorf("stderr %q", errOut)
	}
	if again, _ := c.must(exitOK, "show", "3"); again != shown {
		t.Error("refused edit changed the article")
	}
	c.must(exitUsage, "edit", "3", "nosuchfield=1")
	c.must(exitUsage, "edit", "3", "title+=x")
	c.must(exitUsage, "edit", "3", "novalue")
	c.must(exitUsage, "edit", "3")
	c.must(exitUsage, "show", "x")
	c.must(exitUsage, "show")
	if _, errOut := c.must(exitFatal, "show", "99"); !strings.Contains(errOut, "not found") {
		t.Errorf("stderr %q", errOut)
	}
	c.must(exitFatal, "edit", "99", "quality=1")
}

func TestSets(t *testing.T) {
	c := newCLI(t)
	dir, _ := seedDir(t)
	c.must(exitOK, "import", dir)
	if out, _ := c.must(exitOK, "set", "add", "Reading", "1", "2"); out != "added 2 of 2 articles to Reading\n" {
		t.Errorf("add: %q", out)
	}
	if out, _ := c.must(exitOK, "set", "add", "Reading", "--where", "quality:>50"); out != "added 1 of 2 articles to Reading\n" {
		t.Errorf("add --where: %q", out)
	}
	if out, _ := c.must(exitOK, "set", "remove", "Reading", "2"); out != "removed 1 of 1 article from Reading\n" {
		t.Errorf("remove: %q", out)
	}
	if out, _ := c.must(exitOK, "set", "save", "Best", "quality:>=60"); out != "saved smart set Best: 2 articles match quality:>=60\n" {
		t.Errorf("save: %q", out)
	}
	out, _ := c.must(exitOK, "set", "list")
	want := "NAME     KIND    COUNT  QUERY\nBest     smart   2      quality:>=60\nReading  manual  2      \n"
	if out != want {
		t.Errorf("list\n got %q\nwant %q", out, want)
	}
	if out, _ := c.must(exitOK, "list", "--where", "set:Reading", "--json"); strings.Count(out, "\n") != 2 {
		t.Errorf("set:Reading lists %q", out)
	}
	c.must(exitOK, "set", "delete", "Reading")
	if out, _ := c.must(exitOK, "set", "list"); strings.Contains(out, "Reading") {
		t.Errorf("deleted set still listed: %q", out)
	}
	c.must(exitUsage, "set")
	c.must(exitUsage, "set", "frob")
	c.must(exitUsage, "set", "add", "X")
	c.must(exitUsage, "set", "add", "X", "1", "--where", "quality:>1")
	c.must(exitUsage, "set", "save", "X", "quality:>")
	c.must(exitFatal, "set", "delete", "Nope")
	if out, _ := c.must(exitOK, "set", "-h"); !strings.Contains(out, "set save NAME QUERY") {
		t.Errorf("set -h: %q", out)
	}
}

func TestCheckVersionAndEnv(t *testing.T) {
	c := newCLI(t)
	dir, _ := seedDir(t)
	c.must(exitOK, "import", dir)
	if out, _ := c.must(exitOK, "check"); !strings.HasPrefix(out, "ok: ") || !strings.Contains(out, "3 articles") {
		t.Errorf("check: %q", out)
	}
	if out, _ := c.must(exitOK, "version"); !strings.HasPrefix(out, "seedctl ") {
		t.Errorf("version: %q", out)
	}
	c.must(exitUsage, "version", "extra")
	// Without --db, $SEEDARCHIVE_DB names the archive.
	t.Setenv("SEEDARCHIVE_DB", c.db)
	var out, errOut bytes.Buffer
	if code := run([]string{"list", "--json"}, nil, &out, &errOut); code != exitOK || strings.Count(out.String(), "\n") != 3 {
		t.Errorf("SEEDARCHIVE_DB: exit %d, %q %q", code, out.String(), errOut.String())
	}
	// --db may also follow the command (list does not create a missing archive).
	other := filepath.Join(t.TempDir(), "other.db")
	errOut.Reset()
	if code := run([]string{"list", "--db", other}, nil, &out, &errOut); code != exitFatal || !strings.Contains(errOut.String(), "no archive at "+other) {
		t.Errorf("list --db: exit %d, %q: --db after the command not used", code, errOut.String())
	}
	// Articles deleted in the app wait in the trash for its undo.
	a, err := storage.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	ids, _ := a.IDs(context.Background(), storage.ListOptions{})
	if _, _, err := a.Trash(context.Background(), ids[0]); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if out, _ := c.must(exitOK, "check"); !strings.HasSuffix(out, "holds 2 articles (and 1 deleted article in the trash for undo)\n") {
		t.Errorf("check with a trashed article: %q", out)
	}
}

// TestEditListOfOneString edits topics written as a single string: +=
// keeps it beside the new topic, -= of another topic leaves it.
func TestEditListOfOneString(t *testing.T) {
	c := newCLI(t)
	dir := filepath.Join(t.TempDir(), "seeds")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	text := "---\ntitle: \"One topic\"\nwebUrl: \"https://x.test/one\"\ntopics: \"AI\"\n---\n"
	if err := os.WriteFile(filepath.Join(dir, "one.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c.must(exitOK, "import", dir)
	// The single string is the topic AI for searches and check too.
	if out, _ := c.must(exitOK, "list", "--where", "topic:AI", "--json"); strings.Count(out, "\n") != 1 ||
		!strings.Contains(out, `"topics":["AI"]`) {
		t.Errorf("list --where topic:AI: %q", out)
	}
	c.must(exitOK, "check")
	if out, _ := c.must(exitOK, "edit", "1", "topics-=Health"); out != "" {
		t.Errorf("removing an absent topic printed %q", out)
	}
	c.must(exitOK, "edit", "1", "topics+=Health")
	if shown, _ := c.must(exitOK, "show", "1"); shown != strings.Replace(text, `topics: "AI"`, `topics: ["AI", Health]`, 1) {
		t.Errorf("after topics+=Health:\n%s", shown)
	}
}
