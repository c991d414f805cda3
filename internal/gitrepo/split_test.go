package gitrepo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffsOneEntryPerFile cuts a diff of every kind of change, with
// awkward names, into files and checks each is named right.
func TestDiffsOneEntryPerFile(t *testing.T) {
	repo := newRepo(t)
	long := strings.Repeat("a line that makes the rename similar\n", 5)
	files := map[string]string{
		"edit me.txt":       "old\n",
		"line\nbreak.txt":   "old\n",
		"bad\xffname.txt":   "old\n",
		"quote\"d.txt":      "old\n",
		"mode.sh":           "#!/bin/sh\n",
		"image.bin":         "\x00old",
		"from name.txt":     long,
		"gone.txt":          "bye\n",
		"to be a link.txt":  "x\n",
		"a b a b.txt":       "old\n",
		"sub dir/deep.txt":  "old\n",
		"unchanged.txt":     "same\n",
		"b/a b/a b/x.txt":   "old\n",
		"é accents.txt":     "old\n",
		"tab\tname.txt":     "old\n",
		"trailing space ":   "old\n",
		"-starts-dash.txt":  "old\n",
		"percent%20.txt":    "old\n",
		"star*glob?.txt":    "old\n",
		"new line\n.txt":    "old\n",
		"back\\slash.txt":   "old\n",
		"ends in b .txt":    "old\n",
		"a/b a/b.txt":       "old\n",
		"ctrl\x01char.txt":  "old\n",
		"del\x7fchar.txt":   "old\n",
		"only-mode.txt":     "m\n",
		"crlf.txt":          "a\r\n",
		"emptied.txt":       "was full\n",
		"filled.txt":        "",
		"spaces  in  a.txt": "old\n",
	}
	for name, content := range files {
		write(t, repo, "seeds/"+name, content)
	}
	gitT(t, repo, "add", "-A")
	gitT(t, repo, "commit", "-q", "-m", "seeds")

	want := map[string]string{} // path -> OrigPath
	for name := range files {
		switch name {
		case "unchanged.txt", "from name.txt", "to be a link.txt", "mode.sh", "only-mode.txt", "gone.txt":
			continue
		}
		write(t, repo, "seeds/"+name, "new\n")
		want[name] = ""
	}
	for _, name := range []string{"mode.sh", "only-mode.txt"} {
		if err := os.Chmod(filepath.Join(repo, "seeds", name), 0o755); err != nil {
			t.Fatal(err)
		}
		want[name] = ""
	}
	gitT(t, repo, "mv", "seeds/from name.txt", "seeds/to\nname.txt")
	write(t, repo, "seeds/to\nname.txt", long+"one more\n")
	want["to\nname.txt"] = "from name.txt"
	if err := removeFile(repo, "seeds/to be a link.txt"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("edit me.txt", filepath.Join(repo, "seeds", "to be a link.txt")); err != nil {
		t.Fatal(err)
	}
	want["to be a link.txt"] = "" // a type change: git writes a deletion and an addition
	if err := removeFile(repo, "seeds/gone.txt"); err != nil {
		t.Fatal(err)
	}
	want["gone.txt"] = ""
	write(t, repo, "seeds/untracked one.txt", "u\n")
	want["untracked one.txt"] = ""

	r := find(t, filepath.Join(repo, "seeds"))
	diffs, err := r.Diffs(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var joined strings.Builder
	for _, d := range diffs {
		if _, dup := got[d.Path]; dup {
			t.Errorf("%q listed twice", d.Path)
		}
		got[d.Path] = d.OrigPath
		joined.WriteString(d.Text)
		parts := 1
		if d.Path == "to be a link.txt" {
			parts = 2
		}
		if !strings.HasPrefix(d.Text, "diff --git ") || strings.Count(d.Text, "diff --git ") != parts {
			t.Errorf("%q: text is not one file's patch:\n%s", d.Path, d.Text)
		}
	}
	for p, orig := range want {
		if o, ok := got[p]; !ok || o != orig {
			t.Errorf("%q: listed %v with OrigPath %q, want OrigPath %q", p, ok, o, orig)
		}
	}
	if len(got) != len(want) {
		t.Errorf("Diffs lists %d files, want %d", len(got), len(want))
	}
	whole, err := r.Diff(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if whole != joined.String() {
		t.Error("Diff is not the files' patches joined")
	}
}

func TestQuotePathRoundTrip(t *testing.T) {
	tests := []struct{ name, quoted string }{
		{"plain.txt", "plain.txt"},
		{"with space.txt", "with space.txt"},
		{"é.txt", "é.txt"},
		{"line\nbreak", `"line\nbreak"`},
		{"tab\tand\rcr", `"tab\tand\rcr"`},
		{`quote"back\`, `"quote\"back\\"`},
		{"bell\a\b\v\f", `"bell\a\b\v\f"`},
		{"ctrl\x01\x1f\x7f", `"ctrl\001\037\177"`},
		{"bad\xff", "bad\xff"},
	}
	for _, tt := range tests {
		if got := quotePath(tt.name); got != tt.quoted {
			t.Errorf("quotePath(%q) = %q, want %q", tt.name, got, tt.quoted)
		}
		if got := unquotePath(tt.quoted); got != tt.name {
			t.Errorf("unquotePath(%q) = %q, want %q", tt.quoted, got, tt.name)
		}
	}
}

func TestSplitPatchRefusesWhatIsNotAPatch(t *testing.T) {
	for _, patch := range []string{
		"warning: something\ndiff --git a/x b/x\n",
		"diff --git a/x b/y\nold mode 100644\nnew mode 100755\n",
	} {
		if got, err := splitPatch(patch); err == nil {
			t.Errorf("splitPatch(%q) = %+v, want an error", patch, got)
		}
	}
}
