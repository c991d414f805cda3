package gitrepo

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// rec joins porcelain v2 records the way -z writes them.
func rec(records ...string) []byte { return []byte(strings.Join(records, "\x00") + "\x00") }

const (
	h0 = "0000000000000000000000000000000000000000"
	h1 = "1111111111111111111111111111111111111111"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		name   string
		out    []byte
		prefix string
		want   Status
	}{
		{
			name: "branch headers",
			out: rec("# branch.oid "+h1, "# branch.head main", "# branch.upstream origin/main",
				"# branch.ab +2 -3", "# stash 1"),
			want: Status{Branch: "main", Upstream: "origin/main", Ahead: 2, Behind: 3},
		},
		{
			name: "detached head, no commit yet",
			out:  rec("# branch.oid (initial)", "# branch.head (detached)"),
			want: Status{},
		},
		{
			name: "every kind of change",
			out: rec(
				"1 .M N... 100644 100644 100644 "+h1+" "+h1+" seeds/mod.txt",
				"1 A. N... 000000 100644 100644 "+h0+" "+h1+" seeds/new.txt",
				"1 AM N... 000000 100644 100644 "+h0+" "+h1+" seeds/new-edited.txt",
				"1 .A N... 000000 000000 100644 "+h0+" "+h0+" seeds/intent.txt",
				"1 .D N... 100644 100644 000000 "+h1+" "+h1+" seeds/gone.txt",
				"1 D. N... 100644 000000 000000 "+h1+" "+h0+" seeds/removed.txt",
				"1 M. N... 100644 100644 100644 "+h1+" "+h1+" seeds/staged.txt",
				"1 .T N... 100644 100644 120000 "+h1+" "+h1+" seeds/type.txt",
				"2 R. N... 100644 100644 100644 "+h1+" "+h1+" R100 seeds/to.txt", "seeds/from.txt",
				"2 C. N... 100644 100644 100644 "+h1+" "+h1+" C100 seeds/copy.txt", "seeds/orig.txt",
				"u UU N... 100644 100644 100644 100644 "+h1+" "+h1+" "+h1+" seeds/both.txt",
				"u AA N... 000000 100644 100644 100644 "+h0+" "+h1+" "+h1+" seeds/added-both.txt",
				"? seeds/untracked.txt",
				"! seeds/ignored.txt",
			),
			prefix: "seeds/",
			want: Status{Changes: []Change{
				{Path: "added-both.txt", State: StateConflicted, Code: "AA"},
				{Path: "both.txt", State: StateConflicted, Code: "UU"},
				{Path: "copy.txt", OrigPath: "orig.txt", State: StateNew, Code: "C.", Staged: true},
				{Path: "gone.txt", State: StateDeleted, Code: ".D"},
				{Path: "intent.txt", State: StateNew, Code: ".A"},
				{Path: "mod.txt", State: StateModified, Code: ".M"},
				{Path: "new-edited.txt", State: StateNew, Code: "AM", Staged: true},
				{Path: "new.txt", State: StateNew, Code: "A.", Staged: true},
				{Path: "removed.txt", State: StateDeleted, Code: "D.", Staged: true},
				{Path: "staged.txt", State: StateModified, Code: "M.", Staged: true},
				{Path: "to.txt", OrigPath: "from.txt", State: StateRenamed, Code: "R.", Staged: true},
				{Path: "type.txt", State: StateModified, Code: ".T"},
				{Path: "untracked.txt", State: StateUntracked, Code: "??"},
			}},
		},
		{
			name: "names with spaces, newlines and bytes that are not UTF-8",
			out: rec(
				"1 .M N... 100644 100644 100644 "+h1+" "+h1+" a b  c.txt",
				"? line\nbreak.txt",
				"? bad\xff\xfename.txt",
				"2 R. N... 100644 100644 100644 "+h1+" "+h1+" R087 new\nname with space.txt", "old name\n.txt",
			),
			want: Status{Changes: []Change{
				{Path: "a b  c.txt", State: StateModified, Code: ".M"},
				{Path: "bad\xff\xfename.txt", State: StateUntracked, Code: "??"},
				{Path: "line\nbreak.txt", State: StateUntracked, Code: "??"},
				{Path: "new\nname with space.txt", OrigPath: "old name\n.txt", State: StateRenamed, Code: "R.", Staged: true},
			}},
		},
		{
			name: "rename into the folder from outside it",
			out: rec("2 R. N... 100644 100644 100644 "+h1+" "+h1+" R100 team/seeds/x.txt",
				"team/other/x.txt"),
			prefix: "team/seeds/",
			want: Status{Changes: []Change{
				{Path: "x.txt", OrigPath: "../other/x.txt", State: StateRenamed, Code: "R.", Staged: true},
			}},
		},
		{name: "nothing changed", out: nil, want: Status{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStatus(tt.out, tt.prefix)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseStatus:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseStatusRefusesMalformedOutput(t *testing.T) {
	tests := map[string][]byte{
		"unknown record kind":    rec("x what"),
		"too few fields":         rec("1 .M N... 100644 100644"),
		"rename without source":  rec("2 R. N... 100644 100644 100644 " + h1 + " " + h1 + " R100 to.txt"),
		"long code":              rec("1 .MM N... 100644 100644 100644 " + h1 + " " + h1 + " a"),
		"bad ahead/behind":       rec("# branch.ab +x -1"),
		"empty record in middle": []byte("? a\x00\x00? b\x00"),
	}
	for name, out := range tests {
		t.Run(name, func(t *testing.T) {
			if st, err := parseStatus(out, ""); err == nil {
				t.Errorf("parseStatus(%q) = %+v, want an error", out, st)
			}
		})
	}
}

func TestRelTo(t *testing.T) {
	tests := []struct{ prefix, path, want string }{
		{"", "a/b.txt", "a/b.txt"},
		{"seeds/", "seeds/b.txt", "b.txt"},
		{"seeds/", "other/b.txt", "../other/b.txt"},
		{"seeds/", "top.txt", "../top.txt"},
		{"a/b/", "a/c/d.txt", "../c/d.txt"},
		{"a/b/", "a/b/c/d.txt", "c/d.txt"},
		{"seeds/", "seedsx/b.txt", "../seedsx/b.txt"},
	}
	for _, tt := range tests {
		if got := relTo(tt.prefix, tt.path); got != tt.want {
			t.Errorf("relTo(%q, %q) = %q, want %q", tt.prefix, tt.path, got, tt.want)
		}
	}
}

func TestStateWords(t *testing.T) {
	for s := StateModified; s <= StateConflicted; s++ {
		got, ok := ParseState(s.String())
		if !ok || got != s {
			t.Errorf("ParseState(%q) = %v, %v; want %v", s.String(), got, ok, s)
		}
	}
	if s, ok := ParseState("added"); !ok || s != StateNew {
		t.Errorf(`ParseState("added") = %v, %v; want new`, s, ok)
	}
	if _, ok := ParseState("clean"); ok {
		t.Error(`ParseState("clean") succeeded`)
	}
	if got := State(0).String(); got != "unknown" {
		t.Errorf("State(0) = %q", got)
	}
}

// TestStatusInRepository runs git status on every kind of change, in a
// linked folder below the top-level, with awkward names.
func TestStatusInRepository(t *testing.T) {
	repo := newRepo(t)
	for _, name := range []string{"mod.txt", "gone.txt", "removed.txt", "from name.txt", "kept.txt"} {
		write(t, repo, "seeds/"+name, name+"\n")
	}
	write(t, repo, "outside.txt", "o\n")
	gitT(t, repo, "add", "-A")
	gitT(t, repo, "commit", "-q", "-m", "seeds")

	write(t, repo, "seeds/mod.txt", "changed\n")
	write(t, repo, "outside.txt", "changed\n")
	write(t, repo, "seeds/new.txt", "n\n")
	gitT(t, repo, "add", "seeds/new.txt")
	write(t, repo, "seeds/with space.txt", "u\n")
	write(t, repo, "seeds/line\nbreak.txt", "u\n")
	write(t, repo, "seeds/bad\xffname.txt", "u\n")
	write(t, repo, "seeds/sub dir/deep.txt", "u\n")
	write(t, repo, "seeds/ignored.log", "i\n")
	write(t, repo, ".gitignore", "*.log\n")
	gitT(t, repo, "rm", "-q", "seeds/removed.txt")
	if err := removeFile(repo, "seeds/gone.txt"); err != nil {
		t.Fatal(err)
	}
	gitT(t, repo, "mv", "seeds/from name.txt", "seeds/to\nname.txt")

	r := find(t, repo+"/seeds")
	st, err := r.Status(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Change{}
	for _, c := range st.Changes {
		got[c.Path] = c
	}
	want := map[string]State{
		"mod.txt":          StateModified,
		"new.txt":          StateNew,
		"with space.txt":   StateUntracked,
		"line\nbreak.txt":  StateUntracked,
		"bad\xffname.txt":  StateUntracked,
		"sub dir/deep.txt": StateUntracked,
		"removed.txt":      StateDeleted,
		"gone.txt":         StateDeleted,
		"to\nname.txt":     StateRenamed,
	}
	if len(got) != len(want) {
		t.Errorf("Status lists %d paths, want %d: %+v", len(got), len(want), st.Changes)
	}
	for p, s := range want {
		if got[p].State != s {
			t.Errorf("%q: state %v, want %v", p, got[p].State, s)
		}
	}
	if c := got["to\nname.txt"]; c.OrigPath != "from name.txt" ||
		!reflect.DeepEqual(c.Paths(), []string{"to\nname.txt", "from name.txt"}) {
		t.Errorf("rename: OrigPath %q, Paths %q", c.OrigPath, c.Paths())
	}
	if st.Branch != "main" {
		t.Errorf("Branch = %q, want main", st.Branch)
	}
}

// TestStatusOf lists the changes of the named paths only, across more
// paths than one command takes.
func TestStatusOf(t *testing.T) {
	repo := newRepo(t)
	write(t, repo, "seeds/a.txt", "a\n")
	write(t, repo, "seeds/b.txt", "b\n")
	gitT(t, repo, "add", "-A")
	gitT(t, repo, "commit", "-q", "-m", "seeds")
	write(t, repo, "seeds/a.txt", "changed\n")
	write(t, repo, "seeds/b.txt", "changed\n")
	write(t, repo, "seeds/new file.txt", "n\n")

	r := find(t, repo+"/seeds")
	paths := []string{"a.txt", "new file.txt", "missing.txt"}
	for i := range statusPaths {
		paths = append(paths, fmt.Sprintf("none-%d.txt", i))
	}
	st, err := r.StatusOf(t.Context(), paths)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range st.Changes {
		got = append(got, c.Path+"="+c.State.String())
	}
	want := []string{"a.txt=modified", "new file.txt=untracked"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("StatusOf = %q, want %q", got, want)
	}
	if st, err := r.StatusOf(t.Context(), nil); err != nil || len(st.Changes) != 0 {
		t.Errorf("StatusOf(nil) = %+v, %v", st, err)
	}
}
