package gitrepo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
)

// Pull runs `git pull` with the user's configuration and returns its output.
// When the user has not chosen between merge and rebase (pull.rebase,
// pull.ff, branch.<name>.rebase), it merges, git's behaviour before it began
// to refuse a divergent pull without that choice. When the pull stops on a
// conflict, the error wraps ErrConflict and Status lists the unmerged paths.
func (r *Repo) Pull(ctx context.Context) (string, error) {
	args := []string{"pull"}
	chosen, err := r.pullConfigured(ctx)
	if err != nil {
		return "", err
	}
	if !chosen {
		args = append(args, "--no-rebase")
	}
	out, err := r.run(ctx, call{args: args, combined: true, remote: true})
	if err != nil {
		if r.unmerged(ctx) {
			return string(out), fmt.Errorf("%s: %w: %w", r.Dir, ErrConflict, err)
		}
		return string(out), fmt.Errorf("%s: %w", r.Dir, err)
	}
	return string(out), nil
}

// Push runs `git push` with the user's configuration (remote, refspecs,
// credentials) and returns its output.
func (r *Repo) Push(ctx context.Context) (string, error) {
	out, err := r.run(ctx, call{args: []string{"push"}, combined: true, remote: true})
	if err != nil {
		return string(out), fmt.Errorf("%s: %w", r.Dir, err)
	}
	return string(out), nil
}

// pullConfigured reports whether the user's configuration says how a pull
// reconciles divergent branches.
func (r *Repo) pullConfigured(ctx context.Context) (bool, error) {
	keys := []string{"pull.rebase", "pull.ff"}
	if branch, err := r.run(ctx, call{args: []string{"symbolic-ref", "-q", "--short", "HEAD"}}); err == nil {
		keys = append(keys, "branch."+string(bytes.TrimSpace(branch))+".rebase")
	}
	for _, key := range keys {
		_, err := r.run(ctx, call{args: []string{"config", "--get", key}})
		if err == nil {
			return true, nil
		}
		// git config exits 1 for a key that is not set; anything else is a
		// broken configuration, which the pull itself would trip over too.
		var gerr *Error
		if !errors.As(err, &gerr) || !isExit(gerr.Err, 1) {
			return false, fmt.Errorf("%s: %w", r.Dir, err)
		}
	}
	return false, nil
}

// unmerged reports whether the index holds unmerged paths anywhere in the
// working tree (git diff without paths looks beyond Dir).
func (r *Repo) unmerged(ctx context.Context) bool {
	out, err := r.run(ctx, call{args: []string{"diff", "--name-only", "-z", "--diff-filter=U"}})
	return err == nil && len(out) > 0
}
