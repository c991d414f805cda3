package storage

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// gitEnv points git at a configuration of the test's own (a user, no
// system file), so the developer's settings change nothing; it skips the
// test without git.
func gitEnv(tb testing.TB) {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git is not installed")
	}
	cfg := filepath.Join(tb.TempDir(), "gitconfig")
	text := "[user]\n\tname = Test Curator\n\temail = curator@example.com\n[init]\n\tdefaultBranch = main\n"
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	tb.Setenv("GIT_CONFIG_GLOBAL", cfg)
	tb.Setenv("GIT_CONFIG_NOSYSTEM", "1")
}

// gitIn runs git in dir and fails the test when it fails, unless ok.
func gitIn(tb testing.TB, dir string, args ...string) string {
	tb.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// gitStates is every linked article's git state by file ("" when clean),
// read through List, and the git facet.
func gitStates(t *testing.T, a *Archive) (map[string]string, map[string]int) {
	t.Helper()
	rows, err := a.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]string{}
	for _, r := range rows {
		states[r.File] = r.Git
	}
	facet, err := a.Facet(ctx, "git", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, fc := range facet {
		counts[fc.Value] = fc.Count
	}
	return states, counts
}

// countOf counts the articles matching q.
func countOf(t *testing.T, a *Archive, q string) int {
	t.Helper()
	n, err := a.Count(ctx, q)
	if err != nil {
		t.Fatalf("Count(%q): %v", q, err)
	}
	return n
}

// TestGitStatusFollowsSyncsAndEdits checks that the git status of linked
// files is current after a link, an edit in the archive, outside changes
// and git commands, as rows, query terms and the facet.
func TestGitStatusFollowsSyncsAndEdits(t *testing.T) {
	gitEnv(t)
	root := t.TempDir()
	dir := filepath.Join(root, "seeds")
	writeFiles(t, dir, map[string]string{
		"a.txt": seed{title: "Alpha"}.text(),
		"b.txt": seed{title: "Beta"}.text(),
		"c.txt": seed{title: "Gamma"}.text(),
	})
	writeFiles(t, root, map[string]string{"outside.txt": seed{title: "Outside"}.text()})
	gitIn(t, root, "init", "-q")
	gitIn(t, root, "add", "-A")
	gitIn(t, root, "commit", "-qm", "seeds")

	a := openTest(t)
	if _, err := a.Link(ctx, dir, nil); err != nil {
		t.Fatal(err)
	}
	if ok, err := a.HasGitFolder(ctx); err != nil || !ok {
		t.Fatalf("HasGitFolder = %v, %v; want true", ok, err)
	}
	check := func(step string, want map[string]string) {
		t.Helper()
		states, counts := gitStates(t, a)
		if !reflect.DeepEqual(states, want) {
			t.Errorf("%s: states %v, want %v", step, states, want)
		}
		wantCounts := map[string]int{}
		clean := 0
		for _, s := range want {
			if s == "" {
				clean++
			} else {
				wantCounts[s]++
			}
		}
		if !reflect.DeepEqual(counts, wantCounts) {
			t.Errorf("%s: facet %v, want %v", step, counts, wantCounts)
		}
		for _, s := range GitStates {
			if n := countOf(t, a, "git:"+s); n != wantCounts[s] {
				t.Errorf("%s: git:%s counts %d, want %d", step, s, n, wantCounts[s])
			}
		}
		if n := countOf(t, a, "git:clean"); n != clean {
			t.Errorf("%s: git:clean counts %d, want %d", step, n, clean)
		}
	}
	check("linked", map[string]string{"a.txt": "", "b.txt": "", "c.txt": ""})

	// An edit in the archive writes the file: its status follows at once.
	if _, err := a.Edit(ctx, []int64{idOf(t, a, "a.txt")}, setTitle("Alpha edited")); err != nil {
		t.Fatal(err)
	}
	check("edited", map[string]string{"a.txt": "modified", "b.txt": "", "c.txt": ""})

	// Outside changes and git commands come in with a sync, also when no
	// file changed (git add).
	writeFiles(t, dir, map[string]string{"d.txt": seed{title: "Delta"}.text(), "b.txt": seed{title: "Beta sed"}.text()})
	sync := func() {
		t.Helper()
		if _, err := a.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}
	sync()
	check("outside", map[string]string{"a.txt": "modified", "b.txt": "modified", "c.txt": "", "d.txt": "untracked"})
	if rows, err := a.List(ctx, ListOptions{Sort: "git"}); err != nil || len(rows) != 4 ||
		rows[0].Git != "modified" || rows[1].Git != "modified" || rows[2].Git != "untracked" || rows[3].Git != "" {
		t.Errorf("sorted by git: %+v, %v", rows, err)
	}
	if fc, err := a.Facet(ctx, "git", "beta", 0); err != nil || !reflect.DeepEqual(fc, []FacetCount{{"modified", 1}}) {
		t.Errorf("git facet of beta: %v, %v", fc, err)
	}
	gitIn(t, dir, "add", "d.txt")
	sync()
	check("git add", map[string]string{"a.txt": "modified", "b.txt": "modified", "c.txt": "", "d.txt": "new"})

	// A new article is a new file; deleting one deletes it.
	if _, err := a.Delete(ctx, idOf(t, a, "c.txt")); err != nil {
		t.Fatal(err)
	}
	check("deleted", map[string]string{"a.txt": "modified", "b.txt": "modified", "d.txt": "new"})

	gitIn(t, root, "commit", "-qam", "all")
	sync()
	check("committed", map[string]string{"a.txt": "", "b.txt": "", "d.txt": ""})

	// Unlinking forgets the statuses with the articles.
	if _, err := a.Unlink(ctx, dir); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := a.db.QueryRow(`SELECT count(*) FROM git_status`).Scan(&n); err != nil || n != 0 {
		t.Errorf("git_status rows after unlink: %d, %v", n, err)
	}
}

// TestGitStatusConflicted lists a file left unmerged by a pull as
// conflicted, and a folder outside git as having no statuses.
func TestGitStatusConflicted(t *testing.T) {
	gitEnv(t)
	dir := filepath.Join(t.TempDir(), "seeds")
	writeFiles(t, dir, map[string]string{"a.txt": seed{title: "Alpha"}.text(), "b.txt": seed{title: "Beta"}.text()})
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-qm", "seeds")
	gitIn(t, dir, "checkout", "-qb", "other")
	writeFiles(t, dir, map[string]string{"a.txt": seed{title: "Alpha theirs"}.text()})
	gitIn(t, dir, "commit", "-qam", "theirs")
	gitIn(t, dir, "checkout", "-q", "main")
	writeFiles(t, dir, map[string]string{"a.txt": seed{title: "Alpha ours"}.text()})
	gitIn(t, dir, "commit", "-qam", "ours")

	a := openTest(t)
	if _, err := a.Link(ctx, dir, nil); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "merge", "-q", "other")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("merge did not conflict: %s", out)
	}
	res, err := a.Sync(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Reason != "merge conflict" {
		t.Errorf("problems %+v, want the conflict", res.Problems)
	}
	if n := countOf(t, a, "git:conflicted"); n != 1 {
		t.Errorf("git:conflicted counts %d, want 1", n)
	}
	row, err := a.Row(ctx, idOf(t, a, "a.txt"))
	if err != nil || row.Git != "conflicted" || row.Title != "Alpha ours" {
		t.Errorf("conflicted row: git %q, title %q, %v", row.Git, row.Title, err)
	}

	plain, _, _ := linkTest(t, map[string]string{"x.txt": seed{title: "X"}.text()})
	if ok, err := plain.HasGitFolder(ctx); err != nil || ok {
		t.Errorf("HasGitFolder outside git = %v, %v", ok, err)
	}
	if n := countOf(t, plain, "git:clean"); n != 0 {
		t.Errorf("git:clean outside git counts %d, want 0", n)
	}
}

// TestListStatMarksChangedOnDisk marks the rows whose file changed since
// it was indexed, only when asked, and not after the archive's own write.
func TestListStatMarksChangedOnDisk(t *testing.T) {
	a, dir, _ := linkTest(t, map[string]string{"a.txt": seed{title: "Alpha"}.text(), "b.txt": seed{title: "Beta"}.text()})
	imported := insert(t, a, seed{title: "Imported"})[0]
	if _, err := a.Edit(ctx, []int64{idOf(t, a, "a.txt")}, setTitle("Alpha edited")); err != nil {
		t.Fatal(err)
	}
	marked := func(stat bool) map[string]bool {
		t.Helper()
		rows, err := a.List(ctx, ListOptions{Stat: stat})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, r := range rows {
			if r.ChangedOnDisk {
				m[r.File] = true
			}
			if want := filepath.Base(dir); r.Folder != "" && r.Location() != want {
				t.Errorf("%s: location %q, want %q", r.File, r.Location(), want)
			}
			if r.ID == imported && r.Location() != "archive" {
				t.Errorf("imported: location %q, want archive", r.Location())
			}
		}
		return m
	}
	if m := marked(true); len(m) != 0 {
		t.Errorf("marked after the archive's own edit: %v", m)
	}
	writeFiles(t, dir, map[string]string{"b.txt": seed{title: "Beta outside"}.text()})
	if m := marked(true); !reflect.DeepEqual(m, map[string]bool{"b.txt": true}) {
		t.Errorf("marked after an outside change: %v, want b.txt", m)
	}
	if m := marked(false); len(m) != 0 {
		t.Errorf("marked without Stat: %v", m)
	}
	if rows, err := a.RowsByID(ctx, []int64{idOf(t, a, "a.txt"), idOf(t, a, "b.txt")}); err != nil ||
		len(rows) != 2 || rows[0].ChangedOnDisk || !rows[1].ChangedOnDisk {
		t.Errorf("RowsByID marks: %+v, %v", rows, err)
	}
	if _, err := a.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if m := marked(true); len(m) != 0 {
		t.Errorf("marked after a sync: %v", m)
	}
}
