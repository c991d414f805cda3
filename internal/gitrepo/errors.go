package gitrepo

import (
	"errors"
	"strings"
)

// ErrNoGit is returned when the git command is not installed (not on PATH).
// Its text is a sentence a GUI can show on a disabled button.
var ErrNoGit = errors.New("git is not installed")

// ErrNotRepo is returned (wrapped) by Find for a folder that is not inside a
// git working tree.
var ErrNotRepo = errors.New("not inside a git working tree")

// ErrConflict is returned (wrapped, next to the *Error of the failed command)
// by Pull when the working tree is left with unmerged paths; Status then
// reports them as StateConflicted.
var ErrConflict = errors.New("merge conflict")

// Error is a git command that failed: its arguments, what it printed and why
// it stopped (an *exec.ExitError, or the context's error on a timeout).
type Error struct {
	Args   []string // git's arguments, without the leading "git"
	Output string   // what git printed, for display
	Err    error
}

// Error names the git subcommand, the cause and git's own message, which is
// the part a user can act on ("Permission denied (publickey)", "CONFLICT …").
func (e *Error) Error() string {
	cmd := "git"
	if len(e.Args) > 0 {
		cmd += " " + e.Args[0]
	}
	msg := cmd + ": " + e.Err.Error()
	if out := strings.TrimSpace(e.Output); out != "" {
		msg += ": " + out
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }
