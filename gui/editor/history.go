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
func (h *history) undo(cur state) (state, bool) { return h.move(&h.past, &h.future, cur) }

// redo returns the state undo left, keeping cur for undo.
func (h *history) redo(cur state) (state, bool) { return h.move(&h.future, &h.past, cur) }

// move takes the last state of from, keeping cur on to.
func (h *history) move(from, to *[]state, cur state) (state, bool) {
	n := len(*from)
	if n == 0 {
		return cur, false
	}
	next := (*from)[n-1]
	*from = (*from)[:n-1]
	*to = append(*to, cur.clone())
	h.lastKey = ""
	return next, true
}

// clear forgets every step.
func (h *history) clear() { *h = history{} }
