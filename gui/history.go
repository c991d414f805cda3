package gui

import (
	"context"
	"errors"
	"fmt"
)

// localHistory is the undo history of edits not yet in the archive, taken
// before the archive's: the editor's, for its unsaved changes
// (*editor.Editor has it).
type localHistory interface {
	CanUndo() bool
	CanRedo() bool
	Undo()
	Redo()
}

// history is the window's one history of archive changes: every editor
// save, in-cell edit, bulk action, deletion, new article and import is a
// step, undone and redone from anywhere with the same keys. The editor's
// unsaved edits come first (local); once they are saved, the save is a step
// here. It runs steps on tasks and reports through its hooks; it knows
// nothing of the window.
type history struct {
	tasks *tasks
	stack undoStack
	local localHistory // nil: none
	gen   int          // bumped by reset: a step finishing for an archive left behind is dropped

	// OnMoved is called on the UI goroutine after a step was undone (redo:
	// redone); note tells about articles it left alone.
	OnMoved func(step undoStep, redo bool, note string)
	// OnFailed reports a step that failed (it stays where it was, so the
	// user can retry) or a forgotten step whose trash could not be emptied.
	OnFailed func(err error)
}

// push records a step that just happened and forgets, in the background,
// what the steps it pushed out held.
func (h *history) push(step undoStep) {
	dropped := h.stack.push(step)
	if len(dropped) == 0 {
		return
	}
	h.tasks.Go(func() func() {
		err := dropSteps(context.Background(), dropped)
		return func() {
			if err != nil && h.OnFailed != nil {
				h.OnFailed(err)
			}
		}
	})
}

// reset empties the history (another archive, the window closing) and
// returns the steps it held, for dropSteps.
func (h *history) reset() []undoStep {
	h.gen++
	return h.stack.reset()
}

func (h *history) localCan(redo bool) bool {
	if h.local == nil {
		return false
	}
	if redo {
		return h.local.CanRedo()
	}
	return h.local.CanUndo()
}

// can reports whether Undo (redo: Redo) has something to do.
func (h *history) can(redo bool) bool {
	if h.localCan(redo) {
		return true
	}
	if redo {
		return h.stack.canRedo()
	}
	return h.stack.canUndo()
}

// step undoes (redo: redoes) the unsaved edits' last change, else the
// archive's last step.
func (h *history) step(redo bool) {
	switch {
	case h.localCan(redo) && redo:
		h.local.Redo()
	case h.localCan(redo):
		h.local.Undo()
	default:
		h.run(redo)
	}
}

// run undoes (or redoes) the last archive step off the UI goroutine.
func (h *history) run(redo bool) {
	st, ok := h.stack.take(redo)
	if !ok {
		return
	}
	gen := h.gen
	h.tasks.Go(func() func() {
		fn := st.undo
		if redo {
			fn = st.redo
		}
		err := fn(context.Background())
		var left *leftAlone
		note := ""
		if errors.As(err, &left) {
			note, err = " — "+left.Error(), nil
		}
		return func() {
			if gen != h.gen {
				return
			}
			if err != nil {
				h.stack.putBack(st, redo) // so the user can retry
				if h.OnFailed != nil {
					verb := "undo"
					if redo {
						verb = "redo"
					}
					h.OnFailed(fmt.Errorf("%s %s: %w", verb, st.label, err))
				}
				return
			}
			h.stack.moved(st, redo)
			if h.OnMoved != nil {
				h.OnMoved(st, redo, note)
			}
		}
	})
}

// label names what Undo (redo: Redo) would do now, as the Edit menu and
// the toolbar show it: the unsaved edits first, then the archive's last
// step ("Undo Edit title of #12"); "" when there is nothing.
func (h *history) label(redo bool) string {
	verb := "Undo"
	if redo {
		verb = "Redo"
	}
	if h.localCan(redo) {
		return verb + " typing in the editor"
	}
	side := *h.stack.side(redo)
	if len(side) == 0 {
		return ""
	}
	return verb + " " + side[len(side)-1].label
}

// tip is the toolbar's tip for Undo (redo: Redo), with its key.
func (h *history) tip(redo bool) string {
	label, key, verb := h.label(redo), "Ctrl+Z", "undo"
	if redo {
		key, verb = "Ctrl+Y", "redo"
	}
	if label == "" {
		return "Nothing to " + verb
	}
	return label + " (" + key + ")"
}
