package gui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// undoStep is one archive change that can be undone and redone: an in-cell
// edit, a bulk edit, a set change or a deletion. The funcs run off the UI
// goroutine; drop (optional) forgets what undo would need once the step
// leaves the history for good (a deletion's batch in the archive's trash).
type undoStep struct {
	label string
	undo  func(ctx context.Context) error
	redo  func(ctx context.Context) error
	drop  func(ctx context.Context) error
}

// maxUndo bounds the archive's history.
const maxUndo = 100

// undoStack is the steps of the archive's history (see history). Only the
// UI goroutine touches it.
type undoStack struct {
	past, future []undoStep
}

// push records a step that just happened; it drops the redo history and
// the oldest step beyond maxUndo, and returns the steps it dropped.
func (s *undoStack) push(step undoStep) (dropped []undoStep) {
	dropped = s.future
	s.past = append(s.past, step)
	if len(s.past) > maxUndo {
		dropped = append(dropped, s.past[:len(s.past)-maxUndo]...)
		s.past = slices.Clone(s.past[len(s.past)-maxUndo:])
	}
	s.future = nil
	return dropped
}

// reset empties the history (another archive, the window closing) and
// returns the steps it held.
func (s *undoStack) reset() (dropped []undoStep) {
	dropped = append(s.past, s.future...)
	s.past, s.future = nil, nil
	return dropped
}

// dropSteps runs the drop funcs of steps that left the history.
func dropSteps(ctx context.Context, steps []undoStep) error {
	var errs []error
	for _, st := range steps {
		if st.drop != nil {
			if err := st.drop(ctx); err != nil {
				errs = append(errs, fmt.Errorf("forget %s: %w", st.label, err))
			}
		}
	}
	return errors.Join(errs...)
}

func (s *undoStack) canUndo() bool { return len(s.past) > 0 }
func (s *undoStack) canRedo() bool { return len(s.future) > 0 }

// side is the steps to undo, or (redo) to redo.
func (s *undoStack) side(redo bool) *[]undoStep {
	if redo {
		return &s.future
	}
	return &s.past
}

// take removes the step to undo (redo: to redo) from the history; after
// running it, call moved, or putBack when it failed.
func (s *undoStack) take(redo bool) (undoStep, bool) {
	from := s.side(redo)
	n := len(*from)
	if n == 0 {
		return undoStep{}, false
	}
	step := (*from)[n-1]
	*from = (*from)[:n-1]
	return step, true
}

// moved records that step was undone (redo: redone), so it can go the
// other way next.
func (s *undoStack) moved(step undoStep, redo bool) { s.putBack(step, !redo) }

// putBack returns a step that failed to where take found it.
func (s *undoStack) putBack(step undoStep, redo bool) {
	to := s.side(redo)
	*to = append(*to, step)
}

// staleTrash is how old a batch in the archive's trash must be for opening
// the archive to empty it: left by a program that stopped without emptying
// its own (killed, crashed). A window keeps its undo steps no longer.
const staleTrash = 24 * time.Hour
