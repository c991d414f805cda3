package gitrepo

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Find reports whether dir is inside a git working tree and returns it as a
// Repo whose paths are relative to dir. It returns ErrNoGit when git is not
// installed and an error wrapping ErrNotRepo (with git's message) when dir is
// not in a working tree, including a bare repository or a .git directory.
func Find(dir string) (*Repo, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, ErrNoGit
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("git folder %s: %w", dir, err)
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("git folder: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("git folder %s: not a directory", abs)
	}
	r := &Repo{Dir: abs, Timeout: DefaultTimeout, RemoteTimeout: DefaultRemoteTimeout, git: git}

	// --show-toplevel fails outside a working tree, also inside a .git
	// directory or a bare repository. Two calls because rev-parse has no
	// NUL-terminated output: each answer is then the whole of its output,
	// even for a path with a newline.
	ctx := context.Background()
	top, err := r.run(ctx, call{args: []string{"rev-parse", "--show-toplevel"}})
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", abs, ErrNotRepo, err)
	}
	prefix, err := r.run(ctx, call{args: []string{"rev-parse", "--show-prefix"}})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", abs, err)
	}
	r.Top = strings.TrimSuffix(string(top), "\n")
	r.Prefix = strings.TrimSuffix(string(prefix), "\n")
	if r.Top == "" {
		return nil, fmt.Errorf("%s: %w", abs, ErrNotRepo)
	}
	return r, nil
}
