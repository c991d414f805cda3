package transfer

import (
	"context"
	"math/rand/v2"
	"path"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestParseNameTemplate(t *testing.T) {
	bad := []string{"", "{nope}", "{slug", "a}b", "{id:x}"}
	for _, s := range bad {
		if _, err := ParseNameTemplate(s); err == nil {
			t.Errorf("ParseNameTemplate(%q): no error", s)
		}
	}
	tm, err := ParseNameTemplate("{{lit}}-{date:2006}/{slug}")
	if err != nil {
		t.Fatal(err)
	}
	f := nameFields{Title: "Hello, World", PublishedAt: "2021-03-04T05:06:07Z"}
	if got := tm.render(0, &f); got != "{lit}-2021/hello-world" {
		t.Errorf("render = %q", got)
	}
	f.PublishedAt = ""
	if got := tm.render(0, &f); got != "{lit}-undated/hello-world" {
		t.Errorf("render undated = %q", got)
	}
}

func TestSanitizePath(t *testing.T) {
	tests := map[string]string{
		"a/b.txt":                         "a/b.txt",
		"../../x.txt":                     "_/_/x.txt",
		"/abs/x.txt":                      "abs/x.txt",
		`c:\win\x.txt`:                    "c_/win/x.txt",
		"a//./b.txt":                      "a/b.txt",
		"con.txt":                         "_con.txt",
		"LPT1":                            "_LPT1",
		"what?<>|*.txt":                   "what_____.txt",
		"trailing. ":                      "trailing",
		"":                                "_",
		"ctl\x01.txt":                     "ctl_.txt",
		strings.Repeat("é", 150) + ".txt": strings.Repeat("é", 98) + ".txt",
	}
	for in, want := range tests {
		if got := SanitizePath(in); got != want {
			t.Errorf("SanitizePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Deep learning: a survey!":  "deep-learning-a-survey",
		"  --  ":                    "untitled",
		"Ünïcode Ñame 2":            "ünïcode-ñame-2",
		strings.Repeat("word ", 40): strings.TrimSuffix(strings.Repeat("word-", 16), "-"),
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// namerStores are the nameStores a namer is tested with.
func namerStores(t *testing.T) map[string]func() nameStore {
	return map[string]func() nameStore{
		"memory": func() nameStore { return newMemNames() },
		"scratch file": func() nameStore {
			ps, err := openPlanStore(context.Background(), filepath.Join(t.TempDir(), "plan.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(ps.close)
			return diskNames{ctx: context.Background(), ps: ps}
		},
	}
}

func TestNamerCollisions(t *testing.T) {
	for kind, store := range namerStores(t) {
		t.Run(kind, func(t *testing.T) {
			n, err := newNamer(store(), manifestName)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, name := range []string{"a.txt", "A.txt", "a.txt", "manifest.json", "dir/x", "dir", "noext", "noext",
				"news", "news/a", "News/b", "news/a", "news-2", "a.txt/inside", "x/news/c"} {
				u, err := n.unique(name)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, u)
			}
			want := []string{"a.txt", "A-2.txt", "a-3.txt", "manifest-2.json", "dir/x", "dir-2", "noext", "noext-2",
				// A folder whose name a file took moves to "-2", with all it holds.
				"news", "news-2/a", "news-2/b", "news-2/a-2", "news-2-2", "a.txt-2/inside", "x/news/c"}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %q\nwant %q", got, want)
			}
		})
	}
}

// TestNamerMatchesMaps names many colliding files and folders, in many
// more folders than the namer caches (a cache of 64 here), with each
// store, and compares the names with those of the namer that kept every
// name in maps (refNamer, the namer before the names moved to the scratch
// file): the exported names must not change.
func TestNamerMatchesMaps(t *testing.T) {
	defer func(n int) { maxDirCache = n }(maxDirCache)
	maxDirCache = 64
	rng := rand.New(rand.NewPCG(3, 4))
	elems := []string{"a", "A", "b", "b-2", "x.txt", "X.txt", "x-2.txt", "n", "N-2"}
	names := make([]string, 0, 4000)
	for range cap(names) {
		var parts []string
		for range rng.IntN(3) {
			parts = append(parts, elems[rng.IntN(len(elems))])
		}
		if rng.IntN(3) == 0 { // many folders: the cache is cleared
			parts = append(parts, strconv.Itoa(rng.IntN(500)))
		}
		names = append(names, strings.Join(append(parts, elems[rng.IntN(len(elems))]), "/"))
	}
	ref := newRefNamer(manifestName)
	want := make([]string, len(names))
	for i, name := range names {
		want[i] = ref.unique(name)
	}
	for kind, store := range namerStores(t) {
		t.Run(kind, func(t *testing.T) {
			n, err := newNamer(store(), manifestName)
			if err != nil {
				t.Fatal(err)
			}
			for i, name := range names {
				got, err := n.unique(name)
				if err != nil {
					t.Fatal(err)
				}
				if got != want[i] {
					t.Fatalf("name %d %q: got %q, want %q", i, name, got, want[i])
				}
			}
		})
	}
}

// refNamer is the namer as it was with its names in maps.
type refNamer struct {
	files, dirs map[string]bool
	renamed     map[string]string
}

func newRefNamer(reserved ...string) *refNamer {
	n := &refNamer{files: map[string]bool{}, dirs: map[string]bool{}, renamed: map[string]string{}}
	for _, r := range reserved {
		n.files[strings.ToLower(r)] = true
	}
	return n
}

func (n *refNamer) unique(name string) string {
	elems := strings.Split(name, "/")
	dir := ""
	for _, e := range elems[:len(elems)-1] {
		d := dir + e
		if to, ok := n.renamed[strings.ToLower(d)]; ok {
			d = to
		} else if n.files[strings.ToLower(d)] {
			alt := d
			for i := 2; n.files[strings.ToLower(alt)]; i++ {
				alt = d + "-" + strconv.Itoa(i)
			}
			n.renamed[strings.ToLower(d)] = alt
			d = alt
		}
		n.dirs[strings.ToLower(d)] = true
		dir = d + "/"
	}
	file := elems[len(elems)-1]
	ext := path.Ext(file)
	if ext == file {
		ext = ""
	}
	stem := strings.TrimSuffix(file, ext)
	cand := dir + file
	for i := 2; n.files[strings.ToLower(cand)] || n.dirs[strings.ToLower(cand)]; i++ {
		cand = dir + stem + "-" + strconv.Itoa(i) + ext
	}
	n.files[strings.ToLower(cand)] = true
	return cand
}

// memNames is a nameStore in memory, the reference the scratch file's
// (diskNames) is compared with.
type memNames struct {
	files, dirs map[string]bool
	renamed     map[string]string
}

func newMemNames() *memNames {
	return &memNames{files: map[string]bool{}, dirs: map[string]bool{}, renamed: map[string]string{}}
}

func (m *memNames) addFile(k string) (bool, error) {
	if m.files[k] || m.dirs[k] {
		return false, nil
	}
	m.files[k] = true
	return true, nil
}

func (m *memNames) addDir(k string) error { m.dirs[k] = true; return nil }

func (m *memNames) isFile(k string) (bool, error) { return m.files[k], nil }

func (m *memNames) renamedDir(k string) (string, bool, error) {
	to, ok := m.renamed[k]
	return to, ok, nil
}

func (m *memNames) renameDir(k, alt string) error { m.renamed[k] = alt; return nil }
