package gitrepo

// State is a changed path's git status, one word per path for a column or a
// facet (git:modified).
type State uint8

// The states, from git's two-letter status code (see Change.Code).
const (
	StateModified   State = iota + 1 // content or mode differs from HEAD
	StateNew                         // added to the index, not yet in HEAD
	StateUntracked                   // in the folder, unknown to git
	StateDeleted                     // in HEAD, gone from the folder or the index
	StateRenamed                     // moved, staged as a rename (OrigPath set)
	StateConflicted                  // unmerged: a merge or rebase stopped on it
)

var stateNames = [...]string{
	StateModified:   "modified",
	StateNew:        "new",
	StateUntracked:  "untracked",
	StateDeleted:    "deleted",
	StateRenamed:    "renamed",
	StateConflicted: "conflicted",
}

// String returns the state's word: modified, new, untracked, deleted,
// renamed or conflicted.
func (s State) String() string {
	if int(s) < len(stateNames) && stateNames[s] != "" {
		return stateNames[s]
	}
	return "unknown"
}

// ParseState is String's inverse; it also takes "added" for StateNew, git's
// own word in `git status --short`.
func ParseState(word string) (State, bool) {
	if word == "added" {
		return StateNew, true
	}
	for s, name := range stateNames {
		if name != "" && name == word {
			return State(s), true
		}
	}
	return 0, false
}

// stateOf maps git's XY code (X: index against HEAD, Y: worktree against the
// index) to one State. A deletion anywhere wins, because the file is gone
// from the folder or about to be; then a new file, however edited since.
func stateOf(kind byte, xy string) State {
	x, y := xy[0], xy[1]
	switch {
	case kind == 'u':
		return StateConflicted
	case kind == '?':
		return StateUntracked
	case kind == '2' && x == 'R':
		return StateRenamed
	case kind == '2': // a copy: a new file with an existing file's content
		return StateNew
	case x == 'D' || y == 'D':
		return StateDeleted
	case x == 'A' || y == 'A': // y == 'A': added with --intent-to-add
		return StateNew
	default:
		return StateModified
	}
}
