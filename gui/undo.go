package gui

import "context"

// undoStep is one archive change that can be undone and redone: an in-cell
// edit, a bulk edit, a set change or a deletion. Both funcs run off the UI
// goroutine.
type undoStep struct {
	label string
	undo  func(ctx context.Context) error
	redo  func(ctx context.Context) error
}

// maxUndo bounds the archive undo stack.
const maxUndo = 100

// undoStack is the archive-level history (the editor keeps its own for the
// article it shows). Only the UI goroutine touches it.
type undoStack struct {
	past, future []undoStep
}

// push records a step that just happened; it drops the redo history.
func (s *undoStack) push(step undoStep) {
	s.past = append(s.past, step)
	if len(s.past) > maxUndo {
		s.past = s.past[len(s.past)-maxUndo:]
	}
	s.future = nil
}

func (s *undoStack) canUndo() bool { return len(s.past) > 0 }
func (s *undoStack) canRedo() bool { return len(s.future) > 0 }

// popUndo takes the step to undo; after running it, call undone.
func (s *undoStack) popUndo() (undoStep, bool) {
	if len(s.past) == 0 {
		return undoStep{}, false
	}
	step := s.past[len(s.past)-1]
	s.past = s.past[:len(s.past)-1]
	return step, true
}

// undone records that step was undone (so it can be redone).
func (s *undoStack) undone(step undoStep) { s.future = append(s.future, step) }

// popRedo takes the step to redo; after running it, call redone.
func (s *undoStack) popRedo() (undoStep, bool) {
	if len(s.future) == 0 {
		return undoStep{}, false
	}
	step := s.future[len(s.future)-1]
	s.future = s.future[:len(s.future)-1]
	return step, true
}

// redone records that step was redone.
func (s *undoStack) redone(step undoStep) { s.past = append(s.past, step) }
