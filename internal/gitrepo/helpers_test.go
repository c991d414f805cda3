package gitrepo

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain points git at configuration files of the test's own, so the
// developer's settings (signing, hooks, aliases, pull.rebase) change nothing.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gitrepo-config-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	global := filepath.Join(dir, "gitconfig")
	system := filepath.Join(dir, "gitconfig-system")
	cfg := "[user]\n\tname = Test Curator\n\temail = curator@example.org\n" +
		"[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n"
	err = os.WriteFile(global, []byte(cfg), 0o644)
	if err == nil {
		err = os.WriteFile(system, nil, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("GIT_CONFIG_GLOBAL", global)
	os.Setenv("GIT_CONFIG_SYSTEM", system)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// needGit skips a test that runs git on a machine without it.
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
}

// gitT runs git in dir and fails the test when it fails.
func gitT(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}

// newRepo makes a repository with one commit holding README.
func newRepo(t *testing.T) string {
	t.Helper()
	needGit(t)
	dir := t.TempDir()
	gitT(t, dir, "init", "-q")
	write(t, dir, "README", "readme\n")
	gitT(t, dir, "add", "README")
	gitT(t, dir, "commit", "-q", "-m", "start")
	return dir
}

// clones makes a bare repository with one commit holding the given files and
// two clones of it, a and b.
func clones(t *testing.T, files map[string]string) (a, b string) {
	t.Helper()
	needGit(t)
	root := t.TempDir()
	bare := filepath.Join(root, "shared.git")
	gitT(t, root, "init", "-q", "--bare", bare)
	a, b = filepath.Join(root, "a"), filepath.Join(root, "b")
	gitT(t, root, "clone", "-q", bare, a)
	for name, content := range files {
		write(t, a, name, content)
	}
	gitT(t, a, "add", "-A")
	gitT(t, a, "commit", "-q", "-m", "seeds")
	gitT(t, a, "push", "-q", "-u", "origin", "main")
	gitT(t, root, "clone", "-q", bare, b)
	return a, b
}

// write writes content to dir/rel, making directories as needed.
func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// read returns the content of dir/rel.
func read(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// find is Find that fails the test on an error.
func find(t *testing.T, dir string) *Repo {
	t.Helper()
	r, err := Find(dir)
	if err != nil {
		t.Fatalf("Find(%s): %v", dir, err)
	}
	return r
}

// states returns a Status's changes as path -> state word.
func states(t *testing.T, r *Repo) map[string]string {
	t.Helper()
	st, err := r.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, c := range st.Changes {
		m[c.Path] = c.State.String()
	}
	return m
}

// removeFile deletes dir/rel.
func removeFile(dir, rel string) error {
	return os.Remove(filepath.Join(dir, filepath.FromSlash(rel)))
}
