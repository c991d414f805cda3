package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

// gitEnv makes git usable in a test: its own global configuration (a
// user name and e-mail) and no system one. It skips the test without git.
func gitEnv(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git command")
	}
	cfg := filepath.Join(t.TempDir(), "gitconfig")
	text := "[user]\n\tname = Test Curator\n\temail = curator@example.com\n[init]\n\tdefaultBranch = main\n"
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", cfg)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
}

// git runs git in dir and returns its output; failing unless ok says a
// failure is expected.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := gitRun(dir, args...)
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func gitRun(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// writeSeeds writes seed files (slash-separated names) under dir.
func writeSeeds(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// gitSeeds makes a git working tree holding three committed seed files.
func gitSeeds(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "seeds")
	writeSeeds(t, dir, map[string]string{
		"a.txt":     seed("Alpha article", "https://x.test/a", 10),
		"b.txt":     seed("Beta article", "https://x.test/b", 60),
		"sub/c.txt": seed("Gamma article", "https://x.test/c", 90) + "Body text.\n",
	})
	git(t, dir, "init", "-q")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "seeds")
	return dir
}

// listed is the --json list of an archive.
func (c *cli) listed() []listRow {
	c.t.Helper()
	out, _ := c.must(exitOK, "list", "--json", "--sort", "file")
	var rows []listRow
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var r listRow
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			c.t.Fatalf("%v: %s", err, line)
		}
		rows = append(rows, r)
	}
	return rows
}

// idOfFile is the id of the linked article of file.
func (c *cli) idOfFile(file string) string {
	c.t.Helper()
	for _, r := range c.listed() {
		if r.Folder != "" && r.File == file {
			return strconv.FormatInt(r.ID, 10)
		}
	}
	c.t.Fatalf("no article for %s", file)
	return ""
}

func TestLinkEditShowsOneLineInGitDiff(t *testing.T) {
	gitEnv(t)
	dir := gitSeeds(t)
	c := newCLI(t)
	c.must(exitOK, "import", seedDirOnly(t))
	out, _ := c.must(exitOK, "link", dir)
	if strings.TrimSpace(out) != "3 added, 0 changed, 0 removed, 0 refused" {
		t.Errorf("link printed %q", out)
	}
	rows := c.listed()
	linked := 0
	for _, r := range rows {
		if r.Folder != "" {
			linked++
			if !filepath.IsAbs(r.Folder) || strings.HasPrefix(r.File, "/") {
				t.Errorf("linked row: folder %q file %q", r.Folder, r.File)
			}
		}
	}
	if linked != 3 || len(rows) != 6 {
		t.Errorf("%d rows, %d linked; want 6 rows (3 imported), 3 linked", len(rows), linked)
	}
	table, _ := c.must(exitOK, "list")
	if n := strings.Count(table, " seeds                 2020"); n != 3 {
		t.Errorf("the table shows %d articles in seeds, clean, want 3:\n%s", n, table)
	}
	if n := strings.Count(table, " archive               2020"); n != 3 {
		t.Errorf("the table shows %d articles in the archive, want 3:\n%s", n, table)
	}
	c.must(exitOK, "edit", c.idOfFile("sub/c.txt"), "title=A better title")
	for _, r := range c.listed() {
		if want := map[bool]string{true: "modified"}[r.File == "sub/c.txt"]; r.Folder != "" && r.Git != want {
			t.Errorf("%s: git %q, want %q", r.File, r.Git, want)
		}
	}
	if out, _ := c.must(exitOK, "list", "--where", "git:modified"); !strings.Contains(out, " seeds      modified   2020") ||
		strings.Count(out, "\n") != 2 {
		t.Errorf("list --where git:modified:\n%s", out)
	}
	if got := git(t, dir, "diff", "--numstat"); got != "1\t1\tsub/c.txt\n" {
		t.Errorf("git diff --numstat: %q, want one line changed in sub/c.txt", got)
	}
	if got := git(t, dir, "status", "--porcelain"); got != " M sub/c.txt\n" {
		t.Errorf("git status: %q (a temporary file left?)", got)
	}
	out, _ = c.must(exitOK, "sync")
	if strings.TrimSpace(out) != "0 added, 0 changed, 0 removed, 0 refused" {
		t.Errorf("sync after the edit: %q", out)
	}
	out, _ = c.must(exitOK, "unlink", dir)
	if !strings.Contains(out, "3 articles forgotten") {
		t.Errorf("unlink: %q", out)
	}
	if rows := c.listed(); len(rows) != 3 {
		t.Errorf("%d rows after unlink, want the 3 imported", len(rows))
	}
	if got := git(t, dir, "status", "--porcelain"); got != " M sub/c.txt\n" {
		t.Errorf("unlink changed the files: %q", got)
	}
}

// seedDirOnly is the folder of seedDir's files.
func seedDirOnly(t *testing.T) string {
	dir, _ := seedDir(t)
	return dir
}

func TestSyncSeesSedRmAndNewFiles(t *testing.T) {
	gitEnv(t)
	if _, err := exec.LookPath("sed"); err != nil {
		t.Skip("no sed command")
	}
	dir := gitSeeds(t)
	c := newCLI(t)
	c.must(exitOK, "link", dir)
	if out, err := exec.Command("sed", "-i", "s/^title: \"Beta article\"/title: \"Beta, by sed\"/", filepath.Join(dir, "b.txt")).CombinedOutput(); err != nil {
		t.Fatalf("sed: %v\n%s", err, out)
	}
	if err := os.Remove(filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	writeSeeds(t, dir, map[string]string{
		"new/d.md":  seed("Delta article", "https://x.test/d", 5),
		"new/e.txt": seed("Epsilon article", "https://x.test/e", 7),
		"broken.md": "---\ntitle: [\n---\n",
	})
	out, errOut := c.must(exitPartial, "sync")
	if strings.TrimSpace(out) != "2 added, 1 changed, 1 removed, 1 refused" {
		t.Errorf("sync printed %q", out)
	}
	if !strings.HasPrefix(errOut, filepath.Join(dir, "broken.md")+":2: ") {
		t.Errorf("problems: %q, want PATH:LINE: reason", errOut)
	}
	var titles []string
	for _, r := range c.listed() {
		titles = append(titles, r.File+"="+r.Title)
	}
	want := "b.txt=Beta, by sed new/d.md=Delta article new/e.txt=Epsilon article sub/c.txt=Gamma article"
	if strings.Join(titles, " ") != want {
		t.Errorf("articles %q, want %q", titles, want)
	}
	// Any other command picks changes up first, and check lists the problem.
	if err := os.Remove(filepath.Join(dir, "new", "e.txt")); err != nil {
		t.Fatal(err)
	}
	out, errOut = c.must(exitOK, "check")
	if !strings.Contains(errOut, "0 added, 0 changed, 1 removed, 0 refused") ||
		!strings.Contains(out, filepath.Join(dir, "broken.md")+":2: ") {
		t.Errorf("check: stdout %q stderr %q", out, errOut)
	}
}

func TestTwoClonesShareEditsThroughGit(t *testing.T) {
	gitEnv(t)
	root := t.TempDir()
	origin := gitSeeds(t)
	bare := filepath.Join(root, "shared.git")
	git(t, root, "clone", "-q", "--bare", origin, bare)
	one, two := filepath.Join(root, "one"), filepath.Join(root, "two")
	git(t, root, "clone", "-q", bare, one)
	git(t, root, "clone", "-q", bare, two)
	c1, c2 := newCLI(t), newCLI(t)
	c1.must(exitOK, "link", one)
	c2.must(exitOK, "link", two)

	// An edit committed and pushed in one clone reaches the other.
	c1.must(exitOK, "edit", c1.idOfFile("a.txt"), "quality=77")
	git(t, one, "commit", "-qam", "quality of a")
	git(t, one, "push", "-q")
	git(t, two, "pull", "-q")
	out, _ := c2.must(exitOK, "sync")
	if strings.TrimSpace(out) != "0 added, 1 changed, 0 removed, 0 refused" {
		t.Errorf("sync after the pull: %q", out)
	}
	if out, _ := c2.must(exitOK, "list", "--json", "--where", "quality:77"); !strings.Contains(out, `"file":"a.txt"`) {
		t.Errorf("the pulled edit is not in the index: %q", out)
	}

	// The same field edited in both: the conflict is reported, nothing lost.
	c1.must(exitOK, "edit", c1.idOfFile("b.txt"), "title=Title from one")
	git(t, one, "commit", "-qam", "title of b in one")
	git(t, one, "push", "-q")
	id2 := c2.idOfFile("b.txt")
	c2.must(exitOK, "edit", id2, "title=Title from two")
	git(t, two, "commit", "-qam", "title of b in two")
	if out, err := gitRun(two, "pull", "-q", "--no-rebase"); err == nil {
		t.Fatalf("the pull merged without a conflict:\n%s", out)
	}
	out, errOut := c2.must(exitPartial, "sync")
	if strings.TrimSpace(out) != "0 added, 0 changed, 0 removed, 1 refused" ||
		!strings.Contains(errOut, filepath.Join(two, "b.txt")+":3: merge conflict") {
		t.Errorf("sync after the conflict: stdout %q stderr %q", out, errOut)
	}
	if out, _ := c2.must(exitOK, "show", id2); !strings.Contains(out, `title: "Title from two"`) {
		t.Errorf("the index lost this clone's title:\n%s", out)
	}
	data, err := os.ReadFile(filepath.Join(two, "b.txt"))
	if err != nil || !strings.Contains(string(data), "Title from one") || !strings.Contains(string(data), "Title from two") {
		t.Errorf("the conflicted file lost a side:\n%s", data)
	}
	_, errOut = c2.must(exitFatal, "edit", id2, "title=Overwrite")
	if !strings.Contains(errOut, "b.txt in linked folder "+two+": changed on disk") {
		t.Errorf("edit of the conflicted file: %q", errOut)
	}
	if after, _ := os.ReadFile(filepath.Join(two, "b.txt")); string(after) != string(data) {
		t.Error("the refused edit wrote the conflicted file")
	}
	// Resolving the conflict brings the file back.
	resolved := strings.Replace(seed("Beta article", "https://x.test/b", 60), "Beta article", "Title from both", 1)
	writeSeeds(t, two, map[string]string{"b.txt": resolved})
	git(t, two, "commit", "-qam", "merge")
	out, _ = c2.must(exitOK, "sync")
	if strings.TrimSpace(out) != "0 added, 1 changed, 0 removed, 0 refused" {
		t.Errorf("sync after resolving: %q", out)
	}
}

func TestDeletedIndexIsRebuiltByLinking(t *testing.T) {
	gitEnv(t)
	dir := gitSeeds(t)
	c := newCLI(t)
	c.must(exitOK, "link", dir)
	c.must(exitOK, "edit", c.idOfFile("a.txt"), "quality=42")
	before, _ := c.must(exitOK, "list", "--json", "--sort", "file")
	for _, side := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(c.db + side); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	c.must(exitOK, "link", dir)
	after, _ := c.must(exitOK, "list", "--json", "--sort", "file")
	if before != after {
		t.Errorf("rebuilt index lists\n%s\nwant\n%s", after, before)
	}
}

func TestLinkNameTemplate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "seeds")
	writeSeeds(t, dir, map[string]string{"a.txt": seed("A", "https://x.test/a", 1)})
	c := newCLI(t)
	_, errOut := c.must(exitUsage, "link", "--name", "{nope}.md", dir)
	if !strings.Contains(errOut, "unknown placeholder") {
		t.Errorf("bad template: %q", errOut)
	}
	c.must(exitOK, "link", "--name", "{provider.domain}/{slug}.md", dir)
	a, err := storage.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	folders, err := a.Folders(context.Background())
	if err != nil || len(folders) != 1 || folders[0].NameTemplate != "{provider.domain}/{slug}.md" {
		t.Errorf("folders %+v, %v", folders, err)
	}
}
