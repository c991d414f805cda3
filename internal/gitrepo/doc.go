// Package gitrepo runs the user's own git command line on a linked folder
// that lives in a git working tree: status, diff, commit of selected files,
// pull and push.
//
// Git is run, never reimplemented: exec of the `git` binary picks up the
// user's configuration, hooks, credential helpers and SSH keys, so the app
// behaves exactly like the terminal. Every command runs with a timeout,
// without a terminal (GIT_TERMINAL_PROMPT=0, no controlling tty) so that a
// missing credential fails with git's message instead of hanging, and its
// output is captured and returned for display.
//
// Paths given to and returned by a Repo are relative to the folder it was
// found for (Repo.Dir), slash-separated, and taken literally (no glob
// patterns), so names with spaces, newlines or bytes that are not UTF-8
// round-trip unchanged.
package gitrepo
