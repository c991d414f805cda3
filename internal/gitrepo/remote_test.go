package gitrepo

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// odd is a seed file name with spaces and a newline, carried through push,
// pull and the conflict below.
const odd = "seeds/001 first\nseed.txt"

func seedFiles() map[string]string {
	return map[string]string{
		odd:             "---\ntitle: First\n---\nbody\n",
		"seeds/002.txt": "---\ntitle: Second\n---\nbody\n",
	}
}

// editCommit writes content to rel in clone and commits just that file
// through the package.
func editCommit(t *testing.T, clone, rel, content string) {
	t.Helper()
	write(t, clone, rel, content)
	r := find(t, filepath.Join(clone, "seeds"))
	if out, err := r.Commit(t.Context(), "edit "+rel, []string{strings.TrimPrefix(rel, "seeds/")}); err != nil {
		t.Fatalf("Commit: %v\n%s", err, out)
	}
}

func TestPushThenPull(t *testing.T) {
	a, b := clones(t, seedFiles())
	edited := "---\ntitle: First, edited in a\n---\nbody\n"
	editCommit(t, a, odd, edited)
	ra, rb := find(t, filepath.Join(a, "seeds")), find(t, filepath.Join(b, "seeds"))
	st, err := ra.Status(t.Context())
	if err != nil || st.Ahead != 1 || st.Upstream != "origin/main" {
		t.Fatalf("before push: %+v, %v; want 1 ahead of origin/main", st, err)
	}
	if out, err := ra.Push(t.Context()); err != nil {
		t.Fatalf("Push: %v\n%s", err, out)
	} else if !strings.Contains(out, "main -> main") {
		t.Errorf("Push output %q does not show the update", out)
	}
	out, err := rb.Pull(t.Context())
	if err != nil {
		t.Fatalf("Pull: %v\n%s", err, out)
	}
	if got := read(t, b, odd); got != edited {
		t.Errorf("after pull: %q, want %q", got, edited)
	}
	if ch := states(t, rb); len(ch) != 0 {
		t.Errorf("after pull: changes %v, want none", ch)
	}
	if out, err := rb.Pull(t.Context()); err != nil {
		t.Errorf("Pull with nothing new: %v\n%s", err, out)
	}
}

// TestPullConflict edits the same line in both clones: the pull reports a
// conflict, Status lists the file as conflicted, nothing is lost, and the
// user's choice between merge and rebase is respected.
func TestPullConflict(t *testing.T) {
	tests := []struct {
		name        string
		config      []string // git config in clone b
		uncommitted bool     // b's edit is not committed
		conflict    bool
	}{
		{"merge, nothing configured", nil, false, true},
		{"rebase configured", []string{"pull.rebase", "true"}, false, true},
		{"fast-forward only configured", []string{"pull.ff", "only"}, false, false},
		{"edit not committed", nil, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := clones(t, seedFiles())
			if tt.config != nil {
				gitT(t, b, append([]string{"config"}, tt.config...)...)
			}
			editCommit(t, a, odd, "---\ntitle: From A\n---\nbody\n")
			gitT(t, a, "push", "-q")
			if tt.uncommitted {
				write(t, b, odd, "---\ntitle: From B\n---\nbody\n")
			} else {
				editCommit(t, b, odd, "---\ntitle: From B\n---\nbody\n")
			}
			rb := find(t, filepath.Join(b, "seeds"))

			out, err := rb.Pull(t.Context())
			if err == nil {
				t.Fatalf("Pull succeeded:\n%s", out)
			}
			if got := errors.Is(err, ErrConflict); got != tt.conflict {
				t.Fatalf("Pull error %v: conflict %v, want %v", err, got, tt.conflict)
			}
			var gerr *Error
			if !errors.As(err, &gerr) || gerr.Output == "" || gerr.Output != out {
				t.Errorf("the error does not carry git's output %q: %v", out, err)
			}
			content := read(t, b, odd)
			st, serr := rb.Status(t.Context())
			if serr != nil {
				t.Fatal(serr)
			}
			if !tt.conflict {
				if len(st.Conflicted()) != 0 || !strings.Contains(content, "From B") {
					t.Errorf("a refused pull changed the clone: %v, %q", st.Conflicted(), content)
				}
				return
			}
			if got := st.Conflicted(); len(got) != 1 || got[0] != strings.TrimPrefix(odd, "seeds/") {
				t.Errorf("Conflicted() = %q, want the edited file", got)
			}
			if !HasConflictMarkers([]byte(content)) {
				t.Errorf("no conflict markers in %q", content)
			}
			if !strings.Contains(content, "From A") || !strings.Contains(content, "From B") {
				t.Errorf("a side of the conflict is lost: %q", content)
			}
		})
	}
}

// TestResolveConflict concludes a conflicted merge through Commit: refused
// while the markers are there, then committed as a merge and pushed.
func TestResolveConflict(t *testing.T) {
	a, b := clones(t, seedFiles())
	editCommit(t, a, odd, "---\ntitle: From A\n---\nbody\n")
	gitT(t, a, "push", "-q")
	editCommit(t, b, odd, "---\ntitle: From B\n---\nbody\n")
	rb := find(t, filepath.Join(b, "seeds"))
	if _, err := rb.Pull(t.Context()); !errors.Is(err, ErrConflict) {
		t.Fatalf("Pull = %v, want a conflict", err)
	}
	name := strings.TrimPrefix(odd, "seeds/")
	if _, err := rb.Commit(t.Context(), "merge", []string{name}); err == nil ||
		!strings.Contains(err.Error(), "conflict markers") {
		t.Fatalf("Commit with markers = %v, want a refusal", err)
	}
	resolved := "---\ntitle: From A and B\n---\nbody\n"
	write(t, b, odd, resolved)
	if out, err := rb.Commit(t.Context(), "Merge both titles", []string{name}); err != nil {
		t.Fatalf("Commit of the resolution: %v\n%s", err, out)
	}
	if parents := strings.Fields(gitT(t, b, "log", "-1", "--format=%P")); len(parents) != 2 {
		t.Errorf("resolution commit has parents %q, want a merge", parents)
	}
	if out, err := rb.Push(t.Context()); err != nil {
		t.Fatalf("Push: %v\n%s", err, out)
	}
	ra := find(t, a)
	if out, err := ra.Pull(t.Context()); err != nil {
		t.Fatalf("Pull in a: %v\n%s", err, out)
	}
	if got := read(t, a, odd); got != resolved {
		t.Errorf("a has %q, want the resolution", got)
	}
}

// TestPushWithoutCredentials pushes to a server that asks for a password:
// git must fail with its message, not wait for someone to type one.
func TestPushWithoutCredentials(t *testing.T) {
	a, _ := clones(t, seedFiles())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("WWW-Authenticate", `Basic realm="seeds"`)
		http.Error(w, "authentication required", http.StatusUnauthorized)
	}))
	defer srv.Close()
	gitT(t, a, "remote", "set-url", "--push", "origin", srv.URL+"/seeds.git")
	editCommit(t, a, odd, "---\ntitle: Edited\n---\nbody\n")

	r := find(t, a)
	r.RemoteTimeout = 30 * time.Second
	start := time.Now()
	out, err := r.Push(context.Background())
	if err == nil {
		t.Fatalf("Push succeeded:\n%s", out)
	}
	if errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 20*time.Second {
		t.Fatalf("Push waited for a credential: %v", err)
	}
	var gerr *Error
	if !errors.As(err, &gerr) || !strings.Contains(gerr.Output, srv.URL) {
		t.Errorf("error %v does not carry git's message naming the server", err)
	}
}
