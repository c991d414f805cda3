package gitrepo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// committed returns the paths HEAD's commit changed, relative to the top.
func committed(t *testing.T, repo string) []string {
	t.Helper()
	out := gitT(t, repo, "-c", "core.quotePath=false", "show", "-z", "--no-renames", "--name-only", "--format=", "HEAD")
	var paths []string
	for _, p := range strings.Split(out, "\x00") {
		if p = strings.TrimPrefix(p, "\n"); p != "" {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths
}

func TestCommitSelectedFiles(t *testing.T) {
	repo := newRepo(t)
	for _, name := range []string{"mod.txt", "other.txt", "staged.txt", "gone.txt", "git-rm.txt", "from.txt"} {
		write(t, repo, "seeds/"+name, name+"\n")
	}
	gitT(t, repo, "add", "-A")
	gitT(t, repo, "commit", "-q", "-m", "seeds")

	write(t, repo, "seeds/mod.txt", "changed\n")
	write(t, repo, "seeds/other.txt", "changed, not selected\n")
	write(t, repo, "seeds/staged.txt", "staged, not selected\n")
	gitT(t, repo, "add", "seeds/staged.txt")
	write(t, repo, "seeds/new name.txt", "new\n")
	write(t, repo, "seeds/line\nbreak*.txt", "new, with a glob character\n")
	write(t, repo, "seeds/untracked.txt", "not selected\n")
	if err := removeFile(repo, "seeds/gone.txt"); err != nil {
		t.Fatal(err)
	}
	gitT(t, repo, "rm", "-q", "seeds/git-rm.txt")
	gitT(t, repo, "mv", "seeds/from.txt", "seeds/to.txt")

	r := find(t, filepath.Join(repo, "seeds"))
	st, err := r.Status(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	selected := []string{"mod.txt", "new name.txt", "line\nbreak*.txt", "gone.txt", "git-rm.txt"}
	for _, c := range st.Changes {
		if c.State == StateRenamed {
			selected = append(selected, c.Paths()...)
		}
	}
	message := "Edit seeds\n\n# not a comment: a Markdown heading\nbody line\n"
	out, err := r.Commit(t.Context(), message, selected)
	if err != nil {
		t.Fatalf("Commit: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Edit seeds") {
		t.Errorf("output %q does not show the commit", out)
	}
	want := []string{"seeds/from.txt", "seeds/git-rm.txt", "seeds/gone.txt", "seeds/line\nbreak*.txt",
		"seeds/mod.txt", "seeds/new name.txt", "seeds/to.txt"}
	if got := committed(t, repo); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("committed %q, want %q", got, want)
	}
	if got := gitT(t, repo, "log", "-1", "--format=%B"); got != message+"\n" {
		t.Errorf("message %q, want %q", got, message)
	}
	left := states(t, r)
	wantLeft := map[string]string{"other.txt": "modified", "staged.txt": "modified", "untracked.txt": "untracked"}
	if len(left) != len(wantLeft) {
		t.Errorf("left after commit: %v, want %v", left, wantLeft)
	}
	for p, s := range wantLeft {
		if left[p] != s {
			t.Errorf("%s: %q after commit, want %q", p, left[p], s)
		}
	}
}

func TestCommitRefusals(t *testing.T) {
	repo := newRepo(t)
	write(t, repo, "a.txt", "a\n")
	r := find(t, repo)
	tests := []struct {
		name    string
		message string
		paths   []string
		want    string // in the error
		output  bool   // git ran: the error carries its output
	}{
		{"no files", "msg", nil, "no files selected", false},
		{"blank message", " \n\t", []string{"a.txt"}, "message is empty", false},
		{"unchanged file", "msg", []string{"README"}, "nothing", true},
		{"unknown file", "msg", []string{"nope.txt"}, "nope.txt", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Commit(t.Context(), tt.message, tt.paths)
			if err == nil {
				t.Fatal("Commit succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
			var gerr *Error
			if got := errors.As(err, &gerr) && gerr.Output != ""; got != tt.output {
				t.Errorf("error carries git's output: %v, want %v (%v)", got, tt.output, err)
			}
		})
	}
	if n := gitT(t, repo, "rev-list", "--count", "HEAD"); n != "1\n" {
		t.Errorf("%s commits after refusals, want 1", n)
	}
}

// TestCommitTimesOut stops a commit whose hook hangs, with the hook's own
// children, instead of waiting for it.
func TestCommitTimesOut(t *testing.T) {
	repo := newRepo(t)
	hook := filepath.Join(repo, ".git", "hooks", "pre-commit")
	if err := os.WriteFile(hook, []byte("#!/bin/sh\nsleep 30 &\nsleep 30\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, repo, "a.txt", "a\n")
	r := find(t, repo)
	r.Timeout = 500 * time.Millisecond
	start := time.Now()
	_, err := r.Commit(context.Background(), "msg", []string{"a.txt"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Commit with a hanging hook = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Commit returned after %s", d)
	}
}
