package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// ErrChangedOnDisk is matched (errors.Is) by the *ChangedOnDiskError returned when a linked
// article's file is no longer what the archive indexed: another program
// changed or deleted it since the last sync, and writing over it (or
// deleting it) would lose that change. Sync, then edit again.
var ErrChangedOnDisk = errors.New("changed on disk since it was indexed")

// ChangedOnDiskError is the error a refused write returns: it names the
// linked folder and the file in it, so that callers can offer to reload that
// file without parsing the message. errors.Is(err, ErrChangedOnDisk) matches it.
type ChangedOnDiskError struct {
	Folder string // the linked folder, absolute
	Path   string // the file's path relative to Folder, slash-separated
	Reason string // what is there now ("it was deleted"), "" when it was rewritten
}

// File is the absolute path of the file that changed.
func (e *ChangedOnDiskError) File() string {
	return filepath.Join(e.Folder, filepath.FromSlash(e.Path))
}

// Error names the file: "PATH: changed on disk since it was indexed (reason)".
func (e *ChangedOnDiskError) Error() string {
	msg := e.File() + ": " + ErrChangedOnDisk.Error()
	if e.Reason != "" {
		msg += " (" + e.Reason + ")"
	}
	return msg
}

// Is reports whether target is ErrChangedOnDisk, so that the sentinel keeps
// matching every refused write.
func (e *ChangedOnDiskError) Is(target error) bool { return target == ErrChangedOnDisk }

// ErrNotLinked is returned (wrapped) for a folder that is not linked.
var ErrNotLinked = errors.New("not a linked folder")

// Folder is a linked folder: its seed files are the truth and its articles
// an index over them.
type Folder struct {
	ID           int64
	Path         string // absolute
	NameTemplate string // of new files (transfer.LinkedName); "" for the seeds' NNN_<16 hex>.txt
}

// Problem is a file of a linked folder that is not indexed as it is: it
// does not parse, or holds git's conflict markers ("merge conflict"). When
// it was indexed before, its article keeps the last text that parsed.
type Problem struct {
	Folder string // the linked folder, absolute
	Path   string // slash-separated, relative to Folder
	Line   int    // 0 when the problem has no line
	Reason string
}

// File is the problem file's absolute path.
func (p Problem) File() string { return filepath.Join(p.Folder, filepath.FromSlash(p.Path)) }

// String is "PATH:LINE: reason" (or "PATH: reason" without a line), the
// refusal format of import.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File(), p.Line, p.Reason)
	}
	return fmt.Sprintf("%s: %s", p.File(), p.Reason)
}

// LinkedPath is where a linked article's file is: Record.Linked, kept with
// a deleted article so that undo writes the file back.
type LinkedPath struct {
	Folder string      // the linked folder, absolute
	Path   string      // slash-separated, relative to Folder
	Mode   fs.FileMode // permission bits
}

// File is the absolute path of the file.
func (l *LinkedPath) File() string { return filepath.Join(l.Folder, filepath.FromSlash(l.Path)) }

// cleanFolder is the absolute, cleaned form of a folder path as stored.
func cleanFolder(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	return filepath.Clean(abs), nil
}

// Folders lists the linked folders in path order.
func (a *Archive) Folders(ctx context.Context) ([]Folder, error) {
	rows, err := a.db.QueryContext(ctx, `SELECT id, path, name_template FROM linked_folder ORDER BY path`)
	if err != nil {
		return nil, fmt.Errorf("storage: linked folders: %w", err)
	}
	defer rows.Close()
	var out []Folder
	for rows.Next() {
		var f Folder
		if err := rows.Scan(&f.ID, &f.Path, &f.NameTemplate); err != nil {
			return nil, fmt.Errorf("storage: linked folders: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: linked folders: %w", err)
	}
	return out, nil
}

// Link makes dir a linked folder and indexes every seed file under it in
// place (the import rules: seedfile.IsSeedName, hidden entries skipped),
// as Sync does: files that do not parse are listed as problems. Linking a
// folder that is already linked syncs it. A folder inside a linked folder,
// or holding one, is refused: a file would have two articles. Link commits
// in batches, so a killed Link leaves the files indexed so far, and the
// next Sync indexes the rest. Many new files are stored as a bulk import
// stores them (Archive.BeginBulk); a Link killed before its end leaves
// the indexes it set aside to the next Sync that indexes a file. progress, when not nil, is called with the
// files indexed so far (unchanged ones count at once) and the files found,
// after the scan and after each batch; the last call has done == total.
func (a *Archive) Link(ctx context.Context, dir string, progress func(done, total int)) (SyncResult, error) {
	abs, err := cleanFolder(dir)
	if err != nil {
		return SyncResult{}, fmt.Errorf("storage: link %s: %w", dir, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return SyncResult{}, fmt.Errorf("storage: link: %w", err)
	}
	if !fi.IsDir() {
		return SyncResult{}, fmt.Errorf("storage: link %s: not a folder", abs)
	}
	folders, err := a.Folders(ctx)
	if err != nil {
		return SyncResult{}, err
	}
	var folder Folder
	for _, f := range folders {
		switch {
		case f.Path == abs:
			folder = f
		case within(abs, f.Path) || within(f.Path, abs):
			return SyncResult{}, fmt.Errorf("storage: link %s: overlaps the linked folder %s", abs, f.Path)
		}
	}
	if folder.ID == 0 {
		err := a.WriteTx(ctx, func(tx *Tx) error {
			res, err := tx.exec(`INSERT INTO linked_folder (path, linked_at) VALUES (?, ?)`, abs, tx.now)
			if err != nil {
				return err
			}
			folder = Folder{Path: abs}
			folder.ID, err = res.LastInsertId()
			return err
		})
		if err != nil {
			return SyncResult{}, fmt.Errorf("storage: link %s: %w", abs, err)
		}
	}
	var res SyncResult
	if err := a.syncFolder(ctx, folder, &res, progress); err != nil {
		return res, err
	}
	if err := a.refreshGit(ctx, folder); err != nil {
		return res, err
	}
	res.Problems, err = a.Problems(ctx)
	return res, err
}

// within reports whether path is inside the folder dir.
func within(path, dir string) bool {
	return strings.HasPrefix(path, dir+string(filepath.Separator))
}

// Unlink forgets a linked folder and its articles (with their set
// memberships and the cached images no other article references), in one
// transaction; the files stay as they are. n is how many articles went.
// A folder that is not linked is ErrNotLinked.
func (a *Archive) Unlink(ctx context.Context, dir string) (n int, err error) {
	abs, err := cleanFolder(dir)
	if err != nil {
		return 0, fmt.Errorf("storage: unlink %s: %w", dir, err)
	}
	err = a.WriteTx(ctx, func(tx *Tx) error {
		n = 0
		var id int64
		err := tx.queryRow(`SELECT id FROM linked_folder WHERE path = ?`, abs).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s: %w", abs, ErrNotLinked)
		}
		if err != nil {
			return err
		}
		ids, err := tx.folderArticles(id)
		if err != nil {
			return err
		}
		for _, aid := range ids {
			if _, err := tx.removeRows(aid); err != nil {
				return fmt.Errorf("article %d: %w", aid, err)
			}
			n++
		}
		_, err = tx.exec(`DELETE FROM linked_folder WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("storage: unlink: %w", err)
	}
	return n, nil
}

// folderArticles lists the ids of a linked folder's articles.
func (tx *Tx) folderArticles(folderID int64) ([]int64, error) {
	rows, err := tx.query(`SELECT article_id FROM linked_file WHERE folder_id = ? ORDER BY article_id`, folderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Problems lists the problem files of every linked folder, by folder and
// path.
func (a *Archive) Problems(ctx context.Context) ([]Problem, error) {
	rows, err := a.db.QueryContext(ctx, `SELECT f.path, p.path, p.line, p.reason
		FROM linked_problem p JOIN linked_folder f ON f.id = p.folder_id ORDER BY f.path, p.path`)
	if err != nil {
		return nil, fmt.Errorf("storage: problems: %w", err)
	}
	defer rows.Close()
	var out []Problem
	for rows.Next() {
		var p Problem
		if err := rows.Scan(&p.Folder, &p.Path, &p.Line, &p.Reason); err != nil {
			return nil, fmt.Errorf("storage: problems: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: problems: %w", err)
	}
	return out, nil
}

// InsertLinked stores doc as a new article of the linked folder dir and
// writes it there as a new file, in one step. name is the file's path in
// the folder, slash-separated (transfer.LinkedName renders it from the
// folder's NameTemplate); "" names it like the seeds, NNN_<16 hex>.txt
// (NNN the folder's count of files modulo 1000, the hex the start of the
// SHA-256 of the webUrl, else of the text). A name that is taken gets
// "-2", "-3"… before its extension; a name a scan would not index (hidden,
// not a seed extension, leaving the folder) is refused. It returns the
// article's id.
func (a *Archive) InsertLinked(ctx context.Context, dir, name string, doc *seedfile.Document) (int64, error) {
	abs, err := cleanFolder(dir)
	if err != nil {
		return 0, fmt.Errorf("storage: insert into %s: %w", dir, err)
	}
	var id int64
	err = a.WriteTx(ctx, func(tx *Tx) error {
		var folderID int64
		err := tx.queryRow(`SELECT id FROM linked_folder WHERE path = ?`, abs).Scan(&folderID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s: %w", abs, ErrNotLinked)
		}
		if err != nil {
			return err
		}
		p := Prepare(doc)
		if name == "" {
			var n int
			if err := tx.queryRow(`SELECT count(*) FROM linked_file WHERE folder_id = ?`, folderID).Scan(&n); err != nil {
				return err
			}
			key := p.WebURL()
			if key == "" {
				key = string(doc.Bytes())
			}
			name = fmt.Sprintf("%03d_%s.txt", n%1000, sha256Hex([]byte(key))[:16])
		}
		if name, err = freeName(abs, name); err != nil {
			return err
		}
		st, err := tx.placeFile(filepath.Join(abs, filepath.FromSlash(name)), doc.Bytes(), 0o644)
		if err != nil {
			return err
		}
		if id, err = tx.InsertPrepared(name, p); err != nil {
			return err
		}
		return tx.insertLinkedRow(id, folderID, name, st, p.SHA256())
	})
	if err != nil {
		return 0, fmt.Errorf("storage: insert into %s: %w", abs, err)
	}
	return id, nil
}

// freeName checks that name is a seed file's path inside the folder and
// returns it, or, when a file has it, the first free name with "-2",
// "-3"… before the extension.
func freeName(folder, name string) (string, error) {
	clean := path.Clean(name)
	if !fs.ValidPath(clean) || clean == "." || !seedfile.IsSeedName(clean) {
		return "", fmt.Errorf("%q is not a seed file's path inside the folder", name)
	}
	ext := path.Ext(clean)
	stem := strings.TrimSuffix(clean, ext)
	for i := 1; ; i++ {
		try := clean
		if i > 1 {
			try = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		if _, err := os.Lstat(filepath.Join(folder, filepath.FromSlash(try))); errors.Is(err, fs.ErrNotExist) {
			return try, nil
		}
	}
}

// SetNameTemplate sets the name template of a linked folder's new files
// ("" for the seeds' NNN_<16 hex>.txt); check it with
// transfer.ParseNameTemplate first. A folder that is not linked is
// ErrNotLinked.
func (a *Archive) SetNameTemplate(ctx context.Context, dir, tmpl string) error {
	abs, err := cleanFolder(dir)
	if err != nil {
		return fmt.Errorf("storage: name template of %s: %w", dir, err)
	}
	err = a.WriteTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE linked_folder SET name_template = ? WHERE path = ?`, tmpl, abs)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(err, fmt.Errorf("%s: %w", abs, ErrNotLinked))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: name template: %w", err)
	}
	return nil
}
