package storage

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/seedarchive/seedarchive/internal/gitrepo"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// SyncResult counts what a Sync (or Link) changed in the index.
type SyncResult struct {
	Added, Changed, Removed, Renamed int
	// Refused counts the files found not to parse (or holding conflict
	// markers) in this scan, or with a new reason; Problems lists every
	// problem file of the linked folders after it.
	Refused  int
	Problems []Problem
}

// Summary is "2 added, 1 changed, 1 removed, 0 refused", with ", N
// renamed" when files were renamed.
func (r SyncResult) Summary() string {
	s := fmt.Sprintf("%d added, %d changed, %d removed, %d refused", r.Added, r.Changed, r.Removed, r.Refused)
	if r.Renamed > 0 {
		s += fmt.Sprintf(", %d renamed", r.Renamed)
	}
	return s
}

// Any reports whether the sync changed the index.
func (r SyncResult) Any() bool {
	return r.Added+r.Changed+r.Removed+r.Renamed+r.Refused > 0
}

// syncBatch is how many changed files one write transaction of a sync
// stores: small enough that parsed documents stay few in memory and a
// killed sync keeps most of its work, large enough that commits are rare.
var syncBatch = 2000

// Sync brings the index of every linked folder up to date with the files:
// a cheap scan compares each file's size, modification time and inode with
// what was indexed and reads only the files that differ (their content
// hash tells a touched file from a changed one). New files are added,
// changed ones re-indexed, deleted ones removed; a new file with the
// content of a deleted one is a rename and keeps the article (its id, sets
// and cache). A file that stops parsing, or holds git's conflict markers,
// is a problem: its article keeps the last text that parsed. Sync commits
// in batches, each consistent: a killed Sync leaves the archive indexing
// some files as they are now and the others as they were, and the next
// Sync finishes. BenchmarkSyncNoChange guards the cost of the scan.
func (a *Archive) Sync(ctx context.Context) (SyncResult, error) {
	var res SyncResult
	folders, err := a.Folders(ctx)
	if err != nil {
		return res, err
	}
	// A folder that cannot be scanned (moved, unmounted) keeps its index
	// as it was and does not stop the others.
	var errs []error
	for _, f := range folders {
		if err := a.syncFolder(ctx, f, &res, nil); err != nil {
			if ctx.Err() != nil {
				return res, err
			}
			errs = append(errs, err)
			continue
		}
		if err := a.refreshGit(ctx, f); err != nil {
			errs = append(errs, err)
		}
	}
	if len(folders) > 0 {
		var perr error
		res.Problems, perr = a.Problems(ctx)
		errs = append(errs, perr)
	}
	return res, errors.Join(errs...)
}

// scanned is one seed file found in a linked folder.
type scanned struct {
	rel  string // slash-separated, relative to the folder
	stat fileStat
	err  error // the file could not be examined (a problem)
}

// known is a file as the index has it.
type known struct {
	id   int64
	rel  string // slash-separated, relative to the folder
	stat fileStat
	sha  string
}

// syncRef is one file to read, new or changed by its stat, as the merge
// of the scan with the index found it: the scan's entry and the index's
// row (nil for a new file). A sync holds one for every such file until
// its end, a first link one per file, so it points into the scan and the
// index, which it holds anyway, and copies nothing (BenchmarkLink,
// TestLinkMemoryPerFile).
type syncRef struct {
	s *scanned
	k *known
}

// syncJob is one file of a batch being read and stored: it lives only
// until its batch commits.
type syncJob struct {
	scanned
	id  int64  // its article, 0 for a new file
	sha string // of the indexed file (id != 0)

	newSHA string
	prep   *Prepared
	line   int
	reason string // a problem: why
}

// syncFolder syncs one linked folder, adding to res.
func (a *Archive) syncFolder(ctx context.Context, f Folder, res *SyncResult, progress func(done, total int)) error {
	fail := func(err error) error { return fmt.Errorf("storage: sync %s: %w", f.Path, err) }
	// The walk (system calls) and the index's rows (SQLite) are read at
	// once, on two cores when there are: together they are the no-change
	// sync every seedctl command runs first (BenchmarkSyncNoChange).
	type loaded struct {
		index    []known
		problems map[string]fileStat
		err      error
	}
	ch := make(chan loaded, 1)
	go func() {
		var l loaded
		l.index, l.problems, l.err = a.folderIndex(ctx, f.ID)
		ch <- l
	}()
	files, err := scanFolder(f.Path)
	l := <-ch
	if err != nil {
		return fail(err)
	}
	if l.err != nil {
		return fail(l.err)
	}
	index, problems := l.index, l.problems
	// The walk and the index, both in walk order (scanFolder's order is
	// walkCompare's: TestScanOrderIsWalkCompare), are merged: a file
	// without a row is new, a row without a file is missing.
	var jobs []syncRef
	var unseen []*known
	next := 0
	for i := range files {
		s := &files[i]
		for next < len(index) && walkCompare(index[next].rel, s.rel) < 0 {
			unseen = append(unseen, &index[next])
			next++
		}
		var k *known
		if next < len(index) && index[next].rel == s.rel {
			k = &index[next]
			next++
			if s.err == nil && k.stat.same(s.stat) {
				continue
			}
		}
		if p, ok := problems[s.rel]; ok {
			delete(problems, s.rel) // still there: kept
			if s.err == nil && p.same(s.stat) {
				continue
			}
		}
		jobs = append(jobs, syncRef{s: s, k: k})
	}
	for ; next < len(index); next++ {
		unseen = append(unseen, &index[next])
	}
	// A missing file's content may come back under another name (a rename).
	missing := map[string][]*known{} // by sha
	for _, k := range unseen {
		missing[k.sha] = append(missing[k.sha], k)
	}
	// Progress counts the files found: unchanged ones are done at once, the
	// others as each batch commits. It keeps their numbers, not the scan:
	// what syncJobs does not hold any more is free before its Finish.
	total, unchanged := len(files), len(files)-len(jobs)
	report := func(done int) {
		if progress != nil {
			progress(done, total)
		}
	}
	report(unchanged)
	if err := a.syncJobs(ctx, f, jobs, missing, res, func(done int) { report(unchanged + done) }); err != nil {
		return fail(err)
	}
	return a.syncRemoved(ctx, f, missing, problems, res)
}

// syncJobs reads and stores the files of jobs, syncBatch a transaction;
// done is called with the jobs stored so far after each commit. The
// files of the next batch are read and parsed while the writer stores
// the current one.
//
// When the new files are many (bulkMinInputs and at least the articles
// stored: a first link, the first sync of a big folder), the jobs are
// stored as a bulk import stores its inputs (BeginBulk: the secondary
// indexes set aside and built once at the end, full-text segments merged
// once), and in every batch the new articles' child rows are written by
// multi-row INSERTs (Tx.DeferChildRows). A killed bulk sync leaves the
// indexes set aside; the next sync that reads a file rebuilds them, as
// the next import does. BenchmarkLink guards the saving.
//
// A batch's jobs are made from its refs when it is read and dropped when
// it commits, so that what a sync holds per file until its end is only
// the scan, the index and a syncRef (TestLinkMemoryPerFile).
func (a *Archive) syncJobs(ctx context.Context, f Folder, jobs []syncRef,
	missing map[string][]*known, res *SyncResult, done func(int)) (err error) {
	if len(jobs) == 0 {
		return nil
	}
	added := 0
	for _, r := range jobs {
		if r.k == nil {
			added++
		}
	}
	bulk, err := a.BeginBulk(ctx, added)
	if err != nil {
		return err
	}
	n := len(jobs)
	defer func() {
		// The jobs, and with them the scan (the caller keeps no more of
		// it), are dropped before Finish, and after a large sync the heap
		// they took goes back to the system, as an import's input list
		// does (ReleaseBeforeFinish, TestLinkMemoryPerFile).
		jobs = nil
		ReleaseBeforeFinish(n)
		if beforeSyncFinish != nil {
			beforeSyncFinish()
		}
		// Finish runs however the sync ends: it rebuilds what BeginBulk,
		// or a killed bulk link or import, set aside, so the archive is
		// whole again.
		if ferr := bulk.Finish(context.WithoutCancel(ctx)); err == nil {
			err = ferr
		}
	}()
	read := func(start int) <-chan []syncJob {
		out := make(chan []syncJob, 1)
		go func() {
			refs := jobs[start:min(start+syncBatch, len(jobs))]
			batch := make([]syncJob, len(refs))
			for i, r := range refs {
				batch[i].scanned = *r.s
				if r.k != nil {
					batch[i].id, batch[i].sha = r.k.id, r.k.sha
				}
			}
			readJobs(ctx, f.Path, batch)
			out <- batch
		}()
		return out
	}
	next := read(0)
	for start := 0; start < len(jobs); start += syncBatch {
		batch := <-next
		if start+syncBatch < len(jobs) {
			next = read(start + syncBatch)
		} else {
			next = nil
		}
		if err := ctx.Err(); err != nil {
			if next != nil {
				<-next // the reader stops soon: it checks ctx
			}
			return err
		}
		err := a.WriteTx(ctx, func(tx *Tx) error {
			tx.DeferChildRows()
			for i := range batch {
				if err := tx.syncFile(f, &batch[i], missing, res); err != nil {
					return fmt.Errorf("%s: %w", batch[i].rel, err)
				}
			}
			return nil
		})
		if err != nil {
			if next != nil {
				<-next
			}
			return err
		}
		done(start + len(batch))
	}
	return nil
}

// beforeSyncFinish, when set (by tests), runs just before a sync's
// Bulk.Finish.
var beforeSyncFinish func()

// syncRemoved removes the articles whose files are gone (and not renamed)
// and forgets the problems of files that are gone.
func (a *Archive) syncRemoved(ctx context.Context, f Folder, missing map[string][]*known,
	problems map[string]fileStat, res *SyncResult) error {
	var gone []int64
	for _, ks := range missing {
		for _, k := range ks {
			gone = append(gone, k.id)
		}
	}
	var goneProblems []string
	for rel := range problems {
		goneProblems = append(goneProblems, rel)
	}
	for start := 0; start < len(gone) || start == 0 && len(goneProblems) > 0; start += syncBatch {
		batch := gone[start:min(start+syncBatch, len(gone))]
		err := a.WriteTx(ctx, func(tx *Tx) error {
			for _, id := range batch {
				if _, err := tx.removeRows(id); err != nil && !errors.Is(err, ErrNotFound) {
					return fmt.Errorf("article %d: %w", id, err)
				}
			}
			if start == 0 {
				for _, rel := range goneProblems {
					if _, err := tx.exec(`DELETE FROM linked_problem WHERE folder_id = ? AND path = ?`, f.ID, rel); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("storage: sync %s: %w", f.Path, err)
		}
		res.Removed += len(batch)
	}
	return nil
}

// The statements syncFile runs for a new file besides the insert, which
// touch no child row of an article (keepsChildren).
const (
	deleteProblemSQL = `DELETE FROM linked_problem WHERE folder_id = ? AND path = ?`
	linkedIDSQL      = `SELECT article_id FROM linked_file WHERE folder_id = ? AND path = ?`
)

// syncFile stores what one read file means for the index.
func (tx *Tx) syncFile(f Folder, j *syncJob, missing map[string][]*known, res *SyncResult) error {
	if j.reason != "" {
		// A problem read again only because its stat was not settled is
		// not counted again.
		var line int
		var reason string
		err := tx.queryRow(`SELECT line, reason FROM linked_problem WHERE folder_id = ? AND path = ?`, f.ID, j.rel).
			Scan(&line, &reason)
		if err != nil || line != j.line || reason != j.reason {
			res.Refused++
		}
		_, err = tx.exec(`INSERT OR REPLACE INTO linked_problem (folder_id, path, line, reason, size, mtime_ns, inode)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, f.ID, j.rel, j.line, j.reason, j.stat.size, j.stat.mtime, j.stat.inode)
		return err
	}
	if _, err := tx.exec(deleteProblemSQL, f.ID, j.rel); err != nil {
		return err
	}
	// Another program (the app and seedctl) may have synced the same
	// change since the scan: what it stored stands.
	var current int64
	err := tx.queryRow(linkedIDSQL, f.ID, j.rel).Scan(&current)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if current != j.id {
		return nil
	}
	if j.id != 0 {
		if j.newSHA != j.sha {
			if err := tx.replaceText(j.id, j.rel, j.prep); err != nil {
				return err
			}
			res.Changed++
		}
		_, err := tx.exec(`UPDATE linked_file SET size = ?, mtime_ns = ?, inode = ?, mode = ?, sha256 = ? WHERE article_id = ?`,
			j.stat.size, j.stat.mtime, j.stat.inode, int64(j.stat.mode), j.newSHA, j.id)
		return err
	}
	if ks := missing[j.newSHA]; len(ks) > 0 {
		old, id := ks[len(ks)-1].rel, ks[len(ks)-1].id
		missing[j.newSHA] = ks[:len(ks)-1]
		var one int
		switch err := tx.queryRow(`SELECT 1 FROM linked_file WHERE article_id = ? AND path = ?`, id, old).Scan(&one); {
		case errors.Is(err, sql.ErrNoRows):
			return nil // renamed or removed by another program's sync meanwhile
		case err != nil:
			return err
		}
		if _, err := tx.exec(`UPDATE linked_file SET path = ?, size = ?, mtime_ns = ?, inode = ?, mode = ? WHERE article_id = ?`,
			j.rel, j.stat.size, j.stat.mtime, j.stat.inode, int64(j.stat.mode), id); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE article SET file = ?, updated_at = ? WHERE id = ?`, j.rel, tx.now, id); err != nil {
			return err
		}
		res.Renamed++
		return nil
	}
	id, err := tx.InsertPrepared(j.rel, j.prep)
	if err != nil {
		return err
	}
	if err := tx.insertLinkedRow(id, f.ID, j.rel, j.stat, j.newSHA); err != nil {
		return err
	}
	res.Added++
	return nil
}

// folderIndex loads a linked folder's files, in walk order (walkCompare),
// and its problem files, as indexed. It reads the whole linked_file table
// in its order ("+folder_id" keeps SQLite off the linked_file_path index),
// skipping other folders' rows: going through the index cost a search of
// the table for every row, about twice a scan of it, and an archive links
// few folders. The table's order is mostly the walk's (a link adds the
// files in it), which the sort finds at little cost.
func (a *Archive) folderIndex(ctx context.Context, folderID int64) ([]known, map[string]fileStat, error) {
	var index []known
	rows, err := a.db.QueryContext(ctx, `SELECT article_id, path, size, mtime_ns, inode, sha256
		FROM linked_file WHERE +folder_id = ?`, folderID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k known
		if err := rows.Scan(&k.id, &k.rel, &k.stat.size, &k.stat.mtime, &k.stat.inode, &k.sha); err != nil {
			return nil, nil, err
		}
		index = append(index, k)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	slices.SortFunc(index, func(a, b known) int { return walkCompare(a.rel, b.rel) })
	problems := map[string]fileStat{}
	prows, err := a.db.QueryContext(ctx, `SELECT path, size, mtime_ns, inode FROM linked_problem WHERE folder_id = ?`, folderID)
	if err != nil {
		return nil, nil, err
	}
	defer prows.Close()
	for prows.Next() {
		var rel string
		var st fileStat
		if err := prows.Scan(&rel, &st.size, &st.mtime, &st.inode); err != nil {
			return nil, nil, err
		}
		problems[rel] = st
	}
	return index, problems, prows.Err()
}

// walkCompare orders slash-separated paths as filepath.WalkDir (and
// scanFolder) visits them: by name in each folder, a folder's files
// before the next name's. That is byte order with '/' before every
// other byte.
func walkCompare(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	switch {
	case i == n:
		return cmp.Compare(len(a), len(b))
	case a[i] == '/':
		return -1
	case b[i] == '/':
		return 1
	}
	return cmp.Compare(a[i], b[i])
}

// scanFolder lists the seed files under root (seedfile.IsSeedName; hidden
// folders are not entered) with their stats, reading no content, in the
// order filepath.WalkDir visits them. Each file is stat'ed by its name in
// its open folder (statDir), which spares the system resolving the whole
// path again per file: the scan is most of a no-change sync, which every
// seedctl command runs first (BenchmarkSyncNoChange).
func scanFolder(root string) ([]scanned, error) {
	d, err := os.Open(root)
	if err != nil {
		return nil, err
	}
	fi, err := d.Stat()
	if err == nil && !fi.IsDir() {
		err = fmt.Errorf("%s: not a folder", root)
	}
	if err != nil {
		d.Close()
		return nil, err
	}
	var out []scanned
	scanDir(d, root, "", &out)
	return out, nil
}

// scanDir appends the seed files of the open folder d (at path p, rel
// its path relative to the scan's root with a trailing slash, "" for the
// root) and of its subfolders to out, and closes d. A folder that cannot
// be read is skipped, as filepath.WalkDir skips it: its files are seen as
// gone.
func scanDir(d *os.File, p, rel string, out *[]scanned) {
	entries, err := d.ReadDir(-1)
	if err != nil && len(entries) == 0 {
		d.Close()
		return
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	at := newStatDir(d, p)
	defer d.Close()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			if seedfile.IsHidden(name) {
				continue
			}
			sp := filepath.Join(p, name)
			if sd, err := os.Open(sp); err == nil {
				scanDir(sd, sp, rel+name+"/", out)
			}
			continue
		}
		if !seedfile.IsSeedName(name) {
			removeStaleTemp(filepath.Join(p, name), e)
			continue
		}
		s := scanned{rel: rel + name}
		st, regular, err := at.stat(name) // follows a symlink to its file
		switch {
		case err != nil:
			s.err = err
		case !regular:
			s.err = errors.New("not a regular file")
		default:
			s.stat = st
		}
		*out = append(*out, s)
	}
}

// staleTemp is how old a temporary file of placeFile must be for a scan to
// remove it: a write transaction renames its files within moments, so an
// older one is what a killed program left in the user's folder.
const staleTemp = 10 * time.Minute

// removeStaleTemp removes p when it is a temporary file writeTemp made
// (".NAME.tmp-DIGITS", NAME a seed file's name) older than staleTemp. It is
// best effort: a scan goes on whatever happens.
func removeStaleTemp(p string, d fs.DirEntry) {
	name := d.Name()
	i := strings.LastIndex(name, ".tmp-")
	if !strings.HasPrefix(name, ".") || i < 1 || !seedfile.IsSeedName(name[1:i]) {
		return
	}
	for _, c := range name[i+len(".tmp-"):] {
		if c < '0' || c > '9' {
			return
		}
	}
	if fi, err := d.Info(); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > staleTemp {
		_ = os.Remove(p)
	}
}

// readJobs reads, hashes and parses the files of a batch, in the folder
// root, on a pool of goroutines.
func readJobs(ctx context.Context, root string, jobs []syncJob) {
	work := make(chan *syncJob)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if ctx.Err() == nil {
					j.read(root)
				}
			}
		}()
	}
	for i := range jobs {
		work <- &jobs[i]
	}
	close(work)
	wg.Wait()
}

// read fills a job from its file in the folder root: a problem (reason)
// or its hash and, unless only its stat changed, its prepared document.
// The stat is taken again from the open file, so that it goes with the
// content read. The file's path is made here, not kept with the job.
func (j *syncJob) read(root string) {
	if j.scanned.err != nil {
		j.reason = pathless(j.scanned.err)
		return
	}
	data, st, err := readSeed(filepath.Join(root, filepath.FromSlash(j.rel)))
	if err != nil {
		j.reason = pathless(err)
		return
	}
	j.stat = st.settled()
	j.newSHA = sha256Hex(data)
	if j.id != 0 && j.newSHA == j.sha {
		return
	}
	if gitrepo.HasConflictMarkers(data) {
		j.line, j.reason = markerLine(data), "merge conflict"
		return
	}
	doc, err := seedfile.Parse(data)
	if err != nil {
		var pe *seedfile.ParseError
		if errors.As(err, &pe) {
			j.line, j.reason = pe.Line, pe.Msg
		} else {
			j.reason = err.Error()
		}
		return
	}
	j.prep = Prepare(doc)
}

// readSeed reads a seed file of at most seedfile.MaxSize bytes, with the
// stat of the file it read.
func readSeed(path string) ([]byte, fileStat, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileStat{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fileStat{}, err
	}
	if fi.Size() > seedfile.MaxSize {
		return nil, fileStat{}, fmt.Errorf("file too big (%d bytes, at most %d)", fi.Size(), seedfile.MaxSize)
	}
	data, err := readAtMost(f, fi.Size(), seedfile.MaxSize+1)
	if err != nil {
		return nil, fileStat{}, err
	}
	if len(data) > seedfile.MaxSize {
		return nil, fileStat{}, fmt.Errorf("file too big (more than %d bytes)", seedfile.MaxSize)
	}
	if fi, err = f.Stat(); err != nil {
		return nil, fileStat{}, err
	}
	return data, statOf(fi), nil
}

// readAtMost reads f to its end or to limit bytes, into a buffer of the
// size the file had when opened (as os.ReadFile does): growing one from
// nothing, as io.ReadAll does, copied every file several times.
func readAtMost(f *os.File, size, limit int64) ([]byte, error) {
	data := make([]byte, 0, min(max(size, 0), limit-1)+1)
	for int64(len(data)) < limit {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):min(int64(cap(data)), limit)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return data, nil
}

// markerLine is the line number of the first "<<<<<<<" line.
func markerLine(data []byte) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("<<<<<<<")) {
			return i + 1
		}
	}
	return 0
}

// pathless drops the operation and path of a *fs.PathError: a problem
// names its file itself.
func pathless(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
