package gui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/seedarchive/seedarchive/gui/editor"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// editBatch is how many articles one Edit transaction stores.
const editBatch = 500

// docEdit changes one document; it reports whether anything changed.
type docEdit func(doc *seedfile.Document) (bool, error)

// editCell saves a value typed (or toggled) in a table cell.
func (w *Window) editCell(id int64, field string, value any, done func(error)) {
	if w.editor.ID() == id && w.editor.Dirty() {
		done(fmt.Errorf("the editor has unsaved changes to this article: save or discard them first"))
		return
	}
	label := "Edit " + fieldLabel(field)
	var mine []byte // the text the edit writes, for Keep mine and Show diff
	w.edits.apply(label, []int64{id}, func(doc *seedfile.Document) (bool, error) {
		changed, err := setField(doc, field, value)
		mine = bytes.Clone(doc.Bytes())
		return changed, err
	}, func(err error) {
		if errors.Is(err, storage.ErrChangedOnDisk) {
			// Not a bad value: the cell closes and the question of the
			// editor's save is asked (Reload, Keep mine, Show diff).
			done(nil)
			w.cellChangedOnDisk(id, mine, err)
			return
		}
		done(err)
	})
}

// cellChangedOnDisk asks what to do about an in-cell edit refused because
// the article's file changed on disk: the editor's dialog, where Keep mine
// writes the indexed text with the edit over the file. The row shows its
// changed-on-disk mark meanwhile.
func (w *Window) cellChangedOnDisk(id int64, mine []byte, err error) {
	arc := w.arc
	w.refresh()
	editor.AskChangedOnDisk(editor.DiskQuestion{
		Win: w.win, Run: w.tasks, Err: err, Mine: mine,
		Reload:   "Reload brings in the file as it is now (your edit is not applied)",
		KeepMine: "Keep mine writes the article with your edit over it (the other change is lost)",
		OnReload: w.linked.syncNow,
		OnKeep: func() {
			w.tasks.Go(func() func() {
				err := arc.Overwrite(context.Background(), id, mine)
				return func() {
					if arc != w.arc {
						return
					}
					if err != nil {
						w.showError(err)
						return
					}
					// No undo step, as for the editor's Keep mine: undoing would
					// bring back the text indexed before, not the change lost.
					w.afterChange([]int64{id})
				}
			})
		},
		OnError: w.showError,
	})
}

// fieldLabel is a field's human name in lower case, for undo labels.
func fieldLabel(path string) string {
	if f, ok := seedfile.LookupField(path); ok {
		return strings.ToLower(f.Label)
	}
	return path
}

// setField sets path to value unless it already holds it.
func setField(doc *seedfile.Document, path string, value any) (bool, error) {
	before := bytes.Clone(doc.Bytes())
	if err := doc.Set(path, value); err != nil {
		return false, err
	}
	return !bytes.Equal(before, doc.Bytes()), nil
}

// jobStatus is where long work reports (impl: *statusBar).
type jobStatus interface {
	say(msg string)
	startJob(name string, stop context.CancelFunc)
	jobProgress(done, total int)
	endJob()
}

// archiveEdits changes articles of the open archive off the UI goroutine
// and records each change as one step of the history: in-cell edits and
// bulk actions. It takes what it needs, not the window.
type archiveEdits struct {
	arc     func() *storage.Archive // the open archive
	tasks   *tasks
	hist    *history
	status  jobStatus
	changed func(ids []int64) // the views follow the changed articles
	failed  func(err error)   // an edit that failed without a done to tell
}

// apply applies edit to each article, stores the changed documents (one
// transaction per editBatch articles) and records one undo step holding
// what changed in each text. A refused value or a failed write stops the
// edit, reports which article failed through done, and leaves the archive
// as the committed batches made it (those stay undoable).
func (e *archiveEdits) apply(label string, ids []int64, edit docEdit, done func(error)) {
	arc := e.arc()
	ctx, stop := context.WithCancel(context.Background())
	if len(ids) > editBatch {
		e.status.startJob(label, stop)
	}
	e.tasks.Go(func() func() {
		patches, err := applyEdits(ctx, arc, ids, edit, func(n int) {
			e.tasks.Send(func() { e.status.jobProgress(n, len(ids)) })
		})
		return func() {
			stop()
			if len(ids) > editBatch {
				e.status.endJob()
			}
			if len(patches) > 0 && arc == e.arc() {
				e.hist.push(patchStep(arc, label, patches))
				changed := make([]int64, len(patches))
				for i, p := range patches {
					changed[i] = p.id
				}
				e.changed(changed)
				e.status.say(fmt.Sprintf("%s — %s changed", label, articles(len(patches))))
			} else if err == nil {
				e.status.say(label + ": nothing to change")
			}
			if done != nil {
				done(err)
			} else if err != nil {
				e.failed(err)
			}
		}
	})
}

// applyEdits is archiveEdits.apply's work: the patches of the stored articles.
// Each batch is read, changed and stored in one write transaction
// (storage.Archive.Edit), so an edit never overwrites a change another
// program committed meanwhile.
func applyEdits(ctx context.Context, arc *storage.Archive, ids []int64, edit docEdit, progress func(int)) ([]textPatch, error) {
	var patches []textPatch
	for start := 0; start < len(ids); start += editBatch {
		batch := ids[start:min(start+editBatch, len(ids))]
		edited, err := arc.Edit(ctx, batch, func(_ int64, doc *seedfile.Document) (bool, error) { return edit(doc) })
		if err != nil {
			return patches, fmt.Errorf("edit %s: %w", articles(len(batch)), err)
		}
		for _, e := range edited {
			patches = append(patches, newTextPatch(e.ID, e.Before, e.After))
		}
		if progress != nil {
			progress(start + len(batch))
		}
	}
	return patches, nil
}

// afterChange refreshes everything that shows archive data once articles
// changed: the table (position kept), facets, counts and the editor when it
// shows one of them without unsaved edits.
func (w *Window) afterChange(ids []int64) {
	w.refresh()
	if id := w.editor.ID(); id != 0 && slices.Contains(ids, id) && !w.editor.Dirty() {
		w.editor.Load(id)
	}
	w.editor.RefreshValues()
}

// historyMoved follows an undone or redone step: the views and the editor
// show the archive as it is now.
func (w *Window) historyMoved(step undoStep, redo bool, note string) {
	verb := "Undid"
	if redo {
		verb = "Redid"
	}
	w.status.say(verb + ": " + step.label + note)
	w.afterChange(nil)
	if id := w.editor.ID(); id != 0 && !w.editor.Dirty() {
		w.editor.Load(id)
	}
	w.tools.refresh()
}

// deleteStep takes deleted articles back out of the archive's trash on undo
// and deletes them into it again on redo; nothing of them stays in memory.
// Dropping the step empties its batch.
func deleteStep(arc *storage.Archive, label string, ids []int64, batch int64) undoStep {
	var mu sync.Mutex // the funcs run on background goroutines, one at a time
	return undoStep{
		label: label,
		undo: func(ctx context.Context) error {
			mu.Lock()
			defer mu.Unlock()
			return arc.Untrash(ctx, batch)
		},
		redo: func(ctx context.Context) error {
			mu.Lock()
			defer mu.Unlock()
			b, _, err := arc.Trash(ctx, ids...)
			if err == nil {
				batch = b
			}
			return err
		},
		drop: func(ctx context.Context) error {
			mu.Lock()
			defer mu.Unlock()
			return arc.Purge(ctx, batch)
		},
	}
}

// newArticleStep deletes a new article into the trash on undo and takes it
// back out on redo; dropping the step empties its batch.
func newArticleStep(arc *storage.Archive, id int64) undoStep {
	return insertStep(arc, "New article", []int64{id})
}

// insertStep undoes the insertion of articles (a new article, an import):
// undo deletes them into the archive's trash, redo takes them back out, and
// dropping the step empties its batch. Articles deleted since are left out.
func insertStep(arc *storage.Archive, label string, ids []int64) undoStep {
	var mu sync.Mutex // the funcs run on background goroutines, one at a time
	var batch int64
	return undoStep{
		label: label,
		undo: func(ctx context.Context) error {
			mu.Lock()
			defer mu.Unlock()
			b, _, err := arc.Trash(ctx, ids...)
			if errors.Is(err, storage.ErrNotFound) {
				var present []int64
				if present, err = presentIDs(ctx, arc, ids); err == nil {
					b, _, err = arc.Trash(ctx, present...)
				}
			}
			if err == nil {
				batch = b
			}
			return err
		},
		redo: func(ctx context.Context) error {
			mu.Lock()
			defer mu.Unlock()
			return arc.Untrash(ctx, batch)
		},
		drop: func(ctx context.Context) error {
			mu.Lock()
			defer mu.Unlock()
			if batch == 0 {
				return nil
			}
			return arc.Purge(ctx, batch)
		},
	}
}

// newArticle stores an untitled article and opens it in the editor.
func (w *Window) newArticle() {
	w.editor.ConfirmLeave(func(ok bool) {
		if !ok {
			return
		}
		arc := w.arc
		w.tasks.Go(func() func() {
			now := time.Now().UTC()
			doc := seedfile.New(seedfile.Article{
				Title: "Untitled article", Type: "article",
				PublishedDateTime: now.Format(time.RFC3339),
			})
			name := "new-" + now.Format("20060102-150405") + ".txt"
			id, err := arc.Insert(context.Background(), name, doc)
			return func() {
				if err != nil {
					w.showError(fmt.Errorf("new article: %w", err))
					return
				}
				w.hist.push(newArticleStep(arc, id))
				w.editor.RefreshValues()
				w.editNew = id
				w.focusAfterLoad(id, true)
			}
		})
	})
}
