package gitrepo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// errNothingSelected and errNoMessage refuse a commit before git runs: git
// would commit everything staged without paths and abort on an empty message.
var (
	errNothingSelected = errors.New("no files selected")
	errNoMessage       = errors.New("the commit message is empty")
)

// Commit records exactly the given paths (relative to Dir) with message,
// whatever else is staged: modified, new (untracked) and deleted files alike;
// for a rename pass both names (Change.Paths). The message is kept as given
// apart from git's whitespace cleanup, so a line starting with "#" stays.
// It returns git's output, which an error also carries.
//
// While a merge is in progress git allows no partial commit, so Commit then
// stages the given paths and concludes the merge with the whole index; it
// refuses a selected file that still holds conflict markers, so that a
// conflict is never committed as resolved.
func (r *Repo) Commit(ctx context.Context, message string, paths []string) (string, error) {
	if len(paths) == 0 {
		return "", fmt.Errorf("git commit in %s: %w", r.Dir, errNothingSelected)
	}
	if strings.TrimSpace(message) == "" {
		return "", fmt.Errorf("git commit in %s: %w", r.Dir, errNoMessage)
	}
	spec := pathspec(paths)
	merging := r.merging(ctx)
	if merging {
		if err := r.refuseMarkers(spec); err != nil {
			return "", err
		}
		if _, err := r.run(ctx, call{args: append([]string{"add", "-A", "--"}, spec...)}); err != nil {
			return "", fmt.Errorf("%s: %w", r.Dir, err)
		}
	} else {
		// commit --only takes tracked paths from the disk, deleted ones
		// included; a new file must first be made known with git add.
		untracked, err := r.untracked(ctx, spec)
		if err != nil {
			return "", err
		}
		if len(untracked) > 0 {
			if _, err := r.run(ctx, call{args: append([]string{"add", "--"}, untracked...)}); err != nil {
				return "", fmt.Errorf("%s: %w", r.Dir, err)
			}
		}
	}
	args := []string{"commit", "--cleanup=whitespace", "-F", "-"}
	if !merging {
		args = append(append(args, "--only", "--"), spec...)
	}
	out, err := r.run(ctx, call{args: args, stdin: []byte(message), combined: true})
	if err != nil {
		return string(out), fmt.Errorf("%s: %w", r.Dir, err)
	}
	return string(out), nil
}

// merging reports whether a merge stopped and waits for its commit.
func (r *Repo) merging(ctx context.Context) bool {
	_, err := r.run(ctx, call{args: []string{"rev-parse", "-q", "--verify", "MERGE_HEAD"}})
	return err == nil
}

// refuseMarkers returns an error naming the first file among spec (paths
// relative to Dir) that still holds conflict markers.
func (r *Repo) refuseMarkers(spec []string) error {
	for _, p := range spec {
		data, err := os.ReadFile(filepath.Join(r.Dir, filepath.FromSlash(p)))
		if err != nil {
			continue // deleted, or a directory: no markers to find
		}
		if bytes.Contains(data, []byte("<<<<<<<")) && HasConflictMarkers(data) {
			return fmt.Errorf("git commit in %s: %s still has conflict markers; resolve it first", r.Dir, p)
		}
	}
	return nil
}
