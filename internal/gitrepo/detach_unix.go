//go:build unix

package gitrepo

import (
	"os/exec"
	"syscall"
)

// detach starts git in a session of its own, without a controlling terminal,
// so that ssh cannot ask for a passphrase or a host key on the terminal the
// app was started from (it fails with its message instead), and so that a
// timeout kills git together with the helpers it started.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
