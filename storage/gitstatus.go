package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/seedarchive/seedarchive/internal/gitrepo"
)

// GitStates are the words of Row.Git and of the git facet: the state of a
// linked article's file as `git status` reports it. A clean file (or one
// outside git) has none; the query term git:clean selects the clean files
// of folders in git.
var GitStates = []string{"modified", "new", "untracked", "renamed", "deleted", "conflicted"}

// refreshGit brings the git status of folder f's articles up to date with
// `git status` of the folder (one command, run after each sync of it): it
// records whether the folder is in a git working tree and which of its
// files are not clean. Nothing is written when nothing changed. Without
// git installed, or outside a working tree, the folder has no statuses.
// BenchmarkSyncNoChangeGit guards what this adds to a sync.
func (a *Archive) refreshGit(ctx context.Context, f Folder) error {
	fail := func(err error) error { return fmt.Errorf("storage: git status of %s: %w", f.Path, err) }
	repo, err := gitrepo.Find(f.Path)
	if err != nil && !errors.Is(err, gitrepo.ErrNoGit) && !errors.Is(err, gitrepo.ErrNotRepo) {
		return fail(err)
	}
	want := map[string]string{} // path -> state
	if repo != nil {
		st, err := repo.Status(ctx)
		if err != nil {
			return fail(err)
		}
		for _, c := range st.Changes {
			if _, ok := want[c.Path]; !ok { // git rm --cached lists a path twice: deleted, then untracked
				want[c.Path] = c.State.String()
			}
		}
	}
	isGit, have, err := a.gitRows(ctx, f.ID)
	if err != nil {
		return fail(err)
	}
	if err := a.keepArticleFiles(ctx, f.ID, want); err != nil {
		return fail(err)
	}
	if isGit == (repo != nil) && sameStates(have, want) {
		return nil
	}
	err = a.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`UPDATE linked_folder SET git = ? WHERE id = ?`, boolInt(repo != nil), f.ID); err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM git_status WHERE folder_id = ?`, f.ID); err != nil {
			return err
		}
		for p, state := range want {
			if err := tx.setGitState(f.ID, p, state); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	return nil
}

// setGitState records the state of the file at path (relative to the
// folder); a path that is no article's file (deleted, a problem file, not
// a seed file) is left out.
func (tx *Tx) setGitState(folderID int64, path, state string) error {
	_, err := tx.exec(`INSERT OR REPLACE INTO git_status (article_id, folder_id, state)
		SELECT article_id, folder_id, ? FROM linked_file WHERE folder_id = ? AND path = ?`, state, folderID, path)
	return err
}

// gitRows reads whether a folder is in git and its recorded states by
// path.
func (a *Archive) gitRows(ctx context.Context, folderID int64) (bool, map[string]string, error) {
	var isGit bool
	if err := a.db.QueryRowContext(ctx, `SELECT git <> 0 FROM linked_folder WHERE id = ?`, folderID).Scan(&isGit); err != nil {
		return false, nil, err
	}
	rows, err := a.db.QueryContext(ctx, `SELECT l.path, g.state FROM git_status g
		JOIN linked_file l ON l.article_id = g.article_id WHERE g.folder_id = ?`, folderID)
	if err != nil {
		return false, nil, err
	}
	defer rows.Close()
	have := map[string]string{}
	for rows.Next() {
		var p, s string
		if err := rows.Scan(&p, &s); err != nil {
			return false, nil, err
		}
		have[p] = s
	}
	return isGit, have, rows.Err()
}

// keepArticleFiles drops from states the paths that are no article's
// file (deleted, a problem file, not a seed file): they have no row.
func (a *Archive) keepArticleFiles(ctx context.Context, folderID int64, states map[string]string) error {
	if len(states) == 0 {
		return nil
	}
	st, err := a.db.PrepareContext(ctx, `SELECT count(*) FROM linked_file WHERE folder_id = ? AND path = ?`)
	if err != nil {
		return err
	}
	defer st.Close()
	for p := range states {
		var n int
		if err := st.QueryRowContext(ctx, folderID, p).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			delete(states, p)
		}
	}
	return nil
}

// sameStates reports whether two path -> state maps are equal.
func sameStates(have, want map[string]string) bool {
	if len(have) != len(want) {
		return false
	}
	for p, s := range have {
		if want[p] != s {
			return false
		}
	}
	return true
}

// refreshGitFiles brings the git status of the files a write transaction
// wrote or removed (absolute paths) up to date, with one `git status`
// naming them per folder in git. It runs after the commit and is best
// effort: the edit stands whatever git says, and a status it could not
// refresh is brought up to date by the next sync.
func (a *Archive) refreshGitFiles(ctx context.Context, files []string) {
	folders, err := a.Folders(ctx)
	if err != nil {
		return
	}
	byFolder := map[int64][]string{}
	for _, p := range files {
		for _, f := range folders {
			if rel, err := filepath.Rel(f.Path, p); err == nil && within(p, f.Path) {
				byFolder[f.ID] = append(byFolder[f.ID], filepath.ToSlash(rel))
				break
			}
		}
	}
	for _, f := range folders {
		paths := byFolder[f.ID]
		if len(paths) == 0 {
			continue
		}
		var isGit bool
		if err := a.db.QueryRowContext(ctx, `SELECT git <> 0 FROM linked_folder WHERE id = ?`, f.ID).Scan(&isGit); err != nil || !isGit {
			continue
		}
		repo, err := gitrepo.Find(f.Path)
		if err != nil {
			continue
		}
		st, err := repo.StatusOf(ctx, paths)
		if err != nil {
			continue
		}
		states := map[string]string{}
		for _, c := range st.Changes {
			if _, ok := states[c.Path]; !ok {
				states[c.Path] = c.State.String()
			}
		}
		_ = a.WriteTx(ctx, func(tx *Tx) error {
			for _, p := range paths {
				if _, err := tx.exec(`DELETE FROM git_status WHERE article_id IN
					(SELECT article_id FROM linked_file WHERE folder_id = ? AND path = ?)`, f.ID, p); err != nil {
					return err
				}
				if s, ok := states[p]; ok {
					if err := tx.setGitState(f.ID, p, s); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
}

// HasGitFolder reports whether a linked folder of the archive is in a git
// working tree (as of its last sync).
func (a *Archive) HasGitFolder(ctx context.Context) (bool, error) {
	var n int
	if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM linked_folder WHERE git <> 0`).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: git folders: %w", err)
	}
	return n > 0, nil
}
