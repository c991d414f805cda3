package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

// TestFacet runs seedctl facet over the three seeds of seedDir, two of
// them in the set Reading and two in the smart set Best.
func TestFacet(t *testing.T) {
	c := newCLI(t)
	dir, _ := seedDir(t)
	c.must(exitOK, "import", dir)
	c.must(exitOK, "edit", "3", "topics+=Neuroscience", "published=yes")
	c.must(exitOK, "set", "add", "Reading", "1", "2")
	c.must(exitOK, "set", "save", "Best", "quality:>=60")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string // the whole output, when not ""
		stderr string // part of stderr
	}{
		{name: "every section", args: nil, stdout: `set
  Best              2
  Reading           2
topic
  AI                3
  Machine Learning  3
  Neuroscience      1
provider
  Medical Xpress    3
category
  news              3
type
  article           3
published
  no                2
  yes               1
`},
		{name: "a query, named sections in their order, a set with none", args: []string{"--where", "quality:<50", "published", "sets"}, stdout: `published
  no       1
set
  Best     0
  Reading  1
`},
		{name: "limit", args: []string{"--limit", "1", "topic", "published"}, stdout: `topic
  AI  3
  … 2 more
published
  no  2
  … 1 more
`},
		{name: "plurals, repeats and case", args: []string{"Topics", "topic", "categories"}, stdout: `topic
  AI                3
  Machine Learning  3
  Neuroscience      1
category
  news              3
`},
		{name: "domain and a named empty section", args: []string{"domain", "git"}, stdout: "domain\n  medicalxpress.com  3\ngit\n"},
		{name: "json", args: []string{"--json", "--where", "neuroscience", "set", "topic"}, stdout: `{"section":"set","value":"Best","count":1,"smart":true}
{"section":"set","value":"Reading","count":0}
{"section":"topic","value":"AI","count":1}
{"section":"topic","value":"Machine Learning","count":1}
{"section":"topic","value":"Neuroscience","count":1}
`},
		{name: "json with a limit", args: []string{"--json", "--limit", "1", "type"}, stdout: `{"section":"type","value":"article","count":3}
`},
		{name: "unknown section", args: []string{"colour"}, code: exitUsage, stderr: `seedctl facet: unknown section "colour" (want one of topic, provider, domain, category, type, published, set, git)`},
		{name: "a query without --where", args: []string{"topic:AI"}, code: exitUsage, stderr: `seedctl facet: unexpected argument "topic:AI" (a query goes in --where QUERY, quoted)`},
		{name: "bad query", args: []string{"--where", "quality:>"}, code: exitUsage, stderr: "seedctl: bad query: col 10"},
		{name: "negative limit", args: []string{"--limit", "-1"}, code: exitUsage, stderr: "--limit must be at least 0"},
		{name: "bad flag", args: []string{"--bogus"}, code: exitUsage, stderr: "flag provided but not defined: -bogus"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := c.run(append([]string{"facet"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if tc.stdout != "" && out != tc.stdout {
				t.Errorf("stdout\n%s\nwant\n%s", out, tc.stdout)
			}
			if tc.code != exitOK && out != "" {
				t.Errorf("a refused call printed %q", out)
			}
			if !strings.Contains(errOut, tc.stderr) {
				t.Errorf("stderr %q, want %q in it", errOut, tc.stderr)
			}
		})
	}
}

// TestFacetCountsAsTheSidebar: every section facet prints, by default and
// with a query, is what storage.CountFacetSections (the sidebar's exact
// counts) gives, value for value.
func TestFacetCountsAsTheSidebar(t *testing.T) {
	c := newCLI(t)
	c.must(exitOK, "import", filepath.Join("..", "..", "assets", "samples"))
	c.must(exitOK, "set", "add", "Reading", "1", "2", "3")
	c.must(exitOK, "set", "save", "Best", "quality:>80")
	for _, q := range []string{"", "brain", "-topic:AI date:>=2020"} {
		out, _ := c.must(exitOK, "facet", "--json", "--where", q)
		got := map[string][]storage.FacetCount{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var j facetJSON
			if err := json.Unmarshal([]byte(line), &j); err != nil {
				t.Fatalf("%v: %s", err, line)
			}
			got[j.Section] = append(got[j.Section], storage.FacetCount{Value: j.Value, Count: j.Count})
		}
		a, err := storage.Open(c.db)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := storage.CountFacetSections(context.Background(), a, storage.SidebarFacets, q)
		a.Close()
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range storage.SidebarFacets {
			if !reflect.DeepEqual(got[f], want[i]) {
				t.Errorf("%q: section %s prints %v, the sidebar counts %v", q, f, got[f], want[i])
			}
		}
	}
}

// TestFacetShowsGitWithAGitFolder: the git section prints while the
// archive has a linked folder in git (clean files: no values), counts
// the changed files, and stays out for an archive without one.
func TestFacetShowsGitWithAGitFolder(t *testing.T) {
	gitEnv(t)
	plain := newCLI(t)
	dir, _ := seedDir(t)
	plain.must(exitOK, "import", dir)
	if out, _ := plain.must(exitOK, "facet", "published"); out != "published\n  no  3\n" {
		t.Fatalf("published: %q", out)
	}
	if out, _ := plain.must(exitOK, "facet"); strings.Contains(out, "git\n") {
		t.Errorf("git section without a git folder:\n%s", out)
	}

	c := newCLI(t)
	seeds := gitSeeds(t)
	c.must(exitOK, "link", seeds)
	if out, _ := c.must(exitOK, "facet"); !strings.HasSuffix(out, "  3\ngit\n") {
		t.Errorf("a clean git folder: want an empty git section last:\n%s", out)
	}
	if err := os.WriteFile(filepath.Join(seeds, "d.txt"), []byte(seed("Delta", "https://x.test/d", 5)), 0o644); err != nil {
		t.Fatal(err)
	}
	c.must(exitOK, "edit", c.idOfFile("a.txt"), "title=Alpha, edited")
	if out, _ := c.must(exitOK, "facet", "git"); out != "git\n  modified   1\n  untracked  1\n" {
		t.Errorf("git section:\n%s", out)
	}
}
