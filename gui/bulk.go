package gui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/query"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// leaveGuard is what asks about the editor's unsaved changes before an
// action takes its article (impl: *editor.Editor).
type leaveGuard interface {
	ID() int64
	ConfirmLeave(then func(proceed bool))
}

// bulkActions are the actions on the selected articles and on sets: each
// asks what it needs, runs off the UI goroutine and is one step of the
// history. It takes what it needs, not the window.
type bulkActions struct {
	win     fyne.Window
	res     *results // the selection and the query
	arc     func() *storage.Archive
	tasks   *tasks
	hist    *history
	edits   *archiveEdits
	status  jobStatus
	editor  func() leaveGuard // the editor of the open archive
	changed func(ids []int64) // the views follow a change (nil: any article)
	failed  func(err error)
	forget  func(ids []int64) // the editor and the reading view let go of deleted articles
	focus   func(id int64)    // focuses the article once the results reload
}

// bulkItems are the actions on the selection, for the Articles menu and
// the table's context menu.
func (b *bulkActions) bulkItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItem("Add topic…", func() { b.askBulk("Add topic", "topic", b.addTopic) }),
		fyne.NewMenuItem("Remove topic…", func() { b.askBulk("Remove topic", "topic", b.removeTopic) }),
		fyne.NewMenuItem("Set category…", func() { b.askBulk("Set category", "category", b.setCategory) }),
		fyne.NewMenuItem("Mark published", func() { b.setPublished(true) }),
		fyne.NewMenuItem("Mark unpublished", func() { b.setPublished(false) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Add to set…", func() { b.askBulk("Add to set", "set", b.addToSet) }),
		fyne.NewMenuItem("Remove from set…", func() { b.askBulk("Remove from set", "set", b.removeFromSet) }),
		fyne.NewMenuItemSeparator(),
		{Label: "Delete…", Icon: theme.DeleteIcon(), Action: b.confirmDelete},
	}
}

// showBulkMenu opens the bulk actions at a position (right-click in the table).
func (b *bulkActions) showBulkMenu(at fyne.Position) {
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", b.bulkItems()...), b.win.Canvas(), at)
}

// bulkIDs is the selection a bulk action works on, guarded by the editor:
// then runs once the editor's unsaved changes to a selected article are
// saved or discarded.
func (b *bulkActions) bulkIDs(then func(ids []int64)) {
	ids := b.res.selectedIDs()
	if len(ids) == 0 {
		b.status.say("Select articles first")
		return
	}
	if !slices.Contains(ids, b.editor().ID()) {
		then(ids)
		return
	}
	b.editor().ConfirmLeave(func(ok bool) {
		if ok {
			then(ids)
		}
	})
}

// askBulk asks for a value (offering the facet's existing values), then
// runs apply on the selection.
func (b *bulkActions) askBulk(title, facet string, apply func(ids []int64, value string)) {
	if len(b.res.sel) == 0 {
		b.status.say("Select articles first")
		return
	}
	entry := newEscSelectEntry()
	entry.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("enter a %s", facet)
		}
		return nil
	}
	b.suggest(facet, entry.SetOptions)
	n := len(b.res.sel)
	label := fmt.Sprintf("%s (%s selected)", strings.ToUpper(facet[:1])+facet[1:], thousands(n))
	d := dialog.NewForm(title, title, "Cancel", []*widget.FormItem{widget.NewFormItem(label, entry)}, func(ok bool) {
		if !ok {
			return
		}
		value := strings.TrimSpace(entry.Text)
		b.bulkIDs(func(ids []int64) { apply(ids, value) })
	}, b.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	entry.onEscape = d.Hide // the focused entry would keep Escape from the dialog
	widgets.DialogKeys(d, b.win.Canvas(), d.Submit)
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
	d.Show()
	b.win.Canvas().Focus(entry)
}

// suggest loads a facet's values off the UI goroutine and hands them to set.
func (b *bulkActions) suggest(facet string, set func([]string)) {
	arc := b.arc()
	b.tasks.Go(func() func() {
		var values []string
		if facet == "set" {
			sets, err := arc.Sets(context.Background())
			if err == nil {
				for _, s := range sets {
					if s.Query == "" {
						values = append(values, s.Name)
					}
				}
			}
		} else if counts, err := arc.Facet(context.Background(), facet, "", 200); err == nil {
			for _, c := range counts {
				values = append(values, c.Value)
			}
		}
		return func() { set(values) }
	})
}

// addTopic adds a topic to each selected article that lacks it.
func (b *bulkActions) addTopic(ids []int64, topic string) {
	b.edits.apply("Add topic "+topic, ids, func(doc *seedfile.Document) (bool, error) {
		return doc.AddToList("topics", topic)
	}, nil)
}

// removeTopic removes a topic from each selected article having it.
func (b *bulkActions) removeTopic(ids []int64, topic string) {
	b.edits.apply("Remove topic "+topic, ids, func(doc *seedfile.Document) (bool, error) {
		return doc.RemoveFromList("topics", topic)
	}, nil)
}

// setCategory sets the category of the selection.
func (b *bulkActions) setCategory(ids []int64, category string) {
	b.edits.apply("Set category "+category, ids, func(doc *seedfile.Document) (bool, error) {
		return setField(doc, "category", category)
	}, nil)
}

// setPublished marks the selection published or not.
func (b *bulkActions) setPublished(v bool) {
	label := "Mark unpublished"
	if v {
		label = "Mark published"
	}
	b.bulkIDs(func(ids []int64) {
		b.edits.apply(label, ids, func(doc *seedfile.Document) (bool, error) {
			return setField(doc, "published", v)
		}, nil)
	})
}

// addToSet adds the selection to a manual set (created if new), undoably.
func (b *bulkActions) addToSet(ids []int64, name string) {
	b.setChange(fmt.Sprintf("Add to set %s", name), func(ctx context.Context, arc *storage.Archive) (undoStep, int, error) {
		members, exists, err := setMembers(ctx, arc, name)
		if err != nil {
			return undoStep{}, 0, err
		}
		var added []int64
		for _, id := range ids {
			if !members[id] {
				added = append(added, id)
			}
		}
		if _, err := arc.AddToSet(ctx, name, added); err != nil {
			return undoStep{}, 0, err
		}
		return undoStep{
			undo: func(ctx context.Context) error {
				if !exists {
					return arc.DeleteSet(ctx, name)
				}
				_, err := arc.RemoveFromSet(ctx, name, added)
				return err
			},
			redo: func(ctx context.Context) error {
				_, err := arc.AddToSet(ctx, name, added)
				return err
			},
		}, len(added), nil
	})
}

// removeFromSet removes the selection from a manual set, undoably.
func (b *bulkActions) removeFromSet(ids []int64, name string) {
	b.setChange(fmt.Sprintf("Remove from set %s", name), func(ctx context.Context, arc *storage.Archive) (undoStep, int, error) {
		members, exists, err := setMembers(ctx, arc, name)
		if err != nil {
			return undoStep{}, 0, err
		}
		if !exists {
			return undoStep{}, 0, fmt.Errorf("there is no set %q", name)
		}
		var removed []int64
		for _, id := range ids {
			if members[id] {
				removed = append(removed, id)
			}
		}
		if _, err := arc.RemoveFromSet(ctx, name, removed); err != nil {
			return undoStep{}, 0, err
		}
		return undoStep{
			undo: func(ctx context.Context) error {
				_, err := arc.AddToSet(ctx, name, removed)
				return err
			},
			redo: func(ctx context.Context) error {
				_, err := arc.RemoveFromSet(ctx, name, removed)
				return err
			},
		}, len(removed), nil
	})
}

// setMembers returns a set's members and whether it exists.
func setMembers(ctx context.Context, arc *storage.Archive, name string) (map[int64]bool, bool, error) {
	sets, err := arc.Sets(ctx)
	if err != nil {
		return nil, false, err
	}
	i := slices.IndexFunc(sets, func(s storage.Set) bool { return strings.EqualFold(s.Name, name) })
	if i < 0 {
		return map[int64]bool{}, false, nil
	}
	if sets[i].Query != "" {
		return nil, true, fmt.Errorf("%q is a saved search: its articles follow its query", sets[i].Name)
	}
	ids, err := arc.IDs(ctx, storage.ListOptions{Query: query.Term("set", sets[i].Name)})
	if err != nil {
		return nil, true, err
	}
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m, true, nil
}

// setChange runs a set change off the UI goroutine and records its undo step.
func (b *bulkActions) setChange(label string, change func(ctx context.Context, arc *storage.Archive) (undoStep, int, error)) {
	arc := b.arc()
	b.tasks.Go(func() func() {
		step, n, err := change(context.Background(), arc)
		return func() {
			if err != nil {
				b.failed(fmt.Errorf("%s: %w", strings.ToLower(label[:1])+label[1:], err))
				return
			}
			if arc != b.arc() {
				return
			}
			step.label = label
			b.hist.push(step)
			b.status.say(fmt.Sprintf("%s — %s", label, articles(n)))
			b.changed(nil)
		}
	})
}

// saveSearchAsSet stores the current query as a smart set.
func (b *bulkActions) saveSearchAsSet() {
	q := b.res.query
	if strings.TrimSpace(q) == "" {
		b.status.say("Type a search first: a smart set is a saved search")
		return
	}
	name := widgets.NewEscEntry()
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("enter a name")
		}
		return nil
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Name", name),
		widget.NewFormItem("Search", widget.NewLabel(q)),
	}
	d := dialog.NewForm("Save search as set", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		n := strings.TrimSpace(name.Text)
		b.setChange("Save search as set "+n, func(ctx context.Context, arc *storage.Archive) (undoStep, int, error) {
			if err := arc.SaveSmartSet(ctx, n, q); err != nil {
				return undoStep{}, 0, err
			}
			return undoStep{
				undo: func(ctx context.Context) error { return arc.DeleteSet(ctx, n) },
				redo: func(ctx context.Context) error { return arc.SaveSmartSet(ctx, n, q) },
			}, 0, nil
		})
	}, b.win)
	name.OnSubmitted = func(string) { d.Submit() }
	name.OnEscape = d.Hide // the focused entry would keep Escape from the dialog
	widgets.DialogKeys(d, b.win.Canvas(), d.Submit)
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
	d.Show()
	b.win.Canvas().Focus(name)
}

// showSetMenu offers to delete a set (right-click in the sidebar).
func (b *bulkActions) showSetMenu(name string, smart bool, at fyne.Position) {
	del := fyne.NewMenuItem("Delete set “"+name+"”…", func() {
		dialog.ShowConfirm("Delete set", fmt.Sprintf("Delete the set “%s”? Its articles stay in the archive.", name), func(ok bool) {
			if ok {
				b.deleteSet(name, smart)
			}
		}, b.win)
	})
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", del), b.win.Canvas(), at)
}

// deleteSet deletes a set, undoably (its members or query are kept for undo).
func (b *bulkActions) deleteSet(name string, smart bool) {
	b.setChange("Delete set "+name, func(ctx context.Context, arc *storage.Archive) (undoStep, int, error) {
		sets, err := arc.Sets(ctx)
		if err != nil {
			return undoStep{}, 0, err
		}
		var q string
		for _, s := range sets {
			if s.Name == name {
				q = s.Query
			}
		}
		var members []int64
		if !smart {
			members, err = arc.IDs(ctx, storage.ListOptions{Query: query.Term("set", name)})
			if err != nil {
				return undoStep{}, 0, err
			}
		}
		if err := arc.DeleteSet(ctx, name); err != nil {
			return undoStep{}, 0, err
		}
		return undoStep{
			undo: func(ctx context.Context) error {
				if smart {
					return arc.SaveSmartSet(ctx, name, q)
				}
				_, err := arc.AddToSet(ctx, name, members)
				return err
			},
			redo: func(ctx context.Context) error { return arc.DeleteSet(ctx, name) },
		}, len(members), nil
	})
}

// confirmDelete asks, then deletes the selection (undoable).
func (b *bulkActions) confirmDelete() {
	ids := b.res.selectedIDs()
	if len(ids) == 0 {
		return
	}
	msg := fmt.Sprintf("Delete %s articles from the archive?", thousands(len(ids)))
	if len(ids) == 1 {
		msg = "Delete this article from the archive?"
	}
	d := dialog.NewConfirm("Delete", msg+"\nYou can undo this with Ctrl+Z.", func(ok bool) {
		if ok {
			b.deleteArticles(ids)
		}
	}, b.win)
	d.SetConfirmText("Delete")
	d.SetConfirmImportance(widget.DangerImportance)
	widgets.DialogKeys(d, b.win.Canvas(), nil) // Escape keeps them; deleting takes a click
	d.Show()
}

// deleteArticles deletes ids and records the undo step restoring them.
func (b *bulkActions) deleteArticles(ids []int64) {
	arc := b.arc()
	b.tasks.Go(func() func() {
		batch, n, err := arc.Trash(context.Background(), ids...)
		return func() {
			if err != nil {
				b.failed(fmt.Errorf("delete %d article(s): %w", len(ids), err))
				return
			}
			if arc != b.arc() {
				return
			}
			label := "Delete " + articles(n)
			b.hist.push(deleteStep(arc, label, ids, batch))
			b.forget(ids)
			next := b.survivor(ids)
			b.res.clearSelection()
			b.status.say(label)
			b.changed(nil)
			if next != 0 {
				b.focus(next)
			}
		}
	})
}

// survivor is the article to focus after deleting ids: the first one after
// the focused row that stays, else the last one before it.
func (b *bulkActions) survivor(ids []int64) int64 {
	gone := make(map[int64]bool, len(ids))
	for _, id := range ids {
		gone[id] = true
	}
	from := max(b.res.cursor, 0)
	all := b.res.IDs() // none a moment after a new search: nothing to focus
	for i := from; i < all.Len(); i++ {
		if !gone[all.At(i)] {
			return all.At(i)
		}
	}
	for i := min(from, all.Len()-1); i >= 0; i-- {
		if !gone[all.At(i)] {
			return all.At(i)
		}
	}
	return 0
}
