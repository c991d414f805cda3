package gitrepo

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestFind(t *testing.T) {
	repo := newRepo(t)
	write(t, repo, "seeds/deep er/a.txt", "x\n")
	bare := filepath.Join(t.TempDir(), "bare.git")
	gitT(t, filepath.Dir(bare), "init", "-q", "--bare", bare)
	outside := t.TempDir()

	tests := []struct {
		name       string
		dir        string
		wantPrefix string
		wantErr    error
	}{
		{"top-level", repo, "", nil},
		{"sub-folder", filepath.Join(repo, "seeds"), "seeds/", nil},
		{"folder with a space", filepath.Join(repo, "seeds", "deep er"), "seeds/deep er/", nil},
		{"not a repository", outside, "", ErrNotRepo},
		{"inside .git", filepath.Join(repo, ".git"), "", ErrNotRepo},
		{"bare repository", bare, "", ErrNotRepo},
		{"missing folder", filepath.Join(outside, "nope"), "", fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Find(tt.dir)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Find(%s) = %v, want %v", tt.dir, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Prefix != tt.wantPrefix {
				t.Errorf("Prefix = %q, want %q", r.Prefix, tt.wantPrefix)
			}
			top, _ := filepath.EvalSymlinks(repo)
			if got, _ := filepath.EvalSymlinks(r.Top); got != top {
				t.Errorf("Top = %q, want %q", r.Top, top)
			}
			if r.Dir != tt.dir {
				t.Errorf("Dir = %q, want %q", r.Dir, tt.dir)
			}
		})
	}
}

func TestFindWithoutGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Find(os.TempDir())
	if !errors.Is(err, ErrNoGit) {
		t.Fatalf("Find without git on PATH = %v, want ErrNoGit", err)
	}
	if err.Error() != "git is not installed" {
		t.Errorf("message %q is not the sentence a disabled button shows", err)
	}
}

// TestFindIgnoresInheritedRepository finds the folder's own repository even
// when the environment points git at another one, as inside a git hook.
func TestFindIgnoresInheritedRepository(t *testing.T) {
	repo, other := newRepo(t), newRepo(t)
	write(t, repo, "seeds/a.txt", "a\n")
	t.Setenv("GIT_DIR", filepath.Join(other, ".git"))
	t.Setenv("GIT_WORK_TREE", other)
	t.Setenv("GIT_INDEX_FILE", filepath.Join(other, ".git", "index"))
	r := find(t, filepath.Join(repo, "seeds"))
	if r.Prefix != "seeds/" {
		t.Errorf("Prefix = %q, want seeds/ (Top %q)", r.Prefix, r.Top)
	}
	if got := states(t, r); len(got) != 1 || got["a.txt"] != "untracked" {
		t.Errorf("Status = %v, want a.txt untracked", got)
	}
}
