package gitrepo

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Change is one changed path in the folder.
type Change struct {
	Path     string // relative to Repo.Dir, slash-separated
	OrigPath string // a rename's or copy's source, relative to Repo.Dir; "" otherwise
	State    State
	Code     string // git's two-letter XY code: ".M", "A.", "UU", "??" …
	Staged   bool   // part of the change is in the index (after git add)
}

// Paths returns the paths a commit of this change must name: both sides of
// a rename, so that the old name's removal is committed with the new one.
func (c Change) Paths() []string {
	if c.State == StateRenamed && c.OrigPath != "" {
		return []string{c.Path, c.OrigPath}
	}
	return []string{c.Path}
}

// Status is the state of the working tree as far as the folder is concerned.
type Status struct {
	Branch        string // the checked-out branch; "" when HEAD is detached
	Upstream      string // its upstream ("origin/main"); "" when it has none
	Ahead, Behind int    // commits to push and to pull, against Upstream
	Changes       []Change
}

// Conflicted returns the paths git left unmerged.
func (s Status) Conflicted() []string {
	var out []string
	for _, c := range s.Changes {
		if c.State == StateConflicted {
			out = append(out, c.Path)
		}
	}
	return out
}

// Status lists every changed path under Dir (each untracked file, not just
// its directory; ignored files are left out) sorted by path, with the
// branch and how far it is from its upstream as of the last fetch.
func (r *Repo) Status(ctx context.Context) (Status, error) {
	return r.status(ctx, []string{"."})
}

// statusPaths is how many paths one `git status` of StatusOf names: a
// bulk edit's batch of files stays far below the command line's limit.
const statusPaths = 1000

// StatusOf is Status for the given paths only (relative to Dir; a path
// without changes is not listed): the files an edit just wrote, without
// the cost of examining the whole folder. Renames are not paired (a path
// named alone cannot show where it came from). No paths, no command.
func (r *Repo) StatusOf(ctx context.Context, paths []string) (Status, error) {
	var all Status
	for start := 0; start < len(paths); start += statusPaths {
		st, err := r.status(ctx, paths[start:min(start+statusPaths, len(paths))])
		if err != nil {
			return Status{}, err
		}
		st.Changes = append(all.Changes, st.Changes...)
		all = st
	}
	sort.Slice(all.Changes, func(i, j int) bool { return all.Changes[i].Path < all.Changes[j].Path })
	return all, nil
}

// status runs git status on the pathspecs (literal paths relative to Dir).
func (r *Repo) status(ctx context.Context, paths []string) (Status, error) {
	args := append([]string{
		"status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all",
		"--renames", "--ignored=no", "--",
	}, paths...)
	out, err := r.run(ctx, call{args: args})
	if err != nil {
		return Status{}, fmt.Errorf("%s: %w", r.Dir, err)
	}
	st, err := parseStatus(out, r.Prefix)
	if err != nil {
		return Status{}, fmt.Errorf("git status in %s: %w", r.Dir, err)
	}
	return st, nil
}

// parseStatus reads `git status --porcelain=v2 -z --branch`: NUL-terminated
// records whose paths are relative to the top-level and unquoted, so any
// byte but NUL may appear in them. A record's fields are separated by single
// spaces and the path is the rest of the record; a rename's source path is
// the next record.
func parseStatus(out []byte, prefix string) (Status, error) {
	var st Status
	recs := bytes.Split(out, []byte{0})
	if n := len(recs); n > 0 && len(recs[n-1]) == 0 {
		recs = recs[:n-1]
	}
	for i := 0; i < len(recs); i++ {
		rec := string(recs[i])
		if rec == "" {
			return Status{}, fmt.Errorf("empty status record %d", i+1)
		}
		kind := rec[0]
		// The number of fields before the path, per record kind.
		var fields int
		switch kind {
		case '#':
			if err := st.header(rec); err != nil {
				return Status{}, err
			}
			continue
		case '!':
			continue
		case '?':
			fields = 1
		case '1':
			fields = 8
		case '2':
			fields = 9
		case 'u':
			fields = 10
		default:
			return Status{}, fmt.Errorf("unknown status record %q", rec)
		}
		parts := strings.SplitN(rec, " ", fields+1)
		if len(parts) != fields+1 || parts[fields] == "" {
			return Status{}, fmt.Errorf("malformed status record %q", rec)
		}
		c := Change{Path: relTo(prefix, parts[fields])}
		if kind == '?' {
			c.Code = "??"
		} else {
			c.Code = parts[1]
			if len(c.Code) != 2 {
				return Status{}, fmt.Errorf("malformed status code in %q", rec)
			}
			c.Staged = kind != 'u' && c.Code[0] != '.'
		}
		if kind == '2' {
			i++
			if i == len(recs) || len(recs[i]) == 0 {
				return Status{}, fmt.Errorf("rename without a source path in %q", rec)
			}
			c.OrigPath = relTo(prefix, string(recs[i]))
		}
		c.State = stateOf(kind, c.Code)
		st.Changes = append(st.Changes, c)
	}
	sort.Slice(st.Changes, func(i, j int) bool { return st.Changes[i].Path < st.Changes[j].Path })
	return st, nil
}

// header reads a "# branch.…" record; other headers (such as "# stash") are
// skipped, as git's documentation asks of parsers.
func (st *Status) header(rec string) error {
	key, val, _ := strings.Cut(strings.TrimPrefix(rec, "# "), " ")
	switch key {
	case "branch.head":
		if val != "(detached)" {
			st.Branch = val
		}
	case "branch.upstream":
		st.Upstream = val
	case "branch.ab":
		a, b, ok := strings.Cut(val, " ")
		ahead, err1 := strconv.Atoi(strings.TrimPrefix(a, "+"))
		behind, err2 := strconv.Atoi(strings.TrimPrefix(b, "-"))
		if !ok || err1 != nil || err2 != nil {
			return fmt.Errorf("malformed status header %q", rec)
		}
		st.Ahead, st.Behind = ahead, behind
	}
	return nil
}

// relTo makes p, relative to the top-level, relative to the folder at
// prefix (relative to the top-level, ending in "/" unless empty); a path
// outside the folder gets "../" steps.
func relTo(prefix, p string) string {
	if strings.HasPrefix(p, prefix) {
		return p[len(prefix):]
	}
	dir := strings.Split(strings.TrimSuffix(prefix, "/"), "/")
	for len(dir) > 0 {
		if !strings.HasPrefix(p, dir[0]+"/") {
			break
		}
		p = p[len(dir[0])+1:]
		dir = dir[1:]
	}
	return strings.Repeat("../", len(dir)) + p
}
