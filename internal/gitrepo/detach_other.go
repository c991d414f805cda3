//go:build !unix

package gitrepo

import "os/exec"

// detach leaves the process as it is where sessions do not exist; the
// timeout still kills git itself.
func detach(*exec.Cmd) {}
