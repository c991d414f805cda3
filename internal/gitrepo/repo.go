package gitrepo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Timeouts a Repo starts with; a caller's context may end a command sooner.
const (
	// DefaultTimeout bounds a local command (status, diff, commit): they read
	// the disk only, so anything longer means git is stuck (a lock, a hook).
	DefaultTimeout = 2 * time.Minute
	// DefaultRemoteTimeout bounds pull and push, which wait on the network.
	DefaultRemoteTimeout = 10 * time.Minute
)

// Repo is a folder inside a git working tree, found by Find. It keeps no
// state between calls, so its methods may be called from any goroutine; the
// commands that write (Commit, Pull) take git's index lock, so run those one
// at a time.
type Repo struct {
	// Dir is the folder paths are relative to, absolute and cleaned.
	Dir string
	// Top is the working tree's top-level directory as git reports it.
	Top string
	// Prefix is Dir relative to Top, slash-separated, with a trailing slash
	// ("seeds/"), or "" when Dir is the top-level.
	Prefix string

	// Timeout bounds each local command, RemoteTimeout each pull or push.
	Timeout, RemoteTimeout time.Duration

	git string // the git executable found on PATH
}

// gitEnv is added to the user's environment for every command: no prompt for
// a username or password (a missing credential fails instead of hanging), no
// editor for a merge commit, and no optional lock that would make a
// background status collide with the user's own git in a terminal.
var gitEnv = []string{
	"GIT_TERMINAL_PROMPT=0",
	"GCM_INTERACTIVE=never",
	"GIT_MERGE_AUTOEDIT=no",
	"GIT_OPTIONAL_LOCKS=0",
}

// repoEnv names the variables that point git at a repository, an index or
// a working tree. They are dropped from the environment git inherits: set by
// a hook or a script that started the app, they would make every command act
// on that repository instead of the linked folder's.
var repoEnv = map[string]bool{
	"GIT_DIR": true, "GIT_WORK_TREE": true, "GIT_INDEX_FILE": true, "GIT_COMMON_DIR": true,
	"GIT_OBJECT_DIRECTORY": true, "GIT_ALTERNATE_OBJECT_DIRECTORIES": true,
	"GIT_IMPLICIT_WORK_TREE": true, "GIT_PREFIX": true, "GIT_NAMESPACE": true,
	"GIT_SHALLOW_FILE": true, "GIT_GRAFT_FILE": true,
}

// environ returns the user's environment without repoEnv, plus gitEnv.
func environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !repoEnv[name] {
			env = append(env, kv)
		}
	}
	return append(env, gitEnv...)
}

// call is one git command: its arguments, its standard input and whether
// standard error goes into the same buffer as standard output (for commands
// whose output is shown to the user as git printed it).
type call struct {
	args     []string
	stdin    []byte
	combined bool
	remote   bool  // bounded by RemoteTimeout instead of Timeout
	okExit   []int // exit codes that are not failures (diff --no-index: 1)
}

// run runs git in Dir. It returns standard output (or the combined output)
// and, on failure, an *Error carrying what git printed.
func (r *Repo) run(ctx context.Context, c call) ([]byte, error) {
	timeout := r.Timeout
	if c.remote {
		timeout = r.RemoteTimeout
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	// Pathspecs are literal so a file named "*.md" or ":x" means itself; color
	// is off because the output is shown outside a terminal.
	args := append([]string{"--literal-pathspecs", "-c", "color.ui=never"}, c.args...)
	cmd := exec.CommandContext(ctx, r.git, args...)
	cmd.Dir = r.Dir
	cmd.Env = environ()
	if c.stdin != nil {
		cmd.Stdin = bytes.NewReader(c.stdin)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &errOut
	if c.combined {
		cmd.Stderr = &out
	}
	detach(cmd)
	// A helper git started (ssh, a credential helper) may keep the output pipe
	// open after git is killed; stop waiting for it shortly after.
	cmd.WaitDelay = 2 * time.Second

	err := cmd.Run()
	if err == nil {
		return out.Bytes(), nil
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) && ctx.Err() == nil {
		for _, code := range c.okExit {
			if exit.ExitCode() == code {
				return out.Bytes(), nil
			}
		}
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		if errors.Is(ctxErr, context.DeadlineExceeded) {
			err = fmt.Errorf("timed out after %s: %w", timeout, ctxErr)
		} else {
			err = ctxErr
		}
	}
	shown := errOut.String()
	if c.combined {
		shown = out.String()
	}
	return out.Bytes(), &Error{Args: c.args, Output: shown, Err: err}
}

// isExit reports whether err is a process that exited with code.
func isExit(err error, code int) bool {
	var exit *exec.ExitError
	return errors.As(err, &exit) && exit.ExitCode() == code
}
