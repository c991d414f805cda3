package gui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/storage"
)

// gitEnv points git at a configuration of the test's own (the developer's
// signing, hooks or pull.rebase change nothing) and skips without git.
func gitEnv(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	global := filepath.Join(dir, "gitconfig")
	cfg := "[user]\n\tname = Test Curator\n\temail = curator@example.org\n[init]\n\tdefaultBranch = main\n"
	if err := os.WriteFile(global, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "system"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", global)
	t.Setenv("GIT_CONFIG_SYSTEM", filepath.Join(dir, "system"))
}

// git runs git in dir and returns its output.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// The Git panel of a linked clone lists the changed file with its state
// and diff, commits the checked files and pushes them to the remote.
func TestGitPanelCommitAndPush(t *testing.T) {
	gitEnv(t)
	root := t.TempDir()
	remote := filepath.Join(root, "remote.git")
	git(t, root, "init", "--bare", "-q", remote)
	clone := filepath.Join(root, "clone")
	git(t, root, "clone", "-q", remote, clone)
	writeSeed(t, clone, "a.txt", 101, "Linked one")
	git(t, clone, "add", "a.txt")
	git(t, clone, "commit", "-q", "-m", "first")
	git(t, clone, "push", "-q", "-u", "origin", "main")

	h := newHarness(t, nil)
	h.w.linked.linkFolder(clone)
	h.settle()
	test.Tap(h.overlayButton("Close"))
	writeSeed(t, clone, "a.txt", 101, "Edited and committed")
	h.settle()

	g := newGitPanel(h.w.linked, mustFolders(t, h))
	g.dialog.Show()
	h.settle()
	if got := g.branch.Text; !strings.Contains(got, "Branch main") || !strings.Contains(got, "0 to push, 0 to pull (origin/main)") {
		t.Errorf("branch line %q", got)
	}
	if len(g.status.Changes) != 1 || g.status.Changes[0].Path != "a.txt" || g.status.Changes[0].State.String() != "modified" {
		t.Fatalf("changes %+v", g.status.Changes)
	}
	g.list.Select(0)
	var diff strings.Builder
	for _, s := range g.diff.Segments {
		diff.WriteString(s.(*widget.TextSegment).Text + "\n")
	}
	if !strings.Contains(diff.String(), `-title: "Linked one"`) || !strings.Contains(diff.String(), `+title: "Edited and committed"`) {
		t.Errorf("diff:\n%s", diff.String())
	}
	if g.commit.Disabled() || g.push.Disabled() || g.pull.Disabled() {
		t.Fatal("git buttons disabled in a working tree with an upstream")
	}

	test.Tap(g.commit)
	h.settle()
	test.Type(h.w.win.Canvas().Focused(), "Edit the title")
	test.Tap(h.overlayButton("Commit"))
	h.settle()
	if log := git(t, clone, "log", "--format=%s", "-1"); strings.TrimSpace(log) != "Edit the title" {
		t.Errorf("last commit %q", log)
	}
	if len(g.status.Changes) != 0 || !strings.Contains(g.branch.Text, "1 to push") {
		t.Errorf("after the commit: %q, %d changes", g.branch.Text, len(g.status.Changes))
	}
	test.Tap(g.push)
	h.settle()
	if !strings.Contains(g.branch.Text, "0 to push") {
		t.Errorf("after the push: %q (output %q)", g.branch.Text, g.output.Text)
	}
	if log := git(t, remote, "log", "--format=%s", "-1", "main"); strings.TrimSpace(log) != "Edit the title" {
		t.Errorf("remote's last commit %q", log)
	}

	// Another curator's commit comes in with Pull and shows in the table.
	other := filepath.Join(root, "other")
	git(t, root, "clone", "-q", remote, other)
	writeSeed(t, other, "a.txt", 101, "From the other clone")
	git(t, other, "commit", "-q", "-am", "other")
	git(t, other, "push", "-q")
	test.Tap(g.pull)
	h.settle()
	drainUntil(t, h.q, func() bool { return h.shows("From the other clone") })
	if g.output.Importance == widget.DangerImportance {
		t.Errorf("pull failed: %s", g.output.Text)
	}
}

// For a linked folder outside a git working tree the panel says why and
// its buttons are disabled.
func TestGitPanelOutsideAWorkingTree(t *testing.T) {
	gitEnv(t)
	h := newHarness(t, nil)
	dir := t.TempDir()
	writeSeed(t, dir, "a.txt", 101, "Linked one")
	h.w.linked.linkFolder(dir)
	h.settle()
	test.Tap(h.overlayButton("Close"))

	g := newGitPanel(h.w.linked, mustFolders(t, h))
	g.dialog.Show()
	h.settle()
	if !g.reason.Visible() || !strings.Contains(g.reason.Text, "not inside a git working tree") {
		t.Errorf("reason %q (visible %v)", g.reason.Text, g.reason.Visible())
	}
	if !g.commit.Disabled() || !g.pull.Disabled() || !g.push.Disabled() {
		t.Error("git buttons enabled outside a working tree")
	}
}

func mustFolders(t *testing.T, h *harness) []storage.Folder {
	t.Helper()
	fs, err := h.arc.Folders(context.Background())
	if err != nil || len(fs) == 0 {
		t.Fatalf("folders %v, %v", fs, err)
	}
	return fs
}
