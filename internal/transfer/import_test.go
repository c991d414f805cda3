package transfer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

func TestImportFilesFoldersAndZip(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"folder/a.txt":            seed("A", "https://x.test/a"),
		"folder/sub/b.md":         seed("B", "https://x.test/b"),
		"folder/sub/notes.json":   `{"not": "counted"}`,
		"folder/.hidden.txt":      seed("Hidden", "https://x.test/h"),
		"folder/.git/c.txt":       seed("Git", "https://x.test/g"),
		"folder/UPPER.TXT":        seed("Upper", "https://x.test/u"),
		"loose/explicit.seed":     seed("Explicit", "https://x.test/e"),
		"loose/crlf.txt":          strings.ReplaceAll(seed("CRLF", "https://x.test/crlf"), "\n", "\r\n"),
		"loose/bom.txt":           "\ufeff" + seed("BOM", "https://x.test/bom"),
		"loose/ignored-by-walk.x": "never read",
	})
	zipPath := filepath.Join(dir, "in.zip")
	writeZip(t, zipPath,
		zipEntry{"z/", ""},
		zipEntry{"z/one.txt", seed("Z1", "https://x.test/z1")},
		zipEntry{"z/two.md", seed("Z2", "https://x.test/z2")},
		zipEntry{"manifest.json", "{}"},
		zipEntry{"__MACOSX/z/._one.txt", "junk"},
	)
	a := openArchive(t)
	sum, results := doImport(t, a, []string{
		filepath.Join(dir, "folder"),
		filepath.Join(dir, "loose", "explicit.seed"),
		filepath.Join(dir, "loose", "crlf.txt"),
		filepath.Join(dir, "loose", "bom.txt"),
		zipPath,
	}, ImportOptions{})

	wantNames := []string{"UPPER.TXT", "a.txt", "sub/b.md", "explicit.seed", "crlf.txt", "bom.txt", "z/one.txt", "z/two.md"}
	var names []string
	for _, r := range results {
		names = append(names, r.Name)
		if r.Status != StatusNew || r.Action != ActionInserted || r.ID == 0 {
			t.Errorf("%s: got %v/%v id %d, want new/inserted", r.Path, r.Status, r.Action, r.ID)
		}
	}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("names (input order) = %q, want %q", names, wantNames)
	}
	if got := results[6].Path; got != zipPath+"!z/one.txt" {
		t.Errorf("zip entry path = %q", got)
	}
	if sum.Total != 8 || sum.New != 8 || sum.Inserted != 8 || sum.Refused != 0 {
		t.Errorf("summary = %+v", sum)
	}
	st := stored(t, a)
	if st["crlf.txt"] != strings.ReplaceAll(seed("CRLF", "https://x.test/crlf"), "\n", "\r\n") {
		t.Errorf("CRLF file not stored byte for byte: %q", st["crlf.txt"])
	}
	if !strings.HasPrefix(st["bom.txt"], "\ufeff---") {
		t.Errorf("BOM lost: %q", st["bom.txt"][:10])
	}
	mustCheck(t, a)
}

// TestImportDryRunClassifies checks each status, that a dry run writes
// nothing, and that the real import classifies exactly the same way.
func TestImportDryRunClassifies(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"old/same.txt":    seed("Same", "https://x.test/same"),
		"old/changed.txt": seed("Changed", "https://x.test/changed"),
		"old/multi1.txt":  seed("Multi one", "https://x.test/multi"),
		"old/nourl.txt":   seed("No URL", ""),
	})
	a := openArchive(t)
	doImport(t, a, []string{filepath.Join(dir, "old")}, ImportOptions{})
	// A second article with the multi URL.
	writeFiles(t, dir, map[string]string{"multi2.txt": seed("Multi two", "https://x.test/multi")})
	doImport(t, a, []string{filepath.Join(dir, "multi2.txt")}, ImportOptions{OnDuplicate: KeepBoth})

	writeFiles(t, dir, map[string]string{
		"in/1-new.txt":       seed("New", "https://x.test/new"),
		"in/2-same.txt":      seed("Same", "https://x.test/same"),
		"in/3-changed.txt":   seed("Changed, edited", "https://x.test/changed"),
		"in/4-multi.txt":     seed("Multi three", "https://x.test/multi"),
		"in/5-twin-a.txt":    seed("Twin A", "https://x.test/twin"),
		"in/6-twin-b.txt":    seed("Twin B", "https://x.test/twin"),
		"in/7-copy.txt":      seed("New", "https://x.test/new"),
		"in/8-nourl.txt":     strings.ReplaceAll(seed("No URL", ""), "\n", "\r\n"),
		"in/9-bad.txt":       "---\ntitle: [unclosed\n---\n",
		"in/9-nourl-new.txt": seed("Other, no URL", ""),
	})
	want := map[string]Status{
		"1-new.txt":       StatusNew,
		"2-same.txt":      StatusIdentical,
		"3-changed.txt":   StatusChanged,
		"4-multi.txt":     StatusConflicting,
		"5-twin-a.txt":    StatusNew,
		"6-twin-b.txt":    StatusConflicting,
		"7-copy.txt":      StatusIdentical,
		"8-nourl.txt":     StatusIdentical, // same content up to line ends
		"9-bad.txt":       StatusRefused,
		"9-nourl-new.txt": StatusNew,
	}
	before := stored(t, a)
	in := filepath.Join(dir, "in")
	check := func(label string, sum ImportSummary, results []FileResult) {
		t.Helper()
		got := map[string]Status{}
		for _, r := range results {
			got[strings.TrimPrefix(r.Path, in+string(filepath.Separator))] = r.Status
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: statuses\n got %v\nwant %v", label, got, want)
		}
		if sum.New != 3 || sum.Identical != 3 || sum.Changed != 1 || sum.Conflicting != 2 || sum.Refused != 1 || sum.Done != 10 {
			t.Errorf("%s: summary %+v", label, sum)
		}
		if len(sum.Conflicts) != 2 || !strings.Contains(sum.Conflicts[1].Reason, "5-twin-a.txt") {
			t.Errorf("%s: conflicts %+v", label, sum.Conflicts)
		}
	}
	sum, results := doImport(t, a, []string{in}, ImportOptions{DryRun: true})
	check("dry run", sum, results)
	if sum.Inserted != 0 || sum.Replaced != 0 {
		t.Errorf("dry run wrote: %+v", sum)
	}
	if after := stored(t, a); !reflect.DeepEqual(before, after) {
		t.Errorf("dry run changed the archive")
	}
	sum, results = doImport(t, a, []string{in}, ImportOptions{})
	check("import", sum, results)
	if sum.Inserted != 3 || sum.Replaced != 0 {
		t.Errorf("import: inserted %d replaced %d, want 3, 0", sum.Inserted, sum.Replaced)
	}
	if n := count(t, a); n != len(before)+3 {
		t.Errorf("count = %d, want %d", n, len(before)+3)
	}
	mustCheck(t, a)
}

func TestImportDuplicateModes(t *testing.T) {
	original := seed("Original", "https://x.test/a")
	changed := seed("Changed", "https://x.test/a")
	tests := []struct {
		mode       OnDuplicate
		wantCount  int
		wantAction Action
		wantText   string // text stored under the original id
	}{
		{Skip, 1, ActionNone, original},
		{Replace, 1, ActionReplaced, changed},
		{KeepBoth, 2, ActionInserted, original},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"a.txt": original, "b/a.txt": changed})
			a := openArchive(t)
			_, first := doImport(t, a, []string{filepath.Join(dir, "a.txt")}, ImportOptions{})
			sum, results := doImport(t, a, []string{filepath.Join(dir, "b", "a.txt")}, ImportOptions{OnDuplicate: tt.mode})
			r := results[0]
			if r.Status != StatusChanged || r.Action != tt.wantAction {
				t.Errorf("got %v/%v, want changed/%v", r.Status, r.Action, tt.wantAction)
			}
			if n := count(t, a); n != tt.wantCount {
				t.Errorf("count = %d, want %d", n, tt.wantCount)
			}
			rec, err := a.Get(context.Background(), first[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(rec.Doc.Bytes()); got != tt.wantText {
				t.Errorf("stored text = %q, want %q", got, tt.wantText)
			}
			if tt.mode == Skip && sum.Skipped() != 1 {
				t.Errorf("skipped = %d", sum.Skipped())
			}
			// Running again finds everything identical.
			sum, _ = doImport(t, a, []string{filepath.Join(dir, "b", "a.txt")}, ImportOptions{OnDuplicate: tt.mode})
			if tt.mode != Skip && sum.Identical != 1 {
				t.Errorf("rerun: %+v", sum)
			}
			mustCheck(t, a)
		})
	}
}

// TestImportRerunStoresNothing: whatever the mode, running the same import
// twice stores nothing the second time, and a dry run predicts each run.
func TestImportRerunStoresNothing(t *testing.T) {
	for _, mode := range []OnDuplicate{Skip, Replace, KeepBoth} {
		t.Run(mode.String(), func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"stored.txt": seed("Stored", "https://x.test/x")})
			writeFiles(t, dir, map[string]string{
				"in/a1.txt": seed("One", "https://x.test/x"),
				"in/a2.txt": seed("Two", "https://x.test/x"),
				"in/a3.txt": seed("Two", "https://x.test/x"),
				"in/b1.txt": seed("Bee", "https://x.test/y"),
				"in/b2.txt": seed("Bee", "https://x.test/y"),
			})
			a := openArchive(t)
			doImport(t, a, []string{filepath.Join(dir, "stored.txt")}, ImportOptions{})
			in := []string{filepath.Join(dir, "in")}
			for run := 1; run <= 3; run++ {
				dry, dryResults := doImport(t, a, in, ImportOptions{OnDuplicate: mode, DryRun: true})
				sum, results := doImport(t, a, in, ImportOptions{OnDuplicate: mode})
				if !reflect.DeepEqual(statuses(dryResults), statuses(results)) {
					t.Errorf("run %d: dry run %v, import %v", run, statuses(dryResults), statuses(results))
				}
				if dry.New != sum.New || dry.Identical != sum.Identical {
					t.Errorf("run %d: dry %+v, real %+v", run, dry, sum)
				}
				if run > 1 && sum.Inserted+sum.Replaced != 0 {
					t.Errorf("run %d stored again: %+v", run, sum)
				}
			}
			mustCheck(t, a)
		})
	}
}

func TestImportRefusals(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"in/good.txt":     seed("Good", "https://x.test/good"),
		"in/bad-yaml.txt": "---\ntitle: ok\nexcerpt: [unclosed\nquality: 1\n---\n",
		"in/no-fm.md":     "# Just markdown\n",
		"in/dup-key.txt":  "---\ntitle: a\ntype: x\ntitle: b\n---\n",
	})
	big := filepath.Join(dir, "in", "big.txt")
	if err := os.WriteFile(big, []byte(seed("Big", "https://x.test/big")+strings.Repeat("x", seedfile.MaxSize)), 0o644); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(dir, "evil.zip")
	writeZip(t, zipPath,
		zipEntry{"../escape.txt", seed("Escape", "https://x.test/escape")},
		zipEntry{"/abs.txt", seed("Abs", "https://x.test/abs")},
		zipEntry{"ok.txt", seed("Zip ok", "https://x.test/zipok")},
		zipEntry{"huge.txt", strings.Repeat("y", seedfile.MaxSize+1)},
		zipEntry{"broken.txt", "---\n\tbad: indent\n---\n"},
	)
	notZip := filepath.Join(dir, "fake.zip")
	writeFiles(t, dir, map[string]string{"fake.zip": "not a zip"})
	missing := filepath.Join(dir, "missing.txt")

	a := openArchive(t)
	sum, results := doImport(t, a, []string{filepath.Join(dir, "in"), zipPath, notZip, missing}, ImportOptions{})
	if sum.Inserted != 2 || count(t, a) != 2 {
		t.Errorf("inserted %d, count %d: want the 2 good files", sum.Inserted, count(t, a))
	}
	want := map[string]string{
		filepath.Join(dir, "in", "bad-yaml.txt"): filepath.Join(dir, "in", "bad-yaml.txt") + ":", // line as the codec finds it
		filepath.Join(dir, "in", "no-fm.md"):     filepath.Join(dir, "in", "no-fm.md") + ":1: ",
		filepath.Join(dir, "in", "dup-key.txt"):  filepath.Join(dir, "in", "dup-key.txt") + ":4: duplicate key",
		big:                                      big + ": file too big",
		zipPath + "!../escape.txt":               zipPath + "!../escape.txt: unsafe entry name",
		zipPath + "!/abs.txt":                    zipPath + "!/abs.txt: unsafe entry name",
		zipPath + "!huge.txt":                    zipPath + "!huge.txt: file too big",
		zipPath + "!broken.txt":                  zipPath + "!broken.txt:2: ",
		notZip:                                   notZip + ": not a readable zip",
		missing:                                  missing + ": no such file",
	}
	got := map[string]string{}
	for _, r := range sum.RefusedFiles {
		got[r.Path] = r.String()
	}
	if len(got) != len(want) || sum.Refused != len(want) {
		t.Errorf("refused %d: %v", sum.Refused, got)
	}
	if r := got[filepath.Join(dir, "in", "bad-yaml.txt")]; !strings.Contains(r, ": invalid YAML") {
		t.Errorf("bad YAML refusal = %q", r)
	}
	for path, prefix := range want {
		if !strings.HasPrefix(got[path], prefix) {
			t.Errorf("refusal of %s = %q, want prefix %q", path, got[path], prefix)
		}
	}
	if st := statuses(results); st[zipPath+"!ok.txt"] != StatusNew {
		t.Errorf("zip ok.txt: %v", st[zipPath+"!ok.txt"])
	}
	mustCheck(t, a)
}

// TestImportInterrupted stops imports mid-way (cancelled between batches,
// cancelled inside a batch) and checks the archive is consistent, holds
// only whole batches, and that running again finishes the job.
func TestImportInterrupted(t *testing.T) {
	tests := []struct {
		name     string
		cancelAt func(cancel func()) ImportOptions
		want     int // articles stored when interrupted
	}{
		{"after a batch", func(cancel func()) ImportOptions {
			n := 0
			return ImportOptions{OnFile: func(FileResult) {
				if n++; n == 25 {
					cancel()
				}
			}}
		}, 30},
		{"inside a batch", func(cancel func()) ImportOptions {
			return ImportOptions{ProgressEvery: -1, Progress: func(done, _ int) {
				if done == 35 {
					cancel()
				}
			}}
		}, 30},
	}
	dir := t.TempDir()
	files := writeCorpus(t, dir, 95)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := openArchive(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			opts := tt.cancelAt(cancel)
			opts.BatchSize = 10
			sum, err := Import(ctx, a, []string{dir}, opts)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			if n := count(t, a); n != tt.want || sum.Inserted != tt.want {
				t.Errorf("stored %d, summary inserted %d; want %d", n, sum.Inserted, tt.want)
			}
			mustCheck(t, a)
			sum, _ = doImport(t, a, []string{dir}, ImportOptions{BatchSize: 10})
			if sum.Identical != tt.want || sum.New != 95-tt.want || count(t, a) != 95 {
				t.Errorf("rerun: %+v, count %d", sum, count(t, a))
			}
			st := stored(t, a)
			for name, text := range files {
				if st[name] != text {
					t.Errorf("%s not stored byte for byte", name)
				}
			}
			mustCheck(t, a)
		})
	}
}

func TestImportProgress(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, 30)
	a := openArchive(t)
	var calls [][2]int
	_, err := Import(context.Background(), a, []string{dir}, ImportOptions{
		BatchSize: 7, ProgressEvery: -1,
		Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 30 || calls[0] != [2]int{1, 30} || calls[29] != [2]int{30, 30} {
		t.Errorf("progress calls %v", calls)
	}
	// Throttled: far fewer calls, but always the last.
	calls = nil
	if _, err := Import(context.Background(), a, []string{dir}, ImportOptions{
		Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) },
	}); err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 || len(calls) > 3 || calls[len(calls)-1] != [2]int{30, 30} {
		t.Errorf("throttled progress calls %v", calls)
	}
}

func TestParseOnDuplicate(t *testing.T) {
	for in, want := range map[string]OnDuplicate{"skip": Skip, "": Skip, "replace": Replace, "keep-both": KeepBoth, "KEEP-BOTH": KeepBoth} {
		if got, err := ParseOnDuplicate(in); err != nil || got != want {
			t.Errorf("ParseOnDuplicate(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseOnDuplicate("overwrite"); err == nil {
		t.Error("ParseOnDuplicate(overwrite): no error")
	}
}

func TestSafeEntryName(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"a.txt", "a.txt", true},
		{"dir/./b.txt", "dir/b.txt", true},
		{`win\path.txt`, "win/path.txt", true},
		{"../x.txt", "", false},
		{"a/../../x.txt", "", false},
		{"/etc/x.txt", "", false},
		{"C:/x.txt", "", false},
		{"a\x00.txt", "", false},
	}
	for _, tt := range tests {
		got, err := safeEntryName(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("safeEntryName(%q) = %q, %v", tt.in, got, err)
		}
	}
}

// TestImportExtensionsAndSkips imports every Markdown extension from a
// folder and a zip, and counts what was passed over: files of other
// extensions and nested zips (hidden files are not counted).
func TestImportExtensionsAndSkips(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"site/_posts/a.markdown": seed("A", "https://x.test/a"),
		"site/_posts/b.MDX":      seed("B", "https://x.test/b"),
		"site/_posts/c.md":       seed("C", "https://x.test/c"),
		"site/d.txt":             seed("D", "https://x.test/d"),
		"site/_config.yml":       "title: blog\n",
		"site/img/logo.png":      "png",
		"site/old.zip":           "a zip inside a folder is not opened",
		"site/.hidden.markdown":  seed("Hidden", "https://x.test/h"),
		"site/.git/config":       "[core]\n",
	})
	zipPath := filepath.Join(dir, "in.zip")
	writeZip(t, zipPath,
		zipEntry{"posts/e.markdown", seed("E", "https://x.test/e")},
		zipEntry{"posts/f.mdx", seed("F", "https://x.test/f")},
		zipEntry{"posts/inner.zip", "nested"},
		zipEntry{"posts/readme.rst", "text"},
		zipEntry{"__MACOSX/posts/._e.markdown", "junk"},
	)
	a := openArchive(t)
	sum, results := doImport(t, a, []string{filepath.Join(dir, "site"), zipPath}, ImportOptions{})
	var names []string
	for _, r := range results {
		names = append(names, r.Name)
	}
	want := []string{"_posts/a.markdown", "_posts/b.MDX", "_posts/c.md", "d.txt", "posts/e.markdown", "posts/f.mdx"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("imported %q, want %q", names, want)
	}
	if sum.Inserted != 6 || sum.SkippedExtension != 3 || sum.NestedZips != 2 {
		t.Errorf("inserted %d, skipped for extension %d, nested zips %d; want 6, 3, 2", sum.Inserted, sum.SkippedExtension, sum.NestedZips)
	}
	if s := sum.String(); !strings.Contains(s, "3 other files skipped for their extension") || !strings.Contains(s, "2 nested zips not opened") {
		t.Errorf("summary %q does not count the skipped files", s)
	}
	mustCheck(t, a)
}

// TestImportExportAliases imports a file with YAML anchors and aliases and
// exports it byte for byte; an alias bomb is refused at its line.
func TestImportExportAliases(t *testing.T) {
	text := "---\ncategory: news\ntitle: &t \"Anchored\"\nexcerpt: *t\nwebUrl: \"https://x.test/a\"\n\nprovider: &p\n  name: Medical Xpress\n  domain: medicalxpress.com\n\nrelated:\n  - title: \"R\"\n    provider: *p\n---\n\nBody.\n"
	bomb := "---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i < 6; i++ {
		bomb += fmt.Sprintf("a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	bomb += "---\n"
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/aliases.md": text, "in/bomb.md": bomb})
	a := openArchive(t)
	sum, _ := doImport(t, a, []string{filepath.Join(dir, "in")}, ImportOptions{})
	if sum.Inserted != 1 || len(sum.RefusedFiles) != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if got, want := sum.RefusedFiles[0].String(), filepath.Join(dir, "in", "bomb.md")+":5: YAML aliases expand to more than"; !strings.HasPrefix(got, want) {
		t.Errorf("refusal %q, want prefix %q", got, want)
	}
	out := filepath.Join(dir, "out")
	doExport(t, a, out, ExportOptions{})
	if got := readTree(t, out); got["aliases.md"] != text {
		t.Errorf("export differs:\n%s", got["aliases.md"])
	}
	mustCheck(t, a)
}

// TestImportInterruptedBulk: an import large enough to set indexes aside
// (storage.BeginBulk) and cancelled mid-way still rebuilds them before it
// returns, and its rerun finishes the job.
func TestImportInterruptedBulk(t *testing.T) {
	const n = 1100
	dir := t.TempDir()
	writeCorpus(t, dir, n)
	a := openArchive(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := 0
	sum, err := Import(ctx, a, []string{dir}, ImportOptions{BatchSize: 100, OnFile: func(FileResult) {
		if done++; done == 250 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || sum.Inserted != 300 {
		t.Fatalf("err = %v, inserted %d; want context.Canceled after 300", err, sum.Inserted)
	}
	if d, err := a.DeferredIndexes(context.Background()); err != nil || d != 0 {
		t.Errorf("%d indexes still set aside after the cancelled import (%v)", d, err)
	}
	rep, err := a.Check(context.Background())
	if err != nil || len(rep.Problems)+len(rep.Warnings) != 0 {
		t.Fatalf("check: %v %q %q", err, rep.Problems, rep.Warnings)
	}
	sum, _ = doImport(t, a, []string{dir}, ImportOptions{BatchSize: 100})
	if sum.New != n-300 || count(t, a) != n {
		t.Errorf("rerun: %+v, count %d", sum, count(t, a))
	}
	mustCheck(t, a)
}

// TestImportIntoEmptyArchive: an import large enough to be a bulk one,
// into an empty archive, classifies and stores its inputs exactly as the
// same import does into an archive with an article already stored, whose
// duplicates are looked up in the archive (storage.Bulk.Empty): copies,
// changed copies and content without a URL met again, across and within
// batches, in every duplicate mode.
func TestImportIntoEmptyArchive(t *testing.T) {
	dir := t.TempDir()
	files := writeCorpus(t, filepath.Join(dir, "corpus"), 1000)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	first, second := files[names[0]], files[names[500]]
	writeFiles(t, dir, map[string]string{
		"dup/a-copy.txt":          first,
		"dup/b-changed.txt":       strings.Replace(first, "title: ", "title: Changed ", 1),
		"dup/c-changed.txt":       strings.Replace(second, "title: ", "title: Other ", 1),
		"dup/d-nourl.txt":         seed("No URL", ""),
		"dup/e-nourl.txt":         seed("No URL", ""),
		"dup/f-nourl-crlf.txt":    strings.ReplaceAll(seed("No URL", ""), "\n", "\r\n"),
		"dup/g-changed-again.txt": strings.Replace(first, "title: ", "title: Again ", 1),
	})
	if !strings.Contains(first, "\ntitle: ") || !strings.Contains(second, "\ntitle: ") {
		t.Fatal("corpus articles without a title line")
	}
	paths := []string{filepath.Join(dir, "corpus"), filepath.Join(dir, "dup")}
	type outcome struct {
		Status Status
		Action Action
		Reason string
	}
	run := func(t *testing.T, mode OnDuplicate, prior bool) (map[string]outcome, map[string]string) {
		a := openArchive(t)
		if prior {
			writeFiles(t, dir, map[string]string{"prior/prior.txt": seed("Prior", "https://x.test/prior")})
			doImport(t, a, []string{filepath.Join(dir, "prior")}, ImportOptions{})
		}
		sum, results := doImport(t, a, paths, ImportOptions{OnDuplicate: mode, BatchSize: 100})
		if sum.Done != len(files)+7 {
			t.Fatalf("summary %+v", sum)
		}
		got := map[string]outcome{}
		for _, r := range results {
			got[r.Path] = outcome{r.Status, r.Action, r.Reason}
		}
		mustCheck(t, a)
		texts := stored(t, a)
		delete(texts, "prior.txt")
		return got, texts
	}
	for _, mode := range []OnDuplicate{Skip, Replace, KeepBoth} {
		t.Run(mode.String(), func(t *testing.T) {
			got, gotTexts := run(t, mode, false)
			want, wantTexts := run(t, mode, true)
			if !reflect.DeepEqual(got, want) {
				for p, w := range want {
					if got[p] != w {
						t.Errorf("%s: %+v, want %+v", p, got[p], w)
					}
				}
			}
			if !reflect.DeepEqual(gotTexts, wantTexts) {
				t.Errorf("stored %d texts, want %d (or they differ)", len(gotTexts), len(wantTexts))
			}
			var identical, conflicting int
			for _, o := range got {
				switch o.Status {
				case StatusIdentical:
					identical++
				case StatusConflicting:
					conflicting++
				}
			}
			if identical != 3 || conflicting != 3 {
				t.Errorf("%d identical, %d conflicting; want 3 and 3", identical, conflicting)
			}
		})
	}
}

// TestImportIntoEmptyArchiveWithAnotherWriter: an article stored by
// someone else while an import into an empty archive runs (between two of
// its batches) ends the import's reliance on its memory: a later input
// with that article's webUrl is found as a duplicate.
func TestImportIntoEmptyArchiveWithAnotherWriter(t *testing.T) {
	dir := t.TempDir()
	files := writeCorpus(t, dir, 1000)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	late := names[900]
	other, err := seedfile.Parse([]byte(strings.Replace(files[late], "title: ", "title: Other ", 1)))
	if err != nil {
		t.Fatal(err)
	}
	a := openArchive(t)
	var results []FileResult
	opts := ImportOptions{BatchSize: 100, OnFile: func(r FileResult) {
		if len(results) == 0 {
			err := a.WriteTx(context.Background(), func(tx *storage.Tx) error {
				_, err := tx.Insert("other.txt", other)
				return err
			})
			if err != nil {
				t.Error(err)
			}
		}
		results = append(results, r)
	}}
	sum, err := Import(context.Background(), a, []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if strings.HasSuffix(filepath.ToSlash(r.Path), late) && (r.Status != StatusChanged || r.Action != ActionNone) {
			t.Errorf("%s: %v/%v, want changed and skipped", late, r.Status, r.Action)
		}
	}
	if sum.New != 999 || sum.Changed != 1 || count(t, a) != 1000 {
		t.Errorf("summary %+v, %d stored", sum, count(t, a))
	}
	mustCheck(t, a)
}
