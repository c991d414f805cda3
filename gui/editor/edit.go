package editor

import (
	"bytes"
	"fmt"
)

// edit changes the state through fn as one undo step (coalescing with the
// previous step when key is the same non-empty field key).
func (e *Editor) edit(key string, fn func(*state)) {
	if e.syncing || e.base == nil {
		return
	}
	next := e.cur.clone()
	fn(&next)
	if next.equal(e.cur) {
		return
	}
	e.hist.record(e.cur, key)
	e.cur = next
	e.savedMsg = false
	if key == "" {
		e.syncWidgets() // a list changed: cards or chips to add or drop
	}
	e.update()
}

// setField is the change handler of the field with key.
func (e *Editor) setField(key, text string) {
	e.edit(key, func(s *state) { s.setField(key, text) })
}

// setField stores the text of a top-level field or a related field key.
func (s *state) setField(key, text string) {
	var k int
	var field string
	if n, _ := fmt.Sscanf(key, "related#%d.", &k); n == 1 {
		field = key[len(relKey(k, "")):]
		if i := s.relIndex(k); i >= 0 {
			s.related[i].fields[field] = text
		}
		return
	}
	s.fields[key] = text
}

// update rebuilds the working copy from the state and refreshes everything
// that depends on it: messages, dirty marker, buttons, images, diff.
func (e *Editor) update() {
	if e.base == nil {
		return
	}
	doc, errs, err := build(e.base, e.cur)
	if err != nil {
		e.showMessage(err.Error(), true)
		return
	}
	e.work, e.errs = doc, errs
	e.setDirty(len(errs) > 0 || !bytes.Equal(doc.Bytes(), e.base.bytes))
	e.v.refresh()
}

// syncWidgets shows the state in the widgets without recording edits.
func (e *Editor) syncWidgets() {
	e.syncing = true
	defer func() { e.syncing = false }()
	e.v.sync(e.cur)
}

// Undo undoes the last edit.
func (e *Editor) Undo() {
	if e.base == nil {
		return
	}
	if st, ok := e.hist.undo(e.cur); ok {
		e.cur = st
		e.syncWidgets()
		e.update()
	}
}

// Redo redoes the last undone edit.
func (e *Editor) Redo() {
	if e.base == nil {
		return
	}
	if st, ok := e.hist.redo(e.cur); ok {
		e.cur = st
		e.syncWidgets()
		e.update()
	}
}

// Revert drops every unsaved change, as one step that Undo can take back.
func (e *Editor) Revert() {
	if e.base == nil || e.cur.equal(e.base.st) {
		return
	}
	e.hist.record(e.cur, "")
	e.cur = e.base.st.clone()
	e.syncWidgets()
	e.update()
}
