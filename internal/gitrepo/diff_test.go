package gitrepo

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	repo := newRepo(t)
	write(t, repo, "seeds/a.txt", "title: old\nbody\n")
	write(t, repo, "seeds/b.txt", "b\n")
	write(t, repo, "seeds/c.txt", "c\n")
	write(t, repo, "top.txt", "t\n")
	gitT(t, repo, "add", "-A")
	gitT(t, repo, "commit", "-q", "-m", "seeds")

	write(t, repo, "seeds/a.txt", "title: new\nbody\n")
	write(t, repo, "seeds/c.txt", "c staged\n")
	gitT(t, repo, "add", "seeds/c.txt")
	write(t, repo, "top.txt", "changed outside the folder\n")
	write(t, repo, "seeds/new file.txt", "fresh\n")
	if err := removeFile(repo, "seeds/b.txt"); err != nil {
		t.Fatal(err)
	}
	r := find(t, filepath.Join(repo, "seeds"))

	tests := []struct {
		name    string
		paths   []string
		want    []string
		notWant []string
	}{
		{
			name: "whole folder",
			want: []string{
				"diff --git a/a.txt b/a.txt\n", "-title: old\n+title: new\n",
				"diff --git a/b.txt b/b.txt\ndeleted file mode 100644\n",
				"-c\n+c staged\n",
				"diff --git a/new file.txt b/new file.txt\nnew file mode 100644\n--- /dev/null\n+++ b/new file.txt\t\n@@ -0,0 +1 @@\n+fresh\n",
			},
			notWant: []string{"top.txt"},
		},
		{
			name:    "one modified file",
			paths:   []string{"a.txt"},
			want:    []string{"+title: new\n"},
			notWant: []string{"b.txt", "new file.txt", "c staged"},
		},
		{
			name:    "one untracked file",
			paths:   []string{"new file.txt"},
			want:    []string{"+fresh\n"},
			notWant: []string{"a.txt"},
		},
		{
			name:  "nothing changed in the selection",
			paths: []string{"missing.txt"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Diff(t.Context(), tt.paths...)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("diff lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("diff has %q:\n%s", w, got)
				}
			}
			if len(tt.want) == 0 && got != "" {
				t.Errorf("diff = %q, want none", got)
			}
		})
	}
}

// TestDiffBeforeFirstCommit compares with the empty tree when there is no
// HEAD yet.
func TestDiffBeforeFirstCommit(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	gitT(t, dir, "init", "-q")
	write(t, dir, "staged.txt", "s\n")
	gitT(t, dir, "add", "staged.txt")
	write(t, dir, "loose.txt", "l\n")
	got, err := find(t, dir).Diff(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"+++ b/staged.txt\n@@ -0,0 +1 @@\n+s\n", "+++ b/loose.txt\n@@ -0,0 +1 @@\n+l\n"} {
		if !strings.Contains(got, w) {
			t.Errorf("diff lacks %q:\n%s", w, got)
		}
	}
}

// TestNewFileDiffMatchesGit holds the diff written for an untracked file to
// git's own (git diff --no-index /dev/null FILE), less its index line.
func TestNewFileDiffMatchesGit(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	files := map[string]string{
		"plain.txt":          "one\ntwo\n",
		"single.txt":         "one line\n",
		"no newline.txt":     "a\nb",
		"empty.txt":          "",
		"binary.bin":         "bin\x00ary\n",
		"line\nbreak.txt":    "x\n",
		"quote\"back\\.txt":  "q\n",
		"tab\there.txt":      "t\n",
		"é non-ascii.txt":    "é\n",
		"crlf.txt":           "a\r\nb\r\n",
		"bad\xfename.txt":    "z\n",
		"only newline.txt":   "\n",
		"blank lines.txt":    "\n\n\nx",
		"trailing blank.txt": "x\n\n",
	}
	for name, content := range files {
		write(t, dir, name, content)
	}
	write(t, dir, "run.sh", "#!/bin/sh\n")
	if err := os.Chmod(filepath.Join(dir, "run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	files["run.sh"] = ""
	if err := os.Symlink("plain.txt", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	files["link"] = ""
	index := regexp.MustCompile(`(?m)^index [0-9a-f]+\.\.[0-9a-f]+( [0-7]+)?\n`)
	for name := range files {
		cmd := exec.Command("git", "-c", "core.quotePath=false", "diff", "--no-color", "--no-index", "--", "/dev/null", name)
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil && cmd.ProcessState.ExitCode() != 1 {
			t.Fatalf("git diff --no-index %q: %v", name, err)
		}
		want := index.ReplaceAllString(string(out), "")
		var b strings.Builder
		if err := newDiff(&b, dir, name); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("%q:\n got %q\nwant %q", name, b.String(), want)
		}
	}
}
