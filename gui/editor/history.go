package editor

// history is the editor's undo and redo stacks of states. Consecutive
// changes with the same non-empty key (typing in one field) coalesce into a
// single step.
type history struct {
	past, future []state
	lastKey      string
}

// record is called before cur changes under key; it saves cur as an undo
// step unless the change continues the previous one.
func (h *history) record(cur state, key string) {
	h.future = nil
	if key != "" && key == h.lastKey && len(h.past) > 0 {
		return
	}
	h.past = append(h.past, cur.clone())
	h.lastKey = key
}

func (h *history) canUndo() bool { return len(h.past) > 0 }
func (h *history) canRedo() bool { return len(h.future) > 0 }

// undo returns the state before cur, keeping cur for redo.
func (h *history) undo(cur state) (state, bool) {
	if len(h.past) == 0 {
		return cur, false
	}
	prev := h.past[len(h.past)-1]
	h.past = h.past[:len(h.past)-1]
	h.future = append(h.future, cur.clone())
	h.lastKey = ""
	return prev, true
}

// redo returns the state undo left, keeping cur for undo.
func (h *history) redo(cur state) (state, bool) {
	if len(h.future) == 0 {
		return cur, false
	}
	next := h.future[len(h.future)-1]
	h.future = h.future[:len(h.future)-1]
	h.past = append(h.past, cur.clone())
	h.lastKey = ""
	return next, true
}

// clear forgets every step.
func (h *history) clear() { *h = history{} }
